"""Keys typed before a dialog the key did not ask for showed never act in it
(DialogScreen.unasked): the "Not copied" dialog (a copy that could not reach the
clipboard), and the proof or amounts that space asks for when it checks a record or a
balance step. They were typed for what the key usually does, so they are dropped when
the dialog closes. Dialogs a key is for (`a`'s form, `h`'s search, `d`'s question) take
the keys typed after that key, as tests/test_type_ahead.py holds."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from tests.helpers.pilot import settle, wait_until
from tests.test_type_ahead import burst, typed_out
from tui.base.clipboard_reach import Reach
from tui.domain.tracker import Tracker
from tui.records.card_fields import CardFields
from tui.storage.store import Store
from tui.ui.dialogs import NotCopiedDialog
from tui.ui.followup_screens import EvidenceScreen, MoneyScreen
from tui.ui.hotline_screen import HotlineScreen
from tui.ui.lost_wallet import LostWalletScreen

SIZE = (80, 24)
BLOCKED = Reach(False, "tmux", "external", "set -g set-clipboard on")


def _store(content, clock, *fields: CardFields) -> Store:
    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock)
    for card in fields:
        tracker.add_card(card)
    return store


async def test_enter_twice_in_the_hotline_search_leaves_not_copied_open(make_app, content, clock):
    """Enter copies the number; a second Enter typed before the dialog showed closed it
    unread."""
    app = make_app(_store(content, clock))
    app.copy_reach = lambda: BLOCKED
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h")
        await settle(pilot)
        assert isinstance(app.screen, HotlineScreen)
        await pilot.press(*"icbc")
        await settle(pilot)
        await typed_out(pilot, burst(app, "enter", "enter", "q"))
        assert isinstance(app.screen, NotCopiedDialog)
        await pilot.press("enter")  # typed once it showed: closes it
        await settle(pilot)
        assert app.screen is app.screen_stack[0]  # the search closed with the copy
        await wait_until(pilot, lambda: app.keys_pending == 0, "every key handled")
        assert app.is_running  # the `q` typed ahead was dropped, not handed on


@pytest.mark.parametrize("ahead", [["escape"], ["j", "q"], ["enter"]])
async def test_keys_typed_after_c_in_the_lost_wallet_list_are_not_the_dialogs(
    make_app, content, clock, ahead
):
    store = _store(
        content, clock,
        CardFields("Debit", "bank", "cancel", "工行", "CN", carried=True),
        CardFields("Credit", "bank", "cancel", "工行", "CN", carried=True),
    )
    app = make_app(store)
    app.copy_reach = lambda: BLOCKED
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("L", "enter", "y")
        await settle(pilot)
        assert isinstance(app.screen, LostWalletScreen)
        wallet = app.screen
        focused = wallet.focused
        where = getattr(focused, "highlighted", None)
        await typed_out(pilot, burst(app, "c", *ahead))
        assert isinstance(app.screen, NotCopiedDialog)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is wallet
        assert getattr(wallet.focused, "highlighted", None) == where  # dropped, not replayed
        await typed_out(pilot, burst(app, "c"))  # the next copy asks again
        assert isinstance(app.screen, NotCopiedDialog)


def _step_index(tracker: Tracker, card_id: str, wanted) -> int:
    items = tracker.view(card_id).items
    return next(n for n, item in enumerate(items) if item.step is not None and wanted(item))


@pytest.mark.parametrize(
    ("wanted", "dialog"),
    [
        (lambda item: item.step.type.name == "RECORD" and not item.step.asks, EvidenceScreen),
        (lambda item: item.step.asks == "balance", MoneyScreen),
    ],
    ids=["record step", "balance step"],
)
async def test_keys_typed_after_space_on_a_step_that_asks_are_not_typed_into_it(
    make_app, content, clock, wanted, dialog
):
    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock)
    card = tracker.add_card(CardFields("Metro card", "transit", "cancel", "", "CN"))
    index = _step_index(tracker, card.id, wanted)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("tab")
        await settle(pilot)
        checklist = app.steps.checklist
        assert app.focused is checklist
        await pilot.press(*["j"] * index)
        await wait_until(pilot, lambda: checklist.highlighted == index, "the step highlighted")
        await typed_out(pilot, burst(app, "space", "1", "2", "j"))
        assert isinstance(app.screen, dialog)
        values = [box.value for box in app.screen.query(Input)]
        assert not any("12" in value or value.endswith("j") for value in values), values
        await pilot.press("escape")
        await settle(pilot)
        assert app.focused is checklist and checklist.highlighted == index


@pytest.mark.slow
def test_in_tmux_enter_twice_and_q_leave_not_copied_open_and_the_app_running(tmux, tmp_path):
    """tmux drops copies unless `set-clipboard` is `on`; with it `external`, Enter in the
    hotline search shows "Not copied". Enter, Enter, q in one burst: the second Enter
    closed the dialog unread and `q` quit the app."""
    import sys

    tmux.env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    tmux.start([sys.executable, "-m", "tui", "--data-dir", str(tmp_path / "data"),
                "--config-dir", str(tmp_path / "config")])
    tmux.run("set-option", "-t", "app", "remain-on-exit", "on")
    tmux.run("set-option", "-s", "set-clipboard", "external")
    tmux.wait_for("identifiers: off (no keyring)")
    tmux.keys("h")
    tmux.wait_focus("Issuer, in English or Chinese")
    tmux.keys("icbc", literal=True)
    tmux.wait_typed("icbc")
    tmux.wait_for("95588")
    tmux.keys("Enter", "Enter", "q")  # one burst
    tmux.wait_for("Not copied")
    tmux.keys("Escape")
    tmux.wait_without("Not copied")
    screen = tmux.wait_for("No cards yet")
    assert "95588" not in screen  # the search closed with the copy, the list is back
    assert tmux.run("display-message", "-p", "-t", "app", "#{pane_dead}").stdout.strip() == "0"
