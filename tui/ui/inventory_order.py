"""The card list's order and its grouping by owner, for the inventory pane (a mixin):
which order the rows are in (tui.domain.card_order), the owners' heading rows, and
the words at the list's foot that say so.

A heading row has a key no card id has (it starts with a NUL) and the owner's name
and how many of the cards shown are theirs; the table's cursor passes over it
(CardTable's `skip`), and it is drawn across the whole line, so a long name never
cuts the count.
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
        self._headings: dict[str, tuple[str, int]] = {}  # heading row key -> (owner, cards)

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
        self._headings = {}
        ids: list[str] = []
        for owner, card_ids in groups.items():
            key = HEADING + owner
            self._headings[key] = (owner, len(card_ids))
            ids += [key, *card_ids]
        return ids

    def heading_cells(self, key: str) -> tuple:
        """A heading row's cells: the owner ("me" in the user's words for their own) and
        how many cards; drawn across the whole line by the table."""
        owner, count = self._headings[key]
        t = self.app.t
        words = t("order.heading", owner=owner or t("owner.me"), count=count)
        return (RichText(words, style="bold"), "", "", "", "", "")

    def order_words(self) -> list[str]:
        """What the list's foot says of its order ([] as added, not grouped)."""
        t = self.app.t
        words = [t(f"order.{self._order}")] if self._order != "none" else []
        return words + ([t("order.grouped")] if self._grouped else [])
