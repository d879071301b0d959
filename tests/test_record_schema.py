"""The one record schema: valid JSON Schema, the same verdicts as the reference
implementation (jsonschema), and the check JSON import applies."""

from __future__ import annotations

import json

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import run_cli
from tests.damaged_corpus import CASES, card, good_file, write
from tests.test_record_mutations import JSON_VALUES
from tui.domain.export import export
from tui.domain.importer import import_file
from tui.domain.tracker import Tracker
from tui.records.card_fields import CardFields
from tui.records.record_schema import (
    FILE_SCHEMA,
    FORMATS,
    TABLE_SCHEMAS,
    record_problem,
    schema_digest,
)
from tui.storage.json_spans import record_texts
from tui.storage.store import Store


def _reference(table: str):
    checker = jsonschema.FormatChecker()
    for name, check in FORMATS.items():
        checker.checks(name)(check)
    return jsonschema.Draft7Validator(TABLE_SCHEMAS[table], format_checker=checker)


def test_the_schema_is_valid_json_schema():
    jsonschema.Draft7Validator.check_schema(FILE_SCHEMA)
    for schema in TABLE_SCHEMAS.values():
        jsonschema.Draft7Validator.check_schema(schema)
    jsonschema.Draft7Validator(FILE_SCHEMA).validate(good_file())


def test_the_shipped_compiled_checks_are_built_from_the_schema_as_it_is():
    """tui/records/record_checks/ is generated from the schemas; this fails when a schema
    changed without `python -m tui.records.record_schema` being run. (Whatever fastjsonschema
    version built them, the tests below hold them to jsonschema's verdicts.)"""
    from importlib import import_module

    for table in TABLE_SCHEMAS:
        module = import_module(f"tui.records.record_checks.{table}")
        rebuild = "run: python -m tui.records.record_schema"
        assert module.SCHEMA_DIGEST == schema_digest(table), rebuild


def test_the_compiled_check_agrees_with_jsonschema_on_every_corpus_record():
    for case in CASES:
        for table, records in case.data().items():
            for doc in records.values():
                ours = record_problem(table, doc) is None
                assert ours == _reference(table).is_valid(doc), (case.name, table, doc)


@settings(max_examples=300, deadline=None)
@given(
    table=st.sampled_from(sorted(TABLE_SCHEMAS)),
    field=st.sampled_from(["id", "label", "kind", "money", "follow_up", "steps", "at", "x"]),
    value=JSON_VALUES,
)
def test_the_compiled_check_agrees_with_jsonschema_on_random_records(table, field, value):
    doc = {
        "cards": card("c9", "Nine"),
        "progress": {"card_id": "c9", "steps": {}},
        "log": {"at": "2026-01-01T00:00:00+00:00", "card_id": "c9", "event": "card.added"},
        "meta": {"schema_version": 3},
    }[table]
    doc[field] = value
    assert (record_problem(table, doc) is None) == _reference(table).is_valid(doc)


def test_record_texts_finds_records_as_written():
    data = b'{ "cards" : {"1": {"a": 1},  "2" :  {"b" : [1, 2], "c": "\\u00e9"} , "3":{}},'
    data += b' "log": {}, "meta":{"1":{"schema_version":3}}}'
    found = record_texts(data, {("cards", "2"), ("cards", "3"), ("meta", "1"), ("log", "9")})
    assert found == {
        ("cards", "2"): b'{"b" : [1, 2], "c": "\\u00e9"}',
        ("cards", "3"): b"{}",
        ("meta", "1"): b'{"schema_version":3}',
    }


def _export_file(tmp_path, cards: list[dict]) -> object:
    path = tmp_path / "export.json"
    entries = [{"card": doc, "progress": {}, "log": []} for doc in cards]
    doc = {"format": "cardoff-tui-export", "version": 1, "cards": entries}
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def test_json_import_of_two_cards_with_one_id_keeps_one_and_says_so(
    tmp_path, store, content, clock
):
    path = _export_file(tmp_path, [card("c7", "First"), card("c7", "Second")])
    tracker = Tracker(store, content.playbooks, clock, issuers=content.issuers)
    result = import_file(tracker, path)
    assert result.imported == ["First"] and [c.label for c in store.cards()] == ["First"]
    [(line, message)] = result.errors
    assert line == 2 and "card 2 (Second) has the same id c7 as card 1" in message
    assert "not imported" in message


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("follow_up", "next tuesday", "follow_up must be empty or a date"),
        ("money", "lots", "money must be object"),
        ("kind", "wallet", "kind must be one of"),
        ("created", "2026-01-01", "created must be time with a zone"),
        ("label", None, "label must be string"),
    ],
)
def test_json_import_refuses_a_card_the_schema_refuses(tmp_path, field, value, words):
    data = tmp_path / "data"
    bad = {**card("c8", "Bad"), field: value}
    path = _export_file(tmp_path, [card("c7", "Fine"), bad])
    result = run_cli("import", str(path), data=data, config=tmp_path / "config")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"card 2: {words}" in result.stderr and "imported 1 card" in result.stdout
    store = Store.open(data / "cardoff.json")
    assert [c.id for c in store.cards()] == ["c7"] and store.damaged() == []


def test_json_import_refuses_the_id_of_a_damaged_record(tmp_path, content, clock):
    data = good_file()
    data["cards"]["2"]["money"] = "lots"
    store = Store.open(write(tmp_path / "data", data))
    path = _export_file(tmp_path, [card("c2", "Again")])
    result = import_file(Tracker(store, content.playbooks, clock), path)
    assert not result.written and "id c2 of a damaged record" in result.errors[0][1]


def test_a_round_trip_through_json_export_passes_the_schema(tmp_path, store, content, clock):
    tracker = Tracker(store, content.playbooks, clock, issuers=content.issuers)
    first = tracker.add_card(CardFields("One", "esim", "port-out"))
    tracker.toggle_step(first.id, tracker.view(first.id).items[0].step_id)
    tracker.set_money(first.id, "10", "5", "cny")
    path = tmp_path / "export.json"
    path.write_bytes(export(tracker, "json"))
    target = Store.open(tmp_path / "data" / "cardoff.json")
    result = import_file(Tracker(target, content.playbooks, clock), path)
    assert result.written and not result.errors and target.damaged() == []
