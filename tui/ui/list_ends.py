"""Lists whose cursor stops at either end.

Textual's OptionList (and so its SelectionList) goes round past either end: `j` on
the last row highlighted the first, and a space typed right after it acted on a row
the user had not looked at (in the lost-wallet list it recorded a reference over one
already recorded). Every list of the app stops at its ends instead, as the card list
always did: `j` on the last row and `k` on the first leave the cursor where it is;
`g` and `G` go to the first and the last row.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.binding import Binding
from textual.widgets import OptionList

# the keys every list moves with (the arrows, Home/End and the page keys are Textual's)
LIST_KEYS = [
    Binding("j", "cursor_down", "Down", show=False),
    Binding("k", "cursor_up", "Up", show=False),
    Binding("g", "first", "First", show=False),
    Binding("G", "last", "Last", show=False),
]


def next_enabled(disabled: Sequence[bool], index: int | None, step: int) -> int | None:
    """The row the cursor goes to from `index` going `step` (1 down, -1 up): the next
    one that is not disabled, never past either end; `index` itself when there is none
    (None only for an empty list). From no row (None): the first (down) or last (up)
    row that is not disabled."""
    count = len(disabled)
    if index is None:
        start = 0 if step > 0 else count - 1
    else:
        start = index + step
    row = start
    while 0 <= row < count:
        if not disabled[row]:
            return row
        row += step
    return index


class StopsAtEnds:
    """For an OptionList or a subclass of it (put this first in the bases): its cursor
    stops at either end (see the module). A plain class, not a widget: Textual takes a
    widget's CSS and component classes from its first widget base only, and a
    SelectionList needs its own."""

    options: Sequence
    highlighted: int | None

    def action_cursor_down(self) -> None:
        self._stop_move(1)

    def action_cursor_up(self) -> None:
        self._stop_move(-1)

    def _stop_move(self, step: int) -> None:
        disabled = [option.disabled for option in self.options]
        row = next_enabled(disabled, self.highlighted, step)
        if row is not None and row != self.highlighted:
            self.highlighted = row


class StopList(StopsAtEnds, OptionList):
    """An OptionList whose cursor stops at either end."""
