"""`hotline --json` says who can dial each number, as `due --json` does (found by a
tester: `due --json` gave `reach` and `reach_words`, `hotline --json` neither). Both
build the two fields in one place (tui.domain.hotline_text.reach_fields): `reach` a
code that is the same in every language, `reach_words` the app's words for it."""

from __future__ import annotations

import json

import pytest

from tests.conftest import run_cli
from tests.test_card_reach import _due_wallet
from tui.domain.hotline_text import REACH_CODES


def _hotline_json(tmp_path, lang: str, query: str, *extra: str) -> list[dict]:
    result = run_cli("--lang", lang, "hotline", query, "--json", *extra, config=tmp_path)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize(
    ("lang", "number", "code", "words"),
    [
        ("en", "95588", "domestic-only", "only within mainland China"),
        ("en", "+86 10 95588", "from-abroad", "from abroad"),
        ("en", "+852 2189 5588", "unknown", ""),
        ("zh-CN", "95588", "domestic-only", "仅限中国大陆境内拨打"),
        ("zh-CN", "+86 10 95588", "from-abroad", "境外拨打"),
    ],
)
def test_every_number_of_hotline_json_has_its_reach_in_code_and_words(
    tmp_path, lang, number, code, words
):
    icbc = next(doc for doc in _hotline_json(tmp_path, lang, "icbc") if doc["id"] == "icbc")
    found = [line for line in icbc["hotlines"] if line["number"] == number]
    assert found, icbc["hotlines"]
    for line in found:
        assert (line["reach"], line["reach_words"]) == (code, words), line
    for line in icbc["hotlines"]:  # every number has both, and the keys it had stay
        assert line["reach"] in REACH_CODES and isinstance(line["reach_words"], str), line
        assert {"number", "purpose", "reachable", "domestic_only", "verified"} <= set(line)


@pytest.mark.parametrize(("lang", "abroad"), [("en", False), ("en", True), ("zh-CN", False)])
def test_hotline_json_and_due_json_say_the_same_of_the_same_number(
    tmp_path, content, lang, abroad
):
    """The number `due --json` offers for the ICBC card is in `hotline --json` for
    ICBC with the same reach, in code and in words."""
    data = _due_wallet(tmp_path, content)
    if abroad:
        (tmp_path / "config.yaml").write_text("abroad: true\n", encoding="utf-8")
    due = run_cli("--lang", lang, "due", "--json", data=data, config=tmp_path)
    call = next(card["call"] for card in json.loads(due.stdout)["cards"]
                if card["issuer"] == "ICBC")
    icbc = next(doc for doc in _hotline_json(tmp_path, lang, "icbc") if doc["id"] == "icbc")
    same = [line for line in icbc["hotlines"] if line["number"] == call["number"]]
    assert same, (call, icbc["hotlines"])
    assert {(line["reach"], line["reach_words"]) for line in same} == {
        (call["reach"], call["reach_words"])
    }, (call, same)


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_reachable_and_reach_never_disagree(tmp_path, lang):
    """`hotline china mobile --json` gave `"reachable": "unknown"` next to `"reach":
    "domestic-only"` for 10086 (its source says nothing; its numbering plan does):
    both come from one rule (reach_code)."""
    docs = _hotline_json(tmp_path, lang, "china mobile")
    lines = [line for doc in docs for line in doc["hotlines"]]
    assert any(line["number"] == "10086" for line in lines), lines
    for line in lines:
        assert line["reachable"] == line["reach"], line
        assert line["domestic_only"] == (line["reach"] == "domestic-only"), line
