"""Benchmark: start-up, memory, and bytes on the wire (issue 7).

- time to first frame with 200 cards, against a bare Textual app with the same
  widgets and rows, both started the same way in the same run (target <= 1.3x);
- peak RSS with 1,000 cards against the bare app (target <= 1.3x);
- bytes written to the terminal for one step toggle at 80x24 in a pty (target
  <= 2 KB) and per idle second (target 0).
"""

from __future__ import annotations

import os
import platform
import pty
import select
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_store import build  # noqa: E402

from tui.content import load_content  # noqa: E402
from tui.paths import content_dir  # noqa: E402

CHILD = ROOT / "benchmarks" / "start_child.py"
ENV = {**os.environ, "PYTHONPATH": str(ROOT), "TERM": "xterm-256color"}
ENV.pop("COLORTERM", None)
ENV.pop("DBUS_SESSION_BUS_ADDRESS", None)


def start(which: str, data: Path, env: dict[str, str] = ENV) -> tuple[float, int]:
    out = subprocess.run(
        [sys.executable, str(CHILD), which, str(data)], capture_output=True, text=True,
        env=env, timeout=120,
    )
    seconds, rss = out.stdout.split()
    return float(seconds), int(rss)


def installed_env(folder: Path) -> dict[str, str]:
    """Both apps as an install runs them: from bytecode (pip compiles an installed
    package; PYTHONDONTWRITEBYTECODE would leave a checkout's tui/ compiling from
    source on every start while Textual is compiled), with a cache folder of their own."""
    env = {k: v for k, v in ENV.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return env | {"PYTHONPYCACHEPREFIX": str(folder / "pycache"),
                  "XDG_CACHE_HOME": str(folder / "cache")}


def start_and_memory(cards: int, runs: int) -> tuple[tuple[float, float], tuple[int, int]]:
    library = load_content(content_dir()).playbooks
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "cardoff.json"
        build(data, cards, library)
        env = installed_env(Path(folder))
        for which in ("ours", "bare"):
            start(which, data, env)  # a first start of each writes its bytecode and caches
        ours, bare = [], []
        for _ in range(runs):  # alternated, so a drift in the machine's speed hits both
            ours.append(start("ours", data, env))
            bare.append(start("bare", data, env))
    times = (statistics.median(t for t, _ in ours), statistics.median(t for t, _ in bare))
    memory = (max(r for _, r in ours), max(r for _, r in bare))
    return times, memory


def read_for(fd: int, seconds: float, quiet: float | None = None) -> int:
    """Bytes read from the pty for `seconds`, or until `quiet` seconds pass silent."""
    total, deadline, last = 0, time.monotonic() + seconds, time.monotonic()
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.05)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            total += len(chunk)
            last = time.monotonic()
        elif quiet is not None and time.monotonic() - last > quiet:
            break
    return total


def wire_bytes() -> tuple[int, int]:
    library = load_content(content_dir()).playbooks
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "data"
        data.mkdir()
        build(data / "cardoff.json", 20, library)
        pid, fd = pty.fork()
        if pid == 0:
            os.environ.update(ENV)
            os.execv(sys.executable, [sys.executable, "-m", "tui", "--no-mouse",
                                      "--data-dir", str(data), "--config-dir", str(folder)])
        import fcntl
        import struct
        import termios

        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        read_for(fd, 10, quiet=1.5)  # start-up and first frame
        os.write(fd, b"\r")  # Enter: to the steps
        read_for(fd, 3, quiet=0.5)
        toggles = []
        for _ in range(5):
            os.write(fd, b" ")
            toggles.append(read_for(fd, 3, quiet=0.5))
        idle = read_for(fd, 5.0)  # nothing pressed: what repaints on its own
        os.write(fd, b"q")
        read_for(fd, 3, quiet=0.5)
        os.waitpid(pid, 0)
    return int(statistics.median(toggles)), idle


def main() -> None:
    print(f"cardoff-tui terminal benchmark · {platform.machine()} · {os.cpu_count()} cores · "
          f"Python {platform.python_version()}")
    (ours, bare), _ = start_and_memory(200, runs=9)
    ratio = ours / bare
    print(f"first frame, 200 cards: {ours * 1000:.0f} ms vs bare Textual {bare * 1000:.0f} ms"
          f" = {ratio:.2f}x (target <= 1.3x: {'met' if ratio <= 1.3 else 'MISSED'})")
    _, (rss, bare_rss) = start_and_memory(1000, runs=2)
    ratio = rss / bare_rss
    print(f"peak RSS, 1,000 cards: {rss / 1024:.0f} MiB vs bare {bare_rss / 1024:.0f} MiB"
          f" = {ratio:.2f}x (target <= 1.3x: {'met' if ratio <= 1.3 else 'MISSED'})")
    toggle, idle = wire_bytes()
    print(f"bytes per step toggle at 80x24: {toggle} (target <= 2048: "
          f"{'met' if toggle <= 2048 else 'MISSED'})")
    print(f"bytes in 5 idle seconds: {idle} (target 0: {'met' if idle == 0 else 'MISSED'})")


if __name__ == "__main__":
    main()
