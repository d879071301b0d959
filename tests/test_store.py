"""The TinyDB file: what it holds, surviving a restart, and refusing damaged files."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.helpers.pilot import settle, wait_until
from tui.domain.tracker import Tracker
from tui.records.card_fields import CardFields
from tui.storage.store import DB_FILENAME, SCHEMA_VERSION, Store, StoreError
from tui.ui.card_form import CardForm
from tui.ui.inventory_pane import CardTable
from tui.ui.steps_pane import Checklist

ESIM = CardFields("旧手机 eSIM", "esim", "cancel", "China Mobile", "CN")


def test_new_file_has_meta_and_only_masked_ids(tmp_path, content, clock):
    path = tmp_path / DB_FILENAME
    store = Store.open(path)
    Tracker(store, content.playbooks, clock).add_card(ESIM)
    store.close()
    raw = json.loads(path.read_text(encoding="utf-8"))
    assert set(raw) == {"cards", "meta", "log"} | ({"progress"} & set(raw))
    assert [m["schema_version"] for m in raw["meta"].values()] == [SCHEMA_VERSION]
    [card] = raw["cards"].values()
    forbidden = {"serial", "iccid", "eid", "imei", "card_number", "number", "masked_id"}
    assert not forbidden & set(card)
    assert card["identifiers"] == {}
    assert "旧手机" in path.read_text(encoding="utf-8")  # readable, not \\u-escaped


async def test_restart_keeps_cards_progress_and_log(tmp_path, make_app):
    path = tmp_path / DB_FILENAME
    store = Store.open(path)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a")
        await wait_until(
            pilot,
            lambda: isinstance(app.screen, CardForm) and getattr(app.focused, "id", "") == "label",
            "the form with its Name field focused",
        )
        await pilot.press(*"eSIM", "ctrl+s")
        # the save runs in a worker: Enter goes to the steps once the form has closed
        await wait_until(
            pilot,
            lambda: isinstance(app.focused, CardTable) and app.inventory.selected_id,
            "the form closed and the new card selected",
        )
        await pilot.press("enter")
        assert isinstance(app.focused, Checklist)
        await pilot.press("space", "j", "space", "j", "space")
        assert len(store.progress(store.cards()[0].id)) == 3
        await pilot.press("q")
    assert app.return_code == 0
    store.close()

    reopened = Store.open(path)
    app = make_app(reopened)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        view = app.steps.view
        assert view.card.label == "eSIM" and view.done_count == 3
        assert [i.done for i in view.items[:4]] == [True, True, True, False]
        prompts = [str(o.prompt) for o in app.query_one(Checklist).options[:3]]
        assert all(p.startswith("[x]") for p in prompts)
        events = [e.event for e in app.tracker.log(view.card.id)]
        assert events == ["step.checked"] * 3 + ["card.added"]
    reopened.close()


def test_opening_parses_the_file_once_and_leaves_it_alone(tmp_path, content, clock, monkeypatch):
    """Start-up reads the data file once: no second parse, no write, no lock file."""
    import tui.storage.journal
    import tui.storage.json_storage

    path = tmp_path / DB_FILENAME
    store = Store.open(path)
    Tracker(store, content.playbooks, clock).add_card(ESIM)
    store.close()
    (tmp_path / f"{DB_FILENAME}.lock").unlink(missing_ok=True)
    before = path.stat()
    parses = []

    def counting(raw):
        parses.append(len(raw))
        return json.loads(raw)

    monkeypatch.setattr(tui.storage.journal, "decode", counting)
    monkeypatch.setattr(tui.storage.json_storage, "decode", counting)
    store = Store.open(path)
    assert [c.label for c in store.cards()] == [ESIM.label]
    assert len(parses) == 1
    assert (path.stat().st_mtime_ns, path.stat().st_ino) == (before.st_mtime_ns, before.st_ino)
    assert not (tmp_path / f"{DB_FILENAME}.lock").exists()


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ('{"cards": {"1": {"id": "c1"', "not valid JSON"),
        ("[1, 2, 3]", "not a cardoff-tui database"),
        ('{"meta": {"1": {"schema_version": 99}}}', "newer cardoff-tui"),
    ],
)
def test_damaged_or_newer_file_is_refused_and_left_untouched(tmp_path, text, reason):
    path = tmp_path / DB_FILENAME
    path.write_text(text, encoding="utf-8")
    with pytest.raises(StoreError) as caught:
        Store.open(path)
    assert reason in str(caught.value)
    assert path.read_text(encoding="utf-8") == text


def test_cli_reports_a_damaged_file_and_keeps_it(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    damaged = data / DB_FILENAME
    damaged.write_bytes(b'{"cards": {"1": ')
    result = subprocess.run(
        [sys.executable, "-m", "tui", "--data-dir", str(data), "--config-dir", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "cannot open your data" in result.stderr and "left exactly as it was" in result.stderr
    assert "cardoff-tui restore" in result.stderr
    assert damaged.read_bytes() == b'{"cards": {"1": '


def test_v1_file_is_upgraded_with_a_copy_kept(tmp_path):
    path = tmp_path / DB_FILENAME
    v1 = {
        "cards": {
            "1": {
                "id": "c1",
                "label": "Old eSIM",
                "kind": "esim",
                "intent": "cancel",
                "issuer": "",
                "region": "",
                "masked_id": "0042",
                "notes": "",
                "abandoned": False,
                "created": "2026-01-01T00:00:00+00:00",
                "updated": "2026-01-01T00:00:00+00:00",
            },
        },
        "progress": {},
        "log": {},
        "meta": {"1": {"schema_version": 1}},
    }
    path.write_text(json.dumps(v1), encoding="utf-8")
    store = Store.open(path)
    [card] = store.cards()
    assert store.schema_version == SCHEMA_VERSION
    assert card.identifiers["iccid"].last4 == "0042" and card.identifiers["iccid"].kept_in is None
    store.close()
    from tui.storage.json_storage import list_backups

    [backup] = list_backups(path)
    assert json.loads(backup.path.read_text()) == v1
    assert "masked_id" not in path.read_text()


async def test_another_session_holding_the_lock_gives_a_message(tmp_path, make_app):
    from filelock import FileLock

    from tui.ui.status_line import StatusLine

    path = tmp_path / DB_FILENAME
    store = Store.open(path, lock_timeout=0.2)  # the lock below is held until released
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a", *"Card", "ctrl+s")
        await settle(pilot)
        before = path.read_bytes()
        other = FileLock(path.with_name(f"{path.name}.lock"))
        other.acquire()  # as another, stuck session would
        try:
            await pilot.press("enter", "space")
            await wait_until(
                pilot,
                lambda: "Another cardoff-tui session is saving"
                in app.query_one(StatusLine).message,
                "the busy-store message",
            )
            assert path.read_bytes() == before
        finally:
            other.release()
        await pilot.press("space")
        await settle(pilot)
        assert len(store.progress(store.cards()[0].id)) == 1
    store.close()


async def test_a_save_that_waits_for_another_session_says_so_and_goes_on(tmp_path, make_app):
    """The card form's save while another session holds the lock: the status line says
    another session is saving, the form waits (it is not refused), and the card is
    added once the other session is done."""
    from tui.storage.fair_lock import FairFileLock
    from tui.ui.status_line import StatusLine

    path = tmp_path / DB_FILENAME
    store = Store.open(path)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        other = FairFileLock(path.with_name(f"{path.name}.lock"))
        held = other.acquire(timeout=-1)  # another session, saving
        try:
            await pilot.press("a", *"Waited", "ctrl+s")
            await wait_until(
                pilot,
                lambda: "Another cardoff-tui session is saving; waiting"
                in app.query_one(StatusLine).message,
                "the waiting message",
            )
            assert store.cards() == []
        finally:
            other.release(held)
        await wait_until(
            pilot, lambda: "Added Waited" in app.query_one(StatusLine).message, "the save"
        )
        assert [card.label for card in store.cards()] == ["Waited"]
    store.close()


async def test_changes_from_another_session_show_up(tmp_path, make_app, content, clock, timers):
    from tui.ui.app import CHANGE_CHECK_SECONDS
    from tui.ui.log_pane import LogList

    path = tmp_path / DB_FILENAME
    store = Store.open(path)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        table = app.query_one(CardTable)

        def another_session_adds_a_card() -> None:
            other = Store.open(path)  # a second session, on the same file
            Tracker(other, content.playbooks, clock).add_card(ESIM)
            other.close()

        another_session_adds_a_card()
        assert await timers.advance(CHANGE_CHECK_SECONDS) == 1  # the periodic check
        await pilot.pause()
        assert table.row_count == 1
        first = str(app.query_one(LogList).get_option_at_index(0).prompt)
        assert "changes from another cardoff-tui session" in first
        another_session_adds_a_card()
        await timers.advance(CHANGE_CHECK_SECONDS - 0.5)
        assert table.row_count == 1  # not checked yet
        await timers.advance(0.5)  # checked every few seconds, not once
        await pilot.pause()
        assert table.row_count == 2
        app.check_for_changes()  # what focus calls; nothing new: nothing redrawn
    store.close()
