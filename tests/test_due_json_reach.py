"""`due --json` says who can dial each number it offers, as plain `due` and the app do
(issue 16: the JSON had the number alone, while `due` said "from abroad", "any
phone" or where it works only): `call.reach` is a stable code for scripts
(`any-phone`, `from-abroad`, `domestic-only`, `own-network`, `unknown`) and
`call.reach_words` the app's words in the chosen language; the keys it had are kept."""

from __future__ import annotations

import json

import pytest

from tests.test_card_reach import _due_wallet
from tui.domain.hotline_choice import first_usable
from tui.domain.hotline_text import REACH_CODES, offer_reach_text, reach_code, reach_words
from tui.domain.tracker import Tracker
from tui.storage.store import DB_FILENAME, Store


def _due_json(tmp_path, data, lang: str) -> dict[str, dict]:
    from tests.conftest import run_cli

    result = run_cli("--lang", lang, "due", "--json", data=data, config=tmp_path)
    assert result.returncode == 1, result.stderr  # overdue
    return {card["label"]: card["call"] for card in json.loads(result.stdout)["cards"]}


@pytest.mark.parametrize(
    ("lang", "abroad", "expected"),
    [
        ("en", False, {
            "ICBC debit": ("95588", "domestic-only", "only within mainland China"),
            "Chase Visa": ("+1 303-967-1096", "from-abroad", "from abroad"),
            "China Mobile": ("+86 138 0010 0186", "any-phone", "any phone"),
        }),
        ("en", True, {
            "ICBC debit": ("+86 10 95588", "from-abroad", "from abroad"),
        }),
        ("zh-CN", False, {
            "ICBC debit": ("95588", "domestic-only", "仅限中国大陆境内拨打"),
            "China Mobile": ("+86 138 0010 0186", "any-phone", "任意电话可拨"),
        }),
    ],
)
def test_due_json_gives_each_numbers_reach_as_a_code_and_in_words(
    tmp_path, content, lang, abroad, expected
):
    data = _due_wallet(tmp_path, content)
    if abroad:
        (tmp_path / "config.yaml").write_text("abroad: true\n", encoding="utf-8")
    calls = _due_json(tmp_path, data, lang)
    for label, (number, code, words) in expected.items():
        call = calls[label]
        assert (call["number"], call["reach"], call["reach_words"]) == (number, code, words)
        assert isinstance(call["verified"], bool)  # the keys it had, kept
        assert set(call) == {"number", "verified", "reach", "reach_words"}


@pytest.mark.parametrize("abroad", [False, True])
def test_due_json_says_of_each_number_what_plain_due_and_the_app_say(tmp_path, content, abroad):
    from tests.conftest import run_cli
    from tui.base.i18n import Catalog

    data = _due_wallet(tmp_path, content)
    if abroad:
        (tmp_path / "config.yaml").write_text("abroad: true\n", encoding="utf-8")
    calls = _due_json(tmp_path, data, "en")
    plain = run_cli("--lang", "en", "due", data=data, config=tmp_path).stdout
    t = Catalog(content.strings, "en")
    store = Store.open(data / DB_FILENAME)
    tracker = Tracker(store, content.playbooks, issuers=content.issuers)
    try:
        for card in store.cards():
            offer = first_usable(tracker.calls_for(card, abroad, "en"))
            call = calls[card.label]
            assert call["reach"] == reach_code(offer) and call["reach"] in REACH_CODES
            assert call["reach_words"] == reach_words(offer, t)
            line = next(line for line in plain.splitlines() if card.label in line)
            # the words plain due says of it, where its short line says them (a home
            # line's "only within" and a row's own "any phone" go unsaid there)
            said = offer_reach_text(offer, t)
            if said and call["reach"] != "domestic-only":
                assert said == call["reach_words"] and said in line, (line, call)
    finally:
        store.close()


def test_every_reach_a_directory_number_has_maps_to_a_code(content):
    from tui.domain.hotline_choice import Offer

    for issuer in content.issuers.issuers.values():
        for hotline in issuer.hotlines:
            offer = Offer(hotline=hotline, issuer=issuer)
            assert reach_code(offer) in REACH_CODES, (issuer.id, hotline)
