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
