"""Property tests: a valid data file (or JSON export) with one random change is never a
crash and never loses a record; what the change broke is set aside or refused."""

from __future__ import annotations

import copy
import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.damaged_corpus import good_file, write
from tui.domain.export import export
from tui.domain.importer import import_file
from tui.domain.tracker import Tracker
from tui.records.card_fields import CardFields
from tui.storage.json_spans import record_texts
from tui.storage.json_storage import whole_bytes
from tui.storage.store import Store, StoreError

JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**40), 2**40)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12)
    | st.sampled_from(["", "2026-01-05", "2026-02-30", "bank", "esim", "12.50", "lots", "c1"]),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=6,
)


def _paths(value, prefix=()):
    """Every path to a value inside `value` (the record itself included)."""
    yield prefix
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from _paths(inner, (*prefix, key))


@st.composite
def mutated_files(draw):
    """(the good file, the file with one random change, the (table, key) changed)."""
    data = good_file()
    data["cards"]["3"] = {**copy.deepcopy(data["cards"]["1"]), "id": "c3", "label": "Third"}
    original = copy.deepcopy(data)
    table = draw(st.sampled_from(["cards", "cards", "progress", "log", "meta"]))
    key = draw(st.sampled_from(sorted(data[table])))
    path = draw(st.sampled_from(list(_paths(data[table][key]))))
    action = draw(st.sampled_from(["replace", "delete", "add"]))
    if not path:
        data[table][key] = draw(JSON_VALUES)
        return original, data, (table, key)
    parent = data[table][key]
    for step in path[:-1]:
        parent = parent[step]
    if action == "replace":
        parent[path[-1]] = draw(JSON_VALUES)
    elif action == "delete":
        del parent[path[-1]]
    elif isinstance(parent[path[-1]], dict):
        parent[path[-1]][draw(st.text(max_size=6))] = draw(JSON_VALUES)
    else:
        parent[path[-1]] = draw(JSON_VALUES)
    return original, data, (table, key)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(case=mutated_files())
def test_one_random_change_never_crashes_and_never_loses_a_record(case, content, clock):
    original, data, changed = case
    with tempfile.TemporaryDirectory() as folder:
        path = write(Path(folder), data)
        before = path.read_bytes()
        try:
            store = Store.open(path)
        except StoreError:  # only a schema version that cannot be trusted refuses the file
            assert changed[0] == "meta" and path.read_bytes() == before
            return
        damaged = {(r.table, r.key) for r in store.damaged()}
        assert damaged <= {changed, ("cards", "3"), ("progress", "2")} | {
            (t, k) for t in ("cards", "progress") for k in data[t]
        }
        visible = {card.id for card in store.cards()}
        for key, card in original["cards"].items():  # no good card is lost
            untouched = ("cards", key) != changed and ("cards", key) not in damaged
            if untouched:
                assert card["id"] in visible
        tracker = Tracker(store, content.playbooks, clock, issuers=content.issuers)
        tracker.views(), tracker.due(), tracker.owed_total(), tracker.log()
        for fmt in ("md", "json", "csv", "ics"):
            export(tracker, fmt)
        texts = record_texts(before, damaged)
        tracker.add_card(CardFields("New", "transit", "cancel"))
        after = whole_bytes(path)  # the base with the journal's change
        written = json.loads(after)
        for table, records in data.items():  # every record is still there, as it was
            for key, record in records.items():
                assert written[table][key] == record, (table, key)
        assert record_texts(after, damaged) == texts  # damaged ones byte for byte


def _export(content, clock) -> dict:
    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock, issuers=content.issuers)
    for label in ("One", "Two", "Three"):
        card = tracker.add_card(CardFields(label, "bank", "cancel"))
        tracker.toggle_step(card.id, tracker.view(card.id).items[0].step_id)
    return json.loads(export(tracker, "json"))


@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_a_changed_json_export_imports_only_what_is_sound(data, content, clock):
    exported = _export(content, clock)
    entry = data.draw(st.integers(0, len(exported["cards"]) - 1))
    paths = list(_paths(exported["cards"][entry]))
    where = data.draw(st.sampled_from(paths[1:]))
    target = exported["cards"][entry]
    for step in where[:-1]:
        target = target[step]
    target[where[-1]] = data.draw(JSON_VALUES)
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "export.json"
        source.write_text(json.dumps(exported), encoding="utf-8")
        store = Store.open(Path(folder) / "cardoff.json")
        tracker = Tracker(store, content.playbooks, clock, issuers=content.issuers)
        result = import_file(tracker, source)
        assert len(result.imported) == len(store.cards())  # says what it kept
        assert len(result.imported) + len(result.errors) == len(exported["cards"])
        reopened = Store.open(Path(folder) / "cardoff.json")
        assert reopened.damaged() == []  # nothing damaged was planted
        Tracker(reopened, content.playbooks, clock).views()
