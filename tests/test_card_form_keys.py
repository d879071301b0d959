"""Pilot tests of the card form from the main screen: adding a card with the keyboard,
picking its kind and intent, a refused entry, Escape, and editing a card; each checked
against what the store holds after."""

from __future__ import annotations

import pytest
from textual.widgets import Input, Select, TextArea

from tests.helpers.pilot import settle, wait_shown
from tests.test_app import ESIM, SIZE, seed, type_text
from tests.test_hint_keys import shown_keys
from tui.storage.store import Store
from tui.ui.card_form import CardForm


async def test_add_card_with_keyboard(make_app):
    store = Store.in_memory()
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        assert isinstance(app.screen, CardForm)
        await type_text(pilot, "Old phone")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, CardForm)
    [card] = store.cards()
    assert (card.label, card.kind.value, card.intent.value) == ("Old phone", "esim", "cancel")
    assert [e.event for e in store.log()] == ["card.added"]


async def test_add_form_picks_kind_and_intent_with_keys(make_app):
    store = Store.in_memory()
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        await type_text(pilot, "Debit")
        await pilot.press("tab")  # kind
        assert app.focused is app.screen.query_one("#kind", Select)
        await pilot.press("enter", "up", "up", "enter")  # esim -> bank
        assert app.screen.query_one("#kind", Select).value == "bank"
        await pilot.press("tab", "enter", "down", "down", "enter")  # cancel -> report-lost
        assert app.screen.query_one("#intent", Select).value == "report-lost"
        await pilot.press("tab")  # the region, then the issuer
        await type_text(pilot, "HK")
        await pilot.press("enter")  # enter moves on to the next field
        await type_text(pilot, "Bank B")
        await pilot.press("ctrl+s")
        await settle(pilot)
    [card] = store.cards()
    assert (card.kind.value, card.intent.value, card.issuer, card.region) == (
        "bank",
        "report-lost",
        "Bank B",
        "HK",
    )


async def test_bad_input_keeps_the_form_and_says_what_was_kept(make_app):
    store = Store.in_memory()
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a", "ctrl+s")
        await settle(pilot)
        error = app.screen.query_one("#form-error")
        assert isinstance(app.screen, CardForm) and "required" in str(error.render())
        await type_text(pilot, "x" * 61)  # one over the limit: kept whole, and refused
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CardForm) and "at most 60" in str(error.render())
        # right under the name, on screen: at the form's foot it was below the screen
        label_row = app.screen.query_one("#label").parent
        box = app.screen.query_one(".form-box")
        assert error.region.y == label_row.region.bottom
        assert box.region.contains_region(error.region) and error.region.bottom <= SIZE[1]

        assert app.screen.query_one("#label").value == "x" * 61
        await pilot.press("backspace", "ctrl+s")
        await settle(pilot)
    [card] = store.cards()
    assert card.label == "x" * 60


async def test_a_refused_save_from_the_forms_foot_shows_the_field_and_its_message(make_app):
    """Saved with the form scrolled to its foot: the name's row and the message under it
    both come into view (the message alone did, the name one row above the top)."""
    app = make_app(Store.in_memory())
    async with app.run_test(size=(80, 16)) as pilot:  # a form taller than the screen
        await pilot.press("a")
        await settle(pilot)
        await type_text(pilot, "x" * 61)
        box = app.screen.query_one(".form-box")
        box.scroll_end(animate=False, immediate=True)
        await settle(pilot)
        assert box.scroll_y > 0
        await pilot.press("ctrl+s")
        await settle(pilot)
        error = app.screen.query_one("#form-error")
        assert "at most 60" in str(error.render())
        label_row = app.screen.query_one("#label").parent
        view = box.scrollable_content_region
        assert view.contains_region(label_row.region), (label_row.region, view)
        assert view.contains_region(error.region), (error.region, view)


async def test_escape_cancels_the_form(make_app):
    store = Store.in_memory()
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        await type_text(pilot, "Never mind")
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, CardForm)
    assert store.cards() == [] and store.log() == []


async def test_edit_card(make_app, content, clock):
    store = Store.in_memory()
    [card_id] = seed(store, content, clock, ESIM)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        form = app.screen
        assert isinstance(form, CardForm)
        assert form.query_one("#label", Input).value == "Old eSIM"
        await pilot.press("end", *["backspace"] * 4)
        await type_text(pilot, "SIM 2")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, CardForm)
    assert store.card(card_id).label == "Old SIM 2"
    assert store.log(card_id)[0].event == "card.edited"


@pytest.mark.parametrize(("lang", "next_field"), [("en", "Next field"), ("zh-CN", "下一栏")])
async def test_the_key_bar_names_enter_as_next_field_only_in_a_one_line_field(
    make_app, lang, next_field
):
    """Found by a tester: in Notes Enter starts a new line, but the key bar still said
    `Enter Next field`."""


    app = make_app(lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a")
        await wait_shown(pilot, CardForm, "the card form")
        await settle(pilot)
        assert next_field in [words for _keys, words in shown_keys(app)]
        app.screen.query_one("#notes", TextArea).focus()
        await settle(pilot)
        assert next_field not in [words for _keys, words in shown_keys(app)]
        await pilot.press("enter", "X")
        await settle(pilot)
        assert app.screen.query_one("#notes", TextArea).text == "\nX"
