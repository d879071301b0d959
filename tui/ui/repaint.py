"""Repaint only the lines that changed: every repaint is bytes over SSH.

Textual repaints whole widgets where one line changed: setting `border_subtitle`
repaints the pane and everything in it (even when the text is the same),
`DataTable.update_cell` the whole table, `OptionList.replace_option_prompt` the
whole list, and a list that grows by one line asks for a layout pass of the whole
screen, which repaints the scroll bar of every list and table on it. At 80x24 one
step toggle cost ~15 KB that way. A widget with `PartialRepaint` lets its owner
hold those back and repaint only the lines that changed.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from rich.cells import cell_len
from rich.text import Text
from textual.geometry import Region, Size
from textual.reactive import Reactive
from textual.strip import Strip


class PartialRepaint:
    """Mixin for a Textual widget: see `whole_repaint_held` and `changing_lines`."""

    _whole_repaint_held = False

    @contextmanager
    def whole_repaint_held(self) -> Iterator[None]:
        """Within: a refresh of the whole widget, or a layout pass it asks for, is
        dropped (the caller repaints what it changed); refreshes of regions go through."""
        self._whole_repaint_held = True
        try:
            yield
        finally:
            self._whole_repaint_held = False

    def refresh(
        self,
        *regions: Region,
        repaint: bool = True,
        layout: bool = False,
        recompose: bool = False,
    ):  # the Widget.refresh signature
        if self._whole_repaint_held and not (regions or recompose):
            return self
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    @contextmanager
    def changing_lines(self) -> Iterator[None]:
        """Change what a line-API widget (OptionList, DataTable) shows, within; after,
        only the visible lines that render differently are repainted, and the screen
        is laid out again only if a scroll bar came or went."""
        size = self.size
        if not size or self.styles.auto_dimensions:  # not on screen, or sized by content
            yield
            return
        before = [self.render_line(y) for y in range(size.height)]
        bars = (self.show_horizontal_scrollbar, self.show_vertical_scrollbar)
        with self.whole_repaint_held():
            yield
        if (self.show_horizontal_scrollbar, self.show_vertical_scrollbar) != bars:
            self.refresh(layout=True)
            return
        width = self.scrollable_content_region.width  # the scroll bar repaints itself
        for y, line in enumerate(before):
            span = changed_span(line, self.render_line(y))
            if span is not None:
                start, end = span
                self.refresh(Region(start, y, min(end, width) - start, 1))

    def refresh_outer_line(self, y: int, start: int = 0, end: int | None = None) -> None:
        """Repaint cells start..end of one line of the widget, border included (y: 0 is
        the top border, -1 the bottom one)."""
        width, height = self.outer_size
        start, end = max(start, 0), min(width if end is None else end, width)
        offset_x, offset_y = self.content_offset  # refresh() counts from the content
        self.refresh(Region(start - offset_x, y % height - offset_y, end - start, 1))


class SizedByContainer:
    """Mixin for a scrolling widget whose size is set by its container (`1fr`, never
    `auto`): what it holds (its virtual size) changes its scroll bar, not its size.

    Textual lays out the whole screen whenever a widget's virtual size changes, in
    case the widget is sized by its content; each layout pass repaints every pane's
    scroll bar and costs more than the change. Here only the widget's own scroll bar
    is brought up to date (a scroll bar that comes or goes still lays out the screen).
    """

    virtual_size = Reactive(Size(0, 0), layout=False)

    def watch_virtual_size(self, size: Size) -> None:
        if self.is_mounted:
            self._scroll_update(size)  # the scroll bar's thumb, and whether it shows
            self.refresh()


class BorderedPane(PartialRepaint):
    """A pane whose border title and subtitle change: set them through `set_border`."""

    def set_border(self, title: str | None = None, subtitle: str | None = None) -> None:
        """Set the border texts that differ from those shown; a changed title or
        subtitle repaints its border line, not the pane."""
        for text, name, line in ((title, "border_title", 0), (subtitle, "border_subtitle", -1)):
            if text is None or getattr(self, f"_shown_{name}", None) == text:
                continue
            setattr(self, f"_shown_{name}", text)
            if not self.outer_size:  # not laid out yet: nothing on screen to keep
                setattr(self, name, text)
                continue
            before = cell_len(Text.from_markup(getattr(self, name) or "").plain)
            with self.whole_repaint_held():
                setattr(self, name, text)
            # the text sits at one end of the line, between a space each side and two
            # cells of border (corner and line): repaint those cells (the line if centred)
            reach = max(before, cell_len(Text.from_markup(getattr(self, name) or "").plain)) + 4
            align = getattr(self.styles, f"{name}_align")
            width = self.outer_size.width
            if align == "left":
                self.refresh_outer_line(line, 2, reach)
            elif align == "right":
                self.refresh_outer_line(line, width - reach, width - 2)
            else:
                self.refresh_outer_line(line)


_SECOND_HALF = object()  # the cell after a wide character


def _cells(line: Strip) -> list:
    """What each cell shows: its character and style (a style's meta, such as which
    option a line belongs to, does not reach the terminal)."""
    cells: list = []
    for text, style, _ in line:
        shown = (style.clear_meta_and_links(), style.link) if style else None
        for character in text:
            cells.append((character, shown))
            cells.extend([_SECOND_HALF] * (cell_len(character) - 1))
    return cells


def changed_span(before: Strip, after: Strip) -> tuple[int, int] | None:
    """The cells start..end where two rendered lines differ (None: they are the same),
    widened so as not to cut a wide character in two."""
    if before == after:
        return None
    old, new = _cells(before), _cells(after)
    length = max(len(old), len(new))
    old += [None] * (length - len(old))
    new += [None] * (length - len(new))
    if old == new:
        return None
    start = next(x for x in range(length) if old[x] != new[x])
    end = next(x for x in range(length, start, -1) if old[x - 1] != new[x - 1])
    while start > 0 and _SECOND_HALF in (old[start], new[start]):
        start -= 1
    while end < length and _SECOND_HALF in (old[end], new[end]):
        end += 1
    return start, end
