"""The selected card's steps, one entry a step, with a cursor: a line list that draws
only what is on screen (see entry_list.py).

It was a Textual OptionList, which renders every option again when the options are
replaced (each move to another card) and repaints the whole list; here the next
card's steps repaint only the cells that read differently, and a step checked
repaints its own line. Keys, the mouse and the messages are those of the
OptionList it replaces, but for its ends: up and down stop there (tui/ui/list_ends.py;
`j` on the last step then space checked the first). Enter or a click
on a step selects it (`OptionSelected`), the cursor moving says so
(`OptionHighlighted`), space or x asks for a toggle.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.widgets.option_list import Option

from tui.ui.entry_list import Entry, EntryList
from tui.ui.list_ends import next_enabled


def as_entry(option: Entry | Option) -> Entry:
    """An Entry for an Entry or a Textual Option (its prompt, disabled and id; a str
    prompt reads as text, never as markup)."""
    if isinstance(option, Entry):
        return option
    prompt = option.prompt
    return Entry(Text(prompt) if isinstance(prompt, str) else prompt, option.disabled, option.id)


class Checklist(EntryList):
    KEY_BAR_KEEPS = ("steps.toggle",)  # the list's own key: before the app's (key_bar_fit.py)
    BINDINGS = [
        Binding("space,x", "toggle", "Check", id="steps.toggle"),
        Binding("enter", "select", "Details", show=False, id="steps.details"),
        Binding("j", "cursor_down", "Down", show=False, id="steps.down"),
        Binding("k", "cursor_up", "Up", show=False, id="steps.up"),
        Binding("g", "first", "First", show=False, id="steps.first"),
        Binding("G", "last", "Last", show=False, id="steps.last"),
    ]

    class OptionMessage(Message):
        """About the step at `option_index` of `option_list`."""

        def __init__(self, option_list: Checklist, option: Entry, index: int) -> None:
            super().__init__()
            self.option_list = option_list
            self.option = option
            self.option_id = option.id
            self.option_index = index

        @property
        def control(self) -> Checklist:
            return self.option_list

    class OptionHighlighted(OptionMessage):
        """The cursor moved to another step (by a key, a click or `highlighted`)."""

    class OptionSelected(OptionMessage):
        """Enter or a click on a step: open it."""

    class Toggle(Message):
        def __init__(self, step_id: str) -> None:
            super().__init__()
            self.step_id = step_id

    _quiet = False  # set while the owner shows new steps: it updates what follows itself

    @property
    def highlighted_option(self) -> Entry | None:
        index = self.highlighted
        return self._entries[index] if index is not None else None

    def set_options(
        self, options: Sequence[Entry | Option], highlighted: int | None = 0, whole: bool = False
    ) -> None:
        """Show these steps from the top, `highlighted` highlighted (`whole`: see
        EntryList.show). Posts no OptionHighlighted: the caller shows what follows."""
        self._quiet = True
        try:
            self.show([as_entry(option) for option in options], highlighted, whole)
        finally:
            self._quiet = False

    def clear_options(self) -> None:
        self.set_options([], None)

    def replace_option_prompt_at_index(self, index: int, prompt) -> None:
        self.replace_prompt(index, prompt)

    def highlight_changed(self, index: int | None) -> None:
        if index is not None and not self._quiet:
            self.post_message(self.OptionHighlighted(self, self._entries[index], index))

    def action_cursor_down(self) -> None:
        self._step(1)

    def action_cursor_up(self) -> None:
        self._step(-1)

    def _step(self, step: int) -> None:
        """To the next step that is not a note going `step`, stopping at either end."""
        disabled = [entry.disabled for entry in self._entries]
        index = next_enabled(disabled, self.highlighted, step)
        if index is not None and index != self.highlighted:
            self.highlighted = index

    def action_toggle(self) -> None:
        option = self.highlighted_option
        if option is not None and option.id is not None:
            self.post_message(self.Toggle(option.id))

    def action_select(self) -> None:
        index = self.highlighted
        if index is not None and not self._entries[index].disabled:
            self.post_message(self.OptionSelected(self, self._entries[index], index))

    def _on_click(self, event: events.Click) -> None:
        """A click on a step highlights it and opens it, as Enter would."""
        offset = event.get_content_offset(self)
        index = None if offset is None else self.entry_at(offset.y)
        if index is not None and not self._entries[index].disabled:
            self.highlighted = index
            self.action_select()
