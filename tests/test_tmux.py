"""The first-use journey in a real terminal: tmux at 80x24, keys sent, screen read:
first launch, add a card, check steps, record a reference number, look up a hotline,
quit, reopen and find it all."""

from __future__ import annotations

import sys
import time

from tui.store import DB_FILENAME, Store

LABEL = "旧手机 eSIM"


def test_new_user_journey_in_tmux(tmux, tmp_path):
    data, config = tmp_path / "data", tmp_path / "config"
    command = [sys.executable, "-m", "tui", "--data-dir", str(data), "--config-dir", str(config)]
    tmux.env.pop("DBUS_SESSION_BUS_ADDRESS", None)  # as over SSH: no keyring
    tmux.start(command)
    tmux.wait_for("No cards yet")
    tmux.keys("a")
    tmux.wait_for("Use an encrypted file")  # the first card: where should numbers go?
    tmux.keys("n")  # not now: the card itself needs none
    tmux.wait_for("Add a card")
    tmux.keys(LABEL, literal=True)
    tmux.keys("C-s")
    tmux.wait_for(f"Added {LABEL}.")  # the status line, Chinese intact
    screen = tmux.wait_for("Cancel an eSIM plan")  # its playbook, in the steps pane
    assert "[ ] 1." in screen
    tmux.keys("Enter")  # to the steps
    for key in ("Space", "j", "Space", "j", "Space"):
        tmux.keys(key)
        time.sleep(0.15)
    screen = tmux.wait_for("3/10")
    assert screen.count("[x]") == 3
    tmux.keys("n")  # proof: the carrier's reference number
    tmux.wait_for("Proof")
    tmux.keys("REF-TMUX-1", literal=True)
    tmux.keys("C-s")
    tmux.wait_for("Proof recorded")
    tmux.keys("h")  # a hotline, looked up as you type
    tmux.wait_for("Hotlines")
    tmux.keys("octopus", literal=True)
    tmux.wait_for("2266 2222")
    tmux.keys("Enter")
    tmux.wait_for("Copied +852 2266 2222")
    tmux.keys("q")
    tmux.wait_gone()

    store = Store.open(data / DB_FILENAME)
    [card] = store.cards()
    assert card.label == LABEL and len(store.progress(card.id)) == 3
    proof = [e for e in store.log(card.id) if e.event == "evidence.recorded"]
    assert [e.params["reference"] for e in proof] == ["REF-TMUX-1"]
    store.close()

    tmux.start(command)
    screen = tmux.wait_for("[x]", times=3)
    assert LABEL in screen and "3/10" in screen and screen.count("[x]") == 3
    assert "REF-TMUX-1" in screen  # the proof, in the log pane
    assert screen.count("checked:") >= 2
    for line in screen.splitlines():
        assert len(line) <= 80
    tmux.keys("q")
    tmux.wait_gone()


def test_identifier_never_leaks_to_files_or_terminal_after_exit(tmux, tmp_path):
    """Plant a distinctive ICCID through the UI, run the main flows, then look for it."""
    planted = "89860055555444443333"
    passphrase = "leak test passphrase"
    data, config = tmp_path / "data", tmp_path / "config"
    tmux.env.pop("DBUS_SESSION_BUS_ADDRESS", None)  # as over SSH: the encrypted file is used
    command = [sys.executable, "-m", "tui", "--data-dir", str(data), "--config-dir", str(config)]
    tmux.start(command)
    tmux.run("set-option", "-t", "app", "remain-on-exit", "on")
    tmux.wait_for("no keyring")

    def step(*keys: str, literal: bool = False, wait: str | None = None) -> None:
        tmux.keys(*keys, literal=literal)
        if wait:
            tmux.wait_for(wait)
        time.sleep(0.3)

    step("a", wait="Use an encrypted file")
    step("Enter", wait="New encrypted file")
    bullets = "•" * len(passphrase)
    step(passphrase, literal=True, wait=bullets)
    step("Enter")
    step(passphrase, literal=True)
    tmux.wait_for(bullets, times=2)
    step("Enter", wait="Add a card")
    step("Leak test", literal=True)
    for _ in range(5):  # kind, intent, issuer, region, ICCID
        step("Tab")
    step(planted, literal=True)
    step("C-s", wait="Added Leak test")
    assert "•••• 3333" in tmux.screen() and planted not in tmux.screen()
    step("e", wait="Edit card")
    step(" 2", literal=True)
    step("C-s", wait="Saved Leak test 2")
    step("r", wait=planted)  # revealed on request
    step("r")
    assert planted not in tmux.screen()
    step("c", wait="Copied the ICCID of Leak test 2")
    step("d", wait="Delete Leak test 2")
    step("y", wait="Deleted Leak test 2")
    step("u", wait="Restored Leak test 2")
    step("q")

    def pane_dead() -> bool:  # tmux's own flag: the "Pane is dead" banner can lag
        return tmux.run("display-message", "-p", "-t", "app", "#{pane_dead}").stdout.strip() == "1"

    deadline = time.monotonic() + 20
    while not pane_dead() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert pane_dead(), "the app did not exit"
    after_exit = tmux.run("capture-pane", "-p", "-S", "-", "-t", "app").stdout
    assert planted not in after_exit
    files = [p for folder in (data, config) if folder.exists() for p in folder.rglob("*")]
    assert any(p.name == DB_FILENAME for p in files)
    for path in files:
        if path.is_file():
            assert planted.encode() not in path.read_bytes(), path
            assert planted[:-4].encode() not in path.read_bytes(), path
    store = Store.open(data / DB_FILENAME)
    [card] = store.cards()
    assert card.label == "Leak test 2" and card.identifiers["iccid"].last4 == "3333"
    store.close()


def test_damaged_file_recovery_in_tmux(tmux, tmp_path):
    """A damaged file: the app says so, keeps it, and opens the newest good backup."""
    data = tmp_path / "data"
    path = data / DB_FILENAME
    for label in ("first", "second"):
        store = Store.open(path)
        from tui.content import load_content
        from tui.model import CardFields
        from tui.paths import content_dir
        from tui.tracker import Tracker

        Tracker(store, load_content(content_dir()).playbooks).add_card(
            CardFields(label, "bank", "cancel")
        )
        store.close()
    path.write_bytes(b'{"cards": {"1": {"id": "c1", "lab')  # torn by some other tool
    command = [sys.executable, "-m", "tui", "--data-dir", str(data), "--config-dir", str(data)]
    tmux.start(command)
    screen = tmux.wait_for("Your data file cannot be used")
    assert "not valid JSON" in screen and "will not be written over" in screen
    tmux.keys("b")
    screen = tmux.wait_for("Opened the backup")
    assert "first" in screen  # the backup taken before the second session's write
    kept = [p for p in (data / "backups").iterdir() if b'"lab' in p.read_bytes()]
    assert kept, "the damaged file was not kept"
    tmux.keys("q")
    tmux.wait_gone()
