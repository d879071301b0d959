"""Bundles: named sets of cards added at once ("moving abroad", "lost wallet",
"closing a relative's accounts"), each card with its kind, intent, the other intents
the user may pick instead, whether it is carried in the wallet, and notes.

Shipped in content/bundles/ (one file each, checked against
content/schema/bundle.schema.yaml); a bundle in the config dir's bundles/ with the
same id replaces the shipped one, any other adds to them (tui.library.content).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from tui.library.playbook import EMPTY_TEXT, Text
from tui.records.card_fields import CardFields
from tui.records.kinds import Intent, Kind
from tui.records.model import Card

# what a bundle's `holder` may say of whose cards it adds: "deceased", a late person's,
# whose affairs the user settles as executor or next of kin (the checklist asks
# their name; their letters say so: tui.domain.letter_text)
HOLDERS = ("deceased",)


@dataclass(frozen=True)
class BundleCard:
    """One card a bundle would add: `intent` to start with, `intents` every intent the
    user may switch it to (the first is `intent`)."""

    label: Text
    kind: Kind
    intent: Intent
    intents: tuple[Intent, ...]
    carried: bool = False
    notes: Text = EMPTY_TEXT

    @classmethod
    def from_doc(cls, doc: Mapping) -> BundleCard:
        intent = Intent(doc["intent"])
        others = [Intent(i) for i in doc.get("intents", ()) if Intent(i) is not intent]
        return cls(
            label=Text.from_doc(doc["label"]),
            kind=Kind(doc["kind"]),
            intent=intent,
            intents=(intent, *others),
            carried=bool(doc.get("carried", False)),
            notes=Text.from_doc(doc.get("notes")),
        )

    def fields(
        self, lang: str, intent: Intent | None = None, region: str = "", owner: str = ""
    ) -> CardFields:
        """The card form's fields for this card in `lang` (label and notes), with
        `intent` (None: the bundle's), the region and the owner as typed ("" or "me":
        the user's own; tui.records.household.clean_owner)."""
        return CardFields(
            label=self.label.get(lang),
            kind=self.kind.value,
            intent=(intent or self.intent).value,
            region=region,
            notes=self.notes.get(lang),
            carried=self.carried,
            owner=owner,
        )


@dataclass(frozen=True)
class Bundle:
    id: str
    title: Text
    cards: tuple[BundleCard, ...]
    summary: Text = EMPTY_TEXT
    source: Path | None = None
    from_user: bool = False
    holder: str = ""  # whose cards: "" the user's or anyone's they name; else one of HOLDERS

    @classmethod
    def from_doc(cls, doc: Mapping, source: Path | None = None, from_user: bool = False) -> Bundle:
        """A bundle from a file's data that passed bundle.schema.yaml."""
        return cls(
            id=doc["id"],
            title=Text.from_doc(doc["title"]),
            summary=Text.from_doc(doc.get("summary")),
            cards=tuple(BundleCard.from_doc(card) for card in doc["cards"]),
            source=source,
            from_user=from_user,
            holder=doc.get("holder", ""),
        )

    def already_there(self, lang: str, owner: str, cards: Sequence[Card]) -> frozenset[int]:
        """The indexes of this bundle's cards that `cards` already hold: a card of the
        same label (in `lang`), kind and owner (as kept: "" for the user's own), as
        `import` skips identical rows."""
        have = {(card.label, card.kind, card.owner) for card in cards}
        return frozenset(
            index
            for index, card in enumerate(self.cards)
            if (card.label.get(lang), card.kind, owner) in have
        )


class BundleLibrary:
    """Every bundle that loaded, by id; a later one (the user's) replaces an earlier
    one of the same id and keeps its place in the order."""

    def __init__(self, bundles: Iterable[Bundle] = ()) -> None:
        self._by_id: dict[str, Bundle] = {}
        for bundle in bundles:
            self._by_id[bundle.id] = bundle

    def __len__(self) -> int:
        return len(self._by_id)

    def __iter__(self):
        return iter(self._by_id.values())

    def get(self, bundle_id: str) -> Bundle | None:
        return self._by_id.get(bundle_id)
