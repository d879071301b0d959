"""Marks that cannot be seen, pasted with an amount, a currency code or a date (a
right-to-left mark, a zero-width space, a byte-order mark), are removed before it is
read; a no-break space between groups of three digits is read as a group separator;
and what is still refused names the character that cannot be seen
(tui.base.unseen)."""

from __future__ import annotations

import datetime as dt

import pytest
from textual.widgets import Static

from tests.helpers.pilot import settle
from tui.base.i18n import Catalog
from tui.base.typed_moment import read_day, read_moment
from tui.domain.tracker import Tracker
from tui.records.card_error import CardError
from tui.records.card_fields import CardFields
from tui.storage.store import Store
from tui.ui.followup_screens import MoneyScreen

METRO = CardFields("Metro card", "transit", "cancel", "", "CN")
TODAY = dt.date(2026, 11, 30)


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("\u200f12,000", "12000.00"),  # RLM, as a copy from a right-to-left page
        ("12,000\u200e", "12000.00"),  # LRM
        ("12\u200b000", "12000.00"),  # zero-width space
        ("\ufeff35.50", "35.50"),  # BOM at the start of a pasted cell
        ("12\u00a0000", "12000.00"),  # NBSP between thousands
        ("1\u202f234\u202f567.80", "1234567.80"),  # narrow NBSP (French)
        ("12\u2009000", "12000.00"),  # thin space
        ("CN¥\u00a012\u00a0000", "12000.00"),
        ("\u2066¥12,000\u2069", "12000.00"),  # isolates around it
    ],
)
def test_an_amount_with_marks_that_cannot_be_seen_is_read(tracker, typed, kept):
    card = tracker.add_card(METRO)
    tracker.set_money(card.id, typed, "", "CNY", lang="zh-CN")
    assert tracker.store.card(card.id).money["balance"] == kept


@pytest.mark.parametrize(
    ("typed", "character"),
    [
        ("12\u2003000", "U+2003 EM SPACE"),
        ("12\u00a000", "U+00A0 NO-BREAK SPACE"),  # not a group of three: not a separator
        ("35\u3164", "U+3164 HANGUL FILLER"),
    ],
)
def test_an_amount_still_refused_names_the_character_that_cannot_be_seen(
    tracker, content, typed, character
):
    card = tracker.add_card(METRO)
    with pytest.raises(CardError) as caught:
        tracker.set_money(card.id, typed, "", "CNY")
    error = caught.value
    if error.key == "error.amount_character":
        assert error.params["character"] == character
        for lang in ("en", "zh-CN"):
            said = Catalog(content.strings, lang)(error.key, **error.params)
            assert character in said and "{" not in said
    else:
        pytest.fail(f"{error.key} {error.params}")


def test_a_currency_code_with_a_mark_is_read_and_an_unseen_space_named(tracker):
    card = tracker.add_card(METRO)
    tracker.set_money(card.id, "5", "", "\u200fCNY\ufeff")
    assert tracker.store.card(card.id).money["currency"] == "CNY"
    with pytest.raises(CardError) as caught:
        tracker.set_money(card.id, "5", "", "C\u2003NY")
    assert caught.value.key == "error.currency_character"
    assert caught.value.params["character"] == "U+2003 EM SPACE"


@pytest.mark.parametrize(
    "typed",
    ["\u200f2026-11-29 15:20", "2026-11-29\u200e 15:20", "\ufeff2026-11-29\u00a015:20",
     "11/29/26,\u202f3:20\u202fPM", "\u200b2026年11月29日 下午3点20分"],
)
def test_a_moment_with_marks_that_cannot_be_seen_is_read(typed):
    moment = read_moment(typed, "en_US", TODAY)
    assert (moment.day, moment.time) == (dt.date(2026, 11, 29), dt.time(15, 20))


def test_a_follow_up_day_with_a_mark_is_read():
    assert read_day("\u200f12/25/26\u200e", "en_US", TODAY) == dt.date(2026, 12, 25)


async def test_the_money_dialog_takes_a_pasted_amount_with_a_right_to_left_mark(
    make_app, content, clock
):
    store = Store.in_memory()
    card = Tracker(store, content.playbooks, clock).add_card(METRO)
    app = make_app(store, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("m")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MoneyScreen)
        screen.field("balance").value = "\u200f12\u00a0000"
        screen.field("deposit").value = "12\u2003000"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        line = str(screen.query_one("#money-deposit-error", Static).render())
        assert "U+2003 EM SPACE" in line, line
        screen.field("deposit").value = "20"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, MoneyScreen)
        assert store.card(card.id).money["balance"] == "12000.00"
