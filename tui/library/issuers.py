"""The issuer directory: who to call, on which number, and where that number came from.

Numbers are parsed and formatted with phonenumbers (tui.library.phone_numbers). A card links
to an issuer by an exact name or alias within the card's region; lookup is fuzzy over
every name, alias and suggested name, in both scripts, with rapidfuzz. Which number
to offer in a situation is tui.domain.hotline_choice's rule.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from tui.library.hotline_search import IssuerIndex, asides, dialled
from tui.library.hotline_search import normalised as _norm
from tui.library.number_facts import kept_dialable_abroad, kept_display_number, kept_toll_free
from tui.library.playbook import EMPTY_TEXT, Text
from tui.library.regions import GLOBAL, places_of, region_code, typed_code
from tui.library.web_address import address_host

if TYPE_CHECKING:
    from tui.library.issuer_completion import IssuerCompleter

REPORT_LOST = "report-lost"
CUSTOMER_SERVICE = "customer-service"
# reachability, as the sourced list says
ANY_PHONE, OWN_NETWORK, DOMESTIC_ONLY, FROM_ABROAD, UNKNOWN = (
    "any-phone",
    "own-network",
    "domestic-only",
    "from-abroad",
    "unknown",
)
# purposes that older files used to say who can dial a customer-service line
OLDER_REACH = frozenset({ANY_PHONE, OWN_NETWORK, FROM_ABROAD})
# sources published by the issuer itself or a government body: shown as sourced
OFFICIAL = frozenset({"issuer", "government"})
# A card's issuer text links by the fuzzy measure only to an issuer it reads this
# close to (0-100) and no other within the margin (IssuerDirectory.match)
LINK_SCORE, LINK_MARGIN = 80, 10


def _date_text(value: object) -> str:
    return value.isoformat() if isinstance(value, _dt.date) else str(value or "")


def _hours(value: object) -> Text:
    """Hours as written: a plain string (older files) or text in each language."""
    if isinstance(value, Mapping):
        return Text.from_doc(value)
    return Text({"en": str(value)}) if value else EMPTY_TEXT


@dataclass(frozen=True)
class Hotline:
    """One number of an issuer. `reachable`: any-phone, own-network (only from a
    phone on the issuer's network), domestic-only, from-abroad or unknown, as the
    source says; `source_kind`: issuer, government or third-party (who published
    `source`); `checked`: the day the source was read (YYYY-MM-DD), not a promise
    that the number is still current; `verified`: from an official page; `region`:
    the country the number belongs to (the issuer's, unless the file says `country`)."""

    number: str
    purpose: str
    verified: bool
    region: str
    note: Text = EMPTY_TEXT
    hours: Text = EMPTY_TEXT
    source: str = ""
    checked: str = ""
    confidence: str = ""
    short_code: bool = False
    reachable: str = UNKNOWN
    source_kind: str = ""
    conflict: Text = EMPTY_TEXT
    printed: str = ""

    @classmethod
    def from_doc(cls, doc: Mapping, region: str) -> Hotline:
        purpose, reachable = doc["purpose"], doc.get("reachable", UNKNOWN)
        if purpose in OLDER_REACH:  # the older spelling: a line with that reachability
            purpose, reachable = CUSTOMER_SERVICE, doc.get("reachable", purpose)
        source_kind = doc.get("source_kind", "")
        if "verified" in doc:
            verified = bool(doc["verified"]) and source_kind not in ("third-party",)
        else:
            verified = source_kind in OFFICIAL and bool(doc.get("source"))
        return cls(
            number=str(doc["number"]),
            purpose=purpose,
            verified=verified,
            region=doc.get("country") or region,
            note=Text.from_doc(doc.get("note")),
            hours=_hours(doc.get("hours")),
            source=doc.get("source", ""),
            checked=_date_text(doc.get("checked")),
            confidence=doc.get("confidence", ""),
            short_code=bool(doc.get("short_code", False)),
            reachable=reachable,
            source_kind=source_kind,
            conflict=Text.from_doc(doc.get("conflict")),
            printed=doc.get("printed", ""),
        )

    @cached_property
    def dialable_abroad(self) -> bool:
        """Whether it can be dialled from another country (see phone_numbers)."""
        return self.reachable != DOMESTIC_ONLY and kept_dialable_abroad(
            self.number, self.region, self.short_code
        )

    @property
    def domestic_only(self) -> bool:
        """Works only within its region: the source says so, or the numbering plan
        does (a short code, a 400/800 line) and it is not an own-network code, nor a
        short code written as dialled from abroad that its source says works from
        there (China Mobile's +86 10086)."""
        if self.region == GLOBAL:
            return False
        if self.reachable == DOMESTIC_ONLY:
            return True
        if self.short_code and self.number.startswith("+") and self.reachable == FROM_ABROAD:
            return False  # a short code as dialled from abroad, as its source says (+86 10086)
        return self.reachable != OWN_NETWORK and not self.dialable_abroad

    @property
    def home_toll_free(self) -> bool:
        """A toll-free line whose source does not say it works from abroad or from any
        phone: free within its country, usually not reachable from another one (+1 800
        lines from China), so offered from abroad as working only within its region."""
        if self.region == GLOBAL or self.reachable in (FROM_ABROAD, ANY_PHONE):
            return False
        return kept_toll_free(self.number, self.region, self.short_code)

    @cached_property
    def shown(self) -> str:
        """As it is dialled: national form for a number that works only at home,
        international form otherwise, short codes as they are."""
        return kept_display_number(self.number, self.region, self.short_code, self.domestic_only)

    @property
    def source_host(self) -> str:
        """Where the number came from, e.g. `www.icbc.com.cn`; never raises."""
        return address_host(self.source) if self.source else ""


@dataclass(frozen=True)
class Procedure:
    """How something is done where there is no number (`found`), or what was looked
    for and not found (not `found`): `purpose` says what (cancel, port-out, ...)."""

    purpose: str
    note: Text = EMPTY_TEXT
    source: str = ""
    source_kind: str = ""
    checked: str = ""
    conflict: Text = EMPTY_TEXT
    printed: str = ""
    found: bool = True
    # where it is done, as the note says (in-person, phone, online, app, post, form,
    # sms; the issuer schema's list); () when the note does not say
    channels: tuple[str, ...] = ()

    @classmethod
    def from_doc(cls, doc: Mapping, found: bool = True) -> Procedure:
        return cls(
            purpose=doc["purpose"],
            note=Text.from_doc(doc.get("note")),
            source=doc.get("source", ""),
            source_kind=doc.get("source_kind", ""),
            checked=_date_text(doc.get("checked")),
            conflict=Text.from_doc(doc.get("conflict")),
            printed=doc.get("printed", ""),
            found=found,
            channels=tuple(doc.get("channels", ())),
        )

    @property
    def verified(self) -> bool:
        return self.source_kind in OFFICIAL and bool(self.source)

    @property
    def source_host(self) -> str:
        return address_host(self.source) if self.source else ""


@dataclass(frozen=True)
class Issuer:
    """A bank, carrier, transit-card or social-security issuer. `region`: ISO 3166
    code, XX for worldwide; `aliases` link a card by themselves, `suggest` names only
    suggest it; `area`: the city or province it serves; `network`: the card network
    it is (visa, mastercard, ...); `central_blocking`: it is its region's shared
    card-blocking line (Sperr-Notruf 116 116), offered for the region's bank cards;
    `bearer`: for a transit card that cannot be reported lost, what happens instead."""

    id: str
    name: Text
    region: str
    kinds: tuple[str, ...]
    hotlines: tuple[Hotline, ...] = ()
    aliases: tuple[str, ...] = ()
    website: str = ""
    note: Text = EMPTY_TEXT
    from_user: bool = False
    suggest: tuple[str, ...] = ()
    area: Text = EMPTY_TEXT
    network: str = ""
    central_blocking: bool = False
    bearer: Text = EMPTY_TEXT
    procedures: tuple[Procedure, ...] = ()
    not_found: tuple[Procedure, ...] = ()
    domains: tuple[str, ...] = ()

    @classmethod
    def from_doc(cls, doc: Mapping, from_user: bool = False) -> Issuer:
        region = typed_code(doc["region"]) or doc["region"]  # UK is GB
        return cls(
            id=doc["id"],
            name=Text.from_doc(doc["name"]),
            region=region,
            kinds=tuple(doc["kinds"]),
            hotlines=tuple(Hotline.from_doc(h, region) for h in doc.get("hotlines", ())),
            aliases=tuple(doc.get("aliases", ())),
            website=doc.get("website", ""),
            note=Text.from_doc(doc.get("note")),
            from_user=from_user,
            suggest=tuple(doc.get("suggest", ())),
            area=Text.from_doc(doc.get("area")),
            network=doc.get("network", ""),
            central_blocking=bool(doc.get("central_blocking", False)),
            bearer=Text.from_doc(doc.get("bearer")),
            procedures=tuple(Procedure.from_doc(p) for p in doc.get("procedures", ())),
            not_found=tuple(Procedure.from_doc(p, False) for p in doc.get("not_found", ())),
            domains=tuple(doc.get("domains", ())),
        )

    @property
    def keys(self) -> list[str]:
        """Every name that links a card to it by itself, in both scripts."""
        return [self.id, *self.name.by_lang.values(), *self.aliases]

    @property
    def search_keys(self) -> list[str]:
        """What a search finds it by as text: its keys, the names it only suggests and
        the place it serves (its numbers are found as numbers: IssuerIndex._by_number)."""
        return [*self.keys, *self.suggest, *self.area.by_lang.values()]


@dataclass
class IssuerDirectory:
    """Every issuer that loaded, by id; the user's win over the shipped ones."""

    issuers: dict[str, Issuer] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._build()

    @classmethod
    def of(cls, issuers: Iterable[Issuer]) -> IssuerDirectory:
        directory = cls()
        for issuer in issuers:  # later ones (the user's) win by id
            directory.issuers[issuer.id] = issuer
        directory._build()
        return directory

    def _build(self) -> None:
        """The lookups, built once per load: exact names, suggested names and the areas
        issuers serve; the search index (tui.library.hotline_search) is built when first
        needed (a search, a completion, a card's issuer that is not a name typed exactly:
        none of them at start-up for cards that name their issuers)."""
        self._exact: dict[str, list[str]] = {}
        self._suggested: dict[str, list[str]] = {}
        areas: list[tuple[str, str]] = []
        for issuer in self.issuers.values():
            for key in issuer.keys:
                self._exact.setdefault(_norm(key), []).append(issuer.id)
            for key in issuer.suggest:
                self._suggested.setdefault(_norm(key), []).append(issuer.id)
            if issuer.region != GLOBAL:
                areas += [(name, issuer.region) for name in issuer.area.by_lang.values()]
        self._places = places_of(areas)
        self._built_index: IssuerIndex | None = None
        self._completer: IssuerCompleter | None = None  # built on the first completion
        self._closest: dict[tuple[str, str, str], Issuer | None] = {}  # see `match`

    @property
    def _index(self) -> IssuerIndex:
        if self._built_index is None:
            self._built_index = IssuerIndex(list(self.issuers.values()))
        return self._built_index

    def __len__(self) -> int:
        return len(self.issuers)

    def get(self, issuer_id: str) -> Issuer | None:
        return self.issuers.get(issuer_id)

    def region_of(self, text: str) -> str:
        """The ISO code a card's typed region means ("UK" → "GB", "上海" → "CN" from
        the areas issuers serve); "" when empty or unknown (tui.library.regions)."""
        return region_code(text, self._places)

    def _in_region(self, ids: list[str], region: str) -> list[Issuer]:
        """The issuers among `ids` a card of `region` may link to: its region's first,
        then worldwide ones; when the region is unknown, every one, worldwide ones
        first ("Visa" with no region is Visa's worldwide entry, not Visa Canada)."""
        found = [self.issuers[i] for i in dict.fromkeys(ids)]
        if not region:
            return sorted(found, key=lambda issuer: issuer.region != GLOBAL)
        home = [i for i in found if i.region == region]
        return home + [i for i in found if i.region == GLOBAL]

    def match(self, text: str, region: str = "", kind: str = "", home: str = "") -> Issuer | None:
        """The issuer a card's free-text issuer names, within the card's region (an
        ISO code; "" for unknown) or worldwide, or None.

        A card with no region, of a user whose home region is known (`home`, an ISO
        code: config.yaml's `home`, or where most of their cards are from), links as a
        card of `home` would; when nothing there links, another region's issuer links
        only if `home` has no issuer the text may mean (`suggestions`), and no issuer of
        a third region suggests the name: `HSBC` for a UK or US resident is for the user
        to confirm (HSBC UK or HSBC Hong Kong), never HSBC Hong Kong's +852 number by
        default, while `Octopus` for a resident of mainland China is Hong Kong's.

        An id, name or alias typed exactly (any case and spacing) links when its issuer
        issues cards of `kind` (when given): "ICBC" on an eSIM links to nothing, not to
        the bank (`other_kind` names it). Otherwise the
        text links to the one issuer it reads closest to by the hotline search's fuzzy
        measure (IssuerIndex.closeness: "Shanghai transport card" and 上海公交卡 are the
        Shanghai Public Transportation Card) when that issuer is clearly the one: its
        score, by names that begin alike (a word read inside another word, `iPhone`
        in CitiPhone, never links), is at least LINK_SCORE, no other issuer of the
        region or worldwide comes within LINK_MARGIN of it by any name, and it issues
        cards of `kind` (when given). A
        wrong link would show a wrong number, so anything less clear links to nothing
        ("Social security card", "Beijing transport card"). A name the issuer only
        suggests, a place or a number never links (see `suggestions`)."""
        if not text:
            return None
        if home and not region and home != GLOBAL:
            at_home = self._linked(text, home, kind)
            if at_home is not None:
                return at_home
            if any(i.region == home for i in self.suggestions(text, home, kind=kind)):
                return None  # perhaps the home region's: the user chooses
            away = self._linked(text, "", kind)
            if away is not None and self._also_suggested(text, away):
                return None  # `HSBC` for a US resident: HSBC Hong Kong's or HSBC UK's
            return away
        return self._linked(text, region, kind)

    def _linked(self, text: str, region: str, kind: str) -> Issuer | None:
        """`match` for a card of `region` ("" unknown), with no home to go by."""
        found = self._in_region(self._exact.get(_norm(text), []), region)
        if found:  # a name typed exactly: its issuer, or none of the card's kind
            fitting = [i for i in found if not kind or kind in i.kinds]
            if not fitting:
                return None
            regions = {i.region for i in fitting if i.region != GLOBAL}
            if not region and fitting[0].region != GLOBAL and len(regions) > 1:
                # the same name or alias in several regions ("Citi": Citi in the US and
                # Citibank Hong Kong's alias; "DBS"), none worldwide: the card's region
                # says which, and until it does the user chooses (`suggestions` names
                # them all)
                return None
            return fitting[0]
        wanted = (text, region, kind)
        if wanted not in self._closest:
            if len(self._closest) >= 4096:  # the oldest go
                self._closest.clear()
            self._closest[wanted] = self._clear_best(text, region, kind)
        return self._closest[wanted]

    def _also_suggested(self, text: str, issuer: Issuer) -> bool:
        """Whether an issuer of another region than `issuer`'s (neither worldwide)
        suggests `text` (HSBC UK suggests `HSBC`, HSBC Hong Kong's alias)."""
        return any(
            other.region not in (issuer.region, GLOBAL)
            for other in map(self.issuers.get, self._suggested.get(_norm(text), []))
            if other is not None
        )

    def other_kind(self, text: str, region: str, kind: str, home: str = "") -> Issuer | None:
        """The issuer `text` names (as `match` reads it, whatever its kind; `home` as
        there) when that issuer issues no cards of `kind`: "ICBC" for an eSIM is the
        bank. None when the text names no issuer, or one of the card's kind."""
        if not kind or self.match(text, region, kind, home) is not None:
            return None
        named = self.match(text, region, home=home)
        return named if named is not None and kind not in named.kinds else None

    def _clear_best(self, text: str, region: str, kind: str) -> Issuer | None:
        """The issuer `text` reads clearly closest to (see `match`), or None."""
        issuers = self._index.issuers

        def scores(generic: bool) -> tuple[list[tuple[float, Issuer]], ...]:
            """(by names that begin alike, by every name), best first, in the region."""
            closeness = self._index.closeness(text, LINK_SCORE - LINK_MARGIN, generic)
            return tuple(
                sorted(
                    (
                        (score, issuers[position])
                        for position, score in found.items()
                        if not region or issuers[position].region in (region, GLOBAL)
                    ),
                    key=lambda pair: -pair[0],
                )
                for found in closeness
            )

        ranked, every = scores(generic=False)
        if not ranked or ranked[0][0] < LINK_SCORE:
            return None
        score, best = ranked[0]
        if any(other is not best and near > score - LINK_MARGIN for near, other in every):
            return None  # two read alike (or one inside the other's word): the user chooses
        generic = scores(generic=True)[1]
        if generic and generic[0][0] >= score:
            return None  # as generic as a name ("Vodafone" for Vodafone UK): it suggests
        return best if not kind or kind in best.kinds else None

    def suggestions(
        self, text: str, region: str = "", limit: int = 5, kind: str = "", place: str = ""
    ) -> list[Issuer]:
        """Issuers the card's issuer text may mean, for the user to confirm: those that
        list it as a suggested (generic) name, then the best search matches, within
        the card's region and worldwide when it is known, of the card's `kind` only
        when it is given; those serving `place` (the region as typed, e.g. 上海) first."""
        if not text:
            return []
        named = self._in_region(self._suggested.get(_norm(text), []), region)
        searched = [
            issuer
            for issuer in self.search(text, limit=limit * 3, region=region, kind=kind)
            if not region or issuer.region in (region, GLOBAL)
        ]
        found = [i for i in named + searched if not kind or kind in i.kinds]
        here = _norm(place)
        found.sort(key=lambda i: not here or here not in map(_norm, i.area.by_lang.values()))
        unique = {issuer.id: issuer for issuer in reversed(found)}
        return sorted(unique.values(), key=found.index)[:limit]

    def completion(
        self, typed: str, region: str = "", kind: str = "", lang: str = "en", place: str = ""
    ) -> str:
        """The directory name to offer for what the user is typing into a card's issuer
        (tui.library.issuer_completion), of the card's kind, within its region (an ISO
        code) and the place typed as its region (`place`: 上海); "" when none."""
        if self._completer is None:
            from tui.library.issuer_completion import IssuerCompleter

            self._completer = IssuerCompleter(list(self.issuers.values()))
        return self._completer.completion(typed, region, kind, lang, place)

    def networks(self, network: str, region: str = "") -> list[Issuer]:
        """The card network's own entries (e.g. `visa`): the region's first, then the
        worldwide one."""
        if not network:
            return []
        ids = [i.id for i in self.issuers.values() if i.network == network]
        return (
            self._in_region(ids, region)
            if region
            else [i for i in map(self.issuers.get, ids) if i and i.region == GLOBAL]
        )

    def central_blocking(self, region: str) -> list[Issuer]:
        """The region's shared card-blocking lines (Issuer.central_blocking), in load
        order; [] for no region or none."""
        if not region:
            return []
        return [i for i in self.issuers.values() if i.central_blocking and i.region == region]

    def search(
        self, query: str, limit: int = 30, region: str = "", kind: str = "", place: str = ""
    ) -> list[Issuer]:
        """Best matches first: exact, then prefix, then substring (a name's before an
        alias's), then word by word for a query of several words, then fuzzy; among
        equal matches, the `region`'s issuers and worldwide ones first (worldwide ones
        alone when no region is given), then those serving `place` (the region as the
        user typed it: 上海), then those issuing cards of `kind`, then in load order.
        About 1-2 ms over 5,000 issuers (tui.library.hotline_search). A query with a
        region in brackets or joined on (`HSBC (UK)`, `DBS (Singapore)`, `汇丰（英国）`)
        finds first the issuers of that region its other parts find."""
        found = self._index.search(query, limit, region, kind, place)
        parts = [] if dialled(query) else asides(query)
        areas = [part for part in parts if self.region_of(part)]
        names = [part for part in parts if not self.region_of(part)]
        if not (areas and names):
            return found
        code = self.region_of(areas[0])
        there = self._index.search(" ".join(names), limit, code, kind, areas[0])
        there = [issuer for issuer in there if issuer.region == code]
        return list({issuer.id: issuer for issuer in there + found}.values())[:limit]

    def left_out(self, query: str, region: str = "") -> list[str]:
        """The words of `query` its search leaves out, as it reads them (casefolded):
        each finds no issuer by itself, and all of them together found none
        (IssuerIndex.left_out). [] when the search uses every word."""
        return self._index.left_out(query, region)
