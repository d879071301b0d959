"""Nothing is left behind: a copied identifier leaves the clipboard after
`clipboard_clear` seconds, and the encrypted file locks again after `vault_idle_lock`
seconds without a key. Timers are moved by hand (ManualTimers)."""

from __future__ import annotations

from textual.widgets import Input, Static

from tests.helpers.pilot import lookup_answered, settle, wait_shown, wait_until
from tui.domain.tracker import Tracker
from tui.records.card_fields import CardFields
from tui.secrets.secret_store import SystemKeyring
from tui.secrets.secrets_setup import SecretsSetup, SecretsState
from tui.storage.store import DB_FILENAME, Store
from tui.ui.card_form import CardForm
from tui.ui.secrets_screens import CopyPicker, PassphraseScreen
from tui.ui.status_line import StatusLine

PASS = "correct horse battery"
ICCID = "89860077665544332211"
EID = "89049032000001000000012345678901"
SIZE = (80, 24)
CLEAR = "\x1b]52;c;\a"  # OSC 52 with an empty selection


def no_keyring() -> SystemKeyring:
    return SystemKeyring(None, "fail.Keyring", "no recommended keyring backend is available")


def seeded(tmp_path, content, clock) -> tuple[Store, SecretsSetup, str]:
    """A data file with one eSIM whose ICCID and EID are in an unlocked encrypted file."""
    store = Store.open(tmp_path / DB_FILENAME)
    setup = SecretsSetup(tmp_path / "identifiers.vault", resolver=no_keyring)
    tracker = Tracker(store, content.playbooks, clock, setup.create(PASS))
    card = tracker.add_card(CardFields("Old eSIM", "esim", "cancel"), {"iccid": ICCID, "eid": EID})
    return store, setup, card.id


def record_terminal_output(app) -> list[str]:
    """What the app writes to its terminal from now on (run_test's driver drops it)."""
    written: list[str] = []
    write = app._driver.write

    def keep(data: str) -> None:
        written.append(data)
        write(data)

    app._driver.write = keep
    return written


async def typed(pilot, text: str) -> None:
    await pilot.press(*[c if c != " " else "space" for c in text])


async def copy_iccid(pilot) -> None:
    await pilot.press("c")
    assert isinstance(pilot.app.screen, CopyPicker)
    await pilot.press("enter")  # the first: the ICCID
    await settle(pilot)
    assert pilot.app.clipboard == ICCID


# the clipboard
async def test_a_copied_identifier_is_cleared_after_thirty_seconds(
    make_app, tmp_path, content, clock, timers
):
    store, setup, _ = seeded(tmp_path, content, clock)
    app = make_app(store, secrets=setup)
    async with app.run_test(size=SIZE) as pilot:
        await lookup_answered(pilot)
        written = record_terminal_output(app)
        await copy_iccid(pilot)
        status = app.query_one(StatusLine)
        assert status.message == "Copied the ICCID of Old eSIM; the clipboard is cleared in 30 s."
        await timers.advance(29)
        assert app.clipboard == ICCID and CLEAR not in written
        await timers.advance(1)
        assert app.clipboard == "" and written[-1] == CLEAR
        assert status.message == "Cleared the clipboard."
    store.close()


async def test_the_time_comes_from_the_config_and_zero_turns_it_off(
    make_app, tmp_path, content, clock, timers
):
    store, setup, _ = seeded(tmp_path, content, clock)
    app = make_app(store, secrets=setup, clipboard_clear=5, vault_idle_lock=0)
    async with app.run_test(size=SIZE) as pilot:
        await lookup_answered(pilot)
        await copy_iccid(pilot)
        assert "cleared in 5 s" in app.query_one(StatusLine).message
        await timers.advance(5)
        assert app.clipboard == ""
    app = make_app(store, secrets=setup, clipboard_clear=0, vault_idle_lock=0)
    async with app.run_test(size=SIZE) as pilot:
        await lookup_answered(pilot)
        await copy_iccid(pilot)
        message = app.query_one(StatusLine).message
        assert message == "Copied the ICCID of Old eSIM to the clipboard."
        await timers.advance(3600)
        assert app.clipboard == ICCID
    store.close()


async def test_another_copy_in_the_app_calls_the_clearing_off(
    make_app, tmp_path, content, clock, timers
):
    store, setup, _ = seeded(tmp_path, content, clock)
    app = make_app(store, secrets=setup)
    async with app.run_test(size=SIZE) as pilot:
        await lookup_answered(pilot)
        await copy_iccid(pilot)
        await pilot.press("h", *"工行")  # a hotline number copied after it
        await pilot.pause()
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.clipboard == "95588", "the hotline's copy")
        await timers.advance(30)
        assert app.clipboard == "95588"
    store.close()


async def test_a_hotline_copy_is_not_cleared(make_app, timers):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h", *"工行")
        await pilot.pause()
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.clipboard == "95588", "the hotline's copy")
        assert "cleared" not in app.query_one(StatusLine).message
        await timers.advance(3600)
        assert app.clipboard == "95588"


async def test_quitting_first_clears_the_clipboard(make_app, tmp_path, content, clock):
    store, setup, _ = seeded(tmp_path, content, clock)
    app = make_app(store, secrets=setup)
    async with app.run_test(size=SIZE) as pilot:
        await lookup_answered(pilot)
        written = record_terminal_output(app)
        await copy_iccid(pilot)
        await pilot.press("q")
    assert app.clipboard == "" and written[-1] == CLEAR
    store.close()


# the idle lock
def locked(app, setup) -> bool:
    return (
        setup.state is SecretsState.VAULT_LOCKED
        and not setup.vault.unlocked
        and app.tracker.secrets is None
    )


async def test_the_encrypted_file_locks_after_ten_idle_minutes(
    make_app, tmp_path, content, clock, timers
):
    store, setup, _ = seeded(tmp_path, content, clock)
    app = make_app(store, secrets=setup)
    async with app.run_test(size=SIZE) as pilot:
        await lookup_answered(pilot)
        await timers.advance(599)
        assert not locked(app, setup) and app.tracker.secrets is not None
        await timers.advance(1)
        assert locked(app, setup)
        status = app.query_one(StatusLine)
        assert status.backend == "identifiers: encrypted file, locked"
        assert status.message.startswith("Identifiers locked after 10 min without a key")
        await pilot.press("c")  # the next copy asks for the passphrase again
        await wait_shown(pilot, PassphraseScreen, "the passphrase dialog")
        await typed(pilot, PASS)
        await pilot.press("enter")
        await settle(pilot)
        assert setup.state is SecretsState.VAULT and app.tracker.secrets is not None
        await timers.advance(599)  # counting again from the unlock
        assert not locked(app, setup)
        await timers.advance(1)
        assert locked(app, setup)
    store.close()


async def test_a_key_starts_the_count_again(make_app, tmp_path, content, clock, timers):
    store, setup, _ = seeded(tmp_path, content, clock)
    app = make_app(store, secrets=setup)
    async with app.run_test(size=SIZE) as pilot:
        await lookup_answered(pilot)
        await timers.advance(300)
        await pilot.press("question_mark")  # help, on top: the key counts wherever it goes
        await pilot.press("escape")
        await timers.advance(599)
        assert not locked(app, setup)
        await timers.advance(1)
        assert locked(app, setup)
    store.close()


async def test_identifiers_shown_are_hidden_when_it_locks(
    make_app, tmp_path, content, clock, timers
):
    store, setup, _ = seeded(tmp_path, content, clock)
    app = make_app(store, secrets=setup, vault_idle_lock=10)
    async with app.run_test(size=SIZE) as pilot:
        await lookup_answered(pilot)
        line = app.query_one("#identifiers", Static)
        await pilot.press("r")
        await settle(pilot)
        assert ICCID in str(line.render())
        await timers.advance(10)  # before the reveal's own 20 s
        assert locked(app, setup)
        assert ICCID not in str(line.render()) and "•••• 2211" in str(line.render())
    store.close()


async def test_saving_an_identifier_after_the_lock_asks_the_passphrase(
    make_app, tmp_path, content, clock, timers
):
    store, setup, card_id = seeded(tmp_path, content, clock)
    app = make_app(store, secrets=setup)
    new_iccid = "89860011112222333344"
    async with app.run_test(size=SIZE) as pilot:
        await lookup_answered(pilot)
        await pilot.press("e")
        form = app.screen
        assert isinstance(form, CardForm)
        form.query_one("#id-iccid", Input).focus()
        await pilot.press(*new_iccid)
        await timers.advance(600)  # left open, untouched
        assert locked(app, setup)
        await pilot.press("ctrl+s")
        await wait_shown(pilot, PassphraseScreen, "the passphrase dialog")
        await typed(pilot, PASS)
        await pilot.press("enter")
        status = app.query_one(StatusLine)
        await wait_until(pilot, lambda: status.message == "Saved Old eSIM.", "the form saved")
        assert not isinstance(app.screen, (PassphraseScreen, CardForm))
        assert app.tracker.secret(card_id, "iccid") == new_iccid
    store.close()


async def test_zero_never_locks(make_app, tmp_path, content, clock, timers):
    store, setup, _ = seeded(tmp_path, content, clock)
    app = make_app(store, secrets=setup, vault_idle_lock=0)
    async with app.run_test(size=SIZE) as pilot:
        await lookup_answered(pilot)
        await timers.advance(86400)
        assert setup.state is SecretsState.VAULT and app.tracker.secrets is not None
    store.close()
