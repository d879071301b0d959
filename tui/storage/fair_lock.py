"""An exclusive lock on a file that processes get in the order they asked for it.

A plain lock file polled by each waiter (filelock's way) is not fair: a session that
saves again and again takes the lock back the instant it lets go, while a waiter
polling every 50 ms on a busy machine keeps missing it; one of three writers gave up
after 2.2 s while no save held the lock for more than 95 ms. The kernel's own flock
queue does not hand over either (every waiter is woken and the quickest wins).

So waiters queue, as in a CLH queue lock:

1. Under a short lock on `.<lock>.queue`, a waiter takes the next ticket N (the file
   holds the counter), creates its slot file `.<lock>.qN` and flocks it.
2. It waits until it can flock slot N-1: the waiter before it has finished (or died:
   the kernel drops a dead process's locks, so a crash never blocks the queue).
3. It then takes the lock file itself (flock), which only the head of the queue asks
   for; older cardoff-tui versions, which flock that file directly, are still kept
   out. Releasing lets go of both, and the next ticket goes on at once.

Slot files are unlinked by their successor; every 16th waiter also removes slots older
than its predecessor that nothing holds any more (left by a waiter that gave up).
Everything is 0600. No Textual here.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tui.base.private_files import FILE_MODE

POLL_FIRST = 0.001  # seconds between tries at first; doubled up to POLL_MOST
POLL_MOST = 0.02
NOTICE_AFTER = 0.5  # seconds of waiting before the waiter is told (on_wait)
CLEAR_EVERY = 16  # every 16th ticket looks for slots left behind (a listing of the folder)


class LockTimeout(TimeoutError):
    """The lock was not obtained in time; nothing is held."""


@dataclass
class Held:
    """What one holder has open: its slot and the lock file (descriptors)."""

    slot: int
    lock: int


def _open(path: Path, create: bool = True) -> int:
    flags = os.O_RDWR | os.O_CLOEXEC | (os.O_CREAT if create else 0)
    fd = os.open(path, flags, FILE_MODE)
    return fd


def _try_flock(fd: int) -> bool:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


class FairFileLock:
    """`acquire` waits its turn for the lock file `path`; `release` lets the next go."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._counter = self.path.with_name(f".{self.path.name}.queue")

    def _slot(self, ticket: int) -> Path:
        return self.path.with_name(f".{self.path.name}.q{ticket}")

    def acquire(self, timeout: float, on_wait: Callable[[], None] | None = None) -> Held:
        """Wait in line for the lock, `timeout` seconds at most (negative: as long as it
        takes). `on_wait()` is called once if the lock is not ours after NOTICE_AFTER
        seconds. Returns what `release` needs. Raises LockTimeout (nothing is held
        then) or OSError (a lock file cannot be made or opened)."""
        waiting = _Waiting(timeout, on_wait)
        ticket, slot = self._take_ticket(waiting)
        try:
            self._wait_for_predecessor(ticket, waiting)
            lock = _open(self.path)
            try:
                waiting.until(lambda: _try_flock(lock))
            except BaseException:
                os.close(lock)
                raise
        except BaseException:
            os.close(slot)  # the next in line goes on
            raise
        return Held(slot, lock)

    def release(self, held: Held) -> None:
        """Let go of the lock, then of the slot: the next ticket goes on."""
        try:
            os.close(held.lock)  # closing drops the flock
        finally:
            os.close(held.slot)

    def _take_ticket(self, waiting: _Waiting) -> tuple[int, int]:
        counter = _open(self._counter)
        try:
            waiting.until(lambda: _try_flock(counter))  # held for microseconds
            raw = os.pread(counter, 32, 0).strip()
            ticket = int(raw) if raw.isdigit() else 0
            slot = _open(self._slot(ticket))
            while not _try_flock(slot):  # held: the counter file was reset by hand
                os.close(slot)
                ticket += 1
                slot = _open(self._slot(ticket))
            os.ftruncate(counter, 0)
            os.pwrite(counter, str(ticket + 1).encode(), 0)
            if ticket % CLEAR_EVERY == 0:
                self._clear_old_slots(ticket)
            return ticket, slot
        finally:
            os.close(counter)  # and its flock

    def _clear_old_slots(self, ticket: int) -> None:
        """Unlink slots before ticket-1 that no one holds (their waiter gave up or died,
        and no successor came to unlink them); called under the counter's lock."""
        prefix = f".{self.path.name}.q"
        for entry in self.path.parent.glob(f"{prefix}*"):
            number = entry.name[len(prefix) :]
            if not number.isdigit() or int(number) >= ticket - 1:
                continue
            try:
                fd = _open(entry, create=False)
            except FileNotFoundError:
                continue
            try:
                if _try_flock(fd):
                    entry.unlink(missing_ok=True)
            finally:
                os.close(fd)

    def _wait_for_predecessor(self, ticket: int, waiting: _Waiting) -> None:
        if ticket == 0:
            return
        before = self._slot(ticket - 1)
        try:
            fd = _open(before, create=False)
        except FileNotFoundError:
            return  # already finished and cleared
        try:
            waiting.until(lambda: _try_flock(fd))
            before.unlink(missing_ok=True)
        finally:
            os.close(fd)


class _Waiting:
    """The time left to one `acquire`, and its notice."""

    def __init__(self, timeout: float, on_wait: Callable[[], None] | None) -> None:
        self.started = time.monotonic()
        self.deadline = None if timeout < 0 else self.started + timeout
        self.on_wait = on_wait

    def until(self, done: Callable[[], bool]) -> None:
        pause = POLL_FIRST
        while not done():
            now = time.monotonic()
            if self.deadline is not None and now >= self.deadline:
                raise LockTimeout(f"not obtained in {self.deadline - self.started:g} s")
            if self.on_wait is not None and now - self.started >= NOTICE_AFTER:
                tell, self.on_wait = self.on_wait, None
                tell()
            time.sleep(pause)
            pause = min(pause * 2, POLL_MOST)
