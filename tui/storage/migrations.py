"""Upgrading a data file written by an older cardoff-tui, one record at a time.

A card (or a card's progress record) a step cannot upgrade (its fields are not what
that version wrote), or a card that does not fit the current schema once upgraded, is
left exactly as it was: the store then sets it aside as damaged, and the rest of the
file is upgraded and opens. A progress record the steps can upgrade but that holds a
bad value (a step's "at": "garbage") is kept in the new shape, the bad value as it
was: it is set aside as damaged too, but `doctor` names that value, and once it is
fixed by hand the record loads. No Textual, no Rich, no I/O.
"""

from __future__ import annotations

import copy
from collections.abc import Callable

from tui.base.clock import system_clock
from tui.records.identifiers import Identifier, IdentifierKind, identifier_kind
from tui.records.kinds import checklist_key
from tui.records.model import LogEntry
from tui.records.record_schema import SCHEMA_VERSION, record_problem

SECRET_DROPPED = "identifier.secret_dropped"  # the log event of _v2_to_v3


def _v1_to_v2(card: dict) -> list[LogEntry]:
    """v2 keeps identifiers as {field: {last4, in}}; v1 had one typed `masked_id`."""
    masked = card.get("masked_id", "")
    identifiers = card.setdefault("identifiers", {})
    if not isinstance(masked, str) or not isinstance(identifiers, dict):
        raise TypeError("not a v1 card")
    card.pop("masked_id", None)
    name = "iccid" if card.get("kind") == "esim" else "number"
    if masked:
        identifiers[name] = {"last4": masked[-4:], "in": None}
    return []


def _v2_to_v3(card: dict) -> list[LogEntry]:
    """v3 keeps nothing of a secret identifier (a port-out PIN); v2 kept its last 4,
    which for a 4-digit PIN is the PIN. A card that had such characters gets a log
    entry saying they were removed."""
    identifiers = card.get("identifiers")
    if not isinstance(identifiers, dict):
        return []
    entries = []
    for name in sorted(identifiers):
        record = identifiers[name]
        if identifier_kind(name) is not IdentifierKind.SECRET or not isinstance(record, dict):
            continue
        had_characters = bool(record.get("last4"))
        kept = Identifier.from_doc(name, record)
        if kept is None:
            del identifiers[name]
        else:
            identifiers[name] = kept.to_doc()
        if had_characters:
            entries.append(
                LogEntry(
                    system_clock(),
                    str(card.get("id", "")),
                    str(card.get("label", "")),
                    SECRET_DROPPED,
                    params={"field": name},
                )
            )
    return entries


# the field of a progress record upgraded from version 3 whose marks are all still
# under the card's checklist as it was then: which checklist each belongs to is found
# from the playbooks (tui.domain.upgraded_marks), which this module cannot see
UNSORTED = "unsorted_marks"


def _v3_to_v4(progress: dict, card: dict | None) -> None:
    """v4 keeps a card's step marks by checklist (its kind and intent: `checklists`,
    {"kind/intent": {step id: mark}}); v3 kept one `steps` object, whatever the card's
    intent was when each step was checked. The marks go under the card's checklist as
    it is now (`card`: the card record with the progress record's card_id), and the
    record gets UNSORTED: true, so that the first open with the playbooks moves each
    mark to the checklist whose playbook holds its step. A record whose card is
    missing, or names no kind and intent this version knows, cannot be placed:
    ValueError (it is then set aside, as it was)."""
    steps = progress.pop("steps")
    if not isinstance(steps, dict) or not isinstance(card, dict):
        raise ValueError("no card to place the marks under")
    progress["checklists"] = {checklist_key(card.get("kind"), card.get("intent")): steps}
    if steps:
        progress[UNSORTED] = True


def _v4_to_v5(card: dict) -> list[LogEntry]:
    """v5 names a card's owner and tags: a v4 card was the user's own ("") and had none."""
    card.setdefault("owner", "")
    card.setdefault("tags", [])
    return []


# version n -> the step that turns a card of an n file into one of an n+1 file (in place;
# it returns the log entries to add)
CARD_STEPS: dict[int, Callable[[dict], list[LogEntry]]] = {
    1: _v1_to_v2,
    2: _v2_to_v3,
    3: lambda card: [],
    4: _v4_to_v5,
}
# version n -> the step that turns a progress record of an n file into one of an n+1
# file (in place), given its card's record (as upgraded; None when there is none)
PROGRESS_STEPS: dict[int, Callable[[dict, dict | None], None]] = {
    1: lambda progress, card: None,
    2: lambda progress, card: None,
    3: _v3_to_v4,
    4: lambda progress, card: None,
}


def upgraded(raw: dict, version: int) -> dict:
    """The file `raw` (schema `version`, older than SCHEMA_VERSION) as SCHEMA_VERSION.

    Returns a new dict; `raw` is not changed. Each card, then each progress record, is
    upgraded on a copy; when a step cannot upgrade it, or an upgraded card does not fit
    the schema, the record stays as it was (the same object), to be set aside as
    damaged. An upgraded progress record that does not fit the schema (a bad value the
    old file held) is kept upgraded, and set aside as damaged in the new shape. Log entries the
    upgrade adds take record numbers after every number already in the log."""
    out = {name: dict(table) if isinstance(table, dict) else table for name, table in raw.items()}
    cards = out.get("cards") if isinstance(out.get("cards"), dict) else {}
    added: list[LogEntry] = []
    for key, card in cards.items():
        if not isinstance(card, dict):
            continue
        changed = copy.deepcopy(card)
        entries: list[LogEntry] = []
        try:
            for step in range(version, SCHEMA_VERSION):
                entries += CARD_STEPS[step](changed)
        except (TypeError, ValueError, AttributeError, KeyError):
            continue  # left as it was: the schema check sets it aside
        if record_problem("cards", changed) is None:
            cards[key] = changed
            added += entries
    _upgrade_progress(out, version, cards)
    if added:
        log = out.setdefault("log", {})
        numbers = [int(k) for k in log if k.isascii() and k.isdigit()]
        next_id = max(numbers, default=0) + 1
        for entry in added:
            log[str(next_id)] = entry.to_doc()
            next_id += 1
    for name, doc in (out.get("meta") or {}).items():
        if isinstance(doc, dict) and "schema_version" in doc:
            out["meta"][name] = {**doc, "schema_version": SCHEMA_VERSION}
            break
    return out


def _upgrade_progress(out: dict, version: int, cards: dict) -> None:
    """Upgrade every progress record of `out` (in place, table copied), each on a copy
    kept when every step upgraded it (whether or not its values fit). A progress
    record's card is the first card record with its id (as the store reads them)."""
    table = out.get("progress")
    if not isinstance(table, dict):
        return
    by_id: dict[str, dict] = {}
    for card in cards.values():
        if isinstance(card, dict) and isinstance(card.get("id"), str):
            by_id.setdefault(card["id"], card)
    for key, progress in table.items():
        if not isinstance(progress, dict):
            continue
        changed = copy.deepcopy(progress)
        card_id = changed.get("card_id")
        card = by_id.get(card_id) if isinstance(card_id, str) else None
        try:
            for step in range(version, SCHEMA_VERSION):
                PROGRESS_STEPS[step](changed, card)
        except (TypeError, ValueError, AttributeError, KeyError):
            continue  # left as it was: the schema check sets it aside
        table[key] = changed  # a bad value in it is named by the schema check
