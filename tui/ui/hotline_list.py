"""The hotline screen's results: a Textual OptionList that holds every match but
builds the options of only as many as fill its view (and one more), and builds more
as the highlight, a page key or the scroll nears the end of what is built.

A search runs on every keystroke. Building all of twenty issuers' numbers (forty or so
options of three to five wrapped lines each) cost more than the rest of the keystroke
together; the user sees three or four of them. What is built stays in order at the top
of the list, so an option's index is its entry's index.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence

from textual.widgets import OptionList
from textual.widgets.option_list import Option


class HotlineList(OptionList):
    """Entries known by their keys; an entry's option is built by `option(index)`, a
    view's worth at a time."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self._entries: Sequence[Hashable] = ()
        self._option: Callable[[int], Option] = lambda index: Option(str(index))
        self._built = 0
        self._wrapped_at = -1  # the width the options' lines were wrapped at

    @property
    def entry_count(self) -> int:
        """How many entries the list holds, built or not."""
        return len(self._entries)

    def show(self, keys: Sequence[Hashable], option: Callable[[int], Option], empty: str) -> None:
        """Show the entries of `keys` (each entry's key, in order), the first
        highlighted; `option(index)` builds an entry's option when it is about to be
        seen. The options already built for the same first entries stay as they are
        (typing on often keeps the first results). With no entries, `empty` is shown
        (not selectable)."""
        kept = self._built and list(keys[: self._built]) == list(self._entries[: self._built])
        self._entries, self._option = keys, option
        if kept:
            self.highlighted = 0
            self.scroll_to_highlight()
            return
        self._built = 0
        self.clear_options()
        if not keys:
            self.add_option(Option(empty, disabled=True))
            return
        self._build(self._view_height() + 1)
        self.highlighted = 0

    def forget(self) -> None:
        """Hold nothing: the next `show` builds every option it shows (a new search
        may show the same entries in another way)."""
        self._entries, self._built = (), 0
        self.clear_options()

    def build_all(self) -> None:
        """Build every option that is not built yet (End; tests that read them all)."""
        self._build(None)

    def _view_height(self) -> int:
        """Lines the list shows: its own height once laid out, else the screen's."""
        return self.scrollable_content_region.height or self.app.size.height

    def _build(self, lines: int | None) -> None:
        """Build options until at least `lines` more lines (one a line of prompt text;
        wrapping only adds) and one option more are built, or all when None."""
        new: list[Option] = []
        while self._built < len(self._entries):
            made = self._option(self._built)
            self._built += 1
            new.append(made)
            if lines is not None:
                lines -= str(made.prompt).count("\n") + 1
                if lines < 0:
                    break
        if new:
            self.add_options(new)

    def _build_near(self, index: int | None) -> None:
        """Build a view more when `index` is within two of the last built option."""
        if self._built < len(self._entries) and (index or 0) >= self.option_count - 2:
            self._build(self._view_height())

    def _on_resize(self) -> None:
        # OptionList forgets every option's wrapped lines on any resize; they depend on
        # the width only (the list grows and shrinks as the detail under it does)
        if self.scrollable_content_region.width != self._wrapped_at:
            self._wrapped_at = self.scrollable_content_region.width
            super()._on_resize()

    # every way to move towards the end builds what it will reach first
    def action_cursor_down(self) -> None:
        self._build_near(self.highlighted)
        super().action_cursor_down()

    def action_page_down(self) -> None:
        self._build(self._view_height() * 2)
        super().action_page_down()

    def action_last(self) -> None:
        self.build_all()
        super().action_last()

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        if new >= self.max_scroll_y and self._built < len(self._entries):
            self.call_after_refresh(self._build, self._view_height())
