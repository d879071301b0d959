"""A letter names no amount that is zero or was never entered. Found by a tester: a
card whose deposit was typed as 0 and whose balance was left blank got letters saying
"balance CN¥0.00, deposit CN¥0.00, in all CN¥0.00; refunded so far CN¥0.00" and
"still held (CN¥0.00)". Every template, body and language now says each amount only
when it is not zero, and reads on without it."""

from __future__ import annotations

import re

import pytest

from tests.test_lost_bearer_letters import HOLDERS, _lost_metro
from tui.base.clock import configure_dates
from tui.base.i18n import Catalog
from tui.base.paths import content_dir
from tui.domain.letter_text import write_letter
from tui.library.letters import BODIES, fields_of, load_letters
from tui.records.card_fields import CardFields

KINDS = ("cancel", "report-lost", "refund")
# an amount, or the placeholder of one: neither may show for amounts not worth saying
ZERO = re.compile(r"0\.00|[¥$]0\b")
AMOUNT_WORDS = {
    "en": ("balance CN", "deposit CN", "in all", "refunded so far", "[balance", "[deposit",
           "[refunded", "[amount owed]", "()", "( )"),
    "zh-CN": ("余额¥", "押金¥", "共计", "已退还", "尚待退还", "[余额", "[押金", "[已退", "[应退",
              "（）"),
}
# how the sentences read with no amount in them (the late holder's refund letter says
# "what is still held on it" after the card's facts)
READS = {
    ("cancel", "en"): ("deposit still held to ",),
    ("cancel", "zh-CN"): ("如尚有余额或押金，请",),
    ("refund", "en"): ("region: CN).\n", "still held on it.\n"),
    ("refund", "zh-CN"): ("尚存的款项。\n",),
}


def _card(tracker, holder: str, balance: str, deposit: str) -> str:
    """A bank card of `holder` (HOLDERS) with `balance` and `deposit` as typed, in CNY."""
    owner, bundle_holder = HOLDERS[holder]
    fields = CardFields("Salary card", "bank", "cancel", "ICBC", "CN", owner=owner)
    if bundle_holder:
        (card,) = tracker.add_cards([fields], bundle="x", holder=bundle_holder)
    else:
        card = tracker.add_card(fields)
    tracker.set_money(card.id, balance, deposit, "CNY")
    return card.id


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
@pytest.mark.parametrize("holder", list(HOLDERS))
def test_a_deposit_of_0_and_no_balance_are_named_in_no_letter(tracker, content, lang, holder):
    configure_dates(lang)
    t = Catalog(content.strings, lang)
    letters, problems = load_letters(content_dir())
    assert problems == []
    card = _card(tracker, holder, "", "0")
    assert tracker.store.card(card).money["deposit"] in ("0", "0.00")
    for kind in KINDS:
        text = write_letter(tracker, card, letters, t, kind).text
        assert not ZERO.search(text), (kind, text)
        assert not any(word in text for word in AMOUNT_WORDS[lang]), (kind, text)
        if (kind, lang) in READS:
            assert any(said in text for said in READS[kind, lang]), (kind, text)
    # a lost bearer card's letter, whatever its holder: what it held, when it held none
    metro = _lost_metro(tracker, holder, "", "0")
    text = write_letter(tracker, metro, letters, t).text
    assert not ZERO.search(text) and not any(w in text for w in AMOUNT_WORDS[lang]), text
    assert {"en": "so what it held went with it", "zh-CN": "卡内的款项已随卡丢失"}[lang] in text


@pytest.mark.parametrize(
    ("lang", "refund", "cancel", "gone"),
    [
        ("en", "region: CN): deposit CN¥20.00.", "still held (CN¥20.00) to",
         "what it held (deposit CN¥20.00) went"),
        ("zh-CN", "尚存的款项：押金¥20.00。", "如尚有余额或押金（¥20.00），",
         "卡内的款项（押金¥20.00）已随卡丢失"),
    ],
)
def test_a_deposit_alone_is_named_alone(tracker, content, lang, refund, cancel, gone):
    """A deposit of 20 with no balance: the deposit, not "balance [balance]" nor a
    total of one amount."""
    configure_dates(lang)
    t = Catalog(content.strings, lang)
    letters = load_letters(content_dir())[0]
    card = _card(tracker, "own", "", "20")
    assert refund in write_letter(tracker, card, letters, t, "refund").text
    assert cancel in write_letter(tracker, card, letters, t, "cancel").text
    metro = _lost_metro(tracker, "behalf", "0", "20")
    assert gone in write_letter(tracker, metro, letters, t).text


@pytest.mark.parametrize("body", BODIES)
def test_no_shipped_template_names_an_amount_it_cannot_leave_out(body):
    """{balance}, {deposit}, {total}, {refunded} and {owed} stand in a sentence of the
    template's own, which cannot drop them: a shipped template names amounts only by
    the fields that say nothing when the amount is zero."""
    letters, problems = load_letters(content_dir())
    assert problems == []
    for template in letters.letters.values():
        for lang in ("en", "zh-CN"):
            text = getattr(template, body).get(lang) if getattr(template, body).get("en") else ""
            named = set(fields_of(text))
            assert not named & {"balance", "deposit", "total", "refunded", "owed"}, (
                template.id, body, lang, named)
