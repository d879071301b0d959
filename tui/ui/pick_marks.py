"""Check boxes and pick lists whose mark is a character, not only a colour.

Textual draws a Checkbox and each row of a SelectionList as `▐X▌` whether it is on or
off: only the colours differ, so under NO_COLOR (or on a terminal that shows few
colours) a picked row and an unpicked one look the same. These draw the `X` only when
on, and a blank box (`▐ ▌`) when off.
"""

from __future__ import annotations

from rich.segment import Segment
from textual.strip import Strip
from textual.widgets import Checkbox, SelectionList
from textual.widgets._toggle_button import ToggleButton

from tui.ui.list_ends import StopsAtEnds

ON, OFF = ToggleButton.BUTTON_INNER, " "


class TickBox(Checkbox):
    """A Checkbox drawn `▐X▌` when checked and `▐ ▌` when not."""

    @property
    def BUTTON_INNER(self) -> str:  # noqa: N802  (Textual's name, read from the instance)
        return ON if self.value else OFF


class PickList(StopsAtEnds, SelectionList):
    """A SelectionList whose unpicked rows show an empty box (`▐ ▌`), and whose cursor
    stops at either end (tui.ui.list_ends)."""

    def render_line(self, y: int) -> Strip:
        line = super().render_line(y)
        index = self.scroll_offset.y + y
        if not 0 <= index < self.option_count:
            return line
        if self.get_option_at_index(index).value in self._selected:
            return line
        segments = list(line)
        # SelectionList draws the box as its first three segments: ▐, X, ▌
        if len(segments) >= 3 and segments[1].text == ON:
            segments[1] = Segment(OFF, segments[1].style, segments[1].control)
            return Strip(segments, line.cell_length)
        return line
