"""Attached files at their edges: paths that are not one regular file with something
in it, folders that cannot take the export, and cards whose files are not in this data
dir (a JSON import or a backup from elsewhere), said before any key is asked for."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tui.base.errors import TrackerError, describe
from tui.base.i18n import Catalog
from tui.base.paths import Paths
from tui.cli.doctor import format_checks, run_doctor
from tui.domain.export import to_json
from tui.domain.importer import import_file
from tui.domain.tracker import Tracker
from tui.records.card_fields import CardFields
from tui.secrets.secrets_setup import SecretsSetup
from tui.secrets.vault import VAULT_FILENAME
from tui.storage.store import DB_FILENAME, Store

PASS = "correct horse battery"


def _refusal(call) -> TrackerError:
    with pytest.raises(TrackerError) as caught:
        call()
    return caught.value


@pytest.fixture
def en(content) -> Catalog:
    return Catalog(content.strings, "en")


@pytest.fixture
def keyed(data_dir, content, clock):
    """A tracker on disk whose data key is in an unlocked encrypted file, and a card."""
    tracker = Tracker(Store.open(data_dir / DB_FILENAME), content.playbooks, clock)
    setup = SecretsSetup(data_dir / VAULT_FILENAME, resolver=lambda: None)
    tracker.secrets = setup.create(PASS)
    card = tracker.add_card(CardFields("Old debit", "bank", "cancel", issuer="ICBC"))
    yield tracker, card.id
    tracker.close()


def _with_files(tracker: Tracker, card_id: str, folder: Path, count: int) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    names = []
    for n in range(count):
        source = folder / f"slip {n}.pdf"
        source.write_bytes(b"%%PDF slip %d" % n)
        names.append(tracker.attach(card_id, source)[1].name)
    return names


@pytest.mark.parametrize("typed", ["", "   ", "\t "])
def test_a_blank_path_asks_for_one(keyed, en, typed):
    tracker, card_id = keyed
    error = _refusal(lambda: tracker.attach(card_id, typed))
    assert error.key == "attachment.no_path"
    assert describe(error, en).startswith("type the path of the file to attach")
    assert tracker.view(card_id).card.attachments == ()


def test_a_device_is_not_a_regular_file(keyed, en):
    tracker, card_id = keyed
    error = _refusal(lambda: tracker.attach(card_id, "/dev/zero"))
    assert error.key == "attachment.not_regular"
    assert "/dev/zero is not a regular file" in describe(error, en)


def test_an_empty_file_is_refused_as_empty(keyed, en, tmp_path):
    tracker, card_id = keyed
    empty = tmp_path / "scan.pdf"
    empty.write_bytes(b"")
    error = _refusal(lambda: tracker.attach(card_id, empty))
    assert error.key == "attachment.empty"
    assert "is an empty file (0 bytes)" in describe(error, en)
    assert tracker.view(card_id).card.attachments == ()


def test_the_export_folder_is_checked_before_the_key(keyed, en, tmp_path):
    tracker, card_id = keyed
    _with_files(tracker, card_id, tmp_path / "in", 1)
    tracker.secrets = None  # any key question would fail with needs_key
    error = _refusal(lambda: tracker.export_attachments(card_id, "/proc/self"))
    assert error.key == "attachment.folder_unusable"
    said = describe(error, en)
    assert "/proc/self takes no new files" in said and "no such file" not in said
    a_file = tmp_path / "a file"
    a_file.write_text("x")
    error = _refusal(lambda: tracker.export_attachments(card_id, a_file / "out"))
    assert error.key == "attachment.folder_unusable"
    assert f"cannot be made: {a_file} is a file" in describe(error, en)


def test_a_card_whose_files_are_all_elsewhere_names_each_before_the_key(
    keyed, en, tmp_path
):
    tracker, card_id = keyed
    names = _with_files(tracker, card_id, tmp_path / "in", 3)
    for item in tracker.view(card_id).card.attachments:
        tracker._box().remove(item.id)
    tracker.secrets = None
    error = _refusal(lambda: tracker.export_attachments(card_id, tmp_path / "out"))
    assert error.key == "attachment.files_gone"
    said = describe(error, en)
    assert all(name in said for name in names) and "3 files attached to Old debit" in said
    assert not (tmp_path / "out").exists()


def test_some_files_elsewhere_the_rest_exported(keyed, tmp_path):
    tracker, card_id = keyed
    _with_files(tracker, card_id, tmp_path / "in", 2)
    first, second = tracker.view(card_id).card.attachments
    tracker._box().remove(first.id)
    assert tracker.missing_attachments(tracker.view(card_id).card) == (first,)
    written = tracker.export_attachments(card_id, tmp_path / "out")
    assert [path.name for path in written] == ["slip 1.pdf"]


def test_a_json_import_leaves_out_files_it_cannot_carry_and_says_so(
    keyed, content, clock, tmp_path
):
    tracker, card_id = keyed
    _with_files(tracker, card_id, tmp_path / "in", 4)
    exported = tmp_path / "exp.json"
    exported.write_text(to_json(tracker), encoding="utf-8")
    other = tmp_path / "d3"
    other.mkdir()
    there = Tracker(Store.open(other / DB_FILENAME), content.playbooks, clock)
    result = import_file(there, exported, strings=content.strings)
    assert result.imported == ["Old debit"] and result.attachments_dropped == 4
    [note] = [message for line, message in result.notes if line == 0]
    assert note.startswith("4 attached files were not carried")
    assert "export-attachments" in note
    assert there.view(card_id).card.attachments == ()
    there.close()


def test_doctor_names_each_attached_file_not_in_the_data_dir(keyed, tmp_path, monkeypatch):
    tracker, card_id = keyed
    names = _with_files(tracker, card_id, tmp_path / "in", 2)
    paths = Paths(data_dir=Path(tracker.store.path).parent, config_dir=tmp_path / "cfg")
    environ = {"TERM": "xterm-256color"}

    def attachments_check():
        checks = run_doctor(paths, environ)
        [check] = [c for c in checks if c.label == "attachments"]
        return check, format_checks(checks)

    check, _ = attachments_check()
    assert check.ok and not check.warn and "all 2 attached files" in check.text
    gone = tracker.view(card_id).card.attachments[0]
    tracker._box().remove(gone.id)
    check, printed = attachments_check()
    assert check.ok and check.warn and "1 of 2 attached files" in check.text
    assert f"{names[0]} (card Old debit)" in check.text and names[1] not in check.text
    assert "WARN attachments" in printed


def test_export_json_lists_attachments_of_the_card(keyed, tmp_path):
    """The premise of the import test: an export carries the records, not the files."""
    tracker, card_id = keyed
    _with_files(tracker, card_id, tmp_path / "in", 1)
    doc = json.loads(to_json(tracker))
    assert len(doc["cards"][0]["card"]["attachments"]) == 1


def test_a_json_import_into_a_data_dir_without_the_encrypted_file_says_what_stayed(
    keyed, content, clock, tmp_path
):
    """An export holds only an identifier's last 4; its full value is in the encrypted
    file of the data dir it came from. Imported where there is no such file, a card
    number keeps its last 4, kept nowhere (not a file the app would ask for forever), a
    PIN goes, and the import says so; where there is an encrypted file, the records stay."""
    tracker, _card_id = keyed
    card = tracker.add_card(
        CardFields("Old eSIM", "esim", "port-out"),
        {"iccid": "89860012345678901237", "port_pin": "739146"},
    )
    kinds = {name: i.kept_in for name, i in tracker.view(card.id).card.identifiers.items()}
    assert kinds == {"iccid": "vault", "port_pin": "vault"}, kinds
    exported = tmp_path / "exp.json"
    exported.write_text(to_json(tracker), encoding="utf-8")
    bare = tmp_path / "bare"
    bare.mkdir()
    there = Tracker(Store.open(bare / DB_FILENAME), content.playbooks, clock)
    result = import_file(there, exported, strings=content.strings)
    assert result.identifiers_dropped == 2
    notes = [message for line, message in result.notes if line == 0]
    assert any(note.startswith("2 identifiers were not carried") for note in notes), notes
    [iccid] = there.view(card.id).card.identifiers.values()
    assert (iccid.last4, iccid.kept_in) == ("1237", None)
    there.close()
    with_vault = tmp_path / "with-vault"
    with_vault.mkdir()
    vault = tracker.store.path.parent / VAULT_FILENAME
    (with_vault / VAULT_FILENAME).write_bytes(vault.read_bytes())
    again = Tracker(Store.open(with_vault / DB_FILENAME), content.playbooks, clock)
    result = import_file(again, exported, strings=content.strings)
    assert result.identifiers_dropped == 0
    kept = {name: i.kept_in for name, i in again.view(card.id).card.identifiers.items()}
    assert kept == {"iccid": "vault", "port_pin": "vault"}
    again.close()
