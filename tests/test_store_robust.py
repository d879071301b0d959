"""The store under crashes, damaged files, and random operations (several processes
writing one file at once: test_store_processes.py)."""

from __future__ import annotations

import json
import multiprocessing
import os
import random
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, invariant, rule

from tests.helpers import store_worker
from tui.base.sanitiser import clean
from tui.records.card_fields import CardFields
from tui.records.model import Card
from tui.storage.json_storage import list_backups, restore_backup, set_aside
from tui.storage.store import DB_FILENAME, Store, StoreError, read_checked

ROOT = Path(__file__).resolve().parent.parent
WORKER = ROOT / "tests" / "helpers" / "store_worker.py"
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
NOW = datetime(2026, 1, 1, tzinfo=UTC)


# the crash tests' writers are forked from a server that has already imported the store,
# so each of their hundreds of writers costs a fork, not a Python start-up and its imports
FORKS = multiprocessing.get_context("forkserver")
FORKS.set_forkserver_preload(["tests.helpers.store_worker"])


def _kill_writers(path: Path, seed: int, most_writes: int, longest_pause: float,
                  compacting: bool = False) -> int:
    """200 append writers on *path*, one after another, each killed with SIGKILL after a
    random number (0 to *most_writes*) of acknowledged writes and a random pause of up to
    *longest_pause* seconds. After each kill the file is whole, holds a prefix of the
    writes and every write a writer acknowledged. Returns the writes acknowledged."""
    rng = random.Random(seed)
    acknowledged = 0
    for _round in range(200):
        mine, theirs = FORKS.Pipe(duplex=False)
        child = FORKS.Process(target=store_worker.append_to, args=(str(path), theirs, compacting))
        child.start()
        theirs.close()
        tag, count = mine.recv()
        assert tag == "ready" and count >= acknowledged
        for _ in range(rng.randint(0, most_writes)):
            acknowledged = mine.recv()
        # not a wait for a state: a random point in the next write for the kill to land
        # (on a busy machine it lands elsewhere, and the invariant must hold there too)
        time.sleep(rng.uniform(0, longest_pause))
        child.kill()
        child.join()
        while True:  # what the writer acknowledged before the kill landed
            try:
                acknowledged = mine.recv()
            except EOFError:
                break
        mine.close()
        raw = read_checked(path) or {}  # loads: never a torn file
        labels = sorted(int(doc["label"][1:]) for doc in raw.get("cards", {}).values())
        assert labels == list(range(len(labels))), "not a prefix of the writes"
        assert len(labels) >= acknowledged  # every acknowledged write is there
    return acknowledged


@pytest.mark.slow
def test_sigkill_at_random_moments_leaves_old_or_new_never_torn(tmp_path):
    """200 writers, each killed at a random point of its writes: the file is always whole,
    holds a prefix of the writes, and keeps every write a writer acknowledged. Each kill
    comes after a random number of acknowledged writes, so the writes happen however
    slow the machine is; the random extra moment lands the kill before, inside or after
    the next write."""
    path = tmp_path / DB_FILENAME
    _kill_writers(path, 20261124, most_writes=3, longest_pause=0.005)
    Store.open(path).close()
    assert not list(tmp_path.glob(f".{DB_FILENAME}.*.tmp"))  # a crash's leftovers: cleaned


@pytest.mark.slow
def test_sigkill_while_the_journal_is_written_into_the_base_loses_nothing(tmp_path):
    """As above, with the journal written into the base every few saves: the data is
    always whole, a prefix of the writes, holds every acknowledged write, and no journal
    is ever set aside (a crash between a base and the emptying of its journal leaves
    a journal the base already holds)."""
    path = tmp_path / DB_FILENAME
    acknowledged = _kill_writers(
        path, 20261130, most_writes=4, longest_pause=0.01, compacting=True
    )
    store = Store.open(path)
    assert store.journal_notice() is None
    assert len(store.cards()) >= acknowledged
    store.close()
    assert not [p.name for p in tmp_path.iterdir() if ".journal." in p.name]


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


# the append worker, with the base written again every two or three saves
COMPACTING_WORKER = """
import runpy, sys
import tui.storage.journal
tui.storage.journal.COMPACT_MIN, tui.storage.journal.COMPACT_FRACTION = 1200, 0.0
sys.argv = sys.argv[1:]
runpy.run_path(sys.argv[0], run_name="__main__")
"""


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
