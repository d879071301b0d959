"""The screen a damaged data file opens on says why in the user's language: the reason
comes from the catalog (tui.storage.data_file.StoreError.words), as the command line's."""

from __future__ import annotations

import pytest
from textual.widgets import Static

from tests.helpers.pilot import settle
from tui.base.i18n import Catalog
from tui.storage.store import StoreError, read_checked
from tui.ui.recovery import RecoveryApp


@pytest.mark.parametrize(
    ("text", "key"),
    [('{"cards": ', "store_problem.not_json"), ("[1]", "store_problem.not_ours")],
)
async def test_the_recovery_screen_says_why_in_chinese(content, tmp_path, text, key):
    path = tmp_path / "cardoff.json"
    path.write_text(text)
    with pytest.raises(StoreError) as caught:
        read_checked(path)
    zh = Catalog(content.strings, "zh-CN")
    app = RecoveryApp(zh, str(path), caught.value.words(zh), None)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        shown = "".join(str(s.render()) for s in app.query(Static))
        assert content.strings["zh-CN"][key].split("{")[0] in shown, shown
        assert caught.value.reason not in shown  # the English reason, kept for logs


async def test_the_recovery_screen_offers_no_english_palette(content, tmp_path):
    """ctrl+p opened Textual's own palette there, in English (`Search for commands…`,
    Keys, Maximize, Screenshot, Theme): the screen's three choices are its buttons and
    keys, so it has no palette; its keys have catalog words (key.recover.*)."""
    from textual.command import CommandPalette

    zh = Catalog(content.strings, "zh-CN")
    app = RecoveryApp(zh, str(tmp_path / "cardoff.json"), "坏了", None)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert not isinstance(app.screen, CommandPalette)
        assert all(zh.has(f"key.{b.id}") for b in RecoveryApp.BINDINGS)


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
async def test_the_backup_key_is_offered_only_when_there_is_a_backup(content, tmp_path, lang):
    """With no good backup the screen showed `b  Open the backup` (`b  打开备份`) and `b`
    did nothing: now it says there is none and offers no such key or button; with a
    backup, it names it and `b` opens it."""
    from textual.widgets import Button

    words = Catalog(content.strings, lang)
    path = str(tmp_path / "cardoff.json")
    app = RecoveryApp(words, path, "damaged", None)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        buttons = [str(b.label) for b in app.query(Button)]
        assert words("recover.backup") not in buttons and len(buttons) == 2, buttons
        shown = "".join(str(s.render()) for s in app.query(Static))
        assert words("recover.no_backup") in shown
        assert all(b.binding.action != "choose('backup')" for b in app.active_bindings.values())
        await pilot.press("b")  # no backup: not a key here
        await settle(pilot)
        assert app.is_running
    app = RecoveryApp(words, path, "damaged", "cardoff-20261203.json")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert words("recover.backup") in [str(b.label) for b in app.query(Button)]
        await pilot.press("b")
    assert app.return_value == "backup"
