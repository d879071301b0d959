"""Which number to offer, in what order, for a card in a situation.

The rule, in order of weight:
1. A number that cannot work in the situation goes last, marked with why: an
   own-network line when the phone or eSIM itself is being reported lost (the SIM
   that could dial it is gone), and a number that works only within its region
   when the user is outside the card's region (a short code, a 400/800 line, one
   the source calls domestic-only, a toll-free line whose source does not say it
   works from abroad): abroad, or at home in another region than the card's (a US
   card of a user living in China: tui.domain.home_region).
2. For a lost phone or eSIM, a number any phone can call (any_phone_can_call: the
   source says any phone, or it is a full number, not a short code, that the source
   says works from abroad or within its region) before a short code and before a
   number whose reach the source leaves unknown, at home and abroad: the phone that
   could dial the carrier's own short code is the lost one.
3. The line for the purpose first (report-lost, then fraud and credit-card lines,
   then customer service for a loss; port-out then customer service for a port-out;
   customer service, then credit-card and prepaid lines, for a cancel, a freeze or a
   replacement). A line for another purpose is never offered as the one to call (a
   lost-card line is no answer to a cancel, nor to a port-out): it is listed last,
   marked as not fitting (Offer.fits), and when an issuer has only such lines the
   screens say so (none_fits) rather than offer one.
4. Who can dial it: abroad, from-abroad lines first, then any-phone, unknown (and
   abroad this weighs more than rule 3: a line that works from abroad for another
   purpose the situation can use comes before one of unknown reach for the purpose);
   at home, any-phone and domestic lines before from-abroad ones.
5. Official sources (the issuer's or a government's page) before third-party ones.
6. The order of the issuer's file.

A bank card whose issuer is unknown, or has no official report-lost line that
works in the situation, is also offered its card network's lost-card line (from
the directory's network entries), marked as the network's: before the issuer's own
numbers, except at home a network line for calling from abroad, which comes after
them (rule 4).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from tui.library.issuers import (
    ANY_PHONE,
    CUSTOMER_SERVICE,
    DOMESTIC_ONLY,
    FROM_ABROAD,
    OWN_NETWORK,
    REPORT_LOST,
    Hotline,
    Issuer,
    IssuerDirectory,
)
from tui.library.regions import GLOBAL
from tui.records.kinds import Intent, Kind

PORT_OUT = "port-out"
# what else to try, in order, when the line for the purpose is not there
# (a general line serves every purpose; a lost-card or fraud line only a loss, a
# port-out line only a port-out)
PURPOSE_ORDER = {
    REPORT_LOST: (REPORT_LOST, "fraud", "credit-card", CUSTOMER_SERVICE),
    PORT_OUT: (PORT_OUT, CUSTOMER_SERVICE),
    # a cancel, a freeze or a replacement (Situation.for_card)
    CUSTOMER_SERVICE: (CUSTOMER_SERVICE, "credit-card", "prepaid"),
}
# why an offered number will not work in the situation
OWN_NETWORK_LOST = "own-network"  # the phone that could dial it is the lost one
HOME_ONLY = "domestic-only"  # works only within its region; the user is abroad
OTHER_REGION = "other-region"  # works only within its region; the user lives elsewhere


@dataclass(frozen=True)
class Situation:
    """What the user is doing: `purpose` report-lost, port-out or customer-service;
    `kind` the card's kind; `abroad`: the user is outside the card's region; `home`:
    the region the user is in when that is known (at home, in another region than
    the card's), else ""."""

    purpose: str
    kind: Kind
    abroad: bool = False
    home: str = ""

    @classmethod
    def for_card(
        cls, kind: Kind, intent: Intent, abroad: bool = False, home: str = ""
    ) -> Situation:
        purpose = {Intent.REPORT_LOST: REPORT_LOST, Intent.PORT_OUT: PORT_OUT}.get(
            intent, CUSTOMER_SERVICE
        )
        return cls(purpose, kind, abroad, home)

    @classmethod
    def of_card(
        cls, kind: Kind, intent: Intent, region: str, abroad: bool, home: str
    ) -> Situation:
        """The situation of a card of ISO `region` for a user who is `abroad`, or at
        home in `home` (their region, "" when not known): outside the card's region
        when abroad, or when home and the card's region are known and differ."""
        elsewhere = not abroad and bool(home and region) and region not in (home, GLOBAL)
        return cls.for_card(kind, intent, abroad or elsewhere, home if elsewhere else "")

    @property
    def phone_lost(self) -> bool:
        return self.purpose == REPORT_LOST and self.kind is Kind.ESIM


@dataclass(frozen=True)
class Offer:
    """A number offered: whose it is, and `blocked` (why it will not work here:
    OWN_NETWORK_LOST, HOME_ONLY or OTHER_REGION; "" when it can), `network` (it is the card
    network's line, offered because the issuer has none that works), `central` (it is
    the region's shared card-blocking line, offered for the same reason) and `fits`
    (its purpose is one the situation can use: a report-lost line is no answer to a
    port-out), `any_phone` (its line says any phone can call it: says_any_phone)."""

    hotline: Hotline
    issuer: Issuer
    blocked: str = ""
    network: bool = False
    central: bool = False
    fits: bool = True
    any_phone: bool = False

    @property
    def usable(self) -> bool:
        return not self.blocked and self.fits


def blocked_by(hotline: Hotline, situation: Situation) -> str:
    """Why `hotline` will not work in the situation ("" when it can)."""
    if situation.phone_lost and hotline.reachable == OWN_NETWORK:
        return OWN_NETWORK_LOST
    home_only = hotline.domestic_only or hotline.home_toll_free
    if situation.abroad and home_only and hotline.region != situation.home:
        return OTHER_REGION if situation.home else HOME_ONLY
    return ""


def any_phone_can_call(hotline: Hotline) -> bool:
    """Whether, as its source says, a phone of any network can call the number: it is
    an any-phone line, or a full number (not a short code) that works from abroad or
    within its region. A short code, an own-network line and a number of unknown reach
    (China Mobile's 10086 as its source gives it) are not: for a lost phone they may
    need the SIM that was lost."""
    if hotline.reachable == ANY_PHONE:
        return True
    return hotline.reachable in (FROM_ABROAD, DOMESTIC_ONLY) and not hotline.short_code


def says_any_phone(hotline: Hotline, situation: Situation) -> bool:
    """Whether the number's line says that any phone can call it: for a lost phone or
    eSIM only, where the reader cannot use their own phone and who can dial a number
    is what they need to know (China Mobile's +86 138 0010 0186, a normal mobile number
    its source gives for customers abroad, is not for abroad alone). A number any phone
    can call (any_phone_can_call) from wherever the reader is: not one that works only
    within its region, whose line says so instead. Elsewhere the line keeps what its
    row says ("from abroad", or nothing), which leaves a narrow row room for its ⚠."""
    return situation.phone_lost and any_phone_can_call(hotline) and not hotline.domestic_only


def _order(situation: Situation) -> tuple[str, ...]:
    return PURPOSE_ORDER.get(situation.purpose, (situation.purpose,))


def _rank(hotline: Hotline, situation: Situation, index: int) -> tuple:
    order = _order(situation)
    purpose = order.index(hotline.purpose) if hotline.purpose in order else len(order)
    if situation.abroad:
        reach = {FROM_ABROAD: 0, "any-phone": 1}.get(hotline.reachable, 2)
    else:
        reach = 1 if hotline.reachable == FROM_ABROAD else 0
    # a lost phone: what any phone can call first, among the lines for the purpose
    unsure = situation.phone_lost and not (purpose < len(order) and any_phone_can_call(hotline))
    blocked = bool(blocked_by(hotline, situation))
    # abroad, a line its source says works from there (from abroad, any phone) before
    # one of unknown reach, whatever its purpose: a Hong Kong customer-service line of
    # unknown reach is no answer for a mainland card's holder in the USA
    unknown_abroad = situation.abroad and (
        purpose == len(order) or hotline.reachable not in (FROM_ABROAD, ANY_PHONE)
    )
    return blocked, unsure, unknown_abroad, purpose, reach, not hotline.verified, index


def offers_of(issuer: Issuer, situation: Situation) -> list[Offer]:
    """Every number of the issuer, best first, each marked with why it will not work
    (see the module's rule)."""
    ranked = sorted(enumerate(issuer.hotlines), key=lambda pair: _rank(pair[1], situation, pair[0]))
    order = _order(situation)
    return [
        Offer(
            h,
            issuer,
            blocked_by(h, situation),
            fits=h.purpose in order,
            any_phone=says_any_phone(h, situation),
        )
        for _, h in ranked
    ]


def _has_lost_line(offers: list[Offer], situation: Situation) -> bool:
    """Whether the issuer has an official lost-card line that works here: abroad, one
    the source says works from abroad or from any phone (a toll-free line of unknown
    reach often does not connect from another country)."""
    reach = (FROM_ABROAD, "any-phone") if situation.abroad else None
    return any(
        o.usable
        and o.hotline.purpose == REPORT_LOST
        and o.hotline.verified
        and (reach is None or o.hotline.reachable in reach)
        for o in offers
    )


def offers_for(
    directory: IssuerDirectory,
    issuer: Issuer | None,
    situation: Situation,
    network: str = "",
    region: str = "",
) -> list[Offer]:
    """The numbers to offer for a card: its issuer's, best first. For a bank card
    reported lost whose issuer is unknown or has no official lost-card line that
    works here, the lost-card lines of its region's shared card-blocking line come
    first (`region`: the card's ISO region; Issuer.central_blocking: Germany's
    Sperr-Notruf 116 116), marked as such; then the card network's official
    report-lost lines (`network`: visa, mastercard, ...; the region's local lines
    first), marked as the network's. A line of either from no official source, and
    at home one for calling from abroad, comes after the issuer's own (official ones
    first). Empty when nothing is known."""
    offers = offers_of(issuer, situation) if issuer else []
    lost_bank_card = situation.kind is Kind.BANK and situation.purpose == REPORT_LOST
    if lost_bank_card and not _has_lost_line(offers, situation):
        central = [
            replace(o, central=True)
            for entry in directory.central_blocking(region)
            if issuer is None or entry.id != issuer.id
            for o in offers_of(entry, situation)
            if o.hotline.purpose == REPORT_LOST
        ]
        lines = []
        for entry in directory.networks(network, region) if network else ():
            if issuer is not None and entry.id == issuer.id:
                continue
            lines += [
                Offer(o.hotline, entry, o.blocked, network=True)
                for o in offers_of(entry, situation)
                if o.usable and o.hotline.purpose == REPORT_LOST and o.hotline.verified
            ]
        # after the issuer's own: at home, a line for calling from abroad (rule 4 holds
        # across issuers: a CN card's 95555 before Visa's US number), and a line from
        # no official source (a weak page's number never goes before an official one)
        stand_in = central + lines
        first = [
            o
            for o in stand_in
            if o.hotline.verified and (situation.abroad or o.hotline.reachable != FROM_ABROAD)
        ]
        later = [o for o in stand_in if o not in first]
        later.sort(key=lambda o: not o.hotline.verified)  # stable: the official ones first
        offers = first + offers + later
    offers.sort(key=lambda offer: not offer.usable)  # stable: what works first
    return offers


def first_usable(offers: list[Offer]) -> Offer | None:
    """The number to call first: the best one that works in the situation."""
    return next((offer for offer in offers if offer.usable), None)


def none_fits(offers: list[Offer]) -> bool:
    """Whether there are numbers but none for what the card is to do (a cancel, and
    the issuer's sources give only lost-card lines): the screens then say what its
    numbers are for, not that none works from where the user is."""
    return bool(offers) and not any(offer.fits for offer in offers)
