"""config.yaml's keymap: an entry the app cannot use is left out and said, the rest
applies; no action loses its key to another."""

from __future__ import annotations

import pytest

from tests.helpers.pilot import settle, wait_until
from tests.test_key_bar import bar
from tui.ui.card_form import CardForm
from tui.ui.keymap_check import checked_keymap, is_key
from tui.ui.messages_screen import MessagesScreen

SIZE = (80, 24)
BAD = {"app.add": "q", "app.help": "ctrl+", "app.nothere": "z", "app.hotlines": "H"}


@pytest.mark.parametrize(
    ("key", "usable"),
    [
        ("q", True),
        ("ctrl+s", True),
        ("question_mark", True),
        ("f1", True),
        ("slash", True),
        ("space", True),
        ("ctrl+", False),
        ("ctrl+x+", False),
        ("foo", False),
        ("cmd+a", False),
        ("", False),
        (" ", False),
    ],
)
def test_a_key_is_one_the_app_can_bind(key, usable):
    assert is_key(key) is usable


def test_a_swap_of_two_actions_keys_is_kept(content):
    from tui.base.i18n import Catalog

    t = Catalog(content.strings, "en")
    assert checked_keymap({"app.add": "q", "app.quit": "a"}, t) == (
        {"app.add": "q", "app.quit": "a"},
        [],
    )


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        (
            "en",
            [
                "app.add would share q with another action; it keeps a",
                "app.help is not a key the app can use (ctrl+); it keeps ?",
                "app.nothere is no key binding of the app",
            ],
        ),
        (
            "zh-CN",
            [
                "app.add 会与另一操作共用 q，仍用 a",
                "app.help 的按键无法使用（ctrl+），仍用 ?",
                "app.nothere 不是本程序的按键绑定",
            ],
        ),
    ],
)
async def test_an_unusable_keymap_entry_is_left_out_and_said(make_app, lang, said):
    app = make_app(lang=lang, keymap=BAD)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        shown = bar(app)
        assert ("q", app.t("key.app.quit")) in shown, shown  # Quit keeps its key
        assert ("H", app.t("key.app.hotlines")) in shown, shown  # the good entry applies
        assert ("question_mark", app.t("key.app.help")) in shown, shown
        await pilot.press("M")
        await wait_until(pilot, lambda: isinstance(app.screen, MessagesScreen), "the messages")
        text = app.screen.text
        for words in said:
            assert words in text, (words, text)
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, MessagesScreen), "main")
        await pilot.press("a")  # add keeps its own key
        await wait_until(pilot, lambda: isinstance(app.screen, CardForm), "the card form")
