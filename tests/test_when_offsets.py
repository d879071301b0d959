"""A proof's *When* typed in ISO 8601 with Z or a UTC offset (as a ticketing system or
an e-mail header writes it) is that moment, kept as the app keeps moments: ISO 8601
with the user's own offset (tui.base.typed_moment)."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from tests.helpers.pilot import settle
from tui.base.typed_moment import read_done_moment, read_moment, stored_text
from tui.domain.tracker import Tracker
from tui.records.card_fields import CardFields
from tui.storage.store import Store
from tui.ui.followup_screens import EvidenceScreen

TODAY = dt.date(2026, 11, 30)
DEBIT = CardFields("Debit", "bank", "cancel", "ICBC", "CN")


@pytest.fixture
def shanghai(monkeypatch):
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    yield
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("2026-11-29T15:20Z", "2026-11-29T23:20:00+08:00"),
        ("2026-11-29T15:20+08:00", "2026-11-29T15:20:00+08:00"),
        ("2026-11-29T15:20:30+0800", "2026-11-29T15:20:30+08:00"),
        ("2026-11-29 15:20 -05:00", "2026-11-30T04:20:00+08:00"),
        ("2026-11-29T15:20:00.250Z", "2026-11-29T23:20:00+08:00"),
        ("2026-11-29t15:20z", "2026-11-29T23:20:00+08:00"),
        ("2026-11-29T15:20", "2026-11-29T15:20:00+08:00"),  # no offset: the user's own
    ],
)
def test_a_moment_with_z_or_an_offset_is_that_moment_in_the_users_zone(shanghai, typed, kept):
    assert stored_text(read_done_moment(typed, "en_US", TODAY)) == kept


@pytest.mark.parametrize("typed", ["2026-11-29Z", "2026-11-29T15:20+25:00", "2026-11-29T15:20+8"])
def test_an_offset_without_a_time_or_out_of_range_is_refused(typed):
    with pytest.raises(ValueError):
        read_moment(typed, "en_US", TODAY)


async def test_the_proof_dialog_takes_an_offset_and_keeps_the_moment(make_app, content, clock):
    store = Store.in_memory()
    card = Tracker(store, content.playbooks, clock).add_card(DEBIT)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, EvidenceScreen)
        screen.field("reference").value = "REF-7"
        screen.field("when").value = "2026-02-28T15:20+08:00"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, EvidenceScreen), str(
            screen.query_one("#ev-when-error").render())
    [proof] = [e for e in store.log(card.id) if e.event == "evidence.recorded"]
    assert proof.params["when"] == "2026-02-28T07:20:00+00:00"  # the tests run in UTC
