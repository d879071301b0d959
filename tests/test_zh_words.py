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
