"""Damaged but valid-JSON data files: a bad record is set aside, kept byte for byte,
listed by the app and by `doctor` alike, and the rest opens; a file whose schema
version cannot be trusted, or is newer, is refused whole and left as it was."""

from __future__ import annotations

import json

import pytest

from tests.conftest import run_cli
from tests.damaged_corpus import CASES, FILE_CASES, RECORD_CASES, good_file, record_text, write
from tests.helpers.pilot import settle
from tui.base.paths import Paths
from tui.cli.doctor import run_doctor
from tui.domain.export import export
from tui.domain.tracker import Tracker
from tui.library.content import english
from tui.records.card_fields import CardFields
from tui.records.record_schema import SCHEMA_VERSION
from tui.storage.store import Store, StoreError, read_checked

SIZE = (80, 24)


def test_the_corpus_is_large_enough_and_each_case_is_valid_json():
    assert len(CASES) >= 36 and len(RECORD_CASES) >= 36
    assert len({case.name for case in CASES}) == len(CASES)
    for case in CASES:
        json.loads(json.dumps(case.data()))  # every damaged file is valid JSON


def test_the_good_file_opens_with_nothing_damaged(tmp_path):
    store = Store.open(write(tmp_path, good_file()))
    assert store.damaged() == [] and [c.id for c in store.cards()] == ["c1", "c2"]


def _doctor_lines(data_dir) -> tuple[bool, list[str]]:
    """doctor's database check: whether it passed, and the damaged records it lists."""
    paths = Paths(data_dir, data_dir / "config")
    [check] = [c for c in run_doctor(paths, environ={}) if c.label == "database"]
    return check.ok, [line.strip() for line in check.text.splitlines()[1:]]


@pytest.mark.parametrize("case", RECORD_CASES, ids=lambda c: c.name)
def test_a_damaged_record_is_set_aside_kept_byte_for_byte_and_the_rest_opens(
    tmp_path, case, content, clock
):
    data = case.data()
    path = write(tmp_path, data)
    store = Store.open(path)
    damaged = store.damaged()
    assert {(r.table, r.key) for r in damaged} == case.damaged
    for record in damaged:
        assert record.problem  # says what is wrong
        assert record.text == record_text(data, record.table, record.key)  # as in the file
    assert "c1" in [card.id for card in store.cards()]  # the rest opens
    tracker = Tracker(store, content.playbooks, clock, issuers=content.issuers)
    tracker.views(), tracker.due(), tracker.owed_total(), tracker.log()
    for fmt in ("md", "json", "csv", "ics"):
        export(tracker, fmt)
    new = tracker.add_card(CardFields("New", "transit", "cancel"))
    tracker.toggle_step("c1", tracker.view("c1").items[0].step_id)
    written = path.read_text(encoding="utf-8")
    for table, key in case.damaged:  # never rewritten or dropped by a save
        assert record_text(data, table, key) in written
    again = Store.open(path)
    assert {(r.table, r.key) for r in again.damaged()} == case.damaged
    assert {"c1", new.id} <= {card.id for card in again.cards()}


@pytest.mark.parametrize("case", FILE_CASES, ids=lambda c: c.name)
def test_a_file_whose_schema_version_cannot_be_used_is_refused_and_left_as_it_was(tmp_path, case):
    path = write(tmp_path, case.data())
    before = path.read_bytes()
    with pytest.raises(StoreError) as caught:
        Store.open(path)
    assert case.refused in caught.value.reason
    assert caught.value.newer == ("Upgrade" in case.refused)
    ok, _lines = _doctor_lines(tmp_path)
    assert not ok
    assert path.read_bytes() == before
    assert list(tmp_path.iterdir()) == [path]  # no backup, lock or temp file either


@pytest.mark.parametrize("case", FILE_CASES, ids=lambda c: c.name)
def test_commands_refuse_such_a_file_with_exit_1_and_a_newer_one_says_upgrade(tmp_path, case):
    path = write(tmp_path, case.data())
    before = path.read_bytes()
    for command in (["due"], ["export"], ["import", str(path)], ["list"]):
        result = run_cli(*command, data=tmp_path, config=tmp_path / "config")
        unusable = 4 if command == ["due"] else 1  # due's 1 means a card is overdue
        assert result.returncode == unusable, (command, result.stdout, result.stderr)
        assert "Traceback" not in result.stderr and case.refused in result.stderr
    app = run_cli(data=tmp_path, config=tmp_path / "config")  # not a terminal: no choices
    assert app.returncode == 1 and case.refused in app.stderr
    assert path.read_bytes() == before


@pytest.mark.parametrize("case", RECORD_CASES, ids=lambda c: c.name)
def test_the_tracker_gives_the_app_what_doctor_lists(tmp_path, case, content, clock):
    """What the app's damaged-records view and its header are given (the tracker's list
    and count, from the store's reading of the file) is what doctor lists, line for line,
    for every case; the app itself is run on a few cases below."""
    write(tmp_path, case.data())
    ok, doctor_says = _doctor_lines(tmp_path)
    assert not ok and len(doctor_says) == len(case.damaged), (case.name, doctor_says)
    tracker = Tracker(Store.open(tmp_path / "cardoff.json"), content.playbooks, clock)
    records = tracker.damaged_records()
    assert [record.worded(english()) for record in records] == doctor_says, case.name
    assert tracker.damaged_count() == len(case.damaged), case.name
    assert all(record.text for record in records), case.name  # the raw text to show


# The app adds nothing of its own per case: it shows the tracker's list and count (checked
# above for every case). It runs on one case of each table, and on the cards' cases whose
# line differs in shape: a card with its id and label, a record that is no object (no id,
# no label), a record number that is not a number.
APP_CASES = [
    "card-kind-unknown", "card-not-an-object", "card-record-number-words",
    "progress-duplicate", "log-at-words", "meta-extra-junk",
]


@pytest.mark.parametrize(
    "case", [c for c in RECORD_CASES if c.name in APP_CASES], ids=lambda c: c.name
)
async def test_the_app_and_doctor_list_the_same_damaged_records(tmp_path, case, make_app):
    write(tmp_path, case.data())
    ok, doctor_says = _doctor_lines(tmp_path)
    assert not ok and len(doctor_says) == len(case.damaged)
    app = make_app(Store.open(tmp_path / "cardoff.json"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        count = len(case.damaged)
        said = "1 damaged record" if count == 1 else f"{count} damaged records"
        assert f"{said} set aside" in app.query_one("#status-line").message
        assert f"{count} damaged" in app.sub_title  # the marker stays in the header
        app.action_damaged_records()
        await settle(pilot)
        shown = app.screen.records
        assert [record.worded(english()) for record in shown] == doctor_says
        assert all(record.text for record in shown)  # the user can see the raw text
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is app.screen_stack[0]


def test_the_app_cases_are_in_the_corpus():
    assert len({c.name for c in RECORD_CASES} & set(APP_CASES)) == len(APP_CASES)


def test_doctor_on_the_command_line_names_each_damaged_record(tmp_path):
    data = good_file()
    data["cards"]["2"]["money"] = "lots"
    data["cards"]["3"] = {**data["cards"]["2"], "id": "c3", "money": {}, "kind": "wallet"}
    write(tmp_path, data)
    result = run_cli("doctor", data=tmp_path, config=tmp_path / "config")
    assert result.returncode == 1 and "FAIL database" in result.stdout
    assert "2 damaged records set aside" in result.stdout
    assert "cards record 2 · card c2 · Target: money must be an object" in result.stdout
    assert "cards record 3 · card c3 · Target: kind must be one of" in result.stdout


def test_commands_say_on_stderr_that_damaged_records_were_left_out(tmp_path):
    data = good_file()
    data["cards"]["2"]["money"] = "lots"
    data["cards"]["1"]["follow_up"] = "2026-01-05"
    write(tmp_path, data)
    due = run_cli("due", data=tmp_path, config=tmp_path / "config")
    assert due.returncode == 1 and "Good" in due.stdout and "Target" not in due.stdout
    assert "1 damaged record in the data file was set aside" in due.stderr
    assert "cardoff-tui doctor lists it" in due.stderr


def test_an_old_file_upgrades_its_good_cards_and_keeps_a_damaged_one_as_it_was(tmp_path):
    """A v2 file: the good card loses its PIN characters (logged), the damaged card is
    not touched by the upgrade, and the upgraded file still holds it byte for byte."""
    data = good_file(version=2)
    data["cards"]["1"]["identifiers"]["port_pin"] = {"last4": "4321", "in": "vault"}
    data["cards"]["2"]["identifiers"]["port_pin"] = {"last4": "8765", "in": "vault"}
    data["cards"]["2"]["follow_up"] = "next tuesday"
    path = write(tmp_path, data)
    store = Store.open(path)
    assert [(r.table, r.key) for r in store.damaged()] == [("cards", "2")]
    assert store.card("c1").identifiers["port_pin"].last4 == ""
    assert [e.card_id for e in store.log() if e.event == "identifier.secret_dropped"] == ["c1"]
    written = path.read_text(encoding="utf-8")
    assert record_text(data, "cards", "2") in written and "4321" not in written
    assert store.schema_version == SCHEMA_VERSION
    assert Store.open(path).damaged()[0].key == "2"


def test_a_v1_card_that_cannot_be_upgraded_is_set_aside(tmp_path):
    data = good_file(version=1)
    for doc in data["cards"].values():
        del doc["identifiers"]
    data["cards"]["1"]["masked_id"] = "9876"
    data["cards"]["2"]["masked_id"] = 9876  # not what version 1 wrote
    path = write(tmp_path, data)
    store = Store.open(path)
    assert store.card("c1").identifiers["number"].last4 == "9876"
    assert [(r.table, r.key) for r in store.damaged()] == [("cards", "2")]
    assert record_text(data, "cards", "2") in path.read_text(encoding="utf-8")


def test_a_new_record_never_takes_the_number_of_a_damaged_one(tmp_path, content, clock):
    data = good_file()
    data["log"]["7"] = {"at": "never", "card_id": "c1", "event": "x"}
    path = write(tmp_path, data)
    store = Store.open(path)
    Tracker(store, content.playbooks, clock).add_card(CardFields("New", "bank", "cancel"))
    log = read_checked(path)["log"]
    assert log["7"] == data["log"]["7"] and "8" in log


ENGLISH_LEFT = ("must", "missing", "another", "record number", "the record", "whole number")


def _check_messages() -> list[str]:
    """Every problem the compiled record checks can state, as record_problem words it
    (the field's path, or "the record", then the check's words)."""
    import re
    from pathlib import Path

    import tui.records.record_checks as checks

    said = set()
    for module in Path(checks.__file__).parent.glob("*.py"):
        source = module.read_text()
        for field, rest in re.findall(r'"data"\) \+ "\.?([a-z_.]*) (must [^"]*)"', source):
            if not rest.startswith("must contain"):  # read as "missing: …"
                said.add(f"{field or 'the record'} {rest}")
    return sorted(said)


def test_every_problem_a_check_states_reads_in_chinese():
    """doctor and the damaged-records view say what is wrong in the user's language:
    no problem the record checks (or find_damaged) can state is left in English."""
    from tui.base.i18n import Catalog
    from tui.library.content import shipped_strings
    from tui.records.damaged_records import problem_words

    zh = Catalog(shipped_strings(), "zh-CN")
    problems = _check_messages() + [
        "missing: label", "money: missing: currency",
        'its record number "01" is not a whole number from 1',
        "another card has the id c1; the first is kept",
        "another progress record has the id c1; the first is kept",
    ]
    assert len(problems) > 20
    for problem in problems:
        words = problem_words(problem, zh)
        assert not any(english in words for english in ENGLISH_LEFT), (problem, words)


@pytest.mark.parametrize("case", RECORD_CASES, ids=lambda c: c.name)
def test_doctor_lists_damaged_records_in_chinese(tmp_path, case):
    from tui.base.i18n import Catalog
    from tui.library.content import shipped_strings

    write(tmp_path, case.data())
    paths = Paths(tmp_path, tmp_path / "config")
    zh = Catalog(shipped_strings(), "zh-CN")
    [check] = [c for c in run_doctor(paths, environ={}, catalog=zh) if c.label == "database"]
    lines = check.text.splitlines()[1:]
    assert len(lines) == len(case.damaged)
    for line in lines:
        assert "条记录" in line and not any(e in line for e in ENGLISH_LEFT), line
