"""Whether a folder can really be written: a probe file is made there and removed.

A folder's mode bits do not say it: a read-only mount, a full disk or a quota refuse
writes whatever the bits, and root ignores the bits. No Textual, no Rich.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from tui.base import tokens as _random
from tui.base.os_problem import os_problem
from tui.base.private_files import create_private

PROBE_PREFIX = ".cardoff-write-probe-"


@dataclass(frozen=True)
class WriteProblem:
    """Why a folder cannot be written: `not_folder` is True when a file stands where the
    folder (or one above it) should be; `text` says it in English, with the system's
    own words (e.g. "cannot be written: Read-only file system"); a user reads
    `words(t)`: the catalog message `key` (section `probe`) filled with `params` (an OS
    error's as tui.base.os_problem gives them)."""

    text: str
    not_folder: bool = False
    key: str = "probe.other"
    params: dict = field(default_factory=dict)

    def words(self, t) -> str:
        """Why, in the language of catalog `t`."""
        return t(self.key, **{"detail": self.text, **self.params})


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
        return WriteProblem("is a file, not a folder", True, "probe.not_folder")
    if blocker is not None:
        text = f"cannot be made: {blocker} is a file"
        return WriteProblem(text, True, "probe.blocked", {"blocker": str(blocker)})
    target = wanted
    while not target.exists() and target != target.parent:
        target = target.parent
    what = "cannot be written" if target == wanted else f"cannot be made in {target}"
    key = "probe.unwritable" if target == wanted else "probe.unmade"
    probe = target / f"{PROBE_PREFIX}{_random.token_hex(4)}"
    try:
        fd = create_private(probe)
    except FileNotFoundError as exc:
        # the folder is there, yet a new file in it is "not found": a system folder
        # (/proc, /sys) that takes no files
        text = f"{what}: it takes no new files ({exc.strerror})"
        key = "probe.no_new_files"
        return WriteProblem(text, False, key, {"folder": str(target), **os_problem(exc)})
    except OSError as exc:
        text = f"{what}: {exc.strerror or type(exc).__name__}"
        return WriteProblem(text, False, key, {"folder": str(target), **os_problem(exc)})
    try:
        try:
            os.write(fd, b"x")
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError as exc:
        text = f"{what}: {exc.strerror or type(exc).__name__}"
        return WriteProblem(text, False, key, {"folder": str(target), **os_problem(exc)})
    finally:
        try:
            probe.unlink(missing_ok=True)
        except OSError as exc:  # made but not removable: say so rather than hide it
            text = f"a test file {probe} could not be removed ({exc.strerror})"
            return WriteProblem(text, False, "probe.left", {"probe": str(probe), **os_problem(exc)})
    return None
