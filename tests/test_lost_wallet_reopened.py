"""Found by a tester: a call list opened again started on a card called already, so a
reference typed at once in a burst (`space CM-8899 Enter y`) went to that card, and
the question before replacing its recorded reference took the `y` typed before it
showed: ICBC's reference became the eSIM's. The list now starts on the first card
still to call, and a question that comes only because something is there already (a
recorded reference, a letter's file) takes no key typed before it showed."""

from __future__ import annotations

import pytest
from textual.widgets import Input, OptionList

from tests.helpers.pilot import settle, wait_shown, wait_until
from tests.test_type_ahead import burst, typed_out
from tui.domain.tracker import Tracker
from tui.records.card_fields import CardFields
from tui.storage.store import Store
from tui.ui.dialogs import ConfirmDialog
from tui.ui.lost_wallet import LostWalletScreen
from tui.ui.reference_dialog import ReferenceScreen

SIZE = (80, 24)


async def _calls_shown(app, pilot) -> LostWalletScreen:
    """The lost-wallet call list for every card, opened and settled."""
    app.open_lost_calls(app.tracker.views())
    await wait_shown(pilot, LostWalletScreen, "the calls")
    await settle(pilot)
    return app.screen


def _references(store, card_id) -> list[str]:
    return [e.params["reference"] for e in store.log(card_id) if e.event == "lost.called"]


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
async def test_a_reopened_list_starts_on_the_first_card_still_to_call(
    make_app, content, clock, lang
):
    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock, issuers=content.issuers)
    icbc = tracker.add_card(CardFields("ICBC debit card", "bank", "report-lost", "ICBC", "CN"))
    esim = tracker.add_card(
        CardFields("China Mobile eSIM", "esim", "report-lost", "China Mobile", "CN")
    )
    tracker.record_call(icbc.id, "95588", "ICBC-LOST-7781")  # called in an earlier session
    app = make_app(store, lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _calls_shown(app, pilot)
        rows = screen.views
        listing = screen.query_one(OptionList)
        assert rows[listing.highlighted].card.id == esim.id, [v.card.label for v in rows]
        # the burst a hurried user types records the eSIM's reference, on the eSIM
        await typed_out(pilot, burst(app, "space", *"CM-8899", "enter"))
        await wait_until(pilot, lambda: app.screen is screen, "back in the list")
    assert _references(store, esim.id) == ["CM-8899"]
    assert _references(store, icbc.id) == ["ICBC-LOST-7781"]


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
async def test_a_y_typed_before_the_replace_question_showed_does_not_answer_it(
    make_app, content, clock, lang
):
    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock, issuers=content.issuers)
    icbc = tracker.add_card(CardFields("ICBC debit card", "bank", "report-lost", "ICBC", "CN"))
    tracker.record_call(icbc.id, "95588", "ICBC-LOST-7781")
    app = make_app(store, lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        await _calls_shown(app, pilot)
        await typed_out(pilot, burst(app, "space", "ctrl+u", *"CM-8899", "enter", "y"))
        # the question waits for an answer typed once it showed
        assert isinstance(app.screen, ConfirmDialog), app.screen
        assert _references(store, icbc.id) == ["ICBC-LOST-7781"]
        await pilot.press("n")  # no: back in the dialog, with what was typed
        await wait_shown(pilot, ReferenceScreen, "the reference dialog")
        assert app.screen.query_one(Input).value == "CM-8899"
        await pilot.press("enter")
        await wait_shown(pilot, ConfirmDialog, "the question again")
        await pilot.press("y")  # typed once it showed: it answers
        await wait_shown(pilot, LostWalletScreen, "the calls")
    assert _references(store, icbc.id) == ["CM-8899", "ICBC-LOST-7781"]  # newest first


@pytest.mark.parametrize(
    ("lang", "named"),
    [("en", "Industrial and Commercial Bank of China"), ("zh-CN", "中国工商银行")],
)
async def test_a_row_names_the_issuer_whose_numbers_it_offers(
    make_app, content, clock, lang, named
):
    """Found by testers: a row showed the issuer as typed (`ICBC`, English in the Chinese
    list), so `Citi` offering Citibank Hong Kong's number said nothing of whose it was."""
    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock, issuers=content.issuers)
    tracker.add_card(CardFields("Debit", "bank", "report-lost", "ICBC", "CN"))
    app = make_app(store, lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        await _calls_shown(app, pilot)
        listing = app.screen.query_one(OptionList)
        row = str(listing.get_option_at_index(0).prompt)
        assert named in row, row
