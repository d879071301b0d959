"""The tracker's issuer lookups: which region a card's typed region means, which
directory entry its issuer text names (or may mean), and which numbers to call for it.
A mixin for Tracker (which supplies the issuer directory, `self.issuers`); kept apart
so tracker.py stays about cards and steps. It reads no data file."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from tui.domain.card_view import IssuerFacts
from tui.domain.channels import channels_for
from tui.domain.home_region import home_region
from tui.domain.hotline_choice import Offer, Situation, first_usable, offers_for
from tui.domain.money_owed import balance_counts, is_lost, marked_lost
from tui.domain.reportable import cannot_be_reported, registered_asked
from tui.library.issuers import GLOBAL, Hotline, Issuer, IssuerDirectory
from tui.records.model import Card

if TYPE_CHECKING:
    from tui.storage.store import Store


class IssuerLookup:
    issuers: IssuerDirectory
    store: Store
    home_setting: str = ""  # config.yaml's `home` (an ISO code); "": guessed from the cards
    # (issuer as typed, region as typed, kind, intent, link_home for a card with no region)
    # -> channels_of's answer; the directory does not change while the tracker lives
    _channels_known: dict[tuple[str, str, str, str, str], tuple[str, ...]]
    # (issuer as typed, region as typed, kind, link_home for a card with no region) ->
    # issuer_for's answer, for the same reason: every view asks it for every card
    _issuer_known: dict[tuple[str, str, str, str], Issuer | None]

    # the home region links are made for, and the store generation it was read at
    _link_home: tuple[int | None, str] | None = None

    def region_of(self, card: Card) -> str:
        """The ISO region code the card's typed region means ("" when unknown)."""
        return self.issuers.region_of(card.region)

    def link_home(self) -> str:
        """The home region a card with no region links within (IssuerDirectory.match's
        `home`): config.yaml's `home`, else the region most of the user's own cards are
        from ("" in a tie). Read again only when the data changed."""
        if self.home_setting:
            return self.home_setting
        generation = self.store.generation()
        if generation is None or self._link_home is None or self._link_home[0] != generation:
            self._link_home = (generation, self.home_region())
        return self._link_home[1]

    def _match(self, issuer: str, region_text: str, kind: str) -> Issuer | None:
        """What `issuer` typed on a card of region `region_text` (as typed) and `kind`
        links to (IssuerDirectory.match), with the user's home for a card with none."""
        region = self.issuers.region_of(region_text)
        return self.issuers.match(issuer, region, kind, "" if region else self.link_home())

    def issuer_for(self, card: Card) -> Issuer | None:
        """The directory entry a card's issuer names within the card's region or
        worldwide, if any: by id, name or alias, or the one issuer of the card's kind
        the text clearly reads as (IssuerDirectory.match); a name an issuer only
        suggests links to nothing (see `issuer_suggestions`). A card with no region
        links within the user's home region first (`link_home`)."""
        home = "" if self.region_of(card) else self.link_home()
        key = (card.issuer, card.region, card.kind.value, home)
        if key not in self._issuer_known:
            self._issuer_known[key] = self._match(card.issuer, card.region, card.kind.value)
        return self._issuer_known[key]

    def asks_registered(self, issuer: str, region: str, kind: str) -> bool:
        """Whether a card of `kind` (a Kind value) whose issuer and region read `issuer`
        and `region` is asked whether it is registered, by registered_asked
        (tui.domain.reportable) with the issuer the text links to as issuer_for links
        it: what the card form asks, and the only cards check_fields keeps the mark on."""
        return registered_asked(kind, self._match(issuer, region, kind))

    def registered_dropped(self, before: Card, after: Card) -> bool:
        """Whether saving `after` over `before` dropped the card's Registered mark
        because the card is no longer asked it (check_fields: a transit card made a bank
        card), rather than because the user unticked it: the save says so."""
        return (
            before.registered
            and not after.registered
            and not self.asks_registered(after.issuer, after.region, after.kind.value)
        )

    def issuer_suggestions(self, card: Card) -> list[Issuer]:
        """Issuers the card's issuer text may mean, for the user to confirm (empty
        when it links to one already)."""
        if self.issuer_for(card) is not None:
            return []
        region = self.region_of(card)
        kind = card.kind.value
        return self.issuers.suggestions(card.issuer, region, kind=kind, place=card.region)

    def home_region(self, lang: str = "") -> str:
        """The region the user lives in: config.yaml's `home` when set (home_setting),
        else as their own cards' regions say (tui.domain.home_region; `lang`: the
        language they read, for a tie)."""
        if self.home_setting:
            return self.home_setting
        # each typed region read once, not once per card: this runs on every card the
        # cursor reaches
        typed = Counter(self.store.own_card_regions())
        regions: Counter[str] = Counter()
        for text, count in typed.items():
            regions[self.issuers.region_of(text)] += count
        return home_region(regions.elements(), lang)

    def card_region(self, card: Card) -> str:
        """Where the card is from, for its numbers: its typed region (an ISO code), or,
        for a card with none, the region of the issuer it links to (a region-less
        `Deutsche Bank` of a German resident is a German card: link_home); "" when
        neither says (or the issuer is worldwide)."""
        region = self.region_of(card)
        if region:
            return region
        issuer = self.issuer_for(card)
        return issuer.region if issuer is not None and issuer.region != GLOBAL else ""

    def situation_for(self, card: Card, abroad: bool = False, lang: str = "") -> Situation:
        """The card's situation for a user `abroad`, or at home (home_region): outside
        the card's region (card_region) when abroad or when they live in another region."""
        home = "" if abroad else self.home_region(lang)
        region = self.card_region(card)
        return Situation.of_card(card.kind, card.intent, region, abroad, home)

    def calls_for(self, card: Card, abroad: bool = False, lang: str = "") -> list[Offer]:
        """The numbers to call for the card, best first, by tui.domain.hotline_choice's rule:
        for what the card's intent is, from where the user is (situation_for: `abroad`,
        or at home, which may be another region than the card's)."""
        situation = self.situation_for(card, abroad, lang)
        region = self.card_region(card)
        issuer = self.issuer_for(card)
        return offers_for(self.issuers, issuer, situation, network=card.network, region=region)

    def issuer_facts(self, card: Card, abroad: bool = False, lang: str = "") -> IssuerFacts:
        """What the steps pane says of the card's issuer: the directory entry it
        links to (or None), the numbers to call by `calls_for`'s rule, and, when it
        links to none and no number works, the issuers it may mean
        (`issuer_suggestions`), and where the card's intent is done (channels_for)."""
        issuer = self.issuer_for(card)
        offers = tuple(self.calls_for(card, abroad, lang))
        # suggestions (a fuzzy search) only when nothing else can be shown
        unknown = issuer is None and card.issuer and first_usable(offers) is None
        suggestions = tuple(self.issuer_suggestions(card)) if unknown else ()
        other = self.other_kind_issuer(card) if issuer is None and card.issuer else None
        return IssuerFacts(issuer, offers, suggestions, self.channels_of(card), other)

    def other_kind_issuer(self, card: Card) -> Issuer | None:
        """The directory issuer the card's issuer text names when that issuer issues
        no cards of the card's kind ("ICBC" typed for an eSIM: the bank); None when
        the card links, or its text names no issuer (IssuerDirectory.other_kind)."""
        region = self.region_of(card)
        home = "" if region else self.link_home()
        return self.issuers.other_kind(card.issuer, region, card.kind.value, home)

    def channels_of(self, card: Card) -> tuple[str, ...]:
        """Where the card's intent is done, as the procedures of the issuer it links to
        (issuer_for) say (tui.domain.channels.channels_for: "in-person", "phone", ...);
        () when it links to none or they do not say. Worked out once per issuer text,
        region, kind and intent, however many cards share them."""
        home = "" if self.region_of(card) else self.link_home()
        key = (card.issuer, card.region, card.kind.value, card.intent.value, home)
        known = self._channels_known.get(key)
        if known is None:
            known = self._channels_known[key] = channels_for(self.issuer_for(card), card.intent)
        return known

    def balance_counts(self, card: Card) -> bool:
        """Whether what the card holds counts as owed to the user, by
        tui.domain.money_owed.balance_counts: not for a lost card that cannot be
        reported lost, whether or not amounts are recorded yet. Only a card of an
        issuer whose source says so has its log read."""
        issuer = self.issuer_for(card)
        if not cannot_be_reported(card, issuer):
            return True
        return balance_counts(card, issuer, is_lost(card, lambda: self.store.log(card.id)))

    def lost_with_wallet(self, card: Card) -> bool:
        """Whether the card holds a lost-with-the-wallet mark not taken back
        (tui.domain.money_owed.marked_lost). Only lost-wallet mode writes one, and only
        for a card of an issuer whose source says an unregistered card cannot be
        reported lost: only such a card has its log read."""
        issuer = self.issuer_for(card)
        if issuer is None or not issuer.bearer.by_lang:
            return False
        return marked_lost(self.store.log(card.id))

    def number_to_call(self, card: Card, abroad: bool = False, lang: str = "") -> Hotline | None:
        """The first number of `calls_for` that works from where the user is, if any."""
        offer = first_usable(self.calls_for(card, abroad, lang))
        return offer.hotline if offer else None
