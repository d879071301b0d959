"""British and Australian dates are read day first with the year last, in two digits
too (`25/12/26` is 25 December 2026); a two-digit year that is not near today
(`26/3/12`, perhaps 2026-03-12 written year first) is refused with the user's own
numbers as the example, the year in full (tui.base.typed_moment)."""

from __future__ import annotations

import datetime as dt

import pytest
from textual.widgets import Input, Static

from tests.helpers.pilot import settle, type_text, wait_shown
from tui.base import clock as dates
from tui.base.typed_moment import ShortYear, read_day, read_done_moment, read_moment
from tui.domain.tracker import Tracker
from tui.records.card_error import CardError
from tui.records.card_fields import CardFields
from tui.storage.store import Store
from tui.ui.followup_screens import FollowUpScreen

TODAY = dt.date(2026, 11, 30)
DEBIT = CardFields("Debit", "bank", "cancel", "HSBC", "GB")


@pytest.fixture
def british(request, monkeypatch):
    """The locale variables of a British (or Australian) user, as the app reads them."""
    for var in ("LC_ALL", "LC_TIME"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", getattr(request, "param", "en_GB.UTF-8"))
    dates.configure_dates("en")
    yield
    dates.configure_dates("en", {})


@pytest.mark.parametrize("locale", ["en_GB", "en_AU", "en_NZ", "en_IE", "en_IN"])
@pytest.mark.parametrize(
    ("typed", "day"),
    [("25/12/26", dt.date(2026, 12, 25)), ("3/12/26", dt.date(2026, 12, 3)),
     ("12/3/26", dt.date(2026, 3, 12)), ("1/2/25", dt.date(2025, 2, 1)),
     ("31/12/2026", dt.date(2026, 12, 31))],
)
def test_day_first_with_the_year_last_is_read_so(locale, typed, day):
    assert read_moment(typed, locale, TODAY).day == day
    assert read_day(typed, locale, dt.date(2025, 1, 1)) == day


@pytest.mark.parametrize("locale", ["en_GB", "en_AU"])
def test_a_year_written_first_is_refused_with_the_users_own_day_as_example(locale):
    with pytest.raises(ShortYear) as caught:
        read_moment("26/3/12", locale, TODAY)
    assert (caught.value.year, caught.value.meant) == (2012, dt.date(2026, 3, 12))
    with pytest.raises(ShortYear) as caught:
        read_moment("26/2/31", locale, TODAY)  # 2031: far; 2026-02-31: no such day
    assert (caught.value.year, caught.value.meant) == (2031, None)


def test_the_proof_refuses_it_showing_the_day_in_british_form(tracker, british):
    card = tracker.add_card(DEBIT)  # the clock's today: 2026-03-01
    with pytest.raises(CardError) as caught:
        tracker.record_evidence(card.id, {"reference": "R", "when": "26/2/12"})
    assert caught.value.message_key == "error.when_short_year_far"
    assert caught.value.params["example"] == "12/02/2026"  # their day, year in full
    tracker.record_evidence(card.id, {"reference": "R", "when": "28/2/26"})
    [proof] = [e for e in tracker.store.log(card.id) if e.event == "evidence.recorded"]
    assert proof.params["when"] == "2026-02-28"
    assert read_done_moment("25/2/26", "en_GB", dt.date(2026, 3, 1)).day == dt.date(2026, 2, 25)


@pytest.mark.parametrize("british", ["en_GB.UTF-8", "en_AU.UTF-8"], indirect=True)
async def test_the_follow_up_dialog_reads_25_12_26_as_christmas(make_app, content, clock,
                                                                british):
    store = Store.in_memory()
    card = Tracker(store, content.playbooks, clock).add_card(DEBIT)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f")
        await wait_shown(pilot, FollowUpScreen, "the follow-up dialog")
        screen = app.screen
        await type_text(pilot, "26/3/12")
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen and screen.query_one(Input).value == "26/3/12"
        line = str(screen.query_one("#followup-error", Static).render())
        own = dates.date_in_full(dt.date(2026, 3, 12))  # 12/03/2026, 12/3/2026 in en_AU
        assert "2012" in line and own in line and own.startswith("12/"), line
        screen.query_one(Input).value = "25/12/26"
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, FollowUpScreen)
    assert store.card(card.id).follow_up == "2026-12-25"
