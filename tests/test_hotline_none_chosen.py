"""The hotline search highlights a result only when it is a match for what the user
means: a query they typed, or the issuer their card links to. Opened on a card whose
issuer text links to no issuer, or on an empty query (a card with no issuer; `h` with
no card), its results are guesses or the directory in order, and a hurried Enter
copied the first of them: an unrelated bank's number (ANZ's, first in the list).
Now none is highlighted until the user chooses one or types, and the hint says so."""

from __future__ import annotations

import pytest
from textual.widgets import Input, Static

from tests.helpers.pilot import settle, wait_shown
from tui.domain.tracker import Tracker
from tui.records.card_fields import CardFields
from tui.storage.store import Store
from tui.ui.hotline_list import HotlineList
from tui.ui.hotline_screen import HotlineScreen

SIZE = (80, 24)


def _one_card(content, clock, fields: CardFields | None) -> Store:
    store = Store.in_memory()
    if fields is not None:
        Tracker(store, content.playbooks, clock, issuers=content.issuers).add_card(fields)
    return store


def _hint(app) -> str:
    return str(app.screen.query_one("#hotline-hint", Static).render())


@pytest.mark.parametrize(
    ("fields", "lang", "said"),
    [
        # issuer text that links to no issuer: the search finds what it may mean
        (CardFields("Debit", "bank", "report-lost", "Barclays bank", "GB"), "en",
         "not linked, so these are guesses"),
        (CardFields("借记卡", "bank", "report-lost", "银行", "CN"), "zh-CN",
         "以下只是可能的结果"),
        # no issuer at all: the query is empty, the list is the directory in order
        (CardFields("Gym card", "other", "cancel", ""), "en", "none chosen · type"),
        (None, "en", "none chosen · type"),  # `h` with no card
    ],
    ids=["unlinked", "unlinked-zh", "no-issuer", "no-card"],
)
async def test_nothing_is_chosen_for_the_user_and_enter_copies_nothing(
    make_app, content, clock, fields, lang, said
):
    app = make_app(_one_card(content, clock, fields), lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("h")
        await wait_shown(pilot, HotlineScreen, "the hotline search")
        await settle(pilot)
        screen = app.screen
        listing = screen.query_one(HotlineList)
        assert listing.option_count > 1, "the search shows results to choose from"
        assert listing.highlighted is None and screen.highlighted() is None
        assert said in _hint(app)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen and app.clipboard == "", "Enter copied a guess"
        await pilot.press("down")  # the user chooses: the first result, and the usual hint
        await settle(pilot)
        assert listing.highlighted == 0 and said not in _hint(app)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is not screen and app.clipboard, "the chosen number is copied"


async def test_a_typed_query_and_a_linked_issuer_highlight_their_first_result(
    make_app, content, clock
):
    store = _one_card(content, clock, CardFields("Debit", "bank", "report-lost", "Nowhere", "CN"))
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("h")
        await wait_shown(pilot, HotlineScreen, "the hotline search")
        await settle(pilot)
        screen = app.screen
        assert screen.highlighted() is None
        await pilot.press(*"icbc")  # typed: the user's own words find their match
        await settle(pilot)
        assert screen.query_one("#hotline-query", Input).value == "icbc"
        chosen = screen.highlighted()
        assert chosen is not None and chosen[0].id == "icbc"
        await pilot.press("ctrl+l")  # linked now: opened again on it, it is chosen
        await settle(pilot)
        await pilot.press("h")
        await wait_shown(pilot, HotlineScreen, "the search again")
        await settle(pilot)
        chosen = app.screen.highlighted()
        assert chosen is not None and chosen[0].id == "icbc"
        assert "none chosen" not in _hint(app)
