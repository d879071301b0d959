"""What `cardoff-tui notify` sends: a title and a plain-text body naming the cards
whose follow-up has come, in the user's language.

A reminder leaves the machine (to a mail provider, ntfy, Telegram…), so it says only
a card's label, its issuer (or its kind), when it was due and the next open step of
its checklist. Never its notes, proof, amounts, nor any identifier: a label or issuer
the user typed a number into has every run of 4 or more digits, and every word
holding 4 digits or a card's stored last 4, replaced by "••••" (shared_text.for_others,
as letters and the report do).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from tui.base.clock import dated_day
from tui.base.sanitiser import clean
from tui.domain.card_view import CardView
from tui.domain.shared_text import MASK, for_others

__all__ = ["MASK", "Reminder", "reminder", "safe_text"]

Words = Callable[..., str]  # a catalog: key, **params → text (tui.base.i18n.Catalog)


@dataclass(frozen=True)
class Reminder:
    """A notification: its title (one line) and body (a line per card, each followed
    by its next step's line when it has one; lines end in "\\n" except the last)."""

    title: str
    body: str


def reminder(due: Sequence[tuple[CardView, int]], t: Words, lang: str) -> Reminder:
    """The reminder for `due` (Tracker.due: views with days overdue, 0 for today, most
    overdue first) in catalog `t`'s words; the step titles in `lang`. Dates are
    formatted as tui.base.clock.dated_day does (configure_dates first)."""
    lines: list[str] = []
    for view, days in due:
        card = view.card
        when = t("notify.due_today") if days == 0 else t("notify.due_late", count=days)
        issuer = card.issuer or t(f"kind.{card.kind.value}")
        label = safe_text(card.label, view)
        if card.owner:  # someone else's card says whose, as `due` does
            label = t("cli.due_owner", owner=safe_text(card.owner, view), card=label)
        lines.append(
            t(
                "notify.card",
                label=label,
                issuer=safe_text(issuer, view),
                when=when,
                date=dated_day(dt.date.fromisoformat(card.follow_up)),
            )
        )
        step = next((item for item in view.items if not item.done and not item.retired), None)
        if step is not None and (title := step.title.get(lang)):
            lines.append(t("notify.next_step", step=clean(title).text.strip()))  # content
    return Reminder(title=t("notify.title", count=len(due)), body="\n".join(lines))


def safe_text(text: str, view: CardView) -> str:
    """`text` on one line, without control characters, and with whatever may be an
    identifier (digit runs, the card's stored last 4 of each serial) as MASK."""
    return for_others(text, view.card)
