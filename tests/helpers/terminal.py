"""A tmux server of the test's own, at 80x24: start a command, send keys, read the screen.

A test sends a key, then waits for what only that key brings about (a field taking the
focus, a dialog's title, a count changing) before it sends the next one. On a busy
machine the app may take seconds to answer; a key sent before the app is ready for it
lands somewhere else. A wait gives up after TIMEOUT, which only a hang reaches, and then
says what it waited for and shows the screen.
"""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from tests.conftest import require_tool

TIMEOUT = 90.0
POLL_SECONDS = 0.1
T = TypeVar("T")


@dataclass(frozen=True)
class Screen:
    """One capture of the pane: its text, and where the (hidden) cursor is. Textual puts
    the cursor after what was typed into an Input. (Where it is right after a field takes
    the focus is less sure: a dialog that focuses a field as it opens leaves it at the
    dialog's corner, and a Select or a list leaves it where it was.)"""

    text: str
    cursor: tuple[int, int]

    @property
    def cursor_line(self) -> str:
        lines = self.text.split("\n")
        row = self.cursor[1]
        return lines[row] if 0 <= row < len(lines) else ""


def read_cells(captured: str, width: int = 80, height: int = 24):
    """capture-pane -e output replayed into a terminal emulator: rows of pyte cells."""
    import pyte

    screen = pyte.Screen(width, height)
    pyte.Stream(screen).feed(captured.rstrip("\n").replace("\n", "\r\n"))
    return [[screen.buffer[y][x] for x in range(width)] for y in range(height)]


def row_text(row) -> str:
    """A row of cells as text, one character per cell (the right half of a wide
    character is a NUL), so an index in the text is a column."""
    return "".join(cell.data[:1] or "\0" for cell in row)


def _occurrences(line: str, text: str):
    start = line.find(text)
    while start >= 0:
        yield start
        start = line.find(text, start + 1)


EDGES = "│┃"  # the sides of a dialog or a pane


def field_focused(rows, text: str) -> bool:
    """The field that shows `text` (its label, placeholder or value) on the first line
    that holds `text` is focused: Textual draws a focused field, even an empty one, on a
    background of its own, unlike the dialog around it. (An open drop-down list over
    the line looks the same.)"""
    for row in rows:
        line = row_text(row)
        start = line.find(text)
        if start < 0:
            continue
        left = max(line.rfind(edge, 0, start) for edge in EDGES)
        for x in range(start, len(row)):
            if line[x] in EDGES:
                break
            if row[x].bg != row[max(left, 0)].bg:
                return True
        return False
    return False


def button_focused(rows, text: str) -> bool:
    """The button labelled `text` is focused: Textual draws its label in reverse."""
    for row in rows:
        line = row_text(row)
        for start in _occurrences(line, text):
            if all(cell.reverse for cell in row[start : start + len(text)]):
                return True
    return False


def highlighted(rows, text: str) -> bool:
    """`text` is the highlighted option of a list: drawn bold, on the cursor's colour."""
    for row in rows:
        line = row_text(row)
        for start in _occurrences(line, text):
            cells = row[start : start + len(text)]
            if start > 0 and all(c.bold and c.bg == cells[0].bg for c in cells):
                if cells[0].bg != row[start - 1].bg:
                    return True
    return False


def detail_opening(playbook, number: int, width: int = 30) -> str:
    """The first words of step `number`'s detail: what the steps pane shows under the
    list once that step is highlighted (short enough to fit on its first line)."""
    words = playbook.steps[number - 1].detail.get("en").split()
    opening = words[0]
    for word in words[1:]:
        if len(opening) + 1 + len(word) > width:
            break
        opening += " " + word
    return opening


class Tmux:
    def __init__(self, tmp_path: Path) -> None:
        self.binary = require_tool("tmux")
        self.socket = f"cardoff-test-{os.getpid()}-{tmp_path.name}"
        self.env = {**os.environ, "LANG": "C.UTF-8", "TERM": "xterm-256color"}
        # the size comes from tmux's terminal: COLUMNS and LINES (pytest-xdist's workers
        # set them) would pin the app at that size through every resize
        for name in ("TMUX", "COLUMNS", "LINES"):
            self.env.pop(name, None)

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

    def capture(self) -> Screen:
        """The text and the cursor, read in one tmux command (so from the same moment)."""
        where = "#{cursor_x},#{cursor_y}"
        out = self.run(
            "display-message", "-p", "-t", "app", where, ";", "capture-pane", "-p", "-t", "app"
        ).stdout
        first, _, text = out.partition("\n")
        x, _, y = first.partition(",")
        return Screen(text, (int(x), int(y)) if x.isdigit() and y.isdigit() else (-1, -1))

    def screen(self) -> str:
        return self.run("capture-pane", "-p", "-t", "app").stdout

    def painted(self) -> str:
        """The screen with its colours and styles (escape sequences)."""
        return self.run("capture-pane", "-e", "-p", "-t", "app").stdout

    def painted_steady(
        self, what: str = "the screen", ready: Callable[[str], bool] | None = None
    ) -> str:
        """`painted()` once two reads in a row are alike (and `ready` holds for it): a
        capture taken while tmux is still reading the app's update can hold part of the
        new frame and part of the old, so a screen kept to compare with later is one
        that the next read shows too."""
        before = ""

        def steady(painted: str) -> bool:
            nonlocal before
            same, before = painted == before, painted
            return same and (ready is None or ready(painted))

        return self.wait_until(f"{what}, read twice alike", steady, self.painted)

    def cells(self):
        return read_cells(self.painted())

    def keys(self, *keys: str, literal: bool = False) -> None:
        self.run("send-keys", "-t", "app", *(["-l"] if literal else []), *keys)

    # waits: each polls until the state is there, and fails only after TIMEOUT
    def wait_until(
        self,
        what: str,
        ready: Callable[[T], bool],
        read: Callable[[], T] | None = None,
        timeout: float = TIMEOUT,
    ) -> T:
        """Read (a Screen, unless `read` says otherwise) until `ready` holds; return it."""
        read = read or self.capture
        deadline = time.monotonic() + timeout
        while True:
            got = read()
            if ready(got):
                return got
            if time.monotonic() > deadline:
                last = self.capture()
                raise AssertionError(
                    f"waited {timeout:.0f} s for {what}; the screen was "
                    f"(cursor at {last.cursor[0]},{last.cursor[1]}):\n{last.text}"
                )
            time.sleep(POLL_SECONDS)

    def wait_for(self, text: str, timeout: float = TIMEOUT, times: int = 1) -> str:
        """Wait until `text` is on the screen (at least `times` times); return the screen.
        A no-break space on the screen reads as the space it looks like."""
        what = f"{text!r} on the screen" + (f" {times} times" if times > 1 else "")

        def shown(s) -> bool:
            return s.text.replace("\u00a0", " ").count(text) >= times

        return self.wait_until(what, shown, timeout=timeout).text

    def wait_without(self, text: str, timeout: float = TIMEOUT) -> str:
        """Wait until `text` has left the screen; return the screen."""
        what = f"{text!r} to leave the screen"
        return self.wait_until(what, lambda s: text not in s.text, timeout=timeout).text

    def wait_focus(self, text: str, timeout: float = TIMEOUT) -> None:
        """Wait until the field that shows `text` (its label, placeholder or value) has
        the focus. `text` should be on that field's line and on none above it."""
        what = f"the focus on the field of {text!r} (drawn on a background of its own)"
        self.wait_until(what, lambda rows: field_focused(rows, text), self.cells, timeout)

    def wait_button_focus(self, label: str, timeout: float = TIMEOUT) -> None:
        what = f"the focus on the button {label!r} (its label in reverse)"
        self.wait_until(what, lambda rows: button_focused(rows, label), self.cells, timeout)

    def wait_typed(self, text: str, timeout: float = TIMEOUT) -> str:
        """Wait until `text` is on the cursor's line: typed into the focused Input (which
        moves the hidden cursor along as it takes each character); return the screen."""
        what = f"{text!r} typed into the focused field (on the cursor's line)"
        return self.wait_until(what, lambda s: text in s.cursor_line, timeout=timeout).text

    def wait_highlight(self, text: str, timeout: float = TIMEOUT) -> None:
        """Wait until `text` is the highlighted option of a list."""
        what = f"{text!r} highlighted in a list"
        self.wait_until(what, lambda rows: highlighted(rows, text), self.cells, timeout)

    def wait_gone(self, timeout: float = TIMEOUT) -> None:
        """Wait until the app has quit and its tmux session is gone."""
        self.wait_until(
            "the app to quit",
            lambda gone: gone,
            lambda: self.run("has-session", "-t", "app").returncode != 0,
            timeout,
        )

    def kill(self) -> None:
        self.run("kill-server")
