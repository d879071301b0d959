"""The hotline screen's results: a line list (tui.ui.entry_list) that holds every match
but builds the text of only as many as fill its view (and one more), and builds more
as the cursor, a page key or the scroll nears the end of what is built.

A search runs on every keystroke. Building all of twenty issuers' numbers (forty or so
entries of three to five wrapped lines each) cost more than the rest of the keystroke
together; the user sees three or four of them. Each entry's text and wrapped lines
are kept by its key while the screen is open, so typing on wraps only the entries
not seen yet, and only the cells on screen that read differently are repainted
(Textual's OptionList it replaces rendered and repainted the whole list). What is
built stays in order at the top of the list, so an entry's index is its result's.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.strip import Strip

from tui.ui.entry_list import Entry, EntryList

NAME_INDENT = 2  # a result's name, wrapped, goes on under its number's line


class HotlineList(EntryList):
    """Entries known by their keys; an entry's text is built by `prompt(index)`, a
    view's worth at a time. Down on the last entry and up on the first stay there
    (tui/ui/list_ends.py); G builds every entry and goes to the last."""

    BINDINGS = [Binding("enter", "select", "Copy", show=False, id="hotline.copy")]

    class EntryMessage(Message):
        """About the entry at `index` of `listing`."""

        def __init__(self, listing: HotlineList, index: int) -> None:
            super().__init__()
            self.listing = listing
            self.index = index

        @property
        def control(self) -> HotlineList:
            return self.listing

    class Highlighted(EntryMessage):
        """The cursor moved to the entry at `index` (a key, a click)."""

    class Selected(EntryMessage):
        """Enter or a click on the entry at `index`: act on it."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._keys: Sequence[Hashable] = ()  # every entry's key, built or not
        self._prompt: Callable[[int], Text] = lambda index: Text(str(index))
        self._entry_of: dict[Hashable, Entry] = {}  # kept while the screen is open
        # each entry's wrapped lines by (id of the entry, width), with the entry they
        # were wrapped from: lines are found by the entry drawn, never by a key or an
        # index, which change with each search (see _lines_of)
        self._lines_kept: dict[tuple[int, int], tuple[Entry, list[Strip]]] = {}
        self._quiet = False  # set while `show` runs: the owner shows what follows

    @property
    def entry_count(self) -> int:
        """How many entries the list holds, built or not."""
        return len(self._keys)

    def show(
        self,
        keys: Sequence[Hashable],
        prompt: Callable[[int], Text],
        empty: str,
        first: bool = True,
    ) -> None:
        """Show the entries of `keys` (each entry's key, in order), the first
        highlighted when `first` (else none: ↓ highlights it); `prompt(index)` builds
        an entry's text when it is first about to be seen (an entry already seen under
        its key keeps its text). With no
        entries, `empty` is shown (not selectable). Posts no Highlighted: the caller
        shows what follows from it."""
        self._keys, self._prompt = list(keys), prompt
        if not keys:
            self._show([Entry(Text(empty), disabled=True)], None)
            return
        width = self._width() or self.app.size.width
        entries, lines = [], self._view_height() + 1
        for index in range(len(self._keys)):
            entries.append(self._entry(index))
            lines -= self._height_guess(index, width)
            if lines < 0:
                break
        self._show(entries, 0 if first else None)

    def forget(self) -> None:
        """Hold nothing: the next `show` builds every entry it shows (a new search may
        show the same entries in another way)."""
        self._entry_of.clear()
        self._lines_kept.clear()
        self._keys = ()
        self._show([], None)

    def build_all(self) -> None:
        """Build every entry that is not built yet (End; tests that read them all)."""
        self._build(None)

    # building
    def _entry(self, index: int) -> Entry:
        key = self._keys[index]
        if (entry := self._entry_of.get(key)) is None:
            # a long name goes on two cells in, as the lines under it do
            entry = self._entry_of[key] = Entry(self._prompt(index), indent=NAME_INDENT)
        return entry

    def _height_guess(self, index: int, width: int) -> int:
        """The entry's lines if wrapped already, else its text's lines (wrapping only
        adds)."""
        entry = self._entry(index)
        kept = self._kept_lines(entry, width)
        return len(kept) if kept is not None else entry.prompt.plain.count("\n") + 1

    def _kept_lines(self, entry: Entry, width: int) -> list[Strip] | None:
        """The lines `entry` was wrapped to at `width`, if it was."""
        kept = self._lines_kept.get((id(entry), width))
        return kept[1] if kept is not None and kept[0] is entry else None

    def _show(self, entries: list[Entry], highlighted: int | None) -> None:
        self._quiet = True
        try:
            super().show(entries, highlighted)
        finally:
            self._quiet = False

    def _view_height(self) -> int:
        """Lines the list shows: its own height once laid out, else the screen's."""
        return self.scrollable_content_region.height or self.app.size.height

    def _build(self, lines: int | None) -> None:
        """Build entries until at least `lines` more lines and one entry more are
        built, or all when None; the cursor and the scroll stay where they are."""
        built = len(self._entries) if self._keys else 0
        if built >= len(self._keys):
            return
        width = self._width()
        while built < len(self._keys):
            self._entries.append(self._entry(built))
            self._wrapped.append(None)
            if lines is not None:
                lines -= self._height_guess(built, width)
            built += 1
            if lines is not None and lines < 0:
                break
        self._lay_out()
        self.refresh()

    def _lay_out(self) -> None:
        """As EntryList's, but before the list has a width (the first search runs as
        the screen mounts) nothing is wrapped: wrapping at one cell would give a line
        a character. The list is laid out when it is sized."""
        if self._width() <= 0:
            self._starts = list(range(len(self._entries)))
            return
        super()._lay_out()

    def _lines_of(self, index: int) -> list[Strip]:
        """The entry's wrapped lines, kept with the entry for the width (one blank line
        before the list has a width).

        They are kept by the entry they were wrapped from, never by the key the search
        gave its index: `show` draws the entries still on screen before it replaces
        them (to see which cells change), wrapping them for a new width if the list
        narrowed or widened since its last frame (a search whose results brought the
        scroll bar, then the next key before a frame). Kept under the new search's
        keys, those lines showed another issuer's numbers under the detail of the
        one searched for, as long as the screen lived."""
        if self._wrapped_at <= 0:
            return [Strip.blank(0)]
        if self._wrapped[index] is not None:
            return self._wrapped[index]
        entry = self._entries[index]
        kept = self._kept_lines(entry, self._wrapped_at)
        if kept is not None:
            self._wrapped[index] = kept
            return kept
        lines = super()._lines_of(index)
        if not entry.disabled:  # the line saying nothing matched is made anew each time
            self._lines_kept[(id(entry), self._wrapped_at)] = (entry, lines)
        return lines

    def on_resize(self) -> None:
        """A taller list (the terminal grew) shows more than was built for the old
        height: build until the view is full, and one more. Textual runs EntryList's
        on_resize after this one (it calls each class's handler), so no super()."""
        if len(self._entries) >= len(self._keys) or self._width() <= 0:
            return
        self._rewrap_if_narrowed()  # the lines built, at the width the list has now
        missing = int(self.scroll_y) + self._view_height() - self.virtual_size.height
        if missing >= 0:
            self._build(missing)

    def _build_near(self, index: int | None) -> None:
        """Build a view more when `index` is within two of the last built entry."""
        if len(self._entries) < len(self._keys) and (index or 0) >= len(self._entries) - 2:
            self._build(self._view_height())

    # the cursor
    def highlight_changed(self, index: int | None) -> None:
        if index is not None and not self._quiet:
            self.post_message(self.Highlighted(self, index))

    def action_cursor_down(self) -> None:
        self._build_near(self.highlighted)  # the next entry may not be built yet
        super().action_cursor_down()

    def action_page_down(self) -> None:
        self._build(self._view_height() * 2)
        super().action_page_down()

    def action_last(self) -> None:
        self.build_all()
        super().action_last()

    def action_select(self) -> None:
        index = self.highlighted
        if index is not None and not self._entries[index].disabled:
            self.post_message(self.Selected(self, index))

    def _on_click(self, event: events.Click) -> None:
        """A click on an entry highlights it and acts on it, as Enter would."""
        offset = event.get_content_offset(self)
        index = None if offset is None else self.entry_at(offset.y)
        if index is not None and not self._entries[index].disabled:
            self.highlighted = index
            self.action_select()

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        if new >= self.max_scroll_y and len(self._entries) < len(self._keys):
            self.call_after_refresh(self._build, self._view_height())
