"""The lost-wallet journey in a real terminal (tmux at 80x24), in English and in
Chinese: five cards, two of them marked as carried in the wallet; `L` picks those two,
asks, switches them to report lost; a call recorded with its reference for each on the
calls screen. The other three cards' progress records are byte for byte what they
were in the data file, and switching one of the two back to its earlier intent (in
its form) brings back what had been checked for it."""

from __future__ import annotations

import json
import sys

import pytest

from tui.base.i18n import Catalog
from tui.domain.tracker import Tracker
from tui.records.card_fields import CardFields
from tui.storage.json_spans import record_texts
from tui.storage.store import DB_FILENAME, Store

# (label, kind, intent, issuer, region, carried, steps checked)
CARDS = (
    ("Shanghai card", "transit", "cancel", "Shanghai transport card", "CN", False, 7),
    ("ICBC debit", "bank", "cancel", "ICBC", "CN", True, 2),
    ("Social security", "social-security", "cancel", "Shanghai HRSS Bureau", "CN", False, 2),
    ("China Mobile eSIM", "esim", "port-out", "China Mobile", "CN", False, 3),
    ("US credit", "bank", "cancel", "", "US", True, 1),
)
CARRIED = ("ICBC debit", "US credit")


def _seed(path, content, clock) -> dict[str, str]:
    """The five cards in the data file at `path`, with their steps checked; their ids."""
    store = Store.open(path)
    tracker = Tracker(store, content.playbooks, clock, issuers=content.issuers)
    ids = {}
    for label, kind, intent, issuer, region, carried, checked in CARDS:
        network = "visa" if region == "US" else ""
        fields = CardFields(label, kind, intent, issuer, region, network=network, carried=carried)
        card = tracker.add_card(fields)
        ids[label] = card.id
        for item in tracker.view(card.id).items[:checked]:
            tracker.toggle_step(card.id, item.step_id)
    store.close()
    return ids


def _records(path, ids: dict[str, str], labels) -> dict[tuple[str, str], bytes]:
    """The progress record and the card record of each card named, as their bytes in
    the data file, by (table, label)."""
    data = path.read_bytes()
    tables = json.loads(data)
    wanted = {}
    for table, field in (("progress", "card_id"), ("cards", "id")):
        keys = {doc[field]: key for key, doc in tables[table].items()}
        wanted.update({(table, label): (table, keys[ids[label]]) for label in labels})
    texts = record_texts(data, set(wanted.values()))
    return {name: texts[where] for name, where in wanted.items()}


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_lost_wallet_journey_keeps_the_other_cards_and_the_earlier_progress(
    tmux, tmp_path, content, clock, lang
):
    t = Catalog(content.strings, lang)
    data, config = tmp_path / "data", tmp_path / "config"
    data.mkdir()
    path = data / DB_FILENAME
    ids = _seed(path, content, clock)
    others = [label for label, *_ in CARDS if label not in CARRIED]
    before = _records(path, ids, others)
    earlier = {label: Store.open(path).progress(ids[label]) for label in CARRIED}
    assert all(earlier.values())

    command = [
        sys.executable, "-m", "tui", "--data-dir", str(data), "--config-dir", str(config),
        "--lang", lang,
    ]  # fmt: skip
    tmux.env.pop("DBUS_SESSION_BUS_ADDRESS", None)  # as over SSH: no keyring
    tmux.start(command)
    tmux.wait_for("ICBC debit")  # the list is up (a longer name may be cut)
    tmux.keys("L")
    screen = tmux.wait_for(t("lost.pick_title"))
    rows = {line.split("▌ ", 1)[1].split(" · ")[0]: line for line in screen.splitlines()
            if "▐" in line and " · " in line}  # fmt: skip
    assert set(rows) == {label for label, *_ in CARDS}, screen
    for label, line in rows.items():
        mark = "▐X▌" if label in CARRIED else "▐ ▌"
        assert f"{mark} {label} · " in line, (label, line)
    tmux.keys("Enter")
    # the question: how many switch (up to the names, which may wrap), and what is kept
    tmux.wait_for(t("lost.confirm", count=2, labels="\0").split("\0")[0])
    tmux.keys("y")
    tmux.wait_for(t("lost.title"))
    tmux.wait_for(t("lost.count", left=2, total=2))
    for number, label in enumerate(("ICBC debit", "US credit"), 1):
        tmux.keys("Space")  # called: the reference is asked
        tmux.wait_for(t("lost.reference_title", label=label))
        # the field, empty: its placeholder's digits (the helper reads a wide character
        # as two cells, so a Chinese placeholder is not found as typed)
        tmux.wait_focus("2026112400123")
        reference = f"REF-{lang}-{number}"
        tmux.keys(reference, literal=True)
        tmux.wait_typed(reference)
        tmux.keys("Enter")
        tmux.wait_for(t("lost.count", left=2 - number, total=2))
    tmux.keys("Escape")
    tmux.wait_without(t("lost.title"))
    tmux.keys("q")
    tmux.wait_gone()

    assert _records(path, ids, others) == before  # byte for byte: progress, and the card
    store = Store.open(path)
    for number, label in enumerate(("ICBC debit", "US credit"), 1):
        card = store.card(ids[label])
        assert card.intent.value == "report-lost"
        calls = [e for e in store.log(card.id) if e.event == "lost.called"]
        assert [e.params["reference"] for e in calls] == [f"REF-{lang}-{number}"]
        assert store.checklists(card.id)["bank/cancel"] == earlier[label]  # kept aside
    store.close()

    # switch ICBC debit back to cancel in its form: what was checked comes back
    tmux.start(command)
    tmux.wait_for("ICBC debit")  # the list is up (a longer name may be cut)
    for _ in range(CARDS.index(CARDS[1])):
        tmux.keys("j")
    # report-lost: its call checked, and the step keeping the reference as proof
    tmux.wait_for(t("steps.count", done=2, total=10))
    tmux.keys("e")
    tmux.wait_for(t("secrets.offer_title"))  # no keyring here: where to keep numbers?
    tmux.keys("n")  # not now: the intent needs none
    tmux.wait_for(t("form.edit_title"))
    tmux.wait_focus("ICBC debit")  # the name field, its value (the first line with it)
    tmux.keys("Tab")
    _wait_focus(tmux, t("kind.bank"))
    tmux.keys("Tab")
    _wait_focus(tmux, t("intent.report-lost"))
    tmux.keys("Enter")  # its list opens
    _wait_highlight(tmux, t("intent.report-lost"))
    tmux.keys("Home")
    _wait_highlight(tmux, t("intent.cancel"))
    tmux.keys("Enter")
    tmux.keys("C-s")
    cancel = content.playbooks.find(*_kind_intent("bank", "cancel"), region="CN")
    tmux.wait_for(t("steps.count", done=2, total=len(cancel.steps)))
    tmux.keys("q")
    tmux.wait_gone()
    store = Store.open(path)
    assert store.progress(ids["ICBC debit"]) == earlier["ICBC debit"]
    assert store.card(ids["ICBC debit"]).intent.value == "cancel"
    store.close()
    assert _records(path, ids, others) == before


def _cells_of(row) -> tuple[list, str]:
    """The cells of a row that hold a character (a wide one's right half left out),
    and their text: an index in the text is an index in the list."""
    cells = [cell for cell in row if cell.data]
    return cells, "".join(cell.data for cell in cells)


def _focused(rows, text: str) -> bool:
    """tests/helpers/terminal.py's `field_focused`, with wide characters read as one:
    the field showing `text` on the first line holding it is drawn on a background of
    its own, unlike the dialog's edge left of it."""
    for row in rows:
        cells, line = _cells_of(row)
        start = line.find(text)
        if start < 0:
            continue
        left = max(line.rfind(edge, 0, start) for edge in "│┃")
        right = min((at for at in range(start, len(line)) if line[at] in "│┃"), default=len(line))
        return any(cells[x].bg != cells[max(left, 0)].bg for x in range(start, right))
    return False


def _wait_focus(tmux, text: str) -> None:
    tmux.wait_until(f"the focus on the field of {text!r}", lambda rows: _focused(rows, text),
                    tmux.cells)  # fmt: skip


def _highlighted(rows, text: str) -> bool:
    """`text` is the highlighted option of a list (bold, on a background of its own),
    read with each wide character as one (tests/helpers/terminal.py's `highlighted`
    reads its right half as another character, so it finds no Chinese text)."""
    for row in rows:
        cells, line = _cells_of(row)
        start = line.find(text)
        if start > 0:
            found = cells[start : start + len(text)]
            if all(c.bold and c.bg == found[0].bg for c in found):
                if found[0].bg != cells[start - 1].bg:
                    return True
    return False


def _wait_highlight(tmux, text: str) -> None:
    tmux.wait_until(f"{text!r} highlighted in a list", lambda rows: _highlighted(rows, text),
                    tmux.cells)  # fmt: skip


def _kind_intent(kind: str, intent: str):
    from tui.records.kinds import Intent, Kind

    return Kind(kind), Intent(intent)
