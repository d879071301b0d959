"""Import cards from CSV (label, kind, issuer, region, intent, notes) or from a JSON
export. Bad rows are reported by line; the good rows go in as one transaction, or,
when strict, nothing goes in if any row is bad."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

from tui.export import EXPORT_FORMAT, EXPORT_VERSION
from tui.model import Card, CardError, CardFields, LogEntry
from tui.tracker import Tracker, TrackerError

CSV_FIELDS = ("label", "kind", "issuer", "region", "intent", "notes")


@dataclass
class ImportResult:
    imported: list[str] = field(default_factory=list)  # card labels
    errors: list[tuple[int, str]] = field(default_factory=list)  # (line, message)
    written: bool = False


def _csv_cards(text: str, tracker: Tracker, result: ImportResult) -> list[CardFields]:
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    missing = [name for name in ("label", "kind") if name not in header]
    if missing:
        result.errors.append((1, f"the header needs the columns {', '.join(missing)}"))
        return []
    reader.fieldnames = header
    good = []
    for row in reader:
        line = reader.line_num
        values = {k: (row.get(k) or "").strip() for k in CSV_FIELDS}
        fields = CardFields(
            label=values["label"],
            kind=values["kind"],
            intent=values["intent"] or "cancel",
            issuer=values["issuer"],
            region=values["region"],
            notes=values["notes"],
        )
        try:
            good.append(tracker.check_fields(fields))
        except CardError as exc:
            result.errors.append((line, f"{exc.field}: {exc.message_key.removeprefix('error.')}"))
        except TrackerError as exc:
            detail = ", ".join(f"{k}={v}" for k, v in exc.params.items())
            result.errors.append((line, f"{exc.key.removeprefix('error.')} ({detail})"))
    return good


def import_file(tracker: Tracker, path: Path, strict: bool = False) -> ImportResult:
    result = ImportResult()
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        result.errors.append((0, f"cannot read {path}: {exc}"))
        return result
    if path.suffix.lower() == ".json":
        return _import_json(tracker, text, strict, result)
    fields = _csv_cards(text, tracker, result)
    if (strict and result.errors) or not fields:
        return result
    with tracker.changing():
        for item in fields:
            card = Card.create(item, tracker.clock())
            tracker.store.save_card(card)
            tracker.log_event(card, "card.imported", kind=card.kind.value, intent=card.intent.value)
            result.imported.append(card.label)
    result.written = True
    return result


def _import_json(tracker: Tracker, text: str, strict: bool, result: ImportResult) -> ImportResult:
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        result.errors.append((exc.lineno, f"not valid JSON: {exc.msg}"))
        return result
    if not isinstance(doc, dict) or doc.get("format") != EXPORT_FORMAT:
        result.errors.append((1, "not a cardoff-tui JSON export"))
        return result
    if doc.get("version") != EXPORT_VERSION:
        result.errors.append((1, f"export version {doc.get('version')} is not supported"))
        return result
    existing = {card.id for card in tracker.store.cards()}
    good = []
    for number, entry in enumerate(doc.get("cards", []), 1):
        try:
            card = Card.from_doc(entry["card"])
            tracker.check_fields(card.fields())
            log = [LogEntry.from_doc(e) for e in entry.get("log", [])]
            progress = dict(entry.get("progress", {}))
        except (KeyError, TypeError, ValueError, CardError, TrackerError) as exc:
            result.errors.append((number, f"card {number}: {type(exc).__name__} {exc}"))
            continue
        if card.id in existing:
            result.errors.append((number, f"card {number} ({card.label}) is already here"))
            continue
        good.append((card, progress, log))
    if (strict and result.errors) or not good:
        return result
    with tracker.changing():
        for card, progress, log in good:
            tracker.store.save_card(card)
            if progress:
                tracker.store.set_progress(card.id, progress)
            for entry in log:
                tracker.store.append_log(entry)
            result.imported.append(card.label)
    result.written = True
    return result
