"""Two or more sessions on one encrypted file: every write survives, a delete stays
deleted, and each session reads what the others wrote."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tui.domain.tracker import Tracker
from tui.records.card_fields import CardFields
from tui.secrets.secret_store import SERVICE, SecretStore, username
from tui.secrets.vault import VAULT_FILENAME, Vault
from tui.storage.store import DB_FILENAME, Store

PASS = "correct horse battery"
WORKER = Path(__file__).parent / "helpers" / "vault_worker.py"
ROOT = Path(__file__).parent.parent


def two_sessions(tmp_path) -> tuple[Vault, Vault]:
    first = Vault(tmp_path / VAULT_FILENAME)
    first.create(PASS)
    second = Vault(first.path)
    second.unlock(PASS)
    return first, second


def test_each_session_keeps_the_others_writes(tmp_path):
    a, b = two_sessions(tmp_path)
    a.set_password(SERVICE, "card/c1/iccid", "1111")
    b.set_password(SERVICE, "card/c2/iccid", "2222")
    assert a.get_password(SERVICE, "card/c2/iccid") == "2222"  # reads see b's write
    assert b.get_password(SERVICE, "card/c1/iccid") == "1111"
    fresh = Vault(a.path)
    fresh.unlock(PASS)
    assert fresh.get_password(SERVICE, "card/c1/iccid") == "1111"
    assert fresh.get_password(SERVICE, "card/c2/iccid") == "2222"


def test_a_delete_in_one_session_stays_deleted_after_another_writes(tmp_path):
    a, b = two_sessions(tmp_path)
    a.set_password(SERVICE, "card/c1/number", "1111")
    assert b.get_password(SERVICE, "card/c1/number") == "1111"
    a.delete_password(SERVICE, "card/c1/number")
    b.set_password(SERVICE, "card/c2/number", "2222")  # b still remembered c1
    fresh = Vault(a.path)
    fresh.unlock(PASS)
    assert fresh.get_password(SERVICE, "card/c1/number") is None
    assert b.get_password(SERVICE, "card/c1/number") is None
    assert a.get_password(SERVICE, "card/c2/number") == "2222"


def test_two_app_sessions_adding_cards_keep_both_identifiers(tmp_path, content, clock):
    """Sessions A and B, both unlocked: A adds a card with an ICCID, then B does."""
    a_vault, b_vault = two_sessions(tmp_path)

    def session(vault: Vault) -> Tracker:
        store = Store.open(tmp_path / DB_FILENAME)
        return Tracker(store, content.playbooks, clock, SecretStore(vault, "file", "vault"))

    a, b = session(a_vault), session(b_vault)
    first = a.add_card(CardFields("A", "esim", "cancel"), {"iccid": "89860000000000001111"})
    second = b.add_card(CardFields("B", "esim", "cancel"), {"iccid": "89860000000000002222"})
    for tracker in (a, b):
        assert tracker.secret(first.id, "iccid") == "89860000000000001111"
        assert tracker.secret(second.id, "iccid") == "89860000000000002222"
    reader = Vault(a_vault.path)
    reader.unlock(PASS)
    assert reader.get_password(SERVICE, username(first.id, "iccid")) == "89860000000000001111"
    a.store.close()
    b.store.close()


def test_a_vault_damaged_by_another_session_is_reported_and_not_rewritten(tmp_path):
    a, _ = two_sessions(tmp_path)
    a.set_password(SERVICE, "card/c1/number", "1111")
    a.path.write_text('{"format": "cardoff-vault", "version": 1, "kdf": {"n": 3}}')
    damaged = a.path.read_bytes()
    from tui.secrets.vault import VaultError

    for call in (
        lambda: a.set_password(SERVICE, "card/c2/number", "2222"),
        lambda: a.delete_password(SERVICE, "card/c1/number"),
        lambda: a.get_password(SERVICE, "card/c1/number"),
    ):
        with pytest.raises(VaultError) as caught:
            call()
        assert caught.value.key == "vault.damaged"
    assert a.path.read_bytes() == damaged


@pytest.mark.slow
def test_four_sessions_writing_at_once_lose_nothing(tmp_path):
    sessions, rounds = 4, 25
    vault = Vault(tmp_path / VAULT_FILENAME)
    vault.create(PASS)
    workers = [
        subprocess.Popen(
            [sys.executable, str(WORKER), str(vault.path), f"w{i}", str(rounds)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        for i in range(sessions)
    ]
    try:
        for worker in workers:
            worker.stdin.write(PASS + "\n")
            worker.stdin.flush()
        for worker in workers:  # every one unlocked before any writes: they overlap
            assert worker.stdout.readline().strip() == "ready"
        for worker in workers:
            worker.stdin.write("go\n")
            worker.stdin.flush()
        for worker in workers:
            out, _ = worker.communicate(timeout=600)  # only a hang reaches this
            assert worker.returncode == 0 and out.strip() == "done"
    finally:
        for worker in workers:
            if worker.poll() is None:
                worker.kill()
                worker.wait()
    reader = Vault(vault.path)
    reader.unlock(PASS)
    lost = [
        f"w{i}-{j}"
        for i in range(sessions)
        for j in range(rounds)
        if reader.get_password(SERVICE, f"w{i}-{j}") != f"value-w{i}-{j}"
    ]
    assert lost == []
