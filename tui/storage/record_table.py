"""TinyDB's table and database as the store uses them: a new record never takes the
number of a damaged one, and every change tells the storage which records it touched
(so a save appends only those to the journal: storage.py). No Textual, no Rich.
"""

from __future__ import annotations

from collections.abc import MutableMapping

from tinydb import TinyDB
from tinydb.table import Table

from tui.storage.json_storage import AtomicJSONStorage


class RecordTable(Table):
    """A TinyDB table that never gives a new record the number of a damaged one, and
    tells the storage which records each change touched (so a save appends only
    those to the journal). A change made outside a unit of work is one by itself."""

    # (storage.loads, the next free number) as last worked out: the store forgets the
    # next number before each change (another session may have taken it), but if the
    # storage has not read the file again since, nobody has
    _next_known: tuple[int, int] | None = None

    def _get_next_id(self):
        loads = getattr(self._storage, "loads", None)
        known = self._next_known
        if self._next_id is None and known is not None and known[0] == loads:
            self._next_id = known[1]
        if self._next_id is None:
            reserved = getattr(self._storage, "reserved_ids", None)
            taken = [int(k) for k in self._read_table()] + (reserved(self.name) if reserved else [])
            if taken:
                self._next_id = max(taken) + 1
        given = super()._get_next_id()
        self._next_known = (loads, self._next_id) if loads is not None else None
        return given

    def _update_table(self, updater) -> None:
        """TinyDB's, without copying the table twice (to int keys and back) for every
        change: `updater` works on the table itself, seen with int keys."""
        tables = self._storage.read()
        if tables is None:
            tables = {}
        raw = tables.get(self.name)
        if not isinstance(raw, dict):
            raw = tables[self.name] = {}
        updater(_IntKeys(raw))
        self._storage.write(tables)
        self.clear_cache()

    def _changed(self, change, *args, **kwargs):
        storage = self._storage
        if not isinstance(storage, AtomicJSONStorage):
            return change(*args, **kwargs)
        own_unit = not storage._in_unit
        if own_unit:
            storage.begin()
        storage._marking += 1
        done = False
        try:
            ids = change(*args, **kwargs)
            storage.touch(self.name, [ids] if isinstance(ids, int) else ids)
            done = True
        finally:
            storage._marking -= 1
            if own_unit:
                storage.end(commit=done)
        return ids

    def insert(self, document):
        return self._changed(super().insert, document)

    def insert_multiple(self, documents):
        return self._changed(super().insert_multiple, documents)

    def update(self, fields, cond=None, doc_ids=None):
        return self._changed(super().update, fields, cond, doc_ids)

    def update_multiple(self, updates):
        return self._changed(super().update_multiple, updates)

    def upsert(self, document, cond=None):
        return self._changed(super().upsert, document, cond)

    def remove(self, cond=None, doc_ids=None):
        return self._changed(super().remove, cond, doc_ids)


class _IntKeys(MutableMapping):
    """A table of the file (record numbers as strings) seen with int keys, as TinyDB's
    updaters expect (its keys are whole numbers: others are set aside as damaged)."""

    def __init__(self, raw: dict) -> None:
        self.raw = raw

    def __getitem__(self, key: int):
        return self.raw[str(key)]

    def __setitem__(self, key: int, doc) -> None:
        self.raw[str(key)] = doc

    def __delitem__(self, key: int) -> None:
        del self.raw[str(key)]

    def __contains__(self, key: object) -> bool:
        return str(key) in self.raw

    def __iter__(self):
        return (int(key) for key in self.raw)

    def __len__(self) -> int:
        return len(self.raw)


class RecordDB(TinyDB):
    """TinyDB with RecordTable tables."""

    table_class = RecordTable
