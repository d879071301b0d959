"""The header: Textual's, with a title line that repaints in place.

Textual's Header updates its title with `Static.update`, which asks for a layout
pass of the whole screen; a layout pass repaints the scroll bars of every list and
table on screen (~1 KB over SSH at 80x24, each time the overview in the header
changes). The title line is always one line high, so it needs no layout.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.visual import VisualType
from textual.widgets import Header
from textual.widgets._header import HeaderTitle


class TitleLine(HeaderTitle):
    def update(self, content: VisualType = "", *, layout: bool = False) -> None:
        super().update(content, layout=False)  # one line whatever it says


class AppHeader(Header):
    def compose(self) -> ComposeResult:
        for widget in super().compose():
            yield TitleLine() if type(widget) is HeaderTitle else widget
