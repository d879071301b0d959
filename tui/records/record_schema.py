"""What a record of the data file must look like: the one schema that the app, `doctor`
and `import` check records against.

The schema is JSON Schema (draft-07), one sub-schema per table (`TABLE_SCHEMAS`),
shipped compiled by fastjsonschema (tui/records/record_checks/; ~4 microseconds a record, so
10,000 cards with their logs take ~0.2 s). A record that does not fit is *damaged*:
the store sets it aside, keeping it in the file as it was, and opens the rest (see
storage.py). tests/test_record_schema.py holds the compiled checks to jsonschema's
verdicts.

What is checked is what the app relies on: the fields it reads, their types, the
values of enumerations (kind, intent, network, where an identifier is kept), dates and times it
parses, amounts it adds up, and that no two cards share an id. Fields it does not know
are allowed (they do not stop a record from opening). Which records of a file are set
aside as damaged, and why: tui/records/damaged_records.py.

No Textual, no Rich; no I/O but writing the compiled checks (`python -m tui.records.record_schema`).
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable, Mapping

from tui.records.attachments import ATTACHMENT_SCHEMA
from tui.records.card_networks import CARD_NETWORKS
from tui.records.kinds import Intent, Kind

# The version of the data file's format this cardoff-tui writes (meta.schema_version).
# Older files are upgraded on open (tui/storage/migrations.py); a newer one is refused.
# 4: a card's step marks are kept per checklist (its kind and intent), so switching
# its intent and back brings its marks back and a mark of one never counts in another
# 5: a card names its owner ("" for the user's own) and its tags (tui/records/household.py);
# an upgraded card gets owner "" and no tags, which is what a card without them meant
SCHEMA_VERSION = 5

TABLES = ("cards", "progress", "log", "meta")

MOMENT = "time with a zone (ISO 8601, e.g. 2026-11-24T19:14:00+00:00)"
DAY = "empty or a date (YYYY-MM-DD)"
AMOUNT = "empty or an amount (e.g. 12.50)"
_AMOUNT_RE = re.compile(r"[0-9]{1,12}(\.[0-9]{1,2})?")
_DAY_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def is_moment(text: str) -> bool:
    """An ISO 8601 time with a time zone, as the store writes (zone-less times cannot
    be ordered against the others)."""
    try:
        return _dt.datetime.fromisoformat(text).tzinfo is not None
    except ValueError:
        return False


def is_day(text: str) -> bool:
    """'' or a real calendar date YYYY-MM-DD (a follow-up date)."""
    if text == "":
        return True
    if not _DAY_RE.fullmatch(text):
        return False
    try:
        _dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def is_amount(text: str) -> bool:
    """'' or a non-negative amount with at most 2 decimals (as parse_amount stores)."""
    return text == "" or bool(_AMOUNT_RE.fullmatch(text))


FORMATS: dict[str, Callable[[str], bool]] = {MOMENT: is_moment, DAY: is_day, AMOUNT: is_amount}

_TEXT = {"type": "string"}
_MOMENT = {"type": "string", "format": MOMENT}
_AMOUNT = {"type": ["string", "null"], "format": AMOUNT}
_LANG_TEXT = {"type": "object", "additionalProperties": {"type": "string"}}

CARD_SCHEMA = {
    "type": "object",
    "required": ["id", "label", "kind", "intent", "created", "updated"],
    "properties": {
        "id": {"type": "string", "minLength": 1},
        "label": {"type": "string", "minLength": 1},
        "kind": {"enum": [k.value for k in Kind]},
        "intent": {"enum": [i.value for i in Intent]},
        "issuer": _TEXT,
        "region": _TEXT,
        # optional (files before it have none, and read as ""): no schema version for it
        "network": {"enum": ["", *CARD_NETWORKS]},
        "notes": _TEXT,
        "abandoned": {"type": "boolean"},
        # optional, like network: files before it have none, and read as not carried
        "carried": {"type": "boolean"},
        # since schema 5; optional, so that a JSON export of an older version imports
        "owner": _TEXT,
        "tags": {"type": "array", "items": {"type": "string", "minLength": 1}},
        # optional, like carried: files before it have none, and read as not registered
        "registered": {"type": "boolean"},
        # optional, like network: files before it have none, and read as no attachments
        "attachments": {
            "type": "array",
            "items": {
                **ATTACHMENT_SCHEMA,
                "properties": {**ATTACHMENT_SCHEMA["properties"], "at": _MOMENT},
            },
        },
        "created": _MOMENT,
        "updated": _MOMENT,
        "follow_up": {"type": "string", "format": DAY},
        "money": {
            "type": "object",
            "properties": {
                "balance": _AMOUNT,
                "deposit": _AMOUNT,
                "refunded": _AMOUNT,
                "currency": _TEXT,
            },
        },
        # version 1's one identifier; an upgraded card has none (a card still holding
        # one could not be upgraded, and its identifier would be lost on the next save)
        "masked_id": False,
        "identifiers": {
            "type": "object",
            "additionalProperties": {
                "type": "object",
                "properties": {
                    "last4": {"type": "string", "maxLength": 4},
                    "in": {"enum": [None, "keyring", "vault"]},
                },
            },
        },
    },
}

STEP_MARK_SCHEMA = {
    "type": "object",
    # `called`: the number a lost-wallet report called, as dialled (Tracker.record_call)
    "properties": {"at": _MOMENT, "title": _LANG_TEXT, "evidence": _LANG_TEXT, "called": _TEXT},
}

STEP_MARKS_SCHEMA = {"type": "object", "additionalProperties": STEP_MARK_SCHEMA}

# a card's step marks by checklist: "kind/intent" (tui.records.kinds.checklist_key) ->
# step id -> mark. Version 3 had one `steps` object, whatever the card's intent had been
# when each was checked; a record still holding it could not be upgraded
PROGRESS_SCHEMA = {
    "type": "object",
    "required": ["card_id", "checklists"],
    "properties": {
        "card_id": {"type": "string", "minLength": 1},
        "checklists": {
            "type": "object",
            "propertyNames": {"pattern": "^[a-z-]+/[a-z-]+$"},
            "additionalProperties": STEP_MARKS_SCHEMA,
        },
        "steps": False,
    },
}

LOG_SCHEMA = {
    "type": "object",
    "required": ["at", "card_id", "event"],
    "properties": {
        "at": _MOMENT,
        "card_id": _TEXT,
        "card_label": _TEXT,
        "event": {"type": "string", "minLength": 1},
        "detail": _TEXT,
        "params": {"type": "object"},
    },
}

META_SCHEMA = {
    "type": "object",
    "required": ["schema_version"],
    "properties": {"schema_version": {"type": "integer", "minimum": 1}},
}

TABLE_SCHEMAS: dict[str, dict] = {
    "cards": CARD_SCHEMA,
    "progress": PROGRESS_SCHEMA,
    "log": LOG_SCHEMA,
    "meta": META_SCHEMA,
}

# the whole file, for reference and for tools: an object of tables, each an object of
# records keyed by a record number
FILE_SCHEMA = {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "title": "cardoff-tui data file",
    "type": "object",
    "additionalProperties": {"type": "object"},
    "properties": {
        name: {
            "type": "object",
            "propertyNames": {"pattern": "^[1-9][0-9]*$"},
            "additionalProperties": schema,
        }
        for name, schema in TABLE_SCHEMAS.items()
    },
}

_validators: dict[str, Callable[[object], object]] = {}

# The schemas above, compiled by fastjsonschema into Python modules (one a table) that
# ship with the app: compiling at every start took ~8 ms (its code generation and
# Python's compile of the result), loading the modules well under 1 ms. Each carries
# the digest of the schema it was built from, which a test compares with the schema
# as it is; after changing a schema, run
#     python -m tui.records.record_schema
CHECKS_PACKAGE = "tui.records.record_checks"
GENERATED_HEADER = (
    "# Generated by fastjsonschema from tui/records/record_schema.py: do not edit.\n"
    "# After changing a schema there, run: python -m tui.records.record_schema\n"
    "# ruff: noqa\n"
)


def schema_digest(table: str) -> str:
    """A hash of one table's schema (and the names of its formats), written into its
    compiled module so a test can tell the module is out of date."""
    import hashlib
    import json

    canonical = json.dumps([TABLE_SCHEMAS[table], sorted(FORMATS)], sort_keys=True)
    return hashlib.sha256(canonical.encode()).hexdigest()


def generated_sources() -> dict[str, str]:
    """{table: the source of its compiled check module}, from the schemas as they are."""
    import fastjsonschema

    from tui.records.schema_errors import generated

    return {
        table: GENERATED_HEADER
        + f"SCHEMA_DIGEST = {schema_digest(table)!r}\n"
        + generated(fastjsonschema.compile_to_code(schema, formats=FORMATS))
        for table, schema in TABLE_SCHEMAS.items()
    }


def _validator(table: str) -> Callable[[object], object]:
    found = _validators.get(table)
    if found is None:
        from functools import partial
        from importlib import import_module

        module = import_module(f"{CHECKS_PACKAGE}.{table}")
        found = partial(module.validate, custom_formats=FORMATS)
        _validators[table] = found
    return found


_REQUIRED = re.compile(r"^data(?:\.(?P<where>\S+))? must contain \[(?P<names>.*)\] properties$")


def _words(message: str) -> str:
    """fastjsonschema's 'data.money must be object' → 'money must be object';
    "data must contain ['label'] properties" → 'missing: label'."""
    if found := _REQUIRED.match(message):
        names = ", ".join(n.strip().strip("'\"") for n in found["names"].split(","))
        where = f"{found['where']}: " if found["where"] else ""
        return f"{where}missing: {names}"
    if message.startswith("data."):
        return message[len("data.") :]
    if message.startswith("data "):
        return "the record " + message[len("data ") :]
    return message


def record_problem(table: str, doc: object) -> str | None:
    """What is wrong with one record of `table` ('cards', 'progress', 'log', 'meta'),
    in words naming the field (e.g. "follow_up must be empty or a date (YYYY-MM-DD)");
    None when it fits the schema. A table this version does not know accepts anything."""
    if table not in TABLE_SCHEMAS:
        return None
    check = _validator(table)
    try:
        check(doc)
    except ValueError as exc:  # JsonSchemaValueException (tui/records/schema_errors.py)
        return _words(getattr(exc, "message", str(exc)))
    return None


class VersionProblem(ValueError):
    """The file's schema_version is not one this cardoff-tui can read; `newer` is True
    when it is a later version (the file is fine: this program is too old for it)."""

    def __init__(self, message: str, newer: bool = False, version: str = "") -> None:
        super().__init__(message)
        self.newer = newer
        self.version = version  # the schema_version as the file holds it, shown as JSON


def file_version(raw: Mapping) -> int | None:
    """The file's schema version (None: no meta record names one, as in a new file).

    VersionProblem when it is not a whole number from 1 (a string "2", 0, true, 2.5),
    or is newer than SCHEMA_VERSION: the version decides how every record is read, so a
    file whose version cannot be trusted is not opened at all."""
    meta = raw.get("meta", {})
    for doc in meta.values() if isinstance(meta, Mapping) else ():
        if isinstance(doc, Mapping) and "schema_version" in doc:
            version = doc["schema_version"]
            if type(version) is not int or version < 1:
                raise VersionProblem(
                    f"its schema_version is {_shown(version)}, which no cardoff-tui writes "
                    "(a whole number from 1 is expected)",
                    version=_shown(version),
                )
            if version > SCHEMA_VERSION:
                raise VersionProblem(
                    f"it was written by a newer cardoff-tui (schema {version}; this version "
                    f"reads up to {SCHEMA_VERSION}). Upgrade cardoff-tui to open it; the file "
                    "is left exactly as it is",
                    newer=True,
                    version=str(version),
                )
            return version
    return None


def _shown(value: object) -> str:
    import json

    return json.dumps(value, ensure_ascii=False)[:40]


def _write_generated() -> None:
    """Write the compiled check modules next to this file (see CHECKS_PACKAGE)."""
    from pathlib import Path

    folder = Path(__file__).with_name("record_checks")
    folder.mkdir(exist_ok=True)
    init = folder / "__init__.py"
    if not init.exists():
        init.write_text(
            '"""The record schemas of tui/records/record_schema.py, compiled by fastjsonschema\n'
            '(one module a table). Generated: run `python -m tui.records.record_schema` to\n'
            'rebuild."""\n'
        )
    for table, source in generated_sources().items():
        (folder / f"{table}.py").write_text(source)


if __name__ == "__main__":
    _write_generated()
