"""One line above the footer for what just happened.

Used instead of Textual's toasts: a toast over the panes drops Chinese characters
where it crosses a pane border (Textual issue #6357), and a toast's expiry timer
repaints an idle screen (bytes over SSH). The line keeps the last message until
the next one.
"""

from __future__ import annotations

from textual.widgets import Static

SEVERITIES = ("information", "warning", "error")


class StatusLine(Static):
    DEFAULT_CSS = """
    StatusLine {
        height: 1;
        padding: 0 1;
        color: $text-muted;
    }
    StatusLine.-warning { color: $warning; text-style: bold; }
    StatusLine.-error { color: $error; text-style: bold; }
    """

    def say(self, message: str, severity: str = "information") -> None:
        self.set_classes([f"-{severity}"] if severity in SEVERITIES[1:] else [])
        self.update(message)

    @property
    def message(self) -> str:
        return str(self.render())
