"""The command palette names each command once, in the user's language, with its keys;
Textual's key panel closes with Escape; the help screen moves with j k g G."""

from __future__ import annotations

import pytest
from textual.command import CommandList, CommandPalette

from tests.helpers.pilot import settle, wait_until
from tests.test_type_ahead import three_cards  # noqa: F401  (a fixture)
from tui.ui.key_names import key_name

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
        # Textual's own commands, in the user's language; Quit with its keys, as ours
        assert t("palette.textual_keys_show") in titles and t("palette.textual_theme") in titles
        quit_line = next(line for line in lines if line.startswith(t("palette.textual_quit")))
        keys = "q / " + key_name("ctrl+q", t)
        assert t("palette.with_keys", help=t("palette.textual_quit_help"), keys=keys) in " ".join(
            quit_line.split()
        ), quit_line
        if lang == "zh-CN":
            assert "Keys" not in titles and "Theme" not in titles


async def test_a_remapped_key_shows_as_remapped_in_the_palette(make_app):
    app = make_app(keymap={"app.add": "N", "app.quit": "Q"})
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        lines = await _palette_lines(pilot)
        add_line = next(line for line in lines if line.startswith("Add card"))
        assert "key: N" in add_line and "key: a" not in add_line, add_line
        quit_line = " ".join(next(line for line in lines if line.startswith("Quit")).split())
        assert "key: Q / ^q" in quit_line, quit_line


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


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
async def test_every_key_in_textuals_key_panel_has_words(make_app, three_cards, lang):  # noqa: F811
    """Enter, Tab, Shift+Tab and Escape were listed with nothing beside them."""
    app = make_app(three_cards, lang=lang)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await _palette_lines(pilot)
        await pilot.press(*app.t("palette.textual_keys_show"))
        await settle(pilot)
        await pilot.press("enter")
        await wait_until(pilot, lambda: bool(app.screen.query("HelpPanel")), "the key panel")
        for focus in ("cards", "checklist"):
            app.screen.query_one(f"#{focus}").focus()
            await settle(pilot)
            # the key panel composes its table again when the focused widget's keys change
            await wait_until(pilot, lambda: bool(app.screen.query("BindingsTable")), "its table")
            table = app.screen.query_one("BindingsTable").render_bindings_table()
            keys, words = (list(column.cells) for column in table.columns)
            rows = [(str(k), str(w)) for k, w in zip(keys, words, strict=True) if str(k)]
            bare = [key for key, said in rows if not said.strip()]
            assert rows and bare == [], (focus, bare)
            said = dict(rows)
            shown = {app.get_key_display(b) for b in app._bindings.get_bindings_for_key("tab")}
            assert said.get(shown.pop()) == app.t("key.app.next_pane"), said


def _key_panel_rows(app) -> list[tuple[str, str]]:
    """The key panel's lines as shown: (keys, words), headings as ("", heading)."""
    table = app.screen.query_one("BindingsTable").render_bindings_table()
    keys, words = (list(column.cells) for column in table.columns)
    return [(str(k), str(w)) for k, w in zip(keys, words, strict=True) if str(k) or str(w)]


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
async def test_the_key_panel_lists_each_action_once(make_app, three_cards, lang):  # noqa: F811
    """The key panel said `^q q  Quit Quit the app and return to the command prompt.`
    and `^c super+c`; the lost-wallet list had `↑ Up` and `k Up` on two lines; the
    hotline search split its field's keys under three `Input` headings; the help, the
    messages and a letter had `↓ Scroll down` and `j Down`, `home First` and `g Top`."""
    app = make_app(three_cards, lang=lang)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.action_show_help_panel()
        t = app.t
        for opens in ("", "slash", "h", "L", "a", "question_mark", "M", "w"):
            if opens:
                await pilot.press(opens)
            await settle(pilot)
            await wait_until(pilot, lambda: bool(app.screen.query("BindingsTable")), "the table")
            rows = _key_panel_rows(app)
            lines = [(keys, words) for keys, words in rows if keys]
            words = [said for _keys, said in lines]
            assert len(words) == len(set(words)), (opens, words)
            headings = [said for keys, said in rows if not keys]
            assert len(headings) == len(set(headings)), (opens, headings)
            assert not [keys for keys, _ in lines if "super+" in keys], (opens, lines)
            shown = {app.get_key_display(active.binding)
                     for active in app.screen.active_bindings.values()}
            assert {key for keys, _ in lines for key in keys.split(" ")} <= shown, opens
            if not opens:  # the main screen: ctrl+q and q quit, said once
                said = dict(lines)
                assert said[f"{key_name('ctrl+q', t)} q"] == t("textual_key.quit"), said
                assert said[key_name("ctrl+c", t)] == t("textual_key.copy"), said
            if opens == "L":
                assert (f"↑ {key_name('k', t)}", t("textual_key.cursor_up")) in lines, lines
            if opens in ("question_mark", "M", "w"):  # reading: j and ↓ scroll alike…
                for keys in (("down", "j"), ("up", "k"), ("home", "g"), ("end", "G"),
                             ("pagedown", "space")):
                    named = [key_name(key, t) for key in keys]
                    assert any(set(named) <= set(shown.split(" ")) for shown, _ in lines), (
                        opens, named, lines)
            await pilot.press("escape", "escape")  # hides the panel, closes the dialog
            await settle(pilot)
            assert type(app.screen).__name__ == "MainScreen", opens
            app.action_show_help_panel()
