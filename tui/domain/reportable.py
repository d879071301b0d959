"""Whether a card can be reported lost at all: the one rule, read by the lost-wallet
list (tui.domain.lost_wallet_calls), the money owed (tui.domain.money_owed), the
letters and the hotline actions. Kept apart so the money owed, worked out for every
card on the first frame, does not load the lost-wallet list. No Textual, no I/O."""

from __future__ import annotations

from tui.library.issuers import Issuer
from tui.records.model import Card


def cannot_be_reported(card: Card, issuer: Issuer | None) -> bool:
    """Whether the card cannot be reported lost, whatever checklist it follows: its
    issuer's source says so (Issuer.bearer, e.g. the standard Shanghai transport
    card). Such a card has no call to make, and lost-wallet mode does not switch it
    (lost_wallet_calls.switches_when_lost)."""
    return issuer is not None and bool(issuer.bearer.by_lang)
