"""The screen the panes live on: Textual's Screen, with a focus change repainting what
it changes and nothing more.

When the focus moves, Textual repaints the whole screen (its `focused` changed), then
every widget in the panes that gained or lost the focus (their styles were worked out
again): ~17 KB at 80x24 for each Tab or Enter. What a move of the focus changes here
is the two panes' borders (:focus-within) and how the lists in them draw their cursor
(:focus); those are repainted: a pane's border ring, and the cells of a list's lines
that read differently. A line that looks the same with or without the focus (the
card's lines above its steps) is not repainted; what is not ours (a scroll bar, the
footer) repaints as Textual does.

It also says when Textual itself is handing the focus of a hidden or removed widget
to one of its choosing (`handing_on`), which focus_keeper.py tells apart from a
focus the user or the app chose.
"""

from __future__ import annotations

from contextlib import ExitStack

from textual.reactive import Reactive
from textual.screen import Screen
from textual.widget import Widget

from tui.ui.key_panel import follow_key_panel
from tui.ui.repaint import BorderedPane, FocusDiffed, PartialRepaint
from tui.ui.resized_whole import ResizedRepaintedWhole


class MainScreen(ResizedRepaintedWhole, Screen):
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)
    handing_on = False  # Textual is giving a hidden or removed widget's focus away

    def _on_screen_resume(self) -> None:
        # back from a dialog where Escape hid Textual's key panel: hidden here too
        follow_key_panel(self)

    def _reset_focus(self, widget: Widget, avoiding: list[Widget] | None = None) -> None:
        self.handing_on = True
        try:
            super()._reset_focus(widget, avoiding)
        finally:
            self.handing_on = False

    def _update_focus_styles(
        self, focused: Widget | None = None, blurred: Widget | None = None
    ) -> None:
        if focused is None or blurred is None:
            changed = None  # Textual's own restyle (see _restyle_for_focus)
            widgets = [widget for widget in (focused, blurred) if widget is not None]
            nodes = {node for widget in widgets for node in widget.ancestors_with_self}
        else:
            changed = nodes = _focus_within_changed(focused, blurred)
            if not changed:
                return  # within one pane: nothing looks different until Focus and Blur
        panes = {node for node in nodes if isinstance(node, BorderedPane)}
        inside = [node for pane in panes for node in pane.walk_children()]
        with ExitStack() as held:
            for node in inside:
                if isinstance(node, FocusDiffed):  # the cells that differ are repainted
                    held.enter_context(node.changing_lines())
                elif isinstance(node, PartialRepaint):  # looks the same with the focus
                    held.enter_context(node.whole_repaint_held())
            for pane in panes:
                held.enter_context(pane.whole_repaint_held())
            self._restyle_for_focus(focused, blurred, changed)
        for pane in panes:
            pane.refresh_border_ring()

    def _restyle_for_focus(
        self, focused: Widget | None, blurred: Widget | None, changed: set[Widget] | None
    ) -> None:
        """Work out again the styles of what a move of the focus changes now: the
        containers that gained or lost a focused widget within (`:focus-within`), with
        everything in them (`#pane:focus-within X`); see _focus_within_changed.

        Textual restyles everything under the outermost container with a
        `:focus-within` rule, the whole card pane when the focus moves from the filter
        line to the list below it, though the pane holds the focus before and after."""
        if changed is None:
            super()._update_focus_styles(focused, blurred)
            return
        nodes: set = set()
        for node in changed:
            if node.parent not in changed:  # the outermost: the others are under it
                nodes.update(node.walk_children(with_self=True))
        self.app.stylesheet.update_nodes(nodes, animate=True)


def _focus_within_changed(focused: Widget, blurred: Widget) -> set[Widget]:
    """The widgets whose styles a move of the focus from `blurred` to `focused` can
    change at once: the containers that gained or lost the focus within, and either
    widget itself only when a `:focus-within` rule reads it or it holds widgets.

    Textual works out `:focus` (and `:blur`) from `has_focus`, which changes only when
    the widget's Focus or Blur event is handled; the widget is restyled then (Textual's
    `watch_has_focus`). Restyled at once as well, as Textual does, the two widgets got
    the styles they already had: at 80x24 that was a sixth of the CPU of Escape out of
    the filter (the line and the list below it are in one pane)."""
    changed = set(focused.ancestors) ^ set(blurred.ancestors)
    for widget in (focused, blurred):
        if widget._has_focus_within or widget.children:
            changed.add(widget)
    return changed
