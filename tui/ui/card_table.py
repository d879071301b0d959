"""The card list's table: a virtual table that draws only the rows on screen.

Textual's DataTable keeps a rendered copy of every row and drops all of them when
one cell changes or the cursor moves (its caches are keyed by a table-wide update
count and by the cursor's place), so at 1,000 cards a step toggle or a cursor move
re-rendered every visible row, and a filter keystroke re-added every row. Here the
owner gives the row keys in order and a function that builds one row's cells; a
row's cells are built when it comes on screen and kept until the owner says that
row changed (`update_row`). Moving the cursor repaints two lines; a changed row
repaints the cells of its line that differ.

Columns (`set_widths`): each as wide as the widest cell of the rows shown, the owner
says; the label gives way first on a narrow screen and takes any room left; the widths
and the drawing of a line: table_lines.py.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.ui.repaint import FocusDiffed, SizedByContainer, changed_span
from tui.ui.table_lines import PADDING, Cells, column_widths, draw_line, give_way_pairs
from tui.ui.text_cuts import cut_to

DRAWN_KEPT = 256  # rows' lines kept drawn: a few screens' worth


class CardTable(SizedByContainer, FocusDiffed, ScrollView, can_focus=True):
    """Rows of cells with a cursor row and a heading line that stays on top."""

    BINDINGS = [
        Binding("up", "cursor_up", "Up", show=False),
        Binding("down", "cursor_down", "Down", show=False),
        Binding("j", "cursor_down", "Down", show=False, id="cards.down"),
        Binding("k", "cursor_up", "Up", show=False, id="cards.up"),
        Binding("home,g", "scroll_top", "First", show=False, id="cards.first"),
        Binding("end,G", "scroll_bottom", "Last", show=False, id="cards.last"),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("enter", "select_cursor", "Select", show=False),
    ]

    COMPONENT_CLASSES = {"card-table--header", "card-table--cursor", "card-table--even-row"}

    DEFAULT_CSS = """
    CardTable {
        background: $surface;
        color: $foreground;
        overflow-x: hidden;
        overflow-y: auto;
        & > .card-table--header {
            text-style: bold;
            background: $panel;
            color: $foreground;
        }
        &:ansi > .card-table--header {
            background: ansi_bright_blue;
            color: ansi_default;
        }
        & > .card-table--even-row {
            background: $surface-lighten-1 50%;
        }
        &:dark > .card-table--even-row {
            background: $surface-darken-1 40%;
        }
        & > .card-table--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
        /* focused: the cursor row in the cursor's colours (the pane's heavy border
           says where the focus is; a tint of every cell would repaint them all) */
        &:focus {
            & > .card-table--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
        }
    }
    """

    cursor_row: reactive[int] = reactive(0, repaint=False, always_update=True)

    class RowMessage(Message):
        """About the row at `cursor_row` of `table`."""

        def __init__(self, table: CardTable, cursor_row: int) -> None:
            super().__init__()
            self.table = table
            self.cursor_row = cursor_row

        @property
        def control(self) -> CardTable:
            return self.table

    class RowHighlighted(RowMessage):
        """The user moved the cursor to another row."""

    class RowSelected(RowMessage):
        """Enter on a row, or a click on the cursor row."""

    def __init__(
        self,
        give_way: Sequence[int | tuple[int, int]] = (),
        moved: Callable[[int], None] | None = None,
        **kwargs,
    ) -> None:
        """`give_way`: the columns that narrow, in this order, on a screen too narrow
        for every column (see table_lines.give_way_pairs). `moved(row)`: called when
        the user moves the cursor to another row, at once (the owner updates what
        follows from it in the same screen update); without it, RowHighlighted is
        posted."""
        super().__init__(**kwargs)
        self._moved = moved
        self.give_way = give_way_pairs(give_way)
        self._headings: list[str] = []
        self._keys: list[str] = []
        self._row_of: Mapping[str, int] = {}
        self._cells_of: Callable[[str], Cells] = lambda key: ()
        self._widths: list[int] = []  # the widest cell of each column
        # (key, even, cursor) -> its line, for the rows drawn lately (rows are striped)
        self._drawn: LRUCache[tuple[str, bool, bool], Strip] = LRUCache(DRAWN_KEPT)
        # key -> its cells, for the same rows: a line drawn again (the cursor came or
        # went, the focus moved, the theme changed) does not build its cells again
        self._cells: LRUCache[str, Cells] = LRUCache(DRAWN_KEPT)
        self._heading_line: Strip | None = None
        self._skip: frozenset[str] = frozenset()  # rows the cursor passes over (headings)
        # the styles the lines drawn were drawn with: the list's, its stripes', the
        # cursor's and the heading's (see _check_look)
        self._look: tuple[Style, Style, Style, Style] | None = None
        self._look_checked = False

    # what the owner sets
    def set_headings(self, headings: Sequence[str]) -> None:
        self._headings = list(headings)
        self._forget()

    def set_rows(
        self,
        keys: Sequence[str],
        cells_of: Callable[[str], Cells],
        widths: Sequence[int],
        cells_kept: bool = False,
        row_of: Mapping[str, int] | None = None,
        skip: frozenset[str] = frozenset(),
    ) -> None:
        """Show these rows in this order; `cells_of(key)` builds a row's cells when it
        comes on screen; `widths`: the widest cell of each column, among these rows.
        `cells_kept`: no row's cells changed since they were last given, only which
        rows are shown and in what order (a filter): the cells already built are used
        again (with the same `cells_of`), and the lines drawn too when the `widths`
        are the same. `row_of`: each key's
        row number, when the owner keeps it (read, never changed, until the next
        set_rows); else worked out here. `skip`: the keys of rows the cursor never rests
        on (group headings): a move passes over them, in the direction it goes."""
        cells_same = cells_kept and cells_of == self._cells_of
        kept = cells_same and list(widths) == self._widths  # the lines drawn too
        self._keys = list(keys)
        if row_of is None:
            row_of = {key: number for number, key in enumerate(self._keys)}
        self._row_of = row_of
        self._skip = skip
        self._cells_of = cells_of
        self._widths = list(widths)
        if not kept:
            self._forget()
        if not cells_same:
            self._cells.clear()
        self.cursor_row = min(self.cursor_row, max(len(self._keys) - 1, 0))
        self.virtual_size = Size(0, len(self._keys) + 1)
        self._keep_in_view()
        self.refresh()

    def _keep_in_view(self) -> None:
        """Scroll back within the rows, then to the cursor's row if it is out of view.

        Fewer rows than the list was scrolled past (a filter, the due view, a delete at
        the end): no layout pass comes to bring the scroll back within them, and
        Textual does not scroll a widget whose rows now fit unless forced. A hidden
        table (a filter that matches nothing) has no height: it scrolls only back to
        the top, and to its cursor when it shows again (on_resize), never to a place
        worked out for no rows on screen."""
        rows_shown = max(self.size.height - 1, 0)
        last_top = max(len(self._keys) - rows_shown, 0)
        if self.scroll_y > last_top:
            self.scroll_to(y=last_top, animate=False, immediate=True, force=True)
        self._scroll_to_row(self.cursor_row)

    def set_widths(self, widths: Sequence[int]) -> None:
        if list(widths) != self._widths:
            self._widths = list(widths)
            self._forget()
            self.refresh()

    def update_row(self, key: str) -> None:
        """The row's cells changed: build them again and repaint what differs."""
        number = self._row_of.get(key)
        if number is None:
            return
        y = number - int(self.scroll_y) + 1
        visible = 1 <= y < self.size.height
        old = self._drawn.get(self._line_key(number))
        self._cells.discard(key)
        for even in (True, False):
            for cursor in (True, False):
                self._drawn.discard((key, even, cursor))
        if visible:
            self._repaint_changes(y, old, self._row_line(number))

    def rows_changed(self) -> None:
        """Any row's cells may have changed (the same rows in the same order): every
        line is built again when next drawn; of the lines on screen, only the cells
        that differ are repainted."""
        top = int(self.scroll_y)
        shown = range(top, min(top + self.size.height - 1, len(self._keys)))
        old = {n: self._drawn.get(self._line_key(n)) for n in shown}
        self._forget()
        self._cells.clear()
        for number, line in old.items():
            self._repaint_changes(number - top + 1, line, self._row_line(number))

    def _repaint_changes(self, y: int, old: Strip | None, new: Strip) -> None:
        span = changed_span(old, new) if old is not None else (0, self.size.width)
        if span is not None:
            start, end = span
            self.refresh(Region(start, y, end - start, 1))

    # what the owner reads
    @property
    def row_count(self) -> int:
        return len(self._keys)

    @property
    def keys_shown(self) -> list[str]:
        """The row keys in order."""
        return list(self._keys)

    def row_of(self, key: str) -> int | None:
        """The row number of `key` (None when it is not shown)."""
        return self._row_of.get(key)

    def get_row_at(self, number: int) -> Cells:
        """The cells of the row at `number` (IndexError past the end)."""
        return self._row_cells(self._keys[number])

    def _row_cells(self, key: str) -> Cells:
        cells = self._cells.get(key)
        if cells is None:
            cells = self._cells[key] = self._cells_of(key)
        return cells

    def move_cursor(self, row: int) -> None:
        """Put the cursor on row `row` (kept within the rows) and scroll to it; no
        RowHighlighted is posted (the caller knows)."""
        self._set_cursor(row, tell=False)

    # cursor
    def _set_cursor(self, row: int, tell: bool = True) -> None:
        row = max(0, min(row, len(self._keys) - 1))
        old = self.cursor_row
        if self._skip:
            row = self._past_headings(row, forward=row >= old)
            if row > 0 and self._keys[row - 1] in self._skip:
                self._scroll_to_row(row - 1)  # the heading of the first card shows too
        self.cursor_row = row
        self._scroll_to_row(row)
        for number in {old, row}:
            self._refresh_row(number)
        if tell and row != old and self._keys:
            if self._moved is not None:
                self._moved(row)
            else:
                self.post_message(self.RowHighlighted(self, row))

    def _past_headings(self, row: int, forward: bool) -> int:
        """The nearest row from `row` that is not skipped, looking the way the cursor
        goes first, then the other way (`row` itself when every row is skipped)."""
        keys, skip = self._keys, self._skip
        ahead = range(row, len(keys)) if forward else range(row, -1, -1)
        behind = range(row, -1, -1) if forward else range(row, len(keys))
        for number in (*ahead, *behind):
            if keys[number] not in skip:
                return number
        return row

    def _scroll_to_row(self, row: int) -> None:
        if not self.size.height:
            return  # hidden or not laid out yet: on_resize brings the row into view
        rows_shown = max(self.size.height - 1, 1)
        top = int(self.scroll_y)
        if row < top:
            self.scroll_to(y=row, animate=False, immediate=True, force=True)
        elif row >= top + rows_shown:
            self.scroll_to(y=row - rows_shown + 1, animate=False, immediate=True, force=True)

    def _refresh_row(self, number: int) -> None:
        y = number - int(self.scroll_y) + 1
        if 1 <= y < self.size.height:
            self.refresh(Region(0, y, self.size.width, 1))

    def action_cursor_down(self) -> None:
        self._set_cursor(self.cursor_row + 1)

    def action_cursor_up(self) -> None:
        self._set_cursor(self.cursor_row - 1)

    def action_scroll_top(self) -> None:
        self._set_cursor(0)

    def action_scroll_bottom(self) -> None:
        self._set_cursor(len(self._keys) - 1)

    def action_page_down(self) -> None:
        self._set_cursor(self.cursor_row + max(self.size.height - 2, 1))

    def action_page_up(self) -> None:
        self._set_cursor(self.cursor_row - max(self.size.height - 2, 1))

    def action_select_cursor(self) -> None:
        if self._keys:
            self.post_message(self.RowSelected(self, self.cursor_row))

    def on_click(self, event: events.Click) -> None:
        if event.y < 1:
            return
        row = int(self.scroll_y) + event.y - 1
        if not 0 <= row < len(self._keys):
            return
        if row == self.cursor_row:
            self.action_select_cursor()
        else:
            self._set_cursor(row)

    # drawing
    def _forget(self) -> None:
        self._drawn.clear()
        self._heading_line = None

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._look_checked = False  # see _check_look, before the next line is drawn

    def _check_look(self) -> None:
        """After a style update, keep the lines drawn whose styles did not change.

        Textual works out a widget's styles again whenever the focus comes or goes (and
        for each pane around it, several times a focus change): drawing every line
        again each time was the most of a focus change's own work here (Escape out of
        the filter). The focus changes only the cursor's colours, so only the cursor's
        line is drawn again; a change of theme, of the colours around the list or of
        its stripes, every line."""
        self._look_checked = True
        look = (
            self.rich_style,
            self.get_component_rich_style("card-table--even-row"),
            self.get_component_rich_style("card-table--cursor"),
            self.get_component_rich_style("card-table--header"),
        )
        before, self._look = self._look, look
        if before is None or before[:2] != look[:2]:
            self._forget()
            return
        if before[2] != look[2]:
            for line_key in [line_key for line_key in self._drawn.keys() if line_key[2]]:
                self._drawn.discard(line_key)
        if before[3] != look[3]:
            self._heading_line = None

    def on_resize(self, event: events.Resize) -> None:
        self._forget()
        self.virtual_size = Size(0, len(self._keys) + 1)
        self._keep_in_view()

    def render_line(self, y: int) -> Strip:
        if not self._look_checked:
            self._check_look()
        width = self._width
        if y == 0:
            line = self._heading_line
            if line is None or line.cell_length != width:
                style = self.get_component_rich_style("card-table--header")
                line = self._heading_line = self._line(self._headings, style, width)
            return line
        number = int(self.scroll_y) + y - 1
        if not 0 <= number < len(self._keys):
            return Strip.blank(width, self.rich_style)
        return self._row_line(number)

    @property
    def _width(self) -> int:
        """The cells a line has: the width less the scroll bar's."""
        return self.line_width

    def _line_key(self, number: int) -> tuple[str, bool, bool]:
        return (self._keys[number], number % 2 == 0, number == self.cursor_row)

    def _row_line(self, number: int) -> Strip:
        line_key = self._line_key(number)
        line = self._drawn.get(line_key)
        if line is None or line.cell_length != self._width:  # a scroll bar came or went
            key, even, cursor = line_key
            style = self.rich_style
            if even:
                style += self.get_component_rich_style("card-table--even-row")
            if cursor:
                style += self.get_component_rich_style("card-table--cursor")
            if key in self._skip:  # a heading: its first cell across the whole line
                heading = _heading_text(self._row_cells(key), self._width - 2 * PADDING)
                line = draw_line(self.app.console, (heading,), style, [self._width], self._width)
            else:
                line = self._line(self._row_cells(key), style, self._width)
            self._drawn[line_key] = line
        return line

    def _column_widths(self, width: int) -> list[int]:
        """See table_lines.column_widths."""
        return column_widths(self._widths, self.give_way, width)

    def _line(self, cells: Cells, style: Style, width: int) -> Strip:
        """One line drawn to this table's column widths (see table_lines.draw_line)."""
        return draw_line(self.app.console, cells, style, self._column_widths(width), width)


def _heading_text(cells: Cells, room: int) -> Text:
    """A heading row's text in `room` cells: its first cell, with the part its second
    cell names (the owner's name) cut with "…" when the whole does not fit, so that
    what follows it (the count) stays whole. Without a second cell, or one the first
    does not hold, the first as it is (draw_line cuts its end)."""
    text = cells[0] if isinstance(cells[0], Text) else Text(str(cells[0]))
    part = cells[1] if len(cells) > 1 and isinstance(cells[1], str) else ""
    start = text.plain.find(part) if part else -1
    if text.cell_len <= room or start < 0:
        return text
    end = start + len(part)
    before, after = text[:start], text[end:]
    left = room - before.cell_len - after.cell_len
    if left < 2:  # not even a character and the "…": cut at the end as any cell
        return text
    cut = cut_to(Text(part), left, whole_words=1)
    return Text.assemble(before, cut, after, style=text.style)
