"""A currency sign typed beside an amount is read only where it says the dialog's
currency: `¥` is the yen in English and the yuan in Chinese (as money_text shows
them), `$` any of the dollars; a sign that means another currency there, or several,
is refused beside the field with the currency of the dialog and how to write the
amount, and what was typed stays (tui.base.money.typed_marks)."""

from __future__ import annotations

import pytest
from textual.widgets import Static

from tests.helpers.pilot import settle, type_text
from tui.base.i18n import Catalog
from tui.domain.tracker import Tracker
from tui.records.card_error import CardError
from tui.records.card_fields import CardFields
from tui.storage.store import Store
from tui.ui.followup_screens import MoneyScreen

METRO = CardFields("Metro card", "transit", "cancel", "", "CN")


@pytest.mark.parametrize(
    ("typed", "currency", "lang", "kept"),
    [
        ("¥12,000", "JPY", "en", "12000.00"),  # what the English dialog shows
        ("JP¥12,000", "JPY", "zh-CN", "12000.00"),  # what the Chinese one shows
        ("JP¥12,000", "JPY", "en", "12000.00"),  # names the yen alone
        ("¥1,234.50", "CNY", "zh-CN", "1234.50"),
        ("￥35", "CNY", "zh-CN", "35.00"),  # a Chinese input method's
        ("CN¥1,234.50", "CNY", "en", "1234.50"),
        ("$12.30", "USD", "en", "12.30"),
        ("US$12.30", "USD", "zh-CN", "12.30"),
        ("US$12.30", "USD", "en", "12.30"),
        ("HK$12.30", "HKD", "en", "12.30"),
        ("HK$12.30", "HKD", "zh-CN", "12.30"),
        ("£12.30", "GBP", "en", "12.30"),
        ("€12.30", "EUR", "zh-CN", "12.30"),
        ("JPY 12000", "JPY", "zh-CN", "12000.00"),
        ("12000 CNY", "CNY", "en", "12000.00"),
    ],
)
def test_a_sign_that_says_the_dialogs_currency_is_read(tracker, typed, currency, lang, kept):
    card = tracker.add_card(METRO)
    tracker.set_money(card.id, typed, "", currency, lang=lang)
    assert tracker.store.card(card.id).money["balance"] == kept


@pytest.mark.parametrize(
    ("typed", "currency", "lang", "mark"),
    [
        ("¥12,000", "JPY", "zh-CN", "¥"),  # CNY's sign in Chinese
        ("￥12,000", "JPY", "zh-CN", "¥"),
        ("¥12,000", "CNY", "en", "¥"),  # the yen's in English
        ("￥35", "CNY", "en", "¥"),
        ("$35", "HKD", "en", "$"),
        ("$35", "AUD", "en", "$"),
        ("$35", "CAD", "zh-CN", "$"),
        ("$35", "SGD", "en", "$"),
        ("$35", "USD", "zh-CN", "$"),  # US$ there: $ is any dollar
        ("£35", "EGP", "en", "£"),
        ("€35", "GBP", "en", "€"),
        ("HK$35", "USD", "en", "HK$"),
        ("US$35", "HKD", "zh-CN", "US$"),
        ("JPY 12000", "CNY", "zh-CN", "JPY"),
        ("12000 CNY", "JPY", "en", "CNY"),
    ],
)
def test_a_sign_for_another_currency_or_several_is_refused_with_how_to_write_it(
    tracker, content, typed, currency, lang, mark
):
    card = tracker.add_card(METRO)
    with pytest.raises(CardError) as caught:
        tracker.set_money(card.id, typed, "", currency, lang=lang)
    error = caught.value
    assert (error.field, error.key, error.params["mark"]) == ("balance", "error.amount_currency",
                                                              mark)
    assert tracker.store.card(card.id).money == {}
    said = Catalog(content.strings, lang)(error.key, **error.params)
    assert currency in said and error.params["coded"] in said and "{" not in said, said


def test_the_message_writes_the_typed_amount_as_the_dialog_would(tracker, content):
    card = tracker.add_card(METRO)
    with pytest.raises(CardError) as caught:
        tracker.set_money(card.id, "¥12,000", "", "JPY", lang="zh-CN")
    params = caught.value.params
    assert (params["plain"], params["shown"], params["coded"]) == (
        "12,000", "JP¥12,000", "12,000 JPY")
    with pytest.raises(CardError) as caught:
        tracker.record_refund(card.id, "¥35", currency="CNY", lang="en")
    params = caught.value.params
    assert (params["plain"], params["shown"], params["coded"]) == ("35.00", "CN¥35.00", "35.00 CNY")


@pytest.mark.parametrize(
    ("lang", "currency", "typed", "fixed"),
    [("zh-CN", "JPY", "¥12,000", "JP¥12,000"), ("en", "CNY", "¥12,000", "CN¥12,000")],
)
async def test_the_money_dialog_refuses_the_yen_read_as_the_yuan_beside_the_field(
    make_app, content, clock, lang, currency, typed, fixed
):
    store = Store.in_memory()
    card = Tracker(store, content.playbooks, clock).add_card(METRO)
    app = make_app(store, lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("m")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MoneyScreen)
        await type_text(pilot, typed)
        screen.field("currency").value = currency
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen and screen.field("balance").value == typed
        line = str(screen.query_one("#money-balance-error", Static).render())
        assert currency in line and f"{fixed} " in line or f"{fixed}." in line, line
        assert store.card(card.id).money == {}
        screen.field("balance").value = fixed
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, MoneyScreen)
        assert store.card(card.id).money["balance"] == "12000.00"
