"""Chinese words that say what the app means.

A bundle (several cards added at once: moving abroad, a lost wallet, a relative's
accounts) was 套餐, which a Chinese reader takes for a phone plan: it is 组合 (卡片组合),
and 套餐 is kept for what is one, an eSIM's mobile plan."""

from __future__ import annotations

import re

from tui.base.paths import content_dir

BUNDLE_WORD = "组合"
PLAN_WORD = "套餐"


def _mentions(text: str, word: str) -> bool:
    """Whether `text` says `word` itself, not inside a placeholder ({bundle},
    {key_bundle_go})."""
    return word in re.sub(r"\{[^}]*\}", "", text).lower()


def test_a_bundle_is_a_set_of_cards_never_a_phone_plan(content):
    en, zh = content.strings["en"], content.strings["zh-CN"]
    bundles = {key for key, text in en.items() if _mentions(str(text), "bundle")}
    assert len(bundles) >= 5, bundles
    wrong = {key: zh[key] for key in bundles if BUNDLE_WORD not in zh[key] or PLAN_WORD in zh[key]}
    assert wrong == {}, wrong
    # 套餐 stays where English says a (mobile) plan
    plans = {key for key, text in zh.items() if PLAN_WORD in str(text)}
    assert plans and all(_mentions(str(en[key]), "plan") for key in plans), {
        key: en[key] for key in plans
    }


def test_no_bundle_file_calls_itself_a_phone_plan():
    for path in sorted((content_dir() / "bundles").glob("*.yaml")):
        assert PLAN_WORD not in path.read_text(encoding="utf-8"), path.name


def test_lists_and_alternatives_in_a_message_are_joined_as_each_language_joins_them(content):
    """Fields named together ("its card number and PIN") and alternatives ("use en or
    zh-CN") read as each language says a list: never English commas or "or" in
    Chinese."""
    from tui.base.i18n import Catalog, Choices, Listed

    en, zh = Catalog(content.strings, "en"), Catalog(content.strings, "zh-CN")
    fields = Listed(("card number", "PIN"))
    assert "its card number and PIN could not be removed" in en(
        "app.deleted_left", label="Debit", fields=fields
    )
    zh_fields = Listed((zh("field.number"), zh("field.pin")))
    said = zh("app.deleted_left", label="借记卡", fields=zh_fields)
    assert f"{zh('field.number')}和{zh('field.pin')}" in said and "," not in said, said
    known = Choices(("en", "zh-CN"))
    assert zh("config_problem.lang", value="xx", known=known).endswith("en或zh-CN")
    assert str(Choices(("en", "zh-CN"))) == "en or zh-CN"  # its English, for logs
