"""Whether a folder can really be written: a probe file is made there and removed.

A folder's mode bits do not say it: a read-only mount, a full disk or a quota refuse
writes whatever the bits, and root ignores the bits. No Textual, no Rich.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from tui.base import tokens as _random
from tui.base.private_files import create_private

PROBE_PREFIX = ".cardoff-write-probe-"


@dataclass(frozen=True)
class WriteProblem:
    """Why a folder cannot be written: `not_folder` is True when a file stands where the
    folder (or one above it) should be; `text` says it in words, with the system's own
    (e.g. "cannot be written: Read-only file system")."""

    text: str
    not_folder: bool = False


def file_in_the_way(folder: Path) -> Path | None:
    """The file standing where `folder` or the nearest existing folder above it should
    be (so `folder` cannot be a folder); None when there is none. Nothing is written."""
    target = Path(folder)
    while not target.exists() and target != target.parent:
        target = target.parent
    return None if target.is_dir() else target


def probe_folder(folder: Path) -> WriteProblem | None:
    """None when a file can be made in `folder` (or, when it does not exist yet, in the
    nearest folder above it that does); else a WriteProblem. The probe file,
    `.cardoff-write-probe-<hex>`, is removed again; nothing else is touched."""
    wanted = Path(folder)
    blocker = file_in_the_way(wanted)
    if blocker == wanted:
        return WriteProblem("is a file, not a folder", not_folder=True)
    if blocker is not None:
        return WriteProblem(f"cannot be made: {blocker} is a file", not_folder=True)
    target = wanted
    while not target.exists() and target != target.parent:
        target = target.parent
    what = "cannot be written" if target == wanted else f"cannot be made in {target}"
    probe = target / f"{PROBE_PREFIX}{_random.token_hex(4)}"
    try:
        fd = create_private(probe)
    except OSError as exc:
        return WriteProblem(f"{what}: {exc.strerror or type(exc).__name__}")
    try:
        try:
            os.write(fd, b"x")
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError as exc:
        return WriteProblem(f"{what}: {exc.strerror or type(exc).__name__}")
    finally:
        try:
            probe.unlink(missing_ok=True)
        except OSError as exc:  # made but not removable: say so rather than hide it
            return WriteProblem(f"a test file {probe} could not be removed ({exc.strerror})")
    return None
