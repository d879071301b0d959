"""Benchmark: the hotline screen (`h`) over a directory of 5,000 issuers, measured from
outside: the installed app in a pty at 80x24, the issuers added through the user's
config dir (`issuers/*.yaml`), as a user would add their own.

For each key, the app process's CPU time from /proc/PID/schedstat (summed over its
threads; steadier than wall time on a busy machine) and the wall time from the key
to the last byte of the screen's answer, until the screen has been quiet for 0.3 s:
- opening the screen (`h`, empty query: the first issuers listed);
- each character typed into the search (several queries, one key at a time);
- bytes on the wire in 2 idle seconds with the screen open (target 0).
Targets: open <= 50 ms, <= 16 ms of CPU per character. Prints medians with min-max,
and the machine's load.

Usage: python benchmarks/bench_hotline_screen.py [--quick] [ISSUERS]   (default: 5000)
--quick: one run of cardoff-tui alone, no baseline.
"""

from __future__ import annotations

import fcntl
import os
import platform
import pty
import random
import select
import statistics
import struct
import sys
import tempfile
import termios
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_move import cpu_ns  # noqa: E402
from bench_terminal import ENV  # noqa: E402

ROUNDS = 5  # the screen opened, typed into and closed this many times
QUERIES = ["credit union", "metro 42", "工商银行", "moblie", "9"]  # one per round
WORDS = "bank credit union metro transit mobile telecom card savings trust city national".split()
HAN = "工商建设农业交通招商银行邮政储蓄移动联通电信地铁公交一卡通城市"


def issuers_yaml(first: int, count: int, seed: int = 7) -> str:
    """Issuers `first` to `first + count - 1` in mainland China (names in both
    scripts, two aliases, an area, two numbers with their source), as a user's
    `issuers/*.yaml` file."""
    rng = random.Random(seed + first)
    lines = ["issuers:"]
    for i in range(first, first + count):
        en = " ".join(rng.choice(WORDS).title() for _ in range(3)) + f" {i}"
        zh = "".join(rng.choice(HAN) for _ in range(5))
        site = f"https://www.issuer{i}.example.com"
        lines += [
            f"- id: issuer-{i}",
            f"  name: {{en: '{en}', zh-CN: '{zh}'}}",
            f"  aliases: ['{zh[:2]}{i}', 'ISS{i}']",
            "  region: CN",
            "  kinds: [bank]",
            f"  website: {site}",
            f"  area: {{en: 'City {i % 97}', zh-CN: '城市{i % 97}'}}",
            "  hotlines:",
        ]
        for purpose, number in (("report-lost", 60000000 + i), ("customer-service", 85000000 + i)):
            lines += [
                f"  - number: '+86 10 {number}'",
                f"    purpose: {purpose}",
                "    reachable: any-phone",
                f"    source: {site}/contact",
                "    source_kind: issuer",
                "    checked: '2026-11-01'",
            ]
    return "\n".join(lines) + "\n"


def write_issuers(folder: Path, count: int, per_file: int = 500) -> None:
    """`count` generated issuers in files of `per_file` (a file is at most 1 MB)."""
    for first in range(0, count, per_file):
        text = issuers_yaml(first, min(per_file, count - first))
        (folder / f"bench-{first // per_file:03}.yaml").write_text(text, encoding="utf-8")


def answer(fd: int, seconds: float = 20, quiet: float = 0.3) -> tuple[int, float]:
    """(bytes read, seconds from now to the last byte) until `quiet` seconds pass
    silent after something was read (or `seconds` in all)."""
    began = time.monotonic()
    total, last = 0, began
    while time.monotonic() - began < seconds:
        ready, _, _ = select.select([fd], [], [], 0.02)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            total += len(chunk)
            last = time.monotonic()
        elif total and time.monotonic() - last > quiet:
            break
    return total, last - began


def timed_key(fd: int, pid: int, key: bytes) -> tuple[float, float, int]:
    """(CPU ms, ms to the last byte, bytes) of one key."""
    before = cpu_ns(pid)
    os.write(fd, key)
    size, wall = answer(fd)
    return (cpu_ns(pid) - before) / 1e6, wall * 1000, size


def drive(argv: list[str], env: dict[str, str]) -> dict[str, list]:
    """Start `argv` in a pty at 80x24; open the hotline screen, type a query, wait,
    close it, ROUNDS times. {"open"|"char": [(CPU ms, ms, bytes)], "idle": [bytes]}."""
    pid, fd = pty.fork()
    if pid == 0:
        os.environ.clear()
        os.environ.update(env)
        os.execv(argv[0], argv)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    answer(fd, 120, quiet=2.0)  # start-up (the issuers read and checked) and first frame
    found: dict[str, list] = {"open": [], "char": [], "idle": []}
    for round_ in range(ROUNDS):
        found["open"].append(timed_key(fd, pid, b"h"))
        for char in QUERIES[round_ % len(QUERIES)]:
            found["char"].append(timed_key(fd, pid, char.encode()))
        found["idle"].append(answer(fd, 2.0, quiet=99)[0])  # nothing pressed
        os.write(fd, b"\x1b")  # Escape: closed
        answer(fd, 5, quiet=0.5)
    os.write(fd, b"q")
    answer(fd, 5, quiet=0.5)
    os.waitpid(pid, 0)
    return found


def run(count: int, repeats: int, bare: bool = True) -> dict[str, dict[str, list]]:
    """Both apps over the same `count` issuers, alternated `repeats` times (a drift in
    the machine's speed hits both)."""
    with tempfile.TemporaryDirectory() as folder:
        config, data = Path(folder) / "config", Path(folder) / "data"
        (config / "issuers").mkdir(parents=True)
        data.mkdir()
        write_issuers(config / "issuers", count)
        env = {k: v for k, v in ENV.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env |= {"PYTHONPYCACHEPREFIX": str(Path(folder) / "pycache"), "ESCDELAY": "25"}
        apps = {
            "cardoff-tui": [
                sys.executable,
                "-m",
                "tui",
                "--no-mouse",
                "--data-dir",
                str(data),
                "--config-dir",
                str(config),
            ],
            "bare Textual": [
                sys.executable,
                str(ROOT / "benchmarks" / "bare_hotline_app.py"),
                str(config / "issuers"),
            ],
        }
        if not bare:
            del apps["bare Textual"]
        found: dict[str, dict[str, list]] = {name: {} for name in apps}
        for _ in range(repeats):
            for name, argv in apps.items():
                for what, values in drive(argv, env).items():
                    found[name].setdefault(what, []).extend(values)
    return found


def spread(values: list[float]) -> str:
    return f"{statistics.median(values):.1f} ({min(values):.1f}-{max(values):.1f})"


def main() -> None:
    count = next((int(a) for a in sys.argv[1:] if a.isdigit()), 5000)
    print(
        f"hotline screen, {count:,} issuers, 80x24 pty · {platform.machine()} · "
        f"{os.cpu_count()} cores · load {os.getloadavg()[0]:.1f} · "
        f"Python {platform.python_version()}"
    )
    quick = "--quick" in sys.argv[1:]  # once, without the bare app
    found = run(count, repeats=1 if quick else 2, bare=not quick)
    print(f"{'':<34} {'CPU ms median (min-max)':<25} {'to last byte ms':<22} bytes")
    for name, results in found.items():
        for what, label, target in (("open", "open (h)", 50), ("char", "per character", 16)):
            cpu = [c for c, _, _ in results[what]]
            wall = [w for _, w, _ in results[what]]
            size = statistics.median(b for _, _, b in results[what])
            met = "met" if statistics.median(cpu) <= target else "MISSED"
            aim = f"target <= {target} ms: {met}" if name == "cardoff-tui" else ""
            print(
                f"{name + ' ' + label:<34} {spread(cpu):<25} {spread(wall):<22} {size:<6.0f} {aim}"
            )
        idle = max(results["idle"])
        aim = f"target 0: {'met' if idle == 0 else 'MISSED'}" if name == "cardoff-tui" else ""
        rounds = len(results["idle"])
        print(f"{name + ' idle bytes in 2 s':<34} {idle} at most over {rounds} rounds  {aim}")
    print(f"load after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
