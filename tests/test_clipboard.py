"""Copies inside tmux (issue 13): the app says "copied" only when the copy can reach the
clipboard, and otherwise shows what to copy by hand and how to let copies through;
`doctor` reads tmux's real settings, and what it claims is checked against what tmux
does with an OSC 52 copy."""

from __future__ import annotations

import base64
import os
import sys
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.helpers.pilot import lookup_answered, settle
from tests.test_leave_nothing_behind import ICCID, SIZE, seeded
from tui.base.clipboard_reach import Reach
from tui.ui.dialogs import NotCopiedDialog
from tui.ui.secrets_screens import CopyPicker
from tui.ui.status_line import StatusLine

ROOT = str(Path(__file__).resolve().parent.parent)
ICBC = "Industrial and Commercial Bank of China"  # the issuer "icbc" and "工行" find


def clear_buffers(tmux) -> None:
    while tmux.run("delete-buffer").returncode == 0:
        pass


def buffers(tmux) -> str:
    """What tmux holds in its paste buffers: where an OSC 52 copy that tmux accepts goes
    (and, with set-clipboard on, on to the outer terminal's clipboard)."""
    listed = tmux.run("list-buffers", "-F", "#{buffer_name}").stdout.split()
    return "\n".join(tmux.run("show-buffer", "-b", name).stdout for name in listed)


def osc52_reaches_tmux(tmux, text: str) -> bool:
    """A program in a second window of the test's tmux copies `text` with OSC 52, then
    prints a marker; once the marker is drawn, tmux has handled the copy: did it take it?"""
    clear_buffers(tmux)
    encoded = base64.b64encode(text.encode()).decode()
    command = f"printf '\\033]52;c;{encoded}\\a'; echo COPY-SENT; sleep 600"
    tmux.run("new-window", "-d", "-t", "app", "-n", "probe", command)
    tmux.wait_until(
        "the probe's marker",
        lambda screen: "COPY-SENT" in screen,
        lambda: tmux.run("capture-pane", "-p", "-t", "app:probe").stdout,
    )
    tmux.run("kill-window", "-t", "app:probe")
    return text in buffers(tmux)


def doctor_in(tmux, tmp_path):
    """`cardoff-tui doctor` as a program run inside the test's tmux sees it: $TMUX names
    that server's socket. Returns the doctor's lines by label."""
    socket = tmux.run("display-message", "-p", "-t", "app", "#{socket_path}").stdout.strip()
    pane_pid = tmux.run("display-message", "-p", "-t", "app", "#{pid}").stdout.strip()
    env = {k: v for k, v in os.environ.items() if k != "DBUS_SESSION_BUS_ADDRESS"}
    env.update(PYTHONPATH=ROOT, TMUX=f"{socket},{pane_pid},0", TERM="tmux-256color")
    result = run_cli("doctor", data=tmp_path / "data", config=tmp_path / "config", env=env)
    lines = {}
    for line in result.stdout.splitlines():
        mark, _, rest = line.partition(" ")
        label, _, text = rest.strip().partition("  ")
        lines[label] = (mark, text.strip())
    return lines


@pytest.mark.parametrize("setting", ["external", "on", "off"])
def test_doctor_says_what_tmux_does_with_a_copy(tmux, tmp_path, setting):
    tmux.start(["sleep", "600"])
    tmux.run("set-option", "-s", "set-clipboard", setting)
    mark, text = doctor_in(tmux, tmp_path)["clipboard"]
    reaches = osc52_reaches_tmux(tmux, "cardoff-probe-52")
    assert reaches == (setting == "on")  # what tmux does
    assert ("copies are passed on" in text) == reaches, text  # what doctor says
    assert ("copies stop at tmux" in text) == (not reaches), text
    assert (mark == "WARN") == (not reaches), (mark, text)
    if not reaches:
        assert f"set-clipboard {setting}" in text and "`set -g set-clipboard on`" in text


@pytest.mark.parametrize(("ms", "advice"), [(500, True), (10, False)])
def test_doctor_reads_tmux_escape_time(tmux, tmp_path, ms, advice):
    tmux.start(["sleep", "600"])
    tmux.run("set-option", "-s", "escape-time", str(ms))
    assert tmux.run("show-options", "-sv", "escape-time").stdout.strip() == str(ms)
    mark, text = doctor_in(tmux, tmp_path)["tmux escape"]
    assert text.startswith(f"escape-time {ms} ms")
    assert (mark == "WARN") == advice
    assert ("`set -sg escape-time 10`" in text) == advice


def test_doctor_outside_tmux_says_nothing_of_tmux(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("TMUX", "STY")}
    env.update(PYTHONPATH=ROOT, TERM="xterm-256color")
    out = run_cli("doctor", data=tmp_path / "data", config=tmp_path / "c", env=env).stdout
    [clipboard] = [line for line in out.splitlines() if " clipboard " in line]
    assert clipboard.startswith("ok") and "local terminal" in clipboard
    assert " escape " not in out


def test_hotline_copy_in_tmux_tells_the_truth_both_ways(tmux, tmp_path):
    """tmux's default (external): Enter on ICBC copies nothing and says so, showing the
    number and the fix. Then, set-clipboard on in the same session: the copy reaches tmux
    (a paste buffer holds the number) and the app says "Copied"."""
    tmux.env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    tmux.start([sys.executable, "-m", "tui", "--data-dir", str(tmp_path / "data"),
                "--config-dir", str(tmp_path / "config")])
    tmux.wait_for("identifiers: off (no keyring)")
    clear_buffers(tmux)
    assert tmux.run("show-options", "-sv", "set-clipboard").stdout.strip() == "external"

    def look_up_icbc() -> None:
        tmux.keys("h")
        tmux.wait_focus("Issuer, in English or Chinese")
        tmux.keys("icbc", literal=True)
        tmux.wait_typed("icbc")
        tmux.wait_for("95588")
        tmux.keys("Enter")

    look_up_icbc()
    screen = tmux.wait_for("Not copied")
    assert f"95588 ({ICBC})" in screen and "set -g set-clipboard on" in screen
    assert "Copied" not in screen and "95588" not in buffers(tmux)
    tmux.keys("Escape")
    tmux.wait_without("Not copied")

    tmux.run("set-option", "-s", "set-clipboard", "on")
    look_up_icbc()
    # at 80 columns the status line ends the long name with "…"; the claim is what counts
    tmux.wait_for("Copied 95588 to the clipboard")
    tmux.wait_until("95588 in a tmux paste buffer", lambda held: "95588" in held,
                    lambda: buffers(tmux))
    tmux.keys("q")
    tmux.wait_gone()


def test_tmux_that_cannot_be_asked_is_not_taken_to_copy(tmux, tmp_path):
    """Inside tmux, but tmux is not on the app's PATH (so set-clipboard cannot be read;
    the server here even has it on): the app does not claim "Copied", it shows the number
    and the fix, and doctor in the same environment warns the same way."""
    (tmp_path / "nobin").mkdir()
    tmux.env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    tmux.env["PATH"] = str(tmp_path / "nobin")
    tmux.run("set-option", "-s", "set-clipboard", "on")
    tmux.start([sys.executable, "-m", "tui", "--data-dir", str(tmp_path / "data"),
                "--config-dir", str(tmp_path / "config")])
    tmux.wait_for("identifiers: off (no keyring)")
    tmux.keys("h")
    tmux.wait_focus("Issuer, in English or Chinese")
    tmux.keys("icbc", literal=True)
    tmux.wait_typed("icbc")
    tmux.wait_for("95588")
    tmux.keys("Enter")
    screen = tmux.wait_for("Not copied")
    assert "cardoff-tui could not read that" in screen and f"95588 ({ICBC})" in screen
    assert "Copied" not in screen
    tmux.keys("Escape")
    tmux.wait_without("Not copied")
    tmux.keys("q")
    tmux.wait_gone()
    env = dict(os.environ, PYTHONPATH=ROOT, TMUX="/nonexistent,1,0", PATH=str(tmp_path / "nobin"))
    out = run_cli("doctor", data=tmp_path / "data", config=tmp_path / "c", env=env).stdout
    [clipboard] = [line for line in out.splitlines() if " clipboard " in line]
    assert clipboard.startswith("WARN") and "could not be read" in clipboard


async def test_an_identifier_that_cannot_be_copied_is_never_shown(
    make_app, tmp_path, content, clock, timers
):
    """Where copies cannot get through, copying an identifier writes nothing to the
    terminal, starts no clearing, and the dialog tells how to show it, not the value."""
    store, setup, _ = seeded(tmp_path, content, clock)
    app = make_app(store, secrets=setup)
    blocked = Reach(False, "tmux", "external", "set -g set-clipboard on")
    app.copy_reach = lambda: blocked
    async with app.run_test(size=SIZE) as pilot:
        await lookup_answered(pilot)
        await pilot.press("c")
        assert isinstance(app.screen, CopyPicker)
        await pilot.press("enter")  # the ICCID
        await settle(pilot)
        assert isinstance(app.screen, NotCopiedDialog)
        body = str(app.screen.query_one("#not-copied-body").render())
        assert "Press r to show it" in body and "set -g set-clipboard on" in body
        assert ICCID not in body and ICCID[-4:] not in body
        assert app.clipboard == "" and app._clipboard_timer is None
        assert "Copied" not in app.query_one(StatusLine).message
        await pilot.press("escape")
        assert not isinstance(app.screen, NotCopiedDialog)


@pytest.mark.parametrize(
    ("fields", "by_hand"),
    [
        (("Debit", "bank", "cancel", "工行", "CN"), f"95588 ({ICBC})"),
        # no issuer: the card network's lost-card line, named as the network's
        (("Credit", "bank", "cancel", "", "US", "", False, "visa"), "(800) 847-2911 (Visa)"),
    ],
)
async def test_a_lost_wallet_number_that_cannot_be_copied_is_shown(
    make_app, content, clock, fields, by_hand
):
    from tui.domain.tracker import Tracker
    from tui.records.card_fields import CardFields
    from tui.storage.store import Store
    from tui.ui.lost_wallet import LostWalletScreen

    store = Store.in_memory()
    Tracker(store, content.playbooks, clock).add_card(CardFields(*fields, carried=True))
    app = make_app(store)
    app.copy_reach = lambda: Reach(False, "screen")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("L", "enter", "y")
        await settle(pilot)
        assert isinstance(app.screen, LostWalletScreen)
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, NotCopiedDialog)
        body = str(app.screen.query_one("#not-copied-body").render())
        assert "GNU screen" in body and by_hand in body
        assert app.clipboard == ""


def test_every_copy_goes_through_one_rule():
    """Only the rule itself (and the clearing of an identifier it copied) writes to the
    clipboard: any other copy would say "copied" without asking where copies go."""
    ui = Path(ROOT) / "tui" / "ui"
    writers = sorted(p.name for p in ui.glob("*.py") if "copy_to_clipboard(" in p.read_text())
    assert writers == ["identifier_actions.py", "terminal_quirks.py"]
    source = (ui / "identifier_actions.py").read_text()
    calls = [line.strip() for line in source.splitlines() if "copy_to_clipboard(" in line]
    assert all(c in ('self.copy_to_clipboard("")', "super().copy_to_clipboard(text)",
                     "def copy_to_clipboard(self, text: str) -> None:") for c in calls), calls
