"""Pilot flows for the hotline lookup."""

from __future__ import annotations

import pytest
from textual.command import CommandPalette
from textual.widgets import OptionList, Static

from tests.helpers.pilot import issuer_line, palette_choice, wait_until
from tui.domain.tracker import Tracker
from tui.records.card_fields import CardFields
from tui.storage.store import Store
from tui.ui.hotline_list import HotlineList
from tui.ui.hotline_screen import HotlineScreen
from tui.ui.status_line import StatusLine

SIZE = (80, 24)


ICBC = "Industrial and Commercial Bank of China"
READ = "read 2026-11-30"  # the day every source of the shipped list was read


def options(app) -> list[str]:
    """Every option of the list on screen; the hotline search's are built as they come
    into view, so all of them are built first."""
    found = app.screen.query(HotlineList)
    listing = found.first() if found else app.screen.query_one(OptionList)
    if isinstance(listing, HotlineList):
        listing.build_all()
    return [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]


async def test_lookup_as_you_type_and_enter_copies(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h")
        assert isinstance(app.screen, HotlineScreen)
        await pilot.press(*"工行")
        await pilot.pause()
        first = options(app)[0]
        assert first.startswith(f"{ICBC} · 中国工商银行 · CN")
        # a number that works only at home: national form, and where it works
        # the lost-card line first; it works only at home: national form, and where
        assert "☎ 95588 (report lost) · only within mainland China" in first
        assert f"source: icbc.com.cn · {READ}" in first and "unverified" not in first
        await pilot.press("enter")
        await pilot.pause()
        assert app.clipboard == "95588"
        assert not isinstance(app.screen, HotlineScreen)
        assert f"Copied 95588 to the clipboard ({ICBC})" in app.query_one(StatusLine).message


async def test_third_party_numbers_are_marked_and_detail_shows_their_source(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h", *"工行")
        await pilot.pause()
        shown = options(app)
        [index] = [i for i, s in enumerate(shown) if "+86 10 95588" in s]
        third = shown[index]
        assert "(report lost) · from abroad" in third
        assert f"⚠ unverified: from a third party's page (info.5y1.org, {READ})" in third
        official = [s for s in shown if s != third]
        assert official and not any("unverified" in s or "⚠" in s for s in official)
        assert all(f"· {READ}" in s and "source: " in s for s in official)
        for _ in range(index):
            await pilot.press("down")
        detail = str(app.screen.query_one("#hotline-detail", Static).render())
        # the source under the list is said to be this line's, not the row above it
        heading = "▸ Selected: Industrial and Commercial Bank of China · ☎ +86 10 95588"
        assert detail.splitlines()[0] == heading, detail
        assert (
            "source: https://info.5y1.org/" in detail
            and "website: https://www.icbc.com.cn" in detail
        )
        await pilot.press(*["backspace"] * 2, *"octopus")
        await pilot.pause()
        # Octopus's lost-card line is on its own FAQ: shown as sourced, not unverified
        [lost] = [s for s in options(app) if "(report lost)" in s]
        assert "☎ +852 2266 2266 (report lost)" in lost and "unverified" not in lost
        assert f"source: www.octopus.com.hk · {READ}" in lost
        detail = str(app.screen.query_one("#hotline-detail", Static).render())
        assert "octopus.com.hk" in detail and "website" in detail
        await pilot.press("enter")  # the lost-card line comes first
        await pilot.pause()
        assert app.clipboard == "+852 2266 2266"


async def test_numbers_whose_sources_disagree_are_shown_together_with_the_conflict(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h", *"ANZ")
        await pilot.pause()
        shown = [s for s in options(app) if s.startswith("ANZ ")]
        current = next(s for s in shown if "☎ +61 3 8699 6955" in s)
        older = next(s for s in shown if "☎ +61 3 9683 7043" in s)
        assert "⚠ sources disagree: An older ANZ page gives +61 3 9683 7043." in current
        assert "⚠ sources disagree: ANZ's current page gives +61 3 8699 6955." in older


async def test_abroad_the_lookup_offers_lines_for_abroad_first_and_marks_home_only_ones(
    make_app,
):
    app = make_app(abroad=True)  # config.yaml `abroad: true`
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h", *"工行")
        await pilot.pause()
        shown = [s for s in options(app) if s.startswith(ICBC)]
        assert "☎ +86 10 95588 (report lost) · from abroad" in shown[0]
        home_only = [s for s in shown if "☎ 95588" in s or "400 669 5588" in s]
        assert len(home_only) == 3
        blocked = "✗ works only within mainland China, and you are abroad"
        assert all(blocked in s for s in home_only), home_only
        assert shown[-len(home_only) :] == home_only  # what will not work comes last


async def test_h_on_a_card_opens_its_issuer(make_app, content, clock):
    store = Store.in_memory()
    Tracker(store, content.playbooks, clock).add_card(
        CardFields("Debit", "bank", "report-lost", "工行", "CN")
    )
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h")
        assert app.screen.query_one("#hotline-query").value == ICBC
        await pilot.pause()
        # in the order that fits the card: its lost-card line first
        assert "☎ 95588 (report lost)" in options(app)[0]


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
    tracker.add_card(  # registered: an anonymous Octopus cannot be reported lost
        CardFields("Octopus", "transit", "report-lost", "八达通", registered=True)
    )
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        line = issuer_line(app)
        # the lost-card line, from Octopus's own page: sourced, no warning
        assert line.startswith("Octopus ☎ +852 2266 2266 (report lost) · www.octopus.com.hk")
        assert "unverified" not in line and "⚠" not in line
        await pilot.press("enter")  # to the steps; the first is the call
        detail = app.query_one("#step-detail-box").text
        assert "☎ +852 2266 2266 (report lost)" in detail
        assert f"source: www.octopus.com.hk · {READ}" in detail
        assert "an anonymous card cannot be reported lost" in detail  # the number's note


@pytest.mark.parametrize(
    ("issuer", "region", "offered", "own_network"),
    [
        ("EE", "GB", "+44 7953 966250", "150"),
        ("T-Mobile", "US", "+1 877-453-1304", "611"),
        ("Vodafone UK", "GB", "0333 304 0191", "191"),
    ],
)
async def test_a_lost_phone_is_offered_a_number_another_phone_can_dial(
    make_app, content, clock, issuer, region, offered, own_network
):
    """The carrier's short code works only from its own SIM, which is the one lost: the
    steps and the lost wallet offer a number any other phone can call."""
    from tui.ui.lost_wallet import LostWalletScreen

    store = Store.in_memory()
    Tracker(store, content.playbooks, clock).add_card(
        CardFields("Phone", "esim", "report-lost", issuer, region, carried=True)
    )
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        line = issuer_line(app)
        assert f"☎ {offered} (" in line and f"☎ {own_network}" not in line
        await pilot.press("L", "enter")
        await pilot.pause()
        assert isinstance(app.screen, LostWalletScreen)
        [call] = options(app)
        assert f"☎ {offered} (" in call and f"☎ {own_network}" not in call
        await pilot.press("c")
        assert app.clipboard == offered


async def test_the_lost_wallet_abroad_toggle_changes_the_number_offered(make_app, content, clock):
    from tui.ui.lost_wallet import LostWalletScreen

    store = Store.in_memory()
    Tracker(store, content.playbooks, clock).add_card(
        CardFields("Debit", "bank", "cancel", "工行", "CN", carried=True)
    )
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("L", "enter", "y")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LostWalletScreen)
        assert "I am at home" in str(screen.query_one("#lost-abroad", Static).render())
        [call] = options(app)
        assert "☎ 95588 (report lost) · icbc.com.cn" in call  # at home: the short code
        await pilot.press("a")
        await pilot.pause()
        assert app.abroad
        assert "I am abroad" in str(screen.query_one("#lost-abroad", Static).render())
        [call] = options(app)
        # ICBC's only line for abroad is from a third party's page: offered, with a warning
        assert "☎ +86 10 95588 (report lost) · from abroad ⚠ unverified" in call
        await pilot.press("c")
        assert app.clipboard == "+86 10 95588"
        await pilot.press("escape")
        await pilot.pause()
        line = issuer_line(app)
        assert "☎ +86 10 95588 (report lost) · from abroad" in line  # the steps pane too


async def test_lost_wallet_walks_three_calls_and_logs_references(make_app, content, clock):
    from tui.records.kinds import Intent
    from tui.ui.lost_wallet import LostWalletScreen
    from tui.ui.lost_wallet_pick import LostWalletPick
    from tui.ui.reference_dialog import ReferenceScreen

    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock)
    octopus = tracker.add_card(  # registered: an anonymous Octopus cannot be reported lost
        CardFields("Octopus", "transit", "cancel", "octopus", carried=True, registered=True)
    )
    debit = tracker.add_card(CardFields("Debit", "bank", "cancel", "工行", carried=True))
    credit = tracker.add_card(CardFields("Credit", "bank", "suspend", "CMB", carried=True))
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("L")
        assert isinstance(app.screen, LostWalletPick)
        await pilot.press("enter", "y")  # all three carried, so picked
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


def _screen_text(app) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
@pytest.mark.parametrize("lang", ["en", "zh-CN"])
async def test_a_long_detail_never_hides_the_first_number(make_app, content, clock, size, lang):
    """China Mobile's detail (website, source, two procedures) is taller than the box
    leaves at 80x24: the detail gives way, the first result and its number stay."""
    store = Store.in_memory()
    Tracker(store, content.playbooks, clock, issuers=content.issuers).add_card(
        CardFields("Mobile", "esim", "cancel", "China Mobile", "CN")
    )
    app = make_app(store, lang=lang)
    async with app.run_test(size=size) as pilot:
        await pilot.press("h")
        await wait_until(pilot, lambda: isinstance(app.screen, HotlineScreen), "the search")
        await wait_until(pilot, lambda: "10086" in _screen_text(app), "China Mobile's number")
        await pilot.press("down")  # the next result: the detail changes, the list stays
        await pilot.pause()
        assert "☎" in _screen_text(app)


async def test_the_search_names_an_issuer_in_the_readers_language_first(make_app):
    app = make_app(lang="zh-CN")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h")
        await pilot.press(*"工行")
        await pilot.pause()
        assert options(app)[0].startswith(f"中国工商银行 · {ICBC} · CN")


@pytest.mark.parametrize(("query", "found"), [("iPhone", ["apple"]), ("phone", []),
                                              ("CitiPhone", ["citibank-hk"])])
async def test_h_iphone_offers_apple_and_never_a_citiphone_number(make_app, query, found):
    """Typing `iPhone` in the lookup listed Citibank Hong Kong first, its number ready
    for Enter to copy: CitiPhone (Citi's phone banking) has iPhone inside it."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h", *query)
        await pilot.pause()
        assert isinstance(app.screen, HotlineScreen)
        assert list(dict.fromkeys(issuer.id for issuer, _ in app.screen._results)) == found
        if query != "CitiPhone":
            assert not any("2860" in line or "Citi" in line for line in options(app))
