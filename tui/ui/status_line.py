"""One line above the footer: what the last command did (left) and where identifiers
are kept this session (right); and the messages said lately, for the messages screen.

Used instead of Textual's toasts: a toast over the panes drops Chinese characters
where it crosses a pane border (Textual issue #6357), and a toast's expiry timer
repaints an idle screen (bytes over SSH). A message goes when it no longer says what
the last command did (see status_messages.py): then the line shows its idle hint.
A message too long for the line is cut with "…"; the messages screen shows it whole.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from rich.cells import cell_len
from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from tui.ui.mount_guard import SkipsMountWhileEnding
from tui.ui.text_cuts import cut_to

SEVERITY_STYLES = {"information": "", "warning": "bold yellow", "error": "bold red"}
KEPT = 100  # messages kept for the messages screen, newest last


@dataclass(frozen=True)
class Said:
    """A message as it was shown: `when` (the user's local time, as text), `severity`
    (information, warning or error) and its whole `text`."""

    when: str
    severity: str
    text: str


class StatusLine(SkipsMountWhileEnding, Static):
    DEFAULT_CSS = """
    StatusLine {
        height: 1;
        padding: 0 1;
        color: $text-muted;
    }
    """

    def __init__(self, message: str = "", cut_hint: str = "", **kwargs) -> None:
        """`message`: the idle hint, shown when no message is; `cut_hint`: said after a
        message cut short (where to read it whole)."""
        super().__init__(**kwargs)
        self.idle = message
        self.cut_hint = cut_hint
        self.message = message
        self._style = ""
        self.backend = ""
        self.said: deque[Said] = deque(maxlen=KEPT)

    def on_mount(self) -> None:
        self._draw()

    def on_resize(self) -> None:
        self._draw()

    def _draw(self) -> None:
        key = (self.message, self._style, self.backend, self.size.width)
        if getattr(self, "_drawn", None) == key:
            return  # nothing new: no repaint
        self._drawn = key
        grid = Table.grid(expand=True)
        grid.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
        grid.add_column(no_wrap=True, justify="right")
        grid.add_row(self._message_text(), Text(self.backend, style="dim"))
        self.update(grid, layout=False)  # always one line: no layout pass needed

    def _message_text(self) -> Text:
        """The message, cut to the room the backend leaves with "…" and the cut hint;
        the idle hint is cut with "…" alone (the messages screen does not hold it)."""
        text = Text(self.message, style=self._style)
        room = self.size.width - 2 - (cell_len(self.backend) + 1 if self.backend else 0)
        hint = f" {self.cut_hint}" if self.cut_hint and self.showing_message else ""
        if room <= 0 or text.cell_len <= room or room <= cell_len(hint) + 8:
            return text
        text = cut_to(text, room - cell_len(hint))
        text.append(hint, style="reverse")
        return text

    def say(self, message: str, severity: str = "information", when: str = "") -> None:
        """Show `message` and keep it (with `when`) for the messages screen."""
        self.message = message
        self._style = SEVERITY_STYLES.get(severity, "")
        self.said.append(Said(when, severity, message))
        self._draw()

    @property
    def showing_message(self) -> bool:
        """Whether a message is shown (not the idle hint)."""
        return self.message != self.idle or self._style != ""

    def clear(self) -> None:
        """Back to the idle hint (the message stays among those said)."""
        self.message = self.idle
        self._style = ""
        self._draw()

    def set_backend(self, text: str) -> None:
        self.backend = text
        self._draw()
