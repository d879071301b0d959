"""Files and folders only their owner can use, whatever the umask.

Everything cardoff-tui writes (the data dir, the data file and its lock, backups, the
encrypted file, exports, the content cache; crash reports too) is made here: folders
0700, files 0600. The mode is set explicitly after creation, so neither umask 000
(world-writable) nor umask 022 (world-readable) changes it. A file or folder that
already exists keeps its mode: `cardoff-tui doctor` names the ones that are wider
(see `too_open`).
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from tui.base import tokens as _random

DIR_MODE = 0o700
FILE_MODE = 0o600
OTHERS = stat.S_IRWXG | stat.S_IRWXO  # the group and other bits: 0o077


def private_dir(path: Path) -> Path:
    """Make the folder `path` and its missing parents, each new one mode 0700.

    Folders that already exist are left as they are. Returns `path`. Raises OSError
    (e.g. PermissionError, NotADirectoryError) when a folder cannot be made.
    """
    missing = []
    folder = Path(path)
    while not folder.exists() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    for folder in reversed(missing):
        try:
            os.mkdir(folder, DIR_MODE)
        except FileExistsError:
            continue  # made meanwhile by another process (or a dangling link): not ours
        os.chmod(folder, DIR_MODE)  # the umask can only take bits away; this sets them
    if not Path(path).is_dir():
        # with its errno, so that it is told as the system's own "not a folder"
        # (tui.base.os_problem); the path is the error's filename
        raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(path))
    return Path(path)


def create_private(path: Path) -> int:
    """A new file at `path`, mode 0600, opened for writing; returns its descriptor.

    Raises FileExistsError if anything is at `path` already (it is never opened).
    """
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, FILE_MODE)
    try:
        os.fchmod(fd, FILE_MODE)
    except BaseException:
        os.close(fd)
        raise
    return fd


def fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_atomically(path: Path, data: bytes) -> None:
    """Replace `path` with `data`, all or nothing: a 0600 temp file in the same folder,
    fsynced, put in place with os.replace, then the folder fsynced. The file ends up
    0600 whatever mode it had. Raises OSError; the temp file is then removed."""
    tmp = path.with_name(f".{path.name}.{_random.token_hex(4)}.tmp")
    fd = create_private(tmp)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)


def write_output(path: Path, data: bytes) -> None:
    """Write `data` to a file the user named (an export's -o): a new file is made 0600;
    an existing one (which may be a pipe or /dev/stdout) is written in place and keeps
    its mode. Raises OSError."""
    try:
        fd = create_private(path)
    except FileExistsError:
        fd = os.open(path, os.O_WRONLY | os.O_TRUNC | os.O_CLOEXEC)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)


def too_open(path: Path) -> int | None:
    """The permission bits of `path` (e.g. 0o644) if the group or others have any,
    else None. Symbolic links and missing paths give None."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return None
    if stat.S_ISLNK(st.st_mode) or not st.st_mode & OTHERS:
        return None
    return stat.S_IMODE(st.st_mode)


def private_mode(path: Path) -> int:
    """The mode cardoff-tui gives `path`: 0o700 for a folder, 0o600 for anything else."""
    return DIR_MODE if path.is_dir() else FILE_MODE
