"""The files under the store: a JSON base and its journal for TinyDB, with backups.

- A save appends what changed (the records it touched, whole) to the journal beside
  the data file and fsyncs it (journal.py): a save writes bytes in proportion to the
  change, not to the file. The append is the moment the change is saved; a line cut
  short by a crash is left out when the files are read, so after a crash at any
  instant the data is the old state or the new one, never a torn one.
- When the journal outgrows a quarter of the base (and 256 KiB), after a change
  TinyDB was not told of record by record (an upgrade, a dropped table), and when a
  session that saved closes, the whole state is written to the base as before (a
  temp file in the same folder, fsynced, os.replace, the folder fsynced) and the
  journal is emptied; a crash in between leaves a journal whose changes the new base
  already holds, which is then left out.
- Files are made 0600 and folders 0700, whatever the umask (tui/base/private_files.py).
- No handle stays open: each read and write opens the files by path, so a file
  replaced by another process is never read through a stale inode.
- Reads are cached and reused while both files' inode, size and mtime are unchanged,
  so drawing the panes does not re-parse them.
- Inside a unit of work (Store.transaction) the cached data is changed in place and
  written once at the end: one toggle is one write, however many tables it touches.
- A damaged record (one that does not fit tui/records/record_schema.py) is set aside when the
  file is read: TinyDB never sees it, and every write of the base puts it back in its
  table with the text it had in the base or the journal line that holds it, byte for
  byte (json_spans.py); the journal never holds it again.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import orjson
from tinydb.storages import Storage

from tui.base import tokens as _random
from tui.base.private_files import private_dir, write_atomically
from tui.records.damaged_records import DamagedRecord, find_damaged
from tui.storage.backups import (
    BACKUP_DIR,
    DEFAULT_KEEP,
    STALE_BACKUP_TEMP,
    Backup,
    backup_dir,
    list_backups,
    remove_stray_temps,
    restore_backup,
    set_aside,
    stray_temps,
    take_backup,
    whole_bytes,
)
from tui.storage.journal import (
    Replay,
    State,
    StateStamp,
    decode,
    encode_change,
    fingerprint,
    header,
    journal_path,
    needs_compaction,
    read_state,
    stamp_of,
    state_stamp,
    texts_in_journal,
)
from tui.storage.journal import frame as journal_line
from tui.storage.journal_files import append_at, retire_journal

Stamp = tuple[int, int, int]
# what other modules import from here
__all__ = [
    "BACKUP_DIR",
    "DEFAULT_KEEP",
    "STALE_BACKUP_TEMP",
    "Backup",
    "Stamp",
    "backup_dir",
    "decode",
    "list_backups",
    "remove_stray_temps",
    "restore_backup",
    "set_aside",
    "stamp_of",
    "state_stamp",
    "stray_temps",
    "take_backup",
    "whole_bytes",
    "write_atomically",
]


def encode(data: dict) -> bytes:
    """Compact UTF-8 JSON (readable Chinese, no escapes)."""
    return orjson.dumps(data)




class AtomicJSONStorage(Storage):
    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._cache: dict | None = None
        self._stamp: StateStamp | None = None
        self._state: State | None = None  # where the cache was read from
        self._in_unit = False
        self._dirty = False
        # what the unit changed: records by table (RecordTable says), or anything else
        # (`_whole`: the base is written again)
        self._touched: dict[str, set[str]] = {}
        self._whole = False
        self._marking = 0
        self.saved = False  # a change of this session is in the journal
        # journals set aside by a save: (problem, where it is kept)
        self.kept_aside: list[tuple[str, Path]] = []
        # counts every change of the cached data (a read of the file, a write, a
        # rollback): what is derived from the data (Store's log index) is rebuilt
        # when it moves
        self.generation = 0
        # counts only the times the data was replaced as a whole (a read, a rollback, a
        # change TinyDB made without saying which records): what is indexed by record
        # (record_index.py) is built again when it moves, and kept up to date otherwise
        self.loads = 0
        self.on_first_write = None  # called once, before the first write of a session
        # damaged records set aside: (table, key) -> what is wrong, the record as parsed,
        # and (once read from the file) its text there
        self._aside: dict[tuple[str, str], DamagedRecord] = {}
        self._aside_docs: dict[tuple[str, str], object] = {}
        self._aside_texts: dict[tuple[str, str], bytes] | None = None
        # damaged records an upgrade changed (not yet written): their text is their
        # upgraded form, not the file's
        self._rewritten: frozenset[tuple[str, str]] = frozenset()

    # the cache
    def _load(self) -> None:
        data, state = read_state(self.path)
        self._take(data if data is not None else {}, state)

    def _take(self, data: dict, state: State | None) -> None:
        """Cache `data` (read with `state`), its damaged records set aside."""
        self._aside, self._aside_docs, self._aside_texts = {}, {}, None
        self._rewritten = frozenset()
        for record in find_damaged(data):
            where = (record.table, record.key)
            self._aside[where] = record
            self._aside_docs[where] = data[record.table].pop(record.key)
        self._cache, self._state = data, state
        self._stamp = state.stamp if state is not None else None
        self._touched, self._whole = {}, False
        self.generation += 1
        self.loads += 1

    def fresh(self) -> bool:
        """Whether the cached data is what the files hold now."""
        return self._cache is not None and state_stamp(self.path) == self._stamp

    def adopt(
        self,
        data: dict | None,
        state: State | None,
        rewritten: frozenset[tuple[str, str]] = frozenset(),
    ) -> None:
        """Use data the caller has just read and checked with read_state (saves parsing
        it twice); its damaged records are set aside (the dict is changed in place).
        `rewritten`: (table, record number) of records an upgrade changed: set aside,
        they are kept (and shown) as upgraded rather than as the file has them."""
        self._take(data if data is not None else {}, state)
        self._rewritten = rewritten

    def forget(self) -> None:
        self._cache, self._stamp, self._state = None, None, None
        self._touched, self._whole = {}, False
        self.generation += 1
        self.loads += 1

    def journal(self) -> Replay:
        """The journal as the cached data was read with it (empty when not read)."""
        return self._state.replay if self._state is not None else Replay()

    def save_now(self) -> None:
        """Write the cached data into the base now (an upgrade on open, a repair, a
        compaction). OSError as for _commit."""
        self._whole = True
        self._commit()

    def rewrite_base(self) -> None:
        """Inside a unit: have its commit write the whole state into the base."""
        self._whole = self._dirty = True

    # damaged records
    def damaged(self, texts: bool = True) -> list[DamagedRecord]:
        """The records set aside when the file was last read, in file order, each with
        its text as the file holds it (as far as it can be read; "" unless `texts`)."""
        if not texts:
            return list(self._aside.values())
        texts = self._texts()
        return [
            replace(record, text=texts.get(where, b"").decode("utf-8", "replace"))
            for where, record in self._aside.items()
        ]

    def reserved_ids(self, table: str) -> list[int]:
        """Record numbers in `table` held by damaged records (not to be given again)."""
        return [int(k) for t, k in self._aside if t == table and k.isascii() and k.isdigit()]

    def _texts(self) -> dict[tuple[str, str], bytes]:
        """The damaged records' text in the base, or in the last journal line holding
        them, read the first time (the files are still the ones they were parsed from:
        the stamps say so); a record whose text cannot be found is encoded again."""
        if self._aside_texts is None:
            found: dict[tuple[str, str], bytes] = {}
            if self._aside and self._stamp is not None:
                from tui.storage.json_spans import record_texts  # only when a record is damaged

                try:
                    base = self.path.read_bytes()
                    try:
                        journal = journal_path(self.path).read_bytes()
                    except FileNotFoundError:
                        journal = b""
                    if state_stamp(self.path) == self._stamp:
                        found = record_texts(base, self._aside)
                        found.update(texts_in_journal(journal, fingerprint(base), self._aside))
                except (OSError, ValueError):
                    found = {}  # encoded again below: the value is kept, if not its spacing
            for where, doc in self._aside_docs.items():
                if where in self._rewritten:
                    found[where] = orjson.dumps(doc, option=orjson.OPT_INDENT_2)
                found.setdefault(where, orjson.dumps(doc))
            self._aside_texts = found
        return self._aside_texts

    def _encoded(self) -> bytes:
        """The cache as the file's bytes, each damaged record back in its table as it was."""
        data = self._cache or {}
        if not self._aside:
            return encode(data)
        texts = self._texts()
        token = _random.token_hex(8)
        merged = dict(data)
        marks = {}
        for number, ((table, key), text) in enumerate(texts.items()):
            mark = f"\x00aside-{token}-{number}"
            table_data = merged.get(table)
            merged[table] = dict(table_data) if isinstance(table_data, dict) else {}
            merged[table][key] = mark
            marks[orjson.dumps(mark)] = text
        out = encode(merged)
        for mark, text in marks.items():
            out = out.replace(mark, text, 1)
        return out

    # TinyDB's interface
    def read(self) -> dict | None:
        if not self._in_unit and not self.fresh():
            self._load()
        return self._cache

    def write(self, data: dict) -> None:
        self._cache = data
        self.generation += 1
        if not self._marking:  # not a RecordTable change: which records changed is unknown
            self._whole = True
            self.loads += 1
        if self._in_unit:
            self._dirty = True
        else:
            self._commit()

    def touch(self, table: str, keys) -> None:
        """Record that the records `keys` (record numbers) of `table` were changed."""
        self._touched.setdefault(table, set()).update(str(key) for key in keys)

    def close(self) -> None:
        self._cache = None

    # the unit of work
    def begin(self) -> None:
        if not self.fresh():
            self._load()
        self._in_unit, self._dirty = True, False

    def end(self, commit: bool) -> None:
        self._in_unit = False
        try:
            if commit and self._dirty:
                self._commit()
            elif not commit:
                self.forget()  # changes were made in place: read the file again
        finally:
            self._dirty = False

    def _commit(self) -> None:
        """Save the cached data: its changed records appended to the journal, or the
        whole state written into the base. If that fails (OSError: a full or read-only
        disk…) the files hold what they held, and so will the next read: the cache,
        changed in place, is dropped. A backup the first write should have taken is
        tried again next time."""
        try:
            if not self._whole and not self._touched:
                return  # nothing changed (a removal that found nothing)
            if self.on_first_write is not None:
                self.on_first_write()
                self.on_first_write = None
            private_dir(self.path.parent)
            replay = self.journal()
            if self._whole or self._state is None or self._state.base_size == 0:
                self._write_base()
            elif replay.problem == "damaged":
                self._write_base()  # the journal cannot go on: the base takes it all
            else:
                self._append(replay)
        except BaseException:
            self.forget()
            raise
        finally:
            self._touched, self._whole = {}, False

    def _append(self, replay: Replay) -> None:
        """Append the touched records to the journal (the change is saved once this
        returns); a journal of another base is kept aside first, one that is empty,
        stale or not even a header is begun again, a cut-off last line is cut off."""
        journal = journal_path(self.path)
        if replay.problem == "other_base":
            self.kept_aside.append((replay.problem, retire_journal(self.path, replay.problem)))
            replay = Replay()
        line = journal_line(encode_change(self._cache or {}, self._touched))
        if replay.end == 0:
            start, line = 0, header(self._state.base_fingerprint) + line
        else:
            start = replay.end
        append_at(journal, start, line)
        self.saved = True
        end = start + len(line)
        self._state.replay = Replay(end=end, size=end)
        self._stamp = self._state.stamp = state_stamp(self.path)
        if needs_compaction(end, self._state.base_size):
            try:
                self._write_base()
            except OSError:
                # the change is saved (in the journal); the base is written another
                # time. The files are read again: they are what was read, or a new base
                # with a journal it holds (left out when read)
                self.forget()

    def _write_base(self) -> None:
        """Write the whole state into the base, then empty the journal (a damaged one,
        or one of another base, is kept aside)."""
        encoded = self._encoded()
        write_atomically(self.path, encoded)  # the change is saved once this returns
        problem = self.journal().problem
        try:
            kept = retire_journal(self.path, problem)
        except OSError:
            # the journal stays beside a base that does not match it: read again, it
            # is left out (and kept aside if it holds what the base does not)
            self.forget()
            return
        if kept is not None:
            self.kept_aside.append((problem, kept))
        replay = Replay()
        self._state = State(state_stamp(self.path), fingerprint(encoded), len(encoded), replay)
        self._stamp = self._state.stamp
