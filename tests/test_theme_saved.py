"""The theme picked in the command palette is saved in config.yaml, leaving the
user's other settings and comments as they were, and applied at the next start."""

from __future__ import annotations

import argparse
import gc
import stat

import pytest

from tests.helpers.pilot import settle, wait_until
from tui.base.paths import Paths
from tui.domain.config import load_config
from tui.domain.config_writer import ConfigWriteError, save_setting

USER_FILE = """\
# my settings
lang: en          # English, please
keymap:
  app.add: n      # n adds
abroad: true
"""


def test_a_new_setting_is_one_line_added_and_the_rest_is_kept(tmp_path):
    path = tmp_path / "config.yaml"
    path.write_text(USER_FILE, encoding="utf-8")
    path.chmod(0o644)
    save_setting(path, "theme", "nord")
    assert path.read_text(encoding="utf-8") == USER_FILE + "theme: nord\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o644  # the user's mode is kept
    config = load_config(path)
    assert (config.theme, config.lang, config.abroad, config.keymap) == (
        "nord",
        "en",
        True,
        {"app.add": "n"},
    )


def test_a_setting_already_there_is_changed_on_its_line_with_its_comment(tmp_path):
    path = tmp_path / "config.yaml"
    path.write_bytes(b"lang: en\r\ntheme: nord   # dark, please\r\nabroad: false\r\n")
    save_setting(path, "theme", "gruvbox")
    assert path.read_bytes() == b"lang: en\r\ntheme: gruvbox   # dark, please\r\nabroad: false\r\n"


def test_a_missing_file_is_made_and_a_symlinked_one_written_where_it_points(tmp_path):
    path = tmp_path / "new" / "config.yaml"
    save_setting(path, "theme", "nord")
    assert path.read_text() == "theme: nord\n"
    dotfiles = tmp_path / "dotfiles.yaml"
    dotfiles.write_text("# kept in git\nlang: en\n")
    link = tmp_path / "linked.yaml"
    link.symlink_to(dotfiles)
    save_setting(link, "theme", "nord")
    assert link.is_symlink() and dotfiles.read_text() == "# kept in git\nlang: en\ntheme: nord\n"


@pytest.mark.parametrize(
    "text",
    [
        "lang: [en\n",  # broken
        "{lang: en}",  # a line added at the end would break it
        "- a list\n",
        "theme:\n  nord\n",  # not one line
    ],
)
def test_a_file_that_cannot_be_changed_safely_is_left_as_it_was(tmp_path, text):
    path = tmp_path / "config.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigWriteError) as caught:
        save_setting(path, "theme", "gruvbox")
    assert path.read_text(encoding="utf-8") == text
    assert caught.value.params["path"] == str(path) and caught.value.params["reason"]


def _restart_args() -> argparse.Namespace:
    return argparse.Namespace(lang=None, demo=False, no_mouse=False, debug=False)


async def _pick_theme(pilot, name: str) -> None:
    """ctrl+p, the Theme command, then the theme `name`, as a user does."""
    from textual.command import CommandPalette

    await pilot.press("ctrl+p")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, CommandPalette), "the palette")
    await pilot.press(*"theme")
    await settle(pilot)
    await pilot.press("enter")
    await wait_until(
        pilot,
        lambda: (
            isinstance(pilot.app.screen, CommandPalette)
            and "theme" in pilot.app.screen.query_one("Input").placeholder.lower()
        ),
        "the theme picker",
    )
    await pilot.press(*name)
    await settle(pilot)
    await pilot.press("enter")
    await wait_until(pilot, lambda: pilot.app.theme == name, f"the theme {name}")


async def test_the_theme_picked_in_the_palette_is_used_after_a_restart(tmp_path, monkeypatch):
    from tui.cli.open_app import build_app

    monkeypatch.delenv("NO_COLOR", raising=False)
    paths = Paths.resolve(str(tmp_path / "data"), str(tmp_path / "config"))
    paths.config_dir.mkdir(parents=True)
    paths.config_file.write_text(USER_FILE, encoding="utf-8")

    app, store, _mouse = build_app(_restart_args(), paths)
    gc.unfreeze()  # build_app freezes what exists for the session's sake
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            assert app.theme != "nord"
            await _pick_theme(pilot, "nord")
            await wait_until(
                pilot, lambda: "theme: nord" in paths.config_file.read_text(), "the saved theme"
            )
            assert "saved" in app.query_one("#status-line").message.lower()
    finally:
        store.close()
        gc.unfreeze()  # the first frame froze what existed (a session's start-up)
        gc.enable()
    assert paths.config_file.read_text(encoding="utf-8") == USER_FILE + "theme: nord\n"

    again, store, _mouse = build_app(_restart_args(), paths)
    gc.unfreeze()
    try:
        async with again.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            assert again.theme == "nord"
    finally:
        store.close()
        gc.unfreeze()
        gc.enable()


async def test_an_unknown_theme_in_config_is_reported_and_the_default_used(make_app, tmp_path):
    app = make_app(theme="no-such-theme", config_file=tmp_path / "config.yaml")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.theme != "no-such-theme"
        assert "no-such-theme" in app.query_one("#status-line").message


async def test_under_no_color_a_saved_theme_is_not_applied(make_app, tmp_path, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(theme="nord", config_file=tmp_path / "config.yaml")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.theme != "nord"
