"""Benchmark: one step toggle, persisted, at 100 / 1,000 / 10,000 cards, against
json.dump + fsync of the same data measured in the same run.

    make bench        (or: .venv/bin/python benchmarks/bench_store.py)

Targets (issue 4): toggle <= 1.5x the raw figure, and <= 20 ms at 1,000 cards.
Prints a table; it asserts nothing (timings belong here, not in the tests).
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tui.content import load_content  # noqa: E402
from tui.model import Card, CardFields, LogEntry  # noqa: E402
from tui.paths import content_dir  # noqa: E402
from tui.storage import encode  # noqa: E402
from tui.store import DB_FILENAME, SCHEMA_VERSION, Store  # noqa: E402
from tui.tracker import Tracker  # noqa: E402

SIZES = (100, 1_000, 10_000)
START = datetime(2026, 1, 1, tzinfo=UTC)


def build(path: Path, cards: int, library) -> list[tuple[str, str]]:
    """A data file with `cards` cards, three steps checked and four log entries each."""
    playbook = library.get("bank-cancel")
    steps = [s.id for s in playbook.steps]
    titles = {s.id: dict(s.title.by_lang) for s in playbook.steps}  # as the tracker keeps them
    data = {
        "cards": {},
        "progress": {},
        "log": {},
        "meta": {"1": {"schema_version": SCHEMA_VERSION}},
    }
    log_id = 1
    for i in range(cards):
        card = Card.create(
            CardFields(f"Card {i}", "bank", "cancel", "Some Bank", "CN"),
            START + timedelta(seconds=i),
            card_id=f"c{i:06d}",
        )
        data["cards"][str(i + 1)] = card.to_doc()
        marks = {s: {"at": START.isoformat(), "title": titles[s]} for s in steps[:3]}
        data["progress"][str(i + 1)] = {"card_id": card.id, "steps": marks}
        events = [("card.added", {"kind": "bank", "intent": "cancel"})] + [
            ("step.checked", {"step": s, "title": titles[s]}) for s in steps[:3]
        ]
        for event, params in events:
            entry = LogEntry(START, card.id, card.label, event, params=params)
            data["log"][str(log_id)] = entry.to_doc()
            log_id += 1
    path.write_bytes(encode(data))
    return [(f"c{i:06d}", steps[5]) for i in range(cards)]


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def bench_toggle(path: Path, targets, library, rounds: int) -> float:
    store = Store.open(path)
    tracker = Tracker(store, library)
    tracker.toggle_step(*targets[0])  # the session's first write also takes a backup
    samples = []
    for i in range(rounds):
        card_id, step = targets[(i * 7919) % len(targets)]
        began = time.perf_counter()
        tracker.toggle_step(card_id, step)
        samples.append(time.perf_counter() - began)
    store.close()
    return median_ms(samples)


def bench_raw(path: Path, rounds: int) -> float:
    data = json.loads(path.read_bytes())
    target = path.with_name("raw.json")
    samples = []
    for _ in range(rounds):
        began = time.perf_counter()
        with open(target, "w", encoding="utf-8") as handle:
            json.dump(data, handle, ensure_ascii=False)
            handle.flush()
            os.fsync(handle.fileno())
        samples.append(time.perf_counter() - began)
    return median_ms(samples)


def main() -> None:
    library = load_content(content_dir()).playbooks
    print(
        f"cardoff-tui store benchmark · {platform.node()} · {platform.machine()} · "
        f"{os.cpu_count()} cores · Python {platform.python_version()}"
    )
    print(f"{'cards':>7} {'file':>9} {'toggle ms':>10} {'raw ms':>8} {'ratio':>6}  target")
    for cards in SIZES:
        rounds = 40 if cards < 10_000 else 15
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / DB_FILENAME
            targets = build(path, cards, library)
            size = path.stat().st_size
            raw = bench_raw(path, rounds)
            toggle = bench_toggle(path, targets, library, rounds)
        ratio = toggle / raw
        target = "<= 1.5x" + (" and <= 20 ms" if cards == 1_000 else "")
        met = ratio <= 1.5 and (cards != 1_000 or toggle <= 20)
        print(
            f"{cards:>7} {size / 1024:>7.0f}Ki {toggle:>10.2f} {raw:>8.2f} {ratio:>5.2f}x  "
            f"{target}: {'met' if met else 'MISSED'}"
        )


if __name__ == "__main__":
    main()
