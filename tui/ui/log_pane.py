"""The status log: what happened when, newest first, for one card or for all."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.model import LogEntry
from tui.ui.labels import localise_bindings, log_text
from tui.ui.repaint import BorderedPane, PartialRepaint


class LogList(PartialRepaint, OptionList):
    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="log.down"),
        Binding("k", "cursor_up", "Up", show=False, id="log.up"),
        Binding("g", "first", "First", show=False, id="log.first"),
        Binding("G", "last", "Last", show=False, id="log.last"),
    ]

    def show(self, options: list[Option]) -> None:
        """Show these options from the top, with none highlighted.

        A list that grows (a new entry on top) has its prompts replaced in place: emptied
        and refilled, the list would lose and regain its scroll bar, each a layout pass of
        the whole screen that repaints the scroll bar of every list and table on it."""
        old = self.options
        if len(options) < len(old) or any(
            a.disabled != b.disabled for a, b in zip(old, options, strict=False)
        ):
            self.set_options(options)
            return
        with self.changing_lines():
            self.highlighted = None
            self.scroll_y = 0
            for index, (before, after) in enumerate(zip(old, options, strict=False)):
                if before.prompt != after.prompt:
                    self.replace_option_prompt_at_index(index, after.prompt)
            self.add_options(options[len(old) :])


class LogPane(BorderedPane, Vertical):
    def compose(self) -> ComposeResult:
        entries = LogList(id="log-entries")
        localise_bindings(entries, self.app.t)
        yield entries

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._entries: list[Text] = []  # one line per entry shown, newest first
        self._all_cards = False
        self._note = ""

    def show(self, entries: list[LogEntry], all_cards: bool, note: str = "") -> None:
        """`entries` newest first; `note` (e.g. that another session changed the data)
        heads the list."""
        self._all_cards, self._note = all_cards, note
        self._entries = self._lines(entries)
        self._show()

    def add(self, entries: Sequence[LogEntry]) -> None:
        """Entries just written (oldest first) go on top of those shown; the others'
        lines are not built again."""
        if entries:
            self._entries[:0] = self._lines(list(reversed(entries)))
            self._show()

    def _lines(self, entries: list[LogEntry]) -> list[Text]:
        t = self.app.t
        # Text, not str: an option reads a str as markup (a label with "[/]")
        return [Text(log_text(e, t, with_card=self._all_cards)) for e in entries]

    def _show(self) -> None:
        t = self.app.t
        scope = t("log.all_cards") if self._all_cards else t("log.this_card")
        count = t("log.count", count=len(self._entries))
        self.set_border(f"{t('pane.log')} · {scope}", count)
        note = self._note
        options = [Option(Text(note, style="italic"), disabled=True)] if note else []
        # new options each time: the list changes the prompts of those it holds
        options += [Option(line) for line in self._entries] or [
            Option(t("log.empty"), disabled=True)
        ]
        self.query_one(LogList).show(options)
