"""Proof, follow-ups and the Due view (issue 6, first part)."""

from __future__ import annotations

import datetime as dt

import pytest
from textual.widgets import Input

from tests.conftest import FixedClock
from tests.helpers.pilot import settle
from tui.base.typed_moment import YearOutOfRange, read_day
from tui.domain.tracker import Tracker
from tui.records.card_fields import CardFields
from tui.records.kinds import Status
from tui.storage.store import Store
from tui.ui.followup_screens import EvidenceScreen, FollowUpScreen
from tui.ui.inventory_pane import CardTable
from tui.ui.status_line import StatusLine

SIZE = (80, 24)
ESIM = CardFields("Old eSIM", "esim", "cancel", "中国移动")


def test_a_follow_up_reads_iso_plus_days_and_the_locales_own_date():
    today = dt.date(2026, 3, 1)
    assert read_day("+3", "en_US", today) == dt.date(2026, 3, 4)
    assert read_day("2026-04-01", "en_US", today) == dt.date(2026, 4, 1)
    assert read_day("4/1/26", "en_US", today) == dt.date(2026, 4, 1)
    assert read_day("2026/4/1", "zh_CN", today) == dt.date(2026, 4, 1)
    assert read_day("", "en_US", today) is None
    assert read_day("+670", "en_US", today) == dt.date(2027, 12, 31)  # the last day allowed
    for typed in ("tomorrow", "2026-02-30", "2026-04-01 10:00", "+-3"):
        with pytest.raises(ValueError):
            read_day(typed, "en_US", today)


@pytest.mark.parametrize(
    "typed",
    ["+671", "+99999", "+3000000", "+99999999999", "+" + "9" * 40, "2300-09-15", "1969-12-31"],
)
def test_a_follow_up_year_follows_the_rule_of_every_typed_date(typed):
    """The proof's when and a follow-up: a year from 1970 to next year."""
    with pytest.raises(YearOutOfRange) as refused:
        read_day(typed, "en_US", dt.date(2026, 3, 1))
    assert (refused.value.first, refused.value.last) == (1970, 2027)


def test_wait_step_sets_follow_up_and_waiting_then_due(store, content):
    clock = FixedClock()
    tracker = Tracker(store, content.playbooks, clock)
    card = tracker.add_card(ESIM)
    items = tracker.view(card.id).items
    wait = next(i for i in items if i.step.type.value == "wait")
    tracker.toggle_step(card.id, wait.step_id)
    card = store.card(card.id)
    expected = tracker.today() + dt.timedelta(days=wait.step.wait_days)
    assert card.follow_up == expected.isoformat()
    assert tracker.view(card.id).status is Status.WAITING
    assert tracker.due() == []
    clock.now += dt.timedelta(days=wait.step.wait_days + 2)
    [(view, days)] = tracker.due()
    assert view.card.id == card.id and days == 2


async def test_record_reference_then_due_view(make_app, content, clock):
    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock)
    card = tracker.add_card(CardFields("Debit", "bank", "cancel", "工行"))
    other = tracker.add_card(CardFields("Metro", "transit", "cancel"))
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # the steps of Debit; the first step is a call
        await pilot.press("n")
        assert isinstance(app.screen, EvidenceScreen)
        await pilot.press(*"REF-42", "enter", *"Ms Li", "enter", "enter", *"said 7 days")
        await pilot.press("ctrl+s")
        await settle(pilot)
        calls = [e for e in store.log(card.id) if e.event == "evidence.recorded"]
        assert calls[0].params["reference"] == "REF-42" and calls[0].params["agent"] == "Ms Li"
        first = app.steps.view.items[0]
        assert first.done  # proof for a step checks it
        assert store.progress(card.id)[first.step_id]["evidence"]["reference"] == "REF-42"
        await pilot.press("f")
        assert isinstance(app.screen, FollowUpScreen)
        await pilot.press("end", *"+2", "enter")
        await settle(pilot)
        assert store.card(card.id).follow_up == (tracker.today() + dt.timedelta(days=2)).isoformat()
        assert app.steps.view.status is Status.WAITING
        clock.now += dt.timedelta(days=3)
        app.refresh_all()
        await pilot.press("D")
        await pilot.pause()
        table = app.query_one(CardTable)
        status = app.inventory._columns.index("status")
        assert table.row_count == 1 and "late" in str(table.get_row_at(0)[status])
        assert "Showing the 1 card due" in app.query_one(StatusLine).message
        assert app.inventory.border_subtitle == "1 of 2 shown"
        # the follow-up moves to next week: the card is no longer due, and goes
        tracker.set_follow_up(card.id, tracker.today() + dt.timedelta(days=7))
        app.refresh_all()
        await settle(pilot)
        assert table.row_count == 0 and app.inventory.border_subtitle == "0 of 2 shown"
        await pilot.press("D")
        await settle(pilot)
        assert table.row_count == 2
    assert store.card(other.id).follow_up == ""


async def test_record_step_asks_for_proof_when_checked(make_app, content, clock):
    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock)
    card = tracker.add_card(CardFields("Debit", "bank", "cancel"))
    record = next(i for i in tracker.view(card.id).items if i.step.type.value == "record")
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        index = [i.step_id for i in app.steps.view.items].index(record.step_id)
        app.steps.checklist.highlighted = index
        await pilot.press("space")
        assert isinstance(app.screen, EvidenceScreen)
        assert app.screen.query_one("#ev-when", Input).value  # defaults to now
        await pilot.press("escape")  # cancelled: not checked
        assert record.step_id not in store.progress(card.id)
        await pilot.press("space", *"T-1", "ctrl+s")
        await settle(pilot)
    assert record.step_id in store.progress(card.id)


async def test_overdue_count_on_start(make_app, content, clock):
    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock)
    card = tracker.add_card(ESIM)
    tracker.set_follow_up(card.id, tracker.today() - dt.timedelta(days=1))
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "1 card due today or overdue" in app.query_one(StatusLine).message


@pytest.mark.parametrize(
    ("lang", "notice", "shown"),
    [
        ("en", "2 cards due today or overdue: D shows", "Showing the 2 cards due"),
        ("zh-CN", "2 张卡今天到期或已逾期：按 D", "只显示今天到期或已逾期的 2 张卡"),
    ],
)
async def test_the_start_up_count_is_what_the_due_view_shows(
    make_app, content, clock, lang, notice, shown
):
    """One card ten days late and one due today: the start-up message said `1 card
    overdue` while D showed both. One rule (Tracker.due) for both counts."""
    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock)
    late = tracker.add_card(ESIM)
    today = tracker.add_card(CardFields("Metro", "transit", "cancel"))
    tracker.set_follow_up(late.id, tracker.today() - dt.timedelta(days=10))
    tracker.set_follow_up(today.id, tracker.today())
    app = make_app(store, lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        said = app.query_one(StatusLine).message
        assert notice in said, said
        app.action_due_view()
        await settle(pilot)
        said = app.query_one(StatusLine).message
        assert shown in said, said


def test_due_cli_lists_overdue_cards(tmp_path, content):
    from tests.conftest import run_cli
    from tui.storage.store import DB_FILENAME

    data = tmp_path / "data"
    store = Store.open(data / DB_FILENAME)
    tracker = Tracker(store, content.playbooks)
    card = tracker.add_card(CardFields("Debit", "bank", "cancel", "ICBC"))
    tracker.set_follow_up(card.id, tracker.today() - dt.timedelta(days=3))
    tracker.add_card(CardFields("Metro", "transit", "cancel"))
    store.close()
    result = run_cli("due", data=data, config=tmp_path)
    assert result.returncode == 1, result.stderr  # a card is overdue
    lines = result.stdout.splitlines()
    assert len(lines) == 1 and "3 days late" in lines[0] and "Debit" in lines[0]
    assert "95588" in lines[0]


def test_dates_follow_the_users_locale_and_time_zone(monkeypatch):
    import time

    from tui.base import clock

    assert clock.display_locale("en", {"LANG": "en_GB.UTF-8"}) == "en_GB"
    assert clock.display_locale("en", {"LC_ALL": "zh_CN.UTF-8"}) == "en_US"  # not the UI's
    assert clock.display_locale("zh-CN", {"LANG": "C.UTF-8"}) == "zh_CN"
    moment = dt.datetime(2026, 11, 24, 12, 5, tzinfo=dt.UTC)
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    try:
        clock.configure_dates("zh-CN", {})
        assert clock.local_text(moment) == "2026/11/24 20:05"  # stored UTC, shown UTC+8
        clock.configure_dates("en", {"LANG": "en_GB.UTF-8"})
        assert clock.local_text(moment) == "24/11/2026, 20:05"
    finally:
        monkeypatch.setenv("TZ", "UTC")
        time.tzset()
        clock.configure_dates("en", {})


async def test_a_status_grown_wider_is_shown_whole(make_app, content, clock):
    """'Waiting 3d late' is wider than the 'Not started' the Status column was sized
    for: the table shows it whole, as after a restart, not cut to 'Waiting 3d l'."""
    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock)
    tracker.add_card(CardFields("Debit", "bank", "cancel"))
    tracker.add_card(CardFields("Metro", "transit", "cancel"))
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f", *"2020-01-01", "enter")
        await settle(pilot)
        table = app.query_one(CardTable)
        status = str(table.get_row_at(0)[app.inventory._columns.index("status")])
        assert "late" in status
        assert status in table.render_line(1).text  # line 0 is the column headings


async def test_dialogs_show_a_label_with_brackets_as_typed(make_app, content, clock):
    """The follow-up, money and proof dialogs name the card in their title: a label
    such as 'Visa [/] old' stopped the app there (read as markup)."""
    store = Store.in_memory()
    Tracker(store, content.playbooks, clock).add_card(CardFields("Visa [/] old", "bank", "cancel"))
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        for key in ("f", "m", "n"):
            await pilot.press(key)
            await pilot.pause()
            box = app.screen.query_one(".dialog-box")
            assert "Visa [/] old" in box.border_title.replace("\\", ""), key
            await pilot.press("escape")
            await pilot.pause()


async def test_delete_and_lost_wallet_show_a_label_with_brackets_as_typed(
    make_app, content, clock
):
    from textual.widgets import SelectionList, Static

    store = Store.in_memory()
    Tracker(store, content.playbooks, clock).add_card(CardFields("Card [x] one", "bank", "cancel"))
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d")
        await pilot.pause()
        question = app.screen.query_one(".dialog-question", Static)
        assert "Delete Card [x] one" in str(question.render())
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("L")
        await pilot.pause()
        cards = app.screen.query_one(SelectionList)
        assert "Card [x] one" in str(cards.get_option_at_index(0).prompt)


async def test_due_view_with_nothing_due_and_a_filter_with_brackets(make_app, content, clock):
    from textual.widgets import Static

    store = Store.in_memory()
    Tracker(store, content.playbooks, clock).add_card(CardFields("Metro", "transit", "cancel"))
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        hint = app.query_one("#empty-hint", Static)
        await pilot.press("D")
        await pilot.pause()
        assert "Nothing is due or overdue" in str(hint.render())  # not "No card matches ''"
        await pilot.press("D", "slash", "[", "/", "]")  # every card again, then a filter
        await pilot.pause()
        assert "No card matches “[/]”" in str(hint.render())


async def test_a_follow_up_past_the_calendars_end_is_refused_in_the_dialog(
    make_app, content, clock
):
    store = Store.in_memory()
    card = Tracker(store, content.playbooks, clock).add_card(ESIM)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f")
        screen = app.screen
        assert isinstance(screen, FollowUpScreen)
        screen.query_one(Input).value = "+99999999999"
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen and screen.query_one(Input).value == "+99999999999"
        said = app.t("followup.bad_year", first=1970, last=clock().year + 1)
        assert str(screen.query_one("#followup-error").render()) == said
    assert store.card(card.id).follow_up == ""


@pytest.mark.parametrize("typed", ["+99999", "+400000"])
async def test_f_refuses_a_year_past_the_limit_and_says_the_limit(make_app, content, clock, typed):
    store = Store.in_memory()
    card = Tracker(store, content.playbooks, clock).add_card(ESIM)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f")
        screen = app.screen
        screen.query_one(Input).value = typed
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen
        said = str(screen.query_one("#followup-error").render())
        assert str(clock().year + 1) in said and "1970" in said, said
    assert store.card(card.id).follow_up == ""
    assert not [e for e in store.log(card.id) if e.event == "followup.set"]


@pytest.mark.parametrize(
    ("typed", "said"), [("+10", "Follow-up for Old eSIM set to"), ("", "cleared")]
)
async def test_f_says_on_the_status_line_what_it_set(make_app, content, clock, typed, said):
    store = Store.in_memory()
    card = Tracker(store, content.playbooks, clock).add_card(ESIM)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f")
        app.screen.query_one(Input).value = typed
        await pilot.press("enter")
        await settle(pilot)
        message = app.query_one(StatusLine).message
        assert said in message, message
        if typed:
            from tui.base.clock import local_date

            day = clock().date() + dt.timedelta(days=10)
            assert local_date(day) in message and store.card(card.id).follow_up == day.isoformat()
