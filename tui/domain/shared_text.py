"""A card's words as they may go to someone else (a reminder sent out, a letter, the
Markdown report, the calendar file): what the user typed into a label or an issuer
may hold a card number ("Visa 6222021234567894321", imported from a bank's CSV), so it
is masked before it leaves. The user's own views and the complete exports (JSON, CSV)
keep it as typed."""

from __future__ import annotations

from tui.base.redact import redact
from tui.base.sanitiser import clean
from tui.records.model import Card

MASK = "••••"


def for_others(text: str, card: Card) -> str:
    """`text` (a label or issuer of `card`) on one line, without control characters,
    with whatever may be an identifier as MASK: every run of 4 or more digits, every
    word holding 4 digits, and the stored last 4 of each of the card's serials
    (tui.base.redact)."""
    return masked(clean(text).text.strip(), card)


def masked(text: str, card: Card) -> str:
    """`text` with what may be an identifier as MASK, as for_others, and nothing else
    changed: for output that shows control characters itself (the command line's
    ␛, tui.cli.output)."""
    known = [identifier.last4 for identifier in card.identifiers.values()]
    return redact(text, known, mark=MASK)
