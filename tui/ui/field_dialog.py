"""A dialog of one-line fields whose save the tracker may refuse: the refusal is shown
under the field it concerns, that field takes the focus, and the dialog stays open
with everything typed. Nothing typed is cut: the fields have no length limit of their
own (Textual's `max_length` drops what goes past it without a word); the tracker
refuses a value that is too long, with a message at the field.

Used by the proof (EvidenceScreen) and money (MoneyScreen) dialogs."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from textual import on
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Input, Label, Static

from tui.base.errors import CardoffError, describe
from tui.records.card_error import CardError, CardErrors
from tui.ui.dialog_screen import DialogScreen
from tui.ui.typed_keeper import KeepsTyped

Save = Callable[[Mapping[str, str]], object]


class FieldDialog(KeepsTyped, DialogScreen[object]):
    """Subclasses name their fields in `names`, compose them with `field_rows` and a
    `#dialog-error` line (see `error_line`), and bind escape to `cancel` and ctrl+s
    to `save`; Enter goes to the next field, and saves from the last one.

    `save(values)` (field name → text as typed) does the work: what it returns is the
    dialog's result; a CardoffError it raises is shown (a CardError under its
    `field`, each of CardErrors' under its own, any other under the fields) and the
    dialog stays open. Escape: None, at
    once while the fields hold what they opened with, else once the user says to
    discard what was typed (KeepsTyped)."""

    prefix = "field"
    _labels: dict[str, str] = {}

    def __init__(self, names: tuple[str, ...], save: Save) -> None:
        super().__init__(classes="dialog")
        self.names = names
        self._save = save
        # field name ("" for the line under the fields) -> the field's value when its
        # error was shown: the error goes once the field holds something else
        self._errors_at: dict[str, str] = {}

    def field_rows(
        self, label_of: Callable[[str], str], value_of: Callable[[str], str]
    ) -> ComposeResult:
        self._labels = {name: label_of(name) for name in self.names}
        for name in self.names:
            with Horizontal(classes="form-row"):
                label_id = f"{self.prefix}-{name}-label"
                yield Label(self._labels[name], classes="form-label", id=label_id)
                yield Input(value_of(name), id=f"{self.prefix}-{name}", compact=True)
            yield Static("", id=f"{self.prefix}-{name}-error", classes="field-error", markup=False)

    def error_line(self) -> Static:
        return Static("", id="dialog-error", classes="field-error", markup=False)

    def field(self, name: str) -> Input:
        return self.query_one(f"#{self.prefix}-{name}", Input)

    def values(self) -> dict[str, str]:
        return {name: self.field(name).value for name in self.names}

    def on_mount(self) -> None:
        for box in self.query(Input):
            box.select_on_focus = False
        self.set_focus(self.field(self.names[0]))

    def action_enter_key(self) -> None:
        if not isinstance(self.focused, Input):
            raise SkipAction()
        if self.focused.id == f"{self.prefix}-{self.names[-1]}":
            self.action_save()
        else:
            self.focus_next()

    def action_save(self) -> None:
        self.clear_errors()
        try:
            result = self._save(self.values())
        except CardoffError as exc:
            self.show_error(exc)
            return
        self.dismiss(result)

    # errors
    def show_error(self, exc: CardoffError) -> None:
        """`exc` under the field it names (a CardError of one of this dialog's fields),
        or each of its errors under its own field (CardErrors: every refusal of the
        save at once), the first such field in the dialog focused; any other under the
        fields."""
        t = self.app.t
        errors = exc.errors if isinstance(exc, CardErrors) else (exc,)
        named = [e for e in errors if isinstance(e, CardError) and e.field in self.names]
        for error in errors:
            if error not in named:
                self.say(describe(error, t), focus=False)
        for error in named:
            label = self._labels[error.field]
            self.say(t("text.labelled", label=label, value=describe(error, t)), error.field,
                     focus=False)
        if named:
            fields = {error.field for error in named}
            self.set_focus(self.field(next(n for n in self.names if n in fields)))

    def say(self, message: str, name: str | None = None, focus: bool = True) -> None:
        """`message` under field `name` (focused, unless not to `focus`), or under the
        fields (None). It stays until the field changes (a dialog of one field: the
        line under the fields too, being about what was typed there) or the next
        save."""
        where = f"#{self.prefix}-{name}-error" if name else "#dialog-error"
        line = self.query_one(where, Static)
        line.update(message)
        line.add_class("visible")
        about = name or (self.names[0] if len(self.names) == 1 else None)
        if about is not None:
            self._errors_at[name or ""] = self.field(about).value
        if name and focus:
            self.set_focus(self.field(name))

    def clear_errors(self) -> None:
        self._errors_at.clear()
        for line in self.query(".field-error"):
            line.update("")
            line.remove_class("visible")

    @on(Input.Changed)
    def _field_changed(self, event: Input.Changed) -> None:
        """A field that now holds something else than when its error was shown loses
        the error (a change message still on its way from before the save carries the
        value the error was about, and leaves it)."""
        name = (event.input.id or "").removeprefix(f"{self.prefix}-")
        if name not in self.names:
            return
        single = len(self.names) == 1
        for key, where in ((name, f"#{self.prefix}-{name}-error"), ("", "#dialog-error")):
            if key == "" and not single:
                continue
            if key in self._errors_at and self._errors_at[key] != event.value:
                del self._errors_at[key]
                line = self.query_one(where, Static)
                line.update("")
                line.remove_class("visible")
