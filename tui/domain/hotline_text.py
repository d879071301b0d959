"""The words that go with a number, in the user's language, for the screens and the
command line alike: who can dial it, why it will not work now, where it came from.
Plain strings (and a style name for the screens); no Textual, no Rich."""

from __future__ import annotations

from dataclasses import dataclass

from tui.base.i18n import Catalog
from tui.domain.hotline_choice import HOME_ONLY, OTHER_REGION, OWN_NETWORK_LOST, Offer
from tui.library.issuers import (
    ANY_PHONE,
    DOMESTIC_ONLY,
    FROM_ABROAD,
    OWN_NETWORK,
    UNKNOWN,
    Hotline,
    Issuer,
    Procedure,
)
from tui.library.regions import region_name


def left_out_text(words: list[str], t: Catalog) -> str:
    """What a search that left out `words` of its query says (IssuerDirectory.left_out):
    'No issuer has 'watch': these are what the other words find'; "" for none."""
    if not words:
        return ""
    quoted = t("hotline.list_separator").join(t("text.quoted", text=word) for word in words)
    return t("hotline.left_out", words=quoted)


def reach_text(hotline: Hotline, t: Catalog) -> str:
    """'only within mainland China', 'from abroad', 'only from their own network' or
    '' (any phone, or not known)."""
    if hotline.domestic_only:
        return t("reach.within", place=region_name(hotline.region, t.lang))
    if hotline.reachable == FROM_ABROAD:
        return t("reach.from_abroad")
    if hotline.reachable == OWN_NETWORK:
        return t("reach.own_network")
    return ""


def offer_reach_text(offer: Offer, t: Catalog) -> str:
    """Who can dial the offered number: 'any phone' where the offer says so (a lost
    phone's line any phone can call: hotline_choice.says_any_phone), else as its row
    says (reach_text)."""
    return t("reach.any_phone") if offer.any_phone else reach_text(offer.hotline, t)


# who can dial a number, as a code for scripts (`due --json`): stable, whatever the
# language; each has its words (reach_words)
REACH_CODES = (ANY_PHONE, FROM_ABROAD, DOMESTIC_ONLY, OWN_NETWORK, UNKNOWN)


def reach_code(offer: Offer) -> str:
    """Who can dial the offered number, as one of REACH_CODES, by the rule of
    offer_reach_text's words: `any-phone` where the offer says so (a lost phone's line
    any phone can call) or its row does, `domestic-only` where it works only within its
    region (its source or its numbering plan says so), else what its row says
    (`from-abroad`, `own-network`), or `unknown`."""
    hotline = offer.hotline
    if offer.any_phone:
        return ANY_PHONE
    if hotline.domestic_only:
        return DOMESTIC_ONLY
    if hotline.reachable in (FROM_ABROAD, OWN_NETWORK, ANY_PHONE):
        return hotline.reachable
    return UNKNOWN


def reach_words(offer: Offer, t: Catalog) -> str:
    """reach_code's words in the user's language ('any phone', 'from abroad', 'only
    within mainland China', 'only from a phone on their network'), as the screens and
    `due` word them; '' when not known. Unlike offer_reach_text, a row whose source
    says any phone can call it says so (the screens leave it unsaid, as usual)."""
    code = reach_code(offer)
    if code == ANY_PHONE:
        return t("reach.any_phone")
    return "" if code == UNKNOWN else reach_text(offer.hotline, t)


def reach_fields(offer: Offer, t: Catalog) -> dict[str, str]:
    """Who can dial the offered number, as the JSON of `due` and `hotline` give it:
    `reach`, a code that is the same in every language (reach_code), and
    `reach_words`, the same in the words of `t` (reach_words; "" when not known). The
    one place both commands build them."""
    return {"reach": reach_code(offer), "reach_words": reach_words(offer, t)}


def blocked_text(offer: Offer, t: Catalog) -> str:
    """Why the number will not work now ('' when it will)."""
    if offer.blocked == OWN_NETWORK_LOST:
        return t("reach.blocked_own_network")
    if offer.blocked == HOME_ONLY:
        place = region_name(offer.hotline.region, t.lang)
        return t("reach.blocked_abroad", place=place)
    if offer.blocked == OTHER_REGION:  # the user is at home, in another region
        return t("reach.within", place=region_name(offer.hotline.region, t.lang))
    return ""


def purposes_text(offers: list[Offer], t: Catalog) -> str:
    """What the offered numbers are for, each purpose once, in their order ('report
    lost', 'report lost, fraud'): said where none of them is for what the card is to
    do (hotline_choice.none_fits)."""
    purposes = dict.fromkeys(offer.hotline.purpose for offer in offers)
    return t("hotline.list_separator").join(t(f"purpose.{p}") for p in purposes)


def source_text(entry: Hotline | Procedure, t: Catalog, short: bool = False) -> tuple[str, str]:
    """(text, style) saying where a number or procedure came from: the official page
    and the day it was read; a third party's page, with a warning; or no source."""
    checked = entry.checked or t("hotline.checked_unknown")
    if entry.verified:
        if short:
            return f"· {entry.source_host}", "dim"
        return t("hotline.source", host=entry.source_host, checked=checked), "dim"
    if entry.source:
        if short:
            return "⚠ " + t("hotline.unverified_short"), "yellow"
        return "⚠ " + t("hotline.third_party", host=entry.source_host, checked=checked), "yellow"
    return "⚠ " + t("hotline.unverified_short" if short else "hotline.unverified"), "yellow"


def offer_parts(offer: Offer, t: Catalog, short: bool = False) -> list[tuple[str, str]]:
    """A number's line as (text, style) parts, the same wherever it is offered (the
    screens, `due`, the calendar): '☎ 95588 (report lost) · only within mainland China',
    whose line it is when it is the card network's or the region's shared
    card-blocking line, why it will not work now (struck),
    and with `short` where it came from (the source's host, or ⚠ unverified)."""
    hotline = offer.hotline
    blocked = blocked_text(offer, t)
    parts = [("☎ ", "bold"), (hotline.shown, "bold strike" if blocked else "bold")]
    parts.append((t("hotline.purpose", purpose=t(f"purpose.{hotline.purpose}")), ""))
    if offer.network:
        key = "hotline.network_short" if short else "hotline.network_line"
        parts.append((" · " + t(key, network=offer.issuer.name.get(t.lang)), ""))
    elif offer.central:
        key = "hotline.central_short" if short else "hotline.central_line"
        parts.append((" · " + t(key, name=offer.issuer.name.get(t.lang)), ""))
    if blocked:
        parts.append((f" ✗ {blocked}", "bold red"))
    elif (reach := offer_reach_text(offer, t)) and not (short and hotline.domestic_only):
        parts.append((f" · {reach}", ""))  # short: where a home number works goes unsaid
    if short:
        source, style = source_text(hotline, t, short)
        parts.append((f" {source}", style))
    return parts


def offer_words(offer: Offer, t: Catalog) -> str:
    """A number's line as plain text, for the command line and the calendar: the
    screens' short line ('+1 303-967-1096 (report lost) · the card network's line (Visa)
    · visa.com'), without the ☎, then its sources' disagreement, if any."""
    words = "".join(text for text, _style in offer_parts(offer, t, short=True)[1:])
    if conflict := offer.hotline.conflict.get(t.lang):
        words += " · ⚠ " + t("hotline.conflict", text=conflict)
    return words


def copy_notes(offer: Offer, t: Catalog) -> list[tuple[str, str]]:
    """What goes with a number the user copies by hand, a (text, style) line each:
    what it is for and who can dial it ('(report lost) · from abroad'), where it came
    from (⚠ unverified: a third party's page, and which), and where sources disagree."""
    what = "".join(text for text, _style in offer_parts(offer, t)[2:]).strip()
    notes = [(what, "")] if what else []
    notes.append(source_text(offer.hotline, t))
    if conflict := offer.hotline.conflict.get(t.lang):
        notes.append(("⚠ " + t("hotline.conflict", text=conflict), "yellow"))
    return notes


@dataclass(frozen=True)
class ProcedureWords:
    """One of an issuer's procedures as the screens and the command line say it:
    `said`, what it is for ('Report lost: ', '挂失：', or for what could not be found,
    that it was not: the catalog's words, the space after the colon, if any, in
    them); `note`, how it is done (or what was looked for); `source`, where it came
    from as (text, style) (source_text), None when it has no source page."""

    said: str
    note: str
    source: tuple[str, str] | None


def procedure_words(issuer: Issuer, t: Catalog, short: bool = False) -> list[ProcedureWords]:
    """The issuer's procedures (how it is done without a number), then what could not
    be found, in the user's language; `short`: where each came from in its short form
    (the source's host, or ⚠ unverified), as the screens put it on the line."""
    return [entry_words(entry, t, short) for entry in (*issuer.procedures, *issuer.not_found)]


def entry_words(entry: Procedure, t: Catalog, short: bool = False) -> ProcedureWords:
    """One procedure, or one thing looked for and not found, as procedure_words says it."""
    key = "hotline.procedure" if entry.found else "hotline.not_found"
    said = t(key, what=t(f"procedure.{entry.purpose}"))
    source = source_text(entry, t, short) if entry.source else None
    return ProcedureWords(said, entry.note.get(t.lang), source)
