"""What is still owed to the user on a card: the one rule that the header's total,
the report, the refund letter and the refund dialog all follow.

A card's balance and deposit, less what came back (tui.records.amounts.owed), are owed
to the user while the card can still be handed in or reported, so that what it held
can come back. Not when the card is lost and its issuer's source says it cannot be
reported lost (a bearer card: the standard Shanghai, Beijing or Guangzhou transport
card, an unregistered Oyster card): what it held is gone with it, as its row in the
lost-wallet list says (Issuer.bearer). A card of such an issuer marked as registered
can be reported lost, and what it held may come back: it counts as owed
(tui.domain.reportable.cannot_be_reported). What it held stays on record (the report and
the letter still show the balance and deposit); it is not counted as owed.

A card is lost when it follows the report-lost checklist, or when it was picked in
the lost-wallet list (a bearer card is not switched to that checklist, so the list
logs LOST_WITH_WALLET for it instead: tui.domain.lost_wallet_work.LostWalletWork.report_lost) and
not found again since (FOUND_AGAIN, logged by LostWalletWork.found_again: the mark made by
mistake, or the card turned up; what it held counts as owed again).
No Textual, no Rich, no I/O.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import TYPE_CHECKING

from tui.domain.reportable import cannot_be_reported
from tui.records.amounts import owed
from tui.records.kinds import Intent
from tui.records.model import Card, LogEntry

if TYPE_CHECKING:
    from tui.domain.card_view import CardView
    from tui.library.issuers import Issuer

# the log entry of a card that cannot be reported lost, picked in the lost-wallet list
LOST_WITH_WALLET = "lost.gone"
# the log entry that takes that mark back (LostWalletWork.found_again)
FOUND_AGAIN = "lost.found"


def marked_lost(log: Iterable[LogEntry]) -> bool:
    """Whether a card's log (`log`: its entries, newest first, as Store.log gives
    them) holds a LOST_WITH_WALLET mark that no later FOUND_AGAIN took back."""
    newest = next((e.event for e in log if e.event in (LOST_WITH_WALLET, FOUND_AGAIN)), None)
    return newest == LOST_WITH_WALLET


def is_lost(card: Card, log: Callable[[], Iterable[LogEntry]]) -> bool:
    """Whether the card is lost: it follows the report-lost checklist, or its log
    (`log()` gives the card's entries, newest first; asked only when its intent does
    not say) holds a LOST_WITH_WALLET mark not taken back (marked_lost)."""
    return card.intent is Intent.REPORT_LOST or marked_lost(log())


def balance_counts(card: Card, issuer: Issuer | None, lost: bool) -> bool:
    """THE rule: whether what the card holds (balance and deposit) counts as owed to the
    user. Not when it is `lost` and cannot be reported lost (cannot_be_reported: its
    issuer's source says so, and it is not marked as registered): it is gone with
    the card."""
    if not lost:
        return True
    return not cannot_be_reported(card, issuer)


def still_owed(view: CardView) -> Decimal:
    """What is still owed to the user on the card: balance plus deposit, less what came
    back (never below zero); nothing when balance_counts says what it held is gone
    (view.balance_gone, worked out by the tracker)."""
    return Decimal(0) if view.balance_gone else owed(view.card.money)
