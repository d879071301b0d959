"""Attached files: sealed with AES-GCM into the data dir, never in clear on disk,
exported decrypted, refused when changed, limited in size, gone with their card."""

from __future__ import annotations

import base64
import os
from pathlib import Path

import pytest

from tui.base.errors import TrackerError, describe
from tui.base.i18n import Catalog
from tui.domain.config import load_config
from tui.domain.tracker import Tracker
from tui.records.card_fields import CardFields
from tui.secrets.attachment_box import KEY_USER
from tui.secrets.secret_store import SecretStore, system_keyring
from tui.secrets.secrets_setup import SecretsSetup
from tui.secrets.vault import VAULT_FILENAME
from tui.storage.store import DB_FILENAME, Store

PASS = "correct horse battery"
# a name holding what looks like a card number: kept out of the record and the log
NAME = "statement-6222021234567890.pdf"


def _tracker(data: Path, content, clock, secrets: SecretStore | None) -> Tracker:
    tracker = Tracker(Store.open(data / DB_FILENAME), content.playbooks, clock)
    tracker.secrets = secrets
    return tracker


def _vault_secrets(data: Path) -> SecretStore:
    setup = SecretsSetup(data / VAULT_FILENAME, resolver=lambda: None)
    return setup.create(PASS)


def _card(tracker: Tracker, label: str = "Old debit") -> str:
    return tracker.add_card(CardFields(label, "bank", "cancel", issuer="ICBC")).id


def _marked_file(folder: Path, name: str = NAME) -> tuple[Path, bytes]:
    folder.mkdir(parents=True, exist_ok=True)
    marker = os.urandom(64)
    path = folder / name
    path.write_bytes(b"%PDF-1.7 receipt\n" + marker + b"\nend")
    return path, marker


def _forms(marker: bytes) -> list[bytes]:
    """The marker's bytes, and the encodings a careless store might keep it in."""
    forms = [marker, marker.hex().encode(), marker.hex().upper().encode()]
    for shift in range(3):  # base64 of the marker at each alignment in a longer text
        encoded = base64.b64encode(b"x" * shift + marker)
        forms.append(encoded[4 : len(encoded) - 4])
    return forms


def _files_holding(folders: list[Path], forms: list[bytes]) -> list[str]:
    found = []
    for folder in folders:
        for root, _dirs, files in os.walk(folder):
            for name in files:
                data = (Path(root) / name).read_bytes()
                found += [f"{root}/{name}" for form in forms if form in data]
    return found


def _attach_and_check(tracker: Tracker, tmp_path: Path, grepped: list[Path]):
    card_id = _card(tracker)
    source, marker = _marked_file(tmp_path / "outside")
    card, attachment = tracker.attach(card_id, source)
    assert card.attachments == (attachment,) and attachment.size == source.stat().st_size
    assert attachment.type == "application/pdf"
    # not in clear anywhere: the data dir (sealed file, data file, journal, the
    # vault), the config dir, the cache dir
    assert _files_holding(grepped, _forms(marker)) == []
    # the name's identifier-looking digits are in no file either (the record keeps
    # "statement-[redacted].pdf"; the name itself is sealed with the bytes)
    assert _files_holding(grepped, [b"6222021234567890"]) == []
    assert attachment.name == "statement-[redacted].pdf"
    sealed = tracker._box().path_of(attachment.id)
    assert oct(sealed.stat().st_mode & 0o777) == "0o600"
    assert oct(sealed.parent.stat().st_mode & 0o777) == "0o700"
    # listed in the card's log, with its size
    entry = tracker.log(card_id)[0]
    assert entry.event == "attachment.added"
    assert entry.params["name"] == attachment.name and entry.params["size"] == "85 B"
    # exported decrypted, under its own name, to the same bytes
    written = tracker.export_attachments(card_id, tmp_path / "out")
    assert [p.name for p in written] == [NAME]
    assert written[0].read_bytes() == source.read_bytes()
    assert oct(written[0].stat().st_mode & 0o777) == "0o600"
    # a second export writes nothing over what is there
    again = tracker.export_attachments(card_id, tmp_path / "out")
    assert again[0].name == "statement-6222021234567890 (2).pdf"
    return card_id, attachment


def test_an_attachment_is_nowhere_in_clear_and_exports_the_same_bytes_vault(
    tmp_path, data_dir, content, clock
):
    tracker = _tracker(data_dir, content, clock, _vault_secrets(data_dir))
    config = Path(os.environ["XDG_CONFIG_HOME"])
    cache = Path(os.environ["XDG_CACHE_HOME"])
    _attach_and_check(tracker, tmp_path, [data_dir, config, cache])
    assert (data_dir / VAULT_FILENAME).exists()  # the data key is in the vault, sealed


def test_an_attachment_is_nowhere_in_clear_with_the_real_keyring(
    secret_service, tmp_path, data_dir, content, clock
):
    found = system_keyring()
    secrets = SecretStore(found.backend, found.name, "keyring")
    tracker = _tracker(data_dir, content, clock, secrets)
    config = Path(os.environ["XDG_CONFIG_HOME"])
    cache = Path(os.environ["XDG_CACHE_HOME"])
    keyring_home = Path(secret_service["HOME"])  # gnome-keyring's own files
    _attach_and_check(tracker, tmp_path, [data_dir, config, cache, keyring_home])
    assert secrets.get_item(KEY_USER)  # the data key is in the keyring


@pytest.fixture
def attached(tmp_path, data_dir, content, clock):
    tracker = _tracker(data_dir, content, clock, _vault_secrets(data_dir))
    card_id = _card(tracker)
    source, _ = _marked_file(tmp_path / "outside")
    _, attachment = tracker.attach(card_id, source)
    return tracker, card_id, attachment


def _refusal(call) -> TrackerError:
    with pytest.raises(TrackerError) as caught:
        call()
    return caught.value


@pytest.mark.parametrize("damage", ["flip a byte", "cut short", "another's file", "not sealed"])
def test_a_changed_sealed_file_is_refused_with_a_clear_message(
    attached, tmp_path, content, damage
):
    tracker, card_id, attachment = attached
    sealed = tracker._box().path_of(attachment.id)
    blob = bytearray(sealed.read_bytes())
    if damage == "flip a byte":
        blob[len(blob) // 2] ^= 0x01
    elif damage == "cut short":
        del blob[-20:]
    elif damage == "another's file":  # a sealed file of another attachment put in its place
        other_card = _card(tracker, "Other")
        source, _ = _marked_file(tmp_path / "other", "other.pdf")
        _, other = tracker.attach(other_card, source)
        blob = bytearray(tracker._box().path_of(other.id).read_bytes())
    else:
        blob = bytearray(b"%PDF-1.7 plain file dropped in")
    sealed.write_bytes(bytes(blob))
    error = _refusal(lambda: tracker.export_attachments(card_id, tmp_path / "out"))
    assert error.key == "attachment.tampered"
    said = describe(error, Catalog(content.strings, "en"))
    assert attachment.name in said and "integrity check" in said and str(sealed) in said
    assert sealed.read_bytes() == bytes(blob)  # kept as it is
    assert not any((tmp_path / "out").glob("*"))  # nothing of it was written


def test_the_size_limit_refuses_a_larger_file_naming_the_limit(tracker_on_disk, tmp_path):
    tracker, card_id = tracker_on_disk
    exact, over = tmp_path / "exact.jpg", tmp_path / "over.jpg"
    exact.write_bytes(b"\xff" * 1_000_000)
    over.write_bytes(b"\xff" * 1_000_001)
    error = _refusal(lambda: tracker.attach(card_id, over, limit_mb=1))
    assert error.key == "attachment.too_large" and error.params["limit"] == "1 MB"
    assert tracker.view(card_id).card.attachments == ()
    assert not tracker._box().any_left()
    tracker.attachment_limit_mb = 1  # config.yaml's attachment_max_mb, as the app sets it
    assert _refusal(lambda: tracker.attach(card_id, over)).key == "attachment.too_large"
    _, attachment = tracker.attach(card_id, exact)
    assert attachment.size == 1_000_000 and attachment.type == "image/jpeg"


def test_the_limit_is_read_from_config_yaml(tmp_path):
    config = tmp_path / "config.yaml"
    assert load_config(config).attachment_max_mb == 20
    config.write_text("attachment_max_mb: 5\n")
    assert load_config(config).attachment_max_mb == 5
    for bad in ("0", "'5'", "5.5", "true", "100000"):
        config.write_text(f"attachment_max_mb: {bad}\n")
        loaded = load_config(config)
        assert loaded.attachment_max_mb == 20, bad
        assert "attachment_max_mb must be a whole number" in loaded.problems[0]


@pytest.fixture
def tracker_on_disk(data_dir, content, clock):
    tracker = _tracker(data_dir, content, clock, _vault_secrets(data_dir))
    return tracker, _card(tracker)


def test_a_path_that_is_not_a_readable_file_is_refused(tracker_on_disk, tmp_path, monkeypatch):
    tracker, card_id = tracker_on_disk
    missing = _refusal(lambda: tracker.attach(card_id, tmp_path / "nope.pdf"))
    assert missing.key == "attachment.missing"
    assert _refusal(lambda: tracker.attach(card_id, tmp_path)).key == "attachment.not_file"
    # ~ is the home folder
    monkeypatch.setenv("HOME", str(tmp_path))
    (tmp_path / "slip.png").write_bytes(b"\x89PNG slip")
    _, attachment = tracker.attach(card_id, "~/slip.png")
    assert attachment.name == "slip.png" and attachment.type == "image/png"
    if os.geteuid() != 0:  # root reads any file
        locked = tmp_path / "locked.pdf"
        locked.write_bytes(b"x")
        locked.chmod(0)
        assert _refusal(lambda: tracker.attach(card_id, locked)).key == "attachment.unreadable"


def test_deleted_with_the_card_and_back_with_undo(attached, tmp_path):
    tracker, card_id, attachment = attached
    sealed = tracker._box().path_of(attachment.id)
    before = sealed.read_bytes()
    tracker.delete_card(card_id)
    assert not sealed.exists() and not tracker._box().any_left()
    assert tracker.to_undo().attachments == (attachment,)  # what undo brings back
    card = tracker.undo_delete()
    assert card.attachments == (attachment,) and sealed.read_bytes() == before
    assert tracker.to_undo() is None
    assert tracker.export_attachments(card_id, tmp_path / "out")[0].read_bytes().startswith(
        b"%PDF-1.7 receipt"
    )


def test_no_key_says_what_to_do_and_loses_nothing(attached, tmp_path, data_dir, content):
    tracker, card_id, attachment = attached
    sealed = tracker._box().path_of(attachment.id).read_bytes()
    tracker.secrets.backend.lock()  # the encrypted file locked again (idle time)
    source, _ = _marked_file(tmp_path / "more", "letter.pdf")
    t = Catalog(content.strings, "en")
    for call in (
        lambda: tracker.attach(card_id, source),
        lambda: tracker.export_attachments(card_id, tmp_path / "out"),
    ):
        error = _refusal(call)
        assert error.key == "attachment.needs_key"
        said = describe(error, t)
        assert "key kept in the keyring or the encrypted file" in said
        assert "nothing is lost" in said and "Unlock" in said
    tracker.secrets = None  # no keyring and no encrypted file at all
    error = _refusal(lambda: tracker.attach(card_id, source))
    assert "no keyring or encrypted file is open" in describe(error, t)
    assert tracker.view(card_id).card.attachments == (attachment,)
    assert tracker._box().path_of(attachment.id).read_bytes() == sealed
    assert len(list(tracker._box().folder.iterdir())) == 1


def test_find_card_by_id_or_unique_label(tracker_on_disk):
    tracker, card_id = tracker_on_disk
    assert tracker.find_card(card_id).id == card_id
    assert tracker.find_card("old DEBIT").id == card_id
    assert _refusal(lambda: tracker.find_card("nothing")).key == "error.no_card_named"
    _card(tracker, "Old debit")
    error = _refusal(lambda: tracker.find_card("Old debit"))
    assert error.key == "error.card_name_ambiguous" and card_id in error.params["ids"]
