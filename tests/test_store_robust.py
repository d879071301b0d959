"""The store under crashes, several processes, damaged files, and random operations."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, invariant, rule

from tui.base.sanitiser import clean
from tui.records.model import Card, CardFields, LogEntry
from tui.storage.json_storage import list_backups, restore_backup, set_aside
from tui.storage.store import DB_FILENAME, Store, StoreError, read_checked

ROOT = Path(__file__).resolve().parent.parent
WORKER = ROOT / "tests" / "helpers" / "store_worker.py"
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
NOW = datetime(2026, 1, 1, tzinfo=UTC)


@pytest.mark.slow
def test_sigkill_at_random_moments_leaves_old_or_new_never_torn(tmp_path):
    """200 workers, each killed at a random point of its writes: the file is always whole,
    holds a prefix of the writes, and keeps every write a worker acknowledged. Each kill
    comes after a random number of acknowledged writes, so the writes happen however
    slow the machine is; the random extra moment lands the kill before, inside or after
    the next write."""
    path = tmp_path / DB_FILENAME
    rng = random.Random(20261124)
    acknowledged = 0
    for _round in range(200):
        child = subprocess.Popen(
            [sys.executable, str(WORKER), "append", str(path)],
            stdout=subprocess.PIPE,
            env=ENV,
            text=True,
        )
        ready = child.stdout.readline().split()
        assert ready[0] == "ready" and int(ready[1]) >= acknowledged
        writes = rng.randint(0, 3)
        for _ in range(writes):
            acknowledged = int(child.stdout.readline())
        # not a wait for a state: a random point in the next write for the kill to land
        # (on a busy machine it lands elsewhere, and the invariant must hold there too)
        time.sleep(rng.uniform(0, 0.005))
        child.send_signal(signal.SIGKILL)
        out, _ = child.communicate()
        lines = [line for line in out.split() if line.isdigit()]
        if lines:
            acknowledged = int(lines[-1])
        raw = read_checked(path) or {}  # loads: never a torn file
        labels = sorted(int(doc["label"][1:]) for doc in raw.get("cards", {}).values())
        assert labels == list(range(len(labels))), "not a prefix of the writes"
        assert len(labels) >= acknowledged  # every acknowledged write is there
    Store.open(path).close()
    assert not list(tmp_path.glob(f".{DB_FILENAME}.*.tmp"))  # a crash's leftovers: cleaned


# the append worker, with the base written again every two or three saves, so kills land
# in appends, in writes of the base and between a base and the emptying of its journal
COMPACTING_WORKER = """
import runpy, sys
import tui.storage.journal
tui.storage.journal.COMPACT_MIN, tui.storage.journal.COMPACT_FRACTION = 1200, 0.0
sys.argv = sys.argv[1:]
runpy.run_path(sys.argv[0], run_name="__main__")
"""


@pytest.mark.slow
def test_sigkill_while_the_journal_is_written_into_the_base_loses_nothing(tmp_path):
    """As above, with the journal written into the base every few saves: the data is
    always whole, a prefix of the writes, holds every acknowledged write, and no journal
    is ever set aside (a crash between a base and the emptying of its journal leaves
    a journal the base already holds)."""
    path = tmp_path / DB_FILENAME
    rng = random.Random(20261130)
    acknowledged = 0
    command = [sys.executable, "-c", COMPACTING_WORKER, str(WORKER), "append", str(path)]
    for _round in range(200):
        child = subprocess.Popen(command, stdout=subprocess.PIPE, env=ENV, text=True)
        ready = child.stdout.readline().split()
        assert ready[0] == "ready" and int(ready[1]) >= acknowledged
        for _ in range(rng.randint(0, 4)):
            acknowledged = int(child.stdout.readline())
        # not a wait for a state: a random point in the next write for the kill to land
        # (on a busy machine it lands elsewhere, and the invariant must hold there too)
        time.sleep(rng.uniform(0, 0.01))
        child.send_signal(signal.SIGKILL)
        out, _ = child.communicate()
        lines = [line for line in out.split() if line.isdigit()]
        if lines:
            acknowledged = int(lines[-1])
        raw = read_checked(path) or {}
        labels = sorted(int(doc["label"][1:]) for doc in raw.get("cards", {}).values())
        assert labels == list(range(len(labels))), "not a prefix of the writes"
        assert len(labels) >= acknowledged
    store = Store.open(path)
    assert store.journal_notice() is None
    assert len(store.cards()) >= acknowledged
    store.close()
    assert not [p.name for p in tmp_path.iterdir() if ".journal." in p.name]


@pytest.mark.slow
def test_three_processes_lose_no_update(tmp_path):
    """Three processes × 300 transactions on one file: every update is there. Each worker
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
            [sys.executable, str(WORKER), "update", str(path), name, "300"],
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
        assert store.card(f"own-{name}").notes == "300"  # separate cards: every bump
    assert len(store.progress("shared")) == 900  # the same card: every key
    assert len(store.log()) == 900


# a writer with the store's default lock timeout, as the app and the commands have;
# prints "done" and the longest wait for the lock, or dies on StoreBusy
DEFAULT_TIMEOUT_WRITER = """
import sys, time
from datetime import UTC, datetime
from pathlib import Path
from tui.records.model import Card, CardFields, LogEntry
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
                [sys.executable, "-c", DEFAULT_TIMEOUT_WRITER, str(path), name, "150"],
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
    assert len(store.progress("shared")) == 450 and len(store.log()) == 3450


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


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b'{"cards": {"1": {"id": "c1", "label": "cut mid-wr', "not valid JSON"),
        (b"\x00\x00\x00\x00", "not valid JSON"),
        (b"this is not json at all", "not valid JSON"),
        (b'{"cards": [1, 2, 3]}', "not a cardoff-tui database"),
        (b'{"meta": {"1": {"schema_version": 99}}}', "newer cardoff-tui"),
    ],
    ids=["truncated", "zeros", "not-json", "wrong-shape", "newer-schema"],
)
def test_damaged_files_are_refused_and_kept_byte_for_byte(tmp_path, content, reason):
    path = tmp_path / DB_FILENAME
    path.write_bytes(content)
    with pytest.raises(StoreError) as caught:
        Store.open(path)
    assert reason in caught.value.reason
    assert path.read_bytes() == content
    aside = set_aside(path)  # "start afresh" renames it with the date, never deletes
    assert aside.read_bytes() == content and not path.exists()
    assert Store.open(path).cards() == []


def test_backups_rotate_on_first_write_of_each_session_and_restore(tmp_path):
    path = tmp_path / DB_FILENAME
    for session in range(7):
        store = Store.open(path, keep_backups=5)
        for i in range(2):  # two writes: one backup per session
            card = Card.create(CardFields(f"s{session}-{i}", "bank", "cancel"), NOW)
            store.save_card(card)
        store.close()
    backups = list_backups(path)
    assert len(backups) == 5
    newest = json.loads(backups[0].path.read_text())
    assert len(newest["cards"]) == 12  # taken before session 6's first write
    before = path.read_bytes()
    restore_backup(path, backups[-1].path)
    assert len(read_checked(path)["cards"]) == 4
    assert any(b.path.read_bytes() == before for b in list_backups(path))  # kept first


# labels the form accepts: not blank once control characters are removed
LABELS = st.text(min_size=1, max_size=12).filter(lambda text: clean(text).text.strip())


class StoreMachine(RuleBasedStateMachine):
    """Random adds, edits, progress and deletes against a plain dict model."""

    cards = Bundle("cards")

    def __init__(self) -> None:
        super().__init__()
        import tempfile

        self.folder = Path(tempfile.mkdtemp())
        self.path = self.folder / DB_FILENAME
        self.store = Store.open(self.path)
        self.model: dict[str, dict] = {}
        self.progress: dict[str, dict] = {}
        self.counter = 0

    @rule(target=cards, label=LABELS)
    def add(self, label):
        self.counter += 1
        card = Card.create(CardFields(label, "esim", "cancel"), NOW, card_id=f"c{self.counter}")
        self.store.save_card(card)
        self.model[card.id] = card.to_doc()
        return card.id

    @rule(card_id=cards, notes=st.text(max_size=20))
    def edit(self, card_id, notes):
        if card_id not in self.model:
            return
        card = Card.from_doc(self.model[card_id])
        fields = CardFields(card.label, "esim", "cancel", notes=notes)
        edited = card.edited(fields, NOW)
        self.store.save_card(edited)
        self.model[card_id] = edited.to_doc()

    @rule(card_id=cards, step=st.sampled_from(["a", "b", "c"]))
    def toggle(self, card_id, step):
        if card_id not in self.model:
            return
        steps = dict(self.progress.get(card_id, {}))
        if step in steps:
            del steps[step]
        else:
            steps[step] = {"at": NOW.isoformat(), "title": {"en": step}}
        self.store.set_progress(card_id, steps)
        self.progress[card_id] = steps

    @rule(card_id=cards)
    def delete(self, card_id):
        self.store.delete_card(card_id)
        self.model.pop(card_id, None)
        self.progress.pop(card_id, None)

    @rule()
    def reopen(self):
        self.store.close()
        self.store = Store.open(self.path)

    @invariant()
    def matches_model(self):
        assert {c.id: c.to_doc() for c in self.store.cards()} == self.model
        own = {k: v.get("esim/cancel", {}) for k, v in self.store.all_progress().items()}
        stored = {k: v for k, v in own.items() if v or k in self.progress}
        assert stored == {k: v for k, v in self.progress.items() if v or k in stored}

    def teardown(self):
        self.store.close()
        import shutil

        shutil.rmtree(self.folder, ignore_errors=True)


StoreMachine.TestCase.settings = settings(max_examples=30, stateful_step_count=25, deadline=None)
test_store_state_machine = StoreMachine.TestCase


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "tui", *args], capture_output=True, text=True, env=ENV, timeout=60
    )


def test_restore_command_lists_and_restores(tmp_path):
    data = tmp_path / "data"
    path = data / DB_FILENAME
    for session in range(3):
        store = Store.open(path)
        store.save_card(Card.create(CardFields(f"s{session}", "bank", "cancel"), NOW))
        store.close()
    common = ("--data-dir", str(data), "--config-dir", str(tmp_path / "cfg"))
    listed = _cli(*common, "restore")
    assert listed.returncode == 0
    rows = [line for line in listed.stdout.splitlines() if line.strip()[:1].isdigit()]
    # one per session, taken before its first change: 2, 1 and 0 cards
    assert len(rows) == 3 and "2 cards" in rows[0] and "1 card" in rows[1]
    restored = _cli(*common, "restore", "2")
    assert restored.returncode == 0, restored.stdout
    assert len(read_checked(path)["cards"]) == 1
    assert "kept as" in restored.stdout
    missing = _cli(*common, "restore", "9")
    assert missing.returncode == 1 and "no backup 9" in missing.stdout


async def test_recovery_screen_offers_backup_fresh_or_quit(content):
    from tui.base.i18n import Catalog
    from tui.ui.recovery import RecoveryApp

    catalog = Catalog(content.strings, "en")
    for key, expected in (("b", "backup"), ("n", "fresh"), ("q", "quit")):
        app = RecoveryApp(catalog, "/data/cardoff.json", "the file is not valid JSON", "b.json")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press(key)
        assert app.return_value == expected
    app = RecoveryApp(catalog, "/data/cardoff.json", "damaged", None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("b")  # no backup: nothing happens
        assert app.is_running
        await pilot.press("q")
    assert app.return_value == "quit"


@pytest.mark.slow
def test_a_reader_without_the_lock_sees_only_states_a_save_left(tmp_path):
    """A writer saving cards n0, n1, ... with the journal written into the base every
    few saves, while this process reads the data without the lock (as drawing the
    panes does): every read is a prefix of the writes, and never fewer than the read
    before (a base read before a compaction with the journal read after it would be)."""
    path = tmp_path / DB_FILENAME
    Store.open(path).close()
    command = [sys.executable, "-c", COMPACTING_WORKER, str(WORKER), "append", str(path)]
    child = subprocess.Popen(command, stdout=subprocess.PIPE, env=ENV, text=True)
    try:
        assert child.stdout.readline().split()[0] == "ready"
        seen, reads = 0, 0
        while seen < 300:
            raw = read_checked(path) or {}
            labels = sorted(int(doc["label"][1:]) for doc in raw.get("cards", {}).values())
            assert labels == list(range(len(labels))), "not a prefix of the writes"
            assert len(labels) >= seen, "a read went back in time"
            seen, reads = len(labels), reads + 1
        assert reads > 10
    finally:
        child.kill()
        child.communicate()
