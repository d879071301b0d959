"""The first-use journey in a real terminal: tmux at 80x24, keys sent, screen read:
first launch, add a card, check steps, record a reference number, look up a hotline,
quit, reopen and find it all."""

from __future__ import annotations

import sys

from tests.helpers.terminal import detail_opening
from tui.storage.store import DB_FILENAME, Store

LABEL = "旧手机 eSIM"


def test_new_user_journey_in_tmux(tmux, tmp_path, content):
    playbook = content.playbooks.get("esim-cancel")
    steps = len(playbook.steps)
    data, config = tmp_path / "data", tmp_path / "config"
    command = [sys.executable, "-m", "tui", "--data-dir", str(data), "--config-dir", str(config)]
    tmux.env.pop("DBUS_SESSION_BUS_ADDRESS", None)  # as over SSH: no keyring
    tmux.start(command)
    tmux.run("set-option", "-s", "set-clipboard", "on")  # copies pass through tmux
    tmux.wait_for("No cards yet")
    tmux.wait_for("identifiers: off (no keyring)")  # the lookup has answered
    tmux.keys("a")
    tmux.wait_for("Use an encrypted file")  # the first card: where should numbers go?
    tmux.keys("n")  # not now: the card itself needs none
    tmux.wait_focus("Name")  # the form, its first field ready for typing
    tmux.keys(LABEL, literal=True)
    tmux.wait_typed(LABEL)
    tmux.keys("C-s")
    tmux.wait_for(f"Added {LABEL}.")  # the status line, Chinese intact
    tmux.wait_for("Cancel an eSIM plan")  # its playbook, in the steps pane
    tmux.wait_for("[ ] 1.")  # and its first step, not yet done
    tmux.keys("Enter")  # to the steps
    tmux.wait_for("┏━ Steps · Cancel an eSIM plan")  # the steps pane has the focus
    for key, effect in (
        ("Space", f"1/{steps} done"),
        ("j", detail_opening(playbook, 2)),
        ("Space", f"2/{steps} done"),
        ("j", detail_opening(playbook, 3)),
        ("Space", f"3/{steps} done"),
    ):
        tmux.keys(key)
        screen = tmux.wait_for(effect)
    assert screen.count("[x]") == 3
    tmux.keys("n")  # proof: the carrier's reference number
    tmux.wait_focus("Reference")
    tmux.keys("REF-TMUX-1", literal=True)
    tmux.wait_typed("REF-TMUX-1")
    tmux.keys("C-s")
    tmux.wait_for("Proof recorded")
    tmux.keys("h")  # a hotline, looked up as you type
    tmux.wait_focus("Issuer, in English or Chinese")  # the search field, empty
    tmux.keys("octopus", literal=True)
    tmux.wait_typed("octopus")
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
    tmux.wait_for("[x]", times=3)
    screen = tmux.wait_for("REF-TMUX-1")  # the proof, in the log pane
    assert LABEL in screen and f"3/{steps}" in screen and screen.count("[x]") == 3
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
    tmux.wait_for("identifiers: off (no keyring)")  # the lookup has answered

    tmux.keys("a")
    tmux.wait_button_focus("Use an encrypted file")
    tmux.keys("Enter")
    tmux.wait_focus("Passphrase")  # a new encrypted file: its passphrase, twice
    bullets = "•" * len(passphrase)
    tmux.keys(passphrase, literal=True)
    tmux.wait_typed(bullets)
    tmux.keys("Enter")
    tmux.wait_focus("The same passphrase again")
    tmux.keys(passphrase, literal=True)
    tmux.wait_typed(bullets)
    tmux.keys("Enter")
    tmux.wait_focus("Name")  # the card form, once the file is made
    tmux.keys("Leak test", literal=True)
    tmux.wait_typed("Leak test")
    for field in ("Kind", "What to do", "Region", "Issuer", "ICCID"):
        tmux.keys("Tab")
        tmux.wait_focus(field)
    tmux.keys(planted, literal=True)
    tmux.wait_typed(planted)
    tmux.keys("C-s")
    tmux.wait_for("Added Leak test")
    screen = tmux.wait_for("•••• 3333")  # the steps pane shows the new card's ICCID masked
    assert planted not in screen
    tmux.keys("e")
    tmux.wait_focus("Name")
    tmux.keys(" 2", literal=True)
    tmux.wait_typed("Leak test 2")
    tmux.keys("C-s")
    tmux.wait_for("Saved Leak test 2")
    tmux.keys("r")
    tmux.wait_for(planted)  # revealed on request
    tmux.keys("r")
    screen = tmux.wait_without(planted)  # and hidden again
    assert "•••• 3333" in screen
    tmux.keys("c")  # tmux's default set-clipboard (external) would drop the copy: the
    screen = tmux.wait_for("Press r to show it")  # app says so, without the value
    assert planted not in screen and "Not copied" in screen
    tmux.keys("Escape")
    tmux.wait_without("Not copied")
    tmux.keys("d")
    tmux.wait_for("Delete Leak test 2")
    tmux.keys("y")
    tmux.wait_for("Deleted Leak test 2")
    tmux.keys("u")
    tmux.wait_for("Restored Leak test 2")
    tmux.keys("q")

    def pane_dead() -> bool:  # tmux's own flag: the "Pane is dead" banner can lag
        return tmux.run("display-message", "-p", "-t", "app", "#{pane_dead}").stdout.strip() == "1"

    tmux.wait_until("the app to exit", lambda dead: dead, pane_dead)
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
        from tui.base.paths import content_dir
        from tui.domain.tracker import Tracker
        from tui.library.content import load_content
        from tui.records.card_fields import CardFields

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
