"""A dialog that only shows text to read (the help, the messages said lately): it
scrolls with the same keys as every list, j k g G, the arrows, Home/End and the page
keys, and leaves the status line's message as it was."""

from __future__ import annotations

from textual.binding import Binding
from textual.containers import VerticalScroll

from tui.ui.dialog_screen import DialogScreen


def reading_bindings(prefix: str, close: str) -> list[Binding]:
    """The keys of a reading dialog, their ids under `prefix` (`help.down`: the names
    a keymap in config.yaml and the catalogs' `key.` section use); `close`: the keys
    that close it."""
    return [
        Binding(close, "close", "Close", id=f"{prefix}.close"),
        Binding("j,down", "scroll(1)", "Down", show=False, id=f"{prefix}.down"),
        Binding("k,up", "scroll(-1)", "Up", show=False, id=f"{prefix}.up"),
        Binding("g,home", "scroll_to_end(False)", "First", show=False, id=f"{prefix}.first"),
        Binding("G,end", "scroll_to_end(True)", "Last", show=False, id=f"{prefix}.last"),
        Binding("pagedown,space", "page(1)", "Page down", show=False,
                id=f"{prefix}.page_down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id=f"{prefix}.page_up"),
    ]


class ReadingScreen(DialogScreen[None]):
    """Base of a reading dialog: its compose yields one VerticalScroll with the text;
    a subclass sets BINDINGS = reading_bindings(...)."""

    keeps_message = True  # only shows: the status line's message stays

    @property
    def _scroller(self) -> VerticalScroll:
        return self.query_one(VerticalScroll)

    def action_close(self) -> None:
        self.dismiss(None)

    def action_scroll(self, lines: int) -> None:
        scroller = self._scroller
        scroller.scroll_to(y=scroller.scroll_y + lines, animate=False)

    def action_page(self, pages: int) -> None:
        scroller = self._scroller
        height = max(scroller.scrollable_content_region.height - 1, 1)
        scroller.scroll_to(y=scroller.scroll_y + pages * height, animate=False)

    def action_scroll_to_end(self, last: bool) -> None:
        scroller = self._scroller
        scroller.scroll_to(y=scroller.max_scroll_y if last else 0, animate=False)
