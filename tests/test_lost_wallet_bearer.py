"""A card that cannot be reported lost (a bearer transit card such as the standard
Shanghai card) is listed among the calls with what to do instead, but lost-wallet
mode does not switch it: it keeps its own checklist and what was checked on it, and
the question before the switch does not count it among the switches. Found by a
tester: the metro card moved to "Call the issuer to report it lost" and the question
counted it. It is marked lost with the wallet instead: the question names it so, its
card line says it, and Found again (the palette) takes the mark back."""

from __future__ import annotations

from dataclasses import replace

import pytest
from textual.widgets import OptionList, Static

from tests.helpers.pilot import settle, wait_shown, wait_until
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
    ("lang", "question", "marked"),
    [
        ("en", "report-lost checklist: 1 (ICBC debit)",
         "Marked lost with the wallet (cannot be reported lost; what they held stops counting"),
        ("zh-CN", "将改用挂失清单的卡：1 张（ICBC debit）", "标记为随钱包丢失（无法挂失"),
    ],
)
async def test_the_question_names_the_cards_that_switch_and_those_marked_lost(
    make_app, content, clock, lang, question, marked
):
    """The question named only the cards that switch; the bearer card, marked lost with
    the wallet (what it held no longer owed), went unmentioned."""
    from tui.ui.dialogs import ConfirmDialog
    from tui.ui.lost_wallet import LostWalletScreen

    store, metro, _debit = _two_cards(content, clock)
    marks = store.progress(metro)
    app = make_app(store, lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("L")
        await wait_until(pilot, lambda: app.screen.query("#lost-cards"), "the picks")
        await pilot.press("enter")
        await wait_shown(pilot, ConfirmDialog, "the question")
        said = " ".join(str(app.screen.query_one(".dialog-question", Static).render()).split())
        assert question in said and f"{marked}" in said and said.count("Metro card") == 1, said
        assert said.index(marked) < said.index("Metro card")  # named among those marked
        await pilot.press("y")
        await wait_until(pilot, lambda: isinstance(app.screen, LostWalletScreen), "the calls")
        listing = app.screen.query_one(OptionList)
        rows = [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]
        assert rows[1].startswith("[-] Metro card"), rows
    assert store.card(metro).intent is Intent.CANCEL
    assert store.progress(metro) == marks
    assert [e.event for e in store.log(metro)].count("lost.gone") == 1


async def test_picking_only_a_bearer_card_asks_before_marking_it_and_no_writes_nothing(
    make_app, content, clock
):
    from tui.ui.dialogs import ConfirmDialog
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
        await wait_shown(pilot, ConfirmDialog, "the question")
        said = " ".join(str(app.screen.query_one(".dialog-question", Static).render()).split())
        assert "Metro card" in said and "report-lost checklist" not in said, said
        assert "Go on?" in said, said
        await pilot.press("n")
        await wait_until(pilot, lambda: isinstance(app.screen, LostWalletPick), "the picks")
        assert "lost.gone" not in [e.event for e in store.log(metro)]
        await pilot.press("enter", "y")
        await wait_until(pilot, lambda: isinstance(app.screen, LostWalletScreen), "the calls")
        assert [v.card.id for v in app.screen.views] == [metro]
        count = str(app.screen.query_one("#lost-count", Static).render())
        assert "No card here can be reported lost by phone" in count, count
    assert store.card(metro).intent is Intent.CANCEL
    assert "lost.gone" in [e.event for e in store.log(metro)]


def _offered(app) -> list[str]:
    return [command.title for command in app.get_system_commands(app.screen)]


async def test_the_card_line_says_lost_and_found_again_takes_the_mark_back(
    make_app, content, clock
):
    """After L the bearer card's steps pane said nothing of it being lost; and nothing
    took the mark back. The card line says so and names the palette's Found again,
    which the palette runs on the selected card."""
    from tui.ui.steps_pane import StepsPane

    store, metro, _debit = _two_cards(content, clock)
    tracker = _tracker(store, content, clock)
    tracker.report_lost([metro])
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.selected_id is not None, "a card selected")
        assert app.selected_id == metro  # the first card
        line = app.query_one(StepsPane).query_one("#identifiers", Static)
        said = " ".join(str(line.render()).split())
        assert "lost with the wallet (found again, or marked by mistake? ^p → Found again)" in said
        assert "Found again" in _offered(app)
        await pilot.press("ctrl+p")
        await pilot.press(*"Found again")
        await settle(pilot)
        await pilot.press("enter")
        await wait_until(pilot, lambda: "lost.found" in [e.event for e in store.log(metro)],
                         "the mark taken back")
        await settle(pilot)
        assert "lost with the wallet" not in str(line.render())
        assert "Found again" not in _offered(app)  # nothing left to take back
    events = [e.event for e in store.log(metro)]
    assert events[0] == "lost.found" and not _tracker(store, content, clock).view(
        metro
    ).lost_with_wallet


def test_a_bearer_card_marked_lost_is_found_again_through_the_tracker(content, clock):
    """Lost-wallet mode marked a bearer card lost with no way back (only ticking
    "Registered", which may be untrue). Found again takes the mark back, logged, and
    what it held counts as owed again; picked in L again, it is marked again."""
    store, metro, debit = _two_cards(content, clock)
    tracker = _tracker(store, content, clock)
    tracker.set_money(metro, "50", "20", "CNY")
    assert tracker.lost_marks([metro, debit]) == [metro]  # what the question names
    tracker.report_lost([metro, debit])
    assert tracker.lost_marks([metro, debit]) == []  # marked once
    view = tracker.view(metro)
    assert view.lost_with_wallet and view.balance_gone and tracker.owed_total() == {}
    change = tracker.found_again(metro)
    assert [e.event for e in change.logged] == ["lost.found"]
    assert not change.view.lost_with_wallet and not change.view.balance_gone
    assert str(tracker.owed_total()["CNY"]) == "70.00"
    assert store.card(metro).intent is Intent.CANCEL  # its checklist never changed
    assert tracker.lost_marks([metro]) == [metro]
    tracker.report_lost([metro])
    assert tracker.view(metro).lost_with_wallet


def test_found_again_refuses_a_card_with_no_mark_and_writes_nothing(content, clock):
    from tui.base.errors import TrackerError

    store, metro, debit = _two_cards(content, clock)
    tracker = _tracker(store, content, clock)
    tracker.report_lost([debit])  # lost by its intent: switching back is the way out
    logged = len(store.log())
    for card_id in (metro, debit):
        with pytest.raises(TrackerError) as raised:
            tracker.found_again(card_id)
        assert raised.value.key == "error.not_marked_lost"
    assert len(store.log()) == logged


def test_switching_the_intent_keeps_the_lost_mark(content, clock):
    """The mark says the card is gone, which no checklist changes: a lost metro card
    switched from cancel to suspend and back is still lost, and what it held still not owed
    (only Found again says it turned up)."""
    store, metro, _debit = _two_cards(content, clock)
    tracker = _tracker(store, content, clock)
    tracker.report_lost([metro])
    tracker.edit_card(metro, replace(METRO, intent="suspend"))
    tracker.edit_card(metro, METRO)
    assert tracker.view(metro).lost_with_wallet and tracker.view(metro).balance_gone
