"""Pilot flows for the hotline lookup."""

from __future__ import annotations

from textual.command import CommandPalette
from textual.widgets import OptionList, Static

from tests.helpers.pilot import palette_choice, wait_until
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
        await wait_until(pilot, lambda: "Octopus" in palette_choice(pilot), "Octopus found")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, HotlineScreen), "the hotlines")
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


async def test_lost_wallet_walks_three_calls_and_logs_references(make_app, content, clock):
    from tui.model import Intent
    from tui.ui.lost_wallet import LostWalletPick, LostWalletScreen, ReferenceScreen

    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock)
    octopus = tracker.add_card(CardFields("Octopus", "transit", "cancel", "octopus"))
    debit = tracker.add_card(CardFields("Debit", "bank", "cancel", "工行"))
    credit = tracker.add_card(CardFields("Credit", "bank", "suspend", "CMB"))
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("L")
        assert isinstance(app.screen, LostWalletPick)
        await pilot.press("enter")  # all three picked
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LostWalletScreen)
        assert [v.card.label for v in screen.views] == ["Debit", "Credit", "Octopus"]  # banks first
        assert "3 of 3 still to call" in str(screen.query_one("#lost-count", Static).render())
        for reference in ("ICBC-1", "CMB-2", "OCT-3"):
            await pilot.press("space")
            assert isinstance(app.screen, ReferenceScreen)
            await pilot.press(*reference, "enter")
            await pilot.pause()
        assert "0 of 3 still to call" in str(screen.query_one("#lost-count", Static).render())
        await pilot.press("escape")
    for card in (octopus, debit, credit):
        assert store.card(card.id).intent is Intent.REPORT_LOST
    calls = [e for e in store.log() if e.event == "lost.called"]
    assert sorted(e.params["reference"] for e in calls) == ["CMB-2", "ICBC-1", "OCT-3"]
    by_card = {e.card_id: e.params["number"] for e in calls}
    assert by_card[debit.id] == "95588" and by_card[octopus.id] == "+852 2266 2266"
    for card in (octopus, debit, credit):
        view = tracker.view(card.id)
        assert tracker.first_call_step(view).done
