"""Totals over every card (the header's figures), kept up to date one card at a time.

A change to one card replaces that card's share of the totals: the other cards are
not read again, so checking a step costs the same with ten cards or ten thousand.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from tui.domain.money_owed import still_owed
from tui.records.kinds import Status

if TYPE_CHECKING:
    from tui.domain.card_view import CardView


@dataclass(frozen=True)
class Overview:
    cards: int
    cards_done: int
    steps: int
    steps_done: int


class Totals:
    """Cards and steps done, what issuers still hold by currency (abandoned cards
    left out, and what a lost card took with it: tui.domain.money_owed), how many
    cards have an identifier kept, are carried in the wallet or are marked lost with
    it (`identified`: the steps pane's card line says each), and
    cards done of cards by owner (`by_owner`), over a set of card views."""

    def __init__(self, views: Iterable[CardView] = ()) -> None:
        self.cards = self.cards_done = self.steps = self.steps_done = self.identified = 0
        self._owed: dict[str, Decimal] = {}
        self._owners: dict[str, list[int]] = {}  # owner -> [cards done, cards]
        for view in views:
            self._count(view, 1)

    def replace(self, before: CardView | None, after: CardView | None) -> None:
        """One card changed (`before` None: added; `after` None: removed)."""
        if before is not None:
            self._count(before, -1)
        if after is not None:
            self._count(after, 1)

    @property
    def overview(self) -> Overview:
        return Overview(self.cards, self.cards_done, self.steps, self.steps_done)

    @property
    def owed(self) -> dict[str, Decimal]:
        """Currency code ("" when the card names none) -> amount, only amounts above 0."""
        return {currency: amount for currency, amount in self._owed.items() if amount > 0}

    @property
    def by_owner(self) -> list[tuple[str, int, int]]:
        """(owner, cards done, cards) for each owner with a card: the user's own ("")
        first, then the others by name (casefolded)."""
        found = [(owner, done, cards) for owner, (done, cards) in self._owners.items() if cards]
        return sorted(found, key=lambda row: (row[0] != "", row[0].casefold(), row[0]))

    def _count(self, view: CardView, sign: int) -> None:
        done = view.status is Status.DONE
        self.cards += sign
        self.cards_done += sign * done
        mine = self._owners.setdefault(view.card.owner, [0, 0])
        mine[0] += sign * done
        mine[1] += sign
        self.steps += sign * view.step_count
        self.steps_done += sign * view.done_count
        card = view.card
        self.identified += sign * bool(
            card.identifiers or card.carried or card.attachments or view.lost_with_wallet
        )
        if view.status is Status.ABANDONED:
            return
        amount = still_owed(view)  # what it held is not owed once gone with it
        if amount:
            currency = view.card.money.get("currency", "")
            self._owed[currency] = self._owed.get(currency, Decimal(0)) + sign * amount
