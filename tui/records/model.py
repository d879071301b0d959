"""The records the tracker works with: cards (what the user types, and what is kept)
and log entries; what a card keeps of its sensitive identifiers is tui.records.identifiers.

Plain dataclasses that convert to and from the dicts the store keeps. No Textual,
no Rich, no I/O.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterable, Mapping
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from tui.base import tokens as _random
from tui.base.errors import CardoffError
from tui.base.sanitiser import clean
from tui.base.wide_forms import narrowed
from tui.records.attachments import Attachment
from tui.records.card_networks import is_network
from tui.records.household import HouseholdError, clean_owner, parse_tags, tags_text
from tui.records.identifiers import IDENTIFIER_RULES, Identifier, IdentifierKind, identifier_kind


# The kinds of card and the intents, one list each: the data file's schema takes its
# enums from them (record_schema.py), and tests/test_card_kinds.py holds that the
# content's schemas, every catalog (kind.*, intent.*) and the playbooks agree.
class Kind(StrEnum):
    TRANSIT = "transit"
    BANK = "bank"
    SOCIAL_SECURITY = "social-security"
    ESIM = "esim"
    ID_DOCUMENT = "id-document"  # national ID card, passport, driving licence, residence permit
    OTHER = "other"


class Intent(StrEnum):
    CANCEL = "cancel"
    SUSPEND = "suspend"
    REPORT_LOST = "report-lost"
    REPLACE = "replace"  # a new one for one lost: an ID document
    PORT_OUT = "port-out"


class Status(StrEnum):
    ACTIVE = "active"
    IN_PROGRESS = "in-progress"
    WAITING = "waiting"
    DONE = "done"
    ABANDONED = "abandoned"


LABEL_MAX = 60
TEXT_MAX = 80
NOTES_MAX = 2000
LINE_MAX = 500  # a one-line field of a dialog: a refund's note, a piece of proof

# The sensitive identifiers a card of each kind can carry. Their values live only in
# the secrets backend (OS keyring or the encrypted file); see tui.records.identifiers for what
# the card itself may keep of each.
IDENTIFIER_FIELDS: dict[Kind, tuple[str, ...]] = {
    Kind.TRANSIT: ("number",),
    Kind.BANK: ("number",),
    Kind.SOCIAL_SECURITY: ("number",),
    Kind.ESIM: ("iccid", "eid", "port_pin"),
    Kind.ID_DOCUMENT: ("number",),  # the document's number
    Kind.OTHER: ("number",),
}


def checklist_key(kind: Kind | str, intent: Intent | str) -> str:
    """The key a card's step marks are kept under in the data file: "kind/intent"
    ("transit/cancel", "bank/report-lost"). Marks are kept per checklist because step
    ids are shared between checklists ("record-proof" is the refund receipt of a
    cancel and the loss-report reference of a report-lost): a mark made under one
    never counts under another. Playbooks of the same kind and intent (a region's or
    an issuer's) share it: they keep the generic step ids where the meaning stays."""
    return f"{Kind(kind).value}/{Intent(intent).value}"


# one-line fields that hold a code an issuer gives, not words: kept in the plain forms an
# input method's full-width ones stand for (`ＲＥＦ１２３` is REF123: tui.base.wide_forms)
CODE_FIELDS = frozenset({"reference"})


def one_line(name: str, value: str) -> str:
    """A one-line field of a dialog (a piece of proof, a refund's note, a lost card's
    reference) as it is kept: control characters removed (tui.base.sanitiser.clean),
    spaces trimmed, and a code (CODE_FIELDS: the reference) in plain ASCII rather than
    the full-width forms typed. Raises CardError(`name`, 'error.too_long',
    limit=LINE_MAX) for one longer than LINE_MAX characters: one limit, and one
    message, for every such field; nothing is cut."""
    text = clean(value).text
    text = (narrowed(text) if name in CODE_FIELDS else text).strip()
    if len(text) > LINE_MAX:
        raise CardError(name, "error.too_long", limit=LINE_MAX)
    return text


AMOUNT_MAX = Decimal("10000000")
AMOUNT_MAX_SHOWN = "10,000,000"  # as the messages show it (en and zh-CN group alike)
CENT = Decimal("0.01")


def parse_amount(
    text: str,
    field_name: str,
    currency: str = "",
    marks: Iterable[str] = (),
    digits: int = 2,
    others: Collection[str] = (),
) -> Decimal:
    """A money amount from what the user typed: not negative, at most 2 decimals and
    no more than `digits`, the decimals of `currency` (a 3-letter code, "" when not
    known; JPY has none: tui.base.money.currency_digits), at most AMOUNT_MAX ('' is 0).
    What tui.base.money.money_text shows is read back: thousands grouped with "," (or
    "，": "12,000", never "12,00"), one of `marks` (the currency's code, symbols and
    words, tui.base.money.typed_marks) before or after it, or both ("¥12,000",
    "12,000 JPY", "人民币35元"). What an input method types in full-width forms is read
    as what it stands for ("３５．５０", "￥35": tui.base.wide_forms), and so is the
    point of Chinese punctuation between digits ("35。5").
    Raises CardError(field_name, key), the key saying which rule it broke:
    "error.amount_currency" (with `mark` and `currency`: one of `others`, the marks of
    every currency, or a currency sign, beside the number that is not one of `marks`:
    "$35" for CNY), "error.amount_format" (not a number, Infinity, NaN, "12,50"),
    "error.amount_negative", "error.amount_max" (with `limit`, AMOUNT_MAX),
    "error.amount_cents" (a third decimal: 12.345, 1e-30) or "error.amount_whole" (with
    `currency`: decimals in a currency that has none). Exponents too large or small to
    hold (1e309) are refused too: the amount is checked before it is rounded so that
    nothing in decimal's arithmetic can fail on it."""
    typed = _CHINESE_POINT.sub(".", narrowed(text).strip())
    number, other = _without_marks(typed, marks, others)
    if other and currency:
        raise CardError(field_name, "error.amount_currency", mark=other, currency=currency)
    if "," in number:
        if not _GROUPED.fullmatch(number):
            raise CardError(field_name, "error.amount_format")
        number = number.replace(",", "")
    if not number:
        return Decimal(0)
    try:
        amount = Decimal(number)
    except InvalidOperation:
        raise CardError(field_name, "error.amount_format") from None
    if not amount.is_finite():
        raise CardError(field_name, "error.amount_format")
    if amount < 0:
        raise CardError(field_name, "error.amount_negative")
    if amount > AMOUNT_MAX:
        raise CardError(field_name, "error.amount_max", limit=AMOUNT_MAX_SHOWN)
    cents = amount.quantize(CENT)  # safe: at most 10 digits before the point here
    if amount != cents:
        raise CardError(field_name, "error.amount_cents")
    if digits < 2 and cents != cents.quantize(Decimal(1).scaleb(-max(digits, 0))):
        key = "error.amount_whole" if digits <= 0 else "error.amount_cents"
        raise CardError(field_name, key, currency=currency)
    return cents


_GROUPED = re.compile(r"\d{1,3}(,\d{3})+(\.\d*)?")  # 12,000 and 1,234.50, not 12,00
_CHINESE_POINT = re.compile(r"(?<=\d)。(?=\d)")  # 35。5: a Chinese input method's point
# the number in what was typed, and what stands before and after it
_AROUND = re.compile(r"(?P<before>.*?)(?P<number>[-+]?\d[\d.,]*)(?P<after>.*)", re.DOTALL)


def _without_marks(
    text: str, marks: Iterable[str], others: Collection[str]
) -> tuple[str, str]:
    """`text` without one of `marks` (a currency's code, symbol or word) before the
    number and one after it; and the first other currency's mark found there instead
    ("" when none): one of `others` (upper case) or a currency sign ("$", "US$", "€")."""
    found = _AROUND.fullmatch(text)
    if found is None:
        return text, ""
    own = {mark.upper() for mark in marks}
    parts, other = [], ""
    for part in (found.group("before"), found.group("after")):
        word = part.strip()
        if word.upper() in own:
            part = ""
        elif word and not other and (word.upper() in others or _currency_sign(word)):
            other = word
        parts.append(part)
    return parts[0] + found.group("number") + parts[1], other


def _currency_sign(word: str) -> bool:
    """Whether `word` is a currency sign, alone or after letters: "$", "€", "US$", "R$"."""
    return any(unicodedata.category(c) == "Sc" for c in word) and all(
        unicodedata.category(c) == "Sc" or (c.isascii() and c.isalpha()) for c in word
    )


def parse_currency(text: str, field_name: str = "currency") -> str:
    """An ISO 4217 currency code from what the user typed (any case, spaces around):
    'cny' -> 'CNY'; '' stays ''. Raises CardError(field_name, "error.currency_format")
    for text that is not three letters, "error.currency_unknown" (with `currency`) for
    three letters that name no currency (XYZ). The codes are Babel's (CLDR's list of
    ISO 4217 currencies, babel.numbers.list_currencies). Full-width letters from an
    input method are read as the letters they are ('ＣＮＹ')."""
    code = narrowed(text).strip().upper()
    if not code:
        return ""
    if not (len(code) == 3 and code.isascii() and code.isalpha()):
        raise CardError(field_name, "error.currency_format")
    from babel.numbers import list_currencies  # CLDR's data: loaded on first use

    if code not in list_currencies():
        raise CardError(field_name, "error.currency_unknown", currency=code)
    return code


def owed(money: Mapping[str, str]) -> Decimal:
    """Balance plus deposit, less what came back (never below zero)."""
    total = sum(
        (Decimal(money.get(k) or "0") for k in ("balance", "deposit")), Decimal(0)
    ) - Decimal(money.get("refunded") or "0")
    return max(total, Decimal(0))


def clean_identifier(name: str, value: str) -> str:
    """The identifier without spaces or dashes, checked; CardError names what is wrong.
    Full-width digits and letters from an input method are read as the ones they are."""
    compact = "".join(narrowed(value).replace("-", " ").split()).upper()
    rule = IDENTIFIER_RULES[name]
    valid_chars = compact.isdigit() if rule.chars == "digits" else compact.isalnum()
    if not (valid_chars and compact.isascii() and rule.shortest <= len(compact) <= rule.longest):
        raise CardError(name, rule.message_key, shortest=rule.shortest, longest=rule.longest)
    return compact


class CardError(CardoffError, ValueError):
    """A card field the user typed is not acceptable; `field` names which one and
    `message_key` (the same as `key`) says why."""

    def __init__(self, field_name: str, message_key: str, **params: object) -> None:
        super().__init__(message_key, **params)
        self.args = (f"{field_name}: {message_key} {params}",)
        self.field = field_name
        self.message_key = message_key


def new_card_id() -> str:
    return "c" + _random.token_hex(5)


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def parse_time(text: str) -> datetime:
    return datetime.fromisoformat(text)


@dataclass(frozen=True)
class CardFields:
    """What the user types into the card form, before it becomes a Card."""

    label: str
    kind: str
    intent: str
    issuer: str = ""
    region: str = ""
    notes: str = ""
    abandoned: bool = False
    network: str = ""  # a bank card's payment network: "" or one of CARD_NETWORKS
    carried: bool = False  # the user carries it in their wallet (lost-wallet mode picks it)
    owner: str = ""  # whose card: "" is the user's own (tui.records.household)
    tags: str = ""  # the tags as typed: words separated by commas or spaces

    def cleaned(self) -> CardFields:
        """Return the fields trimmed and checked; raise CardError on the first bad one.

        Control characters, bidi overrides and stray zero-width characters are removed
        first (tui.base.sanitiser.clean; notes keep their line breaks and tabs), so what is
        stored never holds them; `removed` says how many went from each field.
        `network` is kept for a bank card only ("" for other kinds); a bank card's must
        be "" or one of tui.records.card_networks.CARD_NETWORKS (CardError 'error.bad_network').
        `owner` and `tags` as tui.records.household keeps them (tags joined by ", ")."""
        label = " ".join(clean(self.label).text.split())
        if not label:
            raise CardError("label", "error.label_required")
        if len(label) > LABEL_MAX:
            raise CardError("label", "error.too_long", limit=LABEL_MAX)
        try:
            kind = Kind(self.kind)
        except ValueError:
            raise CardError("kind", "error.bad_kind") from None
        try:
            intent = Intent(self.intent)
        except ValueError:
            raise CardError("intent", "error.bad_intent") from None
        issuer = " ".join(clean(self.issuer).text.split())
        # a region is a code or a place's name: `ＣＮ` typed full-width is kept as CN
        region = " ".join(narrowed(clean(self.region).text).split())
        for name, value in (("issuer", issuer), ("region", region)):
            if len(value) > TEXT_MAX:
                raise CardError(name, "error.too_long", limit=TEXT_MAX)
        notes = clean(self.notes, multiline=True).text.strip()
        if len(notes) > NOTES_MAX:
            raise CardError("notes", "error.too_long", limit=NOTES_MAX)
        network = self.network.strip() if kind is Kind.BANK else ""
        if not is_network(network):
            raise CardError("network", "error.bad_network")
        try:
            owner, tags = clean_owner(self.owner), tags_text(parse_tags(self.tags))
        except HouseholdError as exc:
            raise CardError(exc.field, exc.message_key, **exc.params) from None
        return CardFields(
            label=label,
            kind=kind.value,
            intent=intent.value,
            issuer=issuer,
            region=region,
            notes=notes,
            abandoned=self.abandoned,
            network=network,
            carried=bool(self.carried),
            owner=owner,
            tags=tags,
        )

    def removed(self) -> dict[str, int]:
        """How many characters `cleaned` removes from each text field, by field name
        ('label', 'issuer', 'region', 'notes', 'owner', 'tags'); fields that lose none
        are left out."""
        counts = {
            name: clean(getattr(self, name), multiline=name == "notes").removed
            for name in ("label", "issuer", "region", "notes", "owner", "tags")
        }
        return {name: count for name, count in counts.items() if count}


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
        before "carried in the wallet" was asked reads as not carried; one before
        schema 5 (no owner or tags) as the user's own, with no tags."""
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
