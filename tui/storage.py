"""The file under the store: atomic whole-file JSON for TinyDB, with backups.

- Every write goes to a temp file in the same folder, is fsynced, replaces the data
  file with os.replace, and the folder is fsynced: after a crash at any instant the
  file holds the old state or the new one, never a torn one.
- Files are made 0600 and folders 0700, whatever the umask (private_files.py).
- No handle stays open: each read and write opens the file by path, so a file
  replaced by another process is never read through a stale inode.
- Reads are cached and reused while the file's inode, size and mtime are unchanged,
  so drawing the panes does not re-parse the file.
- Inside a unit of work (Store.transaction) the cached data is changed in place and
  written once at the end: one toggle is one write, however many tables it touches.
- A damaged record (one that does not fit tui/record_schema.py) is set aside when the
  file is read: TinyDB never sees it, and every write puts it back in its table with
  the text it had in the file, byte for byte (json_spans.py).
"""

from __future__ import annotations

import os
import re
import secrets as _random
import shutil
import time
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

import orjson
from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Table

from tui.private_files import fsync_dir, private_dir, write_atomically
from tui.record_schema import DamagedRecord, find_damaged

BACKUP_DIR = "backups"
DEFAULT_KEEP = 5

Stamp = tuple[int, int, int]


def stamp_of(path: Path) -> Stamp | None:
    """(inode, mtime_ns, size): changes whenever the file is replaced or written."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_mtime_ns, st.st_size)


# a backup's temp file older than this is a crash's leftover: writing one takes well
# under a second, and `restore` (which may write one without the lock) never waits
STALE_BACKUP_TEMP = 600.0  # seconds


def _temp_names(path: Path) -> tuple[re.Pattern, re.Pattern]:
    """The names write_atomically gives temp files of the data file, and of a backup of
    it (take_backup's names: `cardoff-<%Y%m%dT%H%M%S%f>Z.json`)."""
    hex8 = r"\.[0-9a-f]{8}\.tmp"
    beside = re.compile(rf"\.{re.escape(path.name)}{hex8}")
    backup = rf"\.{re.escape(path.stem)}-[0-9]{{8}}T[0-9]{{12}}Z{re.escape(path.suffix)}"
    return beside, re.compile(backup + hex8)


def stray_temps(path: Path) -> list[Path]:
    """Temp files this app left beside the data file, and stale ones in backups/.

    Beside the data file they are a crash's leftovers or another process's write in
    progress: only under the store's lock are they surely leftovers. In backups/ only
    those older than STALE_BACKUP_TEMP seconds are listed. Only names write_atomically
    makes for this data file count (`.cardoff.json.1a2b3c4d.tmp`,
    `.cardoff-20261124T101010123456Z.json.1a2b3c4d.tmp`); nothing else is listed."""
    beside, backup = _temp_names(path)
    found = [p for p in _listing(path.parent) if beside.fullmatch(p.name)]
    now = time.time()
    for candidate in _listing(backup_dir(path)):
        if not backup.fullmatch(candidate.name):
            continue
        try:
            age = now - candidate.lstat().st_mtime
        except FileNotFoundError:
            continue
        if age > STALE_BACKUP_TEMP:
            found.append(candidate)
    return found


def _listing(folder: Path) -> list[Path]:
    try:
        return list(folder.iterdir())
    except (FileNotFoundError, NotADirectoryError):
        return []


def remove_stray_temps(path: Path) -> list[Path]:
    """Remove what stray_temps lists (never the data file, a backup or anything not
    named as this app's temp files); call under the lock. OSError if one cannot be
    removed (a read-only folder)."""
    removed = []
    for stray in stray_temps(path):
        stray.unlink(missing_ok=True)
        removed.append(stray)
    return removed


def encode(data: dict) -> bytes:
    """Compact UTF-8 JSON (readable Chinese, no escapes)."""
    return orjson.dumps(data)


def decode(raw: bytes) -> object:
    return orjson.loads(raw)


class AtomicJSONStorage(Storage):
    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._cache: dict | None = None
        self._stamp: Stamp | None = None
        self._in_unit = False
        self._dirty = False
        # counts every change of the cached data (a read of the file, a write, a
        # rollback): what is derived from the data (Store's log index) is rebuilt
        # when it moves
        self.generation = 0
        self.on_first_write = None  # called once, before the first write of a session
        # damaged records set aside: (table, key) -> what is wrong, the record as parsed,
        # and (once read from the file) its text there
        self._aside: dict[tuple[str, str], DamagedRecord] = {}
        self._aside_docs: dict[tuple[str, str], object] = {}
        self._aside_texts: dict[tuple[str, str], bytes] | None = None

    # the cache
    def _load(self) -> None:
        stamp = stamp_of(self.path)
        if stamp is None:
            self._take({}, None)
            return
        raw = self.path.read_bytes()
        self._take(decode(raw) if raw.strip() else {}, stamp)

    def _take(self, data: dict, stamp: Stamp | None) -> None:
        """Cache `data` (parsed from the file at `stamp`), its damaged records set aside."""
        self._aside, self._aside_docs, self._aside_texts = {}, {}, None
        for record in find_damaged(data):
            where = (record.table, record.key)
            self._aside[where] = record
            self._aside_docs[where] = data[record.table].pop(record.key)
        self._cache, self._stamp = data, stamp
        self.generation += 1

    def fresh(self) -> bool:
        """Whether the cached data is what the file holds now."""
        return self._cache is not None and stamp_of(self.path) == self._stamp

    def adopt(self, data: dict | None, stamp: Stamp | None) -> None:
        """Use data the caller has just read and checked (saves parsing it twice); its
        damaged records are set aside (the dict is changed in place)."""
        self._take(data if data is not None else {}, stamp)

    def forget(self) -> None:
        self._cache, self._stamp = None, None
        self.generation += 1

    def save_now(self) -> None:
        """Write the cached data now (an upgrade on open). OSError as for _commit."""
        self._commit()

    # damaged records
    def damaged(self, texts: bool = True) -> list[DamagedRecord]:
        """The records set aside when the file was last read, in file order, each with
        its text as the file holds it (as far as it can be read; "" unless `texts`)."""
        if not texts:
            return list(self._aside.values())
        texts = self._texts()
        return [
            replace(record, text=texts.get(where, b"").decode("utf-8", "replace"))
            for where, record in self._aside.items()
        ]

    def reserved_ids(self, table: str) -> list[int]:
        """Record numbers in `table` held by damaged records (not to be given again)."""
        return [int(k) for t, k in self._aside if t == table and k.isascii() and k.isdigit()]

    def _texts(self) -> dict[tuple[str, str], bytes]:
        """The damaged records' text in the file, read from it the first time (the file
        is still the one they were parsed from: the stamp says so); a record whose text
        cannot be found is encoded again from its parsed value."""
        if self._aside_texts is None:
            found: dict[tuple[str, str], bytes] = {}
            if self._aside and self._stamp is not None:
                from tui.json_spans import record_texts  # only when a record is damaged

                try:
                    data = self.path.read_bytes()
                    if stamp_of(self.path) == self._stamp:
                        found = record_texts(data, self._aside)
                except (OSError, ValueError):
                    found = {}  # encoded again below: the value is kept, if not its spacing
            for where, doc in self._aside_docs.items():
                found.setdefault(where, orjson.dumps(doc))
            self._aside_texts = found
        return self._aside_texts

    def _encoded(self) -> bytes:
        """The cache as the file's bytes, each damaged record back in its table as it was."""
        data = self._cache or {}
        if not self._aside:
            return encode(data)
        texts = self._texts()
        token = _random.token_hex(8)
        merged = dict(data)
        marks = {}
        for number, ((table, key), text) in enumerate(texts.items()):
            mark = f"\x00aside-{token}-{number}"
            table_data = merged.get(table)
            merged[table] = dict(table_data) if isinstance(table_data, dict) else {}
            merged[table][key] = mark
            marks[orjson.dumps(mark)] = text
        out = encode(merged)
        for mark, text in marks.items():
            out = out.replace(mark, text, 1)
        return out

    # TinyDB's interface
    def read(self) -> dict | None:
        if not self._in_unit and not self.fresh():
            self._load()
        return self._cache

    def write(self, data: dict) -> None:
        self._cache = data
        self.generation += 1
        if self._in_unit:
            self._dirty = True
        else:
            self._commit()

    def close(self) -> None:
        self._cache = None

    # the unit of work
    def begin(self) -> None:
        if not self.fresh():
            self._load()
        self._in_unit, self._dirty = True, False

    def end(self, commit: bool) -> None:
        self._in_unit = False
        try:
            if commit and self._dirty:
                self._commit()
            elif not commit:
                self.forget()  # changes were made in place: read the file again
        finally:
            self._dirty = False

    def _commit(self) -> None:
        """Write the cached data. If that fails (OSError: a full or read-only disk…) the
        file holds what it held, and so will the next read: the cache, changed in place,
        is dropped. A backup the first write should have taken is tried again next time."""
        try:
            if self.on_first_write is not None:
                self.on_first_write()
                self.on_first_write = None
            private_dir(self.path.parent)
            write_atomically(self.path, self._encoded())
        except BaseException:
            self.forget()
            raise
        self._stamp = stamp_of(self.path)


class RecordTable(Table):
    """A TinyDB table that never gives a new record the number of a damaged one."""

    def _get_next_id(self):
        if self._next_id is None:
            reserved = getattr(self._storage, "reserved_ids", None)
            taken = [int(k) for k in self._read_table()] + (reserved(self.name) if reserved else [])
            if taken:
                self._next_id = max(taken) + 1
        return super()._get_next_id()


class RecordDB(TinyDB):
    """TinyDB with RecordTable tables."""

    table_class = RecordTable


@dataclass(frozen=True)
class Backup:
    path: Path
    taken: datetime
    size: int


def backup_dir(db_path: Path) -> Path:
    return db_path.parent / BACKUP_DIR


def take_backup(db_path: Path, keep: int = DEFAULT_KEEP) -> Path | None:
    """Copy the data file into backups/ and keep only the newest `keep` copies."""
    if not db_path.exists() or keep <= 0:
        return None
    folder = private_dir(backup_dir(db_path))
    moment = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = folder / f"{db_path.stem}-{moment}{db_path.suffix}"
    write_atomically(target, db_path.read_bytes())
    for old in list_backups(db_path)[keep:]:
        old.path.unlink(missing_ok=True)
    return target


def list_backups(db_path: Path) -> list[Backup]:
    """Newest first."""
    folder = backup_dir(db_path)
    found = []
    for path in folder.glob(f"{db_path.stem}-*{db_path.suffix}") if folder.is_dir() else ():
        stamp = path.stem.removeprefix(f"{db_path.stem}-")
        try:
            taken = datetime.strptime(stamp, "%Y%m%dT%H%M%S%fZ").replace(tzinfo=UTC)
        except ValueError:
            continue
        found.append(Backup(path, taken, path.stat().st_size))
    return sorted(found, key=lambda b: b.taken, reverse=True)


def restore_backup(db_path: Path, backup: Path, keep: int = DEFAULT_KEEP) -> Path | None:
    """Put a backup in place; the current file (if any) is backed up first."""
    data = backup.read_bytes()  # read first: taking the new backup may prune old ones
    kept = take_backup(db_path, keep=max(keep, 1) + 1) if db_path.exists() else None
    write_atomically(db_path, data)
    return kept


def set_aside(db_path: Path) -> Path:
    """Rename a damaged file out of the way, with the date, and never delete it."""
    moment = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = db_path.with_name(f"{db_path.name}.damaged-{moment}")
    shutil.move(db_path, target)
    fsync_dir(db_path.parent)
    return target
