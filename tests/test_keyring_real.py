"""Identifiers against gnome-keyring's real Secret Service on a private D-Bus session."""

from __future__ import annotations

import subprocess
import sys

import pytest
from textual.widgets import Input, Static

from tests.helpers.pilot import lookup_answered, settle
from tui.secrets.secret_store import SecretStore, system_keyring, username
from tui.secrets.secrets_setup import SecretsSetup, SecretsState
from tui.storage.store import DB_FILENAME, Store
from tui.ui.status_line import StatusLine

SERIAL = "6222020200998877"
ROOT = str(__import__("pathlib").Path(__file__).resolve().parent.parent)


def read_in_new_process(env: dict, user: str) -> str:
    """keyring's own resolution in a fresh process: what a restarted app would see."""
    code = f"import keyring; print(keyring.get_password('cardoff-tui', {user!r}))"
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_keyring_resolves_to_the_secret_service(secret_service):
    found = system_keyring()
    assert found.backend is not None and "SecretService" in found.name, found


def test_store_read_replace_delete_and_survive_a_restart(secret_service):
    found = system_keyring()
    secrets = SecretStore(found.backend, found.name, "keyring")
    secrets.set("c-real", "number", SERIAL)
    assert secrets.get("c-real", "number") == SERIAL
    assert read_in_new_process(secret_service, username("c-real", "number")) == SERIAL
    secrets.set("c-real", "number", "1111222233334444")
    assert read_in_new_process(secret_service, username("c-real", "number")) == "1111222233334444"
    secrets.delete("c-real", "number")
    secrets.delete("c-real", "number")  # deleting what is gone is not an error
    assert secrets.get("c-real", "number") is None
    assert read_in_new_process(secret_service, username("c-real", "number")) == "None"
    secrets.round_trip()


async def test_pilot_flow_with_the_real_keyring(secret_service, make_app, tmp_path):
    store = Store.open(tmp_path / DB_FILENAME)
    setup = SecretsSetup(tmp_path / "identifiers.vault")  # the real resolver
    app = make_app(store, secrets=setup)
    async with app.run_test(size=(80, 24)) as pilot:
        await lookup_answered(pilot)
        assert setup.state is SecretsState.KEYRING
        assert "keyring (SecretService" in app.query_one(StatusLine).backend
        await pilot.press("a")  # no offer: the keyring is there
        await pilot.press(*"Debit")
        await pilot.press("tab", "enter", "up", "up", "enter")  # eSIM -> bank
        app.screen.query_one("#id-number", Input).focus()
        await pilot.press(*SERIAL, "ctrl+s")
        await settle(pilot)
        [card] = store.cards()
        assert card.identifiers["number"].kept_in == "keyring"
        assert read_in_new_process(secret_service, username(card.id, "number")) == SERIAL
        assert "•••• 8877" in str(app.query_one("#identifiers", Static).render())
        await pilot.press("c")
        await settle(pilot)
        assert app.clipboard == SERIAL
        await pilot.press("d", "y")
        await settle(pilot)
        assert read_in_new_process(secret_service, username(card.id, "number")) == "None"
        await pilot.press("u")
        await settle(pilot)
        assert read_in_new_process(secret_service, username(card.id, "number")) == SERIAL
    store.close()
    assert SERIAL not in (tmp_path / DB_FILENAME).read_text()
    assert not (tmp_path / "identifiers.vault").exists()


def _doctor(env: dict, data) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "tui", "--data-dir", str(data), "--config-dir", str(data), "doctor"],
        env={**env, "PYTHONPATH": ROOT},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_doctor_round_trips_the_real_keyring(secret_service, tmp_path):
    result = _doctor(secret_service, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "SecretService" in result.stdout and "round trip OK" in result.stdout


@pytest.mark.usefixtures("secret_service_env")
def test_doctor_fails_when_identifiers_are_in_an_unreachable_keyring(tmp_path, content, clock):
    from tui.domain.tracker import Tracker
    from tui.records.card_fields import CardFields
    from tui.records.identifiers import Identifier

    store = Store.open(tmp_path / DB_FILENAME)
    card = Tracker(store, content.playbooks, clock).add_card(CardFields("Debit", "bank", "cancel"))
    store.save_card(card.with_identifier("number", Identifier("8877", "keyring"), card.updated))
    store.close()
    env = {k: v for k, v in __import__("os").environ.items() if k != "DBUS_SESSION_BUS_ADDRESS"}
    result = _doctor(env, tmp_path)
    assert result.returncode == 1, result.stdout
    assert "FAIL keyring" in result.stdout and "1 identifier is stored there" in result.stdout
