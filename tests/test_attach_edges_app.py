"""In the app: "Not now" on the key question ends an attach or an export there, and `E`
on a card whose files are not in this data dir names every one of them before asking
for a key (a JSON import or a restore from elsewhere)."""

from __future__ import annotations

from tests.helpers.pilot import lookup_answered, settle
from tui.domain.tracker import Tracker
from tui.records.card_fields import CardFields
from tui.secrets.secret_store import SystemKeyring
from tui.secrets.secrets_setup import SecretsSetup
from tui.storage.store import DB_FILENAME, Store
from tui.ui.attachment_screen import PathScreen
from tui.ui.secrets_screens import PassphraseScreen, SecretsOffer

SIZE = (80, 24)
PASS = "correct horse battery"


def no_keyring() -> SystemKeyring:
    return SystemKeyring(None, "fail.Keyring", "no recommended keyring backend is available")


async def test_not_now_ends_the_attach_there(make_app, content, clock, data_dir):
    store = Store.open(data_dir / DB_FILENAME)
    Tracker(store, content.playbooks, clock).add_card(CardFields("Metro card", "transit", "cancel"))
    app = make_app(store, secrets=SecretsSetup(data_dir / "identifiers.vault", resolver=no_keyring))
    async with app.run_test(size=SIZE) as pilot:
        await lookup_answered(pilot)
        for key, said in (("A", "attachment.declined"), ("E", None)):
            await pilot.press(key)
            if said is None:  # no files: said at once, nothing asked
                await settle(pilot)
                assert not isinstance(app.screen, SecretsOffer | PathScreen)
                assert app.status_line.message == app.t("attachment.none", label="Metro card")
                continue
            assert isinstance(app.screen, SecretsOffer)
            await pilot.press("n")  # Not now
            await settle(pilot)
            assert not isinstance(app.screen, PathScreen | SecretsOffer)
            assert app.status_line.message == app.t(said)
        assert store.cards()[0].attachments == ()
    store.close()


async def test_export_names_every_file_not_in_this_data_dir_before_the_key(
    make_app, content, clock, data_dir, tmp_path
):
    store = Store.open(data_dir / DB_FILENAME)
    tracker = Tracker(store, content.playbooks, clock)
    setup = SecretsSetup(data_dir / "identifiers.vault", resolver=no_keyring)
    tracker.secrets = setup.create(PASS)
    card = tracker.add_card(CardFields("Card me", "bank", "cancel", issuer="ICBC"))
    for n in range(4):
        source = tmp_path / f"empty {n}.pdf"
        source.write_bytes(b"%PDF " + str(n).encode())
        tracker.attach(card.id, source)
    for item in store.card(card.id).attachments:
        tracker._box().remove(item.id)
    app = make_app(store, secrets=SecretsSetup(data_dir / "identifiers.vault", resolver=no_keyring))
    async with app.run_test(size=SIZE) as pilot:
        await lookup_answered(pilot)
        assert isinstance(app.screen, PassphraseScreen)  # asked at start: put off
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, PassphraseScreen)
        await pilot.press("E")
        await settle(pilot)
        assert not isinstance(app.screen, PassphraseScreen | SecretsOffer | PathScreen)
        said = app.status_line.message
        assert "4 files attached to Card me are not in this data folder" in said
        assert all(f"empty {n}.pdf" in said for n in range(4)), said
    store.close()
