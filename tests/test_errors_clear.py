"""An error shown beside a field goes once that field holds something else: the
follow-up date's and the passphrase's, as the proof, money and card dialogs' do
(tui.ui.field_dialog, tui.ui.form_messages)."""

from __future__ import annotations

from textual.widgets import Input, Static

from tests.helpers.pilot import settle, type_text, wait_until
from tui.base.errors import CardoffError
from tui.domain.tracker import Tracker
from tui.records.card_fields import CardFields
from tui.storage.store import Store
from tui.ui.followup_screens import FollowUpScreen
from tui.ui.secrets_screens import PassphraseScreen

DEBIT = CardFields("ICBC debit", "bank", "cancel", "ICBC", "CN")


def said(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render()).strip()


async def test_the_follow_up_error_goes_as_the_date_is_edited(make_app, content, clock):
    store = Store.in_memory()
    card = Tracker(store, content.playbooks, clock).add_card(DEBIT)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f")
        await wait_until(pilot, lambda: isinstance(app.screen, FollowUpScreen), "follow-up")
        screen = app.screen
        await type_text(pilot, "31/12/2026")
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen and said(screen, "#followup-error") != ""
        await pilot.press("backspace")
        await settle(pilot)
        assert said(screen, "#followup-error") == ""
        await type_text(pilot, "6")  # the same text again: the error stays gone
        await settle(pilot)
        assert said(screen, "#followup-error") == ""
        await pilot.press("enter")  # refused again: said again
        await settle(pilot)
        assert said(screen, "#followup-error") != ""
        screen.query_one(Input).value = "12/31/2026"
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, FollowUpScreen)
    assert store.card(card.id).follow_up == "2026-12-31"


async def test_the_passphrase_error_goes_as_another_is_typed(make_app, content, clock):
    store = Store.in_memory()
    app = make_app(store)

    def refuse(passphrase: str) -> None:
        raise CardoffError("vault.mismatch")

    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = PassphraseScreen(refuse, create=False, path="identifiers.vault")
        app.push_screen(screen)
        await wait_until(pilot, lambda: app.screen is screen, "passphrase")
        await type_text(pilot, "wrong")
        await pilot.press("enter")
        refused = app.t("vault.mismatch")
        await wait_until(pilot, lambda: said(screen, "#passphrase-error") == refused, "refused")
        await settle(pilot)
        assert said(screen, "#passphrase-error") == refused  # the emptied field keeps it
        await type_text(pilot, "r")
        await settle(pilot)
        assert said(screen, "#passphrase-error") == ""
