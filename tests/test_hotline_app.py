"""Pilot flows for the hotline lookup."""

from __future__ import annotations

from textual.command import CommandPalette
from textual.widgets import OptionList, Static

from tui.model import CardFields
from tui.store import Store
from tui.tracker import Tracker
from tui.ui.hotline_screen import HotlineScreen
from tui.ui.status_line import StatusLine

SIZE = (80, 24)


async def test_lookup_as_you_type_and_enter_copies(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h")
        assert isinstance(app.screen, HotlineScreen)
        await pilot.press(*"工行")
        await pilot.pause()
        first = str(app.screen.query_one(OptionList).get_option_at_index(0).prompt)
        assert "ICBC" in first and "95588" in first and "www.icbc.com.cn" in first
        await pilot.press("enter")
        await pilot.pause()
        assert app.clipboard == "95588"
        assert not isinstance(app.screen, HotlineScreen)
        assert "Copied 95588 (ICBC)" in app.query_one(StatusLine).message


async def test_unverified_numbers_are_marked_and_detail_shows_source(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h", *"10086")
        await pilot.pause()
        listing = app.screen.query_one(OptionList)
        shown = [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]
        mobile = next(s for s in shown if "10086" in s)
        assert "unverified" in mobile
        await pilot.press("backspace", "backspace", "backspace", "backspace", "backspace")
        await pilot.press(*"octopus")
        await pilot.pause()
        detail = str(app.screen.query_one("#hotline-detail", Static).render())
        assert "octopus.com.hk" in detail and "website" in detail
        await pilot.press("down", "enter")  # the second Octopus number
        await pilot.pause()
        assert app.clipboard == "+852 2266 2266"


async def test_h_on_a_card_opens_its_issuer(make_app, content, clock):
    store = Store.in_memory()
    Tracker(store, content.playbooks, clock).add_card(CardFields("Debit", "bank", "cancel", "工行"))
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h")
        assert app.screen.query_one("#hotline-query").value == "ICBC"


async def test_palette_finds_hotlines(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"Octopus")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HotlineScreen)
        assert app.screen.query_one("#hotline-query").value == "Octopus"


async def test_steps_pane_shows_the_issuers_number_and_call_steps_offer_it(
    make_app, content, clock
):
    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock)
    tracker.add_card(CardFields("Octopus", "transit", "report-lost", "八达通"))
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        line = str(app.query_one("#issuer-line", Static).render())
        assert "+852 2266 2266" in line and "report lost" in line and "unverified" in line
        await pilot.press("enter")  # to the steps; the first is the call
        detail = str(app.query_one("#step-detail", Static).render())
        assert "☎ +852 2266 2266" in detail and "confirm it on the card" in detail
