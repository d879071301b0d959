"""Every dialog closed before its Mount is handled crashes nothing, nor does one the
app is ending around.

Found by the key fuzzer (seed 13): a question closed by a key the app handled before
the question's Mount ran, whose handler then looked for a button that was gone
(NoMatches, a crash report). Each dialog with a Mount handler of its own is opened
here the way the app opens it, and closed in the same turn.

Found by trying the app: SIGTERM or SIGHUP handled between a dialog's push and its
Mount (`L Enter y space` typed at once, the app killed 0.3 s later) ended the app with
a crash report: Textual mounts no widget once the app is exiting, and the reference
dialog's Mount looked for its field (mount_guard.py). Each dialog is opened here and
the signal's end of the session comes in the same turn."""

from __future__ import annotations

import importlib
import pkgutil
import signal
from datetime import date

import pytest
from textual.message_pump import MessagePump

import tui.ui
from tests.helpers.pilot import settle
from tui.domain.demo import fill_demo
from tui.domain.lost_wallet_calls import CallState
from tui.ui.bundle_dialogs import BundleChecklist
from tui.ui.dialog_screen import DialogScreen
from tui.ui.dialogs import ConfirmDialog
from tui.ui.followup_screens import EvidenceScreen, FollowUpScreen
from tui.ui.mount_guard import SkipsMountWhileEnding
from tui.ui.reference_dialog import ReferenceScreen
from tui.ui.secrets_screens import PassphraseScreen, SecretsOffer
from tui.ui.session_end import SessionEnd


def _save(values):
    return None


# each: the dialog class, and how to open it on a running app (the app's own way where
# the dialog needs the app's parts)
OPENERS = {
    "BundleChoice": lambda app: app.action_add_bundle(),
    "BundleChecklist": lambda app: app.push_screen(
        BundleChecklist(next(iter(app.tracker.bundles)), "CN", [])
    ),
    "CardForm": lambda app: app._open_form(None),
    "ConfirmDialog": lambda app: app.push_screen(ConfirmDialog("Go on?")),
    "FieldDialog": lambda app: app.push_screen(EvidenceScreen("Proof", "now", _save)),
    "FollowUpScreen": lambda app: app.push_screen(FollowUpScreen("Card", "", date(2026, 3, 1))),
    "HotlineScreen": lambda app: app.action_hotlines(),
    "LostWalletScreen": lambda app: app.open_lost_calls(app.tracker.views()),
    "PassphraseScreen": lambda app: app.push_screen(
        PassphraseScreen(lambda typed: None, True, "vault")
    ),
    "ReferenceScreen": lambda app: app.push_screen(
        ReferenceScreen("Card", "95588", CallState(done=False), _save)
    ),
    "SecretsOffer": lambda app: app.push_screen(SecretsOffer("no keyring")),
}


def _dialogs_with_mount() -> set[str]:
    for module in pkgutil.iter_modules(tui.ui.__path__):
        importlib.import_module(f"tui.ui.{module.name}")
    found, todo = set(), [DialogScreen]
    while todo:
        for sub in todo.pop().__subclasses__():
            todo.append(sub)
            if "on_mount" in sub.__dict__:
                found.add(sub.__name__)
    return found


def test_every_dialog_with_a_mount_handler_is_opened_here():
    assert _dialogs_with_mount() == set(OPENERS)


async def test_a_dialog_closed_before_its_mount_is_handled_crashes_nothing(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        fill_demo(app.tracker)
        app.refresh_all()
        await settle(pilot)
        main = app.screen
        push = app.push_screen
        pushed = []

        def push_then_close(screen, *args, **kwargs):
            # a key the app handles first closes it in the same turn
            done = push(screen, *args, **kwargs)
            pushed.append(screen)
            app.pop_screen()
            return done

        for name, open_it in OPENERS.items():
            pushed.clear()
            app.push_screen = push_then_close
            open_it(app)
            app.push_screen = push
            await settle(pilot)
            opened = [[c.__name__ for c in type(screen).__mro__] for screen in pushed]
            assert len(opened) == 1 and name in opened[0], name
            assert app.screen is main, name
            assert app.return_code is None, name
        # the app still answers keys: the card form opens
        await pilot.press("a")
        await settle(pilot)
        assert type(app.screen).__name__ == "CardForm"


# every dialog on SIGTERM; SIGHUP (a dropped SSH connection) ends the app the same way,
# seen on the dialog the tester saw it on
SIGNALLED = [(name, signal.SIGTERM) for name in sorted(OPENERS)]
SIGNALLED += [("ReferenceScreen", signal.SIGHUP)]


@pytest.mark.parametrize(
    ("name", "signum"), SIGNALLED, ids=[f"{n}-{signal.Signals(s).name}" for n, s in SIGNALLED]
)
async def test_a_signal_between_a_dialogs_push_and_its_mount_ends_the_app_as_usual(
    make_app, name, signum
):
    app = make_app()
    ending = SessionEnd(app)
    async with app.run_test(size=(80, 24)) as pilot:
        fill_demo(app.tracker)
        app.refresh_all()
        await settle(pilot)
        push = app.push_screen
        pushed = []

        def push_then_signal(screen, *args, **kwargs):
            # the signal is handled on the app's loop before the dialog is built
            done = push(screen, *args, **kwargs)
            if not pushed:
                pushed.append(screen)
                ending.end_app(signum)
            return done

        app.push_screen = push_then_signal
        OPENERS[name](app)
    # leaving run_test waited for the app to end, and raised what it crashed on
    opened = [[c.__name__ for c in type(screen).__mro__] for screen in pushed]
    assert len(opened) == 1 and name in opened[0], name
    assert app.crash_report is None
    assert app.return_code == 128 + signum


async def test_a_signal_while_the_panes_are_built_ends_the_app_as_usual(make_app):
    """SIGTERM handled at start-up, once the app has handed its panes to Textual and
    before they are built (while they mount): neither a pane's nor the app's own Mount
    handler crashes on a widget that will never be there."""
    app = make_app()
    ending = SessionEnd(app)
    mount_all = app.mount_all

    def mounted_then_signalled(*args, **kwargs):
        done = mount_all(*args, **kwargs)
        if ending.message == "" and app.return_code is None:
            ending.end_app(signal.SIGTERM)
        return done

    app.mount_all = mounted_then_signalled
    async with app.run_test(size=(80, 24)):
        pass
    assert app.crash_report is None
    assert app.return_code == 128 + signal.SIGTERM


# a class of ours whose Mount handler is left to run while the app ends, and why
MOUNT_RUNS_WHILE_ENDING = {
    # takes the Mount event to stop Footer's own handler; it looks nothing up
    "KeyRow": "steady_footer",
}


def test_every_mount_handler_of_ours_is_skipped_while_the_app_ends():
    for module in pkgutil.iter_modules(tui.ui.__path__):
        importlib.import_module(f"tui.ui.{module.name}")
    unguarded = set()
    todo = [MessagePump]
    seen = set()
    while todo:
        for sub in todo.pop().__subclasses__():
            if sub in seen:
                continue
            seen.add(sub)
            todo.append(sub)
            if not sub.__module__.startswith("tui."):
                continue
            handlers = {"on_mount", "on_screen_resume"} & set(sub.__dict__)
            if handlers and not issubclass(sub, SkipsMountWhileEnding):
                unguarded.add(sub.__name__)
    assert unguarded == set(MOUNT_RUNS_WHILE_ENDING)
