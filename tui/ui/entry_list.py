"""A list of entries that wrap, drawing only the lines on screen (the status log, the
steps' checklist).

Textual's OptionList renders every option again when one prompt changes, and a new
entry on top changes every prompt's place; at a step toggle that was most of the
log pane's cost. Here each entry is wrapped once for the width it is shown at, and
putting entries on top wraps only those. A cursor (the highlighted entry) moves with
the keys; entries marked as notes are skipped by it. New entries (the next card's)
repaint only the cells of the lines on screen that read differently.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from contextlib import nullcontext
from dataclasses import dataclass

from rich.segment import Segment
from rich.text import Text
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.ui.line_breaks import wrap_hanging
from tui.ui.repaint import FocusDiffed, SizedByContainer, own_style

STYLED_KEPT = 512  # lines kept as drawn: a few screens' worth


@dataclass(frozen=True)
class Entry:
    """One entry: its text, whether it is a note the cursor skips, what it is about
    (`id`, e.g. a step's id), and how many cells in its wrapped lines start
    (`indent`: under the step's text, not its `[ ] 1.`)."""

    prompt: Text
    disabled: bool = False
    id: str | None = None
    indent: int = 0


class EntryList(SizedByContainer, FocusDiffed, ScrollView, can_focus=True):
    BINDINGS = [
        Binding("up", "cursor_up", "Up", show=False),
        Binding("down", "cursor_down", "Down", show=False),
        Binding("home", "first", "First", show=False),
        Binding("end", "last", "Last", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
    ]

    COMPONENT_CLASSES = {"entry-list--highlighted", "entry-list--disabled"}

    DEFAULT_CSS = """
    EntryList {
        background: $surface;
        color: $foreground;
        overflow-x: hidden;
        overflow-y: auto;
        & > .entry-list--highlighted {
            color: $foreground;
            background: $block-cursor-blurred-background;
        }
        & > .entry-list--disabled {
            color: $text-disabled;
        }
        /* the pane's heavy border says where the focus is: no tint of every cell,
           which would repaint them all */
        &:focus {
            & > .entry-list--highlighted {
                color: $block-cursor-foreground;
                background: $block-cursor-background;
                text-style: $block-cursor-text-style;
            }
        }
    }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._entries: list[Entry] = []
        self._wrapped: list[list[Strip] | None] = []  # each entry's lines, unstyled
        self._starts: list[int] = []  # the first line of each entry
        self._wrapped_at = 0  # the width the entries were wrapped for
        self._highlighted: int | None = None
        # lines as drawn, by (id of an entry's wrapped lines, line, style), each with
        # those lines (an id is only unique while they live)
        self._styled: LRUCache[tuple, tuple[list[Strip], Strip]] = LRUCache(STYLED_KEPT)
        self._styled_width = 0  # the width they were drawn for

    @property
    def highlighted(self) -> int | None:
        """The index of the highlighted entry (None: none). Setting it moves the
        cursor there (kept within the entries) and brings it into view."""
        return self._highlighted

    @highlighted.setter
    def highlighted(self, index: int | None) -> None:
        if index is None or not self._entries:
            self._set_highlighted(None)
            return
        self._highlight(max(0, min(index, len(self._entries) - 1)))

    # the entries
    @property
    def option_count(self) -> int:
        return len(self._entries)

    def get_option_at_index(self, index: int) -> Entry:
        return self._entries[index]

    @property
    def options(self) -> list[Entry]:
        return list(self._entries)

    def show(
        self, entries: Sequence[Entry], highlighted: int | None = None, whole: bool = False
    ) -> None:
        """Show these entries from the top, `highlighted` (an index) highlighted and in
        view. Only the cells on screen that read differently are repainted; with
        `whole` (entries about something else: another card's log, where nearly every
        line differs) the list is repainted whole rather than each line drawn twice to
        compare it with what it showed. (The terminal is sent only the cells that
        changed either way: tui/ui/terminal_cells.py.)"""
        with nullcontext() if whole else self.changing_lines():
            if whole:
                self.refresh()
            self._entries = list(entries)
            self._wrapped = [None] * len(self._entries)
            self._set_highlighted(None)
            self._lay_out()
            # forced: Textual does not scroll a list whose lines now fit, and it may be
            # scrolled down from what it showed before
            self.scroll_to(y=0, animate=False, immediate=True, force=True)
            if highlighted is not None and self._entries:
                self._highlight(max(0, min(highlighted, len(self._entries) - 1)), repaint=False)

    def put_on_top(self, entries: Sequence[Entry], below: int = 0) -> None:
        """Put entries in at index `below` (0: the top); the others are not wrapped
        again. Scrolls to the top, none highlighted."""
        self._entries[below:below] = list(entries)
        self._wrapped[below:below] = [None] * len(entries)
        self._set_highlighted(None)
        self._lay_out()
        if self._width() != self._wrapped_at:
            # the new entries brought the scroll bar: the list is a column narrower, and
            # its entries are wrapped for that now. Left to render_line, the list's
            # height changed while the screen was being drawn, and the whole list was
            # sent again in a second frame (~1.4 KB at 80x24, for the toggle whose log
            # entry made the log outgrow its pane)
            self._lay_out()
        self.scroll_to(y=0, animate=False, immediate=True, force=True)
        self.refresh()

    def replace_prompt(self, index: int, prompt: Text) -> None:
        """Give the entry at `index` another text (a step checked): that entry is
        wrapped again, and only the cells that read differently are repainted."""
        with self.changing_lines():
            old = self._entries[index]
            self._entries[index] = Entry(prompt, old.disabled, old.id, old.indent)
            height = len(self._lines_of(index))
            self._wrapped[index] = None
            if len(self._lines_of(index)) != height:
                self._lay_out()

    # layout
    def _width(self) -> int:
        return self.line_width

    def _rewrap_if_narrowed(self) -> None:
        """Entries wrapped for another width (a scroll bar came or went, a resize) are
        wrapped again, and where each starts worked out again."""
        if self._width() != self._wrapped_at:
            self._lay_out()

    def _lines_of(self, index: int) -> list[Strip]:
        width = self._wrapped_at  # the width the layout is for
        lines = self._wrapped[index]
        if lines is None:
            console = self.app.console
            entry = self._entries[index]
            wrapped = wrap_hanging(entry.prompt, console, max(width, 1), entry.indent)
            lines = [
                Strip(list(line.render(console, end=""))).adjust_cell_length(width)
                for line in wrapped
            ] or [Strip.blank(width)]
            self._wrapped[index] = lines
        return lines

    def _lay_out(self) -> None:
        """Wrap what is not wrapped for the width now (everything, if the width
        changed) and work out where each entry starts."""
        if self._width() != self._wrapped_at:
            self._wrapped = [None] * len(self._entries)
            self._wrapped_at = self._width()
        starts, y = [], 0
        for index in range(len(self._entries)):
            starts.append(y)
            y += len(self._lines_of(index))
        self._starts = starts
        self.virtual_size = Size(0, y)

    def on_resize(self) -> None:
        # a widget given another size is drawn whole by the layout pass that sized it:
        # repainting it here again would send it twice
        self._rewrap_if_narrowed()
        if self.highlighted is not None:  # keep it in view
            self._highlight(self.highlighted, repaint=False)

    # drawing
    def render_line(self, y: int) -> Strip:
        self._rewrap_if_narrowed()
        width = self._width()
        base = own_style(self)
        line_no = int(self.scroll_y) + y
        index = bisect_right(self._starts, line_no) - 1
        if index < 0 or not self._entries:
            return Strip.blank(width, base)
        lines = self._lines_of(index)
        offset = line_no - self._starts[index]
        if offset >= len(lines):
            return Strip.blank(width, base)
        if self._entries[index].disabled:
            style = base + self.get_component_rich_style("entry-list--disabled")
        elif index == self.highlighted:
            style = base + self.get_component_rich_style("entry-list--highlighted")
        else:
            style = base
        if self._styled_width != width:
            self._styled.clear()
            self._styled_width = width
        key = (id(lines), offset, style)
        styled = self._styled.get(key)
        if styled is None or styled[0] is not lines:
            line = Strip(Segment.apply_style(lines[offset], style))
            styled = (lines, line.adjust_cell_length(width, style))
            self._styled[key] = styled
        return styled[1]

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self.refresh()

    # the cursor
    def _move(self, index: int | None, step: int) -> None:
        """Highlight the first entry that is not a note from `index` on, going `step`."""
        while index is not None and 0 <= index < len(self._entries):
            if not self._entries[index].disabled:
                self._highlight(index)
                return
            index += step

    def _set_highlighted(self, index: int | None) -> None:
        """The one place the cursor changes: tells `highlight_changed`."""
        old, self._highlighted = self._highlighted, index
        if old != index:
            self.highlight_changed(index)

    def highlight_changed(self, index: int | None) -> None:
        """Called when another entry (or none) is highlighted; for subclasses."""

    def _highlight(self, index: int, repaint: bool = True) -> None:
        """Move the cursor to `index` and bring that entry into view; `repaint`: the
        lines of the entries it left and reached (the caller repaints otherwise)."""
        old = self._highlighted
        self._set_highlighted(index)
        for number in {old, index} - {None} if repaint else ():
            self._refresh_entry(number)
        top = self._starts[index]
        bottom = top + len(self._lines_of(index))
        # an entry taller than the view shows its first lines (a step's box and number)
        if top < self.scroll_y or bottom - top > self.size.height:
            self.scroll_to(y=top, animate=False, immediate=True, force=True)
        elif bottom > self.scroll_y + self.size.height:
            self.scroll_to(y=bottom - self.size.height, animate=False, immediate=True, force=True)

    def _refresh_entry(self, index: int) -> None:
        if index >= len(self._starts):
            return
        top = self._starts[index] - int(self.scroll_y)
        height = len(self._lines_of(index))
        self.refresh(Region(0, top, self.size.width, height))

    def entry_at(self, y: int) -> int | None:
        """The index of the entry shown on line `y` of the list (0: its top line)."""
        line_no = int(self.scroll_y) + y
        index = bisect_right(self._starts, line_no) - 1
        if 0 <= index < len(self._entries) and line_no < self.virtual_size.height:
            return index
        return None

    def action_cursor_down(self) -> None:
        start = 0 if self.highlighted is None else self.highlighted + 1
        self._move(start, 1)

    def action_cursor_up(self) -> None:
        if self.highlighted is not None:
            self._move(self.highlighted - 1, -1)

    def action_first(self) -> None:
        self._move(0, 1)

    def action_last(self) -> None:
        self._move(len(self._entries) - 1, -1)

    def action_page_down(self) -> None:
        self._page(1)

    def action_page_up(self) -> None:
        self._page(-1)

    def _page(self, step: int) -> None:
        if not self._entries:
            return
        here = self._starts[self.highlighted] if self.highlighted is not None else 0
        target = here + step * max(self.size.height - 1, 1)
        index = max(bisect_right(self._starts, max(target, 0)) - 1, 0)
        if index == self.highlighted:
            # an entry taller than a page (a hotline result with its notes): the page
            # key goes on to the next one rather than nowhere
            index = max(min(index + step, len(self._entries) - 1), 0)
        self._move(index, step)
