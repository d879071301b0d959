"""Where records sit in a JSON file's text, so a record can be written back as it was.

The data file is an object of tables, each an object of records. `record_texts` finds
the text of chosen records exactly as the file holds it (spacing, escapes, key order),
which a parse and a new encoding would not keep. It walks only the two outer levels;
each value is read by the json module's scanner. No Textual, no Rich.
"""

from __future__ import annotations

import json
from collections.abc import Collection

_DECODER = json.JSONDecoder()
_SPACE = " \t\n\r"


def _skip(text: str, at: int) -> int:
    while at < len(text) and text[at] in _SPACE:
        at += 1
    return at


def _expect(text: str, at: int, char: str) -> int:
    at = _skip(text, at)
    if at >= len(text) or text[at] != char:
        raise ValueError(f"expected {char!r} at {at}")
    return at + 1


def _members(text: str, at: int):
    """(key, value start, value end) of each member of the object starting at `at`, then
    the end of the object (as the last item, with key None)."""
    at = _expect(text, at, "{")
    at = _skip(text, at)
    if text[at : at + 1] == "}":
        yield None, at + 1, at + 1
        return
    while True:
        key, at = _DECODER.raw_decode(text, _skip(text, at))
        if not isinstance(key, str):
            raise ValueError("a key that is not a string")
        at = _skip(text, _expect(text, at, ":"))
        start = at
        _value, at = _DECODER.raw_decode(text, start)
        yield key, start, at
        at = _skip(text, at)
        if text[at : at + 1] == ",":
            at += 1
            continue
        at = _expect(text, at, "}")
        yield None, at, at
        return


def record_texts(data: bytes, wanted: Collection[tuple[str, str]]) -> dict[tuple[str, str], bytes]:
    """The bytes of each (table, key) record of `wanted` as `data` (a UTF-8 JSON file)
    holds it; a record not found is left out (a key given twice: its last text, which is
    what a parser keeps). ValueError (or UnicodeDecodeError) when `data` is not such a
    file."""
    text = data.decode("utf-8")
    tables = {table for table, _key in wanted}
    found: dict[tuple[str, str], bytes] = {}
    for table, start, _end in _members(text, 0):
        if table is None or table not in tables:
            continue
        for key, value_start, value_end in _members(text, start):
            if key is not None and (table, key) in wanted:
                found[(table, key)] = text[value_start:value_end].encode("utf-8")
    return found
