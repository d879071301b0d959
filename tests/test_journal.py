"""The data file's journal, on real files: a save appends what changed; a journal cut
short, damaged or left from another version of the file is read as the README says;
backups, restore, doctor and other sessions see the whole state."""

from __future__ import annotations

import errno
import json
import os
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import orjson

import tui.storage.journal
import tui.storage.json_storage
from tests.conftest import run_cli
from tui.domain.tracker import Tracker
from tui.records.card_fields import CardFields
from tui.records.model import Card, LogEntry
from tui.storage.journal import frame, journal_path
from tui.storage.json_spans import record_texts
from tui.storage.json_storage import encode, list_backups, restore_backup, stray_temps
from tui.storage.store import DB_FILENAME, SCHEMA_VERSION, Store, read_checked

NOW = datetime(2026, 1, 1, tzinfo=UTC)


def card(number: int) -> Card:
    return Card.create(CardFields(f"n{number}", "bank", "cancel"), NOW, card_id=f"c{number}")


def saved(tmp_path: Path, count: int = 3) -> tuple[Path, Store]:
    """A data file whose base holds the schema version and whose journal holds `count`
    saved cards, n0, n1, ... (the store is left open: closing it writes the base)."""
    path = tmp_path / DB_FILENAME
    store = Store.open(path)
    for number in range(count):
        store.save_card(card(number))
    return path, store


def labels(data: dict | None) -> list[str]:
    return sorted(doc["label"] for doc in (data or {}).get("cards", {}).values())


def lines_of(path: Path) -> list[bytes]:
    return journal_path(path).read_bytes().split(b"\n")[:-1]


def put_lines(path: Path, lines: list[bytes], tail: bytes = b"") -> None:
    journal_path(path).write_bytes(b"".join(line + b"\n" for line in lines) + tail)


def flipped(line: bytes) -> bytes:
    """`line` (a saved card) with one byte of its JSON changed, still JSON: the card's
    label n… becomes o…, and the line's checksum no longer fits."""
    assert line.count(b'"label":"n') == 1
    return line.replace(b'"label":"n', b'"label":"o')


def proc_io() -> dict[str, int]:
    lines = Path("/proc/self/io").read_text().splitlines()
    return {key: int(value) for key, value in (line.split(": ") for line in lines)}


def thousand_cards(path: Path, content) -> list[tuple[str, str]]:
    """A base with 1,000 cards, three steps checked and four log entries each (about
    1.6 MB); returns (card, step) to toggle."""
    steps = [s.id for s in content.playbooks.get("bank-cancel").steps]
    meta = {"1": {"schema_version": SCHEMA_VERSION}}
    data = {"cards": {}, "progress": {}, "log": {}, "meta": meta}
    for i in range(1000):
        made = Card.create(
            CardFields(f"Card {i}", "bank", "cancel", "Some Bank", "CN"),
            NOW + timedelta(seconds=i),
            card_id=f"c{i:06d}",
        )
        data["cards"][str(i + 1)] = made.to_doc()
        marks = {s: {"at": NOW.isoformat(), "title": {"en": s}} for s in steps[:3]}
        data["progress"][str(i + 1)] = {"card_id": made.id, "checklists": {made.checklist: marks}}
        for n, step in enumerate(steps[:4]):
            entry = LogEntry(NOW, made.id, made.label, "step.checked", params={"step": step})
            data["log"][str(4 * i + n + 1)] = entry.to_doc()
    assert SCHEMA_VERSION == 5  # the cards above are written as this version has them
    path.write_bytes(encode(data))
    return [(f"c{i:06d}", steps[5]) for i in range(1000)]


def test_a_toggle_at_1000_cards_appends_a_few_kilobytes(tmp_path, content, clock):
    path = tmp_path / DB_FILENAME
    targets = thousand_cards(path, content)
    store = Store.open(path)
    tracker = Tracker(store, content.playbooks, clock)
    tracker.toggle_step(*targets[0])  # the session's first save also takes a backup
    base = os.stat(path)
    journal = journal_path(path).stat().st_size if journal_path(path).exists() else 0
    before = proc_io()
    tracker.toggle_step(*targets[500])
    after = proc_io()
    assert after["wchar"] - before["wchar"] < 4096  # bytes passed to write()
    now = os.stat(path)
    assert (now.st_ino, now.st_size, now.st_mtime_ns) == (
        base.st_ino,
        base.st_size,
        base.st_mtime_ns,
    )
    assert 0 < journal_path(path).stat().st_size - journal < 4096
    other = Store.open(path)  # another session sees the change
    assert targets[500][1] in other.progress(targets[500][0])
    assert other.log(targets[500][0])[0].params["step"] == targets[500][1]


def test_a_change_saved_elsewhere_is_seen_with_its_log(tmp_path):
    path, mine = saved(tmp_path, 1)
    other = Store.open(path)
    assert other.log("c0") == []
    mine.append_log(LogEntry(NOW, "c0", "n0", "test.update"))
    mine.save_card(card(1))
    assert other.changed_elsewhere() and not other.changed_elsewhere()
    assert [c.id for c in other.cards()] == ["c0", "c1"]
    assert [e.event for e in other.log("c0")] == ["test.update"]


def test_a_change_saved_elsewhere_is_seen_after_a_change_of_ours_on_top(tmp_path):
    """The other session saves, then this one saves before it looked: its own save
    moves the stamps, and the other's change must still be reported once."""
    path, mine = saved(tmp_path, 1)
    other = Store.open(path)
    mine.save_card(card(1))
    other.append_log(LogEntry(NOW, "c0", "n0", "test.update"))  # made on mine's data
    assert other.changed_elsewhere() and not other.changed_elsewhere()
    assert [c.id for c in other.cards()] == ["c0", "c1"]
    assert not other.changed_elsewhere()  # nothing new since its last look


def test_cut_short_or_unchecked_last_line_is_a_change_never_saved(tmp_path):
    for how in ("cut", "flipped"):
        path, _store = saved(tmp_path / how)
        lines = lines_of(path)
        if how == "cut":
            put_lines(path, lines[:-1], tail=lines[-1][: len(lines[-1]) // 2])
        else:
            put_lines(path, [*lines[:-1], flipped(lines[-1])])
        assert labels(read_checked(path)) == ["n0", "n1"]
        store = Store.open(path)
        assert store.journal_notice() is None  # nothing to tell: it was never saved
        store.save_card(card(7))
        assert labels(read_checked(path)) == ["n0", "n1", "n7"]
        assert lines_of(path)[:-1] == lines[:-1]  # the cut-off line was cut off, no more


def test_damage_in_the_middle_keeps_what_comes_before_and_the_journal(tmp_path):
    path, _store = saved(tmp_path)
    header, first, second, third = lines_of(path)
    put_lines(path, [header, first, flipped(second), third])
    damaged = journal_path(path).read_bytes()
    assert labels(read_checked(path)) == ["n0"]  # the changes before the damage
    store = Store.open(path)
    notice = store.journal_notice()
    assert (notice.problem, notice.applied, notice.left_out) == ("damaged", 1, 2)
    assert notice.kept.name.startswith(f"{DB_FILENAME}.journal.damaged-")
    assert notice.kept.read_bytes() == damaged  # kept byte for byte, never deleted
    assert stat.S_IMODE(notice.kept.stat().st_mode) == 0o600
    assert not journal_path(path).exists()  # the base holds what was kept
    assert labels(json.loads(path.read_bytes())) == ["n0"]
    store.save_card(card(5))  # saving goes on
    assert labels(Store.open(path).cards() and read_checked(path)) == ["n0", "n5"]


def test_the_user_is_told_what_was_kept_without_a_traceback(tmp_path):
    data = tmp_path / "data"
    path, _store = saved(data)
    header, first, second, third = lines_of(path)
    put_lines(path, [header, first, flipped(second), third])
    result = run_cli("due", data=data, config=tmp_path / "config")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    told = " ".join(result.stderr.split())
    assert "Some saved changes could not be read: the changes before a damaged line" in told
    assert "are shown (1 in all)" in told
    assert "the 2 lines from there on" in told
    assert f"{DB_FILENAME}.journal.damaged-" in told and "cardoff-tui restore" in told


def test_a_crash_between_writing_the_base_and_emptying_the_journal_is_harmless(tmp_path):
    path, store = saved(tmp_path)
    journal = journal_path(path).read_bytes()
    store.close()  # a session that saved writes the base and empties the journal
    assert not journal_path(path).exists()
    journal_path(path).write_bytes(journal)  # as if killed before the journal went
    assert labels(read_checked(path)) == ["n0", "n1", "n2"]
    reopened = Store.open(path)
    assert reopened.journal_notice() is None
    reopened.save_card(card(3))
    assert labels(read_checked(path)) == ["n0", "n1", "n2", "n3"]
    assert [p.name for p in tmp_path.iterdir() if ".journal." in p.name] == []


def test_a_growing_journal_is_written_into_the_base(tmp_path, monkeypatch):
    monkeypatch.setattr(tui.storage.journal, "COMPACT_MIN", 1500)
    monkeypatch.setattr(tui.storage.journal, "COMPACT_FRACTION", 0.0)
    path, store = saved(tmp_path, 12)
    journal = journal_path(path)
    assert (journal.stat().st_size if journal.exists() else 0) <= 1500 + 600  # emptied
    assert len(json.loads(path.read_bytes())["cards"]) >= 8
    assert labels(read_checked(path)) == sorted(f"n{i}" for i in range(12))
    assert labels({"cards": {c.id: c.to_doc() for c in Store.open(path).cards()}}) == sorted(
        f"n{i}" for i in range(12)
    )


def test_a_journal_of_an_edited_file_is_not_applied_and_is_kept(tmp_path):
    path, _store = saved(tmp_path)
    journal = journal_path(path).read_bytes()
    edited = json.loads(path.read_bytes())
    edited["cards"] = {"1": card(9).to_doc()}
    path.write_text(json.dumps(edited))  # edited by hand after a crash
    assert labels(read_checked(path)) == ["n9"]
    store = Store.open(path)
    notice = store.journal_notice()
    assert (notice.problem, notice.left_out) == ("other_base", 3)
    assert notice.kept.name.startswith(f"{DB_FILENAME}.journal.unused-")
    assert notice.kept.read_bytes() == journal
    assert [c.label for c in store.cards()] == ["n9"]


def test_backups_and_restore_hold_the_journals_changes(tmp_path):
    path, _store = saved(tmp_path)
    later = Store.open(path)
    later.save_card(card(3))  # a session's first save keeps a copy of the state before it
    backup = list_backups(path)[0]
    assert labels(json.loads(backup.path.read_bytes())) == ["n0", "n1", "n2"]
    assert journal_path(path).exists()
    kept = restore_backup(path, backup.path)
    assert labels(json.loads(kept.read_bytes())) == ["n0", "n1", "n2", "n3"]
    assert labels(read_checked(path)) == ["n0", "n1", "n2"]
    assert not journal_path(path).exists()
    assert [c.id for c in Store.open(path).cards()] == ["c0", "c1", "c2"]


def doctor(data: Path, tmp_path: Path):
    env = {k: v for k, v in os.environ.items() if k != "DBUS_SESSION_BUS_ADDRESS"}
    return run_cli("doctor", data=data, config=tmp_path / "config", env=env)


def test_doctor_reports_a_journal_as_the_app_reads_it_and_changes_nothing(tmp_path):
    data = tmp_path / "data"
    path, _store = saved(data)
    header, first, second, third = lines_of(path)
    put_lines(path, [header, first, second], tail=third[:10])
    result = doctor(data, tmp_path)
    line = " ".join(result.stdout.split())
    assert "2 changes saved in its journal" in line and "cut short by a crash" in line
    assert "FAIL database" not in result.stdout
    put_lines(path, [header, first, flipped(second), third])
    before = journal_path(path).read_bytes()
    result = doctor(data, tmp_path)
    line = " ".join(result.stdout.split())
    assert result.returncode == 1 and "FAIL database" in result.stdout
    assert "is damaged after change 1: the 2 lines from there cannot be read" in line
    assert journal_path(path).read_bytes() == before  # doctor writes nothing
    kept = Store.open(path).journal_notice().kept  # the app sets it aside
    line = " ".join(doctor(data, tmp_path).stdout.split())
    assert f"1 journal whose changes were left out is kept beside it ({kept.name})" in line


def test_a_damaged_record_in_the_journal_is_set_aside_and_kept_byte_for_byte(tmp_path):
    path, store = saved(tmp_path, 1)
    text = b'{"id": "c9",  "kind": "wallet", "intent":"cancel"}'  # no label; an unknown kind
    payload = b'{"cards":{"9":' + text + b"}}"
    assert orjson.loads(payload)  # a change whose checksum is right
    with journal_path(path).open("ab") as journal:
        journal.write(frame(payload))
    reopened = Store.open(path)
    [record] = reopened.damaged()
    assert (record.table, record.key, record.text) == ("cards", "9", text.decode())
    assert [c.id for c in reopened.cards()] == ["c0"]
    reopened.save_card(card(1))
    assert reopened.cards()[-1].id == "c1" and b'"9":' not in lines_of(path)[-1]
    reopened.close()  # the base is written: the record goes back as it was
    assert not journal_path(path).exists()
    assert record_texts(path.read_bytes(), {("cards", "9")}) == {("cards", "9"): text}
    del store


def test_the_journal_is_private_whatever_the_umask(tmp_path):
    old = os.umask(0)
    try:
        path, _store = saved(tmp_path, 1)
    finally:
        os.umask(old)
    assert stat.S_IMODE(journal_path(path).stat().st_mode) == 0o600
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_base_the_disk_refuses_after_a_change_is_appended_leaves_the_change_saved(
    tmp_path, monkeypatch
):
    path, store = saved(tmp_path, 1)
    monkeypatch.setattr(tui.storage.journal, "COMPACT_MIN", 0)  # every save then writes the base
    monkeypatch.setattr(tui.storage.journal, "COMPACT_FRACTION", 0.0)
    real = os.replace

    def full_for_the_base(src, dst, *args, **kwargs):
        if Path(dst) == path:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(dst))
        return real(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", full_for_the_base)
    store.save_card(card(1))  # saved: the base is written another time
    assert labels(read_checked(path)) == ["n0", "n1"]
    assert [c.id for c in store.cards()] == ["c0", "c1"]
    assert not stray_temps(path)
    monkeypatch.setattr(os, "replace", real)
    store.save_card(card(2))  # the base is written now, the journal emptied
    assert not journal_path(path).exists()
    assert labels(json.loads(path.read_bytes())) == ["n0", "n1", "n2"]


def test_a_file_that_is_not_a_data_file_is_backed_up_as_it_is_beside_a_journal(tmp_path):
    path, _store = saved(tmp_path)
    for text in (b"[1, 2, 3]", b"{oops"):
        path.write_bytes(text)  # damaged while a journal is beside it
        backup = tui.storage.json_storage.take_backup(path)
        assert backup.read_bytes() == text


def test_a_close_the_disk_refuses_leaves_the_journal_and_says_why(tmp_path, monkeypatch):
    """Quitting writes the base; when the disk refuses, nothing is lost: the journal
    stays beside the file, the store says why, and the next session reads both."""
    path, store = saved(tmp_path, 1)
    store.save_card(card(1))
    real = os.replace

    def full_for_the_base(src, dst, *args, **kwargs):
        if Path(dst) == path:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(dst))
        return real(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", full_for_the_base)
    store.close()
    monkeypatch.setattr(os, "replace", real)
    assert store.left_journal is not None and journal_path(path).exists()
    assert [c.id for c in Store.open(path).cards()] == ["c0", "c1"]
