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
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import orjson
from tinydb.storages import Storage

from tui.private_files import fsync_dir, private_dir, write_atomically

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


def stray_temps(path: Path) -> list[Path]:
    """Temp files next to the data file: a crash's leftovers, or another process's
    write in progress (only under the lock are they surely leftovers)."""
    return list(path.parent.glob(f".{path.name}.*.tmp"))


def remove_stray_temps(path: Path) -> list[Path]:
    """Temp files a crash left behind (never the data file itself); call under the lock."""
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
        self.on_first_write = None  # called once, before the first write of a session

    # the cache
    def _load(self) -> None:
        stamp = stamp_of(self.path)
        if stamp is None:
            self._cache, self._stamp = {}, None
            return
        raw = self.path.read_bytes()
        self._cache = decode(raw) if raw.strip() else {}
        self._stamp = stamp

    def fresh(self) -> bool:
        """Whether the cached data is what the file holds now."""
        return self._cache is not None and stamp_of(self.path) == self._stamp

    def adopt(self, data: dict | None, stamp: Stamp | None) -> None:
        """Use data the caller has just read and checked (saves parsing it twice)."""
        self._cache, self._stamp = (data if data is not None else {}), stamp

    def forget(self) -> None:
        self._cache, self._stamp = None, None

    # TinyDB's interface
    def read(self) -> dict | None:
        if not self._in_unit and not self.fresh():
            self._load()
        return self._cache

    def write(self, data: dict) -> None:
        self._cache = data
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
            write_atomically(self.path, encode(self._cache or {}))
        except BaseException:
            self.forget()
            raise
        self._stamp = stamp_of(self.path)


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
