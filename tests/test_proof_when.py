"""A proof's "When" is kept as ISO 8601 with a four-digit year and shown in the
language of the screen or report; years out of range and a day and month the locale
reads the other way round are refused; text kept by earlier versions shows as it is."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.helpers.pilot import settle
from tui.base import clock as dates
from tui.base.i18n import Catalog
from tui.base.typed_moment import YearOutOfRange, read_moment, shown_text, stored_text
from tui.domain.export import export
from tui.domain.tracker import Tracker
from tui.records.card_error import CardError
from tui.records.card_fields import CardFields
from tui.storage.store import Store
from tui.ui.followup_screens import EvidenceScreen
from tui.ui.labels import log_text
from tui.ui.log_pane import LogList

SIZE = (80, 24)
TODAY = dt.date(2026, 11, 30)
DEBIT = CardFields("Debit", "bank", "cancel", "ICBC", "CN")


@pytest.fixture
def zh_dates():
    dates.configure_dates("zh-CN", {})
    yield
    dates.configure_dates("en", {})


@pytest.mark.parametrize(
    ("typed", "locale", "kept"),
    [
        ("12/31/2026 11:59 PM", "en_US", "2026-12-31T23:59:00+00:00"),
        ("12/31/26, 11:59 PM", "en_US", "2026-12-31T23:59:00+00:00"),
        ("31/12/2026, 23:59", "en_GB", "2026-12-31T23:59:00+00:00"),
        ("2026/12/31 下午11:59", "zh_CN", "2026-12-31T23:59:00+00:00"),
        ("11/29/26", "en_US", "2026-11-29"),
        ("2026-11-29 15:20", "en_US", "2026-11-29T15:20:00+00:00"),
        # the year first, in full, where the locale writes it so
        ("2026/11/29", "zh_Hant_TW", "2026-11-29"),
        ("2026/11/29", "en_CA", "2026-11-29"),
        # a year in two digits where the language writes one (last) and near today
        ("12/1/25", "en_US", "2025-12-01"),
        ("1/1/25", "en_US", "2025-01-01"),
        ("12/3/26", "en_GB", "2026-03-12"),
        ("29/11/26", "zh_Hant_HK", "2026-11-29"),
        ("25年3月1日", "en_US", "2025-03-01"),
    ],
)
def test_a_typed_moment_is_kept_as_iso_8601_with_four_digit_year(typed, locale, kept):
    assert stored_text(read_moment(typed, locale, today=TODAY)) == kept


@pytest.mark.parametrize(
    ("typed", "locale", "kept"),
    [
        ("下午2:34", "zh_CN", "2026-11-30T14:34:00+00:00"),
        ("上午 9:05", "zh_CN", "2026-11-30T09:05:00+00:00"),
        ("2:34 PM", "en_US", "2026-11-30T14:34:00+00:00"),
        ("2:34 pm", "en_US", "2026-11-30T14:34:00+00:00"),
        ("14:34", "en_US", "2026-11-30T14:34:00+00:00"),
        ("14:34", "zh_CN", "2026-11-30T14:34:00+00:00"),
    ],
)
def test_a_time_alone_means_today_at_that_time(typed, locale, kept):
    assert stored_text(read_moment(typed, locale, today=TODAY)) == kept


@pytest.mark.parametrize("typed", ["下午13:00", "2:34 XM", "25:00", "PM", "2:34 PM 2:35"])
def test_a_time_alone_that_is_no_time_is_refused(typed):
    with pytest.raises(ValueError):
        read_moment(typed, "zh_CN" if "下午" in typed else "en_US", today=TODAY)


@pytest.mark.parametrize(
    ("typed", "locale"),
    [
        ("31/12/2026", "en_US"),  # Babel alone would swap it to December 31
        ("31/12/2026 11:59 PM", "en_US"),
        ("12/31/2026", "en_GB"),
        ("2026/31/12", "zh_CN"),
        ("12/31/999", "en_US"),  # three-digit year
    ],
)
def test_day_and_month_the_locale_reads_otherwise_are_refused(typed, locale):
    with pytest.raises(ValueError):
        read_moment(typed, locale, today=TODAY)


@pytest.mark.parametrize(
    "typed", ["12/31/9999 11:59 PM", "9999-12-31", "1/1/1969", "0001-01-01", "1/1/2028"]
)
def test_years_out_of_range_are_refused(typed):
    with pytest.raises(YearOutOfRange) as caught:
        read_moment(typed, "en_US", today=TODAY)
    assert (caught.value.first, caught.value.last) == (1970, 2027)


def test_tracker_refuses_the_testers_inputs_and_keeps_nothing(tracker):
    card = tracker.add_card(DEBIT)
    with pytest.raises(CardError) as caught:
        tracker.record_evidence(card.id, {"reference": "R", "when": "12/31/9999 11:59 PM"})
    assert (caught.value.field, caught.value.message_key) == ("when", "error.when_year")
    with pytest.raises(CardError) as caught:
        tracker.record_evidence(card.id, {"reference": "R", "when": "31/12/2026"})
    assert (caught.value.field, caught.value.message_key) == ("when", "error.when_format")
    assert not [e for e in tracker.store.log(card.id) if e.event == "evidence.recorded"]


@pytest.mark.parametrize(
    ("typed", "refused"),
    [
        ("3/1/2026", False),  # today (the clock starts 2026-03-01 09:30 UTC)
        ("3/2/2026 11:59 PM", False),  # the end of tomorrow: a clock behind the office's
        ("3/3/2026", True),  # a typo in the day
        ("3/1/2027", True),  # a typo in the year, within the years allowed
        ("12/1/2026 10:00 AM", True),
    ],
)
def test_a_proof_dated_after_tomorrow_is_refused(tracker, typed, refused):
    card = tracker.add_card(DEBIT)
    if not refused:
        tracker.record_evidence(card.id, {"reference": "R", "when": typed})
        return
    with pytest.raises(CardError) as caught:
        tracker.record_evidence(card.id, {"reference": "R", "when": typed})
    assert (caught.value.field, caught.value.message_key) == ("when", "error.when_future")
    assert not [e for e in tracker.store.log(card.id) if e.event == "evidence.recorded"]


def test_shown_per_language_and_old_text_as_it_is(zh_dates):
    assert shown_text("2026-12-31T23:59:00+00:00") == "2026/12/31 23:59"
    assert shown_text("2026-11-29") == "2026/11/29"
    assert shown_text("2026-12-31T23:59:00+00:00", dated=True).startswith("2026年12月31日")
    assert shown_text("12/31/99, 11:59 PM") == "12/31/99, 11:59 PM"  # kept by older versions
    dates.configure_dates("en", {})
    assert shown_text("2026-12-31T23:59:00+00:00") == "12/31/26, 11:59\u202fPM"
    assert shown_text("2026-12-31T23:59:00+00:00", dated=True).startswith("Dec 31, 2026")


def _proof(tracker):
    card = tracker.add_card(DEBIT)
    step = tracker.view(card.id).items[0].step_id
    tracker.record_evidence(card.id, {"reference": "REF-1", "when": "2/28/2026 11:59 PM"}, step)
    [entry] = [e for e in tracker.store.log(card.id) if e.event == "evidence.recorded"]
    return card, entry


def test_log_and_report_in_english(tracker, content):
    _card, entry = _proof(tracker)
    assert entry.params["when"] == "2026-02-28T23:59:00+00:00"
    line = log_text(entry, Catalog(content.strings, "en"), False)
    assert "When: 2/28/26, 11:59\u202fPM" in line
    report = export(tracker, "md").decode()
    assert "Feb 28, 2026, 11:59:00\u202fPM UTC" in report
    assert "2026-02-28T23:59" not in report


def test_log_and_report_in_chinese(tracker, content):
    _card, entry = _proof(tracker)  # typed in English
    dates.configure_dates("zh-CN", {})
    try:
        zh = Catalog(content.strings, "zh-CN")
        assert "2026/2/28 23:59" in log_text(entry, zh, False)
        report = export(tracker, "md", catalog=zh).decode()
    finally:
        dates.configure_dates("en", {})
    assert "2026年2月28日" in report
    assert "2/28" not in report and "PM" not in report


async def test_the_dialog_refuses_the_testers_inputs_and_keeps_them(make_app, content, clock):
    store = Store.in_memory()
    card = Tracker(store, content.playbooks, clock).add_card(DEBIT)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        screen = app.screen
        assert isinstance(screen, EvidenceScreen)
        await pilot.press(*"REF-7")
        for typed, said in (
            ("12/31/9999 11:59 PM", "When: the year must be from 1970 to 2027"),
            ("31/12/2026", "When: not a date and time cardoff-tui can read"),
            ("12/31/2026 11:59 PM", "When: that is later than tomorrow (it is now 3/1/26,"),
        ):
            screen.field("when").value = typed
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert app.screen is screen and screen.field("when").value == typed
            error = screen.query_one(f"#{screen.prefix}-when-error")
            assert error.has_class("visible") and str(error.render()).startswith(said)
        screen.field("when").value = "2/28/2026 11:59 PM"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, EvidenceScreen)
        log = app.query_one(LogList)
        shown = [str(log.get_option_at_index(i).prompt) for i in range(log.option_count)]
        assert any("When: 2/28/26, 11:59\u202fPM" in line for line in shown), shown
    [proof] = [e for e in store.log(card.id) if e.event == "evidence.recorded"]
    assert proof.params["when"] == "2026-02-28T23:59:00+00:00"
