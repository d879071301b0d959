"""The owners' headings of a list grouped by owner (`o`): they count the cards shown
under them (a filter: "1 of 2 cards"), stay right after cards are added from a bundle,
keep their count whole under a long name, and stand out from card rows without colour
(NO_COLOR)."""

from __future__ import annotations

import pytest

from tests.helpers.pilot import settle, wait_until
from tui.domain.tracker import Tracker
from tui.records.card_fields import CardFields
from tui.storage.store import Store
from tui.ui.bundle_dialogs import BundleChecklist, BundleChoice
from tui.ui.inventory_order import HEADING
from tui.ui.inventory_pane import CardTable

SIZE = (80, 24)


def _cards(content, clock, owners) -> Store:
    """One bank card per (owner, label, tags)."""
    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock)
    for owner, label, tags in owners:
        tracker.add_card(CardFields(label, "bank", "cancel", owner=owner, tags=tags))
    return store


HOUSE = [
    ("", "ICBC debit", ""),
    ("", "Metro card", ""),
    ("Mum", "Mum's phone", ""),
    ("Mum", "Family bank", "family"),
    ("Grandma Wang", "Grandma bank", ""),
]


def _headings(app) -> dict[str, str]:
    """Each heading row's owner -> its text as drawn (the whole line, stripped)."""
    table = app.query_one(CardTable)
    found = {}
    for number, key in enumerate(table.keys_shown):
        if key.startswith(HEADING):
            found[key.removeprefix(HEADING)] = table._row_line(number).text.strip()
    return found


async def test_a_filtered_heading_counts_the_cards_shown_of_the_owners(make_app, content, clock):
    app = make_app(_cards(content, clock, HOUSE), list_order=("none", True))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        t = app.t
        assert _headings(app)["Mum"] == t("order.heading", owner="Mum", count=2)
        await pilot.press("/", *"family")
        await settle(pilot)
        shown = _headings(app)
        assert list(shown) == ["Mum"]
        assert shown["Mum"] == t("order.heading_shown", owner="Mum", shown=1, count=2)
        assert "1" in shown["Mum"] and "2" in shown["Mum"], shown
        await pilot.press("escape")
        await settle(pilot)
        assert _headings(app)["Mum"] == t("order.heading", owner="Mum", count=2)
        await pilot.press("/", *"me")  # the user's own: every one of them shown
        await settle(pilot)
        assert _headings(app)[""] == t("order.heading", owner=t("owner.me"), count=2)
        await pilot.press(*["backspace"] * 2, *"icbc")  # one of them, then all again
        await settle(pilot)
        me = t("owner.me")
        assert _headings(app)[""] == t("order.heading_shown", owner=me, shown=1, count=2)
        await pilot.press("escape")
        await settle(pilot)
        assert _headings(app)[""] == t("order.heading", owner=me, count=2)


async def test_a_grouped_list_starts_on_a_card_not_a_heading(make_app, content, clock):
    app = make_app(_cards(content, clock, HOUSE), list_order=("none", True))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = app.query_one(CardTable)
        assert table.cursor_row == 1 and app.selected_id is not None


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
async def test_headings_count_the_cards_a_bundle_added(make_app, content, clock, lang):
    app = make_app(_cards(content, clock, HOUSE), lang=lang, list_order=("none", True))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        t = app.t
        me = t("owner.me")
        await pilot.press("/", *me)  # the filter first: the cells it drew are kept
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("b")
        await wait_until(pilot, lambda: isinstance(app.screen, BundleChoice), "the bundles")
        await pilot.press("enter")  # the first: lost wallet, five cards, the user's
        await wait_until(pilot, lambda: isinstance(app.screen, BundleChecklist), "its cards")
        await pilot.press("enter")
        await wait_until(pilot, lambda: len(app.tracker.views()) == 10, "the cards added")
        await settle(pilot)
        assert _headings(app)[""] == t("order.heading", owner=me, count=7)
        await pilot.press("/", *me)
        await settle(pilot)
        assert _headings(app)[""] == t("order.heading", owner=me, count=7)


async def test_a_long_owners_heading_keeps_its_count(make_app, content, clock):
    owner = "王" * 30
    app = make_app(
        _cards(content, clock, [("", "Mine", ""), (owner, "王的卡", "")]),
        lang="zh-CN", list_order=("none", True),
    )
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        line = _headings(app)[owner]
        count = app.t("order.heading", owner="", count=1).strip(" ·")
        assert line.endswith(count) and line.startswith("王王"), line
        assert "…" in line, line


async def test_headings_stand_out_without_colour(make_app, content, clock, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(_cards(content, clock, HOUSE), list_order=("none", True))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = app.query_one(CardTable)
        for number, key in enumerate(table.keys_shown):
            if number == table.cursor_row:
                continue  # the cursor's own look
            line = table._row_line(number)
            words = [s for s in line if s.text.strip()]
            heading = key.startswith(HEADING)
            assert all(bool(s.style and s.style.bold) == heading for s in words), (key, words)
