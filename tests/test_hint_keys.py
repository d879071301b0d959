"""A hint names each key the way the key bar does: the key, a space, the word
(`^s 保存 · Esc 取消 · 回车 下一栏`), never `key: word`; a key name put into a Chinese
message keeps its space to the word after it (`回车 下一栏`, not `回车下一栏`), and the
question before dropping what was typed shows in the key bar every key it names."""

from __future__ import annotations

import re
import string

import pytest
from textual.widgets import Static

from tests.helpers.pilot import settle, wait_shown, wait_until
from tests.test_app import SIZE, type_text
from tui.base.i18n import Catalog
from tui.ui.dialogs import ConfirmDialog
from tui.ui.key_names import key_names
from tui.ui.steady_footer import SteadyFooter

LANGS = ("en", "zh-CN")
# a key put in (`{key_form_next}`), then a colon: the form the key bar does not use
KEY_THEN_COLON = re.compile(r"\{key_\w+\}\s*[:：]")
HAN = re.compile("[\u4e00-\u9fff]")


def _hints(content, lang: str) -> dict[str, str]:
    """Every hint of a catalog: a message whose last name part says `hint`."""
    strings = content.strings[lang]
    return {key: text for key, text in strings.items() if "hint" in key.rpartition(".")[2]}


def _catalog(content, lang: str) -> Catalog:
    t = Catalog(content.strings, lang)
    t.name_keys(key_names(t=t))
    return t


@pytest.mark.parametrize("lang", LANGS)
def test_every_hint_names_a_key_as_the_key_bar_does(content, lang):
    hints = _hints(content, lang)
    assert len(hints) > 20, sorted(hints)  # the reading found them
    colon = {key: text for key, text in hints.items() if KEY_THEN_COLON.search(text)}
    assert not colon, colon


@pytest.mark.parametrize("lang", LANGS)
def test_no_message_puts_a_colon_between_a_key_and_its_words(content, lang):
    """Not only the hints: the log pane's title said `t: card/all`, a card's files
    `E: export`, the filter line `Enter: go to list`, the lost-wallet list `a: I am
    abroad`, the discard question `n or Esc: back to it`; each reads as the key bar
    does, the key, a space, the words (`t card/all`, `/ filter`)."""
    colon = {key: text for key, text in content.strings[lang].items()
             if KEY_THEN_COLON.search(str(text))}
    assert not colon, colon


def test_a_chinese_key_name_keeps_its_space_to_the_next_word(content):
    t = _catalog(content, "zh-CN")
    assert "回车 下一栏" in t("form.hint")
    assert "空格 勾选/取消" in t("bundle.checklist_hint")
    assert "回车 添加" in t("bundle.checklist_hint")
    assert t("hotline.hint_card").count("回车 复制号码") == 1
    assert t("lost.hint").startswith("空格 记录受理编号 · c 复制号码")


def test_every_key_name_in_every_chinese_message_keeps_its_spaces(content):
    """Any message, any key, even one named in Chinese (every key called 回车 here): a
    key name written with a space before the next Chinese word keeps that space."""
    t = Catalog(content.strings, "zh-CN")
    names = {name: "回车" for name in key_names(t=t)}
    t.name_keys(names)
    checked = 0
    for key, text in content.strings["zh-CN"].items():
        fields = {f for _l, f, _s, _c in string.Formatter().parse(text) if f}
        params = {f: "X" for f in fields if not f.startswith("key_")}
        stem, _, last = key.rpartition(".")
        if last in ("one", "other"):
            key, params["count"] = stem, 2
        said = t(key, **params)
        for field, after in re.findall(r"\{(key_\w+)\} (\S)", text):
            if field in names and HAN.match(after):
                assert f"回车 {after}" in said, (key, said)
                checked += 1
    assert checked > 20


def test_one_word_for_next_field_in_the_hints_and_the_key_bar(content):
    for lang in LANGS:
        t = Catalog(content.strings, lang)
        word = t("key.form.next")
        for key in ("form.hint", "evidence.hint", "money.hint"):
            assert f"}} {word.lower()}" in content.strings[lang][key].lower(), (lang, key)


ANSWERS = {"en": [("Enter/y", "Yes"), ("Esc/n", "No")],
           "zh-CN": [("回车/y", "是"), ("Esc/n", "否")]}


def shown_keys(app) -> list[tuple[str, str]]:
    """(keys as shown, words) of each key the key bar of the screen on top shows."""
    keys, _palette = app.screen.query_one(SteadyFooter).row.wanted
    return [(display, words) for _key, display, words, *_rest in keys]


@pytest.mark.parametrize("lang", LANGS)
async def test_the_discard_question_shows_its_keys_in_the_key_bar(make_app, lang):
    """The bar said `Enter Yes  y Yes  n No  Esc No` beside a question that said `y or
    Enter: discard · n or Esc: back to it`: each answer is one key of the bar, named with
    all its keys as the question names them."""
    from tui.ui.card_form import CardForm

    app = make_app(lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(app.screen, CardForm), "the card form")
        await settle(pilot)
        await type_text(pilot, "Old phone")
        await pilot.press("escape")
        await wait_shown(pilot, ConfirmDialog, "the question")
        await settle(pilot)
        # each answer once, with its keys: `Enter/y Yes  Esc/n No`, `回车/y 是  Esc/n 否`
        assert shown_keys(app) == ANSWERS[lang], shown_keys(app)
        question = str(app.screen.query_one(".dialog-question", Static).render())
        yes_keys, no_keys = (keys for keys, _words in ANSWERS[lang])
        assert question.index(yes_keys) < question.index(no_keys), question
        # and Esc still goes back to the form, as the question says
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, CardForm), "the form again")
        # Enter presses the focused button, as before: No, once the focus is on it
        await pilot.press("escape")
        await wait_shown(pilot, ConfirmDialog, "the question")
        await settle(pilot)
        await pilot.press("tab")
        await wait_until(pilot, lambda: getattr(app.focused, "id", None) == "no", "No focused")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, CardForm), "the form kept")
        assert app.screen.query_one("#label").value == "Old phone"


async def test_the_discard_bar_names_a_remapped_answer_as_mapped(make_app):
    from tui.ui.card_form import CardForm

    app = make_app(keymap={"confirm.yes": "j"})
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(app.screen, CardForm), "the card form")
        await settle(pilot)
        await type_text(pilot, "Old phone")
        await pilot.press("escape")
        await wait_shown(pilot, ConfirmDialog, "the question")
        await settle(pilot)
        assert shown_keys(app) == [("Enter/j", "Yes"), ("Esc/n", "No")], shown_keys(app)
        assert "Enter/j discard" in str(app.screen.query_one(".dialog-question", Static).render())
        await pilot.press("j")
        await wait_until(pilot, lambda: not isinstance(app.screen, ConfirmDialog), "answered")
        assert not isinstance(app.screen, CardForm)  # j discarded, as the bar says
