"""Where each card's records are in the store's data, so finding one is a dict lookup,
not a scan of every record (a TinyDB query reads the whole table).

Built from the data once after each time the storage reads it (storage.loads moves:
the file was read, another session wrote, a change was rolled back), then kept up to
date by the store's own changes. No Textual, no Rich.
"""

from __future__ import annotations

from collections.abc import Mapping


def _number(key: str) -> int:
    return int(key) if key.isdigit() else -1


def _first_by(table: object, field: str) -> dict[str, str]:
    """{record[field]: key} for the records of `table`, the first of each value kept (as
    a query finds it)."""
    found: dict[str, str] = {}
    if isinstance(table, Mapping):
        for key, doc in table.items():
            if isinstance(doc, Mapping):
                found.setdefault(doc.get(field), key)
    return found


class RecordIndex:
    """`cards` and `progress`: card id -> record number (a string, as in the file);
    `log`: card id -> its log entries' record numbers, oldest first."""

    def __init__(self) -> None:
        self.loads: int | None = None
        self.cards: dict[str, str] = {}
        self.progress: dict[str, str] = {}
        self.log: dict[str, list[str]] = {}

    def current(self, tables: Mapping, loads: int) -> RecordIndex:
        """This index, built again from `tables` (the store's data) when `loads` (the
        storage's count of reads) has moved since it was built."""
        if self.loads != loads:
            self.cards = _first_by(tables.get("cards"), "id")
            self.progress = _first_by(tables.get("progress"), "card_id")
            self.log = {}
            log = tables.get("log")
            if isinstance(log, Mapping):
                for key in sorted(log, key=_number):
                    doc = log[key]
                    if isinstance(doc, Mapping):
                        self.log.setdefault(doc.get("card_id"), []).append(key)
            self.loads = loads
        return self
