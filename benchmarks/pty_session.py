"""One app in a pseudo-terminal at 80x24, watched from outside as a user's terminal
would see it: keys in, bytes out, and the process's CPU time, peak memory and disk
writes from /proc.

CPU time is the process's CPU clock (clock_gettime on the clock id Linux gives every
process, ((~pid) << 3) | 2): the same scheduler runtime as /proc/PID/schedstat, in
nanoseconds, summed over all of the process's threads, including worker threads that
have already ended (a sum of /proc/PID/task/*/schedstat loses those).
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import signal
import struct
import termios
import time
from dataclasses import dataclass
from pathlib import Path

import pyte

COLS, ROWS = 80, 24
IDLE = 0.05  # share of one CPU under which the app counts as idle (idle it uses ~1%)


@dataclass
class Sample:
    """What one key cost: ms from the key to the last byte of its answer, ms of the
    app's CPU from the key until the screen was quiet, bytes written to the terminal,
    ms from the key to the first byte, and how many of the screen's cells changed
    (character or colours: what any output had to send)."""

    wall: float
    cpu: float
    bytes: int
    first: float = 0.0
    cells: int = 0  # cells of the screen that read differently after the key


class PtySession:
    """`argv` running in a pty of 80x24 with `env`; `label` names it in errors."""

    def __init__(self, argv: list[str], env: dict[str, str], label: str) -> None:
        self.label = label
        self.screen = pyte.Screen(COLS, ROWS)
        self.stream = pyte.ByteStream(self.screen)
        self._unfed = bytearray()
        self.spawned = time.perf_counter()
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: size the terminal before the app asks for it
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
            try:
                os.execve(argv[0], argv, env)
            finally:
                os._exit(127)
        self._clock = ((~self.pid) << 3) | 2

    # --- what /proc says ---------------------------------------------------------
    def cpu_ns(self) -> int:
        """Nanoseconds of CPU the process has used so far, every thread included."""
        return time.clock_gettime_ns(self._clock)

    def _status(self, field: str) -> int:
        text = Path(f"/proc/{self.pid}/status").read_text()
        return int(re.search(rf"^{field}:\s+(\d+) kB", text, re.M).group(1))

    def peak_rss_kib(self) -> int:
        """VmHWM: the most resident memory the process has had, in KiB."""
        return self._status("VmHWM")

    def disk_written(self) -> int:
        """Bytes the process has caused to be sent to storage (/proc/PID/io
        write_bytes)."""
        text = Path(f"/proc/{self.pid}/io").read_text()
        return int(re.search(r"^write_bytes: (\d+)", text, re.M).group(1))

    # --- the terminal ------------------------------------------------------------
    def read_until_quiet(self, quiet: float, timeout: float, until=None) -> tuple[int, float]:
        """Read what the app writes until the screen has settled: something was written,
        `until` (when given) holds for the screen's text, and then for `quiet` seconds
        nothing was written and the app was idle (under IDLE of a CPU, its main thread
        not running: at 10,000 cards it can compute for over a second without drawing).
        Returns (bytes, perf_counter of the last byte); `self.first_byte` is the
        perf_counter of the first. Raises TimeoutError after `timeout` s."""
        total, last = 0, 0.0
        self.first_byte = 0.0
        deadline = time.perf_counter() + timeout
        mark, cpu_mark = time.perf_counter(), self.cpu_ns()  # the quiet window's start
        while True:
            now = time.perf_counter()
            if now > deadline:
                raise TimeoutError(f"{self.label}: the screen did not settle within {timeout} s"
                                   f"; it shows:\n{self.text()}")
            ready, _, _ = select.select([self.fd], [], [], 0.02)
            if ready:
                try:
                    chunk = os.read(self.fd, 1 << 16)
                except OSError:  # the app exited
                    return total, last
                if not chunk:
                    return total, last
                total += len(chunk)
                last = time.perf_counter()
                self.first_byte = self.first_byte or last
                self._unfed += chunk
                mark, cpu_mark = last, self.cpu_ns()
                continue
            if not total or now - mark < quiet:
                continue
            cpu = self.cpu_ns()
            if (cpu - cpu_mark) / 1e9 > IDLE * (now - mark) or self._running():
                mark, cpu_mark = now, cpu  # still working: a new window
                continue
            if until is None or until(self.text()):
                return total, last
            mark, cpu_mark = now, cpu

    def _running(self) -> bool:
        """Whether the main thread is running or waiting for a CPU (state R)."""
        try:
            stat = Path(f"/proc/{self.pid}/stat").read_text()
        except OSError:
            return False
        return stat[stat.rindex(")") + 2] == "R"

    def text(self) -> str:
        """The screen as text, rows joined by newlines."""
        if self._unfed:
            self.stream.feed(bytes(self._unfed))
            self._unfed.clear()
        return "\n".join(self.screen.display)

    def started(self, quiet: float, timeout: float, until) -> Sample:
        """Wait for the first complete screen (`until` holds and the app is quiet):
        wall ms from the spawn to its last byte, CPU ms since the spawn."""
        count, last = self.read_until_quiet(quiet, timeout, until)
        return Sample((last - self.spawned) * 1000, self.cpu_ns() / 1e6, count)

    def press(self, key: bytes, quiet: float = 0.3, timeout: float = 60.0, until=None) -> Sample:
        """Send `key` and wait for its answer: the screen's text changed (or `until`,
        when given, holds for it), then `quiet` seconds of silence. A blinking cursor
        alone changes no text, so its bytes never pass for the answer of a key the app
        is still working on. What the app drew before the key (while another app was
        measured) is not counted."""
        self.drain()
        if until is None:
            before = self.text()
            until = before.__ne__
        cells_before = self.cells()
        cpu_before = self.cpu_ns()
        sent = time.perf_counter()
        os.write(self.fd, key)
        count, last = self.read_until_quiet(quiet, timeout, until)
        cpu = (self.cpu_ns() - cpu_before) / 1e6
        changed = sum(a != b for a, b in zip(cells_before, self.cells(), strict=True))
        return Sample((last - sent) * 1000, cpu, count, (self.first_byte - sent) * 1000,
                      changed)

    def cells(self) -> list[tuple]:
        """Every cell of the screen as (character, colours, attributes), row by row."""
        self.text()  # fed
        return [(c.data, c.fg, c.bg, c.bold, c.italics, c.underscore, c.reverse)
                for row in range(ROWS) for c in (self.screen.buffer[row][x]
                                                 for x in range(COLS))]

    def drain(self) -> int:
        """Read what is waiting without waiting for more; returns its length."""
        total = 0
        while select.select([self.fd], [], [], 0)[0]:
            try:
                chunk = os.read(self.fd, 1 << 16)
            except OSError:
                break
            if not chunk:
                break
            total += len(chunk)
            self._unfed += chunk
        return total

    def idle(self, seconds: float) -> tuple[float, float]:
        """(bytes, ms of CPU) a second while the app is left alone for `seconds`."""
        before = self.cpu_ns()
        count = self.idle_bytes(seconds)
        return count / seconds, (self.cpu_ns() - before) / 1e6 / seconds

    def idle_bytes(self, seconds: float) -> int:
        """Bytes the app writes in `seconds` with no key pressed."""
        total, end = 0, time.perf_counter() + seconds
        while (left := end - time.perf_counter()) > 0:
            ready, _, _ = select.select([self.fd], [], [], left)
            if ready:
                try:
                    chunk = os.read(self.fd, 1 << 16)
                except OSError:
                    break
                total += len(chunk)
                self._unfed += chunk
        return total

    def close(self, key: bytes = b"\x11", timeout: float = 20.0) -> None:
        """Quit with `key` (ctrl+q); kill the app if it is still there after `timeout`."""
        try:
            os.write(self.fd, key)
        except OSError:
            pass
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                select.select([self.fd], [], [], 0.05)
                os.read(self.fd, 1 << 16)
            except OSError:
                pass
            done, _ = os.waitpid(self.pid, os.WNOHANG)
            if done:
                break
        else:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        os.close(self.fd)
