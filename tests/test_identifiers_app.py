"""Pilot flows for identifiers on a machine with no keyring: the encrypted-file offer,
passphrase, masked display, reveal, copy, edit, delete and undo."""

from __future__ import annotations

import json
import threading

import pytest
from textual.widgets import Input, Static

from tests.helpers.pilot import lookup_answered, settle, wait_shown, wait_until
from tui.domain.tracker import Tracker
from tui.records.card_fields import CardFields
from tui.secrets.secret_store import SystemKeyring
from tui.secrets.secrets_setup import SecretsSetup, SecretsState
from tui.secrets.vault import Vault
from tui.storage.store import DB_FILENAME, Store
from tui.ui.card_form import CardForm
from tui.ui.identifier_actions import LOOKUP_WAIT_SECONDS, REVEAL_SECONDS
from tui.ui.secrets_screens import CopyPicker, PassphraseScreen, SecretsOffer
from tui.ui.status_line import StatusLine

PASS = "correct horse battery"
ICCID = "89860077665544332211"
EID = "89049032000001000000012345678901"
SIZE = (80, 24)


def no_keyring() -> SystemKeyring:
    """What keyring resolves to with no session bus (test_vault checks that for real)."""
    return SystemKeyring(None, "fail.Keyring", "no recommended keyring backend is available")


async def typed(pilot, text: str) -> None:
    await pilot.press(*[c if c != " " else "space" for c in text])


def files_text(*folders) -> bytes:
    return b"".join(p.read_bytes() for f in folders for p in f.rglob("*") if p.is_file())


async def test_new_user_is_offered_the_vault_and_adds_an_esim(make_app, tmp_path):
    store = Store.open(tmp_path / DB_FILENAME)
    setup = SecretsSetup(tmp_path / "identifiers.vault", resolver=no_keyring)
    app = make_app(store, secrets=setup)
    async with app.run_test(size=SIZE) as pilot:
        await lookup_answered(pilot)
        assert "no keyring" in app.query_one(StatusLine).backend
        await pilot.press("a")
        assert isinstance(app.screen, SecretsOffer)
        await pilot.press("enter")  # "Use an encrypted file"
        assert isinstance(app.screen, PassphraseScreen) and app.screen.create
        await typed(pilot, PASS)
        await pilot.press("enter")
        await typed(pilot, PASS + "x")
        await pilot.press("enter")
        await settle(pilot)
        assert "differ" in str(app.screen.query_one("#passphrase-error", Static).render())
        await typed(pilot, PASS)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CardForm)
        assert setup.state is SecretsState.VAULT and setup.vault.exists()
        await typed(pilot, "Old eSIM")
        app.screen.query_one("#id-iccid", Input).focus()
        await typed(pilot, ICCID)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, CardForm)
        assert "encrypted file" in app.query_one(StatusLine).backend
        line = str(app.query_one("#identifiers", Static).render())
        assert "•••• 2211" in line and ICCID not in line
    store.close()
    [card] = Store.open(tmp_path / DB_FILENAME).cards()
    assert card.identifiers["iccid"].kept_in == "vault"
    assert ICCID.encode() not in files_text(tmp_path)


async def test_declining_disables_identifier_fields_and_says_why(make_app, tmp_path):
    store = Store.in_memory()
    setup = SecretsSetup(tmp_path / "identifiers.vault", resolver=no_keyring)
    app = make_app(store, secrets=setup)
    async with app.run_test(size=SIZE) as pilot:
        await lookup_answered(pilot)
        await pilot.press("a")
        await settle(pilot)
        await pilot.press("n")  # not now (Escape backs out of the add)
        await pilot.pause()
        form = app.screen
        assert isinstance(form, CardForm)
        assert form.query_one("#id-iccid", Input).disabled
        assert "no keyring here" in str(form.query_one("#identifiers-off", Static).render())
        await typed(pilot, "Plain card")
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("a")  # declined for the session: no second offer
        assert isinstance(app.screen, CardForm)
    assert [c.label for c in store.cards()] == ["Plain card"] and not setup.vault.exists()


def _seed_vault(tmp_path, content, clock):
    """A data dir whose card has an ICCID and an EID in an existing vault."""
    store = Store.open(tmp_path / DB_FILENAME)
    setup = SecretsSetup(tmp_path / "identifiers.vault", resolver=no_keyring)
    tracker = Tracker(store, content.playbooks, clock, setup.create(PASS))
    card = tracker.add_card(CardFields("Old eSIM", "esim", "cancel"), {"iccid": ICCID, "eid": EID})
    store.close()
    return card


async def test_existing_vault_asks_passphrase_once_and_refuses_a_wrong_one(
    make_app, tmp_path, content, clock
):
    _seed_vault(tmp_path, content, clock)
    store = Store.open(tmp_path / DB_FILENAME)
    setup = SecretsSetup(tmp_path / "identifiers.vault", resolver=no_keyring)
    app = make_app(store, secrets=setup)
    async with app.run_test(size=SIZE) as pilot:
        await wait_shown(pilot, PassphraseScreen, "the passphrase dialog")
        assert not app.screen.create
        await typed(pilot, "wrong passphrase")
        await pilot.press("enter")
        await settle(pilot)
        error = str(app.screen.query_one("#passphrase-error", Static).render())
        assert (
            "Wrong passphrase" in error and app.screen.query_one("#passphrase", Input).value == ""
        )
        await typed(pilot, PASS)
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, PassphraseScreen)
        assert app.tracker.secrets is not None
    store.close()


async def test_reveal_then_mask_again_and_copy(make_app, tmp_path, content, clock, timers):
    _seed_vault(tmp_path, content, clock)
    store = Store.open(tmp_path / DB_FILENAME)
    setup = SecretsSetup(tmp_path / "identifiers.vault", resolver=no_keyring)
    setup.unlock(PASS)
    app = make_app(store, secrets=setup)
    async with app.run_test(size=SIZE) as pilot:
        await lookup_answered(pilot)
        line = app.query_one("#identifiers", Static)
        assert ICCID not in str(line.render()) and "•••• 2211" in str(line.render())
        await pilot.press("r")
        await settle(pilot)
        assert ICCID in str(line.render()) and EID in str(line.render())
        await timers.advance(REVEAL_SECONDS - 1)
        assert ICCID in str(line.render())  # still shown a second before
        await timers.advance(1)
        assert ICCID not in str(line.render()) and "•••• 2211" in str(line.render())
        await pilot.press("c")
        assert isinstance(app.screen, CopyPicker)
        await pilot.press("down", "enter")  # the EID
        await settle(pilot)
        assert app.clipboard == EID
        message = app.query_one(StatusLine).message
        assert message == "Copied the EID of Old eSIM; the clipboard is cleared in 30 s."
        assert EID not in message
    store.close()


async def test_revealing_again_gives_another_full_twenty_seconds(
    make_app, tmp_path, content, clock, timers
):
    _seed_vault(tmp_path, content, clock)
    store = Store.open(tmp_path / DB_FILENAME)
    setup = SecretsSetup(tmp_path / "identifiers.vault", resolver=no_keyring)
    setup.unlock(PASS)
    app = make_app(store, secrets=setup, vault_idle_lock=0)  # its timer is not counted below
    async with app.run_test(size=SIZE) as pilot:
        await lookup_answered(pilot)
        line = app.query_one("#identifiers", Static)
        await pilot.press("r")
        await settle(pilot)
        await timers.advance(10)
        await pilot.press("r")  # hidden by hand
        assert ICCID not in str(line.render())
        await pilot.press("r")
        await settle(pilot)
        await timers.advance(REVEAL_SECONDS - 5)  # past the first reveal's 20 s
        assert ICCID in str(line.render())
        await timers.advance(5)
        assert ICCID not in str(line.render())
        assert len(timers.pending()) == 1  # the periodic change check, nothing else
    store.close()


async def test_edit_replaces_delete_removes_undo_restores(make_app, tmp_path, content, clock):
    card = _seed_vault(tmp_path, content, clock)
    store = Store.open(tmp_path / DB_FILENAME)
    setup = SecretsSetup(tmp_path / "identifiers.vault", resolver=no_keyring)
    setup.unlock(PASS)
    app = make_app(store, secrets=setup)
    new_iccid = "89860011112222333344"
    async with app.run_test(size=SIZE) as pilot:
        await lookup_answered(pilot)
        await pilot.press("e")
        form = app.screen
        assert "•••• 2211 stored" in form.query_one("#id-iccid", Input).placeholder
        form.query_one("#id-iccid", Input).focus()
        await typed(pilot, new_iccid)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.tracker.secret(card.id, "iccid") == new_iccid
        assert app.tracker.secret(card.id, "eid") == EID  # untouched when left blank
        await pilot.press("d", "y")
        await settle(pilot)
        reader = Vault(setup.vault.path)
        reader.unlock(PASS)
        assert reader.get_password("cardoff-tui", f"card/{card.id}/iccid") is None
        await pilot.press("u")
        await settle(pilot)
        assert app.tracker.secret(card.id, "iccid") == new_iccid
    store.close()


async def test_bad_iccid_keeps_the_form(make_app, tmp_path):
    store = Store.in_memory()
    setup = SecretsSetup(tmp_path / "identifiers.vault", resolver=no_keyring)
    setup.create(PASS)
    app = make_app(store, secrets=setup)
    async with app.run_test(size=SIZE) as pilot:
        await lookup_answered(pilot)
        await pilot.press("a")
        await typed(pilot, "Phone")
        app.screen.query_one("#id-iccid", Input).focus()
        await typed(pilot, "12345")
        await pilot.press("ctrl+s")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, CardForm)
        assert "18 to 22 digits" in str(form.query_one("#form-error", Static).render())
        assert form.query_one("#id-iccid", Input).value == "12345"
    assert store.cards() == []


async def test_lost_vault_is_reported_and_not_recreated(make_app, tmp_path, content, clock):
    _seed_vault(tmp_path, content, clock)
    (tmp_path / "identifiers.vault").unlink()
    store = Store.open(tmp_path / DB_FILENAME)
    setup = SecretsSetup(tmp_path / "identifiers.vault", resolver=no_keyring)
    app = make_app(store, secrets=setup)
    async with app.run_test(size=SIZE) as pilot:
        await lookup_answered(pilot)
        message = app.query_one(StatusLine).message
        assert "is missing: 2 stored identifiers" in message and "not recreated" in message
    store.close()
    assert not (tmp_path / "identifiers.vault").exists()
    raw = json.loads((tmp_path / DB_FILENAME).read_text())
    [card] = raw["cards"].values()
    assert card["identifiers"]["iccid"] == {"last4": "2211", "in": "vault"}


async def test_backend_failure_mid_session_keeps_card_and_typed_value(make_app, tmp_path):
    store = Store.in_memory()
    setup = SecretsSetup(tmp_path / "identifiers.vault", resolver=no_keyring)
    setup.create(PASS)
    saved = setup.vault.path.read_bytes()
    setup.vault.path.unlink()  # lost while the app runs
    app = make_app(store, secrets=setup)
    async with app.run_test(size=SIZE) as pilot:
        await lookup_answered(pilot)
        await pilot.press("a")
        await typed(pilot, "Phone")
        app.screen.query_one("#id-iccid", Input).focus()
        await typed(pilot, ICCID)
        await pilot.press("ctrl+s")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, CardForm)
        error = str(form.query_one("#form-error", Static).render())
        assert "The card is saved" in error and "missing" in error
        assert form.query_one("#id-iccid", Input).value == ICCID
        assert [c.label for c in store.cards()] == ["Phone"]
        setup.vault.path.write_bytes(saved)  # put back: Save retries
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, CardForm)
    [card] = store.cards()
    assert card.identifiers["iccid"].kept_in == "vault"


def held_lookup():
    """A keyring lookup that answers 'no keyring' only once the event is set."""
    answer = threading.Event()

    def resolver() -> SystemKeyring:
        answer.wait(10)
        return no_keyring()

    return answer, resolver


async def test_add_pressed_during_the_keyring_lookup_waits_for_its_answer(make_app, tmp_path):
    """Type-ahead or a slow D-Bus: `a` before the lookup answers still meets the
    encrypted-file offer once it answers, instead of skipping it."""
    answer, slow_no_keyring = held_lookup()
    setup = SecretsSetup(tmp_path / "identifiers.vault", resolver=slow_no_keyring)
    app = make_app(Store.open(tmp_path / DB_FILENAME), secrets=setup)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert setup.state is SecretsState.PENDING
        await pilot.press("a")
        await pilot.pause()
        assert not isinstance(app.screen, (SecretsOffer, CardForm))  # waiting for the answer
        answer.set()
        await wait_shown(pilot, SecretsOffer, "the offer once the lookup answers")
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, CardForm)


async def test_a_lookup_that_does_not_answer_does_not_hold_the_form_back(
    make_app, tmp_path, timers
):
    answer, stuck = held_lookup()
    setup = SecretsSetup(tmp_path / "identifiers.vault", resolver=stuck)
    app = make_app(Store.open(tmp_path / DB_FILENAME), secrets=setup)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        await timers.advance(LOOKUP_WAIT_SECONDS - 0.1)
        assert not isinstance(app.screen, CardForm)  # still waiting for the answer
        await timers.advance(0.1)
        assert isinstance(app.screen, CardForm)  # identifiers off ("still looking")
        off = app.screen.query_one("#identifiers-off", Static)
        assert "Still looking for a keyring" in str(off.render())
        answer.set()
        await lookup_answered(pilot)
        await pilot.pause()
        assert isinstance(app.screen, CardForm)  # no offer on top of what the user types


async def test_a_keyring_reason_with_brackets_is_shown_as_text(make_app, tmp_path):
    def odd_reason() -> SystemKeyring:
        return SystemKeyring(None, "fail.Keyring", "OSError: [Errno 2] no such file: '[/]'")

    setup = SecretsSetup(tmp_path / "identifiers.vault", resolver=odd_reason)
    app = make_app(Store.open(tmp_path / DB_FILENAME), secrets=setup)
    async with app.run_test(size=SIZE) as pilot:
        await lookup_answered(pilot)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, SecretsOffer)
        body = app.screen.query_one(".dialog-question", Static)
        assert "[Errno 2] no such file: '[/]'" in str(body.render())


@pytest.mark.parametrize("vault_exists", [False, True], ids=["offer", "passphrase"])
async def test_escape_on_the_offer_still_opens_a_form_kept_from_the_last_session(
    make_app, tmp_path, vault_exists
):
    """A draft kept when the last session ended waits for the keyring question at start:
    Escape on that question (or on the passphrase) goes on as "Not now", and the form
    opens with what was typed, never hidden until the next start."""
    from tui.domain.drafts import FormDraft, keep_draft, read_draft

    store = Store.open(tmp_path / DB_FILENAME)
    keep_draft(tmp_path, FormDraft(None, CardFields("Draft card", "bank", "cancel"), "SIGTERM"))
    setup = SecretsSetup(tmp_path / "identifiers.vault", resolver=no_keyring)
    if vault_exists:
        Vault(tmp_path / "identifiers.vault").create(PASS)
    app = make_app(store, secrets=setup)
    async with app.run_test(size=SIZE) as pilot:
        await lookup_answered(pilot)
        await wait_shown(pilot, SecretsOffer | PassphraseScreen, "the question")
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, CardForm), "the form")
        assert app.screen.query_one("#label", Input).value == "Draft card"
    assert read_draft(tmp_path) is not None  # kept until the form is saved or closed
    store.close()
