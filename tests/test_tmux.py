"""The first-use journey in a real terminal: tmux at 80x24, keys sent, screen read."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import require_tool
from tui.store import DB_FILENAME, Store

LABEL = "旧手机 eSIM"


class Tmux:
    def __init__(self, tmp_path: Path) -> None:
        self.binary = require_tool("tmux")
        self.socket = f"cardoff-test-{os.getpid()}"
        self.env = {**os.environ, "LANG": "C.UTF-8", "TERM": "xterm-256color"}
        self.env.pop("TMUX", None)

    def run(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [self.binary, "-u", "-L", self.socket, *args],
            capture_output=True,
            text=True,
            env=self.env,
            timeout=30,
        )

    def start(self, command: list[str]) -> None:
        line = " ".join(f"'{part}'" for part in command)
        result = self.run("new-session", "-d", "-s", "app", "-x", "80", "-y", "24", line)
        assert result.returncode == 0, result.stderr

    def screen(self) -> str:
        return self.run("capture-pane", "-p", "-t", "app").stdout

    def keys(self, *keys: str, literal: bool = False) -> None:
        self.run("send-keys", "-t", "app", *(["-l"] if literal else []), *keys)

    def wait_for(self, text: str, timeout: float = 20) -> str:
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never appeared; the screen was:\n{screen}")

    def wait_gone(self, timeout: float = 20) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.run("has-session", "-t", "app").returncode != 0:
                return
            time.sleep(0.1)
        raise AssertionError(f"the app did not quit; the screen was:\n{self.screen()}")

    def kill(self) -> None:
        self.run("kill-server")


@pytest.fixture
def tmux(tmp_path):
    session = Tmux(tmp_path)
    yield session
    session.kill()


def test_new_user_journey_in_tmux(tmux, tmp_path):
    data, config = tmp_path / "data", tmp_path / "config"
    command = [sys.executable, "-m", "tui", "--data-dir", str(data), "--config-dir", str(config)]
    tmux.start(command)
    tmux.wait_for("No cards yet")
    tmux.keys("a")
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
    tmux.keys("q")
    tmux.wait_gone()

    store = Store.open(data / DB_FILENAME)
    [card] = store.cards()
    assert card.label == LABEL and len(store.progress(card.id)) == 3
    store.close()

    tmux.start(command)
    screen = tmux.wait_for(LABEL)
    assert "3/10" in screen and screen.count("[x]") == 3
    assert screen.count("checked:") >= 2 and "card added" in screen
    for line in screen.splitlines():
        assert len(line) <= 80
    tmux.keys("q")
    tmux.wait_gone()
