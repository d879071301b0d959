"""The card inventory: every card with its kind, issuer, status and progress."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text as RichText
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable, Input, Static

from tui.tracker import CardView
from tui.ui.labels import localise_bindings, progress_cell, status_cell
from tui.ui.repaint import BorderedPane, PartialRepaint


class CardTable(PartialRepaint, DataTable):
    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="cards.down"),
        Binding("k", "cursor_up", "Up", show=False, id="cards.up"),
        Binding("g", "scroll_top", "First", show=False, id="cards.first"),
        Binding("G", "scroll_bottom", "Last", show=False, id="cards.last"),
    ]


class InventoryPane(BorderedPane, Vertical):
    """The card list, with a filter that opens on `/`."""

    class Selected(Message):
        """The highlighted card changed (None: no card is shown)."""

        def __init__(self, card_id: str | None) -> None:
            super().__init__()
            self.card_id = card_id

    class Opened(Message):
        """Enter on a card: move on to its steps."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._views: list[CardView] = []
        self._index: dict[str, int] = {}  # card id -> its place in _views
        self._shown_ids: list[str] = []
        self._filter = ""
        self._due_only: set[str] | None = None
        self._drawn: dict[str, tuple] = {}
        self._columns = ("label", "kind", "issuer", "status", "progress")

    def toggle_due_only(self, due_ids: set[str]) -> bool:
        """Show only the cards due or overdue (or everything again); True if now on."""
        self._due_only = None if self._due_only is not None else set(due_ids)
        self._redraw(self.selected_id)
        return self._due_only is not None

    def compose(self) -> ComposeResult:
        t = self.app.t
        yield Input(placeholder=t("inventory.filter_placeholder"), id="filter", compact=True)
        table = CardTable(id="cards", cursor_type="row", zebra_stripes=True)
        localise_bindings(table, t)
        yield table
        yield Static(t("inventory.empty"), id="empty-hint")

    def on_mount(self) -> None:
        t = self.app.t
        table = self.query_one(CardTable)
        for key in self._columns:
            table.add_column(t(f"column.{key}"), key=key)
        self.set_border(title=t("pane.cards"))

    @property
    def table(self) -> CardTable:
        return self.query_one(CardTable)

    @property
    def selected_id(self) -> str | None:
        table = self.table
        if not self._shown_ids or table.cursor_row < 0:
            return None
        return self._shown_ids[min(table.cursor_row, len(self._shown_ids) - 1)]

    def show(self, views: list[CardView], select: str | None = None) -> None:
        """Redraw the rows, keeping the cursor on `select` (or the current card)."""
        keep = select or self.selected_id
        self._views = views
        self._index = {view.card.id: number for number, view in enumerate(views)}
        self._redraw(keep)

    @property
    def views(self) -> list[CardView]:
        """Every card's view as last shown (filtered or not)."""
        return self._views

    def show_one(self, view: CardView) -> CardView | None:
        """Redraw one card's row after a change to that card alone (a step checked):
        its cells only, when it stays in or out of the filter and its cells still fit
        their columns; else every row. Returns the card's view as it was shown; None
        (and nothing redrawn) when the card is not among the views. The other panes
        are the caller's to update: no Selected is posted for a row redrawn alone."""
        index = self._index.get(view.card.id)
        if index is None:
            return None
        before = self._views[index]
        self._views[index] = view
        card_id = view.card.id
        shown = card_id in self._shown_ids
        if shown != self._matches(view) or self._matches(before) != shown:
            self._redraw(self.selected_id)
            return before
        if shown:
            cells = self._cells(view, self.app.tracker.today())
            if not self._fits({card_id: cells}):
                self._redraw(self.selected_id)
                return before
            with self.table.changing_lines():
                self._update_row(card_id, cells)
        return before

    def _update_row(self, card_id: str, cells: tuple) -> None:
        """Change the cells of one row that differ from what is drawn."""
        table = self.table
        old = self._drawn.get(card_id)
        for column, (before, after) in enumerate(zip(old, cells, strict=True)):
            if str(before) != str(after) or getattr(before, "spans", None) != getattr(
                after, "spans", None
            ):
                table.update_cell(card_id, self._columns[column], after)
        self._drawn[card_id] = cells

    def _matches(self, view: CardView) -> bool:
        if self._due_only is not None and view.card.id not in self._due_only:
            return False
        if not self._filter:
            return True
        t = self.app.t
        card = view.card
        haystack = " ".join(
            [
                card.label,
                card.issuer,
                card.region,
                card.kind.value,
                t(f"kind.{card.kind.value}"),
                t(f"status.{view.status.value}"),
            ]
        ).casefold()
        return all(word in haystack for word in self._filter.casefold().split())

    def _cells(self, view: CardView, today) -> tuple:
        t = self.app.t
        card = view.card
        return (
            RichText(card.label),  # not a str: DataTable reads a str as markup ("[/]")
            t(f"kind.{card.kind.value}"),
            _issuer_cell(card.issuer),
            status_cell(view, today, t),
            progress_cell(view),
        )

    def _redraw(self, keep: str | None) -> None:
        t = self.app.t
        table = self.table
        shown = [v for v in self._views if self._matches(v)]
        today = self.app.tracker.today()
        ids = [v.card.id for v in shown]
        rows = {v.card.id: self._cells(v, today) for v in shown}
        if ids == self._shown_ids and ids and self._fits(rows):
            # same rows in the same order: change only the cells that changed, so a
            # toggle sends a few bytes over SSH instead of the whole table
            with table.changing_lines():
                for card_id in ids:
                    self._update_row(card_id, rows[card_id])
        else:
            table.clear()
            for card_id in ids:
                table.add_row(*rows[card_id], key=card_id)
        self._drawn = rows
        self._shown_ids = ids
        hint = self.query_one("#empty-hint", Static)
        if not self._views:
            hint.update(t("inventory.empty"))
        elif not shown and not self._filter:
            hint.update(t("inventory.none_due"))  # the due view, with nothing due
        elif not shown:  # the filter is text as typed, never markup
            hint.update(RichText(t("inventory.no_match", filter=self._filter)))
        hint.display = not shown
        table.display = bool(shown)
        self.set_border(
            subtitle=t("inventory.filtered", shown=len(shown), total=len(self._views))
            if self._filter
            else t("inventory.count", total=len(self._views))
        )
        if keep in self._shown_ids:
            table.move_cursor(row=self._shown_ids.index(keep), animate=False)
        self.post_message(self.Selected(self.selected_id))

    def _fits(self, rows: dict[str, tuple]) -> bool:
        """Whether every cell fits its column as drawn: `update_cell` keeps the column
        widths, so a cell grown wider ('Waiting 3d late', a longer label) would be cut
        off; then the table is filled again, which widens the column."""
        columns = self.table.columns
        return all(
            cell_len(str(cell)) <= column.content_width
            for cells in rows.values()
            for column, cell in zip(columns.values(), cells, strict=True)
        )

    # filter
    def open_filter(self) -> None:
        box = self.query_one("#filter", Input)
        box.display = True
        self.screen.set_focus(box)  # at once, so the keys typed after "/" land in it

    def close_filter(self) -> None:
        box = self.query_one("#filter", Input)
        box.value = ""
        box.display = False
        self.screen.set_focus(self.table)

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self._filter = event.value.strip()
        self._redraw(self.selected_id)

    @on(DataTable.RowHighlighted, "#cards")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self.post_message(self.Selected(self.selected_id))

    @on(DataTable.RowSelected, "#cards")
    def _opened(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.post_message(self.Opened())


ISSUER_CELLS = 20  # a directory name ("Shanghai Public Transportation Card") is cut here


def _issuer_cell(issuer: str) -> RichText:
    """The issuer as typed (text, never markup), cut with … past ISSUER_CELLS cells so
    that a long name does not push Status and Progress off an 80-column screen; the
    filter still matches the whole name."""
    cell = RichText(issuer or "—")
    cell.truncate(ISSUER_CELLS, overflow="ellipsis")
    return cell
