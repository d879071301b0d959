"""One line above the footer: what just happened (left) and where identifiers are
kept this session (right).

Used instead of Textual's toasts: a toast over the panes drops Chinese characters
where it crosses a pane border (Textual issue #6357), and a toast's expiry timer
repaints an idle screen (bytes over SSH). The line keeps the last message until
the next one.
"""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.widgets import Static

SEVERITY_STYLES = {"information": "", "warning": "bold yellow", "error": "bold red"}


class StatusLine(Static):
    DEFAULT_CSS = """
    StatusLine {
        height: 1;
        padding: 0 1;
        color: $text-muted;
    }
    """

    def __init__(self, message: str = "", **kwargs) -> None:
        super().__init__(**kwargs)
        self.message = message
        self._style = ""
        self.backend = ""

    def on_mount(self) -> None:
        self._draw()

    def _draw(self) -> None:
        key = (self.message, self._style, self.backend)
        if getattr(self, "_drawn", None) == key:
            return  # nothing new: no repaint
        self._drawn = key
        grid = Table.grid(expand=True)
        grid.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
        grid.add_column(no_wrap=True, justify="right")
        grid.add_row(Text(self.message, style=self._style), Text(self.backend, style="dim"))
        self.update(grid, layout=False)  # always one line: no layout pass needed

    def say(self, message: str, severity: str = "information") -> None:
        self.message = message
        self._style = SEVERITY_STYLES.get(severity, "")
        self._draw()

    def set_backend(self, text: str) -> None:
        self.backend = text
        self._draw()
