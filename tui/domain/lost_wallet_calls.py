"""Whom to call after a lost wallet, in what order, and where each call stands.

The order (CALL_ORDER), from the domain brief's "a lost wallet means calling every
issuer right away": bank and payment cards first (money can leave them within
minutes), then the phone's eSIM or SIM (the number receives the banks' login codes),
then transit and social-security cards, then any other card, and ID documents last
(they are reported to the police and the office that issued them, rarely by phone).

A card whose issuer's source says it cannot be reported lost (a bearer transit card:
the standard Shanghai, Beijing, Guangzhou and Wuhan cards) has no call to make: it is
listed with what to do instead and does not count among the calls (`no_call`), and
lost-wallet mode leaves it on its own checklist, with what was checked on it
(switches_when_lost: the one rule for the switch and the question before it). A card
of such an issuer marked as registered (a 记名 card, a registered Oyster card) can be
reported: it is switched and called like any other (tui.domain.reportable).

A registered card of an issuer whose source says it cannot be reported by phone
(ICOCA, PASMO, a Suica card: stopped at a station window) has no line for reporting a
loss: its row shows the issuer's report-lost procedures first, how and where it is
done (report_way), and a customer-service number only after them, not as the call
to make.

A call is done when the card's report step is checked (the report-lost playbook's
first `call` step, or its first step when it has none: Tracker.first_call_step); its
reference is the one given with the newest call logged for
the card ("lost.called" with a number, "lost.reported" when there was none to call).
No Textual, no Rich, no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from tui.domain.card_view import CardView
from tui.domain.hotline_choice import Offer, first_usable
from tui.domain.reportable import cannot_be_reported
from tui.library.issuers import REPORT_LOST, Issuer, Procedure
from tui.records.kinds import Intent, Kind
from tui.records.model import Card, LogEntry

CALL_ORDER: dict[Kind, int] = {
    Kind.BANK: 0,
    Kind.ESIM: 1,
    Kind.TRANSIT: 2,
    Kind.SOCIAL_SECURITY: 2,
    Kind.OTHER: 3,
    Kind.ID_DOCUMENT: 4,
}
# the log events of a report made from the lost-wallet list; both carry `reference`
CALL_EVENTS = ("lost.called", "lost.reported")
NO_REFERENCE = "—"  # what the log keeps when the issuer gave none
PHONE = "phone"  # a procedure's channel: done by a call


def in_call_order(views: Iterable[CardView]) -> list[CardView]:
    """The cards in the order to call their issuers (CALL_ORDER by kind; cards of the
    same rank keep the order they came in)."""
    return sorted(views, key=lambda view: CALL_ORDER.get(view.card.kind, len(CALL_ORDER)))


@dataclass(frozen=True)
class CallState:
    """Where a card's report stands: `done` (its call step is checked), and the
    `reference` the issuer or the police gave ("" when none was given or nothing was
    logged) with the time `at` it was logged (None when nothing was) and the `number`
    called, as it was dialled ("" when none was: reported at a police station, or the
    step checked by hand); `no_call`: the card cannot be reported lost
    (cannot_be_reported), so there is no call to make."""

    done: bool
    reference: str = ""
    at: datetime | None = None
    no_call: bool = False
    number: str = ""

    @property
    def to_call(self) -> bool:
        """Whether a call is still to be made for the card."""
        return not self.done and not self.no_call


@dataclass(frozen=True)
class ReportWay:
    """How a card in the list is reported lost: `procedures`, the issuer's report-lost
    procedures to follow first (in person, online, in an app: what its sources say),
    () when a number is the way; `offer`, the number that works from where the user
    is (first_usable), the one to call when there are no procedures, else one that
    may help after them (a customer-service or lost-property line)."""

    procedures: tuple[Procedure, ...] = ()
    offer: Offer | None = None

    @property
    def number(self) -> str:
        """The number the report is made on, as it is dialled and recorded with it:
        none when the procedures come first (the card is stopped at a window or
        online, not on the number shown after them)."""
        if self.procedures or self.offer is None:
            return ""
        return self.offer.hotline.shown


def report_way(issuer: Issuer | None, offers: Iterable[Offer]) -> ReportWay:
    """How the card is reported lost (`offers`: its numbers, best first, as
    Tracker.issuer_facts gives them). The issuer's report-lost procedures come first
    when it has some and no line for reporting a loss works from where the user is
    (no usable offer whose purpose is report-lost), and either no number works at all
    or the procedures say how without a call (each names where it is done, and none
    names the phone: ICOCA's ticket window, a Suica card's station window, Mobile
    Suica's member site). Procedures that name the phone, or do not say where they are
    done, leave the number that works first: the call is the way (Three's customer
    service takes the report)."""
    offer = first_usable(list(offers))
    procedures = (
        tuple(p for p in issuer.procedures if p.found and p.purpose == REPORT_LOST)
        if issuer is not None
        else ()
    )
    if not procedures or (offer is not None and offer.hotline.purpose == REPORT_LOST):
        return ReportWay((), offer)
    without_call = all(p.channels and PHONE not in p.channels for p in procedures)
    if offer is not None and not without_call:
        return ReportWay((), offer)
    return ReportWay(procedures, offer)


def switches_when_lost(card: Card, issuer: Issuer | None, intents: Iterable[Intent]) -> bool:
    """Whether reporting the card lost switches it to its report-lost checklist
    (`intents`: those its kind has a playbook for): not when it follows that one
    already, when its kind has none, or when it cannot be reported lost
    (cannot_be_reported: it keeps its own checklist and progress)."""
    return (
        card.intent is not Intent.REPORT_LOST
        and Intent.REPORT_LOST in intents
        and not cannot_be_reported(card, issuer)
    )


def call_state(done: bool, log: Iterable[LogEntry], no_call: bool = False) -> CallState:
    """The state of a card's call: `done` as its call step says, and, when done, the
    reference and number of the newest call logged (`log`: the card's entries, newest first, as
    Tracker.log gives them). An unchecked call shows no reference, even an old one.
    `no_call`: as cannot_be_reported says of the card; its call is never done (a
    call step of the checklist it kept is not a report)."""
    if no_call:
        return CallState(False, no_call=True)
    if not done:
        return CallState(False, no_call=no_call)
    entry = next((e for e in log if e.event in CALL_EVENTS), None)
    if entry is None:
        return CallState(True, no_call=no_call)
    reference = str(entry.params.get("reference") or "")
    shown = "" if reference == NO_REFERENCE else reference
    number = str(entry.params.get("number") or "") if entry.event == "lost.called" else ""
    return CallState(True, shown, entry.at, no_call, number)
