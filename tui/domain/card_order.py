"""The order of the card list (`s` cycles it) and its grouping by owner (`o`).

Orders, in the order `s` goes through them (ORDERS):

- `none`: as added (the oldest first), as before there was a choice;
- `status`: the open work first: waiting, in progress, not started, then done and
  abandoned;
- `due`: the soonest follow-up date first (overdue ones on top), cards without one after;
- `issuer`: by the issuer's name as typed (casefolded), cards without one last;
- `owner`: the user's own cards first, then by owner's name (casefolded);
- `label`: by the card's name (casefolded).

Ties keep the order as added. Grouped by owner, the cards are grouped as the `owner`
order has them, and within each owner in the chosen order. The choice is kept in
config.yaml (`sort: status`, `group: owner` or `group: none`; tui.domain.config).

No Textual, no Rich, no I/O.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from tui.records.kinds import Status

if TYPE_CHECKING:  # config.yaml's reading (tui.domain.config) needs only ORDERS and GROUPS
    from tui.domain.card_view import CardView

ORDERS = ("none", "status", "due", "issuer", "owner", "label")
GROUPS = ("none", "owner")  # config.yaml's `group`

_STATUS_RANK = {
    Status.WAITING: 0,
    Status.IN_PROGRESS: 1,
    Status.ACTIVE: 2,
    Status.DONE: 3,
    Status.ABANDONED: 4,
}


def next_order(order: str) -> str:
    """The order after `order` in ORDERS (after the last: `none`; an unknown one: the first)."""
    if order not in ORDERS:
        return ORDERS[1]
    return ORDERS[(ORDERS.index(order) + 1) % len(ORDERS)]


def owner_key(owner: str) -> tuple[bool, str, str]:
    """How owners sort: the user's own ("") first, then by name casefolded."""
    return (owner != "", owner.casefold(), owner)


def _keys() -> dict[str, Callable[[CardView], tuple]]:
    def label(view: CardView) -> str:
        return view.card.label.casefold()

    return {
        "status": lambda v: (_STATUS_RANK.get(v.status, 9), label(v)),
        "due": lambda v: (not v.card.follow_up, v.card.follow_up, label(v)),
        "issuer": lambda v: (not v.card.issuer, v.card.issuer.casefold(), label(v)),
        "owner": lambda v: (*owner_key(v.card.owner), label(v)),
        "label": lambda v: (label(v),),
    }


_KEYS = _keys()


def ordered(views: Sequence[CardView], order: str, by_owner: bool) -> list[CardView]:
    """`views` (in the order added) in `order` (one of ORDERS), grouped by owner when
    `by_owner`; a new list. Sorting is stable, so ties keep the order added."""
    found = list(views)
    key = _KEYS.get(order)
    if key is not None:
        found.sort(key=key)
    if by_owner:
        found.sort(key=lambda view: owner_key(view.card.owner))
    return found
