"""The main screen: a focus change repaints what it changes, not the whole screen.

Textual's Screen repaints every cell of the terminal when the focus moves (its
`focused` reactive asks for a repaint of the screen), although the widgets whose
look depends on the focus already repaint themselves: the focused and the blurred
widget through their `:focus` styles, and the panes around them through
`:focus-within`. At 80x24 that whole-screen repaint was the largest single cost of
opening or closing the card filter, and about 2 KB over SSH each time.
"""

from __future__ import annotations

from textual.reactive import Reactive
from textual.screen import Screen
from textual.widget import Widget


class FocusScreen(Screen):
    """A Screen whose focus change does not repaint the whole screen (see the module)."""

    focused: Reactive[Widget | None] = Reactive(None, repaint=False)
