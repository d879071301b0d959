"""The command palette (ctrl+p) with a key bar of its own: Textual's palette is a
screen of its own without one, so the main screen's keys (`a Add  e Edit …`, none of
which work while it is open) showed under it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.command import CommandPalette

from tui.ui.labels import localise_bindings
from tui.ui.steady_footer import SteadyFooter


class CommandsScreen(CommandPalette):
    """Textual's command palette; its key bar names Enter and Escape."""

    # Textual's list of commands is drawn over the screen (`overlay: screen`) up to 70%
    # of its height, below the search field 3 lines down: at 60x20 it covered the key
    # bar. 60% leaves the bottom line to the bar from 20 lines up.
    DEFAULT_CSS = """
    CommandsScreen CommandList {
        max-height: 60vh;
    }
    """

    BINDINGS = [
        Binding("escape", "escape", "Close", id="commands.close"),
        # the search field's own Enter (it runs the highlighted command), named in the bar
        Binding("enter", "run", "Run", id="commands.run", priority=True),
    ]

    def compose(self) -> ComposeResult:
        localise_bindings(self, self.app.t)
        yield from super().compose()

    def _extend_compose(self, widgets: list) -> None:
        """Textual's hook that adds its own widgets to what `compose` yields: the key
        bar too (as every dialog's, dialog_screen.py)."""
        super()._extend_compose(widgets)
        widgets.append(SteadyFooter())

    def action_run(self) -> None:
        self._select_or_command()
