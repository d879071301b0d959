"""Balances, deposits and refunds: what issuers still owe the user."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tui.domain.export import export
from tui.domain.tracker import Tracker
from tui.records.model import CardError, CardFields
from tui.storage.store import Store
from tui.ui.followup_screens import MoneyScreen

METRO = CardFields("Metro card", "transit", "cancel", "octopus", "HK")


def test_owed_totals_by_currency(tracker):
    metro = tracker.add_card(METRO)
    other = tracker.add_card(CardFields("Gym card", "other", "cancel"))
    tracker.set_money(metro.id, "32.5", "50", "hkd")
    tracker.set_money(other.id, "10", "", "CNY")
    assert tracker.owed_total() == {"HKD": Decimal("82.50"), "CNY": Decimal("10.00")}
    tracker.record_refund(metro.id, "60", "to my bank card")
    assert tracker.owed_total()["HKD"] == Decimal("22.50")
    tracker.record_refund(metro.id, "30")
    assert "HKD" not in tracker.owed_total()  # never below zero
    report = export(tracker, "md").decode()
    assert "Still owed to you:** CN¥10.00" in report
    assert "refund received: HK$60.00 (to my bank card)" in report


@pytest.mark.parametrize("amount", ["-1", "abc", "1.234", "nan", "1e12"])
def test_bad_amounts_are_refused(tracker, amount):
    card = tracker.add_card(METRO)
    with pytest.raises(CardError):
        tracker.set_money(card.id, amount, "", "HKD")
    assert tracker.store.card(card.id).money == {}


def test_currency_needed_with_an_amount(tracker):
    card = tracker.add_card(METRO)
    with pytest.raises(CardError) as caught:
        tracker.set_money(card.id, "5", "", "")
    assert caught.value.field == "currency"


async def test_balance_and_refund_steps_ask_for_amounts(make_app, content, clock):
    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock)
    card = tracker.add_card(METRO)
    ids = [i.step_id for i in tracker.view(card.id).items]
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        app.steps.checklist.highlighted = ids.index("check-balance")
        await pilot.press("space")
        assert isinstance(app.screen, MoneyScreen) and not app.screen.refund
        await pilot.press(*"32.50", "enter", *"50", "enter")
        assert app.screen.field("currency").value == "HKD"  # the card's region's, offered
        await pilot.press("enter")
        await pilot.pause()
        assert store.card(card.id).money["balance"] == "32.50"
        assert "check-balance" in store.progress(card.id)
        assert "owed to you: HK$82.50" in app.sub_title
        app.steps.checklist.highlighted = ids.index("refund-first")
        await pilot.press("space")
        assert isinstance(app.screen, MoneyScreen) and app.screen.refund
        await pilot.press(*"82.5", "enter", *"cash", "enter")
        await pilot.pause()
        assert "refund-first" in store.progress(card.id)
        assert "owed" not in app.sub_title
