"""Letter templates: a cancellation, loss-report or refund-request letter (or e-mail)
in English and Chinese, with {named} fields the app fills in from a card's facts
(tui.domain.letter_text).

Templates are YAML files in the content folder's `letters/` (schema:
content/schema/letter.schema.yaml); the user's config dir may hold `letters/` of its
own: a template with a shipped one's id replaces it, a new id adds one. A field must
be one of LETTER_FIELDS and written plainly (`{label}`, not `{label.x}` or
`{label:>9}`); a template naming another is an error `cardoff-tui validate` reports,
and is left out when the app loads. Filling in never evaluates anything: the text is
split by string.Formatter.parse and each field looked up by name (fill_in).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from string import Formatter

from tui.library.playbook import EMPTY_TEXT, Text
from tui.library.yaml_reader import ContentError, YamlDoc

# what a letter can name, each filled in by tui.domain.letter_text.letter_facts
LETTER_FIELDS = (
    "label",  # the user's name for the card
    "issuer",  # the issuer's name, in the letter's language where content knows it
    "kind",  # the kind of card, in words
    "identifiers",  # the masked identifiers in words: "card number ending 4321"
    "last_digits",  # the last 4 of the first identifier kept: "4321"
    "today",  # the day the letter is written
    "reported_on",  # the day the loss was reported (the log)
    "reference",  # the loss-report or request reference (the log)
    "proof",  # what the log records as proof: references, agents, dates
    "balance",  # the card's balance, with its currency
    "deposit",  # the card's deposit
    "total",  # balance + deposit, as recorded
    "refunded",  # what came back so far
    "owed",  # what is still owed to the user (balance + deposit - refunded)
    "region",  # the card's region
    "holder",  # whose card it is: its owner's name (tui.records.household)
    # the amounts in words, each with its own brackets or colon, for a sentence that
    # reads on without them when there is no amount to say (OPTIONAL_FIELDS)
    "held_aside",  # " (balance CN¥50.00, deposit CN¥20.00)"
    "owed_aside",  # " (CN¥70.00)"
    "amounts_clause",  # ": balance …, in all …; refunded so far …, so … is still to be refunded"
)
# fields that are left out, not shown as a [placeholder], when there is nothing to say
# (tui.domain.letter_text: an amount that is zero or not recorded is never written)
OPTIONAL_FIELDS = frozenset({"held_aside", "owed_aside", "amounts_clause"})
# the bodies a template may have besides `body` (the user's own card): for a card of
# someone else (written on their behalf), and for a late person's card (written as
# their executor or next of kin); a template without one uses the one before it. Each
# has a `_gone` twin for that holder's card lost with what it held (a bearer card that
# cannot be reported lost: nothing is asked back; tui.domain.money_owed)
HOLDER_BODIES = ("body", "body_behalf", "body_estate")
BODIES = (*HOLDER_BODIES, *(f"{name}_gone" for name in HOLDER_BODIES))
LETTER_KINDS = ("cancel", "report-lost", "refund")


@dataclass(frozen=True)
class Letter:
    """One template: `letter` is what it asks for (LETTER_KINDS); `kinds` the kinds of
    card it is written for (() = every kind); `subject` may be empty (a paper letter)."""

    id: str
    letter: str
    title: Text
    body: Text
    subject: Text = EMPTY_TEXT
    kinds: tuple[str, ...] = ()
    source: Path | None = None
    from_user: bool = False
    body_behalf: Text = EMPTY_TEXT  # for someone else's card
    body_estate: Text = EMPTY_TEXT  # for a late person's card
    # the same three for a card lost with what it held: nothing is asked back
    body_gone: Text = EMPTY_TEXT
    body_behalf_gone: Text = EMPTY_TEXT
    body_estate_gone: Text = EMPTY_TEXT

    def body_name_for(self, behalf: bool, estate: bool, gone: bool = False) -> str:
        """Which of BODIES a card gets: of the user's own (neither), of someone else
        (`behalf`), or of a late person (`estate`), the closest the template has,
        estate → behalf → body. For a card whose money is `gone` with it
        (tui.domain.money_owed) the closest `_gone` body comes first, whoever holds
        the card: no letter for such a card asks back what went with it. Only a
        template with no `_gone` body at all gives the holder's ordinary body then
        (write_letter cautions that it asks for what is gone)."""
        holders = ["body_estate"] if estate else []
        holders += ["body_behalf"] if behalf or estate else []
        holders.append("body")
        names = [f"{name}_gone" for name in holders] if gone else []
        return next((n for n in (*names, *holders) if getattr(self, n).get("en")), "body")

    def body_for(self, behalf: bool, estate: bool, gone: bool = False) -> Text:
        """The body body_name_for names."""
        return getattr(self, self.body_name_for(behalf, estate, gone))

    @classmethod
    def from_doc(cls, doc: Mapping, source: Path | None = None, from_user: bool = False) -> Letter:
        return cls(
            id=doc["id"],
            letter=doc["letter"],
            title=Text.from_doc(doc["title"]),
            body=Text.from_doc(doc["body"]),
            subject=Text.from_doc(doc.get("subject")),
            kinds=tuple(doc.get("kinds", ())),
            source=source,
            from_user=from_user,
            **{name: Text.from_doc(doc.get(name)) for name in BODIES if name != "body"},
        )


class LetterBook:
    """The templates that loaded, the user's replacing shipped ones by id."""

    def __init__(self, letters: list[Letter]) -> None:
        by_id: dict[str, Letter] = {}
        for letter in letters:  # shipped first, then the user's: a later one wins
            by_id[letter.id] = letter
        self.letters = by_id

    def for_card(self, letter: str, kind: str) -> Letter | None:
        """The template asking for `letter` (a LETTER_KINDS value) that fits a card of
        `kind`: one written for that kind beats one for every kind, the user's beats
        a shipped one; None when there is none."""
        fitting = [
            t
            for t in self.letters.values()
            if t.letter == letter and (not t.kinds or kind in t.kinds)
        ]
        if not fitting:
            return None
        return max(fitting, key=lambda t: (bool(t.kinds), t.from_user))


def fields_of(text: str) -> list[str]:
    """The field names of `text` in order; ValueError for an unpaired brace."""
    return [name for _, name, _, _ in Formatter().parse(text) if name is not None]


def field_problems(doc: YamlDoc) -> list[ContentError]:
    """A line for each field of the document's title, subject or bodies that the app
    does not fill in (not in LETTER_FIELDS, or not written plainly) and each
    unpaired brace."""
    errors = []
    for part in ("title", "subject", *BODIES):
        for lang, text in (doc.data.get(part) or {}).items():
            location = [part, lang]
            where = f"{part}.{lang}"
            try:
                parsed = list(Formatter().parse(text))
            except ValueError:
                message = f"{where}: a {{ or }} without its pair; write {{{{ or }}}} for a brace"
                errors.append(ContentError(doc.path, doc.line_of(location), message))
                continue
            for _, name, spec, conversion in parsed:
                if name is None:
                    continue
                if name not in LETTER_FIELDS or spec or conversion:
                    shown = (
                        name
                        + (f"!{conversion}" if conversion else "")
                        + (f":{spec}" if spec else "")
                    )
                    message = f"{where}: unknown field {{{shown}}}; a letter can use " + ", ".join(
                        f"{{{f}}}" for f in LETTER_FIELDS
                    )
                    errors.append(ContentError(doc.path, doc.line_of(location), message))
    return errors


def fill_in(text: str, facts: Mapping[str, str], missing: Mapping[str, str]) -> str:
    """`text` with each {field} replaced by `facts[field]`, or by `missing[field]`
    (e.g. "[reference]") when the fact is empty or unknown, by nothing for one of
    OPTIONAL_FIELDS; {{ and }} read as braces. Nothing is evaluated; a field that is
    not plain is left as written."""
    out = []
    for literal, name, spec, conversion in Formatter().parse(text):
        out.append(literal)
        if name is None:
            continue
        if spec or conversion or name not in LETTER_FIELDS:
            out.append("{" + name + "}")
            continue
        if name in OPTIONAL_FIELDS:
            out.append(facts.get(name, ""))
            continue
        out.append(facts.get(name) or missing.get(name) or f"[{name}]")
    return "".join(out)


def load_letters(
    content_dir: Path, user_dir: Path | None = None
) -> tuple[LetterBook, list[ContentError]]:
    """The shipped templates (content_dir/letters), then the user's (user_dir/letters),
    each file checked (tui.library.content_checks.checked_file); a file that fails is
    reported in the errors and left out."""
    from tui.base.sanitiser import clean_tree
    from tui.library.content import _yaml_files
    from tui.library.content_checks import checked_file

    letters: list[Letter] = []
    errors: list[ContentError] = []
    for root, from_user in ((content_dir, False), (user_dir, True)):
        if root is None or not (root / "letters").is_dir():
            continue
        ids: dict[str, dict[str, Path]] = {}
        for path in _yaml_files(root / "letters", errors):  # a folder it cannot list: said
            doc, problems, _drops = checked_file(path, "letters", content_dir, ids)
            errors.extend(problems)
            if doc is not None:  # control characters and bidi overrides removed
                letters.append(Letter.from_doc(clean_tree(doc.data)[0], path, from_user))
    return LetterBook(letters), errors
