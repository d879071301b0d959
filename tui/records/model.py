"""The records the tracker works with: cards and log entries, as the store keeps
them. What the user types for a card is tui.records.card_fields; its kinds, intents
and statuses tui.records.kinds; what it keeps of its sensitive identifiers
tui.records.identifiers; its amounts tui.records.amounts.

Plain dataclasses that convert to and from the dicts the store keeps. No Textual,
no Rich, no I/O.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime

from tui.base import tokens as _random
from tui.records.attachments import Attachment
from tui.records.card_fields import CardFields
from tui.records.household import parse_tags, tags_text
from tui.records.identifiers import Identifier, IdentifierKind, identifier_kind
from tui.records.kinds import Intent, Kind, checklist_key


def new_card_id() -> str:
    return "c" + _random.token_hex(5)


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def parse_time(text: str) -> datetime:
    return datetime.fromisoformat(text)


@dataclass(frozen=True)
class Card:
    id: str
    label: str
    kind: Kind
    intent: Intent
    issuer: str
    region: str
    notes: str
    abandoned: bool
    created: datetime
    updated: datetime
    identifiers: Mapping[str, Identifier] = field(default_factory=dict)
    follow_up: str = ""  # an ISO date (YYYY-MM-DD) to come back to this card, or ""
    money: Mapping[str, str] = field(default_factory=dict)  # balance, deposit, refunded, currency
    network: str = ""  # a bank card's payment network, "" when not given (CardFields.network)
    carried: bool = False  # carried in the wallet: lost-wallet mode starts with it picked
    owner: str = ""  # whose card it is; "" is the user's own (tui.records.household)
    tags: tuple[str, ...] = ()  # words it is filed under (household.parse_tags)
    registered: bool = False  # a registered (named) card (CardFields.registered)
    # files attached to it, oldest first (kept encrypted: tui.secrets.attachment_box)
    attachments: tuple[Attachment, ...] = ()

    @property
    def checklist(self) -> str:
        """The key its step marks are kept under: its kind and intent (checklist_key)."""
        return checklist_key(self.kind, self.intent)

    def __post_init__(self) -> None:
        for name, identifier in self.identifiers.items():
            if identifier.secret != (identifier_kind(name) is IdentifierKind.SECRET):
                raise ValueError(f"{name}: an identifier of the wrong kind")

    @classmethod
    def create(cls, fields: CardFields, now: datetime, card_id: str | None = None) -> Card:
        f = fields.cleaned()
        return cls(
            id=card_id or new_card_id(),
            label=f.label,
            kind=Kind(f.kind),
            intent=Intent(f.intent),
            issuer=f.issuer,
            region=f.region,
            notes=f.notes,
            abandoned=f.abandoned,
            created=now,
            updated=now,
            network=f.network,
            carried=f.carried,
            owner=f.owner,
            tags=parse_tags(f.tags),
            registered=f.registered,
        )

    def edited(self, fields: CardFields, now: datetime) -> Card:
        f = fields.cleaned()
        return replace(
            self,
            label=f.label,
            kind=Kind(f.kind),
            intent=Intent(f.intent),
            issuer=f.issuer,
            region=f.region,
            notes=f.notes,
            abandoned=f.abandoned,
            network=f.network,
            carried=f.carried,
            owner=f.owner,
            tags=parse_tags(f.tags),
            registered=f.registered,
            updated=now,
        )

    def fields(self) -> CardFields:
        return CardFields(
            label=self.label,
            kind=self.kind.value,
            intent=self.intent.value,
            issuer=self.issuer,
            region=self.region,
            notes=self.notes,
            abandoned=self.abandoned,
            network=self.network,
            carried=self.carried,
            owner=self.owner,
            tags=tags_text(self.tags),
            registered=self.registered,
        )

    def with_identifier(self, name: str, identifier: Identifier | None, now: datetime) -> Card:
        """A copy with one identifier's masked record set (or removed, for None)."""
        identifiers = dict(self.identifiers)
        if identifier is None:
            identifiers.pop(name, None)
        else:
            identifiers[name] = identifier
        return replace(self, identifiers=identifiers, updated=now)

    def to_doc(self) -> dict:
        """The card as the store keeps it. Every field is written, "" included: the
        store's upsert merges into the stored doc, so a field left out would keep its
        old value there."""
        return {
            "id": self.id,
            "label": self.label,
            "kind": self.kind.value,
            "intent": self.intent.value,
            "issuer": self.issuer,
            "region": self.region,
            "network": self.network,
            "identifiers": {name: i.to_doc() for name, i in self.identifiers.items()},
            "follow_up": self.follow_up,
            "money": dict(self.money),
            "notes": self.notes,
            "abandoned": self.abandoned,
            "carried": self.carried,
            "owner": self.owner,
            "tags": list(self.tags),
            "registered": self.registered,
            "created": _iso(self.created),
            "updated": _iso(self.updated),
            # only when there are some (a card's files are only ever added, and a
            # deleted card comes back as a new doc), so cards without any read as before
            **({"attachments": [a.to_doc() for a in self.attachments]} if self.attachments else {}),
        }

    @classmethod
    def from_doc(cls, doc: dict) -> Card:
        """The card of a stored doc (one that fits tui.records.record_schema's card schema). A
        doc written before the network was asked has none: it reads as "" (not given);
        a network stored on a card that is not a bank card is not kept. One written
        before "carried in the wallet" was asked reads as not carried, one before
        "registered" was as not registered; one before schema 5 (no owner or tags) as
        the user's own, with no tags."""
        kind = Kind(doc["kind"])
        return cls(
            id=doc["id"],
            label=doc["label"],
            kind=kind,
            intent=Intent(doc["intent"]),
            issuer=doc.get("issuer", ""),
            region=doc.get("region", ""),
            notes=doc.get("notes", ""),
            abandoned=bool(doc.get("abandoned", False)),
            created=parse_time(doc["created"]),
            updated=parse_time(doc["updated"]),
            identifiers={
                name: identifier
                for name, d in doc.get("identifiers", {}).items()
                if (identifier := Identifier.from_doc(name, d)) is not None
            },
            follow_up=doc.get("follow_up", ""),
            money=dict(doc.get("money", {})),
            network=doc.get("network", "") if kind is Kind.BANK else "",
            carried=bool(doc.get("carried", False)),
            owner=doc.get("owner", ""),
            tags=tuple(doc.get("tags", ())),
            registered=bool(doc.get("registered", False)),
            attachments=tuple(Attachment.from_doc(a) for a in doc.get("attachments", ())),
        )


@dataclass(frozen=True)
class LogEntry:
    at: datetime
    card_id: str
    card_label: str
    event: str
    detail: str = ""
    params: dict = field(default_factory=dict)

    def to_doc(self) -> dict:
        doc = asdict(self)
        doc["at"] = _iso(self.at)
        return doc

    @classmethod
    def from_doc(cls, doc: dict) -> LogEntry:
        return cls(
            at=parse_time(doc["at"]),
            card_id=doc["card_id"],
            card_label=doc.get("card_label", ""),
            event=doc["event"],
            detail=doc.get("detail", ""),
            params=dict(doc.get("params", {})),
        )
