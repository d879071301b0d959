"""What the user types into the card form (CardFields), and the limits of a card's
text fields and of a dialog's one-line fields, checked before anything is kept.
No Textual, no Rich, no I/O."""

from __future__ import annotations

from dataclasses import dataclass

from tui.base.sanitiser import clean
from tui.base.wide_forms import narrowed
from tui.records.card_error import CardError
from tui.records.card_networks import is_network
from tui.records.household import HouseholdError, clean_owner, parse_tags, tags_text
from tui.records.kinds import Intent, Kind

LABEL_MAX = 60
TEXT_MAX = 80
NOTES_MAX = 2000
LINE_MAX = 500  # a one-line field of a dialog: a refund's note, a piece of proof


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
    # a registered (named) card: one whose issuer's bearer note says only the
    # unregistered card cannot be reported lost can be (tui.domain.reportable)
    registered: bool = False

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
            registered=bool(self.registered),
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
