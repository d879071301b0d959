"""A box of wrapped text that scrolls (the selected step's detail): only the lines
that change are repainted, and new text never lays out the screen.

Statics in a scrolling container lay out the whole screen whenever their height
changes, which moving from one card or step to the next nearly always does; here the
box keeps its size (set by its pane) and only its own scroll bar follows the text.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.text import Text
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.ui.line_breaks import hanging, wrap_hanging
from tui.ui.repaint import FocusDiffed, SizedByContainer, changed_span, own_style


class TextPanel(SizedByContainer, FocusDiffed, ScrollView, can_focus=True):
    BINDINGS = [
        Binding("up,k", "scroll_up", "Up", show=False),
        Binding("down,j", "scroll_down", "Down", show=False),
        Binding("home,g", "scroll_home", "First", show=False),
        Binding("end,G", "scroll_end", "Last", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
    ]

    DEFAULT_CSS = """
    TextPanel {
        overflow-x: hidden;
        overflow-y: auto;
    }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._blocks: list[Text] = []
        self._lines: list[Strip] = []
        self._wrapped_at = -1

    @property
    def text(self) -> str:
        """What the box shows, as plain text (a block a paragraph)."""
        return "\n".join(block.plain for block in self._blocks)

    def show(self, blocks: list[Text], same_subject: bool = False) -> None:
        """Show these blocks one under the other, each wrapped to the box: from the
        top, unless `same_subject` (the same step, its heading changed: the place
        read is kept); the lines that read as before are not repainted."""
        to_top = not same_subject
        self._blocks = list(blocks)
        if not self.size:
            self._wrapped_at = -1  # laid out later: wrapped then
            return
        old = self._lines
        self._wrap()
        if to_top and self.scroll_y:
            self.scroll_to(y=0, animate=False, immediate=True, force=True)
            self.refresh()
            return
        top, height, width = int(self.scroll_y), self.size.height, self._width
        for y in range(height):
            before = old[top + y] if top + y < len(old) else None
            after = self._line(top + y)
            span = changed_span(before, after) if before is not None else (0, width)
            if span is not None:
                self.refresh(Region(span[0], y, span[1] - span[0], 1))

    @property
    def _width(self) -> int:
        return self.line_width

    def _wrap(self) -> None:
        width = max(self._width, 1)
        console = self.app.console
        lines: list[Strip] = []
        for block in self._blocks:
            for paragraph in block.split("\n", allow_blank=True):
                for line in wrap_hanging(paragraph, console, width, hanging(paragraph.plain)):
                    lines.append(Strip(list(line.render(console, end=""))))
        self._lines = lines
        self._wrapped_at = width
        self.virtual_size = Size(0, len(lines))

    def on_resize(self) -> None:
        # drawn whole by the layout pass that sized it: not repainted here again
        if self._wrapped_at != max(self._width, 1):
            self._wrap()

    def _line(self, number: int) -> Strip:
        if number >= len(self._lines):
            return Strip.blank(self._width)
        return self._lines[number].adjust_cell_length(self._width)

    def render_line(self, y: int) -> Strip:
        if self._wrapped_at != max(self._width, 1):
            self._wrap()
        style = own_style(self)
        line = self._line(int(self.scroll_y) + y)
        return Strip(Segment.apply_style(line, style)).adjust_cell_length(self._width, style)

    def action_scroll_up(self) -> None:
        self.scroll_to(y=self.scroll_y - 1, animate=False)

    def action_scroll_down(self) -> None:
        self.scroll_to(y=self.scroll_y + 1, animate=False)
