"""A lost card that cannot be reported lost (the standard Shanghai metro card) holds
nothing owed (tui.domain.money_owed). Found by a tester: its letters still asked for
what it held back and to keep it blocked, `m` said its money comes back until amounts
were on record, and a refund over what it held was refused as "more than is still
owed" in a second way of writing money. Each follows the one rule now."""

from __future__ import annotations

import pytest

from tests.helpers.pilot import settle
from tests.test_lost_bearer_money import (
    MONEY_WORDS,
    _dialog_text,
    _open_money,
    _wallet,
    content_dir,
)
from tui.base.errors import TrackerError
from tui.base.i18n import Catalog
from tui.domain.letter_text import write_letter
from tui.library.letters import fields_of, load_letters
from tui.records.card_error import CardError
from tui.records.card_fields import CardFields
from tui.storage.store import Store

SIZE = (80, 24)
WORDS = {
    "en": {"cancel_why": "cannot be reported lost", "no_ask": "I do not ask for it back",
           "refund_why": "there is no refund letter", "report_why": "no loss-report letter",
           "way_out": "tick “Registered (named) card” in its form",
           "asks": ("Please refund", "keep the card blocked", "refund will be paid")},
    "zh-CN": {"cancel_why": "不能挂失", "no_ask": "本人不申请退还",
              "refund_why": "没有退款申请可写", "report_why": "没有挂失信可写",
              "way_out": "勾选“记名卡（已登记）”",
              "asks": ("请退还本人", "冻结", "退款的时间和方式")},
}


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_no_letter_asks_back_what_went_with_a_lost_bearer_card(content, clock, lang):
    words = WORDS[lang]
    tracker, metro, debit = _wallet(Store.in_memory(), content, clock)
    tracker.report_lost([metro, debit])
    letters, _problems = load_letters(content_dir(), None)
    t = Catalog(content.strings, lang)
    letter = write_letter(tracker, metro, letters, t)
    assert letter.letter == "cancel"
    assert words["cancel_why"] in letter.body and words["no_ask"] in letter.body, letter.body
    assert not any(ask in letter.body for ask in words["asks"]), letter.body
    for kind, why in (("refund", "refund_why"), ("report-lost", "report_why")):
        with pytest.raises(TrackerError) as refused:
            write_letter(tracker, metro, letters, t, kind)
        said = t(refused.value.key, **refused.value.params)
        assert words[why] in said, said
        assert words["way_out"] in said, said  # a registered card is marked, then reported
    bank = write_letter(tracker, debit, letters, t, "refund")  # its bank holds CN¥10
    assert "¥10.00" in bank.body


# whose card it is, as the letters read it: the user's own, someone else's (an owner
# named), a late person's (an owner named, added from a bundle for a deceased holder)
HOLDERS = {"own": ("", ""), "behalf": ("Mum", ""), "estate": ("Grandma Wang", "deceased")}
SAYS_WHOSE = {
    ("behalf", "en"): "on behalf of the account holder, Mum",
    ("behalf", "zh-CN"): "本人受账户持有人Mum委托",
    ("estate", "en"): "executor or next of kin of the late Grandma Wang",
    ("estate", "zh-CN"): "已故的Grandma Wang的遗嘱执行人",
}
BEARER_WORDS = {
    "en": {"why": "cannot be reported lost", "no_ask": "not ask for it back",
           "asks": ("Please refund", "Please pay", "refund any", "still held (",
                    "keep the card blocked")},
    "zh-CN": {"why": "不能挂失", "no_ask": "不申请退还",
              "asks": ("，请退还", "请支付", "支付给", "如尚有余额", "冻结")},
}


def _lost_metro(tracker, holder: str, balance: str = "50", deposit: str = "20") -> str:
    """A Shanghai metro card (a bearer card) holding CN¥50 and a CN¥20 deposit (or
    `balance` and `deposit` as typed), of `holder` (HOLDERS), picked in the lost-wallet
    list: what it held is gone."""
    owner, bundle_holder = HOLDERS[holder]
    fields = CardFields("Metro card", "transit", "cancel", "Shanghai transport card", "CN",
                        owner=owner, carried=True)
    if bundle_holder:
        (card,) = tracker.add_cards([fields], bundle="x", holder=bundle_holder)
    else:
        card = tracker.add_card(fields)
    tracker.set_money(card.id, balance, deposit, "CNY")
    tracker.report_lost([card.id])
    assert tracker.view(card.id).balance_gone
    return card.id


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
@pytest.mark.parametrize("holder", list(HOLDERS))
def test_every_holder_s_letter_for_a_lost_bearer_card_asks_nothing_back(
    tracker, content, lang, holder
):
    """Found by a tester: the letter for Mum's lost metro card, and for a late
    relative's, asked for "any balance or deposit still held (CN¥70.00)" back, and
    the app said before it went out that it asked for nothing: only the user's own
    card had a body for a card lost with what it held."""
    words = BEARER_WORDS[lang]
    metro = _lost_metro(tracker, holder)
    letters, problems = load_letters(content_dir(), None)
    assert problems == []
    t = Catalog(content.strings, lang)
    letter = write_letter(tracker, metro, letters, t)
    assert letter.letter == "cancel"
    body = letter.body
    assert words["why"] in body and words["no_ask"] in body, body
    assert not any(ask in body for ask in words["asks"]), body
    if holder != "own":  # still written as the holder's, not as "my" card
        assert SAYS_WHOSE[holder, lang] in body, body
    assert letter.caution == t("letter.caution_gone")  # which says it asks nothing back
    for kind in ("refund", "report-lost"):
        with pytest.raises(TrackerError):
            write_letter(tracker, metro, letters, t, kind)


@pytest.mark.parametrize("holder", list(HOLDERS))
def test_no_shipped_template_asks_back_what_a_lost_bearer_card_held(holder):
    """The kind of it: each template that can be written for such a card (a
    cancellation: a refund or loss-report letter is refused for it) has a body for it
    for each holder, and that body names no amount owed."""
    owner, bundle_holder = HOLDERS[holder]
    letters, _problems = load_letters(content_dir(), None)
    for template in letters.letters.values():
        if template.letter != "cancel":
            continue
        name = template.body_name_for(bool(owner), bool(bundle_holder), gone=True)
        assert name.endswith("_gone"), (template.id, holder, name)
        for lang in ("en", "zh-CN"):
            text = getattr(template, name).get(lang)
            assert not {"owed", "total", "refunded"} & set(fields_of(text)), (template.id, name)


def test_a_template_with_no_body_for_a_lost_bearer_card_says_it_asks_back(
    tracker, content, tmp_path
):
    """A user's cancellation template with no `_gone` body asks for what the card held:
    the caution says so, not that the letter asks for nothing."""
    (tmp_path / "letters").mkdir()
    (tmp_path / "letters" / "cancel.yaml").write_text(
        "id: cancel\nletter: cancel\ntitle: {en: Mine}\nbody:\n  en: Refund {owed}, please.\n",
        encoding="utf-8",
    )
    letters, problems = load_letters(content_dir(), tmp_path)
    assert problems == []
    metro = _lost_metro(tracker, "behalf")
    t = Catalog(content.strings, "en")
    letter = write_letter(tracker, metro, letters, t)
    assert letter.caution == t("letter.caution_gone_asks") and "asks for it back" in letter.caution


def test_a_bearer_card_added_as_lost_gets_the_cancellation_letter(content, clock):
    from tui.domain.tracker import Tracker

    tracker = Tracker(Store.in_memory(), content.playbooks, clock, issuers=content.issuers)
    fields = CardFields("Metro card", "transit", "report-lost", "Shanghai transport card", "CN")
    card = tracker.add_card(fields)
    letters, _problems = load_letters(content_dir(), None)
    letter = write_letter(tracker, card.id, letters, Catalog(content.strings, "en"))
    assert letter.letter == "cancel" and "keep the card blocked" not in letter.body


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
async def test_m_tells_the_truth_before_any_amount_is_recorded(make_app, content, clock, lang):
    from tui.domain.tracker import Tracker

    words = MONEY_WORDS[lang]
    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock, issuers=content.issuers)
    metro = tracker.add_card(CardFields("Metro card", "transit", "cancel",
                                        "Shanghai transport card", "CN", carried=True)).id
    tracker.report_lost([metro])
    app = make_app(store, lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        await _open_money(app, pilot, metro, refund=False)
        said = _dialog_text(app)
        assert words["comes_back"] not in said, said
        assert words["note"] in said and words["not_owed"] in said, said


@pytest.mark.parametrize(("lang", "words"), [
    ("en", ("more than this card held (CN¥70.00", "counted as owed")),
    ("zh-CN", ("超过了这张卡原有的金额", "还剩 ¥70.00", "不计为应退款项")),
])
def test_a_refund_over_what_it_held_says_so_in_the_app_s_money(content, clock, lang, words):
    tracker, metro, debit = _wallet(Store.in_memory(), content, clock)
    tracker.report_lost([metro, debit])
    t = Catalog(content.strings, lang)
    with pytest.raises(CardError) as refused:
        tracker.record_refund(metro, "100")
    said = t(refused.value.key, **refused.value.params)
    assert all(w in said for w in words) and "still owed" not in said, said
    tracker.record_refund(metro, "30")  # a refund that came back is kept
    assert tracker.store.card(metro).money["refunded"] == "30.00"
    with pytest.raises(CardError) as refused:
        tracker.record_refund(debit, "100")
    assert "CN¥10.00" in Catalog(content.strings, "en")(refused.value.key,
                                                        **refused.value.params)


async def test_pilot_lost_metro_refund_over_held(make_app, content, clock):
    store = Store.in_memory()
    tracker, metro, debit = _wallet(store, content, clock)
    tracker.report_lost([metro, debit])
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await _open_money(app, pilot, metro, refund=True)
        await pilot.press(*"100", "ctrl+s")
        await settle(pilot)
        said = _dialog_text(app)
        assert "more than this card held (CN¥70.00" in said, said
        assert "still owed" not in said and "CNY" not in said.split("held (")[1][:20], said
