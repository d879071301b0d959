"""A port-out PIN (a secret) keeps nothing outside the keyring or the encrypted file;
serials (card number, ICCID, EID) keep their last 4. Checked per field, through the
tracker, the app, every export and the CLI."""

from __future__ import annotations

import html
import itertools
import json
import re

import pytest
from textual.widgets import Input, Static

from tests.conftest import run_cli
from tui import model
from tui.export import FORMATS, export
from tui.model import (
    IDENTIFIER_FIELDS,
    IDENTIFIER_RULES,
    Card,
    CardFields,
    Identifier,
    IdentifierKind,
    identifier_kind,
)
from tui.secret_store import SecretStore
from tui.secrets_setup import SecretsSetup
from tui.store import DB_FILENAME, Store
from tui.tracker import Tracker
from tui.ui.card_form import CardForm
from tui.ui.secrets_screens import CopyPicker
from tui.vault import VAULT_FILENAME, Vault

PASS = "correct horse battery"
PIN = "4821"
ICCID = "89860077665544332211"
SIZE = (80, 24)


@pytest.fixture(autouse=True)
def plain_card_ids(monkeypatch):
    """Card ids that cannot hold the PIN's digits by chance (they are random hex)."""
    numbers = itertools.count(1)
    monkeypatch.setattr(model, "new_card_id", lambda: f"card-{next(numbers)}")


def readable_files(folder) -> bytes:
    """Every file under `folder` but the vault, whose ciphertext is random bytes."""
    return b"".join(
        p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != VAULT_FILENAME
    )


def screen_text(app) -> str:
    """The characters on screen, from a screenshot (its text runs, not its markup)."""
    svg = app.export_screenshot()
    text = html.unescape("".join(re.findall(r"<text[^>]*>(.*?)</text>", svg, re.S)))
    return text.replace("\xa0", " ")


def test_every_identifier_field_says_what_may_be_kept():
    sample = "ABCD5678WXYZ9012345678901234567890"
    for name in sorted({n for names in IDENTIFIER_FIELDS.values() for n in names}):
        assert name in IDENTIFIER_RULES, f"{name} has no rule saying serial or secret"
        value = sample[: IDENTIFIER_RULES[name].longest]
        record = Identifier.of(name, value, "vault")
        doc = json.dumps(record.to_doc())
        if identifier_kind(name) is IdentifierKind.SECRET:
            assert record.masked is None and record.last4 == "" and doc == '{"in": "vault"}'
            assert Identifier.from_doc(name, {"last4": value[-4:], "in": "vault"}) == record
            assert record.unstored() is None  # kept nowhere: nothing is left of it
        else:
            assert record.masked == f"•••• {value[-4:]}" and value[-4:] in doc
    assert identifier_kind("port_pin") is IdentifierKind.SECRET
    assert identifier_kind("a-field-from-a-newer-version") is IdentifierKind.SECRET
    card = Card.create(CardFields("eSIM", "esim", "cancel"), model.parse_time("2026-01-01"))
    with pytest.raises(ValueError):  # a PIN record holding characters is refused
        card.with_identifier("port_pin", Identifier(PIN, "vault"), card.updated)


@pytest.fixture
def vault_tracker(tmp_path, content, clock):
    store = Store.open(tmp_path / DB_FILENAME)
    vault = Vault(tmp_path / VAULT_FILENAME)
    vault.create(PASS)
    secrets = SecretStore(vault, "encrypted file", "vault")
    yield Tracker(store, content.playbooks, clock, secrets, content.issuers)
    store.close()


def test_pin_through_the_tracker_is_kept_only_in_the_vault(vault_tracker, tmp_path):
    import datetime as dt

    tracker = vault_tracker
    card = tracker.add_card(
        CardFields("Old eSIM", "esim", "port-out"), {"iccid": ICCID, "port_pin": PIN}
    )
    tracker.set_follow_up(card.id, dt.date(2026, 3, 10))  # so the ICS has an event
    assert card.identifiers["port_pin"] == Identifier("", "vault", secret=True)
    assert card.identifiers["iccid"].last4 == "2211"
    assert tracker.secret(card.id, "port_pin") == PIN
    raw = json.loads((tmp_path / DB_FILENAME).read_bytes())
    assert raw["cards"]["1"]["identifiers"]["port_pin"] == {"in": "vault"}
    assert PIN.encode() not in readable_files(tmp_path)
    for fmt in FORMATS:
        text = export(tracker, fmt)
        assert PIN.encode() not in text, fmt
    report = export(tracker, "md").decode()
    assert "**PORT PIN:** set (kept in the encrypted file)" in report
    assert "•••• 2211" in report
    for fmt in FORMATS:  # the command line writes the same
        result = run_cli("export", "--format", fmt, data=tmp_path)
        assert result.returncode == 0 and PIN not in result.stdout, result.stderr
    # undo after a delete that cannot write the PIN back leaves nothing of it
    tracker.delete_card(card.id)
    (tmp_path / VAULT_FILENAME).rename(tmp_path / "elsewhere")
    restored = tracker.undo_delete()
    assert "port_pin" not in restored.identifiers and restored.identifiers["iccid"].last4 == "2211"
    assert PIN.encode() not in readable_files(tmp_path)


def test_an_old_export_with_a_pin_fragment_imports_without_it(tracker, tmp_path):
    card = tracker.add_card(CardFields("Old eSIM", "esim", "port-out"))
    doc = json.loads(export(tracker, "json"))
    doc["cards"][0]["card"]["identifiers"] = {"port_pin": {"last4": PIN, "in": "keyring"}}
    tracker.store.delete_card(card.id)
    path = tmp_path / "old-export.json"
    path.write_text(json.dumps(doc))
    from tui.importer import import_file

    assert import_file(tracker, path).written
    [again] = tracker.store.cards()
    assert again.identifiers["port_pin"].to_doc() == {"in": "keyring"}
    assert PIN not in json.dumps(again.to_doc())


async def test_pin_typed_into_the_form_is_never_shown_or_written(make_app, tmp_path):
    async def settle(pilot) -> None:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    store = Store.open(tmp_path / DB_FILENAME)
    setup = SecretsSetup(tmp_path / VAULT_FILENAME)
    setup.create(PASS)
    app = make_app(store, secrets=setup)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("a")
        assert isinstance(app.screen, CardForm)
        await pilot.press(*"eSIM")
        form = app.screen
        form.query_one("#kind").value = "esim"
        await pilot.pause()
        form.query_one("#id-iccid", Input).focus()
        await pilot.press(*ICCID)
        form.query_one("#id-port_pin", Input).focus()
        await pilot.press(*PIN)
        await pilot.press("ctrl+s")
        await settle(pilot)
        while isinstance(app.screen, CardForm):
            await pilot.pause()
        [card] = store.cards()
        assert card.identifiers["port_pin"].kept_in == "vault"
        line = str(app.query_one("#identifiers", Static).render())
        assert "Port-out PIN set (encrypted file)" in line and "•••• 2211" in line
        assert PIN not in screen_text(app)
        await pilot.press("e")  # the edit form says it is stored, not what it is
        assert isinstance(app.screen, CardForm)
        placeholder = app.screen.query_one("#id-port_pin", Input).placeholder
        assert placeholder.startswith("Stored in the encrypted file") and PIN not in placeholder
        assert PIN not in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("c")  # the copy picker
        assert isinstance(app.screen, CopyPicker)
        labels = [label for _, label in app.screen.choices]
        assert any("Port-out PIN" in label for label in labels)
        assert not any(PIN in label for label in labels)
        assert PIN not in screen_text(app)
        await pilot.press("down", "enter")
        await settle(pilot)
        assert app.clipboard == PIN  # the value itself is still there, in the vault
        assert PIN not in screen_text(app)  # and the message does not show it
        app.action_export()
        await pilot.pause()
    store.close()
    assert list((tmp_path / "exports").iterdir())
    assert PIN.encode() not in readable_files(tmp_path)
