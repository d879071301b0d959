"""Exports: Markdown report, versioned JSON, CSV, and ICS a calendar parser accepts."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import json

import pytest
from icalendar import Calendar

from tests.conftest import run_cli
from tests.helpers.pilot import palette_choice, wait_until
from tui.domain.export import FORMATS, export
from tui.domain.tracker import Tracker
from tui.records.card_fields import CardFields
from tui.records.identifiers import Identifier
from tui.storage.store import DB_FILENAME, Store

SECRET = "6222020200445566"


def _seed(tracker: Tracker):
    card = tracker.add_card(CardFields("Debit", "bank", "cancel", "工行", "CN", notes="closing it"))
    first = tracker.view(card.id).items[0]
    tracker.record_evidence(card.id, {"reference": "REF-9", "agent": "Ms Li"}, first.step_id)
    tracker.set_follow_up(card.id, dt.date(2026, 3, 10))
    tracker.store.save_card(
        tracker.store.card(card.id).with_identifier(
            "number", Identifier("5566", "keyring"), card.updated
        )
    )
    other = tracker.add_card(CardFields("Metro", "transit", "cancel"))
    return card, other


def test_markdown_report_has_steps_proof_and_masked_ids(tracker):
    card, _ = _seed(tracker)
    text = export(tracker, "md").decode()
    assert "## Debit" in text and "## Metro" in text
    assert "Reference: REF-9; Agent: Ms Li" in text
    assert "•••• 5566" in text and SECRET not in text
    assert "Follow up on:** Mar 10, 2026" in text  # as every day in the report
    single = export(tracker, "md", card.id).decode()
    assert "## Metro" not in single


def test_json_is_versioned_and_complete(tracker):
    card, other = _seed(tracker)
    doc = json.loads(export(tracker, "json"))
    assert doc["format"] == "cardoff-tui-export" and doc["version"] == 1
    first = doc["cards"][0]
    assert first["card"]["id"] == card.id and first["card"]["follow_up"] == "2026-03-10"
    assert any(e["event"] == "evidence.recorded" for e in first["log"])
    assert [c["card"]["id"] for c in doc["cards"]] == [card.id, other.id]


def test_csv_has_one_row_per_card(tracker):
    _seed(tracker)
    rows = list(csv.DictReader(io.StringIO(export(tracker, "csv").decode())))
    assert [r["label"] for r in rows] == ["Debit", "Metro"]
    assert rows[0]["follow_up"] == "2026-03-10" and rows[0]["status"] == "waiting"


def test_excel_csv_is_the_csv_with_a_bom(tracker):
    """Excel reads a CSV without a BOM in the system's code page (GBK on Chinese
    Windows: 工行借记卡 shows as mojibake); csv-excel carries one, csv does not."""
    _seed(tracker)
    plain, excel = export(tracker, "csv"), export(tracker, "csv-excel")
    assert excel == codecs.BOM_UTF8 + plain and not plain.startswith(codecs.BOM_UTF8)
    assert "工行".encode() in plain


def test_export_help_lists_every_format_and_names_the_default():
    shown = run_cli("export", "--help").stdout
    for name in FORMATS:
        assert f"  {name} " in shown
    assert "a Markdown report to keep or hand to an issuer (the default)" in shown
    assert "(default: md)" in shown


def test_ics_parses_and_holds_the_follow_ups(tracker):
    card, _ = _seed(tracker)
    calendar = Calendar.from_ical(export(tracker, "ics"))
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 1
    event = events[0]
    assert str(event["summary"]) == "Follow up: Debit"
    assert event.decoded("dtstart") == dt.date(2026, 3, 10)
    assert "95588" in str(event["description"])


def test_export_cli_writes_a_file(tmp_path, content, clock):
    data = tmp_path / "data"
    store = Store.open(data / DB_FILENAME)
    _seed(Tracker(store, content.playbooks, clock, issuers=content.issuers))
    store.close()
    target = tmp_path / "follow-ups.ics"
    result = run_cli("export", "--format", "ics", "-o", str(target), data=data, config=tmp_path)
    assert result.returncode == 0, result.stderr
    assert len(list(Calendar.from_ical(target.read_bytes()).walk("VEVENT"))) == 1
    md = run_cli("export", data=data, config=tmp_path)
    assert "# cardoff-tui report" in md.stdout
    bad = run_cli("export", "--card", "nope", data=data, config=tmp_path)
    assert bad.returncode == 1 and "no card with id nope; nothing was exported" in bad.stderr
    said = run_cli("--lang", "zh-CN", "export", "--card", "nope", data=data, config=tmp_path)
    assert said.returncode == 1 and "没有 id 为 nope 的卡片" in said.stderr


async def test_export_from_the_palette(tmp_path, make_app, content, clock):
    from tui.ui.status_line import StatusLine

    store = Store.open(tmp_path / DB_FILENAME)
    _seed(Tracker(store, content.playbooks, clock, issuers=content.issuers))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p", *"Export report")
        await wait_until(pilot, lambda: "Export" in palette_choice(pilot), "'Export' found")
        await pilot.press("enter")
        status = app.query_one(StatusLine)
        await wait_until(pilot, lambda: "Wrote" in status.message, "the export's message")
    written = sorted(p.suffix for p in (tmp_path / "exports").iterdir())
    assert written == [".ics", ".md"]
    store.close()


def test_the_report_is_written_by_the_domain_and_a_refusal_says_so(tmp_path, content, clock):
    from tui.base.errors import TrackerError
    from tui.domain.export import write_report
    from tui.domain.tracker import Tracker
    from tui.records.card_fields import CardFields
    from tui.storage.store import DB_FILENAME, Store

    store = Store.open(tmp_path / DB_FILENAME)
    tracker = Tracker(store, content.playbooks, clock, issuers=content.issuers)
    tracker.add_card(CardFields("Debit", "bank", "cancel", "工行", "CN"))
    written = write_report(tracker, "en")
    assert [p.suffix for p in written] == [".md", ".ics"]
    assert all(p.parent == tmp_path / "exports" and p.read_bytes() for p in written)
    assert write_report(Tracker(Store.in_memory(), content.playbooks, clock)) is None
    # where the exports folder should be, a file: the disk refuses, and it says why
    blocked = tmp_path / "blocked"
    blocked.mkdir()
    (blocked / "exports").write_text("not a folder", encoding="utf-8")
    other = Tracker(Store.open(blocked / DB_FILENAME), content.playbooks, clock)
    with pytest.raises(TrackerError) as refused:
        write_report(other)
    assert refused.value.key == "data.report_not_written"
    assert refused.value.params["folder"] == str(blocked)
    store.close()
