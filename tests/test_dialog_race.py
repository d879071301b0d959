"""Every dialog closed before its Mount is handled crashes nothing.

Found by the key fuzzer (seed 13): a question closed by a key the app handled before
the question's Mount ran, whose handler then looked for a button that was gone
(NoMatches, a crash report). Each dialog with a Mount handler of its own is opened
here the way the app opens it, and closed in the same turn."""

from __future__ import annotations

import importlib
import pkgutil
from datetime import date

import tui.ui
from tests.helpers.pilot import settle
from tui.domain.demo import fill_demo
from tui.domain.lost_wallet_calls import CallState
from tui.ui.bundle_dialogs import BundleChecklist
from tui.ui.dialog_screen import DialogScreen
from tui.ui.dialogs import ConfirmDialog
from tui.ui.followup_screens import EvidenceScreen, FollowUpScreen
from tui.ui.reference_dialog import ReferenceScreen
from tui.ui.secrets_screens import PassphraseScreen, SecretsOffer


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
