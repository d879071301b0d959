"""`make bench`: cardoff-tui measured from outside, as a user's terminal sees it, next to
baselines measured in the same run; writes benchmarks/results.json and README.md's
performance tables (report.py draws them).

    python benchmarks/run.py                 # 100, 1,000 and 10,000 cards (~10 min)
    BENCH_QUICK=1 python benchmarks/run.py   # 100 and 1,000 cards, few samples (~2 min)
    python benchmarks/run.py --tiny --out DIR --no-readme   # a smoke run of 20 cards

The installed app (.venv/bin/cardoff-tui) runs in a pty at 80x24 (pty_session.py) on
data sets built by `cardoff-tui import` (fixtures.py); scenarios.py says which keys are
pressed and what is recorded.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import fixtures  # noqa: E402
import report  # noqa: E402
from scenarios import Plan, measure_cards, measure_hotline  # noqa: E402

FULL = {100: Plan(5, 20, 6, 12, 3, 3.0), 1000: Plan(5, 20, 6, 12, 3, 3.0),
        10000: Plan(3, 10, 4, 6, 2, 3.0)}
QUICK = {100: Plan(2, 6, 2, 4, 1, 1.0), 1000: Plan(2, 6, 2, 4, 1, 1.0)}
TINY = {20: Plan(1, 2, 2, 2, 1, 0.5)}
ISSUERS = {"full": (5000, 3), "quick": (5000, 1), "tiny": (100, 1)}


def textual_version() -> str:
    from importlib.metadata import version

    return version("textual")


def run(mode: str, log) -> dict:
    plans = {"full": FULL, "quick": QUICK, "tiny": TINY}[mode]
    load_before = os.getloadavg()[0]
    began = time.monotonic()
    sets = {}
    fixtures.cache_root().mkdir(parents=True, exist_ok=True)  # on disk: /tmp may be tmpfs
    with tempfile.TemporaryDirectory(prefix="run-", dir=fixtures.cache_root()) as folder:
        for cards, plan in plans.items():
            work = Path(folder) / f"cards-{cards}"
            work.mkdir()
            sets[str(cards)] = measure_cards(cards, plan, work, log)
        issuers, rounds = ISSUERS[mode]
        work = Path(folder) / "hotline"
        work.mkdir()
        hotline = measure_hotline(issuers, min(plans), rounds, 1.0 if mode == "tiny" else 3.0,
                                  work, log)
    meta = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": f"{platform.system()} {platform.machine()}",
        "cores": os.cpu_count(),
        "load_before": round(load_before, 2),
        "load_after": round(os.getloadavg()[0], 2),
        "minutes": round((time.monotonic() - began) / 60, 1),
        "python": platform.python_version(),
        "textual": textual_version(),
        "app": fixtures.app_version(),
        "mode": mode,
    }
    return {"meta": meta, "sets": sets, "hotline": hotline}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tiny", action="store_true", help="a smoke run: 20 cards, 100 issuers")
    parser.add_argument("--out", type=Path, default=report.RESULTS, help="results file")
    parser.add_argument("--no-readme", action="store_true", help="leave README.md as it is")
    args = parser.parse_args()
    mode = "tiny" if args.tiny else "quick" if os.environ.get("BENCH_QUICK") else "full"

    def log(message: str) -> None:
        print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)

    results = run(mode, log)
    args.out.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n",
                        encoding="utf-8")
    print(report.render(results))
    if not args.no_readme:
        report.write_readme(results)
        log("README.md: performance tables written")


if __name__ == "__main__":
    main()
