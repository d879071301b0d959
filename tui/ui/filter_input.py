"""The card list's filter line: a one-line Input sized by its pane.

Textual's Input sets its virtual size (the width of the text) on every key, and a
change of virtual size lays out the whole screen, in case the widget is sized by
what it holds: at 80x24 that was about a third of a filter keystroke's CPU. The
filter line is one row as wide as its pane, so here a keystroke only scrolls the
line when the text outgrows it (`SizedByContainer`).

Its key bar names what works in it: Enter keeps the filter (back to the list), Escape
clears it. The app's own priority bindings do both (app.py, action_enter_key and
action_escape_key); these bindings only name them where the key bar shows the keys.

Closing the filter hides the line and moves the focus to the list; Textual then works
out the hidden line's styles again for its lost focus (an Input's styles, with its
parts, cost about a tenth of Escape's CPU), though nothing of it shows until `/`,
which focuses it and works them out again anyway. Here a line that loses the focus
while hidden is restyled only if it shows again without the focus.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import Input

from tui.ui.mount_guard import SkipsMountWhileEnding
from tui.ui.repaint import SizedByContainer


class FilterInput(SkipsMountWhileEnding, SizedByContainer, Input):
    """A compact Input whose text never lays out the screen (see the module)."""

    # the line still scrolls to keep the cursor in view; hidden: a text longer than
    # the line shows no scroll bar (Input's is 0 cells high) and so lays out nothing
    DEFAULT_CSS = """
    FilterInput {
        overflow-x: hidden;
    }
    """

    BINDINGS = [
        Binding("enter", "app.enter_key", "Keep filter", id="filter.keep", priority=True),
        Binding("escape", "app.escape_key", "Clear filter", id="filter.clear", priority=True),
    ]

    _restyle_when_shown = False  # lost the focus while hidden (see the module)

    def __init__(self, placeholder: str, **kwargs) -> None:
        super().__init__(placeholder=placeholder, compact=True, **kwargs)

    def on_mount(self) -> None:
        from tui.ui.labels import localise_bindings

        localise_bindings(self, self.app.t)

    def watch_has_focus(self, has_focus: bool) -> None:
        if not has_focus and not self.display:
            self._restyle_when_shown = True
            return
        self._restyle_when_shown = False
        super().watch_has_focus(has_focus)

    def on_show(self) -> None:
        if self._restyle_when_shown and not self.has_focus:
            self._restyle_when_shown = False
            self.update_node_styles()
