"""A card that cannot be reported lost (a bearer transit card such as the standard
Shanghai card) is listed among the calls with what to do instead, but lost-wallet
mode does not switch it: it keeps its own checklist and what was checked on it, and
the question before the switch does not count it. Found by a tester: the metro card
moved to "Call the issuer to report it lost" and the question counted it."""

from __future__ import annotations

import pytest
from textual.widgets import OptionList, Static

from tests.helpers.pilot import wait_until
from tui.domain.tracker import Tracker
from tui.records.card_fields import CardFields
from tui.records.kinds import Intent
from tui.storage.store import Store

SIZE = (80, 24)
METRO = CardFields("Metro card", "transit", "cancel", "Shanghai transport card", "CN",
                   carried=True)
DEBIT = CardFields("ICBC debit", "bank", "cancel", "ICBC", "CN", carried=True)


def _tracker(store, content, clock) -> Tracker:
    return Tracker(store, content.playbooks, clock, issuers=content.issuers)


def _two_cards(content, clock) -> tuple[Store, str, str]:
    store = Store.in_memory()
    tracker = _tracker(store, content, clock)
    metro = tracker.add_card(METRO).id
    debit = tracker.add_card(DEBIT).id
    tracker.toggle_step(metro, tracker.view(metro).items[0].step_id)
    return store, metro, debit


def test_reporting_lost_leaves_a_card_that_cannot_be_reported_as_it_was(content, clock):
    store, metro, debit = _two_cards(content, clock)
    tracker = _tracker(store, content, clock)
    marks = store.progress(metro)
    assert tracker.lost_switches([metro, debit]) == [debit]
    views = tracker.report_lost([metro, debit])
    assert [v.card.id for v in views] == [debit, metro]  # both listed, in call order
    assert store.card(metro).intent is Intent.CANCEL
    assert store.progress(metro) == marks and marks
    assert store.card(debit).intent is Intent.REPORT_LOST
    assert [e.event for e in store.log() if e.card_id == metro].count("lost.started") == 0


def test_a_bearer_card_is_no_call_whatever_checklist_it_follows(content, clock):
    from tui.domain.reportable import cannot_be_reported

    store, metro, _debit = _two_cards(content, clock)
    tracker = _tracker(store, content, clock)
    card = store.card(metro)
    assert cannot_be_reported(card, tracker.issuer_for(card))


@pytest.mark.parametrize(
    ("lang", "question"),
    [
        ("en", "report-lost checklist: 1 (ICBC debit)"),
        ("zh-CN", "将改用挂失清单的卡：1 张（ICBC debit）"),
    ],
)
async def test_the_question_counts_only_the_cards_that_switch(
    make_app, content, clock, lang, question
):
    from tui.ui.dialogs import ConfirmDialog
    from tui.ui.lost_wallet import LostWalletScreen

    store, metro, _debit = _two_cards(content, clock)
    marks = store.progress(metro)
    app = make_app(store, lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("L")
        await wait_until(pilot, lambda: app.screen.query("#lost-cards"), "the picks")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog), "the question")
        said = str(app.screen.query_one(".dialog-question", Static).render())
        assert question in said and "Metro" not in said, said
        await pilot.press("y")
        await wait_until(pilot, lambda: isinstance(app.screen, LostWalletScreen), "the calls")
        listing = app.screen.query_one(OptionList)
        rows = [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]
        assert rows[1].startswith("[-] Metro card"), rows
    assert store.card(metro).intent is Intent.CANCEL
    assert store.progress(metro) == marks


async def test_picking_only_a_bearer_card_asks_nothing_and_lists_it(make_app, content, clock):
    from tui.ui.lost_wallet import LostWalletScreen
    from tui.ui.lost_wallet_pick import LostWalletPick

    store, metro, debit = _two_cards(content, clock)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("L")
        await wait_until(pilot, lambda: isinstance(app.screen, LostWalletPick), "the picks")
        picks = app.screen.query_one("#lost-cards")
        picks.deselect(debit)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, LostWalletScreen), "the calls")
        assert [v.card.id for v in app.screen.views] == [metro]
        count = str(app.screen.query_one("#lost-count", Static).render())
        assert "No card here can be reported lost by phone" in count, count
    assert store.card(metro).intent is Intent.CANCEL
