"""The Markdown report writes every date in one style, in the user's locale (Babel's
medium date, four-digit year), and every time with its time zone: the export's time,
the steps done, the record, a proof's when and the follow-up date alike; never an ISO
date beside a long one (tui.domain.export.to_markdown, tui.base.clock.dated_text)."""

from __future__ import annotations

import datetime as dt
import re
import time

import pytest

from tui.base import clock as dates
from tui.base.i18n import Catalog
from tui.domain.export import export
from tui.records.card_fields import CardFields

DEBIT = CardFields("Debit", "bank", "cancel", "ICBC", "CN")


@pytest.fixture
def shanghai(monkeypatch):
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    yield
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    dates.configure_dates("en", {})


def _report(tracker, content, lang: str, environ: dict) -> str:
    card = tracker.add_card(DEBIT)
    first = tracker.view(card.id).items[0].step_id
    tracker.record_evidence(card.id, {"reference": "REF-1", "when": "2026-02-28T15:20Z"}, first)
    tracker.set_follow_up(card.id, dt.date(2026, 3, 10))
    dates.configure_dates(lang, environ)
    return export(tracker, "md", catalog=Catalog(content.strings, lang)).decode()


@pytest.mark.parametrize(
    ("lang", "environ", "day", "moment", "follow_up"),
    [
        ("en", {}, r"[A-Z][a-z]{2} \d{1,2}, 2026", r"\d{1,2}:\d{2}:\d{2}\u202f[AP]M \+0800",
         "Mar 10, 2026"),
        ("en", {"LANG": "en_GB.UTF-8"}, r"\d{1,2} [A-Z][a-z]{2} 2026", r"\d{2}:\d{2}:\d{2} \+0800",
         "10 Mar 2026"),
        ("zh-CN", {}, r"2026年\d{1,2}月\d{1,2}日", r"\+0800 \d{2}:\d{2}:\d{2}", "2026年3月10日"),
    ],
)
def test_every_date_in_the_report_is_in_one_style_with_its_zone(
    tracker, content, shanghai, lang, environ, day, moment, follow_up
):
    report = _report(tracker, content, lang, environ)
    assert not re.search(r"\d{4}-\d{2}-\d{2}", report), report  # no ISO date
    assert follow_up in report, report
    # the export's time, the step's, the record's and the proof's: day and time with zone
    stamps = re.findall(rf"{day}[, ]*{moment}", report)
    assert len(stamps) >= 4, report
    assert "February" not in report and "二月" not in report  # no long date beside them
    # every time shown has its zone
    for clock_time in re.findall(r"\d{1,2}:\d{2}:\d{2}", report):
        zoned = rf"({clock_time}(\u202f[AP]M)? \+0800|\+0800 {clock_time})"
        assert len(re.findall(zoned, report)) == report.count(clock_time), clock_time
