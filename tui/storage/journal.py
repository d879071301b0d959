"""The data file's journal: each saved change appended, so a save writes what changed.

The data file (`cardoff.json`) is the *base*: a whole TinyDB JSON file, replaced
atomically when it is written (storage.py). Beside it, `cardoff.json.journal` holds
the changes saved since the base was written, one line each:

    <crc32 of the JSON, 8 hex digits> <JSON>\\n

The first line's JSON is the header, `{"journal": 1, "base": "<crc32>-<length>"}`: the
base this journal continues (its bytes' CRC-32 and length). Each later line is one
saved change, `{table: {record number: the record, or null when it was removed}}`;
records are whole, so applying a change twice gives the same data. The whole state is
the base with every change applied in order (`read_state`).

What a reader does with a journal that is not whole:
- a last line that is cut short or fails its checksum is a change whose save never
  finished (the writer was killed while appending; it never said "saved"): it is left
  out (`Replay.problem == "torn"`), and the next save cuts it off the file;
- a line that fails its checksum, or is not a change, with more after it is damage
  (`"damaged"`): the changes before it are used, the rest are not; the next save
  writes the whole state into the base and keeps the journal as
  `cardoff.json.journal.damaged-<time>`;
- a header naming another base (the base was replaced and the journal not yet
  emptied: a crash at that moment, a restore, an edit by hand) is not applied. If its
  changes are all in the base already it is dropped at the next save (`"stale"`);
  otherwise (`"other_base"`) it is kept as `cardoff.json.journal.unused-<time>`.

No Textual, no Rich.
"""

from __future__ import annotations

import os
import time
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import orjson

JOURNAL_SUFFIX = ".journal"
VERSION = 1
# the base is written again (and the journal emptied) when the journal is larger than
# COMPACT_FRACTION of the base, and at least COMPACT_MIN bytes
COMPACT_FRACTION = 0.25
COMPACT_MIN = 256 * 1024

Stamp = tuple[int, int, int]
StateStamp = tuple[Stamp | None, Stamp | None]


def stamp_of(path: Path) -> Stamp | None:
    """(inode, mtime_ns, size): changes whenever the file is replaced or written."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_mtime_ns, st.st_size)


def decode(raw: bytes) -> object:
    """The parsed JSON of a base (orjson.JSONDecodeError when it is not JSON)."""
    return orjson.loads(raw)


def journal_path(path: Path) -> Path:
    """The journal of the data file `path` (`cardoff.json` -> `cardoff.json.journal`)."""
    return path.with_name(path.name + JOURNAL_SUFFIX)


def state_stamp(path: Path) -> StateStamp:
    """The stamps of the data file and its journal: changes whenever either does."""
    return stamp_of(path), stamp_of(journal_path(path))


def fingerprint(base: bytes) -> str:
    """What a journal's header says of its base: `<crc32, 8 hex>-<length in bytes>`."""
    return f"{zlib.crc32(base):08x}-{len(base)}"


def frame(payload: bytes) -> bytes:
    """One journal line: the checksum, a space, `payload` (JSON without a newline)."""
    return b"%08x " % zlib.crc32(payload) + payload + b"\n"


def header(base_fingerprint: str) -> bytes:
    return frame(orjson.dumps({"journal": VERSION, "base": base_fingerprint}))


@dataclass
class Replay:
    """What a journal holds, as read against a base.

    `changes`: the changes to apply, in order, each as parsed and as its JSON bytes;
    `end`: the byte offset where the usable lines end (0: not even a header);
    `size`: the journal's size in bytes (0 when there is none); `problem`: None,
    "torn", "damaged", "stale" or "other_base" (see the module's docstring);
    `left_out`: how many lines after the usable ones were not applied."""

    changes: list[tuple[dict, bytes]] = field(default_factory=list)
    end: int = 0
    size: int = 0
    problem: str | None = None
    left_out: int = 0


def _unframe(line: bytes) -> bytes | None:
    """The JSON of a whole line (without its newline), or None if its checksum fails."""
    if len(line) < 10 or line[8:9] != b" ":
        return None
    payload = line[9:]
    try:
        expected = int(line[:8], 16)
    except ValueError:
        return None
    return payload if zlib.crc32(payload) == expected else None


def _change(payload: bytes) -> dict | None:
    """A change as parsed, or None when the JSON is not `{table: {key: record|null}}`."""
    try:
        change = orjson.loads(payload)
    except orjson.JSONDecodeError:
        return None
    if not isinstance(change, dict) or not all(isinstance(t, dict) for t in change.values()):
        return None
    return change


def read_journal(raw: bytes, base_fingerprint: str) -> Replay:
    """Read the journal's bytes `raw` against a base whose fingerprint is given (see
    the module's docstring for what is left out, and why)."""
    replay = Replay(size=len(raw))
    if not raw:
        return replay
    lines = raw.split(b"\n")  # a whole file ends with b"\n": the last item is b""
    whole, tail = lines[:-1], lines[-1]
    at = 0
    for number, line in enumerate(whole):
        payload = _unframe(line)
        parsed = (_change(payload) if number else _header(payload)) if payload else None
        if parsed is None:
            last = number == len(whole) - 1 and not tail
            replay.problem = "torn" if last else "damaged"
            replay.left_out = len(whole) - number + (1 if tail else 0)
            break
        if number == 0 and parsed.get("base") != base_fingerprint:
            replay.problem = "other_base"
            replay.changes = [(c, p) for c, p in _changes(whole[1:])]
            replay.end = 0
            return replay
        if number:
            replay.changes.append((parsed, payload))
        at += len(line) + 1
    else:
        if tail:
            replay.problem, replay.left_out = "torn", 1
    replay.end = at
    return replay


def _header(payload: bytes) -> dict | None:
    try:
        head = orjson.loads(payload)
    except orjson.JSONDecodeError:
        return None
    if not isinstance(head, dict) or head.get("journal") != VERSION:
        return None
    return head


def _changes(lines: list[bytes]):
    """The whole changes of a journal's lines (after its header), up to the first that
    is not."""
    for line in lines:
        payload = _unframe(line)
        change = _change(payload) if payload else None
        if change is None:
            return
        yield change, payload


def apply(data: dict, change: dict) -> None:
    """Put each record of `change` into `data` (a parsed data file), or remove it
    where the change holds null."""
    for table, records in change.items():
        target = data.setdefault(table, {})
        if not isinstance(target, dict):
            target = data[table] = {}
        for key, doc in records.items():
            if doc is None:
                target.pop(key, None)
            else:
                target[key] = doc


def settle(data: dict, replay: Replay) -> None:
    """Apply the usable changes of `replay` to `data` in place; for a journal of another
    base, decide whether its changes are already there ("stale") or not."""
    if replay.problem == "other_base":
        final: dict[tuple[str, str], object] = {}
        for change, _payload in replay.changes:
            for table, records in change.items():
                for key, doc in records.items():
                    final[(table, key)] = doc
        if all((data.get(t) or {}).get(k) == doc for (t, k), doc in final.items()):
            replay.problem = "stale"
        replay.left_out, replay.changes = len(replay.changes), []
        return
    for change, _payload in replay.changes:
        apply(data, change)


def encode_change(data: dict, touched: dict[str, set[str]]) -> bytes:
    """The JSON of one change: each touched record of `data` as it is now (null when it
    is gone)."""
    change = {
        table: {key: (data.get(table) or {}).get(key) for key in sorted(keys, key=_number)}
        for table, keys in touched.items()
        if keys
    }
    return orjson.dumps(change)


def _number(key: str) -> tuple[int, str]:
    return (int(key), key) if key.isdigit() else (-1, key)


def needs_compaction(journal_size: int, base_size: int) -> bool:
    return journal_size > max(COMPACT_MIN, int(base_size * COMPACT_FRACTION))


@dataclass
class State:
    """Where the data read by `read_state` came from: the two files' stamps before the
    read, the base's fingerprint and size, and the journal as read."""

    stamp: StateStamp
    base_fingerprint: str
    base_size: int
    replay: Replay


# a writer replaced a file while it was read: read both again, at once the first few
# times, then after a short pause (a save takes milliseconds): at most ~2 s in all
READ_TRIES = 200


def read_state(path: Path) -> tuple[object | None, State]:
    """The whole state of the data file `path`: its base parsed, with the journal's
    usable changes applied (when the base is a JSON object of objects), and where it
    came from. None when there is no base, or it is empty. Raises OSError when a file
    cannot be read and orjson.JSONDecodeError when the base is not JSON.

    Lock-free: a file replaced or cut while it was read (another process's save) is
    read again, so the result is a state some save left, never a mix of two."""
    for attempt in range(READ_TRIES):
        stamp = state_stamp(path)
        data, state = _read_once(path, stamp)
        if state_stamp(path) == stamp:
            break
        if attempt >= 3:
            time.sleep(0.01)
    return data, state


def _read_once(path: Path, stamp: StateStamp) -> tuple[object | None, State]:
    try:
        base = path.read_bytes()
    except FileNotFoundError:
        base = b""
    try:
        raw = journal_path(path).read_bytes()
    except FileNotFoundError:
        raw = b""
    replay = read_journal(raw, fingerprint(base))
    state = State(stamp, fingerprint(base), len(base), replay)
    if not base.strip():
        settle({}, replay)
        return None, state
    data = decode(base)
    if isinstance(data, dict) and all(isinstance(table, dict) for table in data.values()):
        settle(data, replay)
    return data, state


def texts_in_journal(raw: bytes, base_fingerprint: str, wanted) -> dict[tuple[str, str], bytes]:
    """The text of each (table, key) of `wanted` as the last usable change of the
    journal `raw` that holds it has it (see json_spans.record_texts)."""
    from tui.storage.json_spans import record_texts

    found: dict[tuple[str, str], bytes] = {}
    replay = read_journal(raw, base_fingerprint)
    if replay.problem in ("stale", "other_base"):
        return found
    for _change, payload in replay.changes:
        found.update(record_texts(payload, wanted))
    return found


# problems that leave changes unapplied: the journal is kept aside, never removed
UNUSABLE = ("damaged", "other_base")


@dataclass(frozen=True)
class JournalNotice:
    """What to tell the user of a journal whose changes were not all applied when the
    data file was opened: `problem` ("damaged" or "other_base"), `applied` (changes
    used), `left_out` (lines not used), `kept` (where the journal is kept now, None
    when it could not be moved yet and stays where it is)."""

    problem: str
    applied: int
    left_out: int
    kept: Path | None
