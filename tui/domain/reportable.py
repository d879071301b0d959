"""Whether a card can be reported lost at all: the one rule, read by the lost-wallet
list (tui.domain.lost_wallet_calls), the money owed (tui.domain.money_owed), the
letters, the steps pane and the hotline actions; and which cards the card form asks
whether they are registered. Kept apart so the money owed, worked out for every card
on the first frame, does not load the lost-wallet list. No Textual, no I/O."""

from __future__ import annotations

from tui.library.issuers import Issuer
from tui.records.kinds import Kind
from tui.records.model import Card


def cannot_be_reported(card: Card, issuer: Issuer | None) -> bool:
    """Whether the card cannot be reported lost, whatever checklist it follows: its
    issuer's source says an unregistered card cannot be (Issuer.bearer, e.g. the
    standard Shanghai transport card, an unregistered Oyster card), and the user has
    not marked the card as registered (Card.registered: a registered, named card such
    as a 记名 Yikatong or a registered Oyster card can be reported lost, as those same
    sources say). Such a card has no call to make, lost-wallet mode does not switch it
    (lost_wallet_calls.switches_when_lost), and what it held is gone with it once lost
    (money_owed.balance_counts); a registered one is reported like any other card."""
    return issuer is not None and bool(issuer.bearer.by_lang) and not card.registered


def registered_asked(kind: str, issuer: Issuer | None) -> bool:
    """Whether a card of `kind` (a Kind value) whose issuer text links to `issuer` is
    asked whether it is registered: a transit card, or one whose issuer's source has
    a bearer note (only the registered card can be reported lost). Others keep no such
    mark (Tracker.check_fields drops it)."""
    return kind == Kind.TRANSIT.value or (issuer is not None and bool(issuer.bearer.by_lang))
