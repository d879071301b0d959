"""Import from CSV and from the JSON export; nothing half-written."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import run_cli
from tests.test_export import _seed
from tui.domain.export import export
from tui.domain.importer import import_file
from tui.domain.tracker import Tracker
from tui.storage.store import DB_FILENAME, Store

GOOD_CSV = (
    "label,kind,issuer,region,intent,notes\nDebit,bank,ICBC,CN,cancel,old\nMetro,transit,,,,\n"
)


def _tracker(store, content, clock):
    return Tracker(store, content.playbooks, clock, issuers=content.issuers)


def test_csv_good_rows_go_in_together_bad_rows_reported(tmp_path, store, content, clock):
    path = tmp_path / "cards.csv"
    path.write_text(GOOD_CSV + "Broken,wallet,,,,\nNo port,bank,,,port-out,\n", encoding="utf-8")
    tracker = _tracker(store, content, clock)
    result = import_file(tracker, path)
    assert result.imported == ["Debit", "Metro"]
    assert [line for line, _ in result.errors] == [4, 5]
    assert result.errors[0][1].startswith("kind 'wallet' is not one of: Transit, Bank")
    assert result.errors[1][1].startswith('Bank cards have no playbook for "Port out number"')
    assert [c.label for c in store.cards()] == ["Debit", "Metro"]
    assert store.cards()[1].intent.value == "cancel"  # intent defaults to cancel


def test_strict_imports_nothing_when_a_row_is_bad(tmp_path, store, content, clock):
    path = tmp_path / "cards.csv"
    path.write_text(GOOD_CSV + ",bank,,,,\n", encoding="utf-8")
    result = import_file(_tracker(store, content, clock), path, strict=True)
    assert result.errors and not result.written and store.cards() == []


def test_json_round_trip_is_identical(tmp_path, content, clock):
    first = Store.in_memory()
    _seed(_tracker(first, content, clock))
    exported = export(_tracker(first, content, clock), "json")
    path = tmp_path / "export.json"
    path.write_bytes(exported)
    second = Store.in_memory()
    result = import_file(_tracker(second, content, clock), path)
    assert result.written and not result.errors
    again = export(_tracker(second, content, clock), "json")
    a, b = json.loads(exported), json.loads(again)
    a.pop("exported"), b.pop("exported")
    assert a == b
    twice = import_file(_tracker(second, content, clock), path)  # already there: refused
    assert len(twice.errors) == 2 and not twice.written


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(max_size=300))
def test_garbage_never_crashes_and_never_half_writes(tmp_path, content, clock, text):
    store = Store.in_memory()
    for suffix in (".csv", ".json"):
        path = tmp_path / f"fuzz{suffix}"
        path.write_text(text, encoding="utf-8")
        before = len(store.cards())
        result = import_file(_tracker(store, content, clock), path, strict=True)
        assert len(store.cards()) == before + (len(result.imported) if result.written else 0)
        assert not (result.written and result.errors)


def test_import_cli(tmp_path):
    data = tmp_path / "data"
    path = tmp_path / "cards.csv"
    path.write_text(GOOD_CSV + "Broken,wallet,,,,\n", encoding="utf-8")
    result = run_cli("import", str(path), data=data, config=tmp_path)
    assert result.returncode == 1 and "imported 2 cards" in result.stdout
    assert f"{path}:4: kind" in result.stderr
    store = Store.open(Path(data) / DB_FILENAME)
    assert len(store.cards()) == 2
    store.close()


def test_log_entries_listed_under_a_card_whose_id_was_edited_stay_with_it(
    tmp_path, content, clock
):
    """A card's id edited by hand in an export, its log entries' card_id left as it was:
    the entries are listed under the card, so they are its own, and the import says so.
    (They attached to the old id: a card of that id already here took them.)"""
    first = Store.in_memory()
    _seed(_tracker(first, content, clock))
    doc = json.loads(export(_tracker(first, content, clock), "json"))
    entry = doc["cards"][0]
    old_id = entry["card"]["id"]
    assert entry["log"] and all(e["card_id"] == old_id for e in entry["log"])
    entry["card"]["id"] = "c-edited"
    path = tmp_path / "export.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    store = Store.in_memory()
    tracker = _tracker(store, content, clock)
    result = import_file(tracker, path)
    assert result.written and not result.errors
    [note] = [message for number, message in result.notes if number == 1]
    assert old_id in note and "c-edited" in note and "kept with this card" in note
    logged = [e for e in store.log() if e.card_label == entry["card"]["label"]]
    assert len(logged) == len(entry["log"])
    assert {e.card_id for e in logged} == {"c-edited"}
