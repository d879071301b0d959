"""Dialogs keep what was typed: a refused value is shown beside its field with the
dialog still open, nothing typed is cut, a typed moment is read in the user's locale
or refused, a step is checked by one rule wherever it is checked, and a refund is
saved in the card's currency."""

from __future__ import annotations

import pytest

from tests.helpers.pilot import settle
from tui.base.typed_moment import read_moment
from tui.domain.tracker import Tracker
from tui.records.card_error import CardError
from tui.records.card_fields import LINE_MAX, CardFields
from tui.storage.store import Store
from tui.ui.dialogs import StepDetailScreen
from tui.ui.followup_screens import EvidenceScreen, MoneyScreen

SIZE = (80, 24)
METRO = CardFields("Shanghai Public Transportation Card", "transit", "cancel", "", "CN")
NOTE = "Refunded to the ICBC card ending 4321 after the 7-day wait, 2 yuan fee"


def _setup(content, clock, fields=METRO):
    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock)
    card = tracker.add_card(fields)
    return store, tracker, card


def _error(screen, name: str | None) -> str:
    line = screen.query_one(f"#{screen.prefix}-{name}-error" if name else "#dialog-error")
    return str(line.render()) if line.has_class("visible") else ""


async def test_money_dialog_keeps_every_field_and_shows_the_error_beside_it(
    make_app, content, clock
):
    store, _, card = _setup(content, clock)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m")
        screen = app.screen
        assert isinstance(screen, MoneyScreen)
        await pilot.press(*"12.345", "enter", *"20", "ctrl+s")
        await settle(pilot)
        assert app.screen is screen  # still open
        assert screen.values() == {"balance": "12.345", "deposit": "20", "currency": "CNY"}
        assert _error(screen, "balance").startswith("Balance: at most two decimals (cents)")
        assert _error(screen, "deposit") == ""
        assert app.screen.focused is screen.field("balance")
        assert store.card(card.id).money == {}
        # a currency that is not a code: beside the currency, the amounts kept
        await pilot.press("ctrl+u", *"12.50", "tab", "tab", "ctrl+u", *"yuan", "ctrl+s")
        await settle(pilot)
        assert app.screen is screen and _error(screen, "balance") == ""
        assert _error(screen, "currency").startswith("Currency: a 3-letter currency code")
        assert screen.values() == {"balance": "12.50", "deposit": "20", "currency": "yuan"}
        await pilot.press("ctrl+u", *"CNY", "ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, MoneyScreen)
    assert store.card(card.id).money == {"balance": "12.50", "deposit": "20.00", "currency": "CNY"}


async def test_refund_note_is_kept_whole_and_an_overlong_one_refused_at_the_field(
    make_app, content, clock
):
    store, tracker, card = _setup(content, clock)
    tracker.set_money(card.id, "50", "20", "CNY")
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        app.action_refund()
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MoneyScreen) and screen.names == ("amount", "note")
        too_long = "x" * (LINE_MAX + 1)
        await pilot.press(*"70", "enter")
        screen.field("note").insert_text_at_cursor(too_long)  # a paste, as a terminal gives it
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen and screen.field("note").value == too_long  # not cut
        assert _error(screen, "note").startswith(f"Note: at most {LINE_MAX} characters")
        assert "refunded" not in store.card(card.id).money
        screen.field("note").value = ""
        await pilot.press(*NOTE, "ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, MoneyScreen)
    [refund] = [e for e in store.log(card.id) if e.event == "money.refunded"]
    assert refund.params["note"] == NOTE  # whole: it was cut at 40 characters


async def test_a_refund_above_what_is_held_is_refused_at_the_field(make_app, content, clock):
    """A refund of 100 against 55.50 held was taken, and the letter said 0.00 still owed."""
    store, tracker, card = _setup(content, clock)
    tracker.set_money(card.id, "35.50", "20", "CNY")
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        app.action_refund()
        await settle(pilot)
        screen = app.screen
        await pilot.press(*"100", "enter", *"cash", "ctrl+s")
        await settle(pilot)
        assert app.screen is screen and screen.values() == {"amount": "100", "note": "cash"}
        said = _error(screen, "amount")
        owed_words = "Amount (CNY): that is more than is still owed on this card (CN¥55.50"
        assert said.startswith(owed_words)
        assert "refunded" not in store.card(card.id).money
        await pilot.press("ctrl+u", *"55.50", "ctrl+s")  # the field in error has the focus
        await settle(pilot)
        assert not isinstance(app.screen, MoneyScreen)
    assert store.card(card.id).money["refunded"] == "55.50"


async def test_refund_is_in_the_cards_currency_shown_in_the_label(make_app, content, clock):
    store, _, card = _setup(content, clock)  # a CN card with no amounts yet
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        app.action_refund()
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MoneyScreen) and screen.names == ("amount", "currency", "note")
        assert str(screen.query_one("#money-amount-label").render()) == "Amount (CNY)"
        assert screen.field("currency").value == "CNY"  # its region's currency, offered
        assert "—" not in str(screen.query_one(".dialog-box").render())
        await pilot.press(*"87.50", "enter", "enter", *"cash", "enter")
        await settle(pilot)
        assert not isinstance(app.screen, MoneyScreen)
    [refund] = [e for e in store.log(card.id) if e.event == "money.refunded"]
    assert refund.params["currency"] == "CNY" and refund.params["amount"] == "87.50"
    assert store.card(card.id).money["currency"] == "CNY"


async def test_refund_of_a_card_with_no_known_currency_asks_for_it(make_app, content, clock):
    fields = CardFields("Gym card", "other", "cancel")  # no region: no currency known
    store, _, card = _setup(content, clock, fields)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        app.action_refund()
        await settle(pilot)
        screen = app.screen
        assert screen.field("currency").value == ""
        await pilot.press(*"30", "enter", "enter", *"cash", "ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        assert _error(screen, "currency").startswith("Currency: a 3-letter currency code")
        assert app.screen.focused is screen.field("currency")
        await pilot.press(*"hkd")
        assert str(screen.query_one("#money-amount-label").render()) == "Amount (HKD)"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, MoneyScreen)
    [refund] = [e for e in store.log(card.id) if e.event == "money.refunded"]
    assert refund.params["currency"] == "HKD"


def test_a_refund_in_another_currency_than_the_cards_is_refused(tracker):
    card = tracker.add_card(METRO)
    tracker.set_money(card.id, "50", "", "CNY")
    with pytest.raises(CardError) as caught:
        tracker.record_refund(card.id, "10", "", currency="USD")
    assert caught.value.field == "currency" and caught.value.params == {"currency": "CNY"}
    assert "refunded" not in tracker.store.card(card.id).money


GARBAGE = "11/30/26, 2:34 AM2026-11-29 15:20"


async def test_proof_when_that_cannot_be_read_is_refused_and_the_dialog_kept(
    make_app, content, clock
):
    store, _, card = _setup(content, clock)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        screen = app.screen
        assert isinstance(screen, EvidenceScreen)
        now_text = screen.field("when").value
        # typed after the time already there, as a user does who does not see it
        await pilot.press(*"REF-7", "enter", "enter", "end", *"2026-02-27 15:20", "ctrl+s")
        await settle(pilot)
        assert screen.field("when").value == now_text + "2026-02-27 15:20"
        assert app.screen is screen
        assert _error(screen, "when").startswith("When: not a date and time cardoff-tui can read")
        assert screen.field("reference").value == "REF-7"
        assert not [e for e in store.log(card.id) if e.event == "evidence.recorded"]
        screen.field("when").value = "2026-02-27 15:20"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, EvidenceScreen)
    [proof] = [e for e in store.log(card.id) if e.event == "evidence.recorded"]
    assert proof.params["when"] == "2026-02-27T15:20:00+00:00"  # ISO 8601, four-digit year


@pytest.mark.parametrize(
    ("typed", "locale", "day", "time"),
    [
        ("11/30/26, 2:34 AM", "en_US", "2026-11-30", "02:34:00"),
        ("11/30/2026 2:34 pm", "en_US", "2026-11-30", "14:34:00"),
        ("12/1/26, 12:05 AM", "en_US", "2026-12-01", "00:05:00"),
        ("30/11/2026, 14:34", "en_GB", "2026-11-30", "14:34:00"),
        ("2026/11/30 18:36", "zh_CN", "2026-11-30", "18:36:00"),
        ("2026/11/30 下午2:34", "zh_CN", "2026-11-30", "14:34:00"),
        ("2026-11-29 15:20", "zh_CN", "2026-11-29", "15:20:00"),
        ("2026-11-29", "en_US", "2026-11-29", None),
        ("11/29/26", "en_US", "2026-11-29", None),
    ],
)
def test_moments_read_in_the_users_locale(typed, locale, day, time):
    moment = read_moment(typed, locale)
    assert moment.day.isoformat() == day
    assert (moment.time.isoformat() if moment.time else None) == time


@pytest.mark.parametrize(
    "typed",
    [GARBAGE, "", "tomorrow", "13/45/26", "11/30/26, 25:00", "11/30/26, 2:34 XM", "11/30/26 x"],
)
def test_moments_that_cannot_be_read_are_refused(typed):
    with pytest.raises(ValueError):
        read_moment(typed, "en_US")


async def test_proof_when_in_chinese_is_read_in_chinese(make_app, content, clock, monkeypatch):
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    store, _, card = _setup(content, clock)
    app = make_app(store, lang="zh-CN")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        screen = app.screen
        screen.field("when").value = "2026/2/27 下午3:20"
        await pilot.press(*"REF-8", "ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, EvidenceScreen)
    [proof] = [e for e in store.log(card.id) if e.event == "evidence.recorded"]
    assert proof.params["when"] == "2026-02-27T15:20:00+00:00"


async def test_overlong_proof_is_refused_at_its_field(make_app, content, clock):
    store, _, card = _setup(content, clock)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        screen = app.screen
        screen.field("agent").value = "y" * (LINE_MAX + 1)
        await pilot.press(*"REF-9", "ctrl+s")
        await settle(pilot)
        assert app.screen is screen and screen.field("agent").value == "y" * (LINE_MAX + 1)
        assert _error(screen, "agent").startswith("Agent: at most")


async def test_space_in_the_step_detail_asks_for_the_amount_as_in_the_list(
    make_app, content, clock
):
    store, tracker, card = _setup(content, clock)
    ids = [i.step_id for i in tracker.view(card.id).items]
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # to the steps
        app.steps.checklist.highlighted = ids.index("check-balance")
        await pilot.press("enter")  # the step's detail
        detail = app.screen
        assert isinstance(detail, StepDetailScreen)
        await pilot.press("space")
        assert isinstance(app.screen, MoneyScreen) and not app.screen.refund
        assert "check-balance" not in store.progress(card.id)  # not before the amounts
        await pilot.press(*"87.50", "enter", *"20", "enter", "enter")
        await settle(pilot)
        assert app.screen is detail  # back to the detail, which shows the step done
        assert detail.item.done
        assert "check-balance" in store.progress(card.id)
        assert store.card(card.id).money["balance"] == "87.50"
        await pilot.press("space")  # unchecking asks nothing, as in the list
        assert app.screen is detail and not detail.item.done


async def test_card_form_never_cuts_a_long_name_it_refuses_it_at_the_field(make_app, clock):
    from tui.records.card_fields import LABEL_MAX
    from tui.ui.card_form import CardForm

    store = Store.in_memory()
    app = make_app(store)
    name = "Shanghai Public Transportation Card, the old one with the deposit"
    assert len(name) > LABEL_MAX
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        form = app.screen
        assert isinstance(form, CardForm)
        await pilot.press(*name)
        assert form.query_one("#label").value == name  # every character typed is there
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form and form.query_one("#label").value == name
        error = str(form.query_one("#form-error").render())
        assert error.startswith(f"Name: at most {LABEL_MAX} characters")
    assert store.cards() == []


async def test_a_fields_error_goes_when_that_field_changes(make_app, content, clock):
    store, _, card = _setup(content, clock)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m")
        screen = app.screen
        assert isinstance(screen, MoneyScreen)
        await pilot.press(*"12.345", "ctrl+s")
        await settle(pilot)
        assert _error(screen, "balance").startswith("Balance: at most two decimals")
        await pilot.press("tab", *"20")  # another field's change leaves it
        await settle(pilot)
        assert _error(screen, "balance").startswith("Balance: at most two decimals")
        await pilot.press("shift+tab", "backspace")  # 12.34: the error was about 12.345
        await settle(pilot)
        assert _error(screen, "balance") == ""
        assert app.screen is screen and store.card(card.id).money == {}
