"""Attaching a file from the app (A, then a path) and writing it out again (E), with
gnome-keyring's real Secret Service keeping the data key."""

from __future__ import annotations

import os
from dataclasses import replace

import pytest
from textual.widgets import Input, Static

from tests.helpers.pilot import lookup_answered, settle, wait_shown, wait_until
from tui.domain.tracker import Tracker
from tui.records.attachments import Attachment, new_attachment_id
from tui.records.card_fields import CardFields
from tui.secrets.secrets_setup import SecretsSetup, SecretsState
from tui.storage.store import DB_FILENAME, Store
from tui.ui.attachment_screen import PathScreen
from tui.ui.dialogs import ConfirmDialog


@pytest.mark.slow
async def test_attach_a_file_from_the_app_and_export_it(
    secret_service, make_app, content, clock, tmp_path
):
    data = tmp_path / "data"
    data.mkdir()
    store = Store.open(data / DB_FILENAME)
    Tracker(store, content.playbooks, clock).add_card(CardFields("Metro card", "transit", "cancel"))
    marker = os.urandom(64)
    source = tmp_path / "refund slip.pdf"
    source.write_bytes(b"%PDF " + marker)
    setup = SecretsSetup(data / "identifiers.vault")
    app = make_app(store, secrets=setup)
    async with app.run_test(size=(80, 24)) as pilot:
        await lookup_answered(pilot)
        assert setup.state is SecretsState.KEYRING
        await pilot.press("A")
        await wait_until(pilot, lambda: isinstance(app.screen, PathScreen), "the attach dialog")
        assert "at most 20 MB" in str(app.screen.query_one(".dialog-box Static").render())
        # a path that leads nowhere: said in the dialog, which keeps what was typed
        await pilot.press(*str(tmp_path / "nope.pdf"), "enter")
        error = app.screen.query_one("#dialog-error", Static)
        await wait_until(pilot, lambda: "There is no file" in str(error.render()), "the refusal")
        field = app.screen.query_one("#at-path", Input)
        assert field.value == str(tmp_path / "nope.pdf")
        field.value = ""
        await pilot.press(*str(source), "enter")
        await wait_until(pilot, lambda: not isinstance(app.screen, PathScreen), "the attach")
        await settle(pilot)
        [card] = store.cards()
        [attachment] = card.attachments
        assert attachment.name == "refund slip.pdf" and attachment.kept_in == "keyring"
        line = str(app.query_one("#identifiers", Static).render())
        assert "1 file (E export)" in line
        assert store.log(card.id)[0].event == "attachment.added"
        for root, _dirs, files in os.walk(data):
            for name in files:
                assert marker not in open(os.path.join(root, name), "rb").read(), name

        await pilot.press("E")
        await wait_until(pilot, lambda: isinstance(app.screen, PathScreen), "the export dialog")
        out = tmp_path / "out"
        await pilot.press(*str(out), "enter")
        await wait_until(pilot, lambda: not isinstance(app.screen, PathScreen), "the export")
        await settle(pilot)
        assert (out / "refund slip.pdf").read_bytes() == source.read_bytes()
    store.close()


@pytest.mark.parametrize(("lang", "files"), [("en", 4), ("en", 1), ("zh-CN", 4), ("en", 0)])
async def test_the_delete_question_counts_the_attached_files(make_app, content, clock, lang, files):
    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock)
    card = tracker.add_card(CardFields("ICBC debit", "bank", "cancel"))
    attachments = tuple(
        Attachment(
            id=new_attachment_id(), name=f"slip {n}.pdf", size=10, type="application/pdf",
            at=clock(), kept_in="vault", key_id="k",
        )
        for n in range(files)
    )
    store.save_card(replace(card, attachments=attachments))
    app = make_app(store, lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("d")
        await wait_shown(pilot, ConfirmDialog, "the question")
        question = app.screen.question
        if files:
            assert question == app.t(
                "app.confirm_delete_attached", label="ICBC debit", count=files
            ), question
            assert str(files) in question if files > 1 else "1" not in question
        else:
            assert question == app.t("app.confirm_delete", label="ICBC debit")
        if lang == "en" and files:
            said = "its 4 attached files" if files == 4 else "its attached file"
            assert said in question and "(s)" not in question, question
        if lang == "zh-CN":
            assert "4 个附件" in question, question
        await pilot.press("y")  # deleted, files and all; u brings them back and says so
        await wait_until(pilot, lambda: store.cards() == [], "the card deleted")
        await pilot.press("u")
        await wait_until(pilot, lambda: len(store.cards()) == 1, "the card restored")
        status = app.query_one("#status-line")
        await wait_until(pilot, lambda: "ICBC debit" in status.message, "the restored message")
        # these files were never written (an in-memory store has no data folder): none
        # can be put back, and the message says how many were not
        said = app.t("app.restored", label="ICBC debit")
        if files:
            said += " " + app.t("app.restored_files_lost", count=files)
        assert status.message == said, status.message
        assert app.tracker.view(store.cards()[0].id).card.attachments == ()
        if lang == "en" and files == 4:
            assert said.endswith("4 attached files could not be put back: their encrypted "
                                 "copies could not be written to the data folder."), said
