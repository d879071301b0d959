"""What a Chinese input method types is read as meant (issue 16): amounts in full-width
digits or with 元, 块 or ￥ beside them; a proof's "When" and a follow-up date in 年月日
with 上午, 下午, 晚上 or 中午 and 3点 or 3点半; another currency's mark beside an amount
is refused under the field, which keeps what was typed."""

from __future__ import annotations

import datetime as dt
from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st
from textual.widgets import Input, Static

from tests.conftest import FixedClock
from tests.helpers.pilot import ManualTimers, settle, type_text
from tui.base.i18n import Catalog
from tui.base.money import every_mark, typed_marks
from tui.base.typed_moment import (
    PastTomorrow,
    WhichMidnight,
    YearOutOfRange,
    read_day,
    read_done_moment,
    read_moment,
    stored_text,
)
from tui.domain.tracker import Tracker
from tui.records.amounts import parse_amount, parse_currency
from tui.records.card_error import CardError
from tui.records.card_fields import CardFields
from tui.records.identifiers import clean_identifier
from tui.storage.store import Store
from tui.ui.followup_screens import EvidenceScreen, FollowUpScreen, MoneyScreen

SIZE = (80, 24)
CN_DEBIT = CardFields("工行借记卡", "bank", "cancel", "ICBC", "CN")
TODAY = dt.date(2026, 11, 30)


def wide(text: str) -> str:
    """`text` as an input method in full-width mode types it: `35.50` → `３５．５０`."""
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


# amounts


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("３５．５０", "35.50"),  # full-width digits and point
        ("35元", "35.00"),
        ("¥35", "35.00"),
        ("￥35", "35.00"),  # the full-width yen sign
        ("35块", "35.00"),
        ("35.5 CNY", "35.50"),
        # their siblings
        ("３５．５ ＣＮＹ", "35.50"),
        ("￥３５", "35.00"),
        ("１，２３４．５０", "1234.50"),
        ("35.50 元", "35.50"),
        ("人民币35元", "35.00"),
        ("RMB 35", "35.00"),
        ("35块钱", "35.00"),
        ("35。5", "35.50"),  # the point of Chinese punctuation, between digits
    ],
)
def test_an_amount_typed_with_a_chinese_input_method_is_read(tracker, typed, kept):
    card = tracker.add_card(CN_DEBIT)
    tracker.set_money(card.id, typed, "", "CNY", lang="zh-CN")
    assert tracker.store.card(card.id).money["balance"] == kept
    other = tracker.add_card(CN_DEBIT)
    tracker.set_money(other.id, "5000", "", "CNY")
    tracker.record_refund(other.id, typed, lang="zh-CN")
    assert tracker.store.card(other.id).money["refunded"] == kept


@pytest.mark.parametrize(
    ("typed", "currency", "kept"),
    [("35元", "HKD", "35.00"), ("HK$35", "HKD", "35.00"), ("35港币", "HKD", "35.00"),
     ("＄35", "USD", "35.00"), ("35美元", "USD", "35.00"), ("35円", "JPY", "35.00")],
)
def test_a_currencys_own_words_are_read_in_other_currencies_too(tracker, typed, currency, kept):
    card = tracker.add_card(CN_DEBIT)
    tracker.set_money(card.id, typed, "", currency)
    assert tracker.store.card(card.id).money["balance"] == kept


@pytest.mark.parametrize(
    ("typed", "currency", "mark"),
    [
        ("$35", "CNY", "$"),
        ("＄35", "CNY", "$"),
        ("US$35", "CNY", "US$"),
        ("35 USD", "CNY", "USD"),
        ("35美元", "CNY", "美元"),
        ("€35", "CNY", "€"),
        ("35元", "USD", "元"),
        ("35块", "EUR", "块"),
        ("¥35", "USD", "¥"),
    ],
)
def test_another_currencys_mark_is_refused_saying_what_was_kept(
    tracker, content, typed, currency, mark
):
    card = tracker.add_card(CN_DEBIT)
    with pytest.raises(CardError) as caught:
        tracker.set_money(card.id, typed, "", currency)
    refused = caught.value
    assert (refused.field, refused.key) == ("balance", "error.amount_currency")
    assert (refused.params["mark"], refused.params["currency"]) == (mark, currency)
    for lang, kept in (("en", "what you typed is still in the form"), ("zh-CN", "仍在表单中")):
        said = Catalog(content.strings, lang)(refused.key, **refused.params)
        assert mark in said and currency in said and kept in said and "{" not in said
    assert tracker.store.card(card.id).money == {}


def test_a_refund_in_another_currencys_mark_is_refused(tracker):
    card = tracker.add_card(CN_DEBIT)
    tracker.set_money(card.id, "100", "", "CNY")
    with pytest.raises(CardError) as caught:
        tracker.record_refund(card.id, "$35")
    assert (caught.value.field, caught.value.key) == ("amount", "error.amount_currency")
    assert "refunded" not in tracker.store.card(card.id).money


@pytest.mark.parametrize("typed", ["3²", "①", "35元5", "3 5", "35元元", "abc元"])
def test_what_only_looks_like_an_amount_is_still_refused(tracker, typed):
    card = tracker.add_card(CN_DEBIT)
    with pytest.raises(CardError) as caught:
        tracker.set_money(card.id, typed, "", "CNY")
    assert caught.value.key == "error.amount_format"


@given(
    cents=st.integers(0, 10**9),
    grouped=st.booleans(),
    full_width=st.booleans(),
    before=st.sampled_from(["", "¥", "￥", "CN¥", "人民币", "RMB "]),
    after=st.sampled_from(["", "元", "块", "块钱", " CNY", " 元"]),
)
def test_any_amount_in_full_width_or_with_its_words_is_read_as_typed(
    cents, grouped, full_width, before, after
):
    number = f"{cents // 100:,}" if grouped else str(cents // 100)
    typed = before + number + f".{cents % 100:02d}" + after
    if full_width:
        typed = wide(typed)
    kept = parse_amount(typed, "balance", "CNY", typed_marks("CNY", "zh-CN"), 2, every_mark())
    assert kept * 100 == cents


def test_a_currency_code_and_a_card_number_in_full_width_are_read():
    assert parse_currency("ｃｎｙ") == "CNY"
    assert clean_identifier("number", "６２２２ ０２１２ ３４５６ ７８９０") == "6222021234567890"


def test_a_region_in_full_width_letters_is_its_region(tracker):
    card = tracker.add_card(CardFields("工行借记卡", "bank", "cancel", "ICBC", "ＣＮ"))
    assert tracker.region_of(card) == "CN" and tracker.currency_of(card) == "CNY"
    assert tracker.playbook_for(card) == tracker.playbook_for(tracker.add_card(CN_DEBIT))


async def test_the_money_dialog_in_chinese_reads_full_width_and_refuses_a_dollar(
    make_app, content, clock
):
    store = Store.in_memory()
    card = Tracker(store, content.playbooks, clock).add_card(CN_DEBIT)
    app = make_app(store, lang="zh-CN")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MoneyScreen)
        await type_text(pilot, "３５．５０")
        await pilot.press("enter")
        await type_text(pilot, "￥20")
        await pilot.press("enter")
        assert screen.field("currency").value == "CNY"  # the card's region's, offered
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, MoneyScreen)
        money = store.card(card.id).money
        assert (money["balance"], money["deposit"]) == ("35.50", "20.00")
        app.action_refund()
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MoneyScreen) and screen.refund
        await type_text(pilot, "$35")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen and screen.field("amount").value == "$35"
        line = screen.query_one(f"#{screen.prefix}-amount-error", Static)
        said = app.t("error.amount_currency", mark="$", currency="CNY", plain="35.00",
                     shown="¥35.00", coded="35.00 CNY")
        assert line.has_class("visible") and said in str(line.render()), str(line.render())
        assert "仍在表单中" in said
        screen.field("amount").value = "35元"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, MoneyScreen)
    assert store.card(card.id).money["refunded"] == "35.00"


# a proof's "When"


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("11月30日 下午3:00", "2026-11-30T15:00:00+00:00"),
        ("2026年11月30日 下午3点", "2026-11-30T15:00:00+00:00"),
        ("3点", "2026-11-30T03:00:00+00:00"),
        ("3点半", "2026-11-30T03:30:00+00:00"),
        ("15:00", "2026-11-30T15:00:00+00:00"),
        ("上午10点", "2026-11-30T10:00:00+00:00"),
        ("下午3点半", "2026-11-30T15:30:00+00:00"),
        ("晚上8点", "2026-11-30T20:00:00+00:00"),
        ("中午12点", "2026-11-30T12:00:00+00:00"),
        ("中午1点", "2026-11-30T13:00:00+00:00"),
        # their siblings
        ("下午3点15分", "2026-11-30T15:15:00+00:00"),
        ("11月30号晚上8:30", "2026-11-30T20:30:00+00:00"),
        ("2026年11月30日15:00", "2026-11-30T15:00:00+00:00"),
        ("２０２６年１１月３０日 下午３：００", "2026-11-30T15:00:00+00:00"),
        ("凌晨2点", "2026-11-30T02:00:00+00:00"),
        ("早上7点", "2026-11-30T07:00:00+00:00"),
        ("11月29日", "2026-11-29"),
        ("2026年11月29日", "2026-11-29"),
        ("26年11月29日", "2026-11-29"),
    ],
)
def test_a_chinese_when_is_read(typed, kept):
    assert stored_text(read_done_moment(typed, "zh_CN", TODAY)) == kept


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("11/30/26, 3:00 PM", "2026-11-30T15:00:00+00:00"),
        ("3:00 PM", "2026-11-30T15:00:00+00:00"),
        ("2026-11-30 15:00", "2026-11-30T15:00:00+00:00"),
        ("11月30日 下午3:00", "2026-11-30T15:00:00+00:00"),  # unambiguous in any locale
    ],
)
def test_english_forms_still_read_and_chinese_ones_too(typed, kept):
    assert stored_text(read_done_moment(typed, "en_US", TODAY)) == kept


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        ("12月1日", "2026-12-01"),  # tomorrow: allowed, as for every proof
        ("12月2日", "2025-12-02"),  # later this year has not happened: last year's
        ("12月25日 下午3点", "2025-12-25"),
        ("1月1日", "2026-01-01"),
    ],
)
def test_a_when_without_a_year_is_the_last_such_day_not_a_future_one(typed, day):
    assert read_done_moment(typed, "zh_CN", TODAY).day.isoformat() == day


def test_a_when_with_a_year_in_the_future_is_refused_as_every_future_proof():
    with pytest.raises(PastTomorrow):
        read_done_moment("2026年12月25日 下午3点", "zh_CN", TODAY)
    with pytest.raises(YearOutOfRange):
        read_done_moment("2028年1月1日", "zh_CN", TODAY)


@pytest.mark.parametrize(
    "typed",
    ["下午13点", "下午13:00", "中午5点", "3点60分", "25点", "13月1日", "2月30日",
     "11月30日 下午", "下午3点 下午", "30日", "2026年11月", "11月30日3", "3点半半"],
)
def test_a_chinese_when_that_is_no_moment_is_refused(typed):
    with pytest.raises(ValueError):
        read_moment(typed, "zh_CN", TODAY)


@given(
    day=st.dates(dt.date(2026, 1, 1), dt.date(2026, 12, 1)),
    hour=st.integers(0, 23),
    minute=st.integers(0, 59),
    with_year=st.booleans(),
    in_dian=st.booleans(),
    full_width=st.booleans(),
)
def test_any_chinese_moment_is_read_as_typed(day, hour, minute, with_year, in_dian, full_width):
    year = f"{day.year}年" if with_year else ""
    part = "上午" if hour < 12 else "下午"
    clock = f"{hour % 12 or 12}点{minute}分" if in_dian else f"{hour % 12 or 12}:{minute:02d}"
    typed = f"{year}{day.month}月{day.day}日 {part}{clock}"
    if full_width:
        typed = wide(typed)
    moment = read_done_moment(typed, "zh_CN", TODAY)
    assert moment.day == day and moment.time == dt.time(hour, minute), typed


def _app_at(content, store, now: datetime):
    from tui.ui.app import create_app

    clock = FixedClock(now)
    return create_app(store, lang="zh-CN", clock=clock, content=content,
                      timers=ManualTimers(clock)), clock


async def test_the_proof_dialog_in_chinese_reads_month_day_and_afternoon(content):
    store = Store.in_memory()
    now = datetime(2026, 11, 30, 18, 0, tzinfo=UTC)
    app, clock = _app_at(content, store, now)
    card = Tracker(store, content.playbooks, clock).add_card(CN_DEBIT)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, EvidenceScreen)
        await pilot.press(*"REF-7")
        screen.field("when").value = ""
        screen.field("when").focus()
        await type_text(pilot, "2026年12月25日 下午3点")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen and screen.field("when").value == "2026年12月25日 下午3点"
        line = str(screen.query_one(f"#{screen.prefix}-when-error", Static).render())
        assert "这个时间晚于明天" in line and "仍在表单中" in line, line
        screen.field("when").value = ""
        await type_text(pilot, "11月30日 下午3:00")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, EvidenceScreen)
    [proof] = [e for e in store.log(card.id) if e.event == "evidence.recorded"]
    assert proof.params["when"] == "2026-11-30T15:00:00+00:00"
    assert proof.params["reference"] == "REF-7"


async def test_the_proof_dialog_reads_a_yearless_day_as_last_years(make_app, content, clock):
    store = Store.in_memory()  # the clock: 2026-03-01
    card = Tracker(store, content.playbooks, clock).add_card(CN_DEBIT)
    app = make_app(store, lang="zh-CN")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await settle(pilot)
        screen = app.screen
        await pilot.press(*"REF-8")
        screen.field("when").value = ""
        screen.field("when").focus()
        await type_text(pilot, "11月30日 下午3:00")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, EvidenceScreen)
    [proof] = [e for e in store.log(card.id) if e.event == "evidence.recorded"]
    assert proof.params["when"] == "2025-11-30T15:00:00+00:00"


# a follow-up date


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        ("12月25日", "2026-12-25"),
        ("2026年12月25日", "2026-12-25"),
        ("2月1日", "2027-02-01"),  # passed this year: next year's
        ("3月1日", "2026-03-01"),  # today: due today
        ("12月25号", "2026-12-25"),
        ("１２月２５日", "2026-12-25"),
        ("＋７", "2026-03-08"),
        ("2026／12／25", "2026-12-25"),
    ],
)
def test_a_follow_up_in_chinese_is_read(typed, day):
    assert read_day(typed, "zh_CN", dt.date(2026, 3, 1)).isoformat() == day


@pytest.mark.parametrize("typed", ["12月25日 下午3点", "2028年1月1日", "2月30日"])
def test_a_follow_up_in_chinese_that_is_no_day_to_come_back_is_refused(typed):
    with pytest.raises(ValueError):
        read_day(typed, "zh_CN", dt.date(2026, 3, 1))


async def test_the_follow_up_dialog_in_chinese_shows_and_reads_chinese_dates(
    make_app, content, clock
):
    store = Store.in_memory()
    card = Tracker(store, content.playbooks, clock).add_card(CN_DEBIT)
    app = make_app(store, lang="zh-CN")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, FollowUpScreen)
        said = "\n".join(str(s.render()) for s in screen.query(Static))
        field = screen.query_one(Input)
        assert "YYYY" not in said and "2026年3月1日" in said, said
        assert "YYYY" not in field.placeholder and "2026年3月1日" in field.placeholder
        await type_text(pilot, "12月25日")
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, FollowUpScreen)
    assert store.card(card.id).follow_up == "2026-12-25"


async def test_the_follow_up_dialog_in_english_keeps_its_forms(make_app, content, clock):
    store = Store.in_memory()
    Tracker(store, content.playbooks, clock).add_card(CN_DEBIT)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f")
        await settle(pilot)
        screen = app.screen
        said = "\n".join(str(s.render()) for s in screen.query(Static))
        assert "YYYY-MM-DD, a date like 3/1/26" in said, said
        assert screen.query_one(Input).placeholder == "2026-03-01  ·  +7"


@pytest.mark.parametrize("typed", ["晚上12点", "11月30日 晚上12点", "晚上12:00"])
def test_an_evening_twelve_is_refused_saying_it_could_be_either_midnight(typed, content):
    """晚上12点 is the midnight that starts a day or the one that ends it: the proof is
    refused with words that say so and how to write it, not as an unreadable time."""
    with pytest.raises(WhichMidnight):
        read_done_moment(typed, "zh_CN", TODAY)
    tracker = Tracker(Store.in_memory(), content.playbooks, FixedClock())
    card = tracker.add_card(CardFields("Debit", "bank", "cancel"))
    step = tracker.view(card.id).items[0].step_id
    with pytest.raises(CardError) as caught:
        tracker.record_evidence(card.id, {"reference": "R1", "when": typed}, step_id=step)
    assert caught.value.message_key == "error.when_midnight"
    for lang in ("en", "zh-CN"):
        words = Catalog(content.strings, lang)("error.when_midnight")
        assert "0:00" in words and "23:59" in words, words


# a space typed from an input method


@pytest.mark.parametrize(
    ("typed", "saved"),
    [
        ("ＩＣＢＣ\u3000ｃａｒｄ", "ＩＣＢＣ ｃａｒｄ"),  # the ideographic space, full-width mode
        ("X\u3000Y", "X Y"),
        # their siblings: the other spaces a keyboard types (option+space on a Mac)
        ("Old\u00a0eSIM", "Old eSIM"),
        ("Old\u2003eSIM", "Old eSIM"),
        ("Old\u202feSIM", "Old eSIM"),
    ],
    ids=["wide-name", "x-y", "no-break", "em", "narrow-no-break"],
)
async def test_a_space_an_input_method_types_reaches_the_field_as_a_paste_does(
    make_app, typed, saved
):
    """Textual's Input drops a typed key whose character Python calls not printable, and
    no space but U+0020 is: `X　Y` typed from a Chinese input method saved `XY`, while a
    paste kept the space (the name's spaces are then one ASCII space each, on save)."""
    from textual._xterm_parser import XTermParser

    from tui.ui.card_form import CardForm

    store = Store.in_memory()
    app = make_app(store, lang="zh-CN")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, CardForm)
        label = app.screen.query_one("#label", Input)
        assert app.focused is label
        for key in XTermParser().feed(typed):  # the bytes the terminal sends
            app.post_message(key)
            await settle(pilot)
        assert label.value == typed
        notes = app.screen.query_one("#notes")
        notes.focus()
        await settle(pilot)
        for key in XTermParser().feed(typed):
            app.post_message(key)
            await settle(pilot)
        assert notes.text == typed
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, CardForm)
    [card] = store.cards()
    assert (card.label, card.notes) == (saved, typed)


# references and other identifier-like fields


def test_a_reference_typed_in_full_width_is_kept_in_plain_ascii(tracker):
    """A reference an issuer gives is letters and digits: typed from an input method in
    full-width mode (`ＲＥＦ１２３４５６`), it is kept as `REF123456`, in the proof, the
    step's proof and the lost-wallet report alike; the agent's name and the note are
    kept as typed (tui.base.wide_forms: only what is read as ASCII is narrowed)."""
    card = tracker.add_card(CN_DEBIT)
    step = tracker.view(card.id).items[0].step_id
    tracker.record_evidence(
        card.id, {"reference": wide("REF123456"), "agent": "王 ３号", "note": "ＯＫ"}, step
    )
    [proof] = [e for e in tracker.log(card.id) if e.event == "evidence.recorded"]
    assert (proof.params["reference"], proof.params["agent"], proof.params["note"]) == (
        "REF123456", "王 ３号", "ＯＫ"
    )
    assert tracker.store.progress(card.id)[step]["evidence"]["reference"] == "REF123456"
    tracker.record_call(card.id, "95588", wide("RB-2026 11") + "\u3000" + wide("24"))
    called = next(e for e in tracker.log(card.id) if e.event.startswith("lost."))
    assert called.params["reference"] == "RB-2026 11 24"


def test_a_region_typed_in_full_width_is_kept_in_plain_letters(tracker):
    card = tracker.add_card(CardFields("工行借记卡", "bank", "cancel", "ICBC", "ＣＮ"))
    assert card.region == "CN"
    named = tracker.add_card(CardFields("公交卡", "transit", "cancel", "", "上海"))
    assert named.region == "上海"


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
async def test_a_reference_typed_in_full_width_shows_whole_on_one_line_of_the_log(
    make_app, content, clock, lang, size
):
    """`ＲＥＦ１２３４５６` typed into the proof dialog was kept full-width, twice as wide,
    and the log wrapped it in the middle of the number; a reference with spaces
    (`RB 2026 1124`) is never broken either."""
    store = Store.in_memory()
    Tracker(store, content.playbooks, clock).add_card(CN_DEBIT)
    app = make_app(store, lang=lang)
    async with app.run_test(size=size) as pilot:
        for typed, kept in ((wide("REF123456"), "REF123456"),
                            (wide("RB 2026 1124"), "RB 2026 1124")):
            await pilot.press("n")
            await settle(pilot)
            assert isinstance(app.screen, EvidenceScreen)
            await type_text(pilot, typed)
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert not isinstance(app.screen, EvidenceScreen)
            lines = [s.text.replace("\u00a0", " ") for s in app.screen._compositor.render_strips()]
            assert any(kept in line for line in lines), (kept, lines)
