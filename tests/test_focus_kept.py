"""A pane always has the focus on the main screen, whatever hid the focused one (issue
13: after the "terminal too small" message, and after the Due view twice with nothing
due, `j` and Enter did nothing until Tab)."""

from __future__ import annotations

import sys

import pytest

from tests.helpers.pilot import wait_until
from tui.domain.tracker import Tracker
from tui.records.card_fields import CardFields
from tui.storage.store import Store
from tui.ui.inventory_pane import CardTable


@pytest.fixture
def three_cards(content, clock):
    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock)
    for label in ("One", "Two", "Three"):
        tracker.add_card(CardFields(label, "bank", "cancel"))
    return store


async def j_moves_the_card_cursor(pilot) -> None:
    app = pilot.app
    table = app.query_one(CardTable)
    await wait_until(pilot, lambda: app.focused is table, "the card list focused again")
    before = table.cursor_row
    await pilot.press("j")
    assert table.cursor_row == before + 1


async def test_after_too_small_the_card_list_has_the_focus_again(make_app, three_cards):
    app = make_app(three_cards)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.resize_terminal(50, 15)
        await wait_until(pilot, lambda: app.screen.has_class("-too-small"), "too small")
        await pilot.resize_terminal(80, 24)
        await wait_until(pilot, lambda: not app.screen.has_class("-too-small"), "big again")
        await j_moves_the_card_cursor(pilot)


async def test_after_too_small_the_steps_keep_the_focus(make_app, three_cards):
    app = make_app(three_cards)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")  # on to the card's steps
        checklist = app.steps.checklist
        assert app.focused is checklist
        await pilot.resize_terminal(40, 10)
        await wait_until(pilot, lambda: app.screen.has_class("-too-small"), "too small")
        await pilot.resize_terminal(80, 24)
        await wait_until(pilot, lambda: app.focused is checklist, "the steps focused again")
        before = checklist.highlighted
        await pilot.press("j")
        assert checklist.highlighted == before + 1


async def test_due_view_twice_with_nothing_due_gives_the_focus_back(make_app, three_cards):
    app = make_app(three_cards)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("D")
        await wait_until(pilot, lambda: not app.query_one(CardTable).display, "nothing due")
        assert app.focused is not None  # a pane that can take it, while the list is hidden
        await pilot.press("D")
        await j_moves_the_card_cursor(pilot)


async def test_a_filter_matching_nothing_and_then_cleared_gives_the_focus_back(
    make_app, three_cards
):
    app = make_app(three_cards)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"zzz", "enter")
        await pilot.press("escape")
        await j_moves_the_card_cursor(pilot)


def test_focus_comes_back_after_too_small_in_a_real_terminal(tmux, tmp_path):
    home = tmp_path / "home"
    tmux.env.update(HOME=str(home), XDG_STATE_HOME=str(home / "state"))
    tmux.env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    tmux.start([sys.executable, "-m", "tui", "--demo"])
    tmux.wait_for("identifiers: off (demo)")
    tmux.run("resize-window", "-t", "app", "-x", "50", "-y", "15")
    tmux.wait_for("least 60x20")
    tmux.run("resize-window", "-t", "app", "-x", "80", "-y", "24")
    tmux.wait_for("┏━ Cards")  # the card list has the focus (a heavy border)
    tmux.keys("Enter")
    tmux.wait_for("┏━ Steps")  # Enter on the card: on to its steps
