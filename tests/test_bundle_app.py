"""`b` (palette: Add from a bundle) in the app: pick a bundle, untick what does not
apply (space), switch a card's intent where the bundle offers another (`i`), set the
region, and Enter adds exactly the ticked cards with their kinds and intents, in one
logged change; Escape, at either step, adds nothing."""

from __future__ import annotations

from tests.helpers.pilot import settle, wait_until
from tui.domain.tracker import Tracker
from tui.records.card_fields import CardFields
from tui.records.kinds import Intent, Kind
from tui.storage.store import Store

SIZE = (80, 24)


def _store(content, clock, regions=("CN",)) -> Store:
    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock, issuers=content.issuers)
    for number, region in enumerate(regions):
        tracker.add_card(CardFields(f"Old {number}", "transit", "cancel", region=region))
    return store


async def _open(pilot, which: str):
    """`b`, then the bundle whose title is `which`: its checklist."""
    from tui.ui.bundle_dialogs import BundleChecklist, BundleChoice, BundleList

    await pilot.press("b")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, BundleChoice), "the bundles")
    titles = [b.title.get(pilot.app.t.lang) for b in pilot.app.screen.bundles]
    bundles = pilot.app.screen.query_one(BundleList)
    await pilot.press(*["j"] * (titles.index(which) - (bundles.highlighted or 0)), "enter")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, BundleChecklist), "the cards")
    return pilot.app.screen


def _rows(checklist) -> list[str]:
    from tui.ui.bundle_dialogs import BundleCardPicks

    picks = checklist.query_one(BundleCardPicks)
    return [picks.render_line(y).text for y in range(picks.option_count)]


def _new(store: Store) -> list[tuple[str, Kind, Intent, str, bool]]:
    return [
        (c.label, c.kind, c.intent, c.region, c.carried)
        for c in store.cards()
        if not c.label.startswith("Old ")
    ]


async def test_the_bundle_adds_exactly_the_ticked_cards_with_their_intents(
    make_app, content, clock
):
    store = _store(content, clock, regions=("GB", "CN", "CN"))
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        checklist = await _open(pilot, "Moving abroad")
        rows = _rows(checklist)
        assert [row[:3] for row in rows] == ["▐X▌"] * 4, rows  # every card ticked
        assert "Transit card · Transit · Cancel" in rows[0], rows
        assert checklist.query_one("#bundle-region").value == "CN"  # most cards' region
        await pilot.press("j", "space")  # the bank card does not apply
        await pilot.press("j", "i")  # the phone: cancel instead of port out
        await pilot.pause()
        assert _rows(checklist)[1].startswith("▐ ▌ Bank card")
        assert "Phone number / eSIM · eSIM · Cancel" in _rows(checklist)[2]
        await pilot.press("enter")
        await settle(pilot)
        assert _new(store) == [
            ("Transit card", Kind.TRANSIT, Intent.CANCEL, "CN", False),
            ("Phone number / eSIM", Kind.ESIM, Intent.CANCEL, "CN", False),
            ("Social security", Kind.SOCIAL_SECURITY, Intent.CANCEL, "CN", False),
        ]
        said = app.query_one("StatusLine").message
        assert said == "Added 3 cards from “Moving abroad”.", said
    added = [e for e in store.log() if e.event == "card.added_from_bundle"]
    assert len(added) == 3 and {e.params["bundle"] for e in added} == {"Moving abroad"}
    notes = {c.label: c.notes for c in store.cards()}
    assert "balance and deposit refunded" in notes["Transit card"]


async def test_the_lost_wallet_bundle_marks_its_cards_carried_in_chinese(
    make_app, content, clock
):
    store = _store(content, clock, regions=())
    app = make_app(store, lang="zh-CN")
    async with app.run_test(size=SIZE) as pilot:
        checklist = await _open(pilot, "钱包丢失")
        assert checklist.query_one("#bundle-region").value == ""  # no card says where
        await pilot.press("tab")
        await pilot.press(*"HK")
        await pilot.press("enter")
        await settle(pilot)
    cards = _new(store)
    assert len(cards) == 5
    assert all(intent is Intent.REPORT_LOST and region == "HK" and carried
               for _label, _kind, intent, region, carried in cards), cards
    assert cards[0][0] == "借记卡"


async def test_escape_adds_nothing_at_either_step(make_app, content, clock):
    from tui.ui.bundle_dialogs import BundleChoice

    store = _store(content, clock)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await _open(pilot, "Closing a relative's accounts")
        await pilot.press("space", "escape", "y")  # a tick changed: discarded once asked
        await wait_until(pilot, lambda: len(app.screen_stack) == 1, "the main screen")
        await pilot.press("b")
        await wait_until(pilot, lambda: isinstance(app.screen, BundleChoice), "the bundles")
        await pilot.press("escape")
        await wait_until(pilot, lambda: len(app.screen_stack) == 1, "the main screen")
        await settle(pilot)
    assert _new(store) == []
    assert [e.event for e in store.log()] == ["card.added"]


async def test_nothing_ticked_adds_nothing_and_says_so(make_app, content, clock):
    from tui.ui.bundle_dialogs import BundleChecklist

    store = _store(content, clock)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        checklist = await _open(pilot, "Closing a relative's accounts")
        await pilot.press("space", "j", "space", "j", "space", "enter")
        await pilot.pause()
        assert isinstance(app.screen, BundleChecklist) and app.screen is checklist
        said = app.query_one("StatusLine").message
        assert said.startswith("No card is ticked: space ticks"), said
    assert _new(store) == []


async def test_the_help_and_the_palette_name_the_bundle_key(make_app):
    from tui.ui.help_screen import HelpScreen

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen), "the help")
        assert ("b", "Add from a bundle") in [row for _title, rows in app.screen.sections
                                             for row in rows]
        await pilot.press("escape", "ctrl+p")
        await wait_until(pilot, lambda: app.screen.query("CommandInput"), "the palette")
        await pilot.press(*"bundle", "enter")
        from tui.ui.bundle_dialogs import BundleChoice

        await wait_until(pilot, lambda: isinstance(app.screen, BundleChoice), "the bundles")


async def test_the_owner_field_names_whose_cards_they_are(make_app, content, clock):
    store = _store(content, clock)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        checklist = await _open(pilot, "Lost wallet")
        owner = checklist.query_one("#bundle-owner")
        assert owner.value == "me"  # the user's own, to start with
        checklist.set_focus(owner)
        await pilot.press("ctrl+u", *"Mum", "enter")
        await settle(pilot)
    cards = [c for c in store.cards() if not c.label.startswith("Old ")]
    assert len(cards) == 5 and {c.owner for c in cards} == {"Mum"}


async def test_a_relatives_bundle_asks_their_name_before_adding(make_app, content, clock):
    from tui.ui.bundle_dialogs import BundleChecklist

    store = _store(content, clock)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        checklist = await _open(pilot, "Closing a relative's accounts")
        owner = checklist.query_one("#bundle-owner")
        assert owner.value == ""
        await pilot.press("enter")  # no name yet: nothing added, said at the field
        await pilot.pause()
        error = checklist.query_one("#bundle-error")
        assert app.screen is checklist and error.has_class("visible")
        assert "Name the relative" in str(error.render())
        assert app.focused is owner
        await pilot.press(*"me", "enter")  # the user is not the late relative
        await pilot.pause()
        assert app.screen is checklist and _new(store) == []
        assert error.has_class("visible")
        assert "“me” means your own cards" in str(error.render())  # why, not the generic
        await pilot.press("backspace")  # the name changes: the error goes
        await wait_until(pilot, lambda: not error.has_class("visible"), "the error gone")
        await pilot.press("ctrl+u", *"Grandma Wang", "enter")
        await wait_until(pilot, lambda: not isinstance(app.screen, BundleChecklist), "added")
        await settle(pilot)
    cards = [c for c in store.cards() if not c.label.startswith("Old ")]
    assert len(cards) == 3 and {c.owner for c in cards} == {"Grandma Wang"}
    added = [e for e in store.log() if e.event == "card.added_from_bundle"]
    assert {e.params.get("holder") for e in added} == {"deceased"}


async def test_cards_already_in_the_list_are_marked_and_left_unticked(make_app, content, clock):
    store = _store(content, clock)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await _open(pilot, "Lost wallet")
        await pilot.press("enter")
        await settle(pilot)
        assert len(_new(store)) == 5
        checklist = await _open(pilot, "Lost wallet")  # again: every card is there
        rows = _rows(checklist)
        assert all(row.startswith("▐ ▌") and "(already) " in row for row in rows), rows
        note = str(checklist.query_one("#bundle-already").render())
        assert note.startswith("5 cards are in your list already"), note
        owner = checklist.query_one("#bundle-owner")
        checklist.set_focus(owner)
        await pilot.press("ctrl+u", *"Mum")  # Mum's are not there: ticked again
        await pilot.pause()
        rows = _rows(checklist)
        assert all(row.startswith("▐X▌") and "(already)" not in row for row in rows), rows
        assert not checklist.query_one("#bundle-already").display
        await pilot.press("ctrl+u", *"me", "enter")  # the user's again: none ticked
        await pilot.pause()
        assert app.screen is checklist
        said = app.query_one("StatusLine").message
        assert said.startswith("No card is ticked"), said
    assert len(_new(store)) == 5  # no card twice
