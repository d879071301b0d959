"""Import cards from CSV (label, kind, issuer, region, intent, notes, network) or from a JSON
export. Bad rows are reported by line; the good rows go in as one transaction, or,
when strict, nothing goes in if any row is bad. The CSV part (encodings, delimiters,
the words kind and intent may be given in, rows already there) is tui.domain.csv_import.

Control characters, bidi overrides and stray zero-width characters are removed from
every imported string (tui.base.sanitiser), and each row that lost some gets a note. A CSV
cell that the CSV export guarded against formula injection ('=1+1) comes back as it
was exported (=1+1).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from tui.base.errors import TrackerError
from tui.base.i18n import Catalog, Phrase
from tui.base.os_problem import os_problem
from tui.base.sanitiser import clean_tree
from tui.domain.csv_import import CsvImportResult, import_csv
from tui.domain.export import EXPORT_FORMAT, EXPORT_VERSION
from tui.domain.tracker import Tracker
from tui.records.amounts import parse_currency
from tui.records.card_error import CardError
from tui.records.kinds import Intent, Kind
from tui.records.model import Card, LogEntry
from tui.records.record_schema import record_problem


@dataclass
class ImportResult:
    imported: list[str] = field(default_factory=list)  # card labels
    errors: list[tuple[int, str]] = field(default_factory=list)  # (line, message)
    written: bool = False
    # (line, message): rows that went in with characters removed, e.g.
    # (3, "card 3 (label): control characters removed: 2")
    notes: list[tuple[int, str]] = field(default_factory=list)
    # attachment records left out: their encrypted files are not in this data dir (an
    # export carries only their names), so nothing could open them here
    attachments_dropped: int = 0
    # identifiers said to be in an encrypted file when this data dir has none: each
    # keeps only its last 4 (a PIN nothing), as the card says they are kept nowhere
    identifiers_dropped: int = 0


def import_file(
    tracker: Tracker,
    path: Path,
    strict: bool = False,
    *,
    strings: Mapping[str, Mapping[str, str]] | None = None,
    lang: str = "en",
    encoding: str | None = None,
) -> ImportResult | CsvImportResult:
    """Import `path`: a JSON export when it ends in .json, otherwise CSV.

    `strings`: every language's UI strings (Content.strings; the shipped ones when
    None), `lang` the language of the CSV messages (and of the JSON ones about
    kept_progress), `encoding` the user's choice for a CSV file (None: detected).
    Never raises for what the file holds."""
    result = ImportResult()
    if strings is None:
        from tui.library.content import shipped_strings

        strings = shipped_strings()
    catalog = Catalog(strings, lang)
    try:
        data = path.read_bytes()
    except OSError as exc:
        result.errors.append((0, catalog("json_import.cannot_read", **os_problem(exc))))
        return result
    if path.suffix.lower() != ".json":
        return import_csv(
            tracker,
            data,
            strings=strings,
            lang=lang,
            strict=strict,
            encoding=encoding,
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        result.errors.append((0, catalog("json_import.not_utf8", position=exc.start + 1)))
        return result
    return _import_json(tracker, text, strict, result, catalog)


def _entry_problem(entry: object) -> str | None:
    """What is wrong with one card of a JSON export, checked against the data file's
    schema (tui/records/record_schema.py): the card, its progress and its log entries."""
    if not isinstance(entry, dict) or not isinstance(entry.get("card"), dict):
        return "the entry has no card record"
    card = entry["card"]
    if (problem := record_problem("cards", card)) is not None:
        return problem
    own = {"card_id": card["id"], "checklists": {"kind/intent": entry.get("progress", {})}}
    if (problem := record_problem("progress", own)) is not None:
        return f"progress: {problem.removeprefix('checklists.kind/intent.')}"
    kept = {"card_id": card["id"], "checklists": entry.get("kept_progress", {})}
    if (problem := record_problem("progress", kept)) is not None:
        return f"kept_progress: {problem.removeprefix('checklists.')}"
    log = entry.get("log", [])
    if not isinstance(log, list):
        return "log must be a list"
    for index, item in enumerate(log, 1):
        if (problem := record_problem("log", item)) is not None:
            return f"log entry {index}: {problem}"
    return None


def _misnamed_checklist(entry: object) -> str | None:
    """The first name in the entry's kept_progress that is no checklist ("kind/intent"
    of a kind and an intent this version knows, tui.records.kinds.checklist_key); None
    when all are, or when the entry has no card record that fits (reported as such)."""
    if not isinstance(entry, dict) or not isinstance(entry.get("card"), dict):
        return None
    kept = entry.get("kept_progress")
    if record_problem("cards", entry["card"]) is not None or not isinstance(kept, dict):
        return None
    kinds, intents = {k.value for k in Kind}, {i.value for i in Intent}
    for name in kept:
        kind, slash, intent = name.partition("/")
        if not slash or kind not in kinds or intent not in intents:
            return name
    return None


def _with_kept(
    own: Mapping[str, dict], kept: Mapping[str, Mapping[str, dict]], checklist: str
) -> tuple[dict[str, dict[str, dict]], list[str]]:
    """The card's checklists ({"kind/intent": {step id: mark}}) from an entry's
    `progress` (`own`: the marks of `checklist`, the one the card follows) and its
    `kept_progress`. Marks kept_progress has for `checklist` itself are added where
    `own` has none; returns also the step ids where both have a different mark (the
    one in `own` is kept, the other not imported), sorted."""
    checklists = {key: dict(marks) for key, marks in kept.items() if key != checklist}
    also = kept.get(checklist, {})
    clash = sorted(step for step, mark in also.items() if step in own and own[step] != mark)
    checklists[checklist] = {**also, **own}
    return checklists, clash


def _import_json(
    tracker: Tracker, text: str, strict: bool, result: ImportResult, catalog: Catalog
) -> ImportResult:
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        message = catalog("json_import.not_json", column=exc.colno, detail=exc.msg)
        result.errors.append((exc.lineno, message))
        return result
    if not isinstance(doc, dict) or doc.get("format") != EXPORT_FORMAT:
        result.errors.append((1, catalog("json_import.not_export")))
        return result
    if doc.get("version") != EXPORT_VERSION:
        message = catalog(
            "json_import.bad_version", version=doc.get("version"), supported=EXPORT_VERSION
        )
        result.errors.append((1, message))
        return result
    entries = doc.get("cards", [])
    if not isinstance(entries, list):
        result.errors.append((1, catalog("json_import.cards_not_list")))
        return result
    existing = {card.id for card in tracker.cards()}
    damaged = tracker.damaged_card_ids()
    taken: dict[str, int] = {}  # card id -> the number of the entry that brought it
    good = []
    for number, entry in enumerate(entries, 1):
        entry, removed = clean_tree(entry)
        if (name := _misnamed_checklist(entry)) is not None:
            label = entry["card"]["label"]
            message = catalog("json_import.bad_checklist", number=number, label=label, name=name)
            result.errors.append((number, message))
            continue
        problem = _entry_problem(entry)
        if problem is not None:
            message = catalog("json_import.bad_entry", number=number, detail=problem)
            result.errors.append((number, message))
            continue
        try:
            card = Card.from_doc(entry["card"])
            card = card.edited(tracker.check_fields(card.fields()), card.updated)
            parse_currency(card.money.get("currency") or "")  # an ISO 4217 code, or none
            log = [LogEntry.from_doc(e) for e in entry.get("log", [])]
            # a card's log entries are those listed under it: an entry naming another
            # card (its id edited by hand in the card but not in its log) is its own
            strays = sorted({e.card_id for e in log if e.card_id != card.id})
            log = [e if e.card_id == card.id else replace(e, card_id=card.id) for e in log]
            # its own checklist's marks, and those kept from intents it had before
            progress, clash = _with_kept(
                entry.get("progress", {}), entry.get("kept_progress", {}), card.checklist
            )
        except CardError as exc:
            message = catalog(
                "json_import.bad_field",
                number=number,
                field=Phrase(f"field.{exc.field}"),
                problem=Phrase(exc.key),
                **exc.params,
            )
            result.errors.append((number, message))
            continue
        except TrackerError as exc:
            message = catalog(
                "json_import.refused", number=number, problem=Phrase(exc.key), **exc.params
            )
            result.errors.append((number, message))
            continue
        said = {"number": number, "label": card.label, "id": card.id}
        if card.id in existing:
            result.errors.append((number, catalog("json_import.already", **said)))
            continue
        if card.id in damaged:
            result.errors.append((number, catalog("json_import.damaged_id", **said)))
            continue
        if card.id in taken:
            message = catalog("json_import.same_id", other=taken[card.id], **said)
            result.errors.append((number, message))
            continue
        taken[card.id] = number
        if removed:
            message = catalog("json_import.removed", count=removed, **said)
            result.notes.append((number, message))
        if strays:
            message = catalog(
                "json_import.log_of_other_id", others=", ".join(strays), **said
            )
            result.notes.append((number, message))
        if clash:
            message = catalog(
                "json_import.own_checklist_clash",
                number=number,
                label=card.label,
                name=card.checklist,
                steps=", ".join(clash),
            )
            result.notes.append((number, message))
        card, dropped = tracker.without_missing_attachments(card)
        result.attachments_dropped += dropped
        card, dropped = _without_a_missing_vault(tracker, card)
        result.identifiers_dropped += dropped
        good.append((card, progress, log))
    if (strict and result.errors) or not good:
        return result
    tracker.bring_in(good)
    result.imported = [card.label for card, _progress, _log in good]
    result.written = True
    if result.attachments_dropped:
        message = catalog("json_import.attachments_not_carried", count=result.attachments_dropped)
        result.notes.append((0, message))
    if result.identifiers_dropped:
        message = catalog("json_import.identifiers_not_carried", count=result.identifiers_dropped)
        result.notes.append((0, message))
    return result


def _without_a_missing_vault(tracker: Tracker, card: Card) -> tuple[Card, int]:
    """`card` with each identifier its record says is in the encrypted file marked as
    kept nowhere (a serial keeps its last 4; a PIN goes) when this data dir holds no
    encrypted file: the values stayed in the file of the data dir the export came
    from, and a record pointing at a file that is not here would ask for it forever.
    How many were changed. A data dir with an encrypted file keeps the records (the
    values may be in it); one kept in a keyring is looked up there as ever."""
    if not card.identifiers or not tracker.encrypted_file_missing():
        return card, 0
    kept: dict = {}
    dropped = 0
    for name, identifier in card.identifiers.items():
        if identifier.kept_in == "vault":
            dropped += 1
            unstored = identifier.unstored()
            if unstored is not None:
                kept[name] = unstored
        else:
            kept[name] = identifier
    return (replace(card, identifiers=kept), dropped) if dropped else (card, 0)
