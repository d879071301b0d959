"""Benchmark: how quickly Escape answers (issue 7), in a pty at 80x24.

A lone Escape byte could be the start of a longer key sequence (an arrow key is
ESC [ A), so Textual waits ESCDELAY milliseconds (default 100) for more bytes before
deciding it was Escape. Measured: the time from sending a key that closes the help
screen to the first byte of the redraw, for Escape and, as the baseline in the same
run, for `q`, which closes it too and needs no wait.

Measured here: Escape answers about 100 ms after `q`, with ESCDELAY=25 as with the
default. Textual's input thread looks at the parser's timeout only when its
select() wakes, every 100 ms, so ESCDELAY can make the wait longer but not shorter.
"""

from __future__ import annotations

import fcntl
import os
import platform
import pty
import statistics
import struct
import sys
import tempfile
import termios
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_terminal import ENV, read_for  # noqa: E402


def first_byte_after(fd: int, key: bytes, timeout: float = 5.0) -> float:
    import select

    sent = time.perf_counter()
    os.write(fd, key)
    ready, _, _ = select.select([fd], [], [], timeout)
    if not ready:
        raise RuntimeError(f"no redraw within {timeout} s of {key!r}")
    return time.perf_counter() - sent


def close_times(rounds: int, escdelay: str | None = None) -> tuple[float, float]:
    """Median seconds to the first redraw byte: (Escape, q), each closing the help."""
    env = dict(ENV)
    if escdelay is not None:
        env["ESCDELAY"] = escdelay
    with tempfile.TemporaryDirectory() as folder:
        pid, fd = pty.fork()
        if pid == 0:
            os.environ.clear()
            os.environ.update(env)
            os.execv(sys.executable, [sys.executable, "-m", "tui", "--no-mouse", "--data-dir",
                                      folder, "--config-dir", folder])
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        read_for(fd, 10, quiet=1.5)
        escape, plain = [], []
        for _ in range(rounds):
            for key, times in ((b"\x1b", escape), (b"q", plain)):
                os.write(fd, b"?")
                read_for(fd, 3, quiet=0.4)
                times.append(first_byte_after(fd, key))
                read_for(fd, 3, quiet=0.4)
        os.write(fd, b"q")
        read_for(fd, 3, quiet=0.5)
        os.waitpid(pid, 0)
    return statistics.median(escape), statistics.median(plain)


def main() -> None:
    print(f"cardoff-tui key benchmark · {platform.machine()} · {os.cpu_count()} cores · "
          f"Python {platform.python_version()}")
    for escdelay in (None, "25"):
        escape, plain = close_times(rounds=7, escdelay=escdelay)
        name = "default ESCDELAY (100 ms)" if escdelay is None else f"ESCDELAY={escdelay}"
        print(f"close help, {name}: Escape {escape * 1000:.0f} ms vs q {plain * 1000:.0f} ms"
              f" (Escape waits {max(0.0, escape - plain) * 1000:.0f} ms more)")


if __name__ == "__main__":
    main()
