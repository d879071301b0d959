"""Benchmark: the app's CPU time for one cursor move (`j`) in the card list, and for
one step toggle (space in the steps, `--toggle`), measured from outside: the
installed app in a pty at 80x24, on data files of 1,000 and 10,000 cards (four log
entries each). For each key: the app process's CPU time from /proc/PID/schedstat
(steadier than wall time on a busy machine), from the key until the screen has been
quiet for 0.3 s. Prints the median with min-max, and the load.

Usage: python benchmarks/bench_move.py [--toggle] [CARDS ...]   (default: 1000 10000)
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
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_store import build  # noqa: E402
from bench_terminal import ENV, read_for  # noqa: E402

from tui.content import load_content  # noqa: E402
from tui.paths import content_dir  # noqa: E402

KEYS = 30  # moves measured per data set


def cpu_ns(pid: int) -> int:
    """Nanoseconds the process's threads have run on a CPU (first field of schedstat,
    summed over its tasks)."""
    total = 0
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            total += int((task / "schedstat").read_text().split()[0])
        except (OSError, ValueError, IndexError):
            continue  # a thread that ended meanwhile
    return total


def moves(cards: int, toggle: bool = False) -> list[float]:
    """CPU milliseconds of each of KEYS cursor moves (or step toggles), on a file of
    `cards` cards."""
    library = load_content(content_dir()).playbooks
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "data"
        data.mkdir()
        build(data / "cardoff.json", cards, library)
        pid, fd = pty.fork()
        if pid == 0:
            os.environ.update(ENV)
            os.execv(sys.executable, [sys.executable, "-m", "tui", "--no-mouse",
                                      "--data-dir", str(data), "--config-dir", folder])
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        read_for(fd, 60, quiet=2.0)  # start-up and the first frame
        key = b" " if toggle else b"j"
        if toggle:
            os.write(fd, b"\r")  # Enter: to the steps
            read_for(fd, 10, quiet=0.5)
        spent = []
        for _ in range(KEYS):
            before = cpu_ns(pid)
            os.write(fd, key)
            read_for(fd, 10, quiet=0.3)
            spent.append((cpu_ns(pid) - before) / 1e6)
        os.write(fd, b"q")
        read_for(fd, 5, quiet=0.5)
        os.waitpid(pid, 0)
    return spent


def main() -> None:
    toggle = "--toggle" in sys.argv[1:]
    sizes = [int(arg) for arg in sys.argv[1:] if arg.isdigit()] or [1000, 10000]
    load = os.getloadavg()[0]
    what = "step toggle (space)" if toggle else "cursor move (j)"
    print(f"{what} · {platform.machine()} · {os.cpu_count()} cores · "
          f"load {load:.1f} · Python {platform.python_version()}")
    for cards in sizes:
        spent = moves(cards, toggle)
        print(f"{cards:>6} cards: CPU per key median {statistics.median(spent):.1f} ms "
              f"(min {min(spent):.1f}, max {max(spent):.1f}; {len(spent)} keys; "
              f"includes 0.3 s of idle after each key)")


if __name__ == "__main__":
    main()
