"""The dialog that asks for one path: a file to attach, or the folder to export the
attached files into. Its work (reading the file, the keyring, the disk) runs off the
UI thread; a refusal (no such file, too large, no key…) is shown in the dialog,
which keeps what was typed."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from tui.base.errors import CardoffError
from tui.ui.field_dialog import FieldDialog, Save
from tui.ui.labels import localise_bindings


class PathScreen(FieldDialog):
    """`save({"path": typed})` runs in a thread; what it returns is the result (see
    FieldDialog for a refusal). `field_key` names the field's label (a catalog key)."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="attachment.cancel"),
        Binding("ctrl+s", "save", "OK", id="attachment.save", show=False),
        Binding("enter", "enter_key", "OK", id="attachment.next", priority=True),
    ]
    prefix = "at"

    def __init__(self, title: str, body: str, field_key: str, save: Save) -> None:
        super().__init__(("path",), save)
        self.title_text, self.body, self.field_key = title, body, field_key
        self._working = False

    def compose(self) -> ComposeResult:
        t = self.app.t
        localise_bindings(self, t)
        with Vertical(classes="dialog-box") as box:
            box.border_title = Text(self.title_text)
            yield Static(self.body, markup=False)
            yield from self.field_rows(lambda _: t(self.field_key), lambda _: "")
            yield self.error_line()
            yield Static(t("attachment.hint"), classes="dialog-hint")

    def action_save(self) -> None:
        if self._working:
            return  # the first press is at work
        self._working = True
        self.clear_errors()
        self.say(self.app.t("attachment.working"))
        self._save_off_ui_thread(self.values())

    @work(thread=True, exclusive=True, group="attachment", description="attachment")
    def _save_off_ui_thread(self, values: dict[str, str]) -> None:
        try:
            result = self._save(values)
        except CardoffError as exc:
            self.app.call_from_thread(self._refused, exc)
            return
        self.app.call_from_thread(self.dismiss, result)

    def _refused(self, exc: CardoffError) -> None:
        self._working = False
        self.clear_errors()
        self.show_error(exc)
