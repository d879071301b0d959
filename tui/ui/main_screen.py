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

from tui.ui.repaint import BorderedPane, FocusDiffed, PartialRepaint


class MainScreen(Screen):
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)
    handing_on = False  # Textual is giving a hidden or removed widget's focus away

    def _reset_focus(self, widget: Widget, avoiding: list[Widget] | None = None) -> None:
        self.handing_on = True
        try:
            super()._reset_focus(widget, avoiding)
        finally:
            self.handing_on = False

    def _update_focus_styles(
        self, focused: Widget | None = None, blurred: Widget | None = None
    ) -> None:
        panes: set[BorderedPane] = set()
        for widget in (focused, blurred):
            if widget is not None:
                panes.update(
                    node for node in widget.ancestors_with_self if isinstance(node, BorderedPane)
                )
        inside = [node for pane in panes for node in pane.walk_children()]
        with ExitStack() as held:
            for node in inside:
                if isinstance(node, FocusDiffed):  # the cells that differ are repainted
                    held.enter_context(node.changing_lines())
                elif isinstance(node, PartialRepaint):  # looks the same with the focus
                    held.enter_context(node.whole_repaint_held())
            for pane in panes:
                held.enter_context(pane.whole_repaint_held())
            super()._update_focus_styles(focused, blurred)
        for pane in panes:
            pane.refresh_border_ring()
