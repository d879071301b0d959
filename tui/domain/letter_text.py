"""A letter for one card: a template of tui.library.letters filled in with the card's
facts, in the catalog's language.

The facts come from the card (its label, issuer, kind, region, money) and its log
(when the loss was reported, references, proof); identifiers only as the card keeps
them, masked ("card number ending 4321"): a full number, ICCID or EID never reaches
this module (it is in the keyring or the vault), and a secret (a port-out PIN) is
left out altogether. A fact not known yet is a placeholder in brackets
(`letter.missing.<field>`: "[reference]"), never made up.

Whose card it is picks the template's body (tui.library.letters.Letter.body_name_for):
the user's own ("" owner) asks for "my" card; another person's is written on their
behalf and names them ({holder}); a late person's (added from a bundle whose holder
is "deceased", as its log says) is written as their executor or next of kin. A card
lost with what it held (tui.domain.money_owed) gets that holder's `_gone` body, which
asks nothing back, whoever holds it.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from tui.base.errors import TrackerError
from tui.base.i18n import Catalog
from tui.base.money import money_text
from tui.base.typed_moment import shown_text
from tui.domain.card_view import CardView
from tui.domain.lost_wallet_calls import NO_REFERENCE
from tui.domain.money_owed import still_owed
from tui.domain.reportable import cannot_be_reported
from tui.domain.shared_text import for_others
from tui.domain.tracker import Tracker
from tui.library.letters import (
    LETTER_FIELDS,
    LETTER_KINDS,
    OPTIONAL_FIELDS,
    LetterBook,
    fill_in,
)
from tui.records.amounts import owed
from tui.records.kinds import Intent
from tui.records.model import Card, LogEntry

# the letter a card's intent asks for when none is named
_BY_INTENT = {Intent.REPORT_LOST: "report-lost", Intent.REPLACE: "report-lost"}
_REPORTED = ("lost.called", "lost.reported")  # log entries of a loss report


@dataclass(frozen=True)
class LetterText:
    """A filled-in letter: `title` names it (for the screen), `subject` is the
    e-mail's subject ("" for a template without one), `body` the text; `caution`
    what to tell the user before it goes out ("" for nothing: letter_caution)."""

    letter: str
    title: str
    subject: str
    body: str
    caution: str = ""

    @property
    def text(self) -> str:
        """What is copied or written to a file: the subject line, a blank line, the
        body, and a final newline."""
        head = f"{self.subject}\n\n" if self.subject else ""
        return f"{head}{self.body}\n"


def letter_for_intent(card: Card, reportable: bool = True) -> str:
    """The letter (a LETTER_KINDS value) a card's intent asks for: report-lost for a
    lost card (report-lost, replace) that can be reported lost (`reportable`), else
    cancel."""
    return _BY_INTENT.get(card.intent, "cancel") if reportable else "cancel"


def refused_letter(
    letter: str, gone: bool, reportable: bool, money: Mapping[str, str] | None = None
) -> str:
    """Why `letter` is not written for a card, as a catalog key ("" when it is): no
    refund letter when what the card held is `gone` with it (tui.domain.money_owed:
    nothing is owed), or when what came back already covers a balance and deposit on
    record (`money`, the card's amounts; with none on record the letter asks for
    whatever is still held, as it does before anything came back), no loss-report
    letter for a card that cannot be reported lost (not `reportable`: its issuer's
    source says so)."""
    if letter == "refund" and gone:
        return "letter.no_refund_gone"
    held = sum(Decimal((money or {}).get(key) or "0") for key in ("balance", "deposit"))
    if letter == "refund" and held > 0 and not owed(money or {}):
        return "letter.no_refund_owed"
    if letter == "report-lost" and not reportable:
        return "letter.no_report_bearer"
    return ""


def letter_caution(
    card: Card, letter: str | None, t: Catalog, gone: bool = False, asks_back: bool = False
) -> str:
    """What to tell the user before a letter goes out: a cancellation letter for a card
    whose intent is not to cancel (suspend: cancelling is for good; port-out:
    cancelling loses the number), unless they named the letter themselves; a refund
    or cancellation letter (both ask for what is still held) for a card whose balance
    is `gone` with it (tui.domain.money_owed: a lost card that cannot be reported
    lost), which asks for nothing back, or, when its template has no body for such a
    card (`asks_back`: Letter.body_name_for), asks back what is gone and should not.
    "" otherwise."""
    if gone and (letter or letter_for_intent(card)) in ("refund", "cancel"):
        return t("letter.caution_gone_asks" if asks_back else "letter.caution_gone")
    if letter is not None or card.intent not in (Intent.SUSPEND, Intent.PORT_OUT):
        return ""
    return t(f"letter.caution_{card.intent.value.replace('-', '_')}")


def write_letter(
    tracker: Tracker,
    card_id: str,
    letters: LetterBook,
    t: Catalog,
    letter: str | None = None,
    today: dt.date | None = None,
) -> LetterText:
    """The letter `letter` (LETTER_KINDS; None: the one the card's intent asks for)
    for card `card_id`, in `t`'s language, dated `today` (default: the tracker's
    clock). TrackerError 'error.no_such_card' for an unknown card, 'error.no_letter'
    when no template loaded for that letter and the card's kind, refused_letter's key
    for a letter that does not fit the card (a refund of what is gone with it)."""
    view = tracker.view(card_id)  # TrackerError when it is gone
    card = view.card
    reportable = not cannot_be_reported(card, tracker.issuer_for(card))
    letter = letter or letter_for_intent(card, reportable)
    if refused := refused_letter(letter, view.balance_gone, reportable, card.money):
        raise TrackerError(refused, label=card.label)
    template = letters.for_card(letter, card.kind.value) if letter in LETTER_KINDS else None
    if template is None:
        raise TrackerError("error.no_letter", letter=letter)
    gone = view.balance_gone
    body_name = template.body_name_for(bool(card.owner), late_holders(tracker, card), gone)
    asks_back = gone and not body_name.endswith("_gone")
    caution = letter_caution(card, letter, t, gone, asks_back)
    today = today or tracker.clock().astimezone().date()
    facts = letter_facts(tracker, view, t, today)
    missing = {
        name: t(f"letter.missing.{name}") for name in LETTER_FIELDS if name not in OPTIONAL_FIELDS
    }
    lang = t.lang
    body = getattr(template, body_name)
    return LetterText(
        letter=letter,
        title=fill_in(template.title.get(lang), facts, missing),
        subject=fill_in(template.subject.get(lang), facts, missing),
        body=fill_in(body.get(lang), facts, missing),
        caution=caution,
    )


def late_holders(tracker: Tracker, card: Card) -> bool:
    """Whether `card` is a late person's: someone else's (an owner is named) that
    came from a bundle whose holder is "deceased" (its `card.added_from_bundle` log
    entry says so; tui.library.bundles.HOLDERS)."""
    if not card.owner:
        return False
    return any(
        entry.event == "card.added_from_bundle" and entry.params.get("holder") == "deceased"
        for entry in tracker.log(card.id)
    )


def letter_facts(tracker: Tracker, view: CardView, t: Catalog, today: dt.date) -> dict[str, str]:
    """Each of LETTER_FIELDS for the card of `view` as text in `t`'s language; "" for
    a fact not known (the letter then shows its placeholder, or nothing for one of
    OPTIONAL_FIELDS). Dates as tui.base.typed_moment shows them with a four-digit
    year; amounts by tui.base.money.money_text, none that is zero (_amounts)."""
    card = view.card
    issuer = tracker.issuer_for(card)
    log = tracker.log(card.id)  # newest first
    facts = {
        "label": for_others(card.label, card),  # a number typed into it, masked
        "issuer": issuer.name.get(t.lang) if issuer is not None else for_others(card.issuer, card),
        "kind": t(f"letter.kind.{card.kind.value}"),
        "identifiers": _identifiers(card, t),
        "last_digits": next(
            (i.last4 for i in card.identifiers.values() if not i.secret and i.last4), ""
        ),
        "today": shown_text(today.isoformat(), dated=True),
        "region": card.region,
        "holder": for_others(card.owner, card),  # "" (the user's own): the placeholder
    }
    reported = next((e for e in log if e.event in _REPORTED), None)
    facts["reported_on"] = _day(reported.at) if reported else ""
    facts["reference"] = _reference(log)
    proofs = (_proof(entry, t) for entry in reversed(log))  # oldest first
    facts["proof"] = t("letter.separator").join(filter(None, proofs))
    facts.update(_amounts(view, t))
    return facts


def _identifiers(card: Card, t: Catalog) -> str:
    """The card's serials, masked, in words ("card number ending 4321"); secrets left out."""
    return t("letter.separator").join(
        t(f"letter.ending.{name}", last4=i.last4)
        if t.has(f"letter.ending.{name}")
        else t("letter.ending.other", field=name.replace("_", " "), last4=i.last4)
        for name, i in card.identifiers.items()
        if not i.secret and i.last4
    )


def _given(entry: LogEntry, key: str) -> str:
    """An entry's `key` as given; "" for none, or a report logged without a reference
    (tui.domain.lost_wallet_calls.NO_REFERENCE)."""
    value = str(entry.params.get(key) or "")
    return "" if key == "reference" and value == NO_REFERENCE else value


def _reference(log: list[LogEntry]) -> str:
    """The newest loss-report reference, else the newest reference recorded as proof."""
    for events in (_REPORTED, ("evidence.recorded",)):
        for entry in log:
            if entry.event in events and (reference := _given(entry, "reference")):
                return reference
    return ""


def _proof(entry: LogEntry, t: Catalog) -> str:
    """A log entry's proof in words (reference, agent, when), then the day it was
    logged when no `when` was given; "" for other entries."""
    if entry.event not in (*_REPORTED, "evidence.recorded"):
        return ""
    parts = []
    for key in ("reference", "agent", "when"):
        value = _given(entry, key)
        if value:
            value = shown_text(str(value), dated=True) if key == "when" else str(value)
            parts.append(t("letter.proof_part", label=t(f"evidence.{key}"), value=value))
    if not parts:
        return ""
    joined = t("letter.part_separator").join(parts)
    if _given(entry, "when"):  # its own time says the day: "(Dec 1, 2026)" again is noise
        return joined
    return joined + t("text.aside", text=_day(entry.at))


def _day(moment: dt.datetime) -> str:
    """The local day of a stored moment, with a four-digit year ("Nov 30, 2026")."""
    return shown_text(moment.astimezone().date().isoformat(), dated=True)


def _amounts(view: CardView, t: Catalog) -> dict[str, str]:
    """The amounts a letter names: balance, deposit, their total, what was refunded so
    far and what is still owed (tui.domain.money_owed.still_owed: balance + deposit -
    refunded, nothing for what is gone with a lost card), each as money_text shows
    it; and the same in words for a sentence to carry, each "" when it has nothing to
    say (the sentence then reads on without it): held_aside, what the card holds in
    brackets; owed_aside, what is still owed in brackets; amounts_clause, the whole
    account after a colon. An amount that is zero or not recorded (a balance left
    blank is kept as 0: the two are one) is never written: no "deposit CN¥0.00", no
    total of amounts never entered. A letter naming {balance} alone for one then shows
    the field's [placeholder]."""
    money = view.card.money
    currency = money.get("currency", "")
    balance, deposit, refunded = (
        Decimal(money.get(key) or "0") for key in ("balance", "deposit", "refunded")
    )
    amounts = {
        "balance": balance,
        "deposit": deposit,
        "total": balance + deposit,
        "refunded": refunded,
        "owed": still_owed(view),
    }
    shown = {
        key: money_text(amount, currency, t.lang) if amount else ""
        for key, amount in amounts.items()
    }
    said = {key: t(f"letter.amount.{key}", amount=text) for key, text in shown.items() if text}
    held = [said[key] for key in ("balance", "deposit") if key in said]
    part_separator = t("letter.part_separator")
    account = held + [said["total"]] if len(held) == 2 else held  # a total of one is noise
    back = [said[key] for key in ("refunded", "owed") if key in said] if refunded else []
    clause = t("letter.separator").join(
        filter(None, (part_separator.join(account), part_separator.join(back)))
    )
    return {
        **shown,
        "held_aside": t("text.aside", text=part_separator.join(held)) if held else "",
        "owed_aside": t("text.aside", text=shown["owed"]) if shown["owed"] else "",
        "amounts_clause": t("letter.amount.clause", amounts=clause) if clause else "",
    }


def save_letter(path: Path, text: str, replace: bool = False) -> None:
    """Write `text` (UTF-8) to `path`: a new file, mode 0600. Something at `path`
    already is left as it was (TrackerError 'letter.exists') unless `replace`, when
    the file is replaced whole (tui.base.private_files.write_atomically). A disk or
    folder that refuses: TrackerError 'letter.cannot_write' (the problem in words), and
    no part-written file is left."""
    from tui.base.os_problem import os_problem
    from tui.base.private_files import create_private, write_atomically

    data = text.encode("utf-8")
    try:
        if replace and path.exists():
            write_atomically(path, data)
            return
        fd = create_private(path)
    except FileExistsError:
        raise TrackerError("letter.exists", path=str(path)) from None
    except OSError as exc:
        raise TrackerError("letter.cannot_write", path=str(path), **os_problem(exc)) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
    except OSError as exc:  # a full disk: the part written goes
        path.unlink(missing_ok=True)
        raise TrackerError("letter.cannot_write", path=str(path), **os_problem(exc)) from None
