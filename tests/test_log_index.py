"""One card's log comes from an index built once per change of the data: it follows
this session's writes, a rolled-back change, and another session's writes."""

from __future__ import annotations

import datetime as dt

import pytest

from tui.records.card_fields import CardFields
from tui.records.model import Card, LogEntry
from tui.storage.store import DB_FILENAME, Store

NOW = dt.datetime(2026, 11, 30, 9, 0, tzinfo=dt.UTC)


def _entry(card: Card, event: str) -> LogEntry:
    return LogEntry(NOW, card.id, card.label, event)


def test_a_cards_log_follows_every_change(tmp_path):
    path = tmp_path / DB_FILENAME
    store = Store.open(path)
    one = Card.create(CardFields("One", "bank", "cancel"), NOW)
    two = Card.create(CardFields("Two", "bank", "cancel"), NOW)
    with store.transaction():
        store.save_card(one)
        store.save_card(two)
        for n in range(3):
            store.append_log(_entry(one, f"step.{n}"))
        store.append_log(_entry(two, "card.added"))
    assert [e.event for e in store.log(one.id)] == ["step.2", "step.1", "step.0"]
    assert [e.event for e in store.log(two.id)] == ["card.added"]
    with store.transaction():
        store.append_log(_entry(one, "step.3"))
    assert store.log(one.id)[0].event == "step.3"
    # a change that fails is rolled back: its entry is not in the index either
    with pytest.raises(RuntimeError), store.transaction():
        store.append_log(_entry(one, "never"))
        raise RuntimeError("stop")
    assert "never" not in [e.event for e in store.log(one.id)]
    # another session writes: this one sees it on its next read
    other = Store.open(path)
    with other.transaction():
        other.append_log(_entry(two, "from.elsewhere"))
    other.close()
    assert [e.event for e in store.log(two.id)] == ["from.elsewhere", "card.added"]
    # the whole log, and the index, agree
    every = store.log()
    assert sorted(e.event for e in every if e.card_id == one.id) == sorted(
        e.event for e in store.log(one.id)
    )
    assert store.log("no-such-card") == []
    store.close()



def test_a_card_and_its_progress_are_found_after_every_kind_of_change(tmp_path):
    """card() and progress() look records up in an index: it follows this session's
    saves and deletes, a rolled-back change, and another session's writes."""
    path = tmp_path / DB_FILENAME
    store = Store.open(path)
    one = Card.create(CardFields("One", "bank", "cancel"), NOW)
    store.save_card(one)
    store.set_progress(one.id, {"a": {"at": NOW.isoformat(), "title": {"en": "a"}}})
    assert store.card(one.id).label == "One" and list(store.progress(one.id)) == ["a"]
    two = Card.create(CardFields("Two", "bank", "cancel"), NOW)
    with pytest.raises(RuntimeError), store.transaction():
        store.save_card(two)
        raise RuntimeError("stop")
    assert store.card(two.id) is None
    other = Store.open(path)
    other.save_card(two)
    other.set_progress(two.id, {"b": {"at": NOW.isoformat(), "title": {"en": "b"}}})
    other.delete_card(one.id)
    assert store.card(two.id).label == "Two" and list(store.progress(two.id)) == ["b"]
    assert store.card(one.id) is None and store.progress(one.id) == {}
    store.save_card(one)  # saved again: a new record, not the number another took
    assert sorted(c.label for c in Store.open(path).cards()) == ["One", "Two"]
    store.delete_card(two.id)
    assert store.card(two.id) is None and store.progress(two.id) == {}
    assert [c.label for c in Store.open(path).cards()] == ["One"]
