"""Work off the UI thread fails in one place (tui/ui/background_work.py): an error the
user is told about reaches the status line in their language and the app goes on; any
other error is a bug and ends in a crash report, as before."""

from __future__ import annotations

from tests.helpers.pilot import settle, wait_until
from tui.domain.tracker import Tracker
from tui.records.card_fields import CardFields
from tui.storage.store import Store
from tui.ui.status_line import StatusLine

SIZE = (80, 24)
CARD = CardFields("Debit card", "bank", "report-lost", "Bank B", "HK")


def _seeded(content, clock) -> tuple[Store, str]:
    store = Store.in_memory()
    card = Tracker(store, content.playbooks, clock).add_card(CARD)
    return store, card.id


async def test_a_refusal_in_a_worker_is_told_on_the_status_line_and_the_app_goes_on(
    make_app, content, clock
):
    store, card_id = _seeded(content, clock)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        status = app.query_one(StatusLine)
        # the card keeps only the last four digits: there is nothing in a keyring to copy
        app._copy(card_id, "number")
        await settle(pilot)  # raises WorkerFailed if the worker ended in an error
        told = app.t("secrets.only_last4", detail="")
        await wait_until(pilot, lambda: status.message == told, "the refusal on the status line")
        assert app.is_running and app.crash_report is None
        await pilot.press("j")  # still answering keys
        assert app.is_running


async def test_the_same_in_chinese(make_app, content, clock):
    store, card_id = _seeded(content, clock)
    app = make_app(store, lang="zh-CN")
    async with app.run_test(size=SIZE) as pilot:
        status = app.query_one(StatusLine)
        app._copy(card_id, "number")
        await settle(pilot)
        told = app.t("secrets.only_last4", detail="")
        assert told != "secrets.only_last4" and not told.isascii()
        await wait_until(pilot, lambda: status.message == told, "the refusal in Chinese")


async def test_an_error_nobody_expected_still_ends_in_a_crash_report(
    make_app, content, clock, monkeypatch, tmp_path
):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    store, card_id = _seeded(content, clock)
    app = make_app(store)

    def broken(card_id: str, name: str) -> str:
        raise RuntimeError("a bug")

    try:
        async with app.run_test(size=SIZE) as pilot:
            monkeypatch.setattr(app.tracker, "secret", broken)
            app._copy(card_id, "number")
            await wait_until(pilot, lambda: app.crash_report is not None, "a crash report")
    except Exception as exc:  # run_test raises the app's error to the test, as Textual does
        assert "a bug" in str(exc) or "RuntimeError" in repr(exc)
    assert app.crash_report is not None and app.return_code == 1
    assert app.crash_report.error == "RuntimeError"  # the bug itself, not a later failure
