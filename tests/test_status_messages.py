"""The status line says what the last command did, and only while it does: a message
goes with the next command or after a while (the app's timers, moved by hand here),
and every message said lately can be read whole on the messages screen."""

from __future__ import annotations

from tests.helpers.pilot import palette_choice, settle, wait_shown, wait_until
from tui.domain.tracker import Tracker
from tui.records.card_fields import CardFields
from tui.storage.store import Store
from tui.ui.followup_screens import FollowUpScreen
from tui.ui.help_screen import HelpScreen
from tui.ui.messages_screen import MessagesScreen
from tui.ui.status_messages import MESSAGE_SECONDS

SIZE = (80, 24)
LONG_PATH = (
    "/home/someone/.local/share/cardoff-tui/exports/"
    "cardoff-report-2026-11-30-shanghai-transport-and-icbc.md"
)


def _app(make_app, content, clock):
    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock)
    tracker.add_card(CardFields("Metro card", "transit", "cancel", "", "CN"))
    tracker.add_card(CardFields("ICBC debit card", "bank", "cancel", "ICBC", "CN"))
    return make_app(store)


def _status_text(app) -> str:
    return app.screen_stack[0].query_one("#status-line").render_line(0).text


async def test_a_message_goes_when_the_next_command_starts(make_app, content, clock):
    app = _app(make_app, content, clock)
    async with app.run_test(size=SIZE) as pilot:
        status = app.status_line
        await pilot.press("n", *"REF-1", "ctrl+s")
        await settle(pilot)
        assert status.message == "Proof recorded in the log."
        await pilot.press("j", "k")  # moving around keeps it
        assert status.message == "Proof recorded in the log."
        await pilot.press("f")  # the next command: the proof's message no longer applies
        assert isinstance(app.screen, FollowUpScreen)
        assert status.message == app.t("app.hint")
        assert "Proof recorded" not in _status_text(app)
        await pilot.press("escape")
        # the palette's commands end it too
        app.notify("Saved the amounts.")
        await pilot.press("ctrl+p", *"Follow")
        await wait_until(pilot, lambda: "follow-up" in palette_choice(pilot), "'follow-up' found")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, FollowUpScreen), "the dialog")
        assert status.message == app.t("app.hint")


async def test_a_message_goes_after_a_while_warnings_stay_longer(
    make_app, content, clock, timers
):
    app = _app(make_app, content, clock)
    async with app.run_test(size=SIZE):
        status = app.status_line
        app.notify("Saved the amounts.")
        await timers.advance(MESSAGE_SECONDS["information"] - 1)
        assert status.message == "Saved the amounts."
        await timers.advance(1)
        assert status.message == app.t("app.hint")
        app.notify("Another session is saving", severity="warning")
        await timers.advance(MESSAGE_SECONDS["information"])
        assert status.message == "Another session is saving"
        await timers.advance(MESSAGE_SECONDS["warning"])
        assert status.message == app.t("app.hint")
        # a newer message has its own time: the older one's timer does not clear it
        app.notify("first")
        await timers.advance(MESSAGE_SECONDS["information"] - 1)
        app.notify("second")
        await timers.advance(2)
        assert status.message == "second"


async def test_a_long_message_is_cut_with_a_hint_and_read_whole_on_the_messages_screen(
    make_app, content, clock
):
    app = _app(make_app, content, clock)
    async with app.run_test(size=SIZE) as pilot:
        app.notify(app.t("export.written", files=LONG_PATH))
        await pilot.pause()
        line = _status_text(app)
        assert "…" in line and app.t("messages.cut_hint") in line
        assert LONG_PATH not in line
        await pilot.press("M")
        screen = app.screen
        assert isinstance(screen, MessagesScreen)
        assert screen.text.splitlines()[0] == f"Wrote {LONG_PATH}"  # newest first, whole
        await pilot.press("escape")
        assert not isinstance(app.screen, MessagesScreen)
        # from the palette too
        await pilot.press("ctrl+p", *"Messages")
        await wait_until(pilot, lambda: "Messages" in palette_choice(pilot), "'Messages' found")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, MessagesScreen), "the messages")
        assert LONG_PATH in app.screen.text
        await pilot.press("escape")
        # and the help lists its key
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        rows = [row for _, rows in app.screen.sections for row in rows]
        assert ("M", app.t("key.app.messages")) in rows


async def test_messages_screen_in_chinese_when_there_are_none(make_app, content, clock):
    app = make_app(Store.in_memory(), lang="zh-CN")
    async with app.run_test(size=SIZE) as pilot:
        app.status_line.said.clear()
        await pilot.press("M")
        assert isinstance(app.screen, MessagesScreen)
        assert app.screen.text == ""
        body = app.screen.query_one("#messages-body").render()
        assert "还没有消息" in str(body)


async def test_a_warning_in_a_dialog_goes_with_the_next_key_the_dialog_handles(
    make_app, content, clock
):
    from tui.ui.dialogs import ConfirmDialog
    from tui.ui.lost_wallet import LostWalletScreen
    from tui.ui.lost_wallet_pick import CardPicks, LostWalletPick

    app = _app(make_app, content, clock)
    async with app.run_test(size=SIZE) as pilot:
        status = app.status_line
        await pilot.press("L")
        await wait_until(pilot, lambda: isinstance(app.screen, LostWalletPick), "the picks")
        assert app.screen.query_one(CardPicks).selected == []
        await pilot.press("enter")  # nothing picked
        await settle(pilot)
        assert status.message.startswith("No card is picked")
        await pilot.press("down", "up")  # moving around keeps it
        assert status.message.startswith("No card is picked")
        await pilot.press("space")  # a card picked: the warning no longer applies
        await settle(pilot)
        assert status.message == app.t("app.hint")
        # again, then Enter and y on the question: each is the next command
        app.notify(app.t("lost.none_picked"), severity="warning")
        await pilot.press("enter")
        await wait_shown(pilot, ConfirmDialog, "the question")
        assert status.message == app.t("app.hint")
        app.notify(app.t("lost.none_picked"), severity="warning")
        await pilot.press("y")
        await wait_until(pilot, lambda: isinstance(app.screen, LostWalletScreen), "the calls")
        assert status.message == app.t("app.hint")
        assert "No card is picked" not in _status_text(app)


async def test_help_and_messages_screens_leave_the_message(make_app, content, clock):
    app = _app(make_app, content, clock)
    async with app.run_test(size=SIZE) as pilot:
        status = app.status_line
        app.notify("Saved the amounts.")
        await pilot.press("question_mark")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen), "the help")
        await pilot.press("j", "G", "escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, HelpScreen), "help closed")
        assert status.message == "Saved the amounts."
        await pilot.press("M")
        await wait_until(pilot, lambda: isinstance(app.screen, MessagesScreen), "messages")
        await pilot.press("j", "escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, MessagesScreen), "closed")
        assert status.message == "Saved the amounts."


async def test_ctrl_l_draws_the_screen_again_and_leaves_the_message(make_app, content, clock):
    # someone pressing ctrl+l to mend a garbled screen wants to read what it said
    app = _app(make_app, content, clock)
    async with app.run_test(size=SIZE) as pilot:
        status = app.status_line
        app.notify("Saved the amounts.")
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert status.message == "Saved the amounts."
        await pilot.press("a")  # a command still ends it
        await wait_until(pilot, lambda: status.message != "Saved the amounts.", "gone")


async def test_the_messages_and_the_help_scroll_with_the_same_keys(make_app, content, clock):
    """Both are text to read: j k g G, the arrows, Home/End and the page keys move
    through either (the messages screen had no page keys)."""
    from textual.containers import VerticalScroll

    app = _app(make_app, content, clock)
    async with app.run_test(size=SIZE) as pilot:
        for n in range(40):
            app.notify(f"message {n}")
        await pilot.pause()
        for opener in ("M", "question_mark"):
            await pilot.press(opener)
            await settle(pilot)
            scroller = app.screen.query_one(VerticalScroll)
            assert scroller.max_scroll_y > 0
            last = scroller.max_scroll_y
            expected = {"pagedown": "middle", "end": last, "pageup": "middle", "g": 0,
                        "j": 1, "G": last, "home": 0}
            for key, where in expected.items():
                await pilot.press(key)
                await settle(pilot)
                y = scroller.scroll_y
                assert (0 < y < last) if where == "middle" else y == where, (opener, key, y)
            await pilot.press("escape")
            await settle(pilot)


async def test_the_idle_hint_cut_on_a_narrow_screen_does_not_point_to_the_messages(
    make_app, content, clock
):
    """At 60 columns the idle hint read `? keys · a add a… M: whole`, but M lists
    messages, and the hint is none of them."""
    app = _app(make_app, content, clock)
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        line = _status_text(app)
        assert "…" in line and app.t("messages.cut_hint") not in line, line
        app.notify(app.t("export.written", files=LONG_PATH))
        await wait_until(pilot, lambda: app.t("messages.cut_hint") in _status_text(app), "hint")


LONG_FOLDER = "/home/someone-with-a-long-name/.local/share/cardoff-tui"
# messages the status line says that name a file or folder: (key, parameters, the catalog
# key of what is wrong, with its own parameters)
NAMING_A_PATH = [
    ("settings.not_saved", {"setting": "theme", "value": "nord", "path": LONG_PATH,
                            "reason": "settings.not_utf8"}, "settings.not_utf8"),
    ("letter.left_as_it_was", {"path": LONG_PATH}, ""),
    ("letter.cannot_write", {"path": LONG_PATH, "problem": "os_error.denied",
                             "detail": "Permission denied"}, "os_error.denied"),
    ("attachment.export_failed", {"path": LONG_PATH, "problem": "os_error.read_only",
                                  "detail": "Read-only file system"}, "os_error.read_only"),
    ("error.not_saved", {"problem": "disk.full", "folder": LONG_FOLDER, "detail": "No space"},
     "disk.full"),
    ("error.not_saved", {"problem": "disk.read_only", "folder": LONG_FOLDER, "detail": "EROFS"},
     "disk.read_only"),
    ("error.not_saved", {"problem": "disk.denied", "folder": LONG_FOLDER, "detail": "EACCES"},
     "disk.denied"),
    ("error.not_saved", {"problem": "disk.io", "folder": LONG_FOLDER, "detail": "EIO"},
     "disk.io"),
    ("error.not_saved", {"problem": "disk.other", "folder": LONG_FOLDER, "detail": "odd"},
     "disk.other"),
]


def test_a_message_naming_a_file_says_what_matters_before_the_path(content):
    """The status line cuts a long message at its end (M shows it whole): a message that
    names a file or folder says what happened, and why, before the path, in each
    language, so a long path is what the cut takes."""
    from rich.text import Text

    from tui.base.i18n import Catalog, Phrase
    from tui.ui.text_cuts import cut_to

    for lang in ("en", "zh-CN"):
        t = Catalog(content.strings, lang)
        for key, params, reason_key in NAMING_A_PATH:
            values = {
                name: Phrase(value) if name in ("reason", "problem") and "." in value else value
                for name, value in params.items()
            }
            said = t(key, **values)
            path = params.get("path") or params.get("folder") or params["where"]
            before_path = said[: said.index(path)]
            assert before_path.strip(" (（:：;；"), (lang, key, said)
            reason = before_path.strip()[:12]
            if reason_key:  # the reason itself (its first words) before the path
                reason = t(reason_key, detail="", folder="{").split("{")[0].split("(")[0]
                reason = reason.split("（")[0].rstrip(" :：")[:12]
                assert reason in before_path, (lang, key, said)
            shown = cut_to(Text(said), 70).plain  # the status line at 80 columns
            assert reason in shown, (lang, key, said)
