"""A disk that refuses a write (full, read-only, no permission, failing) is an expected
error, not a crash: the message says what was not saved, the card form stays open with
what was typed, and nothing already saved is lost, on disk or on screen.

A full disk is made by refusing os.replace into the data folder, and os.pwrite to the
journal there, with ENOSPC (the steps every write of the store and the encrypted file
ends with: a base or the encrypted file replaced, a change appended to the journal),
and for real on a 64 KiB tmpfs where mounting is allowed; a read-only folder is a
read-only bind mount as root, a folder without write permission otherwise."""

from __future__ import annotations

import contextlib
import errno
import os
import subprocess
from pathlib import Path

import pytest
from textual.widgets import Input, Static

from tests.helpers.pilot import lookup_answered, settle, wait_until
from tui.base.errors import IdentifierError, TrackerError
from tui.base.i18n import Catalog
from tui.domain.tracker import Tracker
from tui.records.card_fields import CardFields
from tui.records.model import Card
from tui.secrets.secret_store import SecretStore, SystemKeyring
from tui.secrets.secrets_setup import SecretsSetup
from tui.storage.journal import JOURNAL_SUFFIX, journal_path
from tui.storage.json_storage import BACKUP_DIR, list_backups, stray_temps, whole_bytes
from tui.storage.store import DB_FILENAME, Store, StoreWriteError
from tui.ui.card_form import CardForm
from tui.ui.inventory_pane import CardTable

ICCID = "89860012345678901234"
SIZE = (80, 24)


class MemoryKeyring:
    def __init__(self) -> None:
        self.values: dict[tuple[str, str], str] = {}

    def set_password(self, service, username, password):
        self.values[(service, username)] = password

    def get_password(self, service, username):
        return self.values.get((service, username))

    def delete_password(self, service, username):
        self.values.pop((service, username), None)


class RefusedWrites:
    """os.replace into `folder`, and os.pwrite to a journal in it, fail with `code` while
    `on` (after `allow` more successful ones)."""

    def __init__(self, monkeypatch, folder: Path, code: int = errno.ENOSPC) -> None:
        self.folder, self.code, self.on, self.allow = folder.resolve(), code, False, 0
        real_replace, real_pwrite = os.replace, os.pwrite

        def refuse(dst) -> None:
            if self.on and Path(dst).resolve().is_relative_to(self.folder):
                if self.allow > 0:
                    self.allow -= 1
                else:
                    raise OSError(self.code, os.strerror(self.code), str(dst))

        def replace(src, dst, *args, **kwargs):
            refuse(dst)
            return real_replace(src, dst, *args, **kwargs)

        def pwrite(fd, data, offset):
            target = os.readlink(f"/proc/self/fd/{fd}")
            if target.endswith(JOURNAL_SUFFIX):  # not the lock's counter: written in place
                refuse(target)
            return real_pwrite(fd, data, offset)

        monkeypatch.setattr(os, "replace", replace)
        monkeypatch.setattr(os, "pwrite", pwrite)


@pytest.fixture
def refused(monkeypatch, tmp_path) -> RefusedWrites:
    return RefusedWrites(monkeypatch, tmp_path)


def _refuses_writes(folder: Path) -> bool:
    probe = folder / ".probe"
    try:
        probe.touch()
    except PermissionError:
        return True
    probe.unlink()
    return False


@contextlib.contextmanager
def read_only(folder: Path):
    """`folder` made read-only for real: no write permission (EACCES); or, where
    permissions do not stop the user (root), a read-only bind mount of it (EROFS).
    Yields the problem the store should name: "denied" or "read_only"."""
    os.chmod(folder, 0o555)
    try:
        if _refuses_writes(folder):
            yield "denied"
            return
    finally:
        os.chmod(folder, 0o755)
    bind = subprocess.run(["mount", "--bind", folder, folder], capture_output=True, text=True)
    if bind.returncode != 0:
        pytest.skip(f"permissions do not stop this user; mounting is not allowed: {bind.stderr}")
    try:
        subprocess.run(["mount", "-o", "remount,bind,ro", folder], check=True)
        yield "read_only"
    finally:
        subprocess.run(["umount", folder], check=True)


def file_state(path: Path) -> bytes:
    """The data file's whole state, as one file's bytes (the base with its journal)."""
    return whole_bytes(path)


def journal_bytes(path: Path) -> bytes:
    journal = journal_path(path)
    return journal.read_bytes() if journal.exists() else b""


# the store
def test_a_refused_write_changes_nothing_on_disk_or_in_what_is_read(
    tmp_path, refused, content, clock
):
    path = tmp_path / DB_FILENAME
    store = Store.open(path)
    tracker = Tracker(store, content.playbooks, clock)
    tracker.add_card(CardFields("Kept", "bank", "cancel"))
    before, journal = file_state(path), journal_bytes(path)
    refused.on = True
    with pytest.raises(StoreWriteError) as caught:
        store.save_card(Card.create(CardFields("Refused", "bank", "cancel"), clock()))
    assert caught.value.problem == "full" and "No space left" in caught.value.detail
    assert file_state(path) == before and not stray_temps(path)
    assert journal_bytes(path) == journal  # no part of the refused change is left
    assert [c.label for c in store.cards()] == ["Kept"]  # not the change that was refused
    refused.on = False
    tracker.add_card(CardFields("Later", "bank", "cancel"))
    assert [c.label for c in Store.open(path).cards()] == ["Kept", "Later"]


def test_the_sessions_first_backup_is_tried_again_after_a_refused_write(
    tmp_path, monkeypatch, content, clock
):
    path = tmp_path / DB_FILENAME
    first = Tracker(Store.open(path), content.playbooks, clock)
    first.add_card(CardFields("Kept", "bank", "cancel"))
    for backup in list_backups(path):
        backup.path.unlink()
    refused = RefusedWrites(monkeypatch, tmp_path / BACKUP_DIR)
    refused.on = True
    second = Tracker(Store.open(path), content.playbooks, clock)
    with pytest.raises(TrackerError):
        second.add_card(CardFields("Refused", "bank", "cancel"))
    assert not list_backups(path)
    refused.on = False
    second.add_card(CardFields("Later", "bank", "cancel"))
    [backup] = list_backups(path)
    assert [c.label for c in Store.open(backup.path).cards()] == ["Kept"]


@pytest.mark.parametrize(
    ("code", "problem"),
    [
        (errno.ENOSPC, "full"),
        (errno.EDQUOT, "full"),
        (errno.EROFS, "read_only"),
        (errno.EACCES, "denied"),
        (errno.EIO, "io"),
        (errno.ENAMETOOLONG, "other"),
    ],
)
def test_each_refusal_is_named_for_the_user(tmp_path, monkeypatch, content, code, problem):
    path = tmp_path / DB_FILENAME
    tracker = Tracker(Store.open(path), content.playbooks)
    refused = RefusedWrites(monkeypatch, tmp_path, code)
    refused.on = True
    with pytest.raises(TrackerError) as caught:
        tracker.add_card(CardFields("Refused", "bank", "cancel"))
    exc = caught.value
    assert exc.key == "error.not_saved" and exc.params["problem"] == f"disk.{problem}"
    for lang in ("en", "zh-CN"):
        text = Catalog(content.strings, lang)(exc.key, **exc.params)
        assert "{" not in text and "disk." not in text, text
        assert (os.strerror(code) if problem == "other" else str(tmp_path)) in text, text


def test_a_full_tmpfs_refuses_a_write_and_keeps_the_last_good_file(tmp_path, content):
    """For real: a 64 KiB tmpfs filled by the data file itself (needs mount rights)."""
    small = tmp_path / "small"
    small.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", small], capture_output=True, text=True
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here (needs root): {mounted.stderr.strip()}")
    try:
        path = small / DB_FILENAME
        store = Store.open(path, keep_backups=0)
        tracker = Tracker(store, content.playbooks)
        saved = []
        with pytest.raises(TrackerError) as caught:
            for n in range(200):
                label = f"Card {n}"
                tracker.add_card(CardFields(label, "bank", "cancel", notes="x" * 2000))
                saved.append(label)
        assert caught.value.params["problem"] == "disk.full" and saved
        assert [c.label for c in store.cards()] == saved
        store.close()
        assert [c.label for c in Store.open(path, keep_backups=0).cards()] == saved
        assert not stray_temps(path)
    finally:
        subprocess.run(["umount", small], check=True)


def test_a_read_only_folder_refuses_the_write_and_keeps_the_file(tmp_path, content):
    data = tmp_path / "data"
    data.mkdir()
    path = data / DB_FILENAME
    tracker = Tracker(Store.open(path), content.playbooks)
    tracker.add_card(CardFields("Kept", "bank", "cancel"))
    before = file_state(path)
    with read_only(data) as problem:
        with pytest.raises(TrackerError) as caught:
            tracker.add_card(CardFields("Refused", "bank", "cancel"))
        assert caught.value.params["problem"] == f"disk.{problem}"
        assert [c.label for c in tracker.store.cards()] == ["Kept"]
    assert file_state(path) == before


# the tracker: nothing already saved is lost
@pytest.fixture
def keyring_tracker(tmp_path, content, clock):
    keyring = MemoryKeyring()
    secrets = SecretStore(keyring, "memory", "keyring")
    store = Store.open(tmp_path / DB_FILENAME)
    tracker = Tracker(store, content.playbooks, clock, secrets, content.issuers)
    tracker.keyring = keyring
    yield tracker
    store.close()


def test_a_refused_new_card_stores_no_identifier(keyring_tracker, refused):
    refused.on = True
    with pytest.raises(TrackerError):
        keyring_tracker.add_card(CardFields("eSIM", "esim", "cancel"), {"iccid": ICCID})
    assert keyring_tracker.keyring.values == {} and keyring_tracker.store.cards() == []


def test_an_identifier_whose_record_is_refused_can_be_saved_again(keyring_tracker, refused):
    # the card is saved; not its ICCID (the session's backup is a hard link: no os.replace)
    refused.on, refused.allow = True, 1
    fields = CardFields("eSIM", "esim", "cancel")
    with pytest.raises(IdentifierError) as caught:
        keyring_tracker.add_card(fields, {"iccid": ICCID})
    exc = caught.value
    assert exc.field == "iccid" and exc.error.key == "error.not_saved"
    assert exc.error.params["problem"] == "disk.full"
    [card] = keyring_tracker.store.cards()
    assert card.identifiers == {}
    refused.on = False
    again = keyring_tracker.edit_card(exc.card.id, fields, {"iccid": ICCID})  # Save again
    assert [c.id for c in keyring_tracker.store.cards()] == [card.id]
    assert again.identifiers["iccid"].last4 == "1234"
    assert keyring_tracker.secret(card.id, "iccid") == ICCID


def test_a_refused_delete_keeps_the_card_and_its_identifiers(keyring_tracker, refused):
    card = keyring_tracker.add_card(CardFields("eSIM", "esim", "cancel"), {"iccid": ICCID})
    refused.on = True
    with pytest.raises(TrackerError):
        keyring_tracker.delete_card(card.id)
    assert [c.id for c in keyring_tracker.store.cards()] == [card.id]
    assert keyring_tracker.secret(card.id, "iccid") == ICCID
    assert not keyring_tracker.can_undo()


def test_a_refused_undo_can_be_tried_again(keyring_tracker, refused):
    card = keyring_tracker.add_card(CardFields("eSIM", "esim", "cancel"), {"iccid": ICCID})
    keyring_tracker.delete_card(card.id)
    refused.on = True
    with pytest.raises(TrackerError):
        keyring_tracker.undo_delete()
    assert keyring_tracker.can_undo() and keyring_tracker.store.cards() == []
    refused.on = False
    restored = keyring_tracker.undo_delete()
    assert restored.id == card.id and keyring_tracker.secret(card.id, "iccid") == ICCID


# the app: the form stays open with what was typed
async def typed(pilot, text: str) -> None:
    await pilot.press(*[c if c != " " else "space" for c in text])


async def add_through_the_form(app, pilot) -> CardForm:
    await lookup_answered(pilot)
    await pilot.press("a")
    await wait_until(pilot, lambda: isinstance(app.screen, CardForm), "the card form")
    form = app.screen
    await typed(pilot, "New eSIM")
    form.query_one("#id-iccid", Input).focus()
    await typed(pilot, ICCID)
    await pilot.press("ctrl+s")
    await settle(pilot)
    return form


def keyring_setup(tmp_path, keyring):
    return SecretsSetup(
        tmp_path / "identifiers.vault", resolver=lambda: SystemKeyring(keyring, "memory")
    )


async def test_a_full_disk_keeps_the_form_open_with_what_was_typed(make_app, tmp_path, refused):
    path = tmp_path / DB_FILENAME
    store = Store.open(path)
    keyring = MemoryKeyring()
    app = make_app(store, secrets=keyring_setup(tmp_path, keyring))
    app.tracker.add_card(CardFields("Kept", "bank", "cancel"))
    before = file_state(path)
    refused.on = True
    async with app.run_test(size=SIZE) as pilot:
        form = await add_through_the_form(app, pilot)
        assert app.screen is form
        message = " ".join(str(form.query_one("#form-error", Static).render()).split())
        assert message.startswith("The card was not saved, because the disk is full")
        assert "What you typed is still here" in message
        assert form.query_one("#label", Input).value == "New eSIM"
        assert form.query_one("#id-iccid", Input).value == ICCID
        assert app.query_one(CardTable).row_count == 1  # no card that was not saved
        assert file_state(path) == before and keyring.values == {}
        refused.on = False
        await pilot.press("ctrl+s")  # Save tries again
        await settle(pilot)
        assert not isinstance(app.screen, CardForm)
        assert app.query_one(CardTable).row_count == 2
    store.close()
    cards = Store.open(path).cards()
    assert [c.label for c in cards] == ["Kept", "New eSIM"]
    assert cards[1].identifiers["iccid"].last4 == "1234"


async def test_a_read_only_data_folder_keeps_the_form_open(make_app, tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    path = data / DB_FILENAME
    store = Store.open(path)
    app = make_app(store, secrets=keyring_setup(tmp_path, MemoryKeyring()))
    app.tracker.add_card(CardFields("Kept", "bank", "cancel"))
    before = file_state(path)
    async with app.run_test(size=SIZE) as pilot:
        with read_only(data) as problem:
            form = await add_through_the_form(app, pilot)
        assert app.screen is form
        message = " ".join(str(form.query_one("#form-error", Static).render()).split())
        assert message.startswith("The card was not saved, because")
        assert ("read-only" if problem == "read_only" else "may not write") in message
        assert form.query_one("#id-iccid", Input).value == ICCID
        assert app.query_one(CardTable).row_count == 1
    store.close()
    assert file_state(path) == before


@pytest.mark.parametrize("already", [True, False], ids=["being-reported", "to-switch"])
async def test_the_lost_wallet_calls_open_on_a_read_only_disk(
    tmp_path, make_app, content, clock, already
):
    """Found by a tester: with the data dir read-only, `L` then Enter never showed whom to
    call, only *Not saved*, even when nothing needed writing (every card being reported
    lost already). The list opens whatever the disk does: what could not be written is
    said, and the calls are what matters to someone whose wallet is gone."""
    from tests.helpers.pilot import settle, wait_shown
    from tui.ui.lost_wallet import LostWalletScreen
    from tui.ui.lost_wallet_pick import LostWalletPick

    data = tmp_path / "data"
    path = data / DB_FILENAME
    store = Store.open(path)
    tracker = Tracker(store, content.playbooks, clock, issuers=content.issuers)
    intent = "report-lost" if already else "cancel"
    tracker.add_card(CardFields("ICBC debit", "bank", intent, "ICBC", "CN", carried=True))
    before = file_state(path)
    with read_only(data):
        app = make_app(store)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await pilot.press("L")
            await wait_shown(pilot, LostWalletPick, "the pick")
            await pilot.press("enter")
            if not already:  # the switch is asked first, then refused by the disk
                await settle(pilot)
                await pilot.press("y")
            await wait_shown(pilot, LostWalletScreen, "whom to call")
            await settle(pilot)
            assert [view.card.label for view in app.screen.views] == ["ICBC debit"]
            said = app.status_line.message
            assert already or "Not saved" in said, said
    assert file_state(path) == before
    store.close()
