"""The hotline search is built once and shown again for each search (it opens in
about half the time): shown again, it must show exactly what a screen built for
that search shows, whatever the last search left behind."""

from __future__ import annotations

from textual.widgets import Input, Static

from tests.helpers.pilot import wait_until
from tui.domain.tracker import Tracker
from tui.records.card_fields import CardFields
from tui.storage.store import Store
from tui.ui.hotline_list import HotlineList
from tui.ui.hotline_screen import HotlineScreen

SIZE = (80, 24)

# the same issuer for different ends (its numbers in another order), other regions and
# kinds, a name that links to nothing and no issuer at all; each opened in turn
CARDS = [
    CardFields("Debit lost", "bank", "report-lost", "工行", "CN"),
    CardFields("Debit closed", "bank", "cancel", "工行", "CN"),
    CardFields("Phone", "esim", "report-lost", "EE", "GB"),
    CardFields("Octopus", "transit", "report-lost", "八达通"),
    CardFields("Unknown", "bank", "report-lost", "Sample Bank of Nowhere", "JP"),
    CardFields("Nothing", "other", "cancel", ""),
]


def shown(app) -> dict:
    """What the hotline screen shows: the field, its selection, every result (all
    built), the highlighted one, the detail and the hint."""
    screen = app.screen
    assert isinstance(screen, HotlineScreen)
    field = screen.query_one("#hotline-query", Input)
    listing = screen.query_one(HotlineList)
    listing.build_all()
    return {
        "query": field.value,
        "selection": tuple(field.selection),
        "focused": app.focused is field,
        "results": [
            str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)
        ],
        "highlighted": listing.highlighted,
        "detail": str(screen.query_one("#hotline-detail", Static).render()),
        "hint": str(screen.query_one("#hotline-hint", Static).render()),
    }


def seeded(content, clock) -> Store:
    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock, issuers=content.issuers)
    for fields in CARDS:
        tracker.add_card(fields)
    return store


async def test_shown_again_it_shows_what_a_new_screen_shows(make_app, content, clock):
    kept_app = make_app(seeded(content, clock))
    async with kept_app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        seen = []
        for _card in CARDS:
            await pilot.press("h")
            await pilot.pause()
            seen.append(shown(kept_app))
            # leave something behind: another query, a result further down, the detail
            await pilot.press("ctrl+a", *"visa", "down", "down")
            await pilot.pause()
            await pilot.press("escape")
            await pilot.pause()
            assert not isinstance(kept_app.screen, HotlineScreen)
            await pilot.press("j")  # the next card
        assert sum(isinstance(s, HotlineScreen) for s in kept_app._installed_screens.values()) == 1
    for n, seen_then in enumerate(seen):
        new_app = make_app(seeded(content, clock))
        async with new_app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press(*["j"] * n, "h")
            await pilot.pause()
            assert seen_then == shown(new_app), CARDS[n].label


async def test_typing_in_the_screen_shown_again_replaces_the_cards_issuer(
    make_app, content, clock
):
    app = make_app(seeded(content, clock))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h", *"visa", "escape", "j", "h", *"EE")
        await pilot.pause()
        assert app.screen.query_one("#hotline-query", Input).value == "EE"
        assert "EE" in shown(app)["results"][0]


async def test_a_search_asked_for_while_the_screen_is_shown_opens_another(
    make_app, content, clock
):
    """The kept screen cannot be shown twice: a search asked for while it is shown
    (the palette's issuer search) gets a screen of its own."""
    app = make_app(seeded(content, clock))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h")
        await pilot.pause()
        first = app.screen
        app.open_hotlines("Octopus")
        await wait_until(
            pilot,
            lambda: app.screen is not first and app.screen.query("#hotline-query"),
            "a second hotline search",
        )
        assert app.screen.query_one("#hotline-query", Input).value == "Octopus"
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is first, "back to the first")
        await pilot.press("escape")
        await wait_until(pilot, lambda: len(app.screen_stack) == 1, "back to the cards")
        await pilot.press("h")  # the kept one, again
        await pilot.pause()
        assert app.screen is first
        assert shown(app)["query"] == "Industrial and Commercial Bank of China"
