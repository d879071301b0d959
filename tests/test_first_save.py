"""A session's first save writes what changed, not the whole file: the backup it keeps
of the data as it was is a second name of the data file when no journal is beside it
(the app never writes into that file, it replaces it whole), and a copy only when the
base alone is not the whole state or a link cannot be made. Measured in-process and
from outside, on the app in a real terminal."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_journal import card, labels, proc_io, saved, thousand_cards
from tui.domain.tracker import Tracker
from tui.storage.journal import journal_path
from tui.storage.json_storage import encode, list_backups, restore_backup
from tui.storage.store import DB_FILENAME, SCHEMA_VERSION, Store, read_checked

# a toggle's journal line is under 1 KB; the 1,000-card file is about 1.6 MB
FEW_KB = 64 * 1024


def test_the_first_toggle_at_1000_cards_writes_a_few_kilobytes(tmp_path, content, clock):
    path = tmp_path / DB_FILENAME
    targets = thousand_cards(path, content)
    os.chmod(path, 0o600)  # as the app makes it
    before_bytes, before = path.read_bytes(), os.stat(path)
    assert len(before_bytes) > 1_000_000
    store = Store.open(path)
    tracker = Tracker(store, content.playbooks, clock)
    written = proc_io()
    tracker.toggle_step(*targets[0])  # the session's first save
    assert proc_io()["wchar"] - written["wchar"] < FEW_KB  # bytes passed to write()
    now = os.stat(path)
    assert (now.st_ino, now.st_size, now.st_mtime_ns) == (
        before.st_ino,
        before.st_size,
        before.st_mtime_ns,
    )
    [backup] = list_backups(path)
    assert backup.path.read_bytes() == before_bytes  # the data as the session found it
    assert os.stat(backup.path).st_mode & 0o777 == 0o600
    store.close()  # quitting writes the base whole: the backup is a file of its own
    assert os.stat(path).st_ino != os.stat(backup.path).st_ino
    assert backup.path.read_bytes() == before_bytes
    assert targets[0][1] in Store.open(path).progress(targets[0][0])  # checked


def _app_pid(shell_pid: int) -> int:
    """The app's process: `python -m tui` among the tmux pane's process and its
    children (the pane's shell may or may not exec it)."""
    found = []
    pending = [shell_pid]
    while pending:
        pid = pending.pop()
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
            children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        except FileNotFoundError:
            continue
        if b"-m" in cmdline and b"tui" in cmdline:
            found.append(pid)
        pending += [int(child) for child in children]
    assert len(found) == 1, found
    return found[0]


def _io_of(pid: int) -> dict[str, int]:
    lines = Path(f"/proc/{pid}/io").read_text().splitlines()
    return {key: int(value) for key, value in (line.split(": ") for line in lines)}


def test_the_first_toggle_in_a_fresh_app_writes_a_few_kilobytes(tmux, tmp_path, content):
    data, config = tmp_path / "data", tmp_path / "config"
    data.mkdir(mode=0o700)
    path = data / DB_FILENAME
    thousand_cards(path, content)
    os.chmod(path, 0o600)
    before_bytes = path.read_bytes()
    command = [sys.executable, "-m", "tui", "--data-dir", str(data), "--config-dir", str(config)]
    tmux.env.pop("DBUS_SESSION_BUS_ADDRESS", None)  # as over SSH: no keyring
    tmux.start(command)
    tmux.wait_for("identifiers: off (no keyring)")  # started, the keyring lookup answered
    tmux.keys("Enter")  # to the steps of the highlighted card
    screen = tmux.wait_for("┏━ Steps ·")
    done = re.search(r"\b(\d+)/(\d+) done", screen)
    assert done, screen
    pid = _app_pid(int(tmux.run("display-message", "-p", "-t", "app", "#{pane_pid}").stdout))
    before = _io_of(pid)
    tmux.keys("Space")  # the highlighted step, checked: unchecked
    tmux.wait_for(f"{int(done[1]) - 1}/{done[2]} done")
    after = _io_of(pid)
    # write_bytes: what the kernel sends to the disk for the process (the benchmark's
    # figure; 8-40 KB here, with the file system's own blocks); wchar: what went through
    # write(), the terminal's bytes included, on any file system (tmpfs accounts no
    # write_bytes). A copy of the file would be 1.6 MB of each.
    assert after["write_bytes"] - before["write_bytes"] < len(before_bytes) // 8
    assert after["wchar"] - before["wchar"] < FEW_KB
    [backup] = list_backups(path)
    assert backup.path.read_bytes() == before_bytes
    tmux.keys("q")
    tmux.wait_gone()
    assert backup.path.read_bytes() == before_bytes
    assert os.stat(backup.path).st_ino != os.stat(path).st_ino
    assert read_checked(path) != json.loads(before_bytes)  # the toggle is in the file


def test_a_session_that_did_not_quit_leaves_a_journal_and_the_next_backup_holds_it(tmp_path):
    path, _killed = saved(tmp_path)  # saved n0..n2 into the journal, never closed
    first = list_backups(path)
    assert len(first) == 1 and labels(json.loads(first[0].path.read_bytes())) == []
    later = Store.open(path)
    later.save_card(card(3))  # the base alone is not the state: the backup is a copy
    newest = list_backups(path)[0]
    assert labels(json.loads(newest.path.read_bytes())) == ["n0", "n1", "n2"]
    assert os.stat(newest.path).st_ino != os.stat(path).st_ino
    later.close()
    assert labels(json.loads(first[0].path.read_bytes())) == []  # kept as it was
    assert labels(read_checked(path)) == ["n0", "n1", "n2", "n3"]


def test_a_restore_while_the_backup_is_the_data_file_leaves_the_backup_as_it_was(tmp_path):
    path, store = saved(tmp_path, count=2)
    store.close()
    session = Store.open(path)
    session.save_card(card(2))
    backup = list_backups(path)[0]
    assert os.stat(backup.path).st_ino == os.stat(path).st_ino  # no copy was written
    kept = restore_backup(path, backup.path)  # the data file is replaced whole
    assert labels(json.loads(backup.path.read_bytes())) == ["n0", "n1"]
    assert labels(json.loads(kept.read_bytes())) == ["n0", "n1", "n2"]
    assert labels(read_checked(path)) == ["n0", "n1"]


def test_a_data_file_others_can_read_is_backed_up_as_a_private_copy(tmp_path):
    path, store = saved(tmp_path, count=1)
    store.close()
    os.chmod(path, 0o644)
    session = Store.open(path)
    session.save_card(card(1))
    backup = list_backups(path)[0]
    assert os.stat(backup.path).st_ino != os.stat(path).st_ino
    assert os.stat(backup.path).st_mode & 0o777 == 0o600
    assert labels(json.loads(backup.path.read_bytes())) == ["n0"]


def test_a_data_file_that_is_a_symbolic_link_is_backed_up_beside_its_file(tmp_path):
    kept = tmp_path / "kept"
    kept.mkdir()
    path, store = saved(kept, count=1)
    store.close()
    data = tmp_path / "data"
    data.mkdir()
    (data / DB_FILENAME).symlink_to(path)  # the file kept elsewhere (a dotfiles folder)
    session = Store.open(data / DB_FILENAME)
    session.save_card(card(1))
    backup = list_backups(data / DB_FILENAME)[0]
    assert backup.path.parent == kept / "backups"  # beside the file the link leads to
    assert labels(json.loads(backup.path.read_bytes())) == ["n0"]
    session.close()
    assert (data / DB_FILENAME).is_symlink() and labels(json.loads(path.read_bytes())) == [
        "n0",
        "n1",
    ]


def test_backups_on_another_file_system_are_copies(tmp_path):
    elsewhere = Path("/dev/shm")
    if not elsewhere.is_dir() or os.stat(elsewhere).st_dev == os.stat(tmp_path).st_dev:
        pytest.skip("needs /dev/shm on a file system other than the test's folder")
    other = Path(subprocess.check_output(["mktemp", "-d", "-p", str(elsewhere)], text=True).strip())
    try:
        (tmp_path / "backups").symlink_to(other)  # backups/ on another disk
        path, store = saved(tmp_path, count=1)
        store.close()
        session = Store.open(path)
        session.save_card(card(1))
        backup = list_backups(path)[0]
        assert backup.path.parent.resolve() == other
        assert labels(json.loads(backup.path.read_bytes())) == ["n0"]
        session.close()
        assert labels(json.loads(backup.path.read_bytes())) == ["n0"]
    finally:
        subprocess.run(["rm", "-rf", str(other)], check=True)


def test_an_upgrade_keeps_the_old_file_as_it_was(tmp_path):
    path = tmp_path / DB_FILENAME
    old = {"cards": {}, "progress": {}, "log": {}, "meta": {"1": {"schema_version": 3}}}
    path.write_bytes(encode(old))
    os.chmod(path, 0o600)
    before = path.read_bytes()
    Store.open(path).close()
    [backup] = list_backups(path)
    assert backup.path.read_bytes() == before
    assert os.stat(backup.path).st_ino != os.stat(path).st_ino
    assert read_checked(path)["meta"]["1"]["schema_version"] == SCHEMA_VERSION
    assert not journal_path(path).exists()


def test_a_data_file_that_is_a_symbolic_link_stays_one_and_gets_every_change(tmp_path):
    # the link pointed at a file on another disk; the first save replaced the link by
    # a file of its own, so every change after it missed the real file
    kept = tmp_path / "synced"
    kept.mkdir()
    data = tmp_path / "data"
    data.mkdir()
    env = {**os.environ, "HOME": str(tmp_path), "DBUS_SESSION_BUS_ADDRESS": ""}
    cli = [sys.executable, "-m", "tui", "--data-dir"]
    for number, folder in ((1, kept), (2, data), (3, data)):
        csv = tmp_path / f"cards{number}.csv"
        csv.write_text(f"label,kind\nCard {number},other\n")
        subprocess.run([*cli, str(folder), "import", str(csv)], env=env, check=True,
                       capture_output=True)
        if folder is kept:
            (data / DB_FILENAME).symlink_to(kept / DB_FILENAME)
    assert (data / DB_FILENAME).is_symlink()
    assert not (data / f"{DB_FILENAME}.lock").exists()  # the lock is beside the file
    shown = subprocess.run([*cli, str(kept), "export", "--format", "csv"], env=env,
                           check=True, capture_output=True, text=True).stdout
    assert all(f"Card {number}" in shown for number in (1, 2, 3)), shown
