"""A hint names each key the way the key bar does: the key, a space, the word
(`^s 保存 · Esc 取消 · 回车 下一栏`), never `key: word`; a key name put into a Chinese
message keeps its space to the word after it (`回车 下一栏`, not `回车下一栏`), and the
question before dropping what was typed shows in the key bar every key it names."""

from __future__ import annotations

import re
import string

import pytest

from tests.helpers.pilot import settle, wait_until
from tests.test_app import SIZE, type_text
from tests.test_key_bar import bar
from tui.base.i18n import Catalog
from tui.ui.dialogs import ConfirmDialog
from tui.ui.key_names import key_names

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


def test_a_chinese_key_name_keeps_its_space_to_the_next_word(content):
    t = _catalog(content, "zh-CN")
    assert t("form.hint").endswith("回车 下一栏")
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


@pytest.mark.parametrize("lang", LANGS)
async def test_the_discard_question_shows_its_keys_in_the_key_bar(make_app, lang):
    from tui.ui.card_form import CardForm

    app = make_app(lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(app.screen, CardForm), "the card form")
        await settle(pilot)
        await type_text(pilot, "Old phone")
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog), "the question")
        await settle(pilot)
        keys = [key for key, _words in bar(app)]
        assert {"y", "enter", "n", "escape"} <= set(keys), bar(app)
        yes, no = app.t("key.confirm.yes"), app.t("key.confirm.no")
        shown = dict(bar(app))
        assert (shown["y"], shown["enter"], shown["n"], shown["escape"]) == (yes, yes, no, no)
        # and Esc still goes back to the form, as the question says
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, CardForm), "the form again")
        # Enter presses the focused button, as before: No, once the focus is on it
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog), "the question")
        await settle(pilot)
        await pilot.press("tab")
        await wait_until(pilot, lambda: getattr(app.focused, "id", None) == "no", "No focused")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, CardForm), "the form kept")
        assert app.screen.query_one("#label").value == "Old phone"
