"""Writing the journal beside the data file (journal.py says what its lines are).

- `append_at` writes a change where the usable lines end and fsyncs it: only then is
  the change saved. A new journal is made 0600 and its folder fsynced.
- `retire_journal` empties the journal once the base holds everything it held: it is
  removed, or, when some of it was not applied (damaged, or of another base), kept
  with the date in its name and never deleted.

No Textual, no Rich.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

from tui.base.private_files import create_private, fsync_dir
from tui.storage.journal import journal_path

# journal.Replay.problem -> the word in the name of a journal kept aside
KEPT_AS = {"damaged": "damaged", "other_base": "unused"}


def append_at(journal: Path, start: int, data: bytes) -> None:
    """Write `data` into `journal` at byte `start` (what follows is cut off first: a
    line cut short by a crash), then fsync. A missing journal is made (0600) and the
    folder fsynced. OSError when it cannot be written; the file is then cut back to
    `start` as far as the disk allows (a line cut short is left out when read)."""
    created = False
    try:
        fd = os.open(journal, os.O_WRONLY | os.O_CLOEXEC)
    except FileNotFoundError:
        fd, created = create_private(journal), True
    try:
        try:
            if os.fstat(fd).st_size != start:
                os.ftruncate(fd, start)
            written = 0
            while written < len(data):
                written += os.pwrite(fd, data[written:], start + written)
            os.fsync(fd)
        except BaseException:
            _cut_back(fd, start)
            raise
    finally:
        os.close(fd)
    if created:
        fsync_dir(journal.parent)


def _cut_back(fd: int, start: int) -> None:
    """Take a failed append off the journal, as far as the disk lets us."""
    try:
        os.ftruncate(fd, start)
        os.fsync(fd)
    except OSError:
        return  # the disk refuses: the cut-off line is left out when the journal is read


def retire_journal(db_path: Path, problem: str | None) -> Path | None:
    """Empty the journal of `db_path` once the base holds its state: removed, or kept
    as `<journal>.damaged-<time>` / `<journal>.unused-<time>` when `problem` says
    some of it was not applied. Returns where it was kept (None when removed or
    missing). OSError when it cannot be moved or removed."""
    journal = journal_path(db_path)
    word = KEPT_AS.get(problem or "")
    if word is None:
        try:
            journal.unlink()
        except FileNotFoundError:
            return None
        fsync_dir(journal.parent)
        return None
    moment = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = journal.with_name(f"{journal.name}.{word}-{moment}")
    try:
        os.rename(journal, target)
    except FileNotFoundError:
        return None
    fsync_dir(journal.parent)
    return target
