"""A follow-up date is a day to come back to the card, not news from the issuer
(issue 16): `f` on a card nothing was done for made it read *Waiting*, as if something
had been sent and an answer were awaited. A card is waiting on a follow-up date only
once the issuer was reached (a call, visit, online or SMS step, a wait or a reference
recorded); before that the date is shown beside the card's own status, and it is due
all the same."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tests.helpers.pilot import settle, wait_until
from tests.test_app import SIZE
from tui.domain.card_view import derive_status
from tui.domain.tracker import Tracker
from tui.library.playbook import Playbook, Step, StepType, Text, checklist
from tui.records.card_fields import CardFields
from tui.records.kinds import Intent, Kind, Status
from tui.records.model import Card
from tui.storage.store import Store
from tui.ui.followup_screens import FollowUpScreen
from tui.ui.inventory_pane import CardTable

DEBIT = CardFields("Debit", "bank", "cancel", "ICBC", "CN")


def _playbook(**types: StepType) -> Playbook:
    steps = tuple(Step(id=s, type=t, title=Text({"en": s})) for s, t in types.items())
    return Playbook("p", Kind.BANK, Intent.CANCEL, Text({"en": "P"}), steps)


def _status(clock, playbook: Playbook, done: tuple[str, ...], follow_up: str) -> Status:
    card = replace(Card.create(DEBIT, clock()), follow_up=follow_up)
    marks = {step_id: Text({"en": step_id}) for step_id in done}
    return derive_status(card, checklist(playbook, marks))


@pytest.mark.parametrize(
    ("done", "without", "with_date"),
    [
        ((), Status.ACTIVE, Status.ACTIVE),  # nothing done: a date claims nothing
        (("plan",), Status.IN_PROGRESS, Status.IN_PROGRESS),  # only the user's own prep
        (("plan", "call"), Status.IN_PROGRESS, Status.WAITING),  # the issuer was called
        (("plan", "visit"), Status.IN_PROGRESS, Status.WAITING),
        (("plan", "online"), Status.IN_PROGRESS, Status.WAITING),
        (("record",), Status.IN_PROGRESS, Status.WAITING),  # a reference: it answered
        (("plan", "call", "visit", "online", "record"), Status.WAITING, Status.WAITING),
    ],
)
def test_a_follow_up_date_makes_a_card_waiting_only_once_the_issuer_was_reached(
    clock, done, without, with_date
):
    playbook = _playbook(
        plan=StepType.ACTION,
        call=StepType.CALL,
        visit=StepType.VISIT,
        online=StepType.ONLINE,
        record=StepType.RECORD,
        wait=StepType.WAIT,
        cut=StepType.ACTION,
    )
    assert _status(clock, playbook, done, "") is without
    assert _status(clock, playbook, done, "2026-03-05") is with_date


def test_an_untouched_card_with_a_follow_up_keeps_its_status_and_is_due(store, content, clock):
    tracker = Tracker(store, content.playbooks, clock, issuers=content.issuers)
    card = tracker.add_card(DEBIT)
    tracker.set_follow_up(card.id, tracker.today())
    assert tracker.view(card.id).status is Status.ACTIVE
    [(view, late)] = tracker.due()  # due all the same
    assert view.card.id == card.id and late == 0


def test_proof_recorded_on_a_step_says_the_issuer_was_reached(store, content, clock):
    """Proof (a reference, an agent) recorded for the user's own first step tells of a
    contact all the same: with a follow-up date, the card is waiting; a step of the
    user's own checked without proof is not."""
    tracker = Tracker(store, content.playbooks, clock, issuers=content.issuers)
    plain, proven = tracker.add_card(DEBIT), tracker.add_card(DEBIT)
    for card in (plain, proven):
        first = tracker.view(card.id).items[0]
        assert first.step.type is StepType.ACTION  # "Plan first"
        tracker.set_follow_up(card.id, tracker.today())
    tracker.toggle_step(plain.id, first.step_id)
    tracker.record_evidence(proven.id, {"reference": "REF-9", "agent": "Ms Li"}, first.step_id)
    assert tracker.view(plain.id).status is Status.IN_PROGRESS
    assert tracker.view(proven.id).status is Status.WAITING


@pytest.mark.parametrize(
    ("lang", "typed", "shown", "said"),
    [
        ("en", "+0", "Not started due today", "Waiting"),
        ("en", "2020-01-01", "Not started ", "Waiting"),
        ("zh-CN", "+0", "未开始 今天到期", "等待中"),
    ],
)
async def test_f_on_an_untouched_card_shows_the_date_not_waiting(
    make_app, content, clock, lang, typed, shown, said
):
    store = Store.in_memory()
    card = Tracker(store, content.playbooks, clock, issuers=content.issuers).add_card(DEBIT)
    app = make_app(store, lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f")
        await wait_until(pilot, lambda: isinstance(app.screen, FollowUpScreen), "the dialog")
        await pilot.press(*typed, "enter")
        await wait_until(pilot, lambda: store.card(card.id).follow_up != "", "the date saved")
        await settle(pilot)
        table = app.query_one(CardTable)
        status = str(table.get_row_at(0)[app.inventory._columns.index("status")])
        assert status.startswith(shown) and said not in status, status
        if typed == "2020-01-01":
            assert status.endswith("late"), status  # overdue, said as for a waiting card
        assert app.steps.view.status is Status.ACTIVE
