"""No amount the user types or a file holds can stop the app: huge numbers, exponents,
Infinity and NaN are refused at their field with the usual message, what was typed kept."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from tests.helpers.pilot import settle
from tests.test_export import _seed
from tui.base.i18n import Catalog
from tui.domain.export import export
from tui.domain.importer import import_file
from tui.domain.tracker import Tracker
from tui.records.amounts import parse_amount
from tui.records.card_error import CardError
from tui.records.card_fields import CardFields
from tui.storage.store import Store
from tui.ui.followup_screens import MoneyScreen

SIZE = (80, 24)
METRO = CardFields("Metro card", "transit", "cancel", "", "CN")
WILD = [
    "1e30",
    "1E+30",
    "1e309",
    "-1e-30",
    "1e-30",
    "1e-999999999",
    "9" * 40,
    "9" * 40 + ".5",
    "0." + "0" * 40 + "1",
    "10000000.01",
    "Infinity",
    "-Infinity",
    "inf",
    "NaN",
    "sNaN",
    "-nan",
]


AMOUNT_ERRORS = {
    "error.amount_format",
    "error.amount_negative",
    "error.amount_max",
    "error.amount_cents",
}


@pytest.mark.parametrize("typed", WILD)
def test_wild_amounts_are_refused_with_an_amount_error(typed):
    with pytest.raises(CardError) as caught:
        parse_amount(typed, "balance")
    assert caught.value.field == "balance" and caught.value.key in AMOUNT_ERRORS


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("10000001", "error.amount_max"),
        ("10000000.01", "error.amount_max"),
        ("1e30", "error.amount_max"),
        ("12.345", "error.amount_cents"),
        ("1e-30", "error.amount_cents"),
        ("-5", "error.amount_negative"),
        ("-1e-30", "error.amount_negative"),
        ("five", "error.amount_format"),
        ("NaN", "error.amount_format"),
        ("Infinity", "error.amount_format"),
    ],
)
def test_each_amount_error_names_the_rule_it_broke(content, typed, key):
    with pytest.raises(CardError) as caught:
        parse_amount(typed, "balance")
    assert caught.value.key == key
    for lang, needle in (("en", "10,000,000"), ("zh-CN", "10,000,000")):
        said = Catalog(content.strings, lang)(key, **caught.value.params)
        assert "{" not in said
        assert (needle in said) == (key == "error.amount_max"), said
    english = Catalog(content.strings, "en")(key, **caught.value.params)
    assert ("two decimals" in english) == (key == "error.amount_cents"), english


@pytest.mark.parametrize(
    ("typed", "kept"),
    [("10000000", "10000000.00"), ("1e3", "1000.00"), ("12.5", "12.50"), ("1,234.50", "1234.50")],
)
def test_amounts_up_to_the_limit_are_kept(typed, kept):
    assert parse_amount(typed, "balance") == Decimal(kept)
    assert str(parse_amount(typed, "balance")) == kept


@pytest.mark.parametrize("typed", WILD)
def test_wild_refunds_are_refused_and_nothing_saved(tracker, typed):
    card = tracker.add_card(METRO)
    tracker.set_money(card.id, "50", "", "CNY")
    with pytest.raises(CardError):
        tracker.record_refund(card.id, typed)
    assert "refunded" not in tracker.store.card(card.id).money


def _tracker(store, content, clock):
    return Tracker(store, content.playbooks, clock, issuers=content.issuers)


@pytest.mark.parametrize("field", ["balance", "deposit", "refunded"])
@pytest.mark.parametrize("raw", ['"1e30"', "1e309", '"Infinity"', "NaN", '"' + "9" * 40 + '"'])
def test_json_import_refuses_wild_amounts_without_a_crash(tmp_path, content, clock, field, raw):
    first = Store.in_memory()
    _seed(_tracker(first, content, clock))
    text = export(_tracker(first, content, clock), "json").decode()
    doc = json.loads(text)
    doc["cards"][0]["card"].setdefault("money", {})[field] = "__AMOUNT__"
    path = tmp_path / "export.json"
    path.write_text(json.dumps(doc).replace('"__AMOUNT__"', raw), encoding="utf-8")
    store = Store.in_memory()
    result = import_file(_tracker(store, content, clock), path, strict=True)
    assert result.errors and not result.written and store.cards() == []


@pytest.mark.parametrize("typed", ["1e30", "1e309", "-1e-30", "Infinity", "NaN", "9" * 40])
async def test_money_dialog_keeps_a_wild_amount_with_the_error_beside_it(
    make_app, content, clock, typed
):
    store = Store.in_memory()
    card = Tracker(store, content.playbooks, clock).add_card(METRO)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m")
        screen = app.screen
        assert isinstance(screen, MoneyScreen)
        await pilot.press(*"5", "enter", *typed, "ctrl+s")
        await settle(pilot)
        assert app.screen is screen  # still open, nothing stopped
        assert screen.values() == {"balance": "5", "deposit": typed, "currency": "CNY"}
        line = screen.query_one(f"#{screen.prefix}-deposit-error")
        assert line.has_class("visible")
        assert str(line.render()).startswith("Deposit: ")
        with pytest.raises(CardError) as refused:
            parse_amount(typed, "deposit")
        said = app.t(refused.value.key, **refused.value.params)
        assert str(line.render()) == "Deposit: " + said
        assert store.card(card.id).money == {}


@pytest.mark.parametrize("typed", ["1e30", "Infinity", "NaN", "1e-30"])
async def test_refund_dialog_keeps_a_wild_amount_with_the_error_beside_it(
    make_app, content, clock, typed
):
    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock)
    card = tracker.add_card(METRO)
    tracker.set_money(card.id, "50", "", "CNY")
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        app.action_refund()
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MoneyScreen) and screen.refund
        await pilot.press(*typed, "ctrl+s")
        await settle(pilot)
        assert app.screen is screen and screen.field("amount").value == typed
        line = screen.query_one(f"#{screen.prefix}-amount-error")
        assert line.has_class("visible") and str(line.render()).startswith("Amount")
        assert "refunded" not in store.card(card.id).money


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("10000001", "Balance: at most 10,000,000"),
        ("12.345", "Balance: at most two decimals (cents): 12.34, not 12.345."),
    ],
)
async def test_the_money_dialog_names_the_ceiling_and_the_two_decimal_rule(
    make_app, content, clock, typed, said
):
    store = Store.in_memory()
    card = Tracker(store, content.playbooks, clock).add_card(METRO)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m")
        screen = app.screen
        await pilot.press(*typed, "ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        line = str(screen.query_one(f"#{screen.prefix}-balance-error").render())
        assert line.startswith(said), line
    assert store.card(card.id).money == {}


@pytest.mark.parametrize("typed", ["-0", "-0.00", "-0e5", "－０", "-.0"])
def test_a_signed_zero_is_kept_as_0_and_the_card_opens_again(tmp_path, content, clock, typed):
    """Found by a tester: `-0` typed as a deposit was saved as "-0.00", which the data
    file's schema refuses, so the card was set aside as damaged at the next start."""

    path = tmp_path / "cardoff.json"
    store = Store.open(path)
    tracker = Tracker(store, content.playbooks, clock, issuers=content.issuers)
    card = tracker.add_card(METRO)
    tracker.set_money(card.id, "5", typed, "CNY")
    assert store.card(card.id).money["deposit"] == "0.00"
    store.close()
    again = Store.open(path)
    assert again.damaged() == [] and [c.id for c in again.cards()] == [card.id]

def test_every_amount_read_from_what_was_typed_is_one_the_data_file_holds():
    """Whatever text parse_amount accepts, in any currency, is stored as an amount the
    data file's schema accepts (a record it refuses is set aside as damaged)."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from tui.base.money import currency_digits, every_mark, typed_marks
    from tui.records.record_schema import is_amount

    number = st.from_regex(
        r"\A[-+－]?[0０]{0,2}[0-9,]{0,5}([.。][0-9]{0,3})?([eE][-+]?[0-9]{1,2})?\Z"
    )
    marks = st.sampled_from(["", "¥", "$", "元", "CN¥", " "])
    typed = st.tuples(marks, number, marks).map("".join)

    @settings(max_examples=300, deadline=None)
    @given(typed, st.sampled_from(["", "CNY", "JPY", "USD"]), st.sampled_from(["en", "zh-CN"]))
    def check(typed: str, currency: str, lang: str) -> None:
        try:
            if currency:
                amount = parse_amount(typed, "balance", currency, typed_marks(currency, lang),
                                      currency_digits(currency), others=every_mark())
            else:
                amount = parse_amount(typed, "balance")
        except CardError:
            return
        assert is_amount(str(amount)), (typed, currency, str(amount))

    check()
