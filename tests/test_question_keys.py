"""Keys typed ahead of a question the user did not ask for (where to keep card numbers,
the encrypted file's passphrase) go to what they were typed for, the form, never to
the question; Escape on the question backs out, and the key typed next is the main
screen's."""

from __future__ import annotations

from textual.widgets import Input

from tests.helpers.pilot import lookup_answered, settle, wait_shown, wait_until
from tests.test_identifiers_app import PASS, SIZE, held_lookup, no_keyring
from tests.test_type_ahead import burst
from tui.domain.tracker import Tracker
from tui.records.card_fields import CardFields
from tui.secrets.secrets_setup import SecretsSetup, SecretsState
from tui.storage.store import DB_FILENAME, Store
from tui.ui.card_form import CardForm
from tui.ui.secrets_screens import PassphraseScreen, SecretsOffer
from tui.ui.status_line import StatusLine


def _name(app) -> str:
    return app.screen.query_one("#label", Input).value


async def _offer_shown(pilot) -> None:
    await wait_shown(pilot, SecretsOffer, "the offer")
    await settle(pilot)


async def _form_shown(pilot) -> None:
    await wait_shown(pilot, CardForm, "the card form")
    await settle(pilot)


async def test_keys_typed_with_a_go_to_the_form_after_the_offer(make_app, tmp_path):
    setup = SecretsSetup(tmp_path / "identifiers.vault", resolver=no_keyring)
    app = make_app(Store.open(tmp_path / DB_FILENAME), secrets=setup)
    async with app.run_test(size=SIZE) as pilot:
        await lookup_answered(pilot)
        burst(app, "a", "e", "S", "I", "M")
        await _offer_shown(pilot)
        assert isinstance(app.screen, SecretsOffer)  # e S I M did not answer it
        await pilot.press("n")  # not now
        await _form_shown(pilot)
        await wait_until(pilot, lambda: _name(app) == "eSIM", "eSIM in the form's Name")


async def test_an_n_typed_ahead_is_not_taken_as_not_now(make_app, tmp_path):
    setup = SecretsSetup(tmp_path / "identifiers.vault", resolver=no_keyring)
    app = make_app(Store.open(tmp_path / DB_FILENAME), secrets=setup)
    async with app.run_test(size=SIZE) as pilot:
        await lookup_answered(pilot)
        burst(app, "a", "n", "e", "w")
        await _offer_shown(pilot)
        assert isinstance(app.screen, SecretsOffer)
        assert setup.state is not SecretsState.DECLINED
        await pilot.press("n")
        await _form_shown(pilot)
        await wait_until(pilot, lambda: _name(app) == "new", "new in the form's Name")


async def test_escape_on_the_offer_backs_out_and_the_next_key_is_the_main_screens(
    make_app, tmp_path, content, clock
):
    store = Store.open(tmp_path / DB_FILENAME)
    Tracker(store, content.playbooks, clock).add_card(CardFields("Visa", "bank", "cancel"))
    setup = SecretsSetup(tmp_path / "identifiers.vault", resolver=no_keyring)
    app = make_app(store, secrets=setup)
    async with app.run_test(size=SIZE) as pilot:
        await lookup_answered(pilot)
        await pilot.press("a")
        await _offer_shown(pilot)
        burst(app, "escape", "e")  # as typed fast: back out, then edit the card
        # `e` is the main screen's edit, which asks the same question first (nothing
        # was decided): no form took the `e`
        await _offer_shown(pilot)
        assert setup.state is not SecretsState.DECLINED
        await pilot.press("n")
        await _form_shown(pilot)
        assert app.screen._card is not None and _name(app) == "Visa"  # the edit form
    assert [c.label for c in Store.open(tmp_path / DB_FILENAME).cards()] == ["Visa"]


async def test_escape_on_the_offer_drops_the_keys_typed_for_the_form(make_app, tmp_path):
    setup = SecretsSetup(tmp_path / "identifiers.vault", resolver=no_keyring)
    app = make_app(Store.open(tmp_path / DB_FILENAME), secrets=setup)
    async with app.run_test(size=SIZE) as pilot:
        await lookup_answered(pilot)
        burst(app, "a", "t", "x")  # `t` would switch the log's scope if it went on
        await _offer_shown(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, (SecretsOffer, CardForm))
        assert not app.log_all
        assert "asked again" in app.query_one(StatusLine).message
        await pilot.press("a")  # asked again: Escape decided nothing
        await _offer_shown(pilot)


async def test_keys_typed_during_the_lookup_wait_for_it_then_go_to_the_form(make_app, tmp_path):
    answer, slow_no_keyring = held_lookup()
    setup = SecretsSetup(tmp_path / "identifiers.vault", resolver=slow_no_keyring)
    app = make_app(Store.open(tmp_path / DB_FILENAME), secrets=setup)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert setup.state is SecretsState.PENDING
        burst(app, "a", "e", "S", "I", "M")
        await pilot.pause()
        assert not app.log_all  # nothing reached the main screen meanwhile
        answer.set()
        await _offer_shown(pilot)
        await pilot.press("n")
        await _form_shown(pilot)
        await wait_until(pilot, lambda: _name(app) == "eSIM", "eSIM in the form's Name")


async def test_keys_typed_with_a_never_go_into_the_passphrase(make_app, tmp_path):
    """An encrypted file exists: the lookup's answer asks its passphrase before the form
    that `a` opens; what was typed after `a` goes to the form, not the passphrase."""
    vault_path = tmp_path / "identifiers.vault"
    SecretsSetup(vault_path, resolver=no_keyring).create(PASS)
    answer, slow_no_keyring = held_lookup()
    setup = SecretsSetup(vault_path, resolver=slow_no_keyring)
    app = make_app(Store.open(tmp_path / DB_FILENAME), secrets=setup)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        burst(app, "a", "e", "S", "I", "M")
        await pilot.pause()
        answer.set()
        await wait_shown(pilot, PassphraseScreen, "passphrase")
        await settle(pilot)
        assert app.screen.query_one("#passphrase", Input).value == ""
        app.screen.query_one("#passphrase", Input).value = PASS
        await pilot.press("enter")
        await _form_shown(pilot)
        await wait_until(pilot, lambda: _name(app) == "eSIM", "eSIM in the form's Name")
