"""A tmux server of the test's own, at 80x24: start a command, send keys, read the screen."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

from tests.conftest import require_tool


class Tmux:
    def __init__(self, tmp_path: Path) -> None:
        self.binary = require_tool("tmux")
        self.socket = f"cardoff-test-{os.getpid()}-{tmp_path.name}"
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

    def wait_for(self, text: str, timeout: float = 20, times: int = 1) -> str:
        """Wait until `text` is on the screen (at least `times` times); return the screen."""
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if screen.count(text) >= times:
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
