"""The data file's lock is given in the order it was asked for (tui/storage/fair_lock.py), and
a change that has to wait says another session is saving, and waits."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

from tui.storage.fair_lock import CLEAR_EVERY, FairFileLock, LockTimeout
from tui.storage.store import DB_FILENAME, Store

ROOT = Path(__file__).resolve().parent.parent
HANG = 60.0  # seconds: only a hang waits this long


def tickets_taken(lock: FairFileLock) -> int:
    counter = lock.path.with_name(f".{lock.path.name}.queue")
    text = counter.read_text().strip() if counter.exists() else ""
    return int(text) if text.isdigit() else 0


def wait_for(what: str, ready) -> None:
    deadline = time.monotonic() + HANG
    while not ready():
        assert time.monotonic() < deadline, f"waited {HANG:.0f} s for {what}"
        time.sleep(0.005)


def test_waiters_get_the_lock_in_the_order_they_asked(tmp_path):
    path = tmp_path / "cardoff.json.lock"
    order: list[str] = []

    def waiter(name: str) -> None:
        lock = FairFileLock(path)  # a lock of its own, as another process has
        held = lock.acquire(timeout=-1)
        order.append(name)
        lock.release(held)

    first = FairFileLock(path)
    held = first.acquire(timeout=-1)
    threads = []
    for number, name in enumerate("ABCD", start=2):
        thread = threading.Thread(target=waiter, args=(name,))
        thread.start()
        threads.append(thread)
        wait_for(f"{name} to take its ticket", lambda n=number: tickets_taken(first) == n)
    first.release(held)
    for thread in threads:
        thread.join(HANG)
    assert order == ["A", "B", "C", "D"]


def test_a_writer_that_saves_again_and_again_lets_a_waiter_in(tmp_path):
    """What starved a writer: another one takes the lock back the instant it lets go.
    Here the waiter, in line first, is served before that writer's next turn."""
    path = tmp_path / "cardoff.json.lock"
    greedy, patient = FairFileLock(path), FairFileLock(path)
    order: list[str] = []
    held = greedy.acquire(timeout=-1)

    def wait_in_line() -> None:
        mine = patient.acquire(timeout=-1)
        order.append("patient")
        patient.release(mine)

    thread = threading.Thread(target=wait_in_line)
    thread.start()
    wait_for("the waiter to take its ticket", lambda: tickets_taken(greedy) == 2)
    greedy.release(held)
    held = greedy.acquire(timeout=-1)  # at once: it had to queue behind the waiter
    order.append("greedy")
    greedy.release(held)
    thread.join(HANG)
    assert order == ["patient", "greedy"]


def test_a_waiter_that_gives_up_holds_nothing_and_blocks_no_one(tmp_path):
    path = tmp_path / "cardoff.json.lock"
    holder, quitter, later = FairFileLock(path), FairFileLock(path), FairFileLock(path)
    held = holder.acquire(timeout=-1)
    told = []
    try:
        quitter.acquire(timeout=0.7, on_wait=lambda: told.append("waiting"))
    except LockTimeout:
        pass
    else:
        raise AssertionError("the lock was given twice")
    assert told == ["waiting"]  # told once, after NOTICE_AFTER
    holder.release(held)
    held = later.acquire(timeout=HANG)  # the one who gave up is no longer in line
    later.release(held)
    for _ in range(CLEAR_EVERY):  # the queue moves on
        later.release(later.acquire(timeout=HANG))
    slots = sorted(p.name for p in tmp_path.iterdir() if re.search(r"\.q\d+$", p.name))
    assert len(slots) <= 1, slots  # slots are cleared as the queue moves on


def test_a_dead_holder_never_blocks_the_queue(tmp_path):
    path = tmp_path / "cardoff.json.lock"
    child = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\n"
            "from pathlib import Path\n"
            "from tui.storage.fair_lock import FairFileLock\n"
            f"FairFileLock(Path({str(path)!r})).acquire(timeout=-1)\n"
            "print('held', flush=True)\n"
            "time.sleep(600)\n",
        ],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        assert child.stdout.readline().strip() == "held"
        child.kill()  # dies holding the lock: the kernel lets go of it
        child.wait(HANG)
    finally:
        child.kill()
    lock = FairFileLock(path)
    lock.release(lock.acquire(timeout=HANG))


def test_import_says_another_session_is_saving_and_waits(tmp_path):
    """`import` while another session holds the lock: it says so on stderr, waits, and
    imports once the other session is done."""
    data = tmp_path / "data"
    Store.open(data / DB_FILENAME).close()
    cards = tmp_path / "cards.csv"
    cards.write_text("label,kind\nWaited card,bank\n", encoding="utf-8")
    other = FairFileLock(data / f"{DB_FILENAME}.lock")
    held = other.acquire(timeout=-1)  # another session, saving
    command = [sys.executable, "-m", "tui", "--data-dir", str(data), "--config-dir", str(tmp_path)]
    child = subprocess.Popen(
        [*command, "import", str(cards)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        said = child.stderr.readline()  # blocks until the waiting import says something
        assert "another cardoff-tui session is saving" in said.lower(), said
        assert child.poll() is None  # still waiting, not refused
        other.release(held)
        out, err = child.communicate(timeout=HANG)
    finally:
        child.kill()
    assert child.returncode == 0, err
    assert "imported 1 card" in out
    store = Store.open(data / DB_FILENAME)
    assert [card.label for card in store.cards()] == ["Waited card"]
    store.close()
