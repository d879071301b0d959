"""The card inventory: every card with its kind, issuer, how its intent is done (the
easiest way its issuer's procedures give: tui.domain.channels.short_how), status and
progress, in the order the user chose (`s`), grouped by owner or not (`o`;
tui.domain.card_order)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from rich.text import Text as RichText
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Static

from tui.base.wide_forms import narrowed
from tui.domain.card_view import CardView
from tui.domain.channels import short_how
from tui.ui.card_table import CardTable
from tui.ui.filter_input import FilterInput
from tui.ui.inventory_order import InventoryOrder
from tui.ui.inventory_widths import COLUMNS, GIVE_WAY, InventoryWidths
from tui.ui.labels import localise_bindings, progress_cell, set_content, status_cell
from tui.ui.mount_guard import SkipsMountWhileEnding
from tui.ui.repaint import BorderedPane


class InventoryPane(SkipsMountWhileEnding, InventoryOrder, InventoryWidths, BorderedPane, Vertical):
    """The card list, with a filter that opens on `/`."""

    class Selected(Message):
        """The highlighted card changed (None: no card is shown)."""

        def __init__(self, card_id: str | None) -> None:
            super().__init__()
            self.card_id = card_id

    class Opened(Message):
        """Enter on a card: move on to its steps."""

    def __init__(self, selected: Callable[[str | None], None] | None = None, **kwargs) -> None:
        """`selected(card_id)`: called at once when the user moves the cursor to another
        card, so that the other panes change in the same screen update as the list's
        cursor (a Selected message would reach them in a later one); without it, and
        for a change of the rows (new data, the filter), Selected is posted."""
        super().__init__(**kwargs)
        self._selected = selected
        self._views: list[CardView] = []
        self._index: dict[str, int] = {}  # card id -> its place in _views
        self._ids: list[str] = []  # the card id of each view, in order
        self._shown_ids: list[str] = []
        self._filter = ""
        self._due_only: set[str] | None = None
        # card id -> (the view it was made from, the card's text the filter reads)
        self._haystacks: dict[str, tuple[CardView, str]] = {}
        self._texts: list[str] | None = None  # the filter's text of each view, in order
        self._typed: str | None = None  # the filter line's text as last applied
        self.widths_reset()
        self._views_changed = False  # new views since the rows were last drawn
        self._kept: str | None = None  # the card selected as the filter was last changed
        self._hint: str | RichText = ""  # why no card is shown, when none is
        self._today = dt.date.today()  # the user's date, as the app last said
        self._columns = COLUMNS
        self.order_reset()

    def toggle_due_only(self, due_ids: set[str]) -> bool:
        """Show only the cards due or overdue (or everything again); True if now on."""
        self._due_only = None if self._due_only is not None else set(due_ids)
        self._redraw(self.selected_id, tell_always=False, else_first=True)
        return self._due_only is not None

    def compose(self) -> ComposeResult:
        t = self.app.t
        yield FilterInput(t("inventory.filter_placeholder"), id="filter")
        table = CardTable(give_way=GIVE_WAY, moved=self._cursor_moved, id="cards")
        localise_bindings(table, t)
        yield table
        yield Static(t("inventory.empty"), id="empty-hint")

    def on_mount(self) -> None:
        t = self.app.t
        self.table.set_headings([t(f"column.{key}") for key in self._columns])
        self.set_border(title=t("pane.cards"))

    @property
    def table(self) -> CardTable:
        return self.query_one(CardTable)

    @property
    def selected_id(self) -> str | None:
        table = self.table
        if not self._shown_ids or table.cursor_row < 0:
            return None
        key = self._shown_ids[min(table.cursor_row, len(self._shown_ids) - 1)]
        return None if key in self._headings else key

    @property
    def due_only(self) -> bool:
        """Whether only the cards due or overdue are shown (`D`)."""
        return self._due_only is not None

    def show(
        self,
        views: list[CardView],
        today: dt.date,
        select: str | None = None,
        due_ids: set[str] | None = None,
    ) -> None:
        """Redraw the rows, keeping the cursor on `select` (or the current card);
        `today` (the user's date) says what is due or late; `due_ids`: the cards due
        now, for the due view (a follow-up moved changes it)."""
        self._today = today
        keep = select or self.selected_id
        if self._due_only is not None and due_ids is not None:
            self._due_only = set(due_ids)
        self._take(self._arranged(views))
        self._widths_all = self._widest(views)
        self._redraw(keep)

    def _take(self, views: list[CardView]) -> None:
        """Hold `views` as the list's cards, in this order."""
        self._views = views
        self._ids = [view.card.id for view in views]
        self._index = {card_id: number for number, card_id in enumerate(self._ids)}
        self._views_changed = True
        self._texts = None
        if len(self._row_widths) > len(self._ids):  # cards went: forget what they measured
            self._row_widths = {
                key: kept for key, kept in self._row_widths.items() if key in self._index
            }

    @property
    def views(self) -> list[CardView]:
        """Every card's view as last shown (filtered or not)."""
        return self._views

    def show_one(self, view: CardView, today: dt.date) -> CardView | None:
        """Redraw one card's row after a change to that card alone (a step checked):
        its cells only (every row when a cell grew past its column). Returns the
        card's view as it was shown; None (and nothing redrawn) when the card is not
        among the views. The other panes are the caller's to update: no Selected is
        posted for a row redrawn alone."""
        index = self._index.get(view.card.id)
        if index is None:
            return None
        before = self._views[index]
        self._views[index] = view
        if self._texts is not None:
            self._texts[index] = self._text_of(view)
        self._today = today
        card_id = view.card.id
        # a card the change takes out of the filter (no longer "not started") stays
        # until the filter changes: the list is not refiltered under the user, whose
        # next key is meant for this card
        cells = self._widths_of(view)
        self._widths_all = [max(a, b) for a, b in zip(self._widths_all, cells, strict=True)]
        widths = [max(a, b) for a, b in zip(self._widths, cells, strict=True)]
        if widths != self._widths:  # a cell grew past its column: widen it
            self._widths = widths
            self.table.set_widths(widths)
        self.table.update_row(card_id)
        return before

    def _shown(self) -> list[CardView]:
        """The views that pass the due view and the filter (every word of it in the
        card's text, casefolded), in the list's order."""
        due = self._due_only
        words = narrowed(self._filter).casefold().split()  # `ｉｃｂｃ` finds ICBC
        if not words:
            return (
                list(self._views) if due is None else [v for v in self._views if v.card.id in due]
            )
        if self._texts is None:
            self._texts = [self._text_of(view) for view in self._views]
        pairs = zip(self._views, self._texts, strict=True)
        if len(words) == 1:  # the common case, kept to one test a card
            word = words[0]
            shown = [view for view, text in pairs if word in text]
        else:
            shown = [view for view, text in pairs if all(w in text for w in words)]
        return shown if due is None else [v for v in shown if v.card.id in due]

    def _text_of(self, view: CardView) -> str:
        """What the filter reads of a card (see _haystack), kept while its view is."""
        kept = self._haystacks.get(view.card.id)
        if kept is None or kept[0] is not view:
            kept = self._haystacks[view.card.id] = (view, self._haystack(view))
        return kept[1]

    def _haystack(self, view: CardView) -> str:
        """What the filter reads of a card: label, issuer, region, kind, status, owner
        (the word for "me" for the user's own), tags and notes, in the data's words and
        the user's language, casefolded, full-width letters and digits as the ones they
        are (tui.base.wide_forms)."""
        t = self.app.t
        card = view.card
        words = [
            card.label,
            card.issuer,
            card.region,
            card.kind.value,
            t(f"kind.{card.kind.value}"),
            t(f"status.{view.status.value}"),
            card.owner or t("owner.me"),
            *card.tags,
            card.notes,
        ]
        return narrowed(" ".join(words)).casefold()

    def _row_cells(self, card_id: str) -> tuple:
        """The cells of a card's row (the table asks when the row comes on screen), or
        of an owner's heading."""
        if self._headings and card_id in self._headings:
            return self.heading_cells(card_id)
        return self._cells(self._views[self._index[card_id]], self._today)

    def _cells(self, view: CardView, today) -> tuple:
        t = self.app.t
        card = view.card
        return (
            RichText(card.label),
            t(f"kind.{card.kind.value}"),
            _issuer_cell(card.issuer),
            short_how(view.channels, t),
            status_cell(view, today, t),
            progress_cell(view),
        )

    def _redraw(self, keep: str | None, tell_always: bool = True, else_first: bool = False) -> None:
        """Show the cards that pass the filter, the cursor on `keep` if it is among
        them, else (`else_first`: the filter or the due view changed what is shown) on
        the first card shown; otherwise it stays on its row (a card deleted: its
        neighbour). Selected is posted after new data (`tell_always`), else only when
        the selected card is another one (the filter took it away)."""
        before = self.selected_id
        t = self.app.t
        table = self.table
        every = not self._filter and self._due_only is None and not self._grouped
        # every card (a filter cleared): the ids and places kept since the cards were
        # shown, not worked out again from 10,000 views
        shown = self._views if every else self._shown()
        headings_before = self._headings
        if self._grouped:
            ids = self._with_headings(shown)
        else:
            self._headings = {}
            ids = self._ids if every else [v.card.id for v in shown]
        # the columns as wide as the rows shown need (a filter that leaves out every
        # card that says How gives its room to the others); measured when other rows
        # are shown, never on a cursor move
        if not self._filter and self._due_only is None:
            self._widths = self._widths_all
        elif ids != self._shown_ids or self._views_changed or not self._widths:
            self._widths = self._widest_shown(shown)
        if ids == self._shown_ids and ids:
            # same rows in the same order: repaint only the cells that changed, so a
            # change sends a few bytes over SSH instead of the whole table (nothing,
            # when only the filter changed and the same cards pass it)
            table.set_widths(self._widths)
            if self._views_changed:
                table.rows_changed()
        else:
            table.set_rows(
                ids,
                self._row_cells,
                self._widths,
                # a heading's count changes with what is shown (a filter) under the
                # same row key: its cells are built again
                cells_kept=not self._views_changed and self._headings == headings_before,
                row_of=self._index if every else None,
                skip=frozenset(self._headings),
            )
        self._shown_ids = ids
        self._views_changed = False
        hint = self.query_one("#empty-hint", Static)
        if not self._views:
            self._hint = t("inventory.empty")
        elif not shown and not self._filter:
            self._hint = t("inventory.none_due")  # the due view, with nothing due
        elif not shown:  # the filter is text as typed, never markup
            self._hint = RichText(t("inventory.no_match", filter=self._filter))
        if not shown:
            self._show_hint()
        hint.display = not shown
        table.display = bool(shown)
        counted = (
            t("inventory.filtered", shown=len(shown), total=len(self._views))
            if self._filter or self._due_only is not None
            else t("inventory.count", count=len(self._views))
        )
        self.set_border(subtitle=" · ".join([*self.order_words(), counted]))
        row = table.row_of(keep) if keep is not None else None
        if row is None and else_first and ids:
            row = 0
        if row is None and ids and ids[min(table.cursor_row, len(ids) - 1)] in self._headings:
            row = table.cursor_row  # never left on a heading: on to the card under it
        if row is not None:
            table.move_cursor(row)
        if tell_always or self.selected_id != before:
            self.post_message(self.Selected(self.selected_id))

    # filter
    @property
    def filtering(self) -> bool:
        """Whether a filter narrows the list (the filter line holds words)."""
        return bool(self._filter)

    def _show_hint(self) -> None:
        """Say why no card is shown, below the filter line while it lies over the top
        line (app.tcss: the filter line covers the list's heading, or the hint's first
        line, so that opening and closing it moves nothing)."""
        hint = self.query_one("#empty-hint", Static)
        over = self.query_one("#filter", Input).display
        text = self._hint
        if over:
            text = "\n" + text if isinstance(text, str) else RichText("\n").append_text(text)
        set_content(hint, text)

    def open_filter(self) -> None:
        box = self.query_one("#filter", Input)
        box.display = True
        if self.query_one("#empty-hint", Static).display:
            self._show_hint()
        self.screen.set_focus(box)  # at once, so the keys typed after "/" land in it

    def close_filter(self) -> None:
        box = self.query_one("#filter", Input)
        box.value = ""
        box.display = False
        # the rows come back now, not when the Changed message comes: the line goes and
        # the rows come in the same pass as the focus and the key bar
        self._apply_filter("")
        self.screen.set_focus(self.table)

    def filter_caught_up(self) -> None:
        """Apply the filter line's text now if its Changed message has not come yet: a
        key typed right after an edit (Backspace then Enter, fast or on a busy machine)
        acts on the rows the edit shows, not those before it."""
        text = self.query_one("#filter", Input).value
        if text != self._typed:
            self._apply_filter(text)

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        if event.value != self._typed:  # not already applied (by close_filter)
            self._apply_filter(event.value)

    def _apply_filter(self, text: str) -> None:
        self._typed = text
        self._filter = text.strip()
        # the card selected before the filter matched nothing comes back with a match
        self._kept = self.selected_id or self._kept
        self._redraw(self._kept, tell_always=False, else_first=True)

    def _cursor_moved(self, _row: int) -> None:
        if self._selected is not None:
            self._selected(self.selected_id)
        else:
            self.post_message(self.Selected(self.selected_id))

    @on(CardTable.RowSelected, "#cards")
    def _opened(self, event: CardTable.RowSelected) -> None:
        event.stop()
        self.post_message(self.Opened())


def _issuer_cell(issuer: str) -> RichText:
    """The issuer as typed (text, never markup); its column cuts it with … when the
    screen has no room for the whole name (table_lines.column_widths); the filter
    matches the whole name."""
    return RichText(issuer or "—")
