"""The store with several processes (sessions) writing one file at once: no update is
lost, and no writer gives up waiting for the lock or is starved by another."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tui.records.card_fields import CardFields
from tui.records.model import Card, LogEntry
from tui.storage.store import DB_FILENAME, Store

ROOT = Path(__file__).resolve().parent.parent
WORKER = ROOT / "tests" / "helpers" / "store_worker.py"
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
NOW = datetime(2026, 1, 1, tzinfo=UTC)


@pytest.mark.slow
def test_three_processes_lose_no_update(tmp_path):
    """Three processes × 120 transactions on one file: every update is there. Each worker
    waits as long as it takes for the lock (a hang is caught by the timeout below), so a
    busy machine slows the test down but cannot fail it."""
    path = tmp_path / DB_FILENAME
    store = Store.open(path)
    for name in ("a", "b", "c"):
        store.save_card(Card.create(CardFields(name, "bank", "cancel"), NOW, card_id=f"own-{name}"))
    store.save_card(Card.create(CardFields("shared", "bank", "cancel"), NOW, card_id="shared"))
    store.close()
    workers = [
        subprocess.Popen(
            [sys.executable, str(WORKER), "update", str(path), name, "120"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=ENV,
            text=True,
        )
        for name in ("a", "b", "c")
    ]
    for worker in workers:
        out, err = worker.communicate(timeout=900)  # only a hang
        assert worker.returncode == 0 and "done" in out, err
    store = Store.open(path)
    for name in ("a", "b", "c"):
        assert store.card(f"own-{name}").notes == "120"  # separate cards: every bump
    assert len(store.progress("shared")) == 360  # the same card: every key
    assert len(store.log()) == 360


# a writer with the store's default lock timeout, as the app and the commands have;
# prints "done" and the longest wait for the lock, or dies on StoreBusy
DEFAULT_TIMEOUT_WRITER = """
import sys, time
from datetime import UTC, datetime
from pathlib import Path
from tui.records.model import Card, LogEntry
from tui.records.card_fields import CardFields
from tui.storage.store import Store

path, name, rounds = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
now = datetime(2026, 1, 1, tzinfo=UTC)
store = Store.open(path)
longest = 0.0
for i in range(rounds):
    asked = time.monotonic()
    with store.transaction():
        longest = max(longest, time.monotonic() - asked)
        mine = store.card(f"own-{name}")
        notes = str(int(mine.notes or "0") + 1)
        fields = CardFields(mine.label, "bank", "cancel", notes=notes)
        store.save_card(Card.create(fields, now, card_id=mine.id))
        shared = store.progress("shared")
        shared[f"{name}-{i}"] = {"at": now.isoformat(), "title": {"en": name}}
        store.set_progress("shared", shared)
        store.append_log(LogEntry(now, mine.id, mine.label, "test.update", params={"i": i}))
print("done", f"{longest:.3f}", flush=True)
"""


@pytest.mark.slow
def test_three_writers_on_a_busy_machine_none_gives_up(tmp_path):
    """Three writers saving back to back while two busy loops take the CPUs: with the
    default lock timeout none gives up (StoreBusy), because each waits its turn (a
    writer that saves again at once queues behind the others)."""
    path = tmp_path / DB_FILENAME
    store = Store.open(path)
    for name in ("a", "b", "c"):
        store.save_card(Card.create(CardFields(name, "bank", "cancel"), NOW, card_id=f"own-{name}"))
    store.save_card(Card.create(CardFields("shared", "bank", "cancel"), NOW, card_id="shared"))
    with store.transaction():  # a file of a user with a long history: each save takes longer
        for i in range(3000):
            store.append_log(LogEntry(NOW, "shared", "shared", "test.history", params={"i": i}))
    store.close()
    busy = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(2)]
    try:
        writers = [
            subprocess.Popen(
                [sys.executable, "-c", DEFAULT_TIMEOUT_WRITER, str(path), name, "60"],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                env=ENV,
                text=True,
            )
            for name in ("a", "b", "c")
        ]
        results = [writer.communicate(timeout=900) for writer in writers]  # only a hang
    finally:
        for loop in busy:
            loop.kill()
            loop.wait()
    for writer, (out, err) in zip(writers, results, strict=True):
        assert writer.returncode == 0 and out.startswith("done"), err[-2000:]
    print("longest waits for the lock (s):", [out.split()[1] for out, _ in results])
    store = Store.open(path)
    assert len(store.progress("shared")) == 180 and len(store.log()) == 3180


def test_a_writer_saving_back_to_back_does_not_starve_another(tmp_path):
    """What starved a writer: another session takes the lock back the instant it lets
    go. The other writer, with the default timeout, still gets every turn it asks for
    (it queues, and the greedy one queues behind it), never StoreBusy."""
    path = tmp_path / DB_FILENAME
    greedy, patient = Store.open(path), Store.open(path)  # two sessions' stores
    stop = threading.Event()

    def save_again_and_again() -> None:
        while not stop.is_set():
            with greedy.transaction():
                time.sleep(0.01)  # the work of a 10 ms save (not a wait), then the next one

    hog = threading.Thread(target=save_again_and_again)
    hog.start()
    try:
        for i in range(20):
            patient.save_card(Card.create(CardFields(f"p{i}", "bank", "cancel"), NOW))
    finally:
        stop.set()
        hog.join()
    assert len(Store.open(path).cards()) == 20
