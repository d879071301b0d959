"""A call made shows the number called, as it was dialled (issue 16): a loss report
called from abroad (`+86 10 95588`) showed on its done step as `95588`, the number the
directory offers at home, which was never called. The step, the step's full detail,
the lost-wallet row and the reference dialog of a done report say the number called,
as recorded; what to call now stays where it was (the issuer line, the row's ☎ line,
which `c` copies)."""

from __future__ import annotations

import pytest
from textual.widgets import OptionList, Static

from tests.helpers.pilot import settle, wait_shown, wait_until
from tests.test_app import SIZE
from tui.domain.tracker import Tracker
from tui.library.playbook import StepType
from tui.records.card_fields import CardFields
from tui.storage.store import Store
from tui.ui.line_breaks import NO_BREAK

ABROAD = "+86 10 95588"
DEBIT = CardFields("Debit", "bank", "cancel", "工行", "CN", carried=True)
WORDS = {
    "en": {"called": f"Called {ABROAD}", "row": f"called {ABROAD}"},
    "zh-CN": {"called": f"已拨打 {ABROAD}", "row": f"已拨打 {ABROAD}"},
}


def _tracker(store, content, clock) -> Tracker:
    return Tracker(store, content.playbooks, clock, issuers=content.issuers)


def _call_item(view):
    return next(i for i in view.items if i.step is not None and i.step.type == StepType.CALL)


def test_the_call_step_keeps_the_number_called_until_it_is_unchecked(store, content, clock):
    tracker = _tracker(store, content, clock)
    card = tracker.add_card(CardFields("Debit", "bank", "report-lost", "工行", "CN"))
    tracker.record_call(card.id, ABROAD, "R-1")
    item = _call_item(tracker.view(card.id))
    assert item.done and item.called == ABROAD
    tracker.record_call(card.id, "95588", "R-2")  # called again, from home: the newest
    assert _call_item(tracker.view(card.id)).called == "95588"
    tracker.toggle_step(card.id, item.step_id)  # unchecked: no call stands
    assert _call_item(tracker.view(card.id)).called == ""
    tracker.toggle_step(card.id, item.step_id)  # checked by hand: no number was recorded
    item = _call_item(tracker.view(card.id))
    assert item.done and item.called == ""


def test_a_report_with_no_number_keeps_none(store, content, clock):
    tracker = _tracker(store, content, clock)
    card = tracker.add_card(CardFields("Passport", "id-document", "report-lost"))
    tracker.record_call(card.id, "", "POLICE-1")
    assert all(item.called == "" for item in tracker.view(card.id).items)


def _rows(screen) -> list[str]:
    listing = screen.query_one(OptionList)
    # as read: a number's no-break spaces (it is never cut between +86 and 10) as spaces
    rows = (str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count))
    return [row.replace(NO_BREAK, " ") for row in rows]


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
async def test_a_call_made_abroad_shows_as_dialled_once_back_home(make_app, content, clock, lang):
    from tui.ui.dialogs import ConfirmDialog, StepDetailScreen
    from tui.ui.lost_wallet import LostWalletScreen
    from tui.ui.lost_wallet_pick import LostWalletPick
    from tui.ui.reference_dialog import ReferenceScreen

    words = WORDS[lang]
    store = Store.in_memory()
    card = _tracker(store, content, clock).add_card(DEBIT)
    app = make_app(store, lang=lang, abroad=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("L")
        await wait_until(pilot, lambda: isinstance(app.screen, LostWalletPick), "the picks")
        await pilot.press("enter")
        await wait_shown(pilot, ConfirmDialog, "the question")
        await pilot.press("y")
        await wait_until(pilot, lambda: isinstance(app.screen, LostWalletScreen), "the calls")
        calls = app.screen
        assert f"☎ {ABROAD}" in _rows(calls)[0]  # abroad: the number any phone can dial
        await pilot.press("space")
        await wait_until(pilot, lambda: isinstance(app.screen, ReferenceScreen), "the dialog")
        await pilot.press(*"R-1", "enter")
        await wait_until(pilot, lambda: app.screen is calls, "the calls again")
        await settle(pilot)
        await pilot.press("a")  # home again
        await settle(pilot)
        [row] = _rows(calls)
        assert "☎ 95588" in row  # what to call from here, which c copies
        assert words["row"] in row, row  # and what was called
        # the report's dialog names the number the report was made on
        await pilot.press("space")
        await wait_until(pilot, lambda: isinstance(app.screen, ReferenceScreen), "the dialog")
        body = str(app.screen.query_one(Static).render())
        assert ABROAD in body.replace(NO_BREAK, " "), body
        await pilot.press("escape")  # untouched: closes at once
        await wait_until(pilot, lambda: app.screen is calls, "the calls")
        await pilot.press("escape")
        await settle(pilot)
        # the done call step in the steps pane
        await pilot.press("enter")
        view = app.steps.view
        item = _call_item(view)
        assert item.done and item.called == ABROAD
        app.steps.checklist.highlighted = list(view.items).index(item)
        await pilot.pause()
        detail = app.query_one("#step-detail-box").text
        assert words["called"] in detail.replace(NO_BREAK, " "), detail
        assert "☎ 95588" not in detail, detail
        await pilot.press("enter")  # the step's full detail
        await wait_until(pilot, lambda: isinstance(app.screen, StepDetailScreen), "the detail")
        body = str(app.screen.query_one("#detail-body", Static).render()).replace(NO_BREAK, " ")
        assert words["called"] in body and "☎ 95588" not in body, body
    [called] = [e for e in store.log(card.id) if e.event == "lost.called"]
    assert called.params["number"] == ABROAD
