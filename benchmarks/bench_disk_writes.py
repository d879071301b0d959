"""Bytes written to disk per step toggle at 100 / 1,000 / 10,000 cards, from /proc.

    .venv/bin/python benchmarks/bench_disk_writes.py

Each size runs in a child process that opens the store, toggles once (the session's
first write also takes a backup), then toggles `ROUNDS` more times through the tracker;
the parent reads the child's /proc/PID/io before and after those toggles (the child
waits on a pipe between them). `write_bytes` is what the kernel sent to the block
device for the process (page-cache writes counted when dirtied); `wchar` is what the
process passed to write(). Prints a table; asserts nothing.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZES = (100, 1_000, 10_000)
ROUNDS = 20

CHILD = """
import sys
from pathlib import Path
sys.path.insert(0, {root!r})
from benchmarks.bench_store import build
from tui.content import load_content
from tui.paths import content_dir
from tui.store import Store
from tui.tracker import Tracker

path, cards, rounds = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
library = load_content(content_dir()).playbooks
targets = build(path, cards, library)
store = Store.open(path)
tracker = Tracker(store, library)
tracker.toggle_step(*targets[0])
print("ready", flush=True)
sys.stdin.readline()
for i in range(rounds):
    tracker.toggle_step(*targets[(i * 7919 + 1) % len(targets)])
print("done", flush=True)
sys.stdin.readline()
"""


def proc_io(pid: int) -> dict[str, int]:
    lines = Path(f"/proc/{pid}/io").read_text().splitlines()
    return {key: int(value) for key, value in (line.split(": ") for line in lines)}


def measure(cards: int) -> tuple[float, float, int]:
    """(write_bytes per toggle, wchar per toggle, data file size in bytes)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "cardoff.json"
        script = CHILD.format(root=str(ROOT))
        child = subprocess.Popen(
            [sys.executable, "-c", script, str(path), str(cards), str(ROUNDS)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert child.stdout.readline().strip() == "ready"
        before = proc_io(child.pid)
        child.stdin.write("go\n")
        child.stdin.flush()
        assert child.stdout.readline().strip() == "done"
        after = proc_io(child.pid)
        child.stdin.write("end\n")
        child.stdin.flush()
        child.wait(timeout=60)
        size = path.stat().st_size
    per = {key: (after[key] - before[key]) / ROUNDS for key in ("write_bytes", "wchar")}
    return per["write_bytes"], per["wchar"], size


def main() -> None:
    print(f"bytes written per step toggle, mean of {ROUNDS} toggles · {os.cpu_count()} cores")
    print(f"{'cards':>7} {'data file':>11} {'write_bytes':>12} {'wchar':>10}")
    for cards in SIZES:
        write_bytes, wchar, size = measure(cards)
        print(f"{cards:>7} {size:>11,} {write_bytes:>12,.0f} {wchar:>10,.0f}")


if __name__ == "__main__":
    main()
