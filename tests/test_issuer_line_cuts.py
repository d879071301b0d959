"""Text cut to fit is cut at a word or separator boundary where one keeps enough, and
never with a space or separator right before the "…" (tui/ui/text_cuts.py): the
issuer line above the steps (two rows; the issuer's name stays on the first row with
its number, shortened the same way for every card), the card list's cells and the
status line. A number is never split."""

from __future__ import annotations

import re

import pytest
from rich.cells import cell_len
from rich.text import Text

from tests.helpers.pilot import settle
from tests.test_narrow_screen import CARDS as NARROW_CARDS
from tests.test_narrow_screen import fill, screen_lines
from tui.domain.tracker import Tracker
from tui.records.card_fields import CardFields
from tui.storage.store import Store
from tui.ui.card_lines import IssuerLine
from tui.ui.text_cuts import cut_to

# issuers of the shipped directory with long names and numbers, as a person who moved
# away from Shanghai has them (the tester's `Shanghai…` / `Guangzho…` at 60 columns)
CARDS = [
    ("Metro", "transit", "cancel", "Shanghai transport card", "CN"),
    ("Social security", "social-security", "cancel", "Shanghai social security card", "CN"),
    ("GZ social security", "social-security", "cancel", "Guangzhou social security card", "CN"),
    ("Yang Cheng Tong", "transit", "cancel", "Guangzhou Yang Cheng Tong", "CN"),
    ("Debit", "bank", "report-lost", "ICBC", "CN"),
    ("eSIM", "esim", "port-out", "China Mobile", "CN"),
    ("Credit", "bank", "cancel", "Chase", "US"),
    ("Travel", "bank", "suspend", "HSBC", "HK"),
    ("Beijing social security", "social-security", "cancel",
     "Beijing Municipal Human Resources and Social Security Bureau", "CN"),
    ("SPDB", "bank", "report-lost", "Shanghai Pudong Development Bank", "CN"),
]
# a space or separator right before "…"
STRAY = re.compile(r"[\s·•・,，、;；:：(（/|☎\-–—]…")
NUMBER = re.compile(r"☎ (\+?[\d][\d \-]*\d)")


def issuer_rows(app) -> tuple[IssuerLine, list[str]]:
    line = app.query_one(IssuerLine)
    return line, str(line.render()).split("\n")


@pytest.mark.parametrize("abroad", [False, True], ids=["at home", "abroad"])
@pytest.mark.parametrize("lang", ["en", "zh-CN"])
@pytest.mark.parametrize("size", [(60, 20), (80, 24), (120, 40)])
async def test_the_issuer_line_cuts_at_words_and_keeps_names_on_their_row(
    make_app, content, clock, lang, size, abroad
):
    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock, issuers=content.issuers)
    for card in CARDS:
        tracker.add_card(CardFields(*card))
    app = make_app(store, lang=lang, abroad=abroad)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        for number in range(len(CARDS)):
            if number:
                await pilot.press("j")
                await settle(pilot)
            line, rows = issuer_rows(app)
            width = line.content_size.width
            assert line.display and line.size.height == IssuerLine.ROWS
            assert len(rows) <= IssuerLine.ROWS, rows
            assert all(cell_len(row) <= width for row in rows), (width, rows)
            shown = "\n".join(rows)
            assert not STRAY.search(shown), rows
            found = NUMBER.search(shown)
            if found is None:
                continue  # no number for this situation: said in words
            assert "\n" not in found.group(0), rows  # the number on one row
            first = rows[0]
            assert found.group(0) in first, rows  # with the name, on the first row
            name_shown = first[: first.index(" ☎ ")]
            if name_shown.endswith("…"):
                kept = name_shown[:-1]
                if lang == "en" and " " in kept:
                    # at a word boundary: what follows in the full name is a space
                    full = next(
                        i.name.get(lang) for i in content.issuers.issuers.values() if
                        i.name.get(lang).startswith(kept)
                    )
                    assert full[len(kept)] == " ", (kept, full)


CALL = "☎ 12345 (report lost) · from abroad · source"


@pytest.mark.parametrize(
    ("text", "cells", "expected"),
    [
        (CALL, 30, "☎ 12345 (report lost) · from…"),
        (CALL, 38, "☎ 12345 (report lost) · from abroad…"),
        (CALL, 24, "☎ 12345 (report lost)…"),
        ("Industrial and Commercial Bank of China", 17, "Industrial and…"),
        ("Industrial and Commercial Bank of China", 16, "Industrial and…"),
        ("Shanghai Public Transportation Card", 16, "Shanghai Public…"),
        # a number in a label is not cut into a wrong one
        ("ICBC debit card ending 4321 — salary account", 26, "ICBC debit card ending…"),
        ("ICBC debit card ending 4321 — salary account", 30, "ICBC debit card ending 4321…"),
        # a first word too long for the room is cut within it
        ("Transportationcardcompany of Shanghai", 12, "Transportat…"),
        ("上海公共交通卡（旧卡，有余额）", 15, "上海公共交通卡…"),
        ("上海公共交通卡（旧卡，有余额）", 20, "上海公共交通卡（旧…"),
        ("上海公共交通卡（旧卡，有余额）", 21, "上海公共交通卡（旧卡…"),
        ("short", 10, "short"),
    ],
)
def test_cut_to_cuts_at_a_boundary_and_never_after_a_separator(text, cells, expected):
    cut = cut_to(Text(text), cells)
    assert cut.plain == expected
    assert cut.cell_len <= cells


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
@pytest.mark.parametrize("size", [(60, 20), (80, 24)])
async def test_the_card_list_cuts_labels_at_words(make_app, content, clock, lang, size):
    store = Store.in_memory()
    fill(Tracker(store, content.playbooks, clock), lang)
    app = make_app(store, lang=lang)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        rows = screen_lines(app)[3:8]
        assert sum("…" in row for row in rows) >= 3, rows
        assert not any(STRAY.search(row) for row in rows), rows
        if lang == "en":
            labels = [label for label, *_ in NARROW_CARDS[lang]]
            for row in rows:
                cell = row.strip("│┃ ").split("…")[0]
                if "…" in row and " " in cell:
                    full = next(label for label in labels if label.startswith(cell))
                    assert full[len(cell)] in " —,(-", (cell, full)
