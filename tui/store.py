"""The one place that touches the TinyDB file: cards, progress, log and meta.

Only masked identifiers are ever stored here: the last 4 of a serial (card number,
ICCID, EID) and nothing of a secret (a PIN), only where it is kept; full values
belong to the OS keyring or the encrypted file. Every change happens in a
transaction: under an exclusive lock on the data file (so two SSH sessions never
lose each other's updates), on data re-read if another process changed it, written
once, atomically (see storage.py). A damaged file is never written over.
"""

from __future__ import annotations

import errno
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import orjson
from tinydb import Query, TinyDB
from tinydb.storages import MemoryStorage

from tui.migrations import SECRET_DROPPED
from tui.model import Card, LogEntry
from tui.private_files import private_dir
from tui.record_schema import SCHEMA_VERSION, TABLES, DamagedRecord, VersionProblem, file_version
from tui.storage import (
    DEFAULT_KEEP,
    AtomicJSONStorage,
    RecordDB,
    decode,
    remove_stray_temps,
    stamp_of,
    stray_temps,
    take_backup,
)

__all__ = ["SCHEMA_VERSION", "SECRET_DROPPED", "TABLES", "DamagedRecord"]

DB_FILENAME = "cardoff.json"
# seconds a change waits for other sessions' writes before it is refused: they take
# milliseconds each and wait their turn (fair_lock.py), so only a stuck session
# (stopped with the lock held) makes anyone wait this long
LOCK_TIMEOUT = 10.0


class StoreError(Exception):
    """The data file cannot be used; it has been left exactly as it was. `newer` is True
    when a later cardoff-tui wrote it (the file is fine; upgrading opens it)."""

    def __init__(self, path: Path | None, reason: str, newer: bool = False) -> None:
        super().__init__(f"{path}: {reason}" if path else reason)
        self.path = path
        self.reason = reason
        self.newer = newer


class StoreBusy(Exception):
    """Other processes held the data file's lock for LOCK_TIMEOUT seconds (or the
    store's own `lock_timeout`); nothing was changed."""


# errno -> StoreWriteError.problem; any other errno is "other"
WRITE_PROBLEMS = {
    errno.ENOSPC: "full",
    errno.EDQUOT: "full",
    errno.EROFS: "read_only",
    errno.EACCES: "denied",
    errno.EPERM: "denied",
    errno.EIO: "io",
}


class StoreWriteError(Exception):
    """The data file could not be written: nothing of the change was written, and the
    file, and what the store reads from it, are as they were before it.

    `problem` is "full" (ENOSPC, EDQUOT), "read_only" (EROFS), "denied" (EACCES, EPERM),
    "io" (EIO) or "other"; `detail` is the system's words for it (strerror); `path` is
    the data file. Neither holds any of the data.
    """

    def __init__(self, path: Path, error: OSError) -> None:
        self.path = path
        self.problem = WRITE_PROBLEMS.get(error.errno, "other")
        self.detail = error.strerror or type(error).__name__
        super().__init__(f"{path}: {self.detail}; nothing was written")


@contextmanager
def _writing(path: Path) -> Iterator[None]:
    """Turn an OSError of writing `path` (or its folder, lock or backups) into a
    StoreWriteError."""
    try:
        yield
    except OSError as exc:
        raise StoreWriteError(path, exc) from exc


def check_shape(raw: object, path: Path | None) -> None:
    """Raise StoreError unless `raw` is a cardoff-tui database this version can read."""
    if not isinstance(raw, dict) or not all(isinstance(t, dict) for t in raw.values()):
        raise StoreError(path, "the file is JSON but not a cardoff-tui database")
    # a record that is not an object is a damaged record, set aside when the file is
    # opened (tui/record_schema.py); only a table that is not an object refuses the file
    try:
        file_version(raw)
    except VersionProblem as exc:
        raise StoreError(path, f"the file cannot be opened: {exc}", newer=exc.newer) from None


def read_checked(path: Path) -> dict | None:
    """The parsed file, or None when missing/empty; StoreError when it cannot be used."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise StoreError(path, f"cannot read the file ({exc})") from exc
    if not data.strip():
        return None
    try:
        raw = decode(data)
    except orjson.JSONDecodeError as exc:  # also invalid UTF-8
        raise StoreError(path, f"the file is not valid JSON ({exc})") from exc
    check_shape(raw, path)
    return raw


def _version(raw: dict) -> int | None:
    for doc in raw.get("meta", {}).values():
        if isinstance(doc, dict) and "schema_version" in doc:
            return doc["schema_version"]
    return None


def _read_into(path: Path, storage: AtomicJSONStorage, upgrade: bool = True) -> bool:
    """Read and check the file into `storage`, as the app opens it: a file of an older
    schema is upgraded in memory (if `upgrade`), then damaged records are set aside.
    Returns whether the upgrade changed anything (it is then not yet written).
    StoreError, with the file untouched, when it cannot be used."""
    stamp = stamp_of(path)  # before the read: a change after it is seen as a change
    raw = read_checked(path)
    if raw is None:
        return False
    version = _version(raw)
    if upgrade and version not in (None, SCHEMA_VERSION):
        from tui.migrations import upgraded

        raw = upgraded(raw, version)
        storage.adopt(raw, stamp)
        return True
    storage.adopt(raw, stamp)  # the file is parsed once, here
    return False


@dataclass(frozen=True)
class Examined:
    """What opening the data file would find, found without writing anything: its
    schema version as stored (None for a new file), its cards, and its damaged records."""

    version: int | None
    cards: int
    damaged: list[DamagedRecord]


def examine(path: Path) -> Examined | None:
    """The data file as the app would open it (`doctor` uses this, so the two agree),
    without locking or writing: None when there is no file yet; StoreError when it
    cannot be used."""
    if stamp_of(path) is None:
        return None
    storage = AtomicJSONStorage(path)
    raw = read_checked(path)
    version = _version(raw) if raw is not None else None
    _read_into(path, storage)
    data = storage.read() or {}
    return Examined(version, len(data.get("cards", {})), storage.damaged())


class Store:
    def __init__(
        self,
        db: TinyDB,
        path: Path | None = None,
        keep_backups: int = DEFAULT_KEEP,
        lock_timeout: float = LOCK_TIMEOUT,
    ):
        """`lock_timeout`: seconds a transaction waits for other processes' writes before
        raising StoreBusy (negative: wait as long as it takes). Set `on_wait` to be told
        when a transaction has waited NOTICE_AFTER seconds (0.5) for another session's
        write: it is called once, in the waiting thread."""
        self._db = db
        self.path = path
        self.keep_backups = keep_backups
        self.lock_timeout = lock_timeout
        self._storage: AtomicJSONStorage | None = getattr(db, "storage", None)
        if not isinstance(self._storage, AtomicJSONStorage):
            self._storage = None
        self._lock = None  # the file lock, made at the first transaction (see _file_lock)
        self.on_wait: Callable[[], None] | None = None
        self._depth = 0
        self._cleaned = False
        self._log_index: tuple[int, dict[str, list[str]]] | None = None
        # query caches would keep results from before another process's change
        self._cards = db.table("cards", cache_size=0)
        self._progress = db.table("progress", cache_size=0)
        self._log = db.table("log", cache_size=0)
        self._meta = db.table("meta", cache_size=0)
        self._seen = stamp_of(path) if path else None
        # a file with its schema version and no crash leftovers needs no write and no
        # lock to open (reads see whole files: every write is an os.replace)
        needs_meta = not self._meta.all()
        if needs_meta or (path is not None and stray_temps(path)):
            try:
                with self.transaction():
                    if not self._meta.all():
                        self._meta.insert({"schema_version": SCHEMA_VERSION})
            except (StoreWriteError, StoreBusy):
                if needs_meta:
                    raise
                # only leftovers to clean, and the folder is read-only or another session
                # is writing: they are cleaned with the first change that can be written

    @classmethod
    def open(
        cls,
        path: Path,
        upgrade: bool = True,
        keep_backups: int = DEFAULT_KEEP,
        lock_timeout: float = LOCK_TIMEOUT,
    ) -> Store:
        """Open (or create) the data file; a damaged file raises StoreError, untouched.

        An older file is upgraded after a backup of it is taken, unless upgrade is False.
        `lock_timeout` is in seconds (see __init__). StoreWriteError when the folder, a
        new file or an upgrade cannot be written.
        """
        with _writing(path):
            private_dir(path.parent)
        db = RecordDB(path, storage=AtomicJSONStorage)
        if _read_into(path, db.storage, upgrade=upgrade):
            with _writing(path):
                take_backup(path, keep=max(keep_backups, 1))
                db.storage.save_now()  # the upgraded file, damaged records as they were
        store = cls(db, path, keep_backups, lock_timeout)
        # the session's first write keeps a copy of the file as it was
        store._storage.on_first_write = lambda: take_backup(path, keep=keep_backups)
        return store

    def damaged(self, texts: bool = True) -> list[DamagedRecord]:
        """The records set aside as damaged when the file was last read (file order),
        each with what is wrong and (if `texts`) its text in the file; they stay in the
        file as they are. Empty for a store in memory."""
        return self._storage.damaged(texts) if self._storage is not None else []

    @classmethod
    def in_memory(cls) -> Store:
        return cls(TinyDB(storage=MemoryStorage))

    def close(self) -> None:
        self._db.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One unit of work: locked, on fresh data, written once (all or nothing).

        Raises StoreBusy (another process holds the lock) or StoreWriteError (the lock
        or the file cannot be written); either way nothing of the unit was written.
        """
        if self._depth or self.path is None:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        from tui.fair_lock import LockTimeout

        if self._lock is None:
            self._lock = self._file_lock()
        try:
            held = self._lock.acquire(self.lock_timeout, self.on_wait)
        except LockTimeout:  # an OSError too: caught first
            raise StoreBusy(str(self.path)) from None
        except OSError as exc:  # the lock file cannot be made or opened (read-only disk…)
            raise StoreWriteError(self.path, exc) from exc
        self._depth += 1
        committed = False
        try:
            if not self._cleaned:
                # under the lock no one is writing, so a temp file is a crash's leftover
                with _writing(self.path):
                    remove_stray_temps(self.path)
                self._cleaned = True
            if not self._storage.fresh():
                stamp = stamp_of(self.path)
                raw = read_checked(self.path)  # another process wrote: check before use
                if raw is not None and _version(raw) not in (None, SCHEMA_VERSION):
                    raise StoreError(self.path, "another cardoff-tui changed the file's schema")
                self._storage.adopt(raw, stamp)
            self._storage.begin()
            for table in (self._cards, self._progress, self._log, self._meta):
                table._next_id = None  # TinyDB caches the next id; another process may have used it
            yield
            committed = True
        finally:
            self._depth -= 1
            try:
                with _writing(self.path):
                    self._storage.end(commit=committed)
                self._seen = stamp_of(self.path)
            finally:
                self._lock.release(held)

    def _file_lock(self):
        from tui.fair_lock import FairFileLock  # imported when first needed

        return FairFileLock(self.path.with_name(f"{self.path.name}.lock"))

    def changed_elsewhere(self) -> bool:
        """True once after another process changed the file (a cheap stat)."""
        if self.path is None:
            return False
        now = stamp_of(self.path)
        if now == self._seen:
            return False
        self._seen = now
        return True

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
        with self.transaction():
            self._cards.upsert(card.to_doc(), Query().id == card.id)

    def delete_card(self, card_id: str) -> None:
        with self.transaction():
            self._cards.remove(Query().id == card_id)
            self._progress.remove(Query().card_id == card_id)

    # progress: per card, step id -> {"at": iso time, "title": {lang: text}}
    def progress(self, card_id: str) -> dict[str, dict]:
        doc = self._progress.get(Query().card_id == card_id)
        return dict(doc["steps"]) if doc else {}

    def all_progress(self) -> dict[str, dict[str, dict]]:
        return {doc["card_id"]: dict(doc["steps"]) for doc in self._progress.all()}

    def set_progress(self, card_id: str, steps: Mapping[str, dict]) -> None:
        with self.transaction():
            self._progress.upsert(
                {"card_id": card_id, "steps": dict(steps)}, Query().card_id == card_id
            )

    # log: append-only
    def append_log(self, entry: LogEntry) -> None:
        with self.transaction():
            self._log.insert(entry.to_doc())

    def log(self, card_id: str | None = None) -> list[LogEntry]:
        """Newest first; for one card, or for every card when card_id is None. One
        card's entries come from an index of the log by card, built once after each
        change of the data (not a scan of every entry each time a card is shown)."""
        if card_id is not None and self._storage is not None:
            table = (self._storage.read() or {}).get("log") or {}
            ids = self._log_ids(table).get(card_id, ())
            return [LogEntry.from_doc(table[key]) for key in reversed(ids)]
        docs = self._log.all() if card_id is None else self._log.search(Query().card_id == card_id)
        docs = sorted(docs, key=lambda d: d.doc_id, reverse=True)
        return [LogEntry.from_doc(d) for d in docs]

    def _log_ids(self, table: dict) -> dict[str, list[str]]:
        """The log's keys by card id, oldest first (by record number), for the data the
        storage holds now (rebuilt when its generation moves)."""
        generation = self._storage.generation
        if self._log_index is None or self._log_index[0] != generation:
            index: dict[str, list[str]] = {}
            for key in sorted(table, key=lambda k: int(k) if k.isdigit() else -1):
                doc = table[key]
                if isinstance(doc, dict):
                    index.setdefault(doc.get("card_id"), []).append(key)
            self._log_index = (generation, index)
        return self._log_index[1]
