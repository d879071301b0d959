"""The one place that touches the TinyDB file: cards, progress, log and meta.

Only masked identifiers are ever stored here: the last 4 of a serial (card number,
ICCID, EID) and nothing of a secret (a PIN), only where it is kept; full values
belong to the OS keyring or the encrypted file. Every change happens in a
transaction: under an exclusive lock on the data file (so two SSH sessions never
lose each other's updates), on data re-read if another process changed it, saved
once, atomically: its changed records appended to the journal (see storage.py and
journal.py). A damaged file is never written over.
"""

from __future__ import annotations

import errno
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from tinydb import TinyDB
from tinydb.storages import MemoryStorage
from tinydb.table import Document

from tui.base.paths import (
    DB_FILENAME,  # noqa: F401  (tui.storage.store.DB_FILENAME, as before)
    followed,
)
from tui.base.private_files import private_dir
from tui.records.damaged_records import DamagedRecord
from tui.records.model import Card, LogEntry
from tui.records.record_schema import SCHEMA_VERSION, TABLES
from tui.storage.data_file import (
    Examined,
    StoreError,
    check_shape,
    examine,
    read_checked,
    read_checked_state,
    read_into,
    stored_version,
)
from tui.storage.journal import (
    UNUSABLE,
    JournalNotice,
    Replay,
    state_stamp,
)
from tui.storage.json_storage import (
    DEFAULT_KEEP,
    AtomicJSONStorage,
    remove_stray_temps,
    stray_temps,
    take_backup,
)
from tui.storage.migrations import SECRET_DROPPED
from tui.storage.progress_records import ProgressRecords
from tui.storage.record_index import RecordIndex
from tui.storage.record_table import RecordDB

__all__ = [
    "SCHEMA_VERSION",
    "SECRET_DROPPED",
    "TABLES",
    "DamagedRecord",
    "Examined",
    "StoreError",
    "check_shape",
    "examine",
    "read_checked",
]

# seconds a change waits for other sessions' writes before it is refused: they take
# milliseconds each and wait their turn (fair_lock.py), so only a stuck session
# (stopped with the lock held) makes anyone wait this long
LOCK_TIMEOUT = 10.0
# seconds closing a store that saved waits for the lock to write the base (see close)
CLOSE_LOCK_WAIT = 1.0


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


class Store(ProgressRecords):
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
        self._records = RecordIndex()
        # query caches would keep results from before another process's change
        self._cards = db.table("cards", cache_size=0)
        self._progress = db.table("progress", cache_size=0)
        self._log = db.table("log", cache_size=0)
        self._meta = db.table("meta", cache_size=0)
        self._seen = state_stamp(path) if path else None
        self._saved_elsewhere = False  # another session saved before a change of ours
        # why close() left the journal beside the data file (None: it did not)
        self.left_journal: Exception | None = None
        # a file with its schema version, no crash leftovers and a whole journal needs
        # no write and no lock to open (reads see whole states: journal.read_state)
        needs_meta = not self._meta.all()
        # a journal with changes that cannot be applied is put aside now, the whole
        # state written into the base, so the next change can be saved after it
        opened = self._storage.journal() if self._storage is not None else Replay()
        repair = opened.problem in UNUSABLE
        if needs_meta or repair or (path is not None and stray_temps(path)):
            try:
                with self.transaction():
                    if not self._meta.all():
                        self._meta.insert({"schema_version": SCHEMA_VERSION})
                    if repair:
                        self._storage.rewrite_base()
            except (StoreWriteError, StoreBusy):
                if needs_meta:
                    raise
                # only leftovers to clean or a journal to put aside, and the folder is
                # read-only or another session is writing: that is done with the first
                # change that can be written (until then the journal is read as it is)
        self._opened_journal = None
        if repair:
            kept = [where for problem, where in self._storage.kept_aside if problem in UNUSABLE]
            notice = JournalNotice(
                opened.problem, len(opened.changes), opened.left_out, kept[0] if kept else None
            )
            self._opened_journal = notice

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
        path = followed(path)
        with _writing(path):
            private_dir(path.parent)
        db = RecordDB(path, storage=AtomicJSONStorage)
        if read_into(path, db.storage, upgrade=upgrade):
            with _writing(path):
                take_backup(path, keep=max(keep_backups, 1))
                db.storage.save_now()  # the upgraded file, damaged records as they were
        store = cls(db, path, keep_backups, lock_timeout)
        # the session's first write keeps the data as it was (a hard link to the base
        # when no journal is beside it: backups.take_backup)
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
        """Close the store. A session that saved changes writes the whole state into
        the base first, so the data file alone holds it once cardoff-tui has quit
        (waiting CLOSE_LOCK_WAIT seconds at most for another session; if that fails
        the journal stays, and is read as before)."""
        storage = self._storage
        if storage is not None and storage.saved and storage.journal().size:
            waited, self.lock_timeout = self.lock_timeout, CLOSE_LOCK_WAIT
            try:
                with self.transaction():
                    self._storage.rewrite_base()
            except (StoreWriteError, StoreBusy, StoreError) as exc:
                # nothing is lost: the state is whole in base + journal, and the next
                # session that saves writes the base; kept here for whoever asks
                self.left_journal = exc
            finally:
                self.lock_timeout = waited
            storage.saved = False
        self._db.close()

    def journal_notice(self) -> JournalNotice | None:
        """What the user should be told of the journal as the store was opened: changes
        that could not be read (damaged) or that belong to another version of the data
        file (other_base), how many were applied, and where the journal is kept."""
        if self._storage is None:
            return None
        return self._opened_journal

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
        from tui.storage.fair_lock import LockTimeout

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
            if state_stamp(self.path) != self._seen:
                # another session saved since this one last looked: this change is
                # made on its data, and changed_elsewhere() says so once
                self._saved_elsewhere = True
            if not self._storage.fresh():
                # another process wrote: check before use
                raw, state = read_checked_state(self.path)
                if raw is not None and stored_version(raw) not in (None, SCHEMA_VERSION):
                    raise StoreError(
                        self.path,
                        "another cardoff-tui changed the file's schema",
                        key="store_problem.schema_changed",
                    )
                self._storage.adopt(raw, state)
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
                self._seen = state_stamp(self.path)
            finally:
                self._lock.release(held)

    def _file_lock(self):
        from tui.storage.fair_lock import FairFileLock  # imported when first needed

        return FairFileLock(self.path.with_name(f"{self.path.name}.lock"))

    def changed_elsewhere(self) -> bool:
        """True once after another process changed the file or its journal (two cheap
        stats), also when a change of this session's has been saved since, on top of
        it (its own stamp then hides the other's)."""
        if self.path is None:
            return False
        now = state_stamp(self.path)
        if now == self._seen and not self._saved_elsewhere:
            return False
        self._seen, self._saved_elsewhere = now, False
        return True

    @property
    def schema_version(self) -> int:
        return self._meta.all()[0]["schema_version"]

    def _indexed(self) -> tuple[dict, RecordIndex]:
        """The data as the storage holds it now (read again if another session wrote),
        and where each card's records are in it (record_index.py)."""
        tables = self._db.storage.read() or {}
        return tables, self._records.current(tables, getattr(self._db.storage, "loads", 0))

    def _put(self, table, keys: dict[str, str], card_id: str, doc: dict) -> None:
        """Update the record of `card_id` in `table` (its fields, as an upsert does), or
        insert it; `keys` (an index) learns where a new one went."""
        key = keys.get(card_id)
        if key is not None:
            table.update(doc, doc_ids=[int(key)])
        else:
            keys[card_id] = str(table.insert(doc))

    # cards
    def cards(self) -> list[Card]:
        """Every card, in the order they were added (a card brought back by undo in
        its old place: see delete_card)."""
        return [Card.from_doc(doc) for doc in sorted(self._cards.all(), key=lambda d: d.doc_id)]

    def generation(self) -> int | None:
        """A number that changes whenever the data this store reads changes (a save of
        this session's, or another session's read in); None for a store in memory, whose
        changes are not counted."""
        return getattr(self._db.storage, "generation", None)

    def own_card_regions(self) -> list[str]:
        """The region typed on each of the user's own cards (those with no owner), read
        from the records as stored without building the cards (as Card.from_doc reads
        `region` and `owner`): the same list `[c.region for c in cards() if not
        c.owner]` gives, at a fraction of its cost."""
        docs = (self._db.storage.read() or {}).get("cards", {}).values()
        return [doc.get("region", "") for doc in docs if not doc.get("owner", "")]

    def identifiers_kept_in(self, place: str) -> int:
        """How many identifiers the cards' records say are kept in `place` ('keyring'
        or 'vault'), read from the records as stored, without building the cards (what
        Card.from_doc would make of each: an identifier record's `in`)."""
        return sum(
            1
            for doc in self._cards.all()
            for identifier in doc.get("identifiers", {}).values()
            if identifier.get("in") == place
        )

    def card(self, card_id: str) -> Card | None:
        tables, index = self._indexed()
        doc = tables.get("cards", {}).get(index.cards.get(card_id, ""))
        return Card.from_doc(doc) if doc else None

    def save_card(self, card: Card, place: int | None = None) -> None:
        """Save a card: its record updated, or a new one added last. `place` (what
        delete_card returned) puts a card being brought back where it was, when that
        place is still free."""
        with self.transaction():
            keys = self._indexed()[1].cards
            if place is not None and card.id not in keys and self._cards.get(doc_id=place) is None:
                keys[card.id] = str(self._cards.insert(Document(card.to_doc(), doc_id=place)))
                return
            self._put(self._cards, keys, card.id, card.to_doc())

    def delete_card(self, card_id: str) -> int | None:
        """Delete a card and its progress; returns the card's place in the list (for
        save_card to bring it back there), None when there was no such card."""
        with self.transaction():
            index = self._indexed()[1]
            place = None
            if (key := index.cards.pop(card_id, None)) is not None:
                place = int(key)
                self._cards.remove(doc_ids=[place])
            if (key := index.progress.pop(card_id, None)) is not None:
                self._progress.remove(doc_ids=[int(key)])
            return place

    # log: append-only
    def append_log(self, entry: LogEntry) -> None:
        with self.transaction():
            index = self._indexed()[1]
            key = str(self._log.insert(entry.to_doc()))
            index.log.setdefault(entry.card_id, []).append(key)

    def log(self, card_id: str | None = None) -> list[LogEntry]:
        """Newest first; for one card, or for every card when card_id is None. One
        card's entries come from an index of the log by card (record_index.py), not a
        scan of every entry each time a card is shown."""
        if card_id is not None:
            tables, index = self._indexed()
            table = tables.get("log") or {}
            keys = index.log.get(card_id, ())
            return [LogEntry.from_doc(table[key]) for key in reversed(keys)]
        docs = sorted(self._log.all(), key=lambda d: d.doc_id, reverse=True)
        return [LogEntry.from_doc(d) for d in docs]
