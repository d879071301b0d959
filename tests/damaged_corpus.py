"""Damaged but valid-JSON data files: one good file, and one change to it per case.

Every case damages records of the card `c2` ("Target"), or the file as a whole; the
card `c1` ("Good") and its records are never touched, so "the rest opens" can be
checked. Files are written pretty-printed, as a person editing them by hand would
leave them, so keeping a record byte for byte is not the same as encoding it again.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tui.records.record_schema import SCHEMA_VERSION

T = "2026-01-01T09:00:00+00:00"


def card(card_id: str, label: str) -> dict:
    return {
        "id": card_id,
        "label": label,
        "kind": "bank",
        "intent": "cancel",
        "issuer": "ICBC",
        "region": "CN",
        "identifiers": {"number": {"last4": "1234", "in": None}},
        "follow_up": "2026-01-05",
        "money": {"balance": "12.50", "deposit": "0.00", "currency": "CNY"},
        "notes": "",
        "abandoned": False,
        "created": T,
        "updated": T,
    }


def good_file(version: int = SCHEMA_VERSION) -> dict:
    def log(card_id: str, label: str) -> dict:
        return {
            "at": T,
            "card_id": card_id,
            "card_label": label,
            "event": "card.added",
            "detail": "",
            "params": {"kind": "bank", "intent": "cancel"},
        }

    def progress(card_id: str) -> dict:
        marks = {"confirm-type": {"at": T, "title": {"en": "Confirm", "zh-CN": "确认"}}}
        if version < 4:  # one set of marks, whatever the card's intent was
            return {"card_id": card_id, "steps": marks}
        return {"card_id": card_id, "checklists": {"bank/cancel": marks}}

    return {
        "cards": {"1": card("c1", "Good"), "2": card("c2", "Target")},
        "progress": {"1": progress("c1"), "2": progress("c2")},
        "log": {"1": log("c1", "Good"), "2": log("c2", "Target")},
        "meta": {"1": {"schema_version": version}},
    }


@dataclass(frozen=True)
class Case:
    name: str
    change: Callable[[dict], None]
    damaged: frozenset[tuple[str, str]]  # (table, key) set aside; empty: the file is refused
    refused: str = ""  # words the refusal must hold

    def data(self) -> dict:
        data = good_file()
        self.change(data)
        return data


def _set(table: str, key: str, field: str, value: object) -> Callable[[dict], None]:
    def change(data: dict) -> None:
        data[table][key][field] = value

    return change


def _drop(table: str, key: str, field: str) -> Callable[[dict], None]:
    def change(data: dict) -> None:
        del data[table][key][field]

    return change


def _nested(table: str, key: str, path: tuple[str, ...], value: object) -> Callable[[dict], None]:
    def change(data: dict) -> None:
        target = data[table][key]
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = value

    return change


def _rekey(table: str, key: str, new: str) -> Callable[[dict], None]:
    def change(data: dict) -> None:
        data[table][new] = data[table].pop(key)

    return change


def _add(table: str, key: str, record: object) -> Callable[[dict], None]:
    def change(data: dict) -> None:
        data[table][key] = copy.deepcopy(record)

    return change


def _version(value: object) -> Callable[[dict], None]:
    return _set("meta", "1", "schema_version", value)


def _rekey_checklist(new: str) -> Callable[[dict], None]:
    def change(data: dict) -> None:
        checklists = data["progress"]["2"]["checklists"]
        checklists[new] = checklists.pop("bank/cancel")

    return change


MARK = ("checklists", "bank/cancel")  # where card c2's marks are
CARD = frozenset({("cards", "2")})
PROGRESS = frozenset({("progress", "2")})
LOG = frozenset({("log", "2")})

CASES = [
    # a card: missing fields
    Case("card-missing-label", _drop("cards", "2", "label"), CARD),
    Case("card-missing-id", _drop("cards", "2", "id"), CARD),
    Case("card-missing-kind", _drop("cards", "2", "kind"), CARD),
    Case("card-missing-intent", _drop("cards", "2", "intent"), CARD),
    Case("card-missing-created", _drop("cards", "2", "created"), CARD),
    # a card: wrong types
    Case("card-label-number", _set("cards", "2", "label", 42), CARD),
    Case("card-label-empty", _set("cards", "2", "label", ""), CARD),
    Case("card-id-number", _set("cards", "2", "id", 2), CARD),
    Case("card-kind-list", _set("cards", "2", "kind", ["bank"]), CARD),
    Case("card-notes-list", _set("cards", "2", "notes", ["a", "b"]), CARD),
    Case("card-issuer-null", _set("cards", "2", "issuer", None), CARD),
    Case("card-abandoned-string", _set("cards", "2", "abandoned", "false"), CARD),
    Case("card-updated-null", _set("cards", "2", "updated", None), CARD),
    # a card: values this version does not know
    Case("card-kind-unknown", _set("cards", "2", "kind", "wallet"), CARD),
    Case("card-intent-unknown", _set("cards", "2", "intent", "shred"), CARD),
    Case("card-network-unknown", _set("cards", "2", "network", "Visa Electron"), CARD),
    Case("card-network-null", _set("cards", "2", "network", None), CARD),
    Case("card-network-list", _set("cards", "2", "network", ["visa"]), CARD),
    Case(
        "identifier-in-unknown",
        _nested("cards", "2", ("identifiers", "number", "in"), "cloud"),
        CARD,
    ),
    # a card: dates and times
    Case("follow-up-words", _set("cards", "2", "follow_up", "next tuesday"), CARD),
    Case("follow-up-no-such-day", _set("cards", "2", "follow_up", "2026-02-30"), CARD),
    Case("follow-up-number", _set("cards", "2", "follow_up", 20261201), CARD),
    Case("created-words", _set("cards", "2", "created", "yesterday"), CARD),
    Case("created-without-zone", _set("cards", "2", "created", "2026-01-01T09:00:00"), CARD),
    # a card: nested structures
    Case("money-words", _set("cards", "2", "money", "lots"), CARD),
    Case("money-balance-words", _nested("cards", "2", ("money", "balance"), "lots"), CARD),
    Case("money-refunded-nan", _nested("cards", "2", ("money", "refunded"), "NaN"), CARD),
    Case("money-deposit-number", _nested("cards", "2", ("money", "deposit"), -5), CARD),
    Case("identifiers-string", _set("cards", "2", "identifiers", "1234"), CARD),
    Case("identifier-string", _nested("cards", "2", ("identifiers", "number"), "1234"), CARD),
    Case(
        "identifier-last4-number",
        _nested("cards", "2", ("identifiers", "number", "last4"), 1234),
        CARD,
    ),
    Case("card-not-an-object", _add("cards", "2", "just a string"), CARD),
    Case("card-is-a-list", _add("cards", "2", [1, 2, 3]), CARD),
    # a card: where it sits and whose id it has
    Case("card-duplicate-id", _set("cards", "2", "id", "c1"), CARD),
    Case("card-record-number-words", _rekey("cards", "2", "abc"), frozenset({("cards", "abc")})),
    Case(
        "card-record-number-zero-padded", _rekey("cards", "2", "02"), frozenset({("cards", "02")})
    ),
    # progress
    Case("checklists-words", _set("progress", "2", "checklists", "abc"), PROGRESS),
    Case("checklist-words", _nested("progress", "2", ("checklists", "bank/cancel"), "x"), PROGRESS),
    Case("checklist-key-words", _rekey_checklist("bank cancel"), PROGRESS),
    Case("steps-of-version-3", _set("progress", "2", "steps", {}), PROGRESS),
    Case("step-mark-string", _nested("progress", "2", (*MARK, "confirm-type"), "done"), PROGRESS),
    Case(
        "step-at-words", _nested("progress", "2", (*MARK, "confirm-type", "at"), "soon"), PROGRESS
    ),
    Case(
        "step-title-string",
        _nested("progress", "2", (*MARK, "confirm-type", "title"), "Confirm"),
        PROGRESS,
    ),
    Case(
        "step-evidence-list",
        _nested("progress", "2", (*MARK, "confirm-type", "evidence"), ["x"]),
        PROGRESS,
    ),
    Case("progress-missing-card-id", _drop("progress", "2", "card_id"), PROGRESS),
    Case("progress-duplicate", _set("progress", "2", "card_id", "c1"), PROGRESS),
    # log
    Case("log-at-words", _set("log", "2", "at", "never"), LOG),
    Case("log-missing-event", _drop("log", "2", "event"), LOG),
    Case("log-params-string", _set("log", "2", "params", "x"), LOG),
    Case("log-label-number", _set("log", "2", "card_label", 5), LOG),
    # meta: a second record that is not one
    Case("meta-extra-junk", _add("meta", "2", {"junk": 1}), frozenset({("meta", "2")})),
    # the file as a whole: a schema version that cannot be trusted, or a newer one
    Case("schema-version-zero", _version(0), frozenset(), "schema_version is 0"),
    Case("schema-version-string", _version("2"), frozenset(), 'schema_version is "2"'),
    Case("schema-version-true", _version(True), frozenset(), "schema_version is true"),
    Case("schema-version-fraction", _version(2.5), frozenset(), "schema_version is 2.5"),
    Case("schema-version-negative", _version(-1), frozenset(), "schema_version is -1"),
    Case("schema-version-null", _version(None), frozenset(), "schema_version is null"),
    Case(
        "schema-version-future", _version(SCHEMA_VERSION + 1), frozenset(), "Upgrade cardoff-tui"
    ),
    Case("schema-version-far-future", _version(99), frozenset(), "Upgrade cardoff-tui"),
]

RECORD_CASES = [case for case in CASES if case.damaged]
FILE_CASES = [case for case in CASES if not case.damaged]


def write(folder: Path, data: dict) -> Path:
    """The data file, pretty-printed (as a hand edit leaves it)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "cardoff.json"
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
    return path


def record_text(data: dict, table: str, key: str) -> str:
    """A record's text as `write` puts it in the file (json.dumps nests by indenting
    every line of a record two levels in)."""
    return json.dumps(data[table][key], indent=2, ensure_ascii=False).replace("\n", "\n    ")
