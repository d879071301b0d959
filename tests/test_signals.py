"""The end of a session from outside, in a real terminal: `kill -TERM` and `kill -HUP`
of the app's own process (not of tmux), and a dropped SSH connection.

Each leaves the shell usable (the main screen back, mouse tracking off, the cursor
shown, echo and canonical mode on), exits with 128 + the signal's number, keeps the
card form's typed text as a draft that opens again at the next start, and leaves
the data file whole."""

from __future__ import annotations

import json
import os
import signal
import sys
import time
from pathlib import Path

import pytest

from tests.helpers.terminal import TIMEOUT, Tmux
from tests.test_ssh import ssh_command
from tests.test_ssh import sshd as sshd  # a fixture, for the dropped-connection test
from tui.domain.drafts import DRAFT_FILENAME
from tui.storage.store import DB_FILENAME, Store, read_checked

ROOT = Path(__file__).resolve().parent.parent
LABEL = "Half-typed 工行 card"
MOUSE_FLAGS = ("mouse_any_flag", "mouse_button_flag", "mouse_standard_flag", "mouse_all_flag")


def processes_with(marker: str, name: str = "") -> list[int]:
    """The pids of running processes whose command line holds `marker` (and whose
    name starts with `name`)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
            comm = (entry / "comm").read_text().strip()
        except (OSError, IndexError):  # ended meanwhile
            continue
        if marker in command and state != "Z" and comm.startswith(name):
            found.append(int(entry.name))
    return found


def wait_until_ended(marker: str, name: str) -> None:
    """Wait until no process like that runs; fails only after TIMEOUT (a hang)."""
    deadline = time.monotonic() + TIMEOUT
    while processes_with(marker, name):
        assert time.monotonic() < deadline, f"{name} ({marker}) is still running"
        time.sleep(0.1)


def pane_flags(tmux: Tmux) -> dict[str, str]:
    names = ("alternate_on", "cursor_flag", *MOUSE_FLAGS)
    out = tmux.run("display-message", "-p", "-t", "app", " ".join(f"#{{{n}}}" for n in names))
    return dict(zip(names, out.stdout.split(), strict=True))


def open_form_and_type(tmux: Tmux) -> None:
    tmux.wait_for("No cards yet")
    tmux.wait_for("identifiers: off (no keyring)")  # the lookup has answered
    tmux.keys("a")
    tmux.wait_for("Use an encrypted file")
    tmux.keys("n")  # not now: the card form
    tmux.wait_focus("Name")
    tmux.keys(LABEL, literal=True)
    tmux.wait_typed(LABEL)


def shell_in_tmux(tmux: Tmux) -> None:
    tmux.env.pop("DBUS_SESSION_BUS_ADDRESS", None)  # as over SSH: no keyring
    tmux.start(["bash", "--norc", "--noprofile"])
    tmux.wait_until("the shell's prompt", lambda screen: screen.text.strip())


def type_line(tmux: Tmux, line: str) -> None:
    tmux.keys(line, literal=True)
    tmux.keys("Enter")


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP], ids=["TERM", "HUP"])
def test_kill_leaves_the_terminal_usable_and_keeps_the_form(tmux, tmp_path, signum):
    data, config = tmp_path / "data", tmp_path / "config"
    app = f"{sys.executable} -m tui --data-dir {data} --config-dir {config}"
    shell_in_tmux(tmux)
    type_line(tmux, f"cd {ROOT} && {app}; echo EXIT=$?")
    open_form_and_type(tmux)
    [pid] = processes_with(str(data), "python")
    os.kill(pid, signum)  # the app's own process, not tmux
    tmux.wait_for(f"EXIT={128 + signum}")

    flags = pane_flags(tmux)
    assert flags["alternate_on"] == "0", flags  # back on the main screen
    assert all(flags[name] == "0" for name in MOUSE_FLAGS), flags  # no mouse reports
    assert flags["cursor_flag"] == "1", flags  # the cursor is shown
    type_line(tmux, f"stty -a > {tmp_path}/stty.txt; echo STTY=$?")
    screen = tmux.wait_for("STTY=0")  # the shell's own terminal settings, read by stty
    settings = (tmp_path / "stty.txt").read_text().replace(";", " ").split()
    assert "echo" in settings and "icanon" in settings, settings  # cooked mode, echo on
    assert "-echo" not in settings and "-icanon" not in settings, settings
    assert "the card form you were filling in is kept" in screen.replace("\n", "")

    # the form's text is kept, outside the data file, which is whole
    draft = json.loads((data / DRAFT_FILENAME).read_text())
    assert draft["fields"]["label"] == LABEL and draft["card_id"] is None
    assert read_checked(data / DB_FILENAME) is not None
    assert (data / DRAFT_FILENAME).stat().st_mode & 0o777 == 0o600

    # the next start opens the form as it was left; saving it adds the card
    type_line(tmux, "clear")
    type_line(tmux, f"{app}; echo EXIT=$?")
    tmux.wait_for("Use an encrypted file")  # asked first, as when `a` opens the form
    tmux.keys("n")
    tmux.wait_for("The form you were filling in when the last session ended")
    tmux.wait_for(LABEL)
    tmux.keys("C-s")
    tmux.wait_for(f"Added {LABEL}")
    tmux.keys("q")
    tmux.wait_for("EXIT=0")
    store = Store.open(data / DB_FILENAME)
    assert [card.label for card in store.cards()] == [LABEL]
    store.close()
    assert not (data / DRAFT_FILENAME).exists()  # used: not offered again


@pytest.mark.slow
def test_dropped_ssh_connection_ends_the_app_and_keeps_the_form(sshd, tmp_path):
    """The SSH client dies (the laptop's lid closes, the Wi-Fi goes): sshd hangs up the
    terminal and the app gets SIGHUP with no terminal left to restore. It must end, not
    linger, and keep the form."""
    tmux = Tmux(tmp_path)
    data, config = tmp_path / "data", tmp_path / "config"
    remote = (
        f"cd {ROOT} && env -u DBUS_SESSION_BUS_ADDRESS TERM=xterm-256color LANG=C.UTF-8 "
        f"{sys.executable} -m tui --data-dir {data} --config-dir {config}"
    )
    try:
        tmux.start(ssh_command(sshd, remote))
        open_form_and_type(tmux)
        assert processes_with(str(data), "python"), "the app is not running"
        ssh_clients = processes_with(str(data), "ssh")
        assert ssh_clients, "the ssh client was not found"
        for pid in ssh_clients:
            os.kill(pid, signal.SIGKILL)  # the connection drops; nothing is said to the app
        wait_until_ended(str(data), "python")
    finally:
        tmux.kill()
    draft = json.loads((data / DRAFT_FILENAME).read_text())
    assert draft["fields"]["label"] == LABEL and draft["ended_by"] == "SIGHUP"
    assert read_checked(data / DB_FILENAME) is not None  # whole


@pytest.mark.parametrize("wrapper", ["make", "sh"])
def test_a_closed_terminal_ends_the_app_run_under_another_program(tmux, tmp_path, wrapper):
    """`make run` in a tmux window, and the window is closed (or an SSH session that
    ran `make run` drops): the terminal hangs up, make or the shell in front of the app
    gets SIGHUP, the app does not. It must still see the terminal is gone, keep the
    form and end as on SIGHUP, not read end-of-file forever on a busy CPU."""
    data, config = tmp_path / "data", tmp_path / "config"
    status = tmp_path / "status"
    app = f"{sys.executable} -m tui --data-dir {data} --config-dir {config}"
    if wrapper == "make":
        makefile = tmp_path / "Makefile"
        makefile.write_text(f"run:\n\tcd {ROOT} && {app}; echo $$? > {status}\n")
        command = ["make", "-s", "-f", str(makefile), "run"]
    else:
        command = ["sh", "-c", f"cd {ROOT} && {app}; echo $? > {status}"]
    tmux.env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    tmux.start(command)
    open_form_and_type(tmux)
    assert processes_with(str(data), "python"), "the app is not running"
    tmux.kill()  # the window closes: its terminal hangs up
    try:
        wait_until_ended(str(data), "python")
    finally:  # a failure leaves no app spinning behind
        for pid in processes_with(str(data)):
            os.kill(pid, signal.SIGKILL)
    if wrapper == "make":  # the recipe's shell lives on to say it (sh itself got SIGHUP)
        assert status.read_text().strip() == str(128 + signal.SIGHUP)
    draft = json.loads((data / DRAFT_FILENAME).read_text())
    assert draft["fields"]["label"] == LABEL and draft["ended_by"] == "SIGHUP"
    assert read_checked(data / DB_FILENAME) is not None  # whole


def test_kill_on_the_damaged_file_screen_leaves_the_terminal_and_the_file(tmux, tmp_path):
    """The screen shown instead of the app when the data file cannot be used is ended
    the same way: terminal back, the file exactly as it was, nothing chosen."""
    data = tmp_path / "data"
    data.mkdir()
    torn = b'{"cards": {"1": {"id": "c1", "lab'
    (data / DB_FILENAME).write_bytes(torn)
    shell_in_tmux(tmux)
    app = f"{sys.executable} -m tui --data-dir {data} --config-dir {tmp_path / 'config'}"
    type_line(tmux, f"cd {ROOT} && {app}; echo EXIT=$?")
    tmux.wait_for("Your data file cannot be used")
    [pid] = processes_with(str(data), "python")
    os.kill(pid, signal.SIGTERM)
    tmux.wait_for("EXIT=143")
    flags = pane_flags(tmux)
    assert flags["alternate_on"] == "0" and flags["cursor_flag"] == "1", flags
    assert all(flags[name] == "0" for name in MOUSE_FLAGS), flags
    assert (data / DB_FILENAME).read_bytes() == torn


async def test_a_kept_form_never_holds_identifiers_and_opens_once(tmp_path, make_app):
    """An ICCID typed into the form is not written to the draft (it never goes into a
    plain file); the next start opens the form with the rest and says the identifier
    must be typed again; closing that form forgets the draft."""
    from textual.widgets import Input

    from tests.helpers.pilot import settle, wait_until
    from tui.ui.card_form import CardForm

    iccid = "89860011223344556677"
    data = tmp_path / "data"
    store = Store.open(data / DB_FILENAME)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("a", *"Kept")
        await wait_until(pilot, lambda: isinstance(app.screen, CardForm), "the form")
        app.screen.query_one("#id-iccid", Input).value = iccid  # as if typed
        said = app.keep_form_draft("SIGTERM")
    assert "kept" in said
    kept = (data / DRAFT_FILENAME).read_text()
    assert iccid not in kept and iccid[-4:] not in kept
    assert json.loads(kept)["had_identifiers"] is True

    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, CardForm), "the kept form")
        await settle(pilot)
        assert app.screen.query_one("#label", Input).value == "Kept"
        note = str(app.screen.query_one("#form-error").render())
        assert "were not kept" in note and "type them again" in note
        await pilot.press("escape", "y")  # what it holds was never saved: asked first
        await wait_until(pilot, lambda: not isinstance(app.screen, CardForm), "the form closed")
    assert not (data / DRAFT_FILENAME).exists()
    store.close()
