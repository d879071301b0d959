"""What the user typed in a dialog is never dropped without a word.

Mixed into every dialog that takes typing (the card form, proof, the lost-wallet
reference, balance and deposit, a refund, the follow-up date, a path, a bundle's
cards): Escape (or Cancel) closes it at once while it holds what it opened with, and
asks "Discard what you typed?" once anything in it was typed or changed (a field, a
choice, a tick). Enter or y discards and closes; Escape or n goes back to the dialog,
everything in it as it was. Escape in the card list's filter and in the searches (the
hotline search, the palette) keeps clearing or closing at once: what is typed there
is a search, not something to keep. Quitting (`^q`) asks too while any open dialog
holds what was typed in it (`holds_typed`, quit_asking.py).

What the dialog holds is read from its widgets (every Input, TextArea, Select, tick
box and pick list), once as it opens and again at Escape; `entered_extra` adds what a
dialog keeps beside its widgets (a bundle's intents).
"""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import Checkbox, Input, Label, Select, SelectionList, TextArea


def _value(widget) -> object:
    if isinstance(widget, TextArea):
        return widget.text
    if isinstance(widget, SelectionList):
        return tuple(sorted(map(repr, widget.selected)))
    return widget.value


def holds_typed(screens) -> bool:
    """Whether any of `screens` is a dialog holding what was typed or changed in it and
    not saved: what Escape asks about before closing it (`KeepsTyped.changed`), and what
    quitting asks about before ending the app (quit_asking.py)."""
    return any(isinstance(screen, KeepsTyped) and screen.changed for screen in screens)


class KeepsTyped:
    """For a DialogScreen (before it in the class list). Escape is bound to `cancel`;
    `cancel_result` is what the dialog gives when closed that way. A dialog that opens
    with what was typed before and is not saved (a card form kept as a draft when a
    session ended) sets `opened_unsaved`: it asks even untouched."""

    cancel_result: object = None
    opened_unsaved = False
    _as_opened: dict | None = None

    def entered(self) -> dict:
        """What the dialog's fields, choices and ticks hold now, by widget."""
        held: dict = {}
        kinds = (Input, TextArea, Select, Checkbox, SelectionList)
        for index, widget in enumerate(self.query("*").results(kinds)):
            held[widget.id or index] = _value(widget)
        held[None] = self.entered_extra()
        return held

    def typed_aside(self) -> list[tuple[str, str, str]]:
        """What a session ended from outside keeps of this dialog (form_drafts.py): for
        each text field (Input, TextArea) typed in since the dialog opened and not
        empty, (the dialog's title, the field's label, its text). A hidden field (an
        identifier, a PIN) is never kept: it is never written to a plain file."""
        if self._as_opened is None or not self.changed:
            return []
        boxes = self.query(".dialog-box")
        title = str(boxes.first().border_title or "") if boxes else ""
        kept = []
        kinds = (Input, TextArea, Select, Checkbox, SelectionList)
        for index, widget in enumerate(self.query("*").results(kinds)):
            if not isinstance(widget, (Input, TextArea)) or getattr(widget, "password", False):
                continue
            text = _value(widget)
            if text and text != self._as_opened.get(widget.id or index):
                kept.append((title, self.field_label(widget), text))
        return kept

    def field_label(self, widget) -> str:
        """The label a field is shown with: the Label beside it in its row; "" when it
        has none (its placeholder is an example, not its name)."""
        labels = widget.parent.query_children(Label) if widget.parent is not None else ()
        for label in labels:
            return str(label.render()).strip()
        return ""

    def entered_extra(self) -> object:
        """What the dialog holds beside its widgets; nothing by default."""
        return None

    def _on_mount(self) -> None:
        # Textual calls this besides the dialog's own on_mount (after it) and
        # DialogScreen's: what the dialog opened with, before any key reaches it
        # (keys typed meanwhile wait until it is mounted: type_ahead.py)
        self._as_opened = self.entered()

    @property
    def changed(self) -> bool:
        """Whether anything was typed or changed since the dialog opened."""
        if self.opened_unsaved:
            return True
        return self._as_opened is not None and self.entered() != self._as_opened

    def close_or_ask(self, close: Callable[[], object]) -> None:
        """`close()` at once when nothing changed; else once the user says to discard."""
        if not self.changed:
            close()
            return
        from tui.ui.dialogs import ConfirmDialog  # when first needed

        def answered(discard: bool | None) -> None:
            if discard:
                close()

        question = ConfirmDialog(self.app.t("discard.question"), enter_yes=True)
        self.app.push_screen(question, answered)

    def action_cancel(self) -> None:
        self.close_or_ask(lambda: self.dismiss(self.cancel_result))
