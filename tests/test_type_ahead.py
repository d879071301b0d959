"""Keys typed in one burst (fast typing, tmux send-keys, a slow SSH link catching up)
land where the user meant them, and act on what is there when they are handled
(issue 13: `d y t` crashed with no_such_card, `h icbc Enter Enter` with
ScreenStackError, `aeSIM` left the form's Name empty)."""

from __future__ import annotations

import sys

import pytest
from textual import events
from textual.widgets import Input

from tests.helpers.pilot import settle, wait_until
from tui.domain.tracker import Tracker
from tui.records.card_fields import CardFields
from tui.storage.store import Store
from tui.ui.card_form import CardForm
from tui.ui.dialog_screen import DialogScreen
from tui.ui.hotline_screen import HotlineScreen
from tui.ui.inventory_pane import CardTable

LABELS = ("Old eSIM", "Metro card", "Visa")


def burst(app, *keys: str) -> list[bool]:
    """Every key at once, as a terminal delivers a burst: nothing waits in between
    (Pilot's press lets the app go idle after each key). Returns a flag that turns true
    once the app has taken every key from its queue."""
    for key in keys:
        app.post_message(events.Key(key, key if len(key) == 1 else None))
    taken: list[bool] = []
    app.call_later(taken.append, True)  # queued behind the keys
    return taken


async def typed_out(pilot, taken: list[bool]) -> None:
    """Wait until the app has taken the burst's keys and handled every one."""
    app = pilot.app
    await wait_until(pilot, lambda: taken and app.keys_pending == 0, "the typed keys handled")
    await settle(pilot)


@pytest.fixture
def three_cards(content, clock):
    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock)
    for label in LABELS:
        tracker.add_card(CardFields(label, "bank", "cancel"))
    return store


@pytest.mark.parametrize(
    ("after", "opens"),
    [
        ("t", None),
        ("e", "CardForm"),
        ("r", None),
        ("n", "EvidenceScreen"),
        ("f", "FollowUpScreen"),
        ("m", "MoneyScreen"),
        ("h", "HotlineScreen"),
        ("c", None),
        ("x", None),
    ],
)
async def test_delete_then_a_key_acts_on_the_card_that_is_there(
    make_app, three_cards, after, opens
):
    app = make_app(three_cards)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        taken = burst(app, "d", "y", after)
        await wait_until(pilot, lambda: len(app.tracker.views()) == 2, "the card deleted")
        await typed_out(pilot, taken)
        assert app.is_running
        if opens is None:  # still on the main screen
            assert app.screen is app.screen_stack[0]
        else:
            assert type(app.screen).__name__ == opens
        remaining = {v.card.id for v in app.tracker.views()}
        assert app.selected_id in remaining


async def test_delete_twice_in_a_burst_deletes_two_cards(make_app, three_cards):
    app = make_app(three_cards)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        taken = burst(app, "d", "y", "d", "y")
        await wait_until(pilot, lambda: len(app.tracker.views()) == 1, "two cards deleted")
        await typed_out(pilot, taken)
        assert app.is_running and app.screen is app.screen_stack[0]


@pytest.mark.parametrize("round_", range(5))
async def test_hotline_enter_twice_closes_it_once_and_the_second_reaches_the_list(
    make_app, three_cards, round_
):
    app = make_app(three_cards)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        taken = burst(app, "h", *"icbc", "enter", "enter")
        await wait_until(pilot, lambda: "95588" in app.clipboard, "the number copied")
        await typed_out(pilot, taken)
        assert app.is_running
        assert len(app.screen_stack) == 1
        # the second Enter went to the card list: on to the card's steps
        assert app.focused is app.steps.checklist


@pytest.mark.parametrize(
    ("keys", "screen", "field", "value"),
    [
        (("a", *"eSIM"), CardForm, "#label", "eSIM"),
        (("h", *"ICBC"), HotlineScreen, "#hotline-query", "ICBC"),
        (("slash", *"Visa"), None, "#filter", "Visa"),
        (
            ("a", *"Old phone with a long name, typed fast"),
            CardForm,
            "#label",
            "Old phone with a long name, typed fast",
        ),
    ],
)
@pytest.mark.parametrize("hold_limit", [None, 0.0])  # 0: a machine too busy for the limit
async def test_keys_typed_after_a_dialog_key_reach_that_dialog(
    make_app, three_cards, monkeypatch, keys, screen, field, value, hold_limit
):
    if hold_limit is not None:
        monkeypatch.setattr("tui.ui.type_ahead.HOLD_LIMIT_SECONDS", hold_limit)
    app = make_app(three_cards)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        taken = burst(app, *keys)
        await typed_out(pilot, taken)
        if screen is not None:
            assert isinstance(app.screen, screen)
        box = app.screen.query_one(field, Input)
        assert box.value.endswith(value)
        assert app.focused is box


async def test_keys_typed_during_a_save_go_to_what_comes_after_it(make_app, three_cards):
    app = make_app(three_cards)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        taken = burst(app, "a", *"New", "ctrl+s", "j", "j")
        await wait_until(pilot, lambda: len(app.tracker.views()) == 4, "the card added")
        await typed_out(pilot, taken)
        assert app.screen is app.screen_stack[0]
        # the form closed on the new (last) card; j j went to the list, at its end
        table = app.query_one(CardTable)
        assert app.focused is table and table.cursor_row == 3


async def test_a_refused_save_keeps_the_keys_typed_meanwhile_in_the_form(make_app, three_cards):
    app = make_app(three_cards)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        taken = burst(app, "a", "ctrl+s", *"Late")  # no name: the save is refused
        await typed_out(pilot, taken)
        assert isinstance(app.screen, CardForm)
        assert app.screen.query_one("#label", Input).value == "Late"


async def test_a_dialog_gives_its_answer_once(make_app, three_cards):
    app = make_app(three_cards)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("d")
        await wait_until(pilot, lambda: isinstance(app.screen, DialogScreen), "the question")
        dialog = app.screen
        dialog.dismiss(False)
        dialog.dismiss(True)  # again, as a second key would: nothing happens
        await settle(pilot)
        assert app.is_running and len(app.screen_stack) == 1
        assert len(app.tracker.views()) == 3


@pytest.mark.parametrize(
    ("keys", "expect"),
    [
        (["d", "y", "t"], " entr"),
        (["j", "d"], "Delete Keep my number"),  # the card moved to, not the one left
        (["a", "e", "S", "I", "M"], "Add a card"),
        (["h", "I", "C", "B", "C"], "中国工商银行"),
        (["h", "i", "c", "b", "c", "Enter", "Enter"], "Copied 95588"),
    ],
)
def test_bursts_in_a_real_terminal(tmux, tmp_path, keys, expect):
    """One send-keys call: tmux writes the keys at once, as a fast typist or a slow
    link does. The app must neither stop nor lose what was typed."""
    home = tmp_path / "home"
    tmux.env.update(HOME=str(home), XDG_STATE_HOME=str(home / "state"))
    tmux.env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    tmux.start([sys.executable, "-m", "tui", "--demo"])
    tmux.run("set-option", "-t", "app", "remain-on-exit", "on")
    tmux.run("set-option", "-s", "set-clipboard", "on")  # so a copy can reach tmux
    tmux.wait_for("identifiers: off (demo)")
    tmux.keys(*keys)
    screen = tmux.wait_for(expect)
    if keys[0] == "a":
        tmux.wait_typed("eSIM")  # in the Name field
    if keys[0] == "h" and keys[1] == "I":
        tmux.wait_typed("ICBC")  # in the search field
    screen = tmux.capture().text
    assert "stopped on an unexpected error" not in screen
    assert tmux.run("display-message", "-p", "-t", "app", "#{pane_dead}").stdout.strip() == "0"
    assert not list((home / "state").rglob("crash-*.txt"))


@pytest.mark.parametrize(
    "keys",
    [
        ("a", "tab", "enter", "pagedown"),  # the form's Kind drop-down, just opened
        ("L", "pagedown"),  # the lost-wallet list, in a dialog with no room
        ("L", "pageup"),
        ("enter", "pagedown", "pagedown"),
        ("ctrl+p", "pagedown"),  # Textual's own command palette
    ],
)
async def test_page_keys_on_a_list_with_no_room_do_nothing(make_app, three_cards, keys):
    """A KeyError in the Select drop-down on PageDown came from a long fuzz run: any
    list that has not been given a size yet raised it (tui/ui/textual_fixes.py)."""
    app = make_app(three_cards)
    async with app.run_test(size=(40, 10)) as pilot:
        await pilot.pause()
        taken = burst(app, *keys)
        await typed_out(pilot, taken)
        assert app.is_running


async def test_textuals_own_screen_dismissed_twice_keeps_the_main_screen(make_app, three_cards):
    """The fuzz found it before the keys were handled one at a time: Enter twice in the
    command palette closed it, then asked to close the main screen (ScreenStackError)."""
    from textual.command import CommandPalette

    app = make_app(three_cards)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await wait_until(pilot, lambda: isinstance(app.screen, CommandPalette), "the palette")
        palette = app.screen
        palette.dismiss()
        palette.dismiss()
        await settle(pilot)
        assert app.is_running and len(app.screen_stack) == 1


@pytest.mark.parametrize("moves", [("j",), ("j", "j"), ("G",), ("j", "k", "j")])
async def test_on_a_slow_machine_keys_wait_as_long_as_the_app_is_busy(
    make_app, three_cards, monkeypatch, moves
):
    # on a loaded machine a move can take longer than the time limit, which is for a
    # dialog stuck on its answer (a keyring that does not answer), not for an app that
    # is busy: `j d` must still ask about the card moved to. A limit of 0 makes every
    # held key late at once, as a very busy machine does.
    monkeypatch.setattr("tui.ui.type_ahead.HOLD_LIMIT_SECONDS", 0.0)
    app = make_app(three_cards)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        taken = burst(app, *moves, "d")
        await typed_out(pilot, taken)
        table = app.query_one(CardTable)
        label = LABELS[table.cursor_row]
        assert isinstance(app.screen, DialogScreen)
        assert f"Delete {label} " in app.screen.question, (label, app.screen.question)


async def test_a_dialog_stuck_on_its_answer_does_not_swallow_the_keyboard(
    make_app, three_cards, monkeypatch
):
    # a save waiting on a keyring that never answers: after the limit the keys typed
    # meanwhile go where the focus is, and that dialog is not waited for again
    monkeypatch.setattr("tui.ui.type_ahead.HOLD_LIMIT_SECONDS", 0.05)
    app = make_app(three_cards)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(app.screen, CardForm), "the form open")
        form = app.screen
        form.hold_keys(True)  # working on an answer, and it never comes
        box = form.query_one("#label", Input)
        box.focus()
        taken = burst(app, *"abc")
        await wait_until(pilot, lambda: box.value == "abc", "the keys in the field")
        await typed_out(pilot, taken)
        assert form.holds_keys and app.screen is form
