"""A filter that an action (not the user's typing) leaves with no card to show.

Found from outside: with a filter matching one card, deleting that card hid the card
list, and Textual handed the focus to the filter line, so `u` (undo, as the status
line offers) was typed into the filter. Clearing with Backspace a filter that matched
nothing showed the list scrolled with its first rows hidden: the list had scrolled to
its cursor while it was hidden and had no height.
"""

from __future__ import annotations

import sys

import pytest

from tests.helpers.pilot import settle, wait_until
from tests.helpers.terminal import row_text
from tui.domain.tracker import Tracker
from tui.records.card_fields import CardFields
from tui.storage.store import DB_FILENAME, Store
from tui.ui.filter_input import FilterInput
from tui.ui.inventory_pane import CardTable
from tui.ui.log_pane import LogList


def _cards(tracker: Tracker, count: int) -> None:
    for number in range(1, count + 1):
        tracker.add_card(CardFields(f"Card {number:02}", "bank", "cancel"))


@pytest.fixture
def five_cards(content, clock):
    store = Store.in_memory()
    _cards(Tracker(store, content.playbooks, clock), 5)
    return store


async def test_enter_right_after_emptying_a_filter_that_matched_nothing_goes_to_the_list(
    make_app, five_cards
):
    """Backspace then Enter before the filter line's Changed message came (fast, or on
    a busy machine): Enter found no card selected yet and stayed in the line."""
    app = make_app(five_cards)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", "q")
        await wait_until(pilot, lambda: app.inventory.selected_id is None, "no match")
        app.query_one(FilterInput).value = ""  # its Changed message not handled yet
        app.action_enter_key()
        await settle(pilot)
        assert app.focused is app.query_one(CardTable)
        assert app.inventory.selected_id is not None


async def _filter_to_card_03(pilot) -> CardTable:
    """Filter to `Card 03` alone and go back to the list (Enter)."""
    app = pilot.app
    await pilot.press("slash", *"card 03", "enter")
    table = app.query_one(CardTable)
    await wait_until(pilot, lambda: app.focused is table, "the list focused after Enter")
    assert table.keys_shown == [app.inventory.selected_id]
    return table


async def test_undo_after_deleting_the_only_match_restores_it(make_app, five_cards):
    app = make_app(five_cards)
    async with app.run_test(size=(80, 24)) as pilot:
        table = await _filter_to_card_03(pilot)
        deleted = app.inventory.selected_id
        await pilot.press("d", "y")
        await settle(pilot)
        await wait_until(pilot, lambda: not table.display, "the list hidden: nothing matches")
        assert not isinstance(app.focused, FilterInput)
        assert app.focused is app.query_one(LogList)  # a pane stands in for the list
        await pilot.press("u")
        await settle(pilot)
        await wait_until(pilot, lambda: app.focused is table, "the list focused again")
        assert app.query_one(FilterInput).value == "card 03"  # nothing typed into it
        assert app.inventory.selected_id == deleted
        assert len(app.tracker.views()) == 5


async def test_the_due_view_hiding_every_match_leaves_the_filter_line_alone(make_app, five_cards):
    """A sibling: `D` with nothing due, in the list while a filter is open."""
    app = make_app(five_cards)
    async with app.run_test(size=(80, 24)) as pilot:
        table = await _filter_to_card_03(pilot)
        await pilot.press("D")
        await wait_until(pilot, lambda: not table.display, "nothing due")
        await wait_until(pilot, lambda: app.focused is not None, "a pane focused")
        assert not isinstance(app.focused, FilterInput)
        await pilot.press("D")
        await wait_until(pilot, lambda: app.focused is table, "the list focused again")
        assert app.query_one(FilterInput).value == "card 03"


async def test_escape_in_another_pane_clears_a_filter_that_hides_every_card(make_app, five_cards):
    """The list's hint says Escape clears the filter; the focus is on another pane."""
    app = make_app(five_cards)
    async with app.run_test(size=(80, 24)) as pilot:
        table = await _filter_to_card_03(pilot)
        await pilot.press("d", "y")
        await settle(pilot)
        await wait_until(pilot, lambda: not table.display, "nothing matches")
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.focused is table, "the list back, focused")
        assert not app.inventory.filtering and len(table.keys_shown) == 4


async def test_escape_in_a_dialog_closes_the_dialog_not_the_filter(make_app, five_cards):
    app = make_app(five_cards)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"zzz")
        await wait_until(pilot, lambda: not app.query_one(CardTable).display, "no match")
        await pilot.press("f1")
        await wait_until(pilot, lambda: len(app.screen_stack) == 2, "the help open")
        await pilot.press("escape")
        await wait_until(pilot, lambda: len(app.screen_stack) == 1, "the help closed")
        assert app.inventory.filtering


@pytest.mark.parametrize("cursor", [0, 2, 5, 19])
async def test_a_filter_cleared_after_no_match_shows_the_list_from_the_top(
    make_app, content, clock, cursor
):
    """The selected card in view, the list scrolled no further than that needs."""
    store = Store.in_memory()
    _cards(Tracker(store, content.playbooks, clock), 20)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.query_one(CardTable)
        await pilot.press(*["j"] * cursor)
        selected = app.inventory.selected_id
        await pilot.press("slash", "q")
        await wait_until(pilot, lambda: not table.display, "no match")
        await pilot.press("backspace")
        await wait_until(pilot, lambda: table.display and table.size.height > 1, "the list")
        await pilot.pause()
        rows_shown = table.size.height - 1
        assert app.inventory.selected_id == selected
        assert table.scroll_y == max(cursor - rows_shown + 1, 0)


def _data_with(tmp_path, count: int):
    from tui.base.paths import content_dir
    from tui.library.content import load_content

    data = tmp_path / "data"
    store = Store.open(data / DB_FILENAME)
    _cards(Tracker(store, load_content(content_dir()).playbooks), count)
    store.close()
    return data


def _start(tmux, tmp_path, data, size=(80, 24)) -> None:
    home = tmp_path / "home"
    tmux.env.update(HOME=str(home), XDG_STATE_HOME=str(home / "state"))
    tmux.env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    tmux.start([sys.executable, "-m", "tui", "--data-dir", str(data)])
    if size != (80, 24):
        tmux.run("resize-window", "-t", "app", "-x", str(size[0]), "-y", str(size[1]))
    tmux.wait_for("cards ━")


def _selected_card(rows) -> str | None:
    """The label of the card list's cursor row: drawn bold, as no other row is."""
    for row in rows:
        line = row_text(row)
        start = line.find("Card ")
        if start > 0 and "Bank" in line and all(c.bold for c in row[start : start + 7]):
            return line[start : start + 7]
    return None


def _wait_selected(tmux, label: str) -> None:
    tmux.wait_until(f"{label} selected", lambda rows: _selected_card(rows) == label, tmux.cells)


def test_undo_after_deleting_the_only_match_in_a_real_terminal(tmux, tmp_path):
    _start(tmux, tmp_path, _data_with(tmp_path, 3))
    tmux.keys("/")
    tmux.wait_focus("Filter cards")
    tmux.keys("-l", "card 02")
    tmux.wait_for("1 of 3 shown")
    tmux.keys("Enter")
    tmux.wait_for("┏━ Cards")  # the list has the focus again (a heavy border)
    tmux.keys("d")
    tmux.wait_for("Delete Card 02")
    tmux.keys("y")
    tmux.wait_for("Press u to undo")
    tmux.wait_for("┏━ Log")  # the log stands in for the hidden list
    tmux.keys("u")
    screen = tmux.wait_for("Restored Card 02")
    tmux.wait_for("┏━ Cards")
    screen = tmux.wait_for("1 of 3 shown")
    assert "card 02u" not in screen and "“u”" not in screen


@pytest.mark.parametrize(("size", "cursor"), [((80, 24), 2), ((60, 20), 2), ((80, 24), 5)])
def test_a_filter_cleared_after_no_match_in_a_real_terminal(tmux, tmp_path, size, cursor):
    _start(tmux, tmp_path, _data_with(tmp_path, 20), size)
    tmux.keys(*["j"] * cursor)
    _wait_selected(tmux, f"Card {cursor + 1:02}")
    tmux.keys("/")
    tmux.wait_focus("Filter cards")
    tmux.keys("q")
    tmux.wait_for("No card matches")
    tmux.keys("BSpace")
    tmux.wait_for(" 20 cards ━")  # the list's count (the header says "0/20 cards closed")
    tmux.keys("Enter")  # back to the list, whose cursor row is bold when focused
    _wait_selected(tmux, f"Card {cursor + 1:02}")
    screen = tmux.capture().text
    rows = [line for line in screen.split("\n") if "Card " in line and "Bank" in line]
    first = int(rows[0].split("Card ")[1][:2])
    # the rows begin with the first card whenever the selected one fits below it
    assert first == max(cursor + 2 - len(rows), 1), screen


def test_escape_then_a_key_in_one_read_closes_the_filter_and_moves(tmux, tmp_path):
    # tmux writes `Escape j` at once (as a fast typist over SSH sends them); Textual
    # read ESC j as alt+j, typed `j` into the filter and kept it open
    _start(tmux, tmp_path, _data_with(tmp_path, 5))
    tmux.keys("/")
    tmux.wait_focus("Filter cards")
    tmux.keys("-l", "card")
    tmux.wait_for("5 of 5 shown")
    tmux.keys("Escape", "j")
    _wait_selected(tmux, "Card 02")
    screen = tmux.capture().text
    assert "cardj" not in screen and "5 cards" in screen, screen
