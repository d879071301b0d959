"""A widget whose size changed is not repainted again at its old size after the layout
pass that drew it whole at its new one.

Textual (8.2.8) marks a widget dirty when a layout pass gives it another size, but
before it takes the new size (`Widget._size_updated` and `ScrollView._size_updated`
call `_set_dirty()` before setting `_size`): the region kept for the widget's next
repaint is its whole old size. The layout pass itself draws the widget whole (its
place changed) and leaves that region standing, so the widget's next repaint of a
line or two (a cursor move, a changed row) repaints the old size at the new place,
cut at the old right edge. A wide character (a Chinese label or issuer) across that
edge is cut to a space, and the terminal (tmux, xterm, VTE) blanks its other half in
its own default colours: after a resize from 80x24 to 120x40 the card list showed
blank cells in column 79, the old right border, until ctrl+l. Textual's own output
sends the same cells.

Here, after every layout pass of a screen, the region left standing for a widget
whose size changed is dropped: the pass drew it whole (the compositor repaints every
place that changed). Keeping its whole new size instead, as first done here, repainted
the widget whole a second time at its next change (the whole checklist for a Tab, its
first after start-up).
"""

from __future__ import annotations

from textual.geometry import Size


class ResizedRepaintedWhole:
    """Mixin for a Screen, before Textual's Screen."""

    def _refresh_layout(self, size: Size | None = None, scroll: bool = False) -> None:
        sizes = {widget: widget._size for widget in self._compositor.widgets}
        super()._refresh_layout(size, scroll)
        for widget, before in sizes.items():
            if widget._size != before:
                widget._repaint_regions.clear()  # Textual's, exchanged by the compositor
