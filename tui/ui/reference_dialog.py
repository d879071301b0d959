"""The reference a lost card's issuer (or the police) gave for its report, asked from
the lost-wallet list (space on a row).

A card whose report has a reference already opens with it in the field and says so;
Enter on it unchanged keeps it (nothing is logged again), and saving another one, or
none, asks first: the one recorded is not replaced without a word (it stays in the
log either way). A reference longer than the limit of every one-line field is refused
beside the field with the same words (tui.records.card_fields.one_line), and the dialog
keeps what was typed."""

from __future__ import annotations

from rich.text import Text as RichText
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from tui.base.clock import local_text
from tui.base.errors import CardoffError
from tui.domain.lost_wallet_calls import CallState
from tui.records.card_fields import one_line
from tui.ui.field_dialog import FieldDialog, Save
from tui.ui.labels import localise_bindings
from tui.ui.line_breaks import kept_whole

KEPT = "kept"  # the dialog's result when the recorded reference was kept unchanged


class ReferenceScreen(FieldDialog):
    """`label`: the card's; `number`: what was called ("" when there was none to call);
    `state`: where its report stands (its recorded reference, if any); `save(values)`
    records {"reference": text} (FieldDialog: its result is the dialog's, a refusal
    is shown beside the field). Dismissed with KEPT when a recorded reference is kept,
    None on Escape."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="reference.cancel"),
        Binding("ctrl+s", "save", "Save", id="reference.save", show=False),
        Binding("enter", "enter_key", "Save", id="reference.enter", priority=True),
    ]
    prefix = "ref"

    def __init__(self, label: str, number: str, state: CallState, save: Save) -> None:
        super().__init__(("reference",), save)
        self.label = label
        self.number = number
        self.recorded = state.reference if state.done else ""
        self.recorded_at = state.at

    def compose(self) -> ComposeResult:
        t = self.app.t
        localise_bindings(self, t)
        with Vertical(classes="dialog-box") as box:
            title = "lost.reference_title" if self.number else "lost.reported_title"
            box.border_title = RichText(t(title, label=self.label))
            if self.number:
                # the number's spaces do not break: `+86` / `10 95588` read as two
                body = t("lost.reference_body", number=kept_whole(self.number))
            else:
                body = t("lost.reference_body_none")
            if self.recorded:
                when = local_text(self.recorded_at) if self.recorded_at else ""
                recorded = kept_whole(self.recorded)
                body += "\n" + t("lost.reference_recorded", reference=recorded, when=when)
            yield Static(RichText(body))  # a reference is text as typed, never markup
            label = t("evidence.reference")
            yield from self.field_rows(lambda _: label, lambda _: self.recorded)
            yield self.error_line()

    def on_mount(self) -> None:
        # FieldDialog's on_mount (the focus on the first field) runs after this one:
        # Textual calls each class's handler in turn
        self.field("reference").placeholder = self.app.t("lost.reference_placeholder")

    def action_save(self) -> None:
        """Keep a recorded reference left as it was; ask before replacing it; a value
        too long is refused beside the field before anything is asked."""
        from tui.ui.dialogs import ConfirmDialog  # when first needed

        self.clear_errors()
        try:
            typed = one_line("reference", self.field("reference").value)
        except CardoffError as exc:
            self.show_error(exc)
            return
        if not self.recorded:
            super().action_save()
            return
        if typed == self.recorded:
            self.dismiss(KEPT)
            return
        t = self.app.t
        new = kept_whole(typed) if typed else t("lost.reference_none")
        question = t("lost.reference_replace", old=kept_whole(self.recorded), new=new)

        def answered(yes: bool | None) -> None:
            if yes:
                super(ReferenceScreen, self).action_save()

        self.app.push_screen(ConfirmDialog(question, unasked=True), answered)
