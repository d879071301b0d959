"""The card list's order and its grouping by owner, for the inventory pane (a mixin):
which order the rows are in (tui.domain.card_order), the owners' heading rows, and
the words at the list's foot that say so.

A heading row has a key no card id has (it starts with a NUL) and the owner's name
and how many of their cards are shown ("Mum · 2 cards"; with a filter or the due
view leaving some out, "Mum · 1 of 2 cards"); the table's cursor passes over it
(CardTable's `skip`), and it is drawn in bold across the whole line, a long name
cut with "…" so that the count stays whole.
"""

from __future__ import annotations

from rich.text import Text as RichText

from tui.domain.card_order import ordered
from tui.domain.card_view import CardView

HEADING = "\x00owner\x00"  # a heading row's key: this, then the owner


class InventoryOrder:
    """Needs (InventoryPane): self.app.t, self.is_mounted, self._views, self._take,
    self._redraw, self.selected_id."""

    def order_reset(self) -> None:
        self._order = "none"  # tui.domain.card_order.ORDERS
        self._grouped = False  # under owners' headings
        # heading row key -> (owner, their cards shown, all their cards)
        self._headings: dict[str, tuple[str, int, int]] = {}

    def set_order(self, order: str, grouped: bool) -> None:
        """Show the cards in `order` (card_order.ORDERS), grouped by owner or not; the
        selected card stays selected. The rows are sorted now and when new data comes
        (show), not when one card changes (show_one): a step checked does not move the
        card under the cursor."""
        self._order, self._grouped = order, grouped
        if not self.is_mounted:
            return
        # from the order added (the tracker's), so that ties keep it
        views = sorted(self._views, key=lambda view: view.card.created)
        self._take(self._arranged(views))
        self._redraw(self.selected_id, tell_always=False)

    @property
    def order(self) -> tuple[str, bool]:
        """(the order, whether grouped by owner) the list is shown in."""
        return self._order, self._grouped

    def _arranged(self, views: list[CardView]) -> list[CardView]:
        """`views` (as the tracker gives them: in the order added) in the list's order."""
        if self._order == "none" and not self._grouped:
            return views
        return ordered(views, self._order, self._grouped)

    def _with_headings(self, shown: list[CardView]) -> list[str]:
        """The row keys of `shown` (grouped by owner) with a heading before each
        owner's cards; sets _headings."""
        groups: dict[str, list[str]] = {}
        for view in shown:
            groups.setdefault(view.card.owner, []).append(view.card.id)
        every: dict[str, int] = {}
        if len(shown) != len(self._views):
            for view in self._views:
                every[view.card.owner] = every.get(view.card.owner, 0) + 1
        self._headings = {}
        ids: list[str] = []
        for owner, card_ids in groups.items():
            key = HEADING + owner
            self._headings[key] = (owner, len(card_ids), every.get(owner, len(card_ids)))
            ids += [key, *card_ids]
        return ids

    def heading_cells(self, key: str) -> tuple:
        """A heading row's cells: the owner ("me" in the user's words for their own) and
        how many of their cards are shown (of how many, when some are left out), in
        bold; then the owner's name alone, which the table cuts when the line is too
        narrow (CardTable: a heading's second cell), so the count stays whole."""
        owner, shown, count = self._headings[key]
        t = self.app.t
        name = owner or t("owner.me")
        if shown == count:
            words = t("order.heading", owner=name, count=count)
        else:
            words = t("order.heading_shown", owner=name, shown=shown, count=count)
        return (RichText(words, style="bold"), name, "", "", "", "")

    def order_words(self) -> list[str]:
        """What the list's foot says of its order ([] as added, not grouped)."""
        t = self.app.t
        words = [t(f"order.{self._order}")] if self._order != "none" else []
        return words + ([t("order.grouped")] if self._grouped else [])
