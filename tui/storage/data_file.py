"""The data file as the app opens it, read without writing: its whole state (base and
journal, tui/storage/journal.py) checked (`read_checked`), and what opening it would find
(`examine`, which `doctor` uses so the two agree). No Textual, no Rich.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import orjson

from tui.base.os_problem import os_problem
from tui.records.damaged_records import DamagedRecord
from tui.records.record_schema import SCHEMA_VERSION, VersionProblem, file_version
from tui.storage.journal import Replay, State, read_state, stamp_of
from tui.storage.json_storage import AtomicJSONStorage


class StoreError(Exception):
    """The data file cannot be used; it has been left exactly as it was. `newer` is True
    when a later cardoff-tui wrote it (the file is fine; upgrading opens it).

    `reason` is in English (for logs and crash reports); what a user reads is
    `words(t)`: the catalog message `key` (section `store_problem`) filled with
    `params` (an OS error's are tui.base.os_problem's)."""

    def __init__(
        self,
        path: Path | None,
        reason: str,
        newer: bool = False,
        *,
        key: str = "store_problem.other",
        **params: object,
    ) -> None:
        super().__init__(f"{path}: {reason}" if path else reason)
        self.path = path
        self.reason = reason
        self.newer = newer
        self.key = key
        self.params = {"detail": reason, **params}

    def words(self, t) -> str:
        """Why the file cannot be used, in the language of catalog `t` (a
        tui.base.i18n.Catalog or anything called as t(key, **params))."""
        return t(self.key, **self.params)

    def located(self, t) -> str:
        """`words`, after the file's path ("cardoff.json: …")."""
        if self.path is None:
            return self.words(t)
        return t("store_problem.at", path=str(self.path), reason=self.words(t))


def check_shape(raw: object, path: Path | None) -> None:
    """Raise StoreError unless `raw` is a cardoff-tui database this version can read."""
    if not isinstance(raw, dict) or not all(isinstance(t, dict) for t in raw.values()):
        raise StoreError(
            path, "the file is JSON but not a cardoff-tui database", key="store_problem.not_ours"
        )
    # a record that is not an object is a damaged record, set aside when the file is
    # opened (tui/records/record_schema.py); only a table that is not an object refuses the file
    try:
        file_version(raw)
    except VersionProblem as exc:
        key = "store_problem.newer" if exc.newer else "store_problem.bad_version"
        raise StoreError(
            path,
            f"the file cannot be opened: {exc}",
            newer=exc.newer,
            key=key,
            version=exc.version,
            reads=SCHEMA_VERSION,
        ) from None


def read_checked(path: Path) -> dict | None:
    """The data file's whole state (its base with the journal's changes applied), or
    None when it is missing/empty; StoreError when it cannot be used. Every reader of
    the data file (the app, doctor, backups, restore) reads it through this."""
    return read_checked_state(path)[0]


def read_checked_state(path: Path) -> tuple[dict | None, State]:
    """read_checked, and where the data came from (journal.State)."""
    try:
        raw, state = read_state(path)
    except OSError as exc:
        raise StoreError(
            path, f"cannot read the file ({exc})", key="store_problem.unreadable", **os_problem(exc)
        ) from exc
    except orjson.JSONDecodeError as exc:  # also invalid UTF-8
        raise StoreError(
            path,
            f"the file is not valid JSON ({exc})",
            key="store_problem.not_json",
            line=exc.lineno,
            column=exc.colno,
        ) from exc
    if raw is not None:
        check_shape(raw, path)
    return raw, state


def stored_version(raw: dict) -> int | None:
    for doc in raw.get("meta", {}).values():
        if isinstance(doc, dict) and "schema_version" in doc:
            return doc["schema_version"]
    return None


def read_into(path: Path, storage: AtomicJSONStorage, upgrade: bool = True) -> bool:
    """Read and check the file into `storage`, as the app opens it: a file of an older
    schema is upgraded in memory (if `upgrade`), then damaged records are set aside.
    Returns whether the upgrade changed anything (it is then not yet written).
    StoreError, with the file untouched, when it cannot be used."""
    raw, state = read_checked_state(path)
    if raw is None:
        storage.adopt(None, state)
        return False
    version = stored_version(raw)
    if upgrade and version not in (None, SCHEMA_VERSION):
        from tui.storage.migrations import upgraded

        old, raw = raw, upgraded(raw, version)
        # the records the upgrade changed (a new object each; one left as it was is the
        # same object), so that a damaged one is kept in its upgraded form
        rewritten = frozenset(
            (name, key)
            for name, table in raw.items()
            if isinstance(table, dict) and isinstance(old.get(name), dict)
            for key, doc in table.items()
            if old[name].get(key) is not doc
        )
        storage.adopt(raw, state, rewritten)
        return True
    storage.adopt(raw, state)  # the file is parsed once, here
    return False


@dataclass(frozen=True)
class Examined:
    """What opening the data file would find, found without writing anything: its
    schema version as stored (None for a new file), its cards, its damaged records,
    and its journal as read (journal.Replay)."""

    version: int | None
    cards: int
    damaged: list[DamagedRecord]
    journal: Replay


def examine(path: Path) -> Examined | None:
    """The data file as the app would open it (`doctor` uses this, so the two agree),
    without locking or writing: None when there is no file yet; StoreError when it
    cannot be used."""
    if stamp_of(path) is None:
        return None
    storage = AtomicJSONStorage(path)
    raw, _state = read_checked_state(path)
    version = stored_version(raw) if raw is not None else None
    read_into(path, storage)
    data = storage.read() or {}
    return Examined(version, len(data.get("cards", {})), storage.damaged(), storage.journal())
