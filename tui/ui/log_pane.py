"""The status log: what happened when, newest first, for one card or for all."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical

from tui.records.model import LogEntry
from tui.ui.entry_list import Entry, EntryList
from tui.ui.labels import localise_bindings, log_text
from tui.ui.repaint import BorderedPane

INDENT = 2  # cells in from an entry's date: where the entry's wrapped lines start


class LogList(EntryList):
    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="log.down"),
        Binding("k", "cursor_up", "Up", show=False, id="log.up"),
        Binding("g", "first", "First", show=False, id="log.first"),
        Binding("G", "last", "Last", show=False, id="log.last"),
    ]


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
        self._subject: str | None = None

    def show(
        self, entries: list[LogEntry], all_cards: bool, note: str = "", subject: str | None = None
    ) -> None:
        """`entries` newest first; `note` (e.g. that another session changed the data)
        heads the list; `subject`: the card whose log it is (None: every card's)."""
        whole = subject != self._subject or all_cards != self._all_cards
        self._all_cards, self._note, self._subject = all_cards, note, subject
        self._entries = self._lines(entries)
        self._show(whole)

    def add(self, entries: Sequence[LogEntry]) -> None:
        """Entries just written (oldest first) go on top of those shown; the others'
        lines are not built or wrapped again."""
        if not entries:
            return
        was_empty = not self._entries
        lines = self._lines(list(reversed(entries)))
        self._entries[:0] = lines
        if was_empty:
            self._show()
            return
        self._set_count()
        below = 1 if self._note else 0
        self.query_one(LogList).put_on_top([Entry(line, indent=INDENT) for line in lines],
                                           below=below)

    def _lines(self, entries: list[LogEntry]) -> list[Text]:
        t = self.app.t
        # Text, not str: an entry reads as text, never as markup (a label with "[/]")
        return [Text(log_text(e, t, with_card=self._all_cards)) for e in entries]

    def _set_count(self) -> None:
        t = self.app.t
        scope = t("log.all_cards") if self._all_cards else t("log.this_card")
        count = t("log.count", count=len(self._entries))
        self.set_border(f"{t('pane.log')} · {scope}", count)

    def _show(self, whole: bool = False) -> None:
        self._set_count()
        note = self._note
        shown = [Entry(Text(note, style="italic"), disabled=True)] if note else []
        shown += [Entry(line, indent=INDENT) for line in self._entries] or [
            Entry(Text(self.app.t("log.empty")), disabled=True)
        ]
        self.query_one(LogList).show(shown, whole=whole)
