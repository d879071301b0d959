"""The lost-wallet list of whom to call: one list in order (banks and payment cards,
the phone, transit and social security, other cards, ID documents), each with the
number that works from where the user is or what to do without one, `c` to copy,
`h` to search the directory, space to record the reference (shown at once), and `L`
with no open card saying so.

The list is opened here through the app's `open_lost_calls`, with cards already set
to report lost, so these tests hold the list whatever the picking dialog asks."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from textual.widgets import OptionList, Static

from tests.helpers.pilot import settle
from tui.domain.lost_wallet_calls import CALL_ORDER, CallState, call_state, in_call_order
from tui.domain.tracker import Tracker
from tui.records.card_fields import CardFields
from tui.records.kinds import Kind
from tui.records.model import LogEntry
from tui.storage.store import Store
from tui.ui.hotline_screen import HotlineScreen
from tui.ui.lost_wallet import LostWalletScreen
from tui.ui.lost_wallet_pick import LostWalletPick
from tui.ui.reference_dialog import ReferenceScreen
from tui.ui.status_line import StatusLine

SIZE = (80, 24)


def _rows(screen) -> list[str]:
    listing = screen.query_one(OptionList)
    return [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]


def _count(screen) -> str:
    return str(screen.query_one("#lost-count", Static).render())


def _tracker(store, content, clock) -> Tracker:
    return Tracker(store, content.playbooks, clock, issuers=content.issuers)


async def _open_calls(app, pilot) -> LostWalletScreen:
    """The list of whom to call for every card (all of them reported lost already)."""
    app.open_lost_calls(app.tracker.views())
    await settle(pilot)
    assert isinstance(app.screen, LostWalletScreen)
    return app.screen


WALLET = [  # as a user adds them, in no particular order
    CardFields("Passport", "id-document", "report-lost", "", "GB"),
    CardFields("Metro", "transit", "report-lost", "八达通", "HK", registered=True),
    CardFields("Gym card", "other", "report-lost", "Gym"),
    CardFields("Social sec.", "social-security", "report-lost", "", "CN"),
    CardFields("Phone", "esim", "report-lost", "EE", "GB"),
    CardFields("Debit", "bank", "report-lost", "工行", "CN"),
    CardFields("Visa", "bank", "report-lost", "", "US", network="visa"),
]


def test_the_order_is_cards_that_pay_then_the_phone_then_the_rest_then_id_documents():
    assert set(CALL_ORDER) == set(Kind)  # a kind added later must be given its place
    ranks = [CALL_ORDER[k] for k in (Kind.BANK, Kind.ESIM, Kind.TRANSIT, Kind.OTHER)]
    assert ranks == sorted(set(ranks)) and CALL_ORDER[Kind.SOCIAL_SECURITY] == ranks[2]
    assert CALL_ORDER[Kind.ID_DOCUMENT] == max(CALL_ORDER.values())


async def test_one_list_in_the_order_to_call(make_app, content, clock):
    store = Store.in_memory()
    tracker = _tracker(store, content, clock)
    for fields in WALLET:
        tracker.add_card(fields)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_calls(app, pilot)
        labels = [v.card.label for v in screen.views]
        assert labels == ["Debit", "Visa", "Phone", "Metro", "Social sec.", "Gym card", "Passport"]
        rows = _rows(screen)
        assert "☎ 95588 (report lost)" in rows[0]
        assert "Visa" in rows[1] and "(800) 847-2911" in rows[1]  # the network's line
        assert "☎ 150 " not in rows[2] and "+44 7953 966250" in rows[2]  # not the lost SIM's
        assert "police" in rows[6] and "embassy or consulate" in rows[6]
        assert "7 of 7 still to call" in _count(screen)
    assert [v.card.label for v in in_call_order(tracker.views())] == labels


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "h searches it, or take the number from the issuer's official website or app"),
        ("zh-CN", "按 h 搜索，或从发卡方官方网站或应用查询号码"),
    ],
)
async def test_a_row_with_no_number_points_to_h_not_to_the_lost_card(
    make_app, content, clock, lang, said
):
    """The card's back is in the lost wallet: the row says what can be done."""
    store = Store.in_memory()
    _tracker(store, content, clock).add_card(CardFields("Store card", "other", "report-lost", "Zz"))
    app = make_app(store, lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_calls(app, pilot)
        [row] = _rows(screen)
        assert said in row
        assert "back" not in row and "背面" not in row


async def test_h_searches_and_a_link_made_there_shows_its_number_at_once(make_app, content, clock):
    store = Store.in_memory()
    tracker = _tracker(store, content, clock)
    card = tracker.add_card(CardFields("Debit", "bank", "report-lost", "Barclays bank", "GB"))
    assert tracker.issuer_for(card) is None  # the name as typed links to nothing
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_calls(app, pilot)
        [row] = _rows(screen)
        assert "perhaps Barclays" in row and "☎" not in row
        await pilot.press("h")
        await settle(pilot)
        assert isinstance(app.screen, HotlineScreen)
        assert app.screen.query_one("#hotline-query").value == "Barclays bank"
        # the text links to no issuer: its results are guesses, none chosen yet
        assert app.screen.highlighted() is None
        await pilot.press("ctrl+l")
        await settle(pilot)
        assert isinstance(app.screen, HotlineScreen)  # nothing chosen to link
        await pilot.press("down", "ctrl+l")  # choose the first, link the card to it
        await settle(pilot)
        assert app.screen is screen
        [row] = _rows(screen)
        assert "Barclays" in row and "☎ " in row, row
    linked = tracker.issuer_for(store.card(card.id))
    assert linked is not None and linked.id == "barclays"


async def test_escape_from_the_search_keeps_the_list_as_it_was(make_app, content, clock):
    store = Store.in_memory()
    _tracker(store, content, clock).add_card(CardFields("Debit", "bank", "report-lost", "工行"))
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_calls(app, pilot)
        before = _rows(screen)
        await pilot.press("h")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen and _rows(screen) == before


async def test_a_recorded_reference_shows_in_the_list_at_once(make_app, content, clock):
    store = Store.in_memory()
    tracker = _tracker(store, content, clock)
    debit = tracker.add_card(CardFields("Debit", "bank", "report-lost", "工行", "CN"))
    tracker.add_card(CardFields("Credit", "bank", "report-lost", "CMB", "CN"))
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_calls(app, pilot)
        assert "reference" not in _rows(screen)[0]
        await pilot.press("space")
        assert isinstance(app.screen, ReferenceScreen)
        await pilot.press(*"ICBC-1", "enter")
        await settle(pilot)
        assert app.screen is screen
        first = _rows(screen)[0]
        assert first.startswith("[x] Debit") and "reference ICBC-1 · " in first
        assert "1 of 2 still to call" in _count(screen)
        assert screen.query_one(OptionList).highlighted == 1  # on to the next call
        await pilot.press("n")  # n records too, as it does in the panes
        assert isinstance(app.screen, ReferenceScreen)
        await pilot.press("enter")  # no reference given
        await settle(pilot)
        second = _rows(screen)[1]
        assert second.startswith("[x] Credit") and "no reference given" in second
        assert "0 of 2 still to call" in _count(screen)
        await pilot.press("escape")
        await settle(pilot)
        # and the lists stay true when opened again
        screen = await _open_calls(app, pilot)
        assert "reference ICBC-1" in _rows(screen)[0]
    [call] = [e for e in store.log(debit.id) if e.event == "lost.called"]
    assert call.params == {"number": "95588", "reference": "ICBC-1"}


@pytest.mark.parametrize(
    ("lang", "asked", "row"),
    [
        ("en", "the police or the office gave", "reference PR-77"),
        ("zh-CN", "警方或签发机关给出的报案编号", "受理编号：PR-77"),
    ],
)
async def test_an_id_document_is_reported_not_called(make_app, content, clock, lang, asked, row):
    store = Store.in_memory()
    tracker = _tracker(store, content, clock)
    passport = tracker.add_card(CardFields("Passport", "id-document", "report-lost", "", "GB"))
    app = make_app(store, lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_calls(app, pilot)
        await pilot.press("c")  # no number to copy: nothing is copied
        await settle(pilot)
        assert app.clipboard == ""
        await pilot.press("space")
        assert isinstance(app.screen, ReferenceScreen)
        assert asked in str(app.screen.query_one(Static).render())
        await pilot.press(*"PR-77", "enter")
        await settle(pilot)
        assert row in _rows(screen)[0]
    [entry] = [e for e in store.log(passport.id) if e.event.startswith("lost.")]
    assert (entry.event, entry.params) == ("lost.reported", {"reference": "PR-77"})
    item = tracker.first_call_step(tracker.view(passport.id))
    assert item.step_id == "police-report" and item.done


async def test_the_id_document_row_in_chinese(make_app, content, clock):
    store = Store.in_memory()
    _tracker(store, content, clock).add_card(CardFields("护照", "id-document", "report-lost"))
    app = make_app(store, lang="zh-CN")
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_calls(app, pilot)
        [row] = _rows(screen)
        assert row.startswith("[ ] 护照 · 证件 · ") and "向警方报案" in row and "使领馆" in row


@pytest.mark.parametrize("cards", [[], [CardFields("Old", "bank", "cancel", "工行")]])
async def test_l_with_no_open_card_says_so(make_app, content, clock, cards):
    store = Store.in_memory()
    tracker = _tracker(store, content, clock)
    for fields in cards:
        card = tracker.add_card(fields)
        tracker.edit_card(card.id, CardFields("Old", "bank", "cancel", "工行", abandoned=True))
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screens = len(app.screen_stack)
        await pilot.press("L")
        await settle(pilot)
        assert len(app.screen_stack) == screens  # no empty list to pick from
        assert not isinstance(app.screen, (LostWalletPick, LostWalletScreen))
        message = app.query_one(StatusLine).message
        assert message.startswith("No open card to report lost: press a to add one"), message


async def test_a_card_deleted_meanwhile_leaves_the_list(make_app, content, clock):
    store = Store.in_memory()
    tracker = _tracker(store, content, clock)
    card = tracker.add_card(CardFields("Debit", "bank", "report-lost", "工行", "CN"))
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_calls(app, pilot)
        await pilot.press("space")
        tracker.delete_card(card.id)  # another session deletes it
        await pilot.press(*"X1", "enter")
        await settle(pilot)
        assert app.screen is screen and _rows(screen) == []
        assert "No card is left to call about" in _count(screen)


def test_a_call_shows_the_newest_reference_and_none_once_unchecked():
    at = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)

    def entry(event, **params):
        return LogEntry(at, "c1", "Debit", event, params=params)

    log = [  # newest first, as Tracker.log gives it
        entry("step.checked", step="call-bank"),
        entry("lost.called", number="95588", reference="NEW"),
        entry("lost.called", number="95588", reference="OLD"),
    ]
    # the number called, as dialled, with the reference of the same call
    assert call_state(True, log) == CallState(True, "NEW", at, number="95588")
    assert call_state(False, log) == CallState(False)
    assert call_state(True, [entry("lost.reported", reference="—")]) == CallState(True, "", at)
    assert call_state(True, []) == CallState(True)


def test_a_reference_given_in_the_list_is_the_proof_step_s_and_is_not_asked_twice(
    content, clock
):
    """A reference recorded in the lost-wallet list never reached "Record the
    loss-report reference": the user was asked for it again there. It goes there,
    checked; a replacement replaces it; proof the user typed on that step is kept."""
    store = Store.in_memory()
    tracker = _tracker(store, content, clock)
    card = tracker.add_card(CardFields("Debit", "bank", "report-lost", "ICBC", "CN"))
    proof_step = next(i for i in tracker.view(card.id).items if i.step.type.value == "record")
    tracker.record_call(card.id, "95588", "ICBC-7781")
    held = store.progress(card.id)[proof_step.step_id]["evidence"]
    assert held["reference"] == "ICBC-7781" and held["when"]
    assert next(i for i in tracker.view(card.id).items if i.step_id == proof_step.step_id).done
    tracker.record_call(card.id, "95588", "ICBC-NEW")  # the list's replacement, confirmed
    assert store.progress(card.id)[proof_step.step_id]["evidence"]["reference"] == "ICBC-NEW"
    tracker.record_evidence(card.id, {"reference": "MINE", "agent": "Li"}, proof_step.step_id)
    tracker.record_call(card.id, "95588", "ICBC-THIRD")
    assert store.progress(card.id)[proof_step.step_id]["evidence"]["reference"] == "MINE"
    tracker.record_call(card.id, "", "")  # no reference given: nothing to keep as proof
    assert store.progress(card.id)[proof_step.step_id]["evidence"]["reference"] == "MINE"


@pytest.mark.parametrize(
    ("lang", "said"), [("en", "⚠ sources disagree: "), ("zh-CN", "⚠ 出处之间不一致：")]
)
async def test_a_row_whose_number_sources_disagree_says_so_where_it_is_copied(
    make_app, content, clock, lang, said
):
    """Abroad, a Chase card is offered Visa's worldwide line, whose sources give two
    numbers: the step detail and the search said so, the row the number is copied
    from did not."""
    store = Store.in_memory()
    tracker = _tracker(store, content, clock)
    tracker.add_card(CardFields("Chase", "bank", "report-lost", "Chase", "US", network="visa"))
    app = make_app(store, lang=lang, abroad=True)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_calls(app, pilot)
        row = _rows(screen)[0]
        assert "+1 303-967-1096" in row and said + "Visa" in row, row
