"""`cardoff-tui due` prints its columns lined up in terminal cells, in English and in
Chinese (a Chinese character takes two cells): the date, how late, then the card."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import subprocess
import sys

import pytest
from rich.cells import cell_len

from tui.records.card_fields import CardFields
from tui.records.model import Card
from tui.storage.store import DB_FILENAME, Store

START = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def _seed(data, lates: list[int]) -> None:
    """A card per number of days late (0: due today), each with a label of its own."""
    store = Store.open(data / DB_FILENAME)
    today = dt.date.today()
    with store.transaction():
        for n, late in enumerate(lates):
            card = Card.create(CardFields(f"Card {n}", "other", "cancel", "Issuer"), START)
            day = (today - dt.timedelta(days=late)).isoformat()
            store.save_card(dataclasses.replace(card, follow_up=day))
    store.close()


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_due_lines_up_dates_lateness_and_cards_in_cells(tmp_path, lang):
    # dates of different widths (Dec 1, 2026 / Nov 21, 2026: the 1st of this month and
    # a day past the 20th of the last), lateness of 0, 1 and 2 digits
    today = dt.date.today()
    first = (today - today.replace(day=1)).days
    lates = sorted({0, 1, 10, first, first + 6})
    _seed(tmp_path, lates)
    env = {k: v for k, v in os.environ.items() if not k.startswith("LC_") and k != "LANG"}
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    result = subprocess.run(
        [sys.executable, "-m", "tui", "--lang", lang, "--data-dir", str(tmp_path),
         "--config-dir", str(tmp_path / "config"), "due"],
        capture_output=True, text=True, encoding="utf-8", env=env, timeout=120, check=False,
    )
    assert result.returncode == 1, result.stderr  # a card is overdue
    lines = result.stdout.splitlines()
    assert len(lines) == len(lates), result.stdout
    label_starts = {cell_len(line[: line.index("Card ")]) for line in lines}
    assert len(label_starts) == 1, result.stdout  # every card's label in the same cell
    assert len({_when_start(line) for line in lines}) == 1, result.stdout  # and lateness


def _when_start(line: str) -> int:
    """The cell where the lateness starts: after the date (up to the first two spaces
    that follow a non-space)."""
    day = line.split("  ")[0]
    rest = line[len(day):]
    return cell_len(day) + len(rest) - len(rest.lstrip(" "))
