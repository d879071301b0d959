"""What the data file may keep of a card's sensitive identifiers (card number, ICCID,
EID, port-out PIN): each field's rule (IDENTIFIER_RULES: which characters, how long,
serial or secret) and the masked record a card holds (Identifier). The full values
live only in the secrets backend (OS keyring or the encrypted file).

No Textual, no Rich, no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum

from tui.base.wide_forms import narrowed
from tui.records.card_error import CardError
from tui.records.kinds import Kind

MASK_LEN = 4  # the characters of a serial kept and shown: its last 4


class IdentifierKind(StrEnum):
    """How much of an identifier may be kept and shown outside the keyring or vault."""

    # printed on the card or SIM (card number, ICCID, EID, IMEI): its last 4 may be
    # kept in the data file and shown, as banks print them
    SERIAL = "serial"
    # a PIN, password or code: nothing of it is kept or shown, only that it is set
    SECRET = "secret"


@dataclass(frozen=True)
class IdentifierRule:
    """What an identifier field accepts (`chars` is 'digits' or 'alnum'; lengths in
    characters, after spaces and dashes are dropped) and how much of it may be kept."""

    kind: IdentifierKind
    chars: str
    shortest: int
    longest: int
    message_key: str


# Every identifier field has a rule; a new field must say whether it is a serial or a
# secret (a test checks every field of IDENTIFIER_FIELDS).
IDENTIFIER_RULES: dict[str, IdentifierRule] = {
    "number": IdentifierRule(IdentifierKind.SERIAL, "alnum", 4, 32, "error.number_format"),
    "iccid": IdentifierRule(IdentifierKind.SERIAL, "digits", 18, 22, "error.iccid_format"),
    "eid": IdentifierRule(IdentifierKind.SERIAL, "digits", 32, 32, "error.eid_format"),
    "port_pin": IdentifierRule(IdentifierKind.SECRET, "alnum", 4, 16, "error.pin_format"),
}


def identifier_kind(name: str) -> IdentifierKind:
    """SERIAL or SECRET for a field; a field this version does not know is a SECRET
    (nothing is kept of what is not understood)."""
    rule = IDENTIFIER_RULES.get(name)
    return rule.kind if rule is not None else IdentifierKind.SECRET


@dataclass(frozen=True)
class Identifier:
    """What the card file knows of a sensitive identifier, and where its full value is
    kept (`kept_in`: 'keyring', 'vault', or None when the value is kept nowhere).

    A serial keeps its last 4 (`last4`); a secret keeps nothing (`last4` is "" and
    `secret` is True). Build one with `Identifier.of` or `from_doc`, which decide by
    the field's IdentifierKind; a Card refuses an identifier of the wrong kind.
    """

    last4: str
    kept_in: str | None = None
    secret: bool = False

    def __post_init__(self) -> None:
        if self.secret and self.last4:
            raise ValueError("a secret identifier keeps no characters")

    @classmethod
    def of(cls, name: str, value: str, kept_in: str | None) -> Identifier:
        """The record of field `name` whose full value `value` is kept in `kept_in`."""
        if identifier_kind(name) is IdentifierKind.SECRET:
            return cls("", kept_in, secret=True)
        return cls(value[-MASK_LEN:], kept_in)

    def to_doc(self) -> dict:
        if self.secret:
            return {"in": self.kept_in}
        return {"last4": self.last4, "in": self.kept_in}

    @classmethod
    def from_doc(cls, name: str, doc: dict) -> Identifier | None:
        """The record of field `name` as stored; characters stored of a secret are
        dropped, and a secret kept nowhere is no record at all (None)."""
        kept_in = doc.get("in")
        if identifier_kind(name) is IdentifierKind.SECRET:
            return cls("", kept_in, secret=True) if kept_in is not None else None
        return cls(str(doc.get("last4", ""))[-MASK_LEN:], kept_in)

    @property
    def masked(self) -> str | None:
        """'•••• 1234' for a serial; None for a secret, of which nothing is shown."""
        return None if self.secret else f"•••• {self.last4}"

    def unstored(self) -> Identifier | None:
        """The record once the full value is kept nowhere: a serial keeps its last 4; a
        secret leaves nothing (None)."""
        return None if self.secret else replace(self, kept_in=None)


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


def clean_identifier(name: str, value: str) -> str:
    """The identifier without spaces or dashes, checked; CardError names what is wrong.
    Full-width digits and letters from an input method are read as the ones they are."""
    compact = "".join(narrowed(value).replace("-", " ").split()).upper()
    rule = IDENTIFIER_RULES[name]
    valid_chars = compact.isdigit() if rule.chars == "digits" else compact.isalnum()
    if not (valid_chars and compact.isascii() and rule.shortest <= len(compact) <= rule.longest):
        raise CardError(name, rule.message_key, shortest=rule.shortest, longest=rule.longest)
    return compact
