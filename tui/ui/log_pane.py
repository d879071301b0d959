"""The status log: what happened when, newest first, for one card or for all."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.model import LogEntry
from tui.ui.labels import localise_bindings, log_text


class LogList(OptionList):
    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="log.down"),
        Binding("k", "cursor_up", "Up", show=False, id="log.up"),
        Binding("g", "first", "First", show=False, id="log.first"),
        Binding("G", "last", "Last", show=False, id="log.last"),
    ]


class LogPane(Vertical):
    def compose(self) -> ComposeResult:
        entries = LogList(id="log-entries")
        localise_bindings(entries, self.app.t)
        yield entries

    def show(self, entries: list[LogEntry], all_cards: bool, note: str = "") -> None:
        """`note` (e.g. that another session changed the data) heads the list."""
        t = self.app.t
        scope = t("log.all_cards") if all_cards else t("log.this_card")
        self.border_title = f"{t('pane.log')} · {scope}"
        self.border_subtitle = t("log.count", count=len(entries))
        log_list = self.query_one(LogList)
        log_list.clear_options()
        if note:
            log_list.add_option(Option(Text(note, style="italic"), disabled=True))
        if not entries:
            log_list.add_option(Option(t("log.empty"), disabled=True))
            return
        log_list.add_options(Option(log_text(e, t, with_card=all_cards)) for e in entries)
