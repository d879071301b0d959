"""ctrl+l: the whole screen drawn again (a mixin for CardoffApp).

Textual repaints only what changes; text another program writes over the screen (a
`wall` message, a background job's output) stays wherever nothing changes until then.
A full repaint sends every cell again."""

from __future__ import annotations


class Redraw:
    """Needs Textual's App after it."""

    def action_redraw(self) -> None:
        """Send every cell of the screen again, with the screens a dialog shows over."""
        self.screen.refresh()
