"""The command palette (ctrl+p) with a key bar of its own: Textual's palette is a
screen of its own without one, so the main screen's keys (`a Add  e Edit …`, none of
which work while it is open) showed under it. The theme picker (the palette's "Theme")
is the same screen with the themes as its commands.

Its words are the catalog's: the search field's placeholder (Textual's "Search for
commands…") and the line shown when nothing matches (Textual's "No matches found",
shown half a second after the last key, on the app's timers)."""

from __future__ import annotations

from rich.align import Align
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.command import CommandList, CommandPalette
from textual.widgets.option_list import Option

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

    def _start_no_matches_countdown(self, search_value: str) -> None:
        """Textual's countdown to "No matches found", with the catalog's words."""
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                words = Text(self.app.t("palette.no_matches"), style="not bold")
                self.query_one(CommandList).add_option(
                    Option(Align.center(words), disabled=True, id=self._NO_MATCHES)
                )
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.app.timers.once(
            self, self._NO_MATCHES_COUNTDOWN, show_no_matches
        )

    def _extend_compose(self, widgets: list) -> None:
        """Textual's hook that adds its own widgets to what `compose` yields: the key
        bar too (as every dialog's, dialog_screen.py)."""
        super()._extend_compose(widgets)
        widgets.append(SteadyFooter())

    def action_run(self) -> None:
        self._select_or_command()
