"""The records of the data file that were set aside as damaged: where each is, which
card it names, what is wrong, and its text as the file holds it."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from tui.records.damaged_records import DamagedRecord, problem_words
from tui.ui.dialog_screen import DialogScreen
from tui.ui.labels import localise_bindings

TEXT_SHOWN = 600  # characters of a record's text shown; the file holds all of it


class DamagedScreen(DialogScreen[None]):
    BINDINGS = [Binding("escape,q", "close", "Close", id="damaged.close")]

    def __init__(self, records: list[DamagedRecord], path: str) -> None:
        super().__init__(classes="dialog")
        self.records = records
        self.path = path

    def compose(self) -> ComposeResult:
        t = self.app.t
        localise_bindings(self, t)
        with Vertical(classes="dialog-box help-box", id="damaged-box") as box:
            box.border_title = t("data.damaged_title")
            with VerticalScroll():
                if not self.records:
                    yield Static(t("data.damaged_none"))
                else:
                    yield Static(t("data.damaged_intro", path=self.path), classes="help-intro")
                for record in self.records:
                    yield Static(_describe(record, t), classes="damaged-record")
            yield Static(t("data.damaged_close"), classes="dialog-hint")

    def action_close(self) -> None:
        self.dismiss(None)


def _describe(record: DamagedRecord, t) -> Text:
    """Where the record is and which card it names (bold), what is wrong, its text."""
    where = t("data.damaged_record", table=record.table, number=record.key)
    if record.record_id:
        where += " · " + t("data.damaged_card", id=record.record_id)
    if record.label:
        where += f" · {record.label}"
    text = record.text if len(record.text) <= TEXT_SHOWN else record.text[:TEXT_SHOWN] + " …"
    shown = Text(where + "\n", style="bold")
    shown.append(problem_words(record.problem, t) + "\n", style="")
    shown.append(text + "\n", style="dim")
    return shown
