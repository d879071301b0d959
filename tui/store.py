"""The one place that touches the TinyDB file: cards, progress, log and meta.

Only masked identifiers are ever stored here; serials, ICCID and EID belong to the
OS keyring. Everything else in the app goes through `Store`, so crash safety and
locking can change here without touching the tracker or the UI.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

from tinydb import Query, TinyDB
from tinydb.storages import JSONStorage, MemoryStorage

from tui.model import Card, LogEntry

SCHEMA_VERSION = 2
DB_FILENAME = "cardoff.json"
TABLES = ("cards", "progress", "log", "meta")


class StoreError(Exception):
    """The data file cannot be used; it has been left exactly as it was."""

    def __init__(self, path: Path | None, reason: str) -> None:
        super().__init__(f"{path}: {reason}" if path else reason)
        self.path = path
        self.reason = reason


def _check_shape(raw: object, path: Path | None) -> None:
    if raw is None:
        return
    if not isinstance(raw, dict) or not all(isinstance(t, dict) for t in raw.values()):
        raise StoreError(path, "the file is JSON but not a cardoff-tui database")
    version = _version(raw)
    if version is not None and (not isinstance(version, int) or version > SCHEMA_VERSION):
        raise StoreError(
            path,
            f"the file was written by a newer cardoff-tui (schema {version}; "
            f"this version reads up to {SCHEMA_VERSION})",
        )


def _v1_to_v2(raw: dict) -> None:
    """v2 keeps identifiers as {field: {last4, in}}; v1 had one typed `masked_id`."""
    for doc in raw.get("cards", {}).values():
        masked = doc.pop("masked_id", "")
        name = "iccid" if doc.get("kind") == "esim" else "number"
        doc.setdefault("identifiers", {})
        if masked:
            doc["identifiers"][name] = {"last4": masked[-4:], "in": None}


# version n -> the function that turns an n file into an n+1 file, in place
MIGRATIONS = {1: _v1_to_v2}


def _version(raw: dict) -> int | None:
    for doc in raw.get("meta", {}).values():
        if isinstance(doc, dict) and "schema_version" in doc:
            return doc["schema_version"]
    return None


def migrate(raw: dict) -> bool:
    """Bring a parsed file up to SCHEMA_VERSION; returns whether anything changed."""
    version = _version(raw)
    if version is None or version == SCHEMA_VERSION:
        return False
    while version < SCHEMA_VERSION:
        MIGRATIONS[version](raw)
        version += 1
    for doc in raw["meta"].values():
        if "schema_version" in doc:
            doc["schema_version"] = version
    return True


class Store:
    def __init__(self, db: TinyDB, path: Path | None = None) -> None:
        self._db = db
        self.path = path
        self._cards = db.table("cards")
        self._progress = db.table("progress")
        self._log = db.table("log")
        self._meta = db.table("meta")
        if not self._meta.all():
            self._meta.insert({"schema_version": SCHEMA_VERSION})

    @classmethod
    def open(cls, path: Path, upgrade: bool = True) -> Store:
        """Open (or create) the database file; a damaged file raises StoreError untouched.

        An older file is upgraded (after a copy of it is kept) unless upgrade is False.
        """
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists():
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise StoreError(path, f"cannot read the file ({exc})") from exc
            if text.strip():
                try:
                    raw = json.loads(text)
                except json.JSONDecodeError as exc:
                    raise StoreError(path, f"the file is not valid JSON ({exc})") from exc
                _check_shape(raw, path)
                if upgrade and migrate(raw):
                    # keep the file as it was before the migration, then write the new one
                    path.with_name(f"{path.name}.pre-v{SCHEMA_VERSION}.bak").write_text(
                        text, encoding="utf-8"
                    )
                    path.write_text(json.dumps(raw, ensure_ascii=False, indent=1), "utf-8")
        db = TinyDB(path, storage=JSONStorage, ensure_ascii=False, encoding="utf-8", indent=1)
        return cls(db, path)

    @classmethod
    def in_memory(cls) -> Store:
        return cls(TinyDB(storage=MemoryStorage))

    def close(self) -> None:
        self._db.close()

    @property
    def schema_version(self) -> int:
        return self._meta.all()[0]["schema_version"]

    # cards
    def cards(self) -> list[Card]:
        return [Card.from_doc(doc) for doc in self._cards.all()]

    def card(self, card_id: str) -> Card | None:
        doc = self._cards.get(Query().id == card_id)
        return Card.from_doc(doc) if doc else None

    def save_card(self, card: Card) -> None:
        self._cards.upsert(card.to_doc(), Query().id == card.id)

    def delete_card(self, card_id: str) -> None:
        self._cards.remove(Query().id == card_id)
        self._progress.remove(Query().card_id == card_id)

    # progress: per card, step id -> {"at": iso time, "title": {lang: text}}
    def progress(self, card_id: str) -> dict[str, dict]:
        doc = self._progress.get(Query().card_id == card_id)
        return dict(doc["steps"]) if doc else {}

    def all_progress(self) -> dict[str, dict[str, dict]]:
        return {doc["card_id"]: dict(doc["steps"]) for doc in self._progress.all()}

    def set_progress(self, card_id: str, steps: Mapping[str, dict]) -> None:
        self._progress.upsert(
            {"card_id": card_id, "steps": dict(steps)}, Query().card_id == card_id
        )

    # log: append-only
    def append_log(self, entry: LogEntry) -> None:
        self._log.insert(entry.to_doc())

    def log(self, card_id: str | None = None) -> list[LogEntry]:
        """Newest first; for one card, or for every card when card_id is None."""
        docs = self._log.all() if card_id is None else self._log.search(Query().card_id == card_id)
        docs = sorted(docs, key=lambda d: d.doc_id, reverse=True)
        return [LogEntry.from_doc(d) for d in docs]
