"""An idle screen sends nothing: with the filter, the hotline search, a form or the
command palette open and nothing pressed, the installed app writes 0 bytes to its
terminal (no blinking cursor, no timer that repaints). Over SSH every repaint is
bytes on the wire and a wake-up of the user's terminal.

The app runs in a pty at 80x24, its output replayed into a terminal emulator (pyte):
each case sends its keys, waits until the screen shows what only those keys bring
about and the app has gone quiet, then counts the bytes of the next 2 seconds.
"""

from __future__ import annotations

import fcntl
import os
import select
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

IDLE_SECONDS = 2.0
QUIET_SECONDS = 0.3  # under the 0.5 s of a cursor blink: a blinking screen is quiet this long
TIMEOUT = 90.0  # only a hang reaches it


class Terminal:
    """The app in a pty of 80x24; what it writes is fed to a pyte screen."""

    def __init__(self, command: list[str], env: dict[str, str]) -> None:
        import pyte

        self.screen = pyte.Screen(80, 24)
        self.stream = pyte.ByteStream(self.screen)
        self.fd, child = os.openpty()
        fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        self.process = subprocess.Popen(
            command, stdin=child, stdout=child, stderr=child, env=env, start_new_session=True
        )
        os.close(child)

    def read(self, seconds: float) -> int:
        """Bytes the app writes within `seconds` (fed to the screen)."""
        total, deadline = 0, time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            if select.select([self.fd], [], [], left)[0]:
                try:
                    chunk = os.read(self.fd, 65536)
                except OSError:  # EIO: the app has ended
                    break
                total += len(chunk)
                self.stream.feed(chunk)
        return total

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def running(self) -> bool:
        """Whether a thread of the app is running or waiting for a CPU (state R): on a
        busy machine an app still at work can write nothing for a while."""
        for stat in Path(f"/proc/{self.process.pid}/task").glob("*/stat"):
            try:
                state = stat.read_text().rsplit(")", 1)[1].split()[0]
            except (OSError, IndexError):
                continue  # a thread that ended
            if state == "R":
                return True
        return False

    def wait_for(self, *texts: str) -> None:
        """Until every one of `texts` is on the screen and then nothing is written for
        QUIET_SECONDS and no thread of the app is at work."""
        deadline = time.monotonic() + TIMEOUT
        while not all(text in self.text() for text in texts):
            assert time.monotonic() < deadline, f"waited for {texts}; screen:\n{self.text()}"
            self.read(0.1)
        while self.read(QUIET_SECONDS) or self.running():
            assert time.monotonic() < deadline, f"the app never went quiet:\n{self.text()}"

    def keys(self, keys: str) -> None:
        os.write(self.fd, keys.encode())

    def close(self) -> None:
        self.process.kill()
        self.process.wait(timeout=30)
        os.close(self.fd)


@pytest.fixture
def terminal(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "TMUX")}
    env |= {"TERM": "xterm-256color", "LANG": "C.UTF-8", "ESCDELAY": "25"}
    (tmp_path / "data").mkdir()
    started = []

    def start(*args: str) -> Terminal:
        command = [sys.executable, "-m", "tui", "--data-dir", str(tmp_path / "data")]
        started.append(Terminal([*command, "--config-dir", str(tmp_path), *args], env))
        return started[-1]

    yield start
    for each in started:
        each.close()


# (what is open, keys, texts only those keys bring about); all keys are sent at once
OPEN = [
    ("the card list", "", ("Metro card",)),
    ("the filter", "/Metro", ("┃ Metro   ", "1 of 5 shown")),
    ("the hotline search", "h", ("─ Hotlines ─",)),
    ("the hotline search, typed into", "hicbc", ("─ Hotlines ─", "icbc ", "95588")),
    ("the card form", "a", ("Add a card",)),
    ("the command palette", "\x10", ("Search for commands",)),
]


@pytest.mark.parametrize(("what", "keys", "shown"), OPEN, ids=[o[0] for o in OPEN])
def test_an_idle_screen_sends_no_bytes(terminal, what, keys, shown):
    app = terminal("--demo")
    app.wait_for("Metro card")
    app.keys(keys)
    app.wait_for(*shown)
    sent = app.read(IDLE_SECONDS)
    assert sent == 0, f"{what}: {sent} bytes in {IDLE_SECONDS} idle seconds"


def test_idle_means_after_the_screen_settled(terminal):
    """The counting can fail: a key pressed in the idle window is seen."""
    app = terminal("--demo")
    app.wait_for("Metro card")
    app.keys("h")
    assert app.read(IDLE_SECONDS) > 0


def test_every_input_in_the_app_holds_a_steady_cursor():
    """One place turns the blink off (tui/ui/steady_cursor.py): Inputs and TextAreas of
    the app's and of Textual's (the palette's search) alike."""
    from textual.command import CommandInput
    from textual.widgets import Input, TextArea

    import tui.ui.app  # noqa: F401  (applies it)

    assert not Input().cursor_blink and not TextArea().cursor_blink
    assert not CommandInput().cursor_blink
