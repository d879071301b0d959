"""The encrypted-file fallback and the identifier rules of the tracker, without UI."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tui.base.errors import IdentifierError
from tui.domain.tracker import Tracker
from tui.records.card_error import CardError
from tui.records.card_fields import CardFields
from tui.records.identifiers import clean_identifier
from tui.secrets.secret_store import SecretError, SecretStore, username
from tui.secrets.vault import Vault, VaultError

PASS = "correct horse battery"
ICCID = "89860012345678901234"
SERIAL = "6222 0202 0011 2233"


@pytest.fixture
def vault(tmp_path) -> Vault:
    v = Vault(tmp_path / "identifiers.vault")
    v.create(PASS)
    return v


def test_vault_round_trip_and_no_plaintext_on_disk(vault, tmp_path):
    vault.set_password("cardoff-tui", "card/c1/iccid", ICCID)
    raw = vault.path.read_bytes()
    assert ICCID.encode() not in raw and b"card/c1" not in raw and b"cardoff-tui" not in raw
    assert json.loads(raw)["kdf"]["name"] == "scrypt"
    assert oct(vault.path.stat().st_mode & 0o777) == "0o600"
    again = Vault(vault.path)
    again.unlock(PASS)
    assert again.get_password("cardoff-tui", "card/c1/iccid") == ICCID
    again.delete_password("cardoff-tui", "card/c1/iccid")
    assert Vault(vault.path).exists() and again.get_password("cardoff-tui", "card/c1/iccid") is None


def test_wrong_passphrase_is_refused_and_changes_nothing(vault):
    before = vault.path.read_bytes()
    other = Vault(vault.path)
    with pytest.raises(VaultError) as caught:
        other.unlock("not the passphrase")
    assert caught.value.key == "vault.wrong_passphrase" and not other.unlocked
    assert vault.path.read_bytes() == before


def test_missing_vault_is_reported_not_recreated(vault):
    vault.path.unlink()
    with pytest.raises(VaultError) as caught:
        Vault(vault.path).unlock(PASS)
    assert caught.value.key == "vault.missing"
    with pytest.raises(VaultError) as caught:  # also when it vanishes while unlocked
        vault.set_password("cardoff-tui", "card/c1/iccid", ICCID)
    assert caught.value.key == "vault.missing" and not vault.path.exists()


def test_damaged_vault_and_create_over_existing(vault):
    vault.path.write_text("{ not json")
    with pytest.raises(VaultError) as caught:
        Vault(vault.path).unlock(PASS)
    assert caught.value.key == "vault.damaged"
    with pytest.raises(VaultError) as caught:
        Vault(vault.path).create(PASS)
    assert caught.value.key == "vault.exists" and vault.path.read_text() == "{ not json"
    with pytest.raises(VaultError):
        Vault(vault.path.with_name("new")).create("short")


def _with_kdf(vault: Vault, change) -> bytes:
    """The vault file with its kdf record changed by `change` (a dict -> None)."""
    doc = json.loads(vault.path.read_bytes())
    change(doc["kdf"])
    data = json.dumps(doc).encode()
    vault.path.write_bytes(data)
    return data


@pytest.mark.parametrize(
    ("what", "change"),
    [
        ("n too small", lambda k: k.update(n=3)),
        ("n too big", lambda k: k.update(n=2**31)),
        ("n not a power of 2", lambda k: k.update(n=2**15 + 1)),
        ("r of 0", lambda k: k.update(r=0)),
        ("a huge p", lambda k: k.update(p=2**30)),
        ("n missing", lambda k: k.pop("n")),
        ("n a string", lambda k: k.update(n="32768")),
        ("n a float", lambda k: k.update(n=32768.0)),
        ("r a boolean", lambda k: k.update(r=True)),
        ("a short salt", lambda k: k.update(salt="AAAA")),
        ("salt missing", lambda k: k.pop("salt")),
        ("another KDF", lambda k: k.update(name="pbkdf2")),
        ("no kdf record", lambda k: k.clear()),
    ],
)
def test_kdf_parameters_out_of_bounds_are_a_damaged_vault(vault, what, change):
    """Checked before use: a damaged n crashed at unlock (printing the passphrase in
    the traceback) or asked scrypt for terabytes of memory."""
    vault.set_password("cardoff-tui", "card/c1/iccid", ICCID)
    data = _with_kdf(vault, change)
    with pytest.raises(VaultError) as caught:
        Vault(vault.path).unlock(PASS)
    assert caught.value.key == "vault.damaged", what
    assert PASS not in str(caught.value)
    assert vault.path.read_bytes() == data  # never rewritten


def test_damaged_nonce_or_contents_are_a_damaged_vault(vault):
    doc = json.loads(vault.path.read_bytes())
    for field, value in (("nonce", "AAAA"), ("ciphertext", "AAAA"), ("nonce", 12)):
        vault.path.write_text(json.dumps({**doc, field: value}))
        with pytest.raises(VaultError) as caught:
            Vault(vault.path).unlock(PASS)
        assert caught.value.key == "vault.damaged", field
    vault.path.write_bytes(b"\xff\xfe not even text")
    with pytest.raises(VaultError) as caught:
        Vault(vault.path).unlock(PASS)
    assert caught.value.key == "vault.damaged"


def test_identifier_rules():
    assert clean_identifier("number", SERIAL) == "6222020200112233"
    assert clean_identifier("iccid", "8986-0012 3456 7890 1234") == ICCID
    for name, bad in (
        ("iccid", "1234"),
        ("eid", "12" * 10),
        ("number", "12"),
        ("port_pin", "!!!!"),
    ):
        with pytest.raises(CardError) as caught:
            clean_identifier(name, bad)
        assert caught.value.field == name
    # an input method's full-width digits are the digits they are; other scripts' are not
    assert clean_identifier("number", "６２２２ ０２０２ ００１１ ２２３３") == "6222020200112233"
    with pytest.raises(CardError):
        clean_identifier("number", "١٢٣٤٥٦٧٨٩٠١٢")  # Arabic-Indic digits are not ASCII


@pytest.fixture
def tracker_with_vault(store, content, clock, vault):
    return Tracker(store, content.playbooks, clock, SecretStore(vault, "encrypted file", "vault"))


def test_identifiers_go_to_the_vault_and_only_last4_to_the_store(tracker_with_vault, store, vault):
    tracker = tracker_with_vault
    card = tracker.add_card(CardFields("eSIM", "esim", "cancel"), {"iccid": ICCID, "eid": ""})
    assert (
        card.identifiers["iccid"].last4 == "1234" and card.identifiers["iccid"].kept_in == "vault"
    )
    assert "eid" not in card.identifiers
    assert vault.get_password("cardoff-tui", username(card.id, "iccid")) == ICCID
    assert ICCID not in json.dumps([c.to_doc() for c in store.cards()])
    assert ICCID not in json.dumps([e.to_doc() for e in store.log()])
    assert tracker.reveal(card.id) == {"iccid": ICCID}
    replaced = "89860099999999999999"
    tracker.edit_card(card.id, card.fields(), {"iccid": replaced})
    assert tracker.secret(card.id, "iccid") == replaced


def test_delete_removes_secrets_and_undo_puts_them_back(tracker_with_vault, vault):
    tracker = tracker_with_vault
    card = tracker.add_card(CardFields("Debit", "bank", "cancel"), {"number": SERIAL})
    deletion = tracker.delete_card(card.id)
    assert deletion.left_behind == ()
    assert vault.get_password("cardoff-tui", username(card.id, "number")) is None
    tracker.undo_delete()
    assert tracker.secret(card.id, "number") == "6222020200112233"


def test_identifier_failure_keeps_the_card_and_can_be_retried(tracker_with_vault, vault, store):
    tracker = tracker_with_vault
    saved = vault.path.read_bytes()
    vault.path.unlink()
    with pytest.raises(IdentifierError) as caught:
        tracker.add_card(CardFields("Debit", "bank", "cancel"), {"number": SERIAL})
    card = caught.value.card
    assert caught.value.error.key == "vault.missing" and store.card(card.id) is not None
    assert not vault.path.exists()
    vault.path.write_bytes(saved)
    tracker.edit_card(card.id, card.fields(), {"number": SERIAL})
    assert tracker.secret(card.id, "number") == "6222020200112233"


def test_identifiers_without_storage_are_refused_before_saving(tracker, store):
    with pytest.raises(CardError) as caught:
        tracker.add_card(CardFields("Debit", "bank", "cancel"), {"number": SERIAL})
    assert caught.value.message_key == "error.no_secret_storage" and store.cards() == []


def test_secret_store_times_out_instead_of_hanging():
    import threading

    release = threading.Event()

    class Stuck:
        def get_password(self, service, user):
            release.wait(10)

    secrets = SecretStore(Stuck(), "stuck", "keyring", timeout=0.2)
    with pytest.raises(SecretError) as caught:
        secrets.get("c1", "number")
    release.set()
    assert caught.value.key == "secrets.timeout"


def test_no_dbus_means_no_system_keyring(tmp_path):
    """keyring's own resolution, in a clean process with no session bus."""
    code = (
        "from tui.secrets.secret_store import system_keyring\n"
        "found = system_keyring()\n"
        "print(found.backend is None, found.reason)\n"
    )
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "PYTHONPATH": "."}
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert result.stdout.startswith("True "), result.stdout + result.stderr


def test_no_dbus_answer_is_keyrings_own_without_loading_it(tmp_path):
    """With no session bus the answer is given without importing keyring (~20 MB),
    and it is the answer keyring itself gives there."""
    code = (
        "import sys\n"
        "from tui.secrets.secret_store import system_keyring\n"
        "found = system_keyring()\n"
        "loaded = 'keyring' in sys.modules\n"
        "import keyring\n"
        "own = type(keyring.get_keyring()).__module__\n"
        "print(found.backend is None, found.name, loaded, own)\n"
    )
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "PYTHONPATH": "."}
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert result.stdout.split() == ["True", "fail.Keyring", "False", "keyring.backends.fail"], (
        result.stdout + result.stderr
    )


def test_forced_backend_that_cannot_start_falls_back(tmp_path):
    """PYTHON_KEYRING_BACKEND is honoured; when it cannot start, the reason is kept."""
    code = (
        "from tui.secrets.secret_store import system_keyring\n"
        "found = system_keyring()\n"
        "print(found.backend is None, found.reason)\n"
    )
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "PYTHONPATH": ".",
        "PYTHON_KEYRING_BACKEND": "keyring.backends.SecretService.Keyring",
    }
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert result.stdout.startswith("True RuntimeError"), result.stdout + result.stderr
    assert "DBUS_SESSION_BUS_ADDRESS" in result.stdout


def test_keyrings_null_backend_counts_as_no_keyring(tmp_path):
    """keyring's null backend is how keyring is turned off: it keeps nothing, so it is
    no place for identifiers (the encrypted file is offered instead), never one that
    says "stored" and forgets."""
    code = (
        "from tui.secrets.secret_store import system_keyring\n"
        "found = system_keyring()\n"
        "print(found.backend is None, found.name, '|', found.reason)\n"
    )
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "PYTHONPATH": ".",
        "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring",
    }
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert result.stdout.split("|")[0].split() == ["True", "null.Keyring"], (
        result.stdout + result.stderr
    )
    assert "turned off" in result.stdout


def test_a_passphrase_with_a_stray_surrogate_is_no_crash(tmp_path):
    odd = "passphrase\udcff"  # what a terminal's bad byte can leave in an Input
    Vault(tmp_path / "v").create(odd)
    again = Vault(tmp_path / "v")
    again.unlock(odd)
    with pytest.raises(VaultError) as caught:
        Vault(tmp_path / "v").unlock("passphrase")
    assert again.unlocked and caught.value.key == "vault.wrong_passphrase"
