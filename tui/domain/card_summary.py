"""A card summed up for scripts: what `cardoff-tui list --json` and `due --json` give
for each card (the README's "JSON output" holds the shape, and a test holds the
README to it).

Identifiers appear as the exports show them: a serial by its last 4 (`•••• 1234`), a
secret (a port-out PIN) only as set; full values never leave the keyring or the
encrypted file.
"""

from __future__ import annotations

import datetime as dt

from tui.domain.card_view import CardView
from tui.records.kinds import Status

# the "due" of a card: whether its follow-up date has come
OVERDUE, TODAY, LATER = "overdue", "today", "later"


def days_late(view: CardView, today: dt.date) -> int | None:
    """Days since the card's follow-up date (0: it is today; negative: still to come);
    None when it has none, or is done or abandoned (nothing to follow up), as
    Tracker.due counts them."""
    if not view.card.follow_up or view.status in (Status.DONE, Status.ABANDONED):
        return None
    return (today - dt.date.fromisoformat(view.card.follow_up)).days


def due_word(late: int | None) -> str | None:
    """OVERDUE, TODAY or LATER for days_late's answer; None for no follow-up."""
    if late is None:
        return None
    return OVERDUE if late > 0 else TODAY if late == 0 else LATER


def card_summary(view: CardView, today: dt.date) -> dict:
    """One card as JSON: `id`, `label`, `kind`, `intent`, `issuer`, `region`,
    `network` (a bank card's, or null), `carried` (bool), `owner` (whose card, as
    typed; "" for the user's own), `tags` (the words it is filed under, as typed, in
    their order; [] for none), `registered` (bool: a registered, named card, which
    can be reported lost where its issuer's bearer note says only that one can),
    `how` (where the card's intent is done, as its issuer's procedures say: channel names from
    tui.domain.channels, such as "phone" and "in-person", in the order written; []
    when they do not say), `status` (the keys of
    tui.records.kinds: active, in-progress, waiting, done, abandoned), `steps_done`
    and `steps_total` (ints), `follow_up` (YYYY-MM-DD or null), `due` (overdue,
    today, later or null), `days_late` (int, only when `due` is overdue or today,
    else null) and `identifiers`: field → {"masked": "•••• 1234" or null for a
    secret, "secret": bool, "kept_in": "keyring", "vault" or null}."""
    card = view.card
    late = days_late(view, today)
    due = due_word(late)
    return {
        "id": card.id,
        "label": card.label,
        "kind": card.kind.value,
        "intent": card.intent.value,
        "issuer": card.issuer,
        "region": card.region,
        "network": card.network or None,
        "carried": card.carried,
        "owner": card.owner,
        "tags": list(card.tags),
        "registered": card.registered,
        "how": list(view.channels),
        "status": view.status.value,
        "steps_done": view.done_count,
        "steps_total": view.step_count,
        "follow_up": card.follow_up or None,
        "due": due,
        "days_late": late if due in (OVERDUE, TODAY) else None,
        "identifiers": {
            name: {"masked": shown.masked, "secret": shown.secret, "kept_in": shown.kept_in}
            for name, shown in sorted(card.identifiers.items())
        },
    }
