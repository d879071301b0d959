"""The messages said lately, whole and newest first: what the status line cut short
or has cleared already (`M`, or the palette)."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from tui.ui.labels import localise_bindings
from tui.ui.reading_screen import ReadingScreen, reading_bindings
from tui.ui.status_line import SEVERITY_STYLES, Said


class MessagesScreen(ReadingScreen):
    BINDINGS = reading_bindings("messages", "escape,q,M")

    def __init__(self, said: list[Said]) -> None:
        """`said`: the messages, oldest first (StatusLine.said)."""
        super().__init__(classes="dialog")
        self.said = said

    def compose(self) -> ComposeResult:
        t = self.app.t
        localise_bindings(self, t)
        with Vertical(classes="dialog-box messages-box") as box:
            box.border_title = t("messages.title")
            with VerticalScroll(id="messages-scroll"):
                yield Static(self._body(), id="messages-body")
            yield Static(t("messages.hint"), classes="dialog-hint")

    def _body(self) -> Table | Text:
        if not self.said:
            return Text(self.app.t("messages.none"))
        table = Table.grid(padding=(0, 2))
        table.add_column(no_wrap=True, style="dim")
        table.add_column(overflow="fold")  # whole: a long path folds, never cut
        for said in reversed(self.said):
            table.add_row(said.when, Text(said.text, style=SEVERITY_STYLES.get(said.severity, "")))
        return table

    @property
    def text(self) -> str:
        """The messages as listed, newest first (one a line)."""
        return "\n".join(said.text for said in reversed(self.said))
