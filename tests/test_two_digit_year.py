"""A year typed in two digits is read only where the user's language writes one, and
only as a year near today; otherwise the date is refused, saying to write the year
in four digits. In Chinese (`2026/12/3`, the year first and in full) `12/3/26`, how
the English screen writes 3 December 2026, was read year first as 2012-03-26: saved,
shown as 2012/3/26 and counted as 5365 days overdue by `due`."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st
from textual.widgets import Input, Static

from tests.helpers.pilot import settle, type_text, wait_shown
from tui.base.i18n import Catalog
from tui.base.typed_moment import ShortYear, read_day, read_done_moment, read_moment
from tui.domain.tracker import Tracker
from tui.records.card_error import CardError
from tui.records.card_fields import CardFields
from tui.storage.store import Store
from tui.ui.followup_screens import EvidenceScreen, FollowUpScreen

SIZE = (80, 24)
TODAY = dt.date(2026, 11, 30)
CN_DEBIT = CardFields("工行借记卡", "bank", "cancel", "ICBC", "CN")
# the locales dates are read in whose short date puts the year first, in full (CLDR:
# y/M/d, y-MM-dd, y/MM/dd), and those that put it last (M/d/yy, d/M/y, dd/MM/yy)
YEAR_FIRST = ("zh_CN", "zh_Hant_TW", "en_CA", "en_ZA")
YEAR_LAST = ("en_US", "en_GB", "en_AU", "en_IN", "zh_Hant_HK", "zh_Hans_SG")


# where the language does not write a year in two digits: never read


@pytest.mark.parametrize(
    "typed",
    ["12/3/26", "26/3/12", "3/12/26", "26/12/3", "12-3-26", "12.3.26", "1/2/3",
     "12/3/26 下午2:34", "12/3/26, 2:34 PM", "１２／３／２６"],
)
@pytest.mark.parametrize("locale", YEAR_FIRST)
def test_a_short_year_where_the_year_comes_first_in_full_is_refused(typed, locale):
    for read in (read_moment, read_done_moment):
        with pytest.raises(ShortYear) as refused:
            read(typed, locale, TODAY)
        assert refused.value.year is None  # more than one reading: none is offered
    if ":" not in typed:
        with pytest.raises(ShortYear):
            read_day(typed, locale, TODAY)


# (the year first in full still reads: test_proof_when)


# where it does (last, after day and month): only as a year near today


@pytest.mark.parametrize(
    ("typed", "locale", "year"),
    [
        ("26/3/12", "en_GB", 2012),  # 2026-03-12 written year first: was 26 March 2012
        ("26/3/12", "en_AU", 2012),
        ("26/3/12", "zh_Hant_HK", 2012),
        ("3/26/12", "en_US", 2012),
        ("1/1/70", "en_US", 1970),  # was 1970-01-01
        ("1/1/99", "en_US", 1999),  # was 1999-01-01
        ("12/31/24", "en_US", 2024),  # the year before last
        ("1/1/28", "en_US", 2028),
        ("1/1/00", "en_US", 2000),
    ],
)
def test_a_short_year_far_from_now_is_refused_naming_the_year(typed, locale, year):
    """(One near today is read where the language writes it: test_proof_when.)"""
    with pytest.raises(ShortYear) as refused:
        read_moment(typed, locale, TODAY)
    assert (refused.value.year, refused.value.short) == (year, typed[-2:])
    assert (refused.value.first, refused.value.last) == (2025, 2027)


@pytest.mark.parametrize("locale", ["zh_CN", "en_US", "en_GB"])
@pytest.mark.parametrize(("typed", "year"), [("12年3月26日", 2012), ("99年1月1日", 1999),
                                             ("70年1月1日", 1970), ("28年1月1日", 2028)])
def test_a_short_year_in_nian_yue_ri_far_from_now_is_refused(typed, year, locale):
    with pytest.raises(ShortYear) as refused:
        read_moment(typed, locale, TODAY)
    assert refused.value.year == year


def test_a_follow_up_may_be_next_year_in_two_digits():
    assert read_day("1/15/27", "en_US", TODAY) == dt.date(2027, 1, 15)
    assert read_day("27年1月15日", "zh_CN", TODAY) == dt.date(2027, 1, 15)
    with pytest.raises(ShortYear):
        read_day("1/15/12", "en_US", TODAY)


_NUMBER = st.integers(0, 99).map(str) | st.integers(0, 9).map(lambda n: f"0{n}")


@given(
    numbers=st.tuples(_NUMBER, _NUMBER, _NUMBER),
    separator=st.sampled_from("/.-"),
    locale=st.sampled_from(YEAR_FIRST + YEAR_LAST),
    today=st.dates(dt.date(2001, 1, 1), dt.date(2097, 12, 31)),
)
def test_no_date_without_a_four_digit_year_lands_far_from_today(numbers, separator, locale, today):
    """Three numbers of one or two digits are read, if at all, as a day within a year
    of today, in a locale that writes its year last; never where it comes first."""
    typed = separator.join(numbers)
    try:
        day = read_moment(typed, locale, today).day
    except ValueError:
        return
    assert locale in YEAR_LAST, (typed, locale, day)
    assert abs(day.year - today.year) <= 1, (typed, locale, today, day)


@given(year=st.integers(0, 99), today=st.dates(dt.date(2001, 1, 1), dt.date(2097, 12, 31)))
def test_no_short_year_in_nian_yue_ri_lands_far_from_today(year, today):
    try:
        day = read_moment(f"{year:02d}年3月1日", "zh_CN", today).day
    except ValueError:
        return
    assert abs(day.year - today.year) <= 1 and day.year % 100 == year


# what the user is told


def test_the_tracker_refuses_it_with_its_own_message_and_keeps_nothing(tracker, content):
    from tui.base import clock as dates

    card = tracker.add_card(CN_DEBIT)
    dates.configure_dates("zh-CN", {})
    try:
        with pytest.raises(CardError) as caught:
            tracker.record_evidence(card.id, {"reference": "R", "when": "12/3/26"})
    finally:
        dates.configure_dates("en", {})
    assert (caught.value.field, caught.value.message_key) == ("when", "error.when_short_year")
    assert caught.value.params["example"] == "2026/3/1"  # today (the clock's), year in full
    with pytest.raises(CardError) as caught:
        tracker.record_evidence(card.id, {"reference": "R", "when": "3/26/12"})
    assert caught.value.message_key == "error.when_short_year_far"
    assert caught.value.params["year"] == "2012" and caught.value.params["example"] == "3/1/2026"
    assert not [e for e in tracker.store.log(card.id) if e.event == "evidence.recorded"]
    for lang in ("en", "zh-CN"):
        for key in ("error.when_short_year", "followup.short_year"):
            words = Catalog(content.strings, lang)(key, example="2026/3/1")
            assert "2026/3/1" in words, words
        for key in ("error.when_short_year_far", "followup.short_year_far"):
            words = Catalog(content.strings, lang)(key, example="3/1/2026", short="12",
                                                   year="2012", first="2025", last="2027")
            assert "2012" in words and "3/1/2026" in words, words


async def test_the_chinese_proof_dialog_refuses_12_3_26_beside_the_field(make_app, content,
                                                                          clock):
    store = Store.in_memory()  # the clock: 2026-03-01
    card = Tracker(store, content.playbooks, clock).add_card(CN_DEBIT)
    app = make_app(store, lang="zh-CN")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await wait_shown(pilot, EvidenceScreen, "the proof dialog")
        screen = app.screen
        await pilot.press(*"REF-7")
        screen.field("when").value = ""
        screen.field("when").focus()
        await type_text(pilot, "12/3/26")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen and screen.field("when").value == "12/3/26"
        error = screen.query_one(f"#{screen.prefix}-when-error", Static)
        line = str(error.render())
        assert error.has_class("visible"), line
        assert line.startswith("时间：") and "四位" in line and "2026/3/1" in line, line
        assert "仍在表单中" in line, line
        assert screen.focused is screen.field("when")
    assert not [e for e in store.log(card.id) if e.event == "evidence.recorded"]


async def test_the_chinese_follow_up_dialog_refuses_12_3_26_beside_the_field(make_app, content,
                                                                             clock):
    store = Store.in_memory()
    card = Tracker(store, content.playbooks, clock).add_card(CN_DEBIT)
    app = make_app(store, lang="zh-CN")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f")
        await wait_shown(pilot, FollowUpScreen, "the follow-up dialog")
        screen = app.screen
        await type_text(pilot, "12/3/26")
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen and screen.query_one(Input).value == "12/3/26"
        line = str(screen.query_one("#followup-error", Static).render())
        # the user's own numbers, the year last as English writes it: 3 December 2026
        assert "四位" in line and "2026/12/3" in line and "没有做任何更改" in line, line
    assert store.card(card.id).follow_up == ""
    assert not [e for e in store.log(card.id) if e.event == "followup.set"]
