"""A child process for the crash and concurrency tests: writes through the real Store.

store_worker.py append PATH            add cards n0, n1, ... forever, printing each count
store_worker.py update PATH NAME N     N transactions: bump our own card's counter and
                                       add a key to the shared card's progress

`append_to` is the append worker for a process forked from a server that has already
imported the store (multiprocessing's forkserver): the crash tests start hundreds of
writers, and each no longer pays for starting Python and importing.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from tui.records.card_fields import CardFields
from tui.records.model import Card, LogEntry
from tui.storage.store import Store

NOW = datetime(2026, 1, 1, tzinfo=UTC)


def append(path: Path, report: Callable[[object], None] | None = None) -> None:
    """Add cards n0, n1, ... to the store at *path* until killed; *report* is given
    ``("ready", count)`` once the store is open, then each count once it is saved
    (default: printed as lines on stdout)."""
    if report is None:
        def report(message: object) -> None:
            print(*message if isinstance(message, tuple) else (message,), flush=True)
    store = Store.open(path)
    count = len(store.cards())
    report(("ready", count))
    while True:
        card = Card.create(CardFields(f"n{count}", "bank", "cancel"), NOW, card_id=f"c{count}")
        store.save_card(card)
        count += 1
        report(count)


def append_to(path: str, conn, compacting: bool = False) -> None:
    """`append` sending its reports on the multiprocessing connection *conn*; with
    *compacting*, the base is written again every two or three saves, so a kill lands in
    appends, in writes of the base and between a base and the emptying of its journal."""
    if compacting:
        import tui.storage.journal as journal

        journal.COMPACT_MIN, journal.COMPACT_FRACTION = 1200, 0.0
    append(Path(path), conn.send)


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
