"""A JSON export's `kept_progress` on import: a checklist name that names no checklist is
refused in plain words (saying what was kept), and marks it has for the card's own
checklist go into the card's progress instead of being dropped."""

from __future__ import annotations

import json

import pytest

from tui.domain.export import to_json
from tui.domain.importer import import_file
from tui.domain.tracker import Tracker
from tui.records.card_fields import CardFields
from tui.storage.store import Store

TRANSIT = CardFields("Shanghai card", "transit", "cancel", "Shanghai transport card", "CN")


@pytest.fixture
def exported(tracker) -> tuple[str, dict]:
    """A transit card being cancelled with two steps checked, and its JSON export."""
    card = tracker.add_card(TRANSIT)
    for step in ("plan-suspend-instead", "record-proof"):
        assert tracker.toggle_step(card.id, step)
    return card.id, json.loads(to_json(tracker))


def _import(doc: dict, tmp_path, content, clock, lang: str = "en"):
    path = tmp_path / "cards.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    other = Tracker(Store.in_memory(), content.playbooks, clock, issuers=content.issuers)
    return other, import_file(other, path, strings=content.strings, lang=lang)


@pytest.mark.parametrize("name", ["nonsense", "transit/someday", "ship/cancel", "/", "Bank/cancel"])
def test_a_kept_checklist_of_no_kind_and_intent_is_refused_in_plain_words(
    exported, tmp_path, content, clock, name
):
    _card_id, doc = exported
    doc["cards"][0]["kept_progress"] = {name: {}}
    other, result = _import(doc, tmp_path, content, clock)
    assert not result.written and other.cards() == []
    [(line, message)] = result.errors
    assert line == 1
    assert f'"{name}", which names no checklist' in message
    assert "Shanghai card" in message and "nothing of it was kept" in message
    assert "propertyName" not in message and "pattern" not in message


def test_the_refusal_is_in_the_users_language(exported, tmp_path, content, clock):
    _card_id, doc = exported
    doc["cards"][0]["kept_progress"] = {"nonsense": {}}
    _other, result = _import(doc, tmp_path, content, clock, lang="zh-CN")
    [(_line, message)] = result.errors
    assert "“nonsense”下的步骤，但这不是清单名" in message and "未保留" in message


def test_kept_marks_for_the_cards_own_checklist_go_into_its_progress(
    exported, tmp_path, content, clock
):
    card_id, doc = exported
    [entry] = doc["cards"]
    own = entry["progress"]
    other_mark = {"at": "2026-11-03T08:00:00+00:00", "title": {"en": "Kept elsewhere"}}
    entry["kept_progress"] = {
        "transit/cancel": {
            "update-links": other_mark,  # not in progress: added
            "record-proof": other_mark,  # in progress with another mark: progress wins
            "plan-suspend-instead": own["plan-suspend-instead"],  # the same: no clash
        },
        "transit/report-lost": {"call-issuer": other_mark},
    }
    other, result = _import(doc, tmp_path, content, clock)
    assert result.written and not result.errors
    assert other.store.checklists(card_id) == {
        "transit/cancel": {**own, "update-links": other_mark},
        "transit/report-lost": {"call-issuer": other_mark},
    }
    [(line, note)] = result.notes
    assert line == 1 and "transit/cancel" in note and "except for record-proof" in note
    assert "update-links" not in note and "plan-suspend-instead" not in note
