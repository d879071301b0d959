"""The installed command at the edges a tester found: blank file options, a line feed
in a path, the export folder and missing files checked before any passphrase, a
JSON import and a restore that say which attached files did not come with the cards,
and one hint for finding a card's id."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli_cards import cli
from tui.domain.tracker import Tracker
from tui.records.card_fields import CardFields
from tui.secrets.secrets_setup import SecretsSetup
from tui.secrets.vault import VAULT_FILENAME
from tui.storage.backups import take_backup
from tui.storage.store import DB_FILENAME, Store

PASS = "correct horse battery"


def _card_with_files(data: Path, content, clock, files: Path, count: int) -> str:
    """A card with `count` attached files in `data` (data key in an encrypted file)."""
    data.mkdir(parents=True, exist_ok=True)
    files.mkdir(parents=True, exist_ok=True)
    tracker = Tracker(Store.open(data / DB_FILENAME), content.playbooks, clock)
    tracker.secrets = SecretsSetup(data / VAULT_FILENAME, resolver=lambda: None).create(PASS)
    card = tracker.add_card(CardFields("Card me", "bank", "cancel", issuer="ICBC"))
    for n in range(count):
        source = files / f"letter {n}.pdf"
        source.write_bytes(b"%PDF letter " + str(n).encode())
        tracker.attach(card.id, source)
    tracker.close()
    return card.id


@pytest.mark.parametrize("args", [["letter", "Card me", "--out", ""], ["export", "-o", " "]])
def test_a_blank_file_option_is_a_usage_mistake(tmp_path, args):
    done = cli(tmp_path, *args)
    assert done.returncode == 2 and done.stdout == ""
    assert "must name a file" in done.stderr


def test_a_line_feed_in_a_path_is_shown_not_printed(tmp_path, content, clock):
    _card_with_files(tmp_path / "data", content, clock, tmp_path / "in", 0)
    done = cli(tmp_path, "attach", "Card me", "/tmp/x/a\nb")
    assert done.returncode == 1
    assert "There is no file at /tmp/x/a␊b." in done.stderr
    assert done.stderr.count("\n") == 1
    named = cli(tmp_path, "letter", "no\ncard")
    assert 'no card has the id or label "no␊card"' in named.stderr
    assert named.stderr.count("\n") == 1


def test_one_hint_for_a_cards_id_and_it_works(tmp_path, content, clock):
    card_id = _card_with_files(tmp_path / "data", content, clock, tmp_path / "in", 0)
    hint = "cardoff-tui list --json shows each card's id and label"
    for args in (
        ["letter", "nope"],
        ["attach", "nope", "/etc/hostname"],
        ["export-attachments", "nope", str(tmp_path / "out")],
        ["export", "--card", "nope"],
    ):
        done = cli(tmp_path, *args)
        assert done.returncode == 1 and hint in done.stderr, (args, done.stderr)
    listed = cli(tmp_path, "list", "--json")
    assert card_id in listed.stdout and "Card me" in listed.stdout


def test_export_attachments_checks_the_folder_before_the_passphrase(tmp_path, content, clock):
    _card_with_files(tmp_path / "data", content, clock, tmp_path / "in", 1)
    done = cli(tmp_path, "export-attachments", "Card me", "/proc/self")
    assert done.returncode == 1
    assert "/proc/self takes no new files" in done.stderr
    assert "Passphrase" not in done.stderr and "key kept in the keyring" not in done.stderr
    blank = cli(tmp_path, "export-attachments", "Card me", " ")  # a usage error
    assert blank.returncode == 2 and "FOLDER: must name a folder" in blank.stderr, blank.stderr
    assert "Passphrase" not in blank.stderr


def test_a_json_import_says_which_files_it_did_not_carry(tmp_path, content, clock):
    card_id = _card_with_files(tmp_path / "d1", content, clock, tmp_path / "in", 4)
    exported = cli(tmp_path, "export", "--format", "json", data=tmp_path / "d1")
    assert exported.returncode == 0, exported.stderr
    (tmp_path / "exp.json").write_text(exported.stdout, encoding="utf-8")
    done = cli(tmp_path, "import", str(tmp_path / "exp.json"), data=tmp_path / "d3")
    assert done.returncode == 0, done.stderr
    assert "4 attached files were not carried" in done.stderr
    assert "export-attachments" in done.stderr
    store = Store.open(tmp_path / "d3" / DB_FILENAME)
    assert store.card(card_id).attachments == ()
    store.close()
    # the card lists no file it cannot export, and doctor finds nothing missing
    doctor = cli(tmp_path, "doctor", data=tmp_path / "d3")
    assert "attachment" not in doctor.stdout


def test_a_restore_names_every_file_gone_since_the_backup_and_so_does_doctor(
    tmp_path, content, clock
):
    data = tmp_path / "data"
    card_id = _card_with_files(data, content, clock, tmp_path / "in", 5)
    take_backup(data / DB_FILENAME)
    tracker = Tracker(Store.open(data / DB_FILENAME), content.playbooks, clock)
    tracker.delete_card(card_id)
    tracker.close()
    assert not any((data / "attachments").iterdir())
    done = cli(tmp_path, "restore", "1")
    assert done.returncode == 0, done.stderr
    assert "5 attached files the restored cards list have no encrypted copy" in done.stderr
    for n in range(5):
        assert f"letter {n}.pdf (card Card me)" in done.stderr
    doctor = cli(tmp_path, "doctor")
    assert "WARN" in doctor.stdout and "5 of 5 attached files" in doctor.stdout
    assert all(f"letter {n}.pdf (card Card me)" in doctor.stdout for n in range(5))
    export = cli(tmp_path, "export-attachments", card_id, str(tmp_path / "out"))
    assert export.returncode == 1
    assert all(f"letter {n}.pdf" in export.stderr for n in range(5))
    assert "Passphrase" not in export.stderr and not (tmp_path / "out").exists()


def test_export_attachments_names_the_missing_and_writes_the_rest(tmp_path, content, clock):
    data = tmp_path / "data"
    card_id = _card_with_files(data, content, clock, tmp_path / "in", 2)
    store = Store.open(data / DB_FILENAME)
    first = store.card(card_id).attachments[0]
    store.close()
    (data / "attachments" / f"{first.id}.sealed").unlink()
    # the data key is in the encrypted file: its passphrase comes on a terminal only,
    # so this run stops at the key, after naming the missing file
    done = cli(tmp_path, "export-attachments", card_id, str(tmp_path / "out"))
    assert done.returncode == 1
    said = done.stderr
    assert "Not exported: letter 0.pdf" in said
    assert said.index("Not exported") < said.index("key kept in the keyring")

