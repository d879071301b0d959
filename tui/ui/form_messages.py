"""The line under a form's field: a note (what was removed from a pasted name, that
the form is a kept draft) or an error about what was typed, right under the row it is
about and in view, gone once that field holds something else."""

from __future__ import annotations

from textual.widgets import Static, TextArea


class FieldMessages:
    """For a form screen (before its Screen class in the class list) whose rows sit in
    `.form-box`, with a `#form-error` Static for the line and `.dialog-buttons`. The
    screen hands each change of its fields to `forget_error_if_changed`."""

    # the field the error line is about and its value then: (widget id, value)
    _error_at: tuple[str, object] | None = None

    def forget_error_if_changed(self, control) -> None:
        """An error about a field goes once that field holds something else: it was
        about what had been typed (a change message still on its way from before the
        save carries the value the error was about, and leaves it)."""
        if self._error_at is None:
            return
        widget_id, value = self._error_at
        if control.id == widget_id and _value_of(control) != value:
            self._error_at = None
            error = self.query_one("#form-error", Static)
            error.update("")
            error.remove_class("visible")

    def show_note(self, message: str) -> None:
        """A line under the row of the focused field (the name's, as the form opens),
        e.g. what was removed from a pasted name, or that the form is a kept draft:
        at the form's foot it was below the screen at 80x24, under Owner and Tags."""
        self._error_at = None  # a note, about no field
        note = self.query_one("#form-error", Static)
        note.update(message)
        note.add_class("visible")
        box = self.query_one(".form-box")
        row = self.focused
        while row is not None and row.parent is not box:
            row = row.parent
        if row is not None and row is not note and not row.has_class("dialog-buttons"):
            box.move_child(note, after=row)
            self.call_after_refresh(box.scroll_to_widget, note, animate=False)

    def _show_error(self, field_name: str, message: str) -> None:
        """`message` right under the row of the field it is about (`save`: above the
        buttons), scrolled into view, and the focus on that field. At the form's foot
        it was below the screen at 80x24: a save that did nothing, as it seemed."""
        error = self.query_one("#form-error", Static)
        error.update(message)
        error.add_class("visible")
        box = self.query_one(".form-box")
        target = self.query(f"#{field_name}")
        widget = target.first() if target else None
        row = widget
        while row is not None and row.parent is not box:
            row = row.parent
        if row is None or row.has_class("dialog-buttons"):
            box.move_child(error, before=self.query_one(".dialog-buttons"))
            row = error
        elif row is not error:
            box.move_child(error, after=row)
        self._error_at = (
            (widget.id, _value_of(widget)) if widget is not None and widget.id else None
        )
        if widget is not None:
            self.set_focus(widget)
        # the field's row at the top, its message under it: both in view
        self.call_after_refresh(box.scroll_to_widget, row, animate=False, top=True)


def _value_of(widget) -> object:
    """What a field holds now: an Input's or Select's value, a TextArea's text; None
    for anything else (a button)."""
    if isinstance(widget, TextArea):
        return widget.text
    return getattr(widget, "value", None)
