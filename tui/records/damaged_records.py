"""The records of a data file that the app cannot use (damaged): which they are and
why, in words naming the field. A record is damaged when it does not fit its table's
schema (record_schema.py), when its record number is not 1, 2, 3…, or when it repeats
the id of a card (or of a card's progress record) met earlier in the file.

No Textual, no Rich, no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from tui.records.record_schema import TABLES, _shown, record_problem


@dataclass(frozen=True)
class DamagedRecord:
    """A record set aside: `table` and `key` (its record number in the file) locate it;
    `record_id` is the card id it names (a card's `id`, or a progress or log record's
    `card_id`), "" when it names none; `label` the card's label when readable; `problem`
    says what is wrong, in words naming the field; `text` is its JSON as it is in the
    file (filled in by the store when it can read it)."""

    table: str
    key: str
    record_id: str
    label: str
    problem: str
    text: str = ""

    def worded(self, t: Callable[..., str]) -> str:
        """One line in the language of `t` (a Catalog): 'cards record 3 · card c12ab ·
        Old eSIM: money must be an object'."""
        where = t("data.damaged_record", table=self.table, number=self.key)
        if self.record_id:
            where += " · " + t("data.damaged_card", id=self.record_id)
        if self.label:
            where += f" · {self.label}"
        return t("data.damaged_line", where=where, problem=problem_words(self.problem, t))


# the problems find_damaged states (record_schema's words for the schema's checks, and
# its own), each read back into a catalog key (data.problem.*) and its values
_TYPES = ("string or null", "string", "object", "array", "boolean", "integer")
_PROBLEMS = [
    (re.compile(r"(?P<field>.+) must be (?P<type>" + "|".join(_TYPES) + r")"), "type"),
    (re.compile(r"(?P<field>.+) must be bigger than or equal to (?P<n>-?\d+)"), "at_least"),
    (re.compile(r"(?P<field>.+) must be empty or a date \(YYYY-MM-DD\)"), "date"),
    (re.compile(r"(?P<field>.+) must be empty or an amount \(e\.g\. 12\.50\)"), "amount"),
    (re.compile(r"(?P<field>.+) must be longer than or equal to (?P<count>\d+) characters"),
     "longer"),
    (re.compile(r"(?P<field>.+) must be shorter than or equal to (?P<count>\d+) characters"),
     "shorter"),
    (re.compile(r"(?P<field>.+) must be one of (?P<values>\[.*\])"), "one_of"),
    (re.compile(r"(?P<field>.+) must be time with a zone \(ISO 8601, e\.g\. [^)]*\)"), "time"),
    (re.compile(r"(?P<field>.+) must match pattern (?P<pattern>.+)"), "pattern"),
    (re.compile(r"(?P<field>.+) must not be there"), "not_there"),
    (re.compile(r"(?P<field>.+) must be named by propertyName definition"), "key_name"),
    (re.compile(r"(?:(?P<field>.+): )?missing: (?P<names>.+)"), "missing"),
    (re.compile(r"its record number (?P<number>.+) is not a whole number from 1"), "number"),
    (re.compile(r"another card has the id (?P<id>.+); the first is kept"), "same_card"),
    (re.compile(r"another progress record has the id (?P<id>.+); the first is kept"),
     "same_progress"),
]


def problem_words(problem: str, t: Callable[..., str]) -> str:
    """`problem` (a DamagedRecord's, in find_damaged's words) in the language of `t`:
    the field's name as the file has it, the rest from the catalog (data.problem.*);
    a problem of no known form as it is."""
    for pattern, key in _PROBLEMS:
        found = pattern.fullmatch(problem)
        if found is None:
            continue
        values = {k: v for k, v in found.groupdict().items() if v is not None}
        field = values.pop("field", None)
        if field is not None:
            values["field"] = t("data.problem.the_record") if field == "the record" else field
        if "count" in values:  # the plural form goes by the number
            values["count"] = int(values["count"])
        if key == "type":
            values["type"] = t(f"data.problem.type_{values['type'].replace(' ', '_')}")
        if key == "missing" and field is None:  # the record itself lacks them
            values["field"] = t("data.problem.the_record")
        return t(f"data.problem.{key}", **values)
    return problem


def _named(table: str, doc: object) -> tuple[str, str]:
    if not isinstance(doc, Mapping):
        return "", ""
    field = "id" if table == "cards" else "card_id"
    record_id = doc.get(field)
    label = doc.get("label") if table == "cards" else doc.get("card_label")
    return (
        record_id if isinstance(record_id, str) else "",
        label[:60] if isinstance(label, str) else "",
    )


def _canonical_key(key: str) -> bool:
    """A record number as the store writes it: 1, 2, 3… (TinyDB reads '01' and ' 1' as
    1 and would write them back as '1', so two records could become one)."""
    return key.isascii() and key.isdigit() and not key.startswith("0")


def find_damaged(raw: Mapping, tables: Iterable[str] = TABLES) -> list[DamagedRecord]:
    """Every record of `raw` (a parsed data file of the current version, its tables
    objects) that the app cannot use, in file order: a record that does not fit its
    table's schema, one whose record number is not 1, 2, 3…, a second card with an id
    already taken, and a second progress record for the same card. The first good record
    of an id is kept; the others are set aside."""
    found = []
    for table in tables:
        records = raw.get(table)
        if not isinstance(records, Mapping):
            continue
        seen: set[str] = set()
        for key, doc in records.items():
            problem = None
            if not _canonical_key(key):
                problem = f"its record number {_shown(key)} is not a whole number from 1"
            else:
                problem = record_problem(table, doc)
            record_id, label = _named(table, doc)
            if problem is None and table in ("cards", "progress"):
                if record_id in seen:
                    what = "card" if table == "cards" else "progress record"
                    problem = f"another {what} has the id {record_id}; the first is kept"
                seen.add(record_id)
            if problem is not None:
                found.append(DamagedRecord(table, key, record_id, label, problem))
    return found
