"""The command palette names each command once, in the user's language, with its keys;
Textual's key panel closes with Escape; the help screen moves with j k g G."""

from __future__ import annotations

import pytest
from textual.command import CommandList, CommandPalette

from tests.helpers.pilot import settle, wait_until

SIZE = (80, 24)


async def _palette_lines(pilot) -> list[str]:
    """Open the palette with nothing typed: every command it offers, title and help."""
    await pilot.press("ctrl+p")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, CommandPalette), "the palette")
    commands = pilot.app.screen.query_one(CommandList)
    await wait_until(pilot, lambda: commands.option_count > 10, "the palette's commands")
    return [str(commands.get_option_at_index(i).prompt) for i in range(commands.option_count)]


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
async def test_the_palette_names_each_command_once_with_its_keys(make_app, lang):
    app = make_app(lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        lines = await _palette_lines(pilot)
        titles = [line.splitlines()[0].strip() for line in lines]
        assert len(titles) == len(set(titles)), titles
        t = app.t
        help_line = next(line for line in lines if line.startswith(t("palette.help")))
        assert "? / f1" in help_line, help_line
        add_line = next(line for line in lines if line.startswith(t("palette.add")))
        assert t("palette.with_keys", help=t("palette.add_help"), keys="a") in add_line
        # Textual's own commands, in the user's language
        assert t("palette.textual_keys_show") in titles and t("palette.textual_theme") in titles
        if lang == "zh-CN":
            assert "Keys" not in titles and "Theme" not in titles


async def test_a_remapped_key_shows_as_remapped_in_the_palette(make_app):
    app = make_app(keymap={"app.add": "n"})
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        lines = await _palette_lines(pilot)
        add_line = next(line for line in lines if line.startswith("Add card"))
        assert "key: n" in add_line and "key: a" not in add_line, add_line


async def test_escape_closes_textuals_key_panel(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _palette_lines(pilot)
        await pilot.press(*"key panel")
        await settle(pilot)
        await pilot.press("enter")
        await wait_until(pilot, lambda: bool(app.screen.query("HelpPanel")), "the key panel")
        await pilot.press("escape")
        await wait_until(pilot, lambda: not app.screen.query("HelpPanel"), "the panel gone")
        # the app goes on as before: the card list has the focus, a key works
        await pilot.press("question_mark")
        await settle(pilot)
        assert type(app.screen).__name__ == "HelpScreen"


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
async def test_the_help_screen_moves_with_j_k_g_and_shift_g(make_app, size):
    from textual.containers import VerticalScroll

    app = make_app()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        scroller = app.screen.query_one(VerticalScroll)
        assert scroller.max_scroll_y > 2  # more keys than fit: there is somewhere to go
        await pilot.press("j", "j")
        await settle(pilot)
        assert scroller.scroll_y == 2
        await pilot.press("k")
        await settle(pilot)
        assert scroller.scroll_y == 1
        await pilot.press("G")
        await settle(pilot)
        assert scroller.scroll_y == scroller.max_scroll_y
        await pilot.press("g")
        await settle(pilot)
        assert scroller.scroll_y == 0
        await pilot.press("escape")
        await settle(pilot)
        assert type(app.screen).__name__ != "HelpScreen"
