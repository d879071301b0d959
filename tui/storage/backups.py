"""Backups of the data file, and the temp files a killed write leaves beside it.

A backup is one whole data file (the base with its journal's changes applied), so
`restore`, `doctor` and anyone reading it by hand see the whole state. When the
journal holds no change, the base alone is that state, and the backup is a second
name (a hard link) of the base's file: nothing is written. That is safe because this
app never writes into the base: it replaces it whole (write_atomically), after which
the backup is the only name of the old file. No Textual, no Rich.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from tui.base.paths import followed
from tui.base.private_files import OTHERS, fsync_dir, private_dir, write_atomically
from tui.storage.journal import fingerprint, journal_path, read_journal, read_state
from tui.storage.journal_files import retire_journal

BACKUP_DIR = "backups"
DEFAULT_KEEP = 5

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


def whole_bytes(db_path: Path) -> bytes | None:
    """The data file's whole state as one file's bytes: the base as it is when its
    journal holds no change, else the base with the journal's changes applied, each
    damaged record as its text was (None when there is no data file). A base that is
    not JSON is given as it is. OSError when a file cannot be read."""
    try:
        base = db_path.read_bytes()
    except FileNotFoundError:
        return None
    if not journal_path(db_path).exists():
        return base
    from tui.storage.json_storage import AtomicJSONStorage  # storage.py imports this module

    try:
        data, state = read_state(db_path)
    except ValueError:  # not JSON: nothing to apply the journal to
        return base
    tables = isinstance(data, dict) and all(isinstance(t, dict) for t in data.values())
    if not tables or not state.replay.changes:
        return db_path.read_bytes()  # not a data file, or the journal adds nothing
    storage = AtomicJSONStorage(db_path)
    storage.adopt(data, state)
    return storage._encoded()


@dataclass(frozen=True)
class Backup:
    path: Path
    taken: datetime
    size: int


def backup_dir(db_path: Path) -> Path:
    """backups/ beside the data file (beside the file a symbolic link leads to)."""
    return followed(db_path).parent / BACKUP_DIR


def take_backup(db_path: Path, keep: int = DEFAULT_KEEP) -> Path | None:
    """Keep the data file's whole state (whole_bytes) in backups/ and keep only the
    newest `keep` backups. Returns the backup (None when there is nothing to keep or
    `keep` is 0). OSError when it cannot be written.

    With no journal beside the base (after a clean quit, or a base just written
    whole), the backup is a hard link to the base (_link_base): a few bytes of folder
    entry instead of a copy of the whole file. Otherwise, or where a link cannot be
    made (another file system, no hard links, a base others can read, a base that is a
    symbolic link), the state is written as a new file, 0600."""
    if not db_path.exists() or keep <= 0:
        return None
    folder = private_dir(backup_dir(db_path))
    moment = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = folder / f"{db_path.stem}-{moment}{db_path.suffix}"
    if not _link_base(db_path, target):
        data = whole_bytes(db_path)
        if data is None:
            return None
        write_atomically(target, data)
    for old in list_backups(db_path)[keep:]:
        old.path.unlink(missing_ok=True)
    return target


def _link_base(db_path: Path, target: Path) -> bool:
    """Make `target` a hard link to the base when the base alone is the whole state (no
    journal beside it) and a backup's mode would allow it (a regular file of ours, not
    a symbolic link, that neither the group nor others can open); the folder is then
    fsynced. False when no link was made (then nothing was). OSError when the folder
    cannot be fsynced."""
    if journal_path(db_path).exists():
        return False
    try:
        st = os.lstat(db_path)  # a data file that is a symbolic link is copied
        if not stat.S_ISREG(st.st_mode) or st.st_mode & OTHERS or st.st_uid != os.geteuid():
            return False
        os.link(db_path, target, follow_symlinks=False)
    except OSError:
        return False  # EXDEV, EPERM, EMLINK, ENOTSUP…: a copy is written instead
    fsync_dir(target.parent)
    return True


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
    """Put a backup in place; the current state (if any) is backed up first. The
    journal is emptied after the backup is in place; one with changes that were not
    applied (damaged, or of another base) is kept aside (journal_files.py). Returns
    the backup of the current state. OSError when a file cannot be written."""
    data = backup.read_bytes()  # read first: taking the new backup may prune old ones
    kept = take_backup(db_path, keep=max(keep, 1) + 1) if db_path.exists() else None
    problem = _journal_problem(db_path)
    write_atomically(db_path, data)
    retire_journal(db_path, problem)
    return kept


def _journal_problem(db_path: Path) -> str | None:
    """What is wrong with the data file's journal as it stands (journal.Replay.problem;
    "other_base" whether or not the base holds its changes)."""
    try:
        raw = journal_path(db_path).read_bytes()
    except FileNotFoundError:
        return None
    try:
        base = db_path.read_bytes()
    except FileNotFoundError:
        base = b""
    return read_journal(raw, fingerprint(base)).problem


def set_aside(db_path: Path) -> Path:
    """Rename a damaged file out of the way, with the date, and never delete it; its
    journal, if any, goes with it (`<journal>.damaged-<time>`)."""
    moment = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = db_path.with_name(f"{db_path.name}.damaged-{moment}")
    shutil.move(db_path, target)
    fsync_dir(db_path.parent)
    retire_journal(db_path, "damaged")
    return target
