"""The key bar names the keys that work where the user is: in the filter line, Enter
and Escape (not the list's `/ Filter`); in a dialog, the dialog's own keys (not the
main screen's `a Add  e Edit …`)."""

from __future__ import annotations

import pytest

from tests.helpers.pilot import lookup_answered, settle, wait_until
from tests.test_filter_emptied import _data_with, _start
from tests.test_identifiers_app import SIZE, no_keyring
from tests.test_type_ahead import three_cards  # noqa: F401  (a fixture)
from tui.secrets.secrets_setup import SecretsSetup
from tui.storage.store import DB_FILENAME, Store
from tui.ui.dialog_screen import DialogScreen
from tui.ui.steady_footer import SteadyFooter

MAIN_KEYS = {"Add", "Edit", "Filter", "Hotlines", "Lost wallet", "Quit"}


def bar(app) -> list[tuple[str, str]]:
    """(key, words) of each key the key bar of the screen on top shows."""
    footers = list(app.screen.query(SteadyFooter))
    assert len(footers) == 1, f"{app.screen} has {len(footers)} key bars"
    row = footers[0].row
    assert row is not None and row.wanted is not None
    keys, _palette = row.wanted
    return [(key, words) for key, _display, words, _action, _disabled, _tip in keys]


async def test_the_filter_line_names_its_own_keys(make_app, three_cards):  # noqa: F811
    app = make_app(three_cards)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert ("slash", "Filter") in bar(app)
        await pilot.press("slash")
        await settle(pilot)
        shown = bar(app)
        assert ("enter", "Keep filter") in shown and ("escape", "Clear filter") in shown
        assert not {words for _key, words in shown} & MAIN_KEYS, shown
        await pilot.press("escape")
        await settle(pilot)
        assert ("slash", "Filter") in bar(app)


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("d", {("y", "Yes"), ("n", "No")}),
        ("n", {("escape", "Cancel"), ("ctrl+s", "Save"), ("enter", "Next field")}),
        ("m", {("escape", "Cancel"), ("ctrl+s", "Save"), ("enter", "Next field")}),
        ("e", {("escape", "Cancel"), ("ctrl+s", "Save"), ("enter", "Next field")}),
        ("f", {("escape", "Cancel"), ("enter", "Save")}),
        ("h", {("escape", "Close")}),
        ("question_mark", {("escape", "Close")}),
    ],
)
async def test_a_dialog_names_its_own_keys(make_app, three_cards, key, expected):  # noqa: F811
    app = make_app(three_cards)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(key)
        await wait_until(pilot, lambda: isinstance(app.screen, DialogScreen), f"{key}'s dialog")
        await settle(pilot)
        shown = bar(app)
        assert expected <= set(shown), shown
        assert not {words for _key, words in shown} & MAIN_KEYS, shown


async def test_the_keyring_question_names_its_own_keys(make_app, tmp_path):
    setup = SecretsSetup(tmp_path / "identifiers.vault", resolver=no_keyring)
    app = make_app(Store.open(tmp_path / DB_FILENAME), secrets=setup)
    async with app.run_test(size=SIZE) as pilot:
        await lookup_answered(pilot)
        await pilot.press("a")
        await settle(pilot)
        assert {("n", "Not now"), ("escape", "Back")} <= set(bar(app))


async def test_in_chinese_the_filter_line_names_its_keys(make_app, three_cards):  # noqa: F811
    app = make_app(three_cards, lang="zh-CN")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await settle(pilot)
        assert {("enter", "保留筛选"), ("escape", "清除筛选")} <= set(bar(app))


def test_the_key_bar_at_80x24_in_the_filter_and_in_a_dialog(tmux, tmp_path):
    _start(tmux, tmp_path, _data_with(tmp_path, 3))
    tmux.keys("/")
    tmux.wait_focus("Filter cards")
    screen = tmux.wait_for("Keep filter")
    bottom = screen.rstrip("\n").split("\n")[-1]
    assert "Clear filter" in bottom and "Add" not in bottom and "/ Filter" not in bottom, bottom
    tmux.keys("Enter")
    tmux.wait_for("/ Filter")  # the list's keys again
    tmux.keys("m")
    tmux.wait_for("Money held for")
    screen = tmux.wait_for("Next field")
    bottom = screen.rstrip("\n").split("\n")[-1]
    assert "Save" in bottom and "Cancel" in bottom and "Add" not in bottom, bottom


async def test_a_row_of_keys_wanted_no_longer_before_it_showed_is_hidden(make_app):
    """The card form's first row of keys (before its Name field took the focus) was
    left displayed under the row shown: its keys' edges cut the wide characters of the
    keys over it, and `Esc 取消` was drawn `Esc   消`."""
    from textual.widgets._footer import FooterKey

    app = make_app(lang="zh-CN")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        await settle(pilot)
        footer = app.screen.query_one(SteadyFooter)
        shown = [row for row in footer.children if row.display]
        assert shown == [footer.row], shown
        line = app.screen._compositor.render_strips()[-1].text
        for key in footer.row.query(FooterKey):
            assert f"{key.key_display} {key.description}" in line, line
