"""A port-out PIN (a secret) keeps nothing outside the keyring or the encrypted file;
serials (card number, ICCID, EID) keep their last 4. Checked per field, through the
tracker, the app, every export, the CLI, and the upgrade of files written before."""

from __future__ import annotations

import html
import itertools
import json
import re

import pytest
from textual.widgets import Input, Static

from tests.conftest import run_cli
from tests.helpers.pilot import settle, wait_until
from tui.domain.export import FORMATS, export
from tui.domain.tracker import Tracker
from tui.records import model
from tui.records.card_fields import CardFields
from tui.records.identifiers import (
    IDENTIFIER_FIELDS,
    IDENTIFIER_RULES,
    Identifier,
    IdentifierKind,
    identifier_kind,
)
from tui.records.model import Card
from tui.secrets.secret_store import SecretStore
from tui.secrets.secrets_setup import SecretsSetup
from tui.secrets.vault import VAULT_FILENAME, Vault
from tui.storage.json_storage import list_backups
from tui.storage.store import DB_FILENAME, SECRET_DROPPED, Store, read_checked
from tui.ui.card_form import CardForm
from tui.ui.secrets_screens import CopyPicker

PASS = "correct horse battery"
PIN = "4821"
# the PIN standing alone, not inside a random hex card id or base64 ciphertext
PIN_TEXT = re.compile(rf"(?<![0-9A-Za-z]){PIN}(?![0-9A-Za-z])")
PIN_BYTES = re.compile(PIN_TEXT.pattern.encode())
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
    raw = read_checked(tmp_path / DB_FILENAME)  # the file with its journal
    assert raw["cards"]["1"]["identifiers"]["port_pin"] == {"in": "vault"}
    assert not PIN_BYTES.search(readable_files(tmp_path))
    for fmt in FORMATS:
        text = export(tracker, fmt)
        assert not PIN_BYTES.search(text), fmt
    report = export(tracker, "md").decode()
    assert "**Port-out PIN:** set (kept in the encrypted file)" in report
    assert "•••• 2211" in report
    for fmt in FORMATS:  # the command line writes the same
        result = run_cli("export", "--format", fmt, data=tmp_path)
        assert result.returncode == 0 and not PIN_TEXT.search(result.stdout), result.stderr
    # undo after a delete that cannot write the PIN back leaves nothing of it
    tracker.delete_card(card.id)
    (tmp_path / VAULT_FILENAME).rename(tmp_path / "elsewhere")
    restored = tracker.undo_delete()
    assert "port_pin" not in restored.identifiers and restored.identifiers["iccid"].last4 == "2211"
    assert not PIN_BYTES.search(readable_files(tmp_path))


def test_an_old_export_with_a_pin_fragment_imports_without_it(tracker, tmp_path):
    card = tracker.add_card(CardFields("Old eSIM", "esim", "port-out"))
    doc = json.loads(export(tracker, "json"))
    doc["cards"][0]["card"]["identifiers"] = {"port_pin": {"last4": PIN, "in": "keyring"}}
    tracker.store.delete_card(card.id)
    path = tmp_path / "old-export.json"
    path.write_text(json.dumps(doc))
    from tui.domain.importer import import_file

    assert import_file(tracker, path).written
    [again] = tracker.store.cards()
    assert again.identifiers["port_pin"].to_doc() == {"in": "keyring"}
    assert PIN not in json.dumps(again.to_doc())


async def test_pin_typed_into_the_form_is_never_shown_or_written(make_app, tmp_path):
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
        await wait_until(pilot, lambda: not isinstance(app.screen, CardForm), "the form closed")
        [card] = store.cards()
        assert card.identifiers["port_pin"].kept_in == "vault"
        line = str(app.query_one("#identifiers", Static).render())
        assert "Port-out PIN set (encrypted file)" in line and "•••• 2211" in line
        assert not PIN_TEXT.search(screen_text(app))
        await pilot.press("e")  # the edit form says it is stored, not what it is
        assert isinstance(app.screen, CardForm)
        placeholder = app.screen.query_one("#id-port_pin", Input).placeholder
        assert placeholder.endswith("encrypted file") and PIN not in placeholder
        assert not PIN_TEXT.search(screen_text(app))
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("c")  # the copy picker
        assert isinstance(app.screen, CopyPicker)
        labels = [label for _, label in app.screen.choices]
        assert any("Port-out PIN" in label for label in labels)
        assert not any(PIN in label for label in labels)
        assert not PIN_TEXT.search(screen_text(app))
        await pilot.press("down", "enter")
        await settle(pilot)
        assert app.clipboard == PIN  # the value itself is still there, in the vault
        assert not PIN_TEXT.search(screen_text(app))  # and the message does not show it
        app.action_export()
        await pilot.pause()
    store.close()
    assert list((tmp_path / "exports").iterdir())
    assert not PIN_BYTES.search(readable_files(tmp_path))


def _v2_file(path) -> bytes:
    """A data file as the previous version wrote it, with PIN fragments."""
    card = {
        "kind": "esim",
        "intent": "port-out",
        "issuer": "",
        "region": "",
        "follow_up": "",
        "money": {},
        "notes": "",
        "abandoned": False,
        "created": "2026-02-01T09:00:00+00:00",
        "updated": "2026-02-01T09:00:00+00:00",
    }
    raw = {
        "cards": {
            "1": {
                **card,
                "id": "cold1",
                "label": "Old eSIM",
                "identifiers": {
                    "iccid": {"last4": "2211", "in": "vault"},
                    "port_pin": {"last4": PIN, "in": "vault"},
                },
            },
            "2": {
                **card,
                "id": "cold2",
                "label": "Travel eSIM",
                "identifiers": {"port_pin": {"last4": "7305", "in": None}},
            },
        },
        "progress": {},
        "log": {
            "1": {
                "at": "2026-02-01T09:00:00+00:00",
                "card_id": "cold1",
                "card_label": "Old eSIM",
                "event": "card.added",
                "detail": "",
                "params": {"kind": "esim", "intent": "port-out"},
            }
        },
        "meta": {"1": {"schema_version": 2}},
    }
    data = json.dumps(raw).encode()
    path.write_bytes(data)
    return data


async def test_pin_fragments_in_an_old_file_are_dropped_on_open(make_app, tmp_path):
    path = tmp_path / DB_FILENAME
    before = _v2_file(path)
    store = Store.open(path)
    after = path.read_bytes()
    assert PIN.encode() not in after and b"7305" not in after
    [backup] = list_backups(path)
    assert backup.path.read_bytes() == before  # the file as it was, kept aside first
    cards = {c.id: c for c in store.cards()}
    assert cards["cold1"].identifiers["port_pin"] == Identifier("", "vault", secret=True)
    assert cards["cold1"].identifiers["iccid"].last4 == "2211"
    assert cards["cold2"].identifiers == {}  # a PIN kept nowhere leaves no record
    dropped = [e for e in store.log() if e.event == SECRET_DROPPED]
    assert sorted((e.card_id, e.params["field"]) for e in dropped) == [
        ("cold1", "port_pin"),
        ("cold2", "port_pin"),
    ]
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(100):  # a bound on turns, not on time
            if "older version" in screen_text(app):
                break
            await pilot.pause()
        assert "older version" in screen_text(app)  # the log pane says what was done
        assert not PIN_TEXT.search(screen_text(app))
    store.close()
    reopened = Store.open(path)  # nothing more to do: no second backup, no second entry
    assert len(list_backups(path)) == 1
    assert len([e for e in reopened.log() if e.event == SECRET_DROPPED]) == 2
    reopened.close()


def test_the_upgrade_entry_reads_in_both_languages(tmp_path, content):
    from tui.base.i18n import Catalog
    from tui.ui.labels import log_text

    _v2_file(tmp_path / DB_FILENAME)
    store = Store.open(tmp_path / DB_FILENAME)
    entry = next(e for e in store.log() if e.event == SECRET_DROPPED)
    english = log_text(entry, Catalog(content.strings, "en"), with_card=True)
    assert "Port-out PIN: the characters an older version kept" in english
    chinese = log_text(entry, Catalog(content.strings, "zh-CN"), with_card=True)
    assert "携号转网授权码" in chinese and "数据文件" in chinese
    store.close()
