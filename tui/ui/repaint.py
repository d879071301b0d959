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
from math import ceil

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual.geometry import Region, Size
from textual.reactive import Reactive
from textual.scrollbar import ScrollBar
from textual.strip import Strip


class PartialRepaint:
    """Mixin for a Textual widget: see `whole_repaint_held` and `changing_lines`."""

    _whole_repaint_held = False
    _changing_lines = False

    @contextmanager
    def whole_repaint_held(self) -> Iterator[None]:
        """Within: a refresh of the whole widget, or a layout pass it asks for, is
        dropped (the caller repaints what it changed); refreshes of regions go through."""
        held, self._whole_repaint_held = self._whole_repaint_held, True
        try:
            yield
        finally:
            self._whole_repaint_held = held

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
        if not size or self.styles.auto_dimensions or self._changing_lines:
            # not on screen, sized by content, or within a change already compared
            # (a focus event restyles the widget: Focus, then has_focus's watcher)
            yield
            return
        before = [self.render_line(y) for y in range(size.height)]
        bars = (self.show_horizontal_scrollbar, self.show_vertical_scrollbar)
        self._changing_lines = True
        try:
            with self.whole_repaint_held():
                yield
        finally:
            self._changing_lines = False
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


class FocusDiffed(PartialRepaint):
    """Mixin for a line-API widget whose look changes with the focus (its cursor's
    colours): gaining or losing the focus repaints the cells that differ, not the
    whole widget (Textual repaints it whole on the Focus and Blur events and again
    when its styles are worked out anew)."""

    # Textual calls the handler of every class of the widget in turn: Widget's own is
    # called from here instead (prevent_default), within changing_lines
    def _on_focus(self, event) -> None:
        event.prevent_default()
        with self.changing_lines():
            super()._on_focus(event)

    def _on_blur(self, event) -> None:
        event.prevent_default()
        with self.changing_lines():
            super()._on_blur(event)

    def update_node_styles(self, animate: bool = True) -> None:
        with self.changing_lines():
            super().update_node_styles(animate)


class LaidOutOnce:
    """Mixin for a Textual widget: a layout pass that gives it another size does not
    ask for another pass.

    Textual sets a widget's virtual size in each layout pass, and a changed one asks
    for a layout pass more, which draws the widget (and every scroll bar whose size
    changed) again: a line whose height changed was sent twice."""

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        return super()._size_updated(size, virtual_size, container_size, layout=False)


class SteadyScrollBar(LaidOutOnce, ScrollBar):
    """A scroll bar that a layout pass sizes without asking for another, and that is
    drawn again only when what it shows changes.

    Textual repaints a scroll bar whenever the size of what it scrolls changes, and
    whenever the styles of its widget are worked out again (a move of the focus sets
    its colours anew, unchanged): each move to another card repainted those of the
    steps, the detail and the log, most showing the same thumb as before, and a Tab
    repainted every line beside the bar of the pane it reached.
    """

    window_virtual_size: Reactive[int] = Reactive(100, repaint=False)
    window_size: Reactive[int] = Reactive(0, repaint=False)
    position: Reactive[float] = Reactive(0, repaint=False)
    _drawn: tuple | None = None  # `_look` when last drawn

    def _look(self) -> tuple:
        """What the bar shows: its size, its colours (as ScrollBar.render picks them)
        and its cells' glyphs and which are the thumb, worked out by Textual's own
        renderer (ScrollBarRender.render_bar) from the bar's values."""
        styles = self.parent.styles
        colours = (
            self.grabbed, self.mouse_over, self.parent.background_colors[0],
            styles.scrollbar_background, styles.scrollbar_color,
            styles.scrollbar_background_hover, styles.scrollbar_color_hover,
            styles.scrollbar_background_active, styles.scrollbar_color_active,
        )
        window = self.window_size if self.window_size < self.window_virtual_size else 0
        size = self.size
        bar = self.renderer.render_bar(
            size=size.height if self.vertical else size.width,
            virtual_size=ceil(self.window_virtual_size),
            window_size=ceil(window),
            position=self.position,
            thickness=self.thickness,
            vertical=self.vertical,
        )
        thumb = tuple((seg.text, bool(seg.style and seg.style.reverse)) for seg in bar.segments)
        return size, colours, thumb

    def refresh(
        self,
        *regions: Region,
        repaint: bool = True,
        layout: bool = False,
        recompose: bool = False,
    ):  # the Widget.refresh signature
        if (
            self._drawn is not None and not (regions or layout or recompose)
            and self.parent is not None and self._drawn == self._look()
        ):
            return self
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    def render(self):
        self._drawn = self._look()
        return super().render()

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        if size != self.size:
            self._drawn = None  # drawn whole at its new size, whatever it showed
        return super()._size_updated(size, virtual_size, container_size, layout)

    def watch_window_virtual_size(self) -> None:
        self.refresh()

    def watch_window_size(self) -> None:
        self.refresh()

    def watch_position(self) -> None:
        self.refresh()


class SizedByContainer:
    """Mixin for a scrolling widget whose size is set by its container (`1fr`, never
    `auto`): what it holds (its virtual size) changes its scroll bar, not its size.

    Textual lays out the whole screen whenever a widget's virtual size changes, in
    case the widget is sized by its content; each layout pass repaints every pane's
    scroll bar and costs more than the change. Here only the widget's own scroll bar
    is brought up to date (a scroll bar that comes or goes still lays out the screen).
    """

    virtual_size = Reactive(Size(0, 0), layout=False)
    _line_width_kept: tuple | None = None

    @property
    def line_width(self) -> int:
        """The cells a line has (`scrollable_content_region.width`: the width less the
        padding and the scroll bar's), worked out again only when the size, a scroll
        bar or the styles change: lists asked for it once or twice per line drawn, and
        each time Textual worked out the widget's region on the screen."""
        key = (self.size, self.show_vertical_scrollbar, self.show_horizontal_scrollbar)
        kept = self._line_width_kept
        if kept is None or kept[0] != key:
            kept = self._line_width_kept = (key, self.scrollable_content_region.width)
        return kept[1]

    def notify_style_update(self) -> None:
        self._line_width_kept = None  # the padding or a scroll bar's size may change
        super().notify_style_update()

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        # A layout pass reports the region a widget without children takes as its
        # virtual size, never what it holds: each pass then redrew the scroll bar of
        # every list. What it holds is set by the widget alone (below).
        return super()._size_updated(size, self.virtual_size, container_size, layout)

    @property
    def vertical_scrollbar(self) -> ScrollBar:
        """The vertical scroll bar, made (as Textual makes it) when first asked for."""
        if self._vertical_scrollbar is None:
            bar = SteadyScrollBar(
                vertical=True, name="vertical", thickness=self.scrollbar_size_vertical
            )
            bar.display = False
            self._vertical_scrollbar = bar
            self.app._start_widget(self, bar)
        return self._vertical_scrollbar

    def watch_virtual_size(self, size: Size) -> None:
        if self.is_mounted:
            # whether the scroll bar shows (a change lays out the screen), and its thumb:
            # the bar repaints itself when that changes (Textual's _scroll_update
            # repainted it whole every time)
            self._refresh_scrollbars()
            if self.show_vertical_scrollbar and self.styles.scrollbar_size_vertical:
                bar = self.vertical_scrollbar
                bar.window_virtual_size = size.height
                bar.window_size = self.container_size.height - self.scrollbar_size_horizontal
            self.refresh()


def hand_repaints_to_screen(screen) -> None:
    """Give `screen` now every repaint its widgets have asked for, so that it draws
    them in one update.

    Textual hands a widget's repaint to its screen from the widget's own idle handler,
    one message queue after another; the screen draws once its own queue is empty, so
    a change that repaints several panes at once (a move to another card) could reach
    the terminal as two updates or more, the first with half of it. This runs that
    hand-over (Textual's Widget._check_refresh, what the idle handler would do) for
    each widget (and scroll bar: not among the children) at once; their idle handlers
    then find nothing left to do."""
    for node in screen.walk_children():
        bars = (node._vertical_scrollbar, node._horizontal_scrollbar, node._scrollbar_corner)
        for widget in (node, *bars):
            if widget is not None and (
                widget._repaint_required or widget._layout_required or widget._scroll_required
            ):
                widget._check_refresh()


class BorderedPane(PartialRepaint):
    """A pane whose border title and subtitle change: set them through `set_border`."""

    def refresh_border_ring(self) -> None:
        """Repaint the pane's border (its four sides), not what is inside it."""
        width, height = self.outer_size
        x, y = self.content_offset  # refresh() counts from the content
        self.refresh(
            Region(-x, -y, width, 1),
            Region(-x, height - 1 - y, width, 1),
            Region(-x, -y, 1, height),
            Region(width - 1 - x, -y, 1, height),
        )

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


_OWN_STYLE = ("-own-style",)  # our key in Textual's cache of a widget's styles


def own_style(widget) -> Style:
    """`widget.rich_style` (its colours over those of its ancestors), worked out once
    until Textual forgets the widget's styles (a style change, a refresh): a list
    asked for it once per line it draws, and each time walked every ancestor."""
    kept = widget._rich_style_cache.get(_OWN_STYLE)
    if kept is None:
        style = widget.rich_style
        kept = widget._rich_style_cache[_OWN_STYLE] = (style, style)
    return kept[0]


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
