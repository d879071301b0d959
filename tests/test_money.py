"""Balances, deposits and refunds: what issuers still owe the user."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tui.domain.export import export
from tui.domain.tracker import Tracker
from tui.records.card_error import CardError
from tui.records.card_fields import CardFields
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
    with pytest.raises(CardError) as refused:  # more than is still held: a slip
        tracker.record_refund(metro.id, "30")
    assert (refused.value.message_key, refused.value.params) == (
        "error.refund_over", {"left": "22.50 HKD"}
    )
    assert tracker.owed_total()["HKD"] == Decimal("22.50")  # nothing changed
    tracker.record_refund(metro.id, "22.50")
    assert "HKD" not in tracker.owed_total()
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


@pytest.mark.parametrize("code", ["XYZ", "ABC", "QQQ"])
def test_only_iso_4217_codes_are_currencies(tracker, code):
    card = tracker.add_card(METRO)
    with pytest.raises(CardError) as caught:
        tracker.set_money(card.id, "25", "", code)
    assert (caught.value.field, caught.value.key) == ("currency", "error.currency_unknown")
    with pytest.raises(CardError) as caught:
        tracker.record_refund(card.id, "5", currency=code)
    assert caught.value.key == "error.currency_unknown"
    assert tracker.store.card(card.id).money == {}


@pytest.mark.parametrize(("typed", "kept"), [("usd", "USD"), (" eur ", "EUR"), ("CNY", "CNY")])
def test_a_currency_code_in_any_case_is_kept_upper(tracker, typed, kept):
    card = tracker.add_card(METRO)
    tracker.set_money(card.id, "25", "", typed)
    assert tracker.store.card(card.id).money["currency"] == kept


async def test_the_money_dialog_refuses_xyz_beside_the_field_and_keeps_it(
    make_app, content, clock
):
    store = Store.in_memory()
    card = Tracker(store, content.playbooks, clock).add_card(METRO)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("m")
        screen = app.screen
        await pilot.press(*"25", "enter", "enter")
        screen.field("currency").value = "XYZ"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen and screen.field("currency").value == "XYZ"
        line = str(screen.query_one(f"#{screen.prefix}-currency-error").render())
        assert "XYZ is not an ISO 4217 currency code" in line, line
        assert "XYZ" not in app.sub_title
    assert store.card(card.id).money == {}


def test_a_json_import_with_an_unknown_currency_is_refused(tmp_path, content, clock):
    import json

    from tui.domain.export import export
    from tui.domain.importer import import_file

    first = Tracker(Store.in_memory(), content.playbooks, clock)
    card = first.add_card(METRO)
    first.set_money(card.id, "25", "", "CNY")
    doc = json.loads(export(first, "json").decode())
    doc["cards"][0]["card"]["money"]["currency"] = "XYZ"
    path = tmp_path / "export.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    store = Store.in_memory()
    result = import_file(Tracker(store, content.playbooks, clock), path, strict=True)
    assert not result.written and store.cards() == []
    [(_, message)] = result.errors
    assert "Currency: XYZ is not an ISO 4217 currency code" in message, message


def test_saving_the_amounts_as_they_are_saves_and_logs_nothing(tracker):
    """`m` then save with nothing typed logged "balance CN¥0.00, deposit CN¥0.00"."""
    card = tracker.add_card(METRO)
    before = tracker.store.card(card.id)
    assert tracker.set_money(card.id, "", "", "HKD") == before  # nothing typed, none held
    tracker.set_money(card.id, "32.5", "50", "hkd")
    held = tracker.store.card(card.id)
    assert tracker.set_money(card.id, "32.50", "50.00", "HKD") == held  # the same again
    logged = [e for e in tracker.store.log(card.id) if e.event == "money.set"]
    assert len(logged) == 1 and tracker.store.card(card.id) == held
    tracker.set_money(card.id, "0", "50", "HKD")  # a balance that went to 0 is a change
    assert Decimal(tracker.store.card(card.id).money["balance"]) == 0
    assert len([e for e in tracker.store.log(card.id) if e.event == "money.set"]) == 2


async def test_the_money_dialog_saved_unchanged_says_so(make_app, content, clock):
    from tests.helpers.pilot import settle
    from tui.ui.status_line import StatusLine

    store = Store.in_memory()
    card = Tracker(store, content.playbooks, clock).add_card(METRO)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("m", "ctrl+s")
        await settle(pilot)
        assert app.query_one(StatusLine).message == "Nothing changed: the amounts are as they were."
    assert store.card(card.id).money == {}
    assert not [e for e in store.log(card.id) if e.event == "money.set"]


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
@pytest.mark.parametrize(
    ("currency", "key"),
    [("XYZ", "error.currency_unknown"), ("３５．５０", "error.currency_format")],
    ids=["unknown-code", "no-code"],
)
async def test_a_bad_currency_is_refused_beside_it_before_the_amounts_are_judged(
    make_app, content, clock, lang, currency, key
):
    """Balance `$35` in XYZ was refused as "“$” is another currency than XYZ … give it in
    XYZ", telling the user to use the code that is wrong, and in `３５．５０` as "Balance:
    not an amount"; nothing was said beside Currency. The currency is read first: its
    own error shows beside it, and the form keeps everything typed."""
    from tests.helpers.pilot import settle, type_text

    store = Store.in_memory()
    card = Tracker(store, content.playbooks, clock).add_card(METRO)
    app = make_app(store, lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("m")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MoneyScreen)
        await type_text(pilot, "$35")
        await pilot.press("enter", "enter")
        assert app.focused is screen.field("currency")
        screen.field("currency").value = ""
        await type_text(pilot, currency)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        values = {name: screen.field(name).value for name in ("balance", "deposit", "currency")}
        assert values == {"balance": "$35", "deposit": "", "currency": currency}
        line = screen.query_one(f"#{screen.prefix}-currency-error")
        said = str(line.render())
        assert line.has_class("visible") and app.t(key, currency="XYZ") in said, said
        balance = str(screen.query_one(f"#{screen.prefix}-balance-error").render())
        assert "XYZ" not in balance and "35.50" not in balance, balance
        assert app.focused is screen.field("currency")
    assert store.card(card.id).money == {}


@pytest.mark.parametrize("currency", ["XYZ", "３５．５０", "ＸＹＺ"])
@pytest.mark.parametrize("balance", ["$35", "35", "not an amount"])
def test_set_money_reads_the_currency_before_the_amounts(tracker, balance, currency):
    card = tracker.add_card(METRO)
    with pytest.raises(CardError) as refused:
        tracker.set_money(card.id, balance, "", currency)
    assert refused.value.field == "currency"
    with pytest.raises(CardError) as refused:  # a refund asks the currency of a card with none
        tracker.record_refund(card.id, balance, currency=currency)
    assert refused.value.field == "currency"
    assert tracker.store.card(card.id).money == {}


@pytest.mark.parametrize(
    ("lang", "said"),
    [("en", "Step checked; the amounts are as they were."), ("zh-CN", "已勾选这一步；金额未变。")],
)
async def test_a_balance_step_checked_with_the_amounts_as_they_were_says_it_is_checked(
    make_app, content, clock, lang, said
):
    """Found by a tester: the step was checked, but the status line said "Nothing
    changed"."""
    from tests.helpers.pilot import settle, wait_shown
    from tui.ui.status_line import StatusLine

    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock)
    card = tracker.add_card(METRO)
    ids = [i.step_id for i in tracker.view(card.id).items]
    app = make_app(store, lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        app.steps.checklist.highlighted = ids.index("check-balance")
        await pilot.press("space")
        await wait_shown(pilot, MoneyScreen, "the money dialog")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.query_one(StatusLine).message == said
    assert "check-balance" in store.progress(card.id)
