"""A card's step marks are kept per checklist (its kind and intent): step ids are shared
between checklists ("record-proof" is a cancel's refund receipt and a report-lost's
loss-report reference), so a mark made under one never counts under another, and
switching a card's intent (or kind) and back brings its marks back exactly. Kept marks
go with the card through delete and undo, a JSON export and import, and the upgrade
of a data file written before (schema 3)."""

from __future__ import annotations

import csv
import json
from dataclasses import replace

import pytest

from tui.base.i18n import Catalog
from tui.domain.export import export, to_csv, to_json
from tui.domain.importer import import_file
from tui.domain.tracker import Tracker
from tui.records.card_fields import CardFields
from tui.storage.store import SCHEMA_VERSION, Store

# a transit card that can be reported lost (the standard Shanghai card cannot: lost-wallet
# mode leaves it on its own checklist, tests/test_lost_wallet_bearer.py)
TRANSIT = CardFields("Shenzhen card", "transit", "cancel", "Shenzhen Tong", "CN")


def _check(tracker: Tracker, card_id: str, *step_ids: str) -> None:
    for step_id in step_ids:
        assert tracker.toggle_step(card_id, step_id)


def _done(tracker: Tracker, card_id: str) -> list[str]:
    return [item.step_id for item in tracker.view(card_id).items if item.done]


def _with(fields: CardFields, **changes) -> CardFields:
    return CardFields(**{**fields.__dict__, **changes})


@pytest.fixture
def refunded(tracker) -> str:
    """A transit card being cancelled, with the steps that report-lost shares checked
    (record-proof: the refund receipt; update-links), and a proof on record-proof."""
    card = tracker.add_card(TRANSIT)
    _check(tracker, card.id, "plan-suspend-instead", "record-proof", "update-links")
    tracker.record_evidence(card.id, {"reference": "RCPT-7"}, "record-proof")
    return card.id


def test_a_step_checked_under_another_intent_never_counts(tracker, refunded):
    report_lost = tracker.library.find(*(_kind_intent("transit", "report-lost")))
    assert {"record-proof", "update-links"} <= {s.id for s in report_lost.steps}  # shared ids
    tracker.edit_card(refunded, _with(TRANSIT, intent="report-lost"))
    view = tracker.view(refunded)
    assert view.playbook.id == "transit-report-lost"
    assert _done(tracker, refunded) == [] and view.done_count == 0
    assert not any(item.retired for item in view.items)


def test_switching_intent_and_back_restores_the_marks_exactly(tracker, store, refunded):
    before = store.progress(refunded)
    tracker.edit_card(refunded, _with(TRANSIT, intent="report-lost"))
    _check(tracker, refunded, "call-issuer")
    tracker.edit_card(refunded, _with(TRANSIT, intent="suspend"))
    assert _done(tracker, refunded) == []
    tracker.edit_card(refunded, TRANSIT)
    assert store.progress(refunded) == before  # times, titles and the proof as they were
    assert _done(tracker, refunded) == ["plan-suspend-instead", "record-proof", "update-links"]
    tracker.edit_card(refunded, _with(TRANSIT, intent="report-lost"))
    assert _done(tracker, refunded) == ["call-issuer"]


def test_report_lost_keeps_the_marks_of_the_intent_before(tracker, store, refunded):
    before = store.progress(refunded)
    [view] = tracker.report_lost([refunded])
    assert view.done_count == 0
    assert store.checklists(refunded)["transit/cancel"] == before
    tracker.edit_card(refunded, TRANSIT)
    assert store.progress(refunded) == before


def test_changing_kind_keeps_each_kinds_marks_apart(tracker, store):
    card = tracker.add_card(CardFields("Card", "other", "cancel"))
    _check(tracker, card.id, "check-balance")
    tracker.edit_card(card.id, CardFields("Card", "transit", "cancel"))
    assert _done(tracker, card.id) == []  # transit-cancel has a check-balance step too
    tracker.edit_card(card.id, CardFields("Card", "other", "cancel"))
    assert _done(tracker, card.id) == ["check-balance"]


def test_delete_and_undo_bring_back_every_checklists_marks(tracker, store, refunded):
    tracker.report_lost([refunded])
    _check(tracker, refunded, "call-issuer")
    kept = store.checklists(refunded)
    assert set(kept) == {"transit/cancel", "transit/report-lost"}
    tracker.delete_card(refunded)
    assert store.checklists(refunded) == {}
    tracker.undo_delete()
    assert store.checklists(refunded) == kept


def test_the_log_says_in_words_that_the_intent_changed(tracker, content, refunded):
    tracker.edit_card(refunded, _with(TRANSIT, intent="report-lost"))
    tracker.edit_card(refunded, _with(TRANSIT, intent="report-lost", region="HK"))
    tracker.report_lost([tracker.add_card(_with(TRANSIT, label="Other")).id])
    from tui.ui.labels import log_text

    en, zh = Catalog(content.strings, "en"), Catalog(content.strings, "zh-CN")
    entries = tracker.log()
    changed = next(e for e in entries if e.event == "card.intent_changed")
    assert "transit-" not in json.dumps(changed.params)  # no playbook id
    text = log_text(changed, en, with_card=False)
    assert "what to do: Cancel → Report lost" in text and "kept" in text
    assert "要做什么：注销 → 挂失" in log_text(changed, zh, with_card=False)
    lost = next(e for e in entries if e.event == "lost.started")
    assert "switched from Cancel to report lost" in log_text(lost, en, with_card=False)
    assert "由注销改为挂失" in log_text(lost, zh, with_card=False)


def test_a_playbook_change_is_logged_by_its_title(tracker, content):
    card = tracker.add_card(CardFields("SSC", "social-security", "cancel"))
    tracker.edit_card(card.id, CardFields("SSC", "social-security", "cancel", region="CN"))
    from tui.ui.labels import log_text

    [entry] = [e for e in tracker.log(card.id) if e.event == "card.playbook_changed"]
    title = tracker.view(card.id).playbook.title
    assert log_text(entry, Catalog(content.strings, "en"), False).endswith(f"“{title.get('en')}”")
    zh = log_text(entry, Catalog(content.strings, "zh-CN"), False)
    assert title.get("zh-CN") in zh and "social-security" not in zh


def test_an_entry_written_before_titles_names_the_playbook(content):
    from datetime import UTC, datetime

    from tui.records.model import LogEntry
    from tui.ui.labels import log_text

    old = LogEntry(
        datetime(2026, 11, 1, tzinfo=UTC),
        "c1",
        "X",
        "card.playbook_changed",
        params={"playbook": "transit-cancel"},
    )
    text = log_text(old, Catalog(content.strings, "en"), False)
    assert "transit-cancel" in text and "{" not in text


def test_a_json_export_carries_the_kept_marks_and_carried_through_import(
    tracker, store, refunded, tmp_path, content, clock
):
    tracker.edit_card(refunded, _with(TRANSIT, intent="report-lost", carried=True))
    _check(tracker, refunded, "call-issuer")
    kept = store.checklists(refunded)
    doc = json.loads(to_json(tracker))
    [entry] = doc["cards"]
    assert entry["card"]["carried"] is True
    assert set(entry["progress"]) == {"call-issuer"}
    assert set(entry["kept_progress"]) == {"transit/cancel"}
    path = tmp_path / "out.json"
    path.write_bytes(export(tracker, "json"))
    other = Tracker(Store.in_memory(), content.playbooks, clock, issuers=content.issuers)
    result = import_file(other, path)
    assert result.written and not result.errors
    assert other.store.checklists(refunded) == kept
    assert other.store.card(refunded).carried is True
    other.edit_card(refunded, _with(TRANSIT, carried=True))
    assert _done(other, refunded) == ["plan-suspend-instead", "record-proof", "update-links"]


def test_an_export_without_kept_marks_imports_as_before(
    tracker, refunded, tmp_path, content, clock
):
    doc = json.loads(to_json(tracker))
    del doc["cards"][0]["kept_progress"]
    del doc["cards"][0]["card"]["carried"]
    path = tmp_path / "old.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    other = Tracker(Store.in_memory(), content.playbooks, clock, issuers=content.issuers)
    assert import_file(other, path).written
    assert set(other.store.checklists(refunded)) == {"transit/cancel"}
    assert other.store.card(refunded).carried is False


def test_bad_kept_marks_are_refused_by_name(tracker, refunded, tmp_path, content, clock):
    doc = json.loads(to_json(tracker))
    doc["cards"][0]["kept_progress"] = {"transit/report-lost": {"call-issuer": "done"}}
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    other = Tracker(Store.in_memory(), content.playbooks, clock, issuers=content.issuers)
    result = import_file(other, path)
    assert not result.written
    assert "kept_progress: transit/report-lost.call-issuer must be object" in result.errors[0][1]


def test_csv_carries_carried_in_the_wallet(tracker, tmp_path, content, clock):
    tracker.add_card(_with(TRANSIT, carried=True))
    tracker.add_card(_with(TRANSIT, label="Spare"))
    text = to_csv(tracker)
    header, first, second = list(csv.reader(text.splitlines()))[:3]
    column = header.index("carried")  # after network, before owner and tags
    assert header[column - 1 : column + 3] == ["network", "carried", "owner", "tags"]
    assert (first[column], second[column]) == ("yes", "no")
    path = tmp_path / "cards.csv"
    path.write_text(
        "label,kind,carried\nA,bank,yes\nB,bank,\nC,bank,是\nD,bank,否\nE,bank,maybe\n",
        encoding="utf-8",
    )
    other = Tracker(Store.in_memory(), content.playbooks, clock, issuers=content.issuers)
    result = import_file(other, path, strings=content.strings)
    assert result.written
    assert {c.label: c.carried for c in other.cards()} == {
        "A": True,
        "B": False,
        "C": True,
        "D": False,
        "E": False,
    }
    [(line, note)] = result.notes
    assert line == 6 and "carried 'maybe' is neither yes nor no" in note


def _kind_intent(kind: str, intent: str):
    from tui.records.kinds import Intent, Kind

    return Kind(kind), Intent(intent)


# a data file as cardoff-tui wrote it before marks were kept per checklist (schema 3)
V3_FILE = {
    "cards": {
        "1": {
            "id": "c1",
            "label": "Shenzhen card",
            "kind": "transit",
            "intent": "cancel",
            "issuer": "Shenzhen Tong",
            "region": "CN",
            "network": "",
            "identifiers": {},
            "follow_up": "",
            "money": {},
            "notes": "",
            "abandoned": False,
            "created": "2026-11-01T09:00:00+00:00",
            "updated": "2026-11-02T09:00:00+00:00",
        },
        "2": {
            "id": "c2",
            "label": "ICBC debit",
            "kind": "bank",
            "intent": "report-lost",
            "issuer": "ICBC",
            "region": "CN",
            "network": "unionpay",
            "identifiers": {"number": {"last4": "1234", "in": "keyring"}},
            "follow_up": "",
            "money": {},
            "notes": "",
            "abandoned": False,
            "created": "2026-11-01T09:00:00+00:00",
            "updated": "2026-11-02T09:00:00+00:00",
        },
    },
    "progress": {
        "1": {
            "card_id": "c1",
            "steps": {
                "record-proof": {
                    "at": "2026-11-02T09:00:00+00:00",
                    "title": {"en": "Keep the refund receipt"},
                    "evidence": {"reference": "RCPT-7"},
                },
                "update-links": {"at": "2026-11-02T09:05:00+00:00", "title": {"en": "Update"}},
            },
        },
        "2": {
            "card_id": "c2",
            "steps": {
                "call-bank": {"at": "2026-11-02T10:00:00+00:00", "title": {"en": "Call"}},
            },
        },
        "3": {
            "card_id": "c9",
            "steps": {
                "call-bank": {"at": "2026-11-02T10:00:00+00:00", "title": {"en": "Call"}},
            },
        },
    },
    "log": {},
    "meta": {"1": {"schema_version": 3}},
}


def test_a_schema_3_file_is_upgraded_its_marks_under_each_cards_checklist_now(
    tmp_path, content, clock
):
    from tests.damaged_corpus import record_text, write

    path = write(tmp_path, V3_FILE)
    store = Store.open(path)
    assert store.schema_version == SCHEMA_VERSION
    assert store.checklists("c1") == {"transit/cancel": V3_FILE["progress"]["1"]["steps"]}
    assert store.checklists("c2") == {"bank/report-lost": V3_FILE["progress"]["2"]["steps"]}
    # marks of no card cannot be placed: set aside, kept in the file as they were
    [orphan] = store.damaged()
    assert (orphan.table, orphan.key, orphan.record_id) == ("progress", "3", "c9")
    assert record_text(V3_FILE, "progress", "3") in path.read_text(encoding="utf-8")
    assert any((tmp_path / "backups").iterdir())  # the file as it was is kept
    tracker = Tracker(store, content.playbooks, clock, issuers=content.issuers)
    assert _done(tracker, "c1") == ["record-proof", "update-links"]
    tracker.report_lost(["c1"])
    assert _done(tracker, "c1") == []  # the refund receipt is no loss-report reference
    tracker.edit_card("c1", _with(store.card("c1").fields(), intent="cancel"))
    assert store.progress("c1") == V3_FILE["progress"]["1"]["steps"]
    store.close()
    raw = json.loads(path.read_text(encoding="utf-8"))
    assert raw["meta"]["1"]["schema_version"] == SCHEMA_VERSION
    assert "steps" not in raw["progress"]["1"] and raw["progress"]["1"]["checklists"]


def test_the_log_says_marks_are_kept_only_when_there_are_some(tracker, content, refunded):
    # `refunded` has checked steps; a new card has none
    fresh = tracker.add_card(_with(TRANSIT, label="Fresh")).id
    tracker.edit_card(fresh, _with(TRANSIT, label="Fresh", intent="report-lost"))
    tracker.report_lost([refunded])
    from tui.ui.labels import log_text

    en, zh = Catalog(content.strings, "en"), Catalog(content.strings, "zh-CN")
    [none] = [e for e in tracker.log(fresh) if e.event == "card.intent_changed"]
    assert none.params["kept"] == 0
    assert log_text(none, en, with_card=False).endswith("Cancel → Report lost")
    assert "保留" not in log_text(none, zh, with_card=False)
    [some] = [e for e in tracker.log(refunded) if e.event == "lost.started"]
    assert some.params["kept"] > 0
    assert log_text(some, en, with_card=False).endswith(
        "report lost; the steps checked for Cancel are kept and come back if you switch back"
    )
    assert log_text(some, zh, with_card=False).endswith("注销已勾选的步骤会保留，改回时恢复")
    # an entry written before the count was kept still says they are kept
    old = replace(some, params={"from_intent": "cancel"})
    assert "are kept" in log_text(old, en, with_card=False)
