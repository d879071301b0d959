"""A child process for the crash and concurrency tests: writes through the real Store.

store_worker.py append PATH            add cards n0, n1, ... forever, printing each count
store_worker.py update PATH NAME N     N transactions: bump our own card's counter and
                                       add a key to the shared card's progress
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path

from tui.records.model import Card, CardFields, LogEntry
from tui.storage.store import Store

NOW = datetime(2026, 1, 1, tzinfo=UTC)


def append(path: Path) -> None:
    store = Store.open(path)
    count = len(store.cards())
    print("ready", count, flush=True)
    while True:
        card = Card.create(CardFields(f"n{count}", "bank", "cancel"), NOW, card_id=f"c{count}")
        store.save_card(card)
        count += 1
        print(count, flush=True)


def update(path: Path, name: str, rounds: int) -> None:
    # wait for the lock as long as it takes: this checks that no update is lost, not how
    # long a busy machine makes writers wait (the test's own timeout catches a hang)
    store = Store.open(path, lock_timeout=-1)
    for i in range(rounds):
        with store.transaction():
            mine = store.card(f"own-{name}")
            notes = str(int(mine.notes or "0") + 1)
            store.save_card(
                Card.create(
                    CardFields(mine.label, "bank", "cancel", notes=notes), NOW, card_id=mine.id
                )
            )
            shared = store.progress("shared")
            shared[f"{name}-{i}"] = {"at": NOW.isoformat(), "title": {"en": name}}
            store.set_progress("shared", shared)
            store.append_log(LogEntry(NOW, mine.id, mine.label, "test.update", params={"i": i}))
    print("done", flush=True)


if __name__ == "__main__":
    command, path = sys.argv[1], Path(sys.argv[2])
    if command == "append":
        append(path)
    else:
        update(path, sys.argv[3], int(sys.argv[4]))
