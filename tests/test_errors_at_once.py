"""A dialog whose save is refused for several fields shows each field's refusal
beside its own field at once, keeps every value typed and focuses the first field
refused; each error goes as its own field changes (tui.records.card_error.CardErrors,
tui.ui.field_dialog)."""

from __future__ import annotations

import pytest
from textual.widgets import Static

from tests.helpers.pilot import settle
from tui.domain.tracker import Tracker
from tui.records.card_error import CardError, CardErrors
from tui.records.card_fields import LINE_MAX, CardFields
from tui.storage.store import Store
from tui.ui.followup_screens import EvidenceScreen, MoneyScreen

METRO = CardFields("Metro card", "transit", "cancel", "", "CN")
LONG = "x" * (LINE_MAX + 1)


def shown(screen, name: str) -> str:
    line = screen.query_one(f"#{screen.prefix}-{name}-error", Static)
    return str(line.render()) if line.has_class("visible") else ""


def test_set_money_refuses_both_amounts_at_once(tracker):
    card = tracker.add_card(METRO)
    with pytest.raises(CardErrors) as caught:
        tracker.set_money(card.id, "12,50", "-5", "CNY")
    assert [(e.field, e.key) for e in caught.value.errors] == [
        ("balance", "error.amount_format"), ("deposit", "error.amount_negative")]
    assert tracker.store.card(card.id).money == {}


def test_a_refund_refuses_its_amount_and_its_note_at_once(tracker):
    card = tracker.add_card(METRO)
    tracker.set_money(card.id, "100", "", "CNY")
    with pytest.raises(CardErrors) as caught:
        tracker.record_refund(card.id, "0", LONG)
    assert {(e.field, e.key) for e in caught.value.errors} == {
        ("note", "error.too_long"), ("amount", "error.refund_zero")}
    assert "refunded" not in tracker.store.card(card.id).money


def test_one_refused_field_is_still_one_card_error(tracker):
    card = tracker.add_card(METRO)
    with pytest.raises(CardError) as caught:
        tracker.set_money(card.id, "12,50", "", "CNY")
    assert not isinstance(caught.value, CardErrors) and caught.value.field == "balance"


async def test_the_money_dialog_shows_both_amounts_errors_beside_them(make_app, content, clock):
    store = Store.in_memory()
    card = Tracker(store, content.playbooks, clock).add_card(METRO)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("m")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MoneyScreen)
        screen.field("balance").value = "12,50"
        screen.field("deposit").value = "-5"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        assert shown(screen, "balance").startswith("Balance: not an amount")
        assert shown(screen, "deposit").startswith("Deposit: an amount cannot be negative")
        assert screen.focused is screen.field("balance")
        assert (screen.field("balance").value, screen.field("deposit").value) == ("12,50", "-5")
        screen.field("deposit").value = "5"  # its error goes; the balance's stays
        await settle(pilot)
        assert shown(screen, "deposit") == "" and shown(screen, "balance") != ""
        screen.field("balance").value = "12.50"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, MoneyScreen)
        assert store.card(card.id).money["balance"] == "12.50"


async def test_the_proof_dialog_shows_the_when_and_the_notes_errors_at_once(
    make_app, content, clock
):
    store = Store.in_memory()
    Tracker(store, content.playbooks, clock).add_card(METRO)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, EvidenceScreen)
        screen.field("reference").value = "REF-7"
        screen.field("when").value = "31/12/2026"
        screen.field("note").value = LONG
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        assert shown(screen, "when").startswith("When: not a date and time")
        assert shown(screen, "note").startswith("Note:"), shown(screen, "note")
        assert screen.focused is screen.field("when")
        assert screen.field("note").value == LONG
