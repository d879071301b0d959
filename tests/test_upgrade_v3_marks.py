"""A version 3 data file's step marks after the upgrade to version 4: each mark under the
checklist whose playbook holds its step (version 3 kept one set per card, whatever its
intent was), and a progress record with a bad value upgraded all the same, so that
`doctor` names the value and a hand fix makes it load."""

from __future__ import annotations

import copy
import json
from dataclasses import replace

from tests.damaged_corpus import write
from tui.domain.tracker import Tracker
from tui.domain.upgraded_marks import sorted_marks
from tui.storage.store import SCHEMA_VERSION, Store


def _mark(minute: int, title: str) -> dict:
    return {"at": f"2026-11-02T09:{minute:02d}:00+00:00", "title": {"en": title}}


# a bank card being cancelled (refund receipt kept, balance cleared, cancel asked for),
# then switched to Report lost by the version 3 app, which kept the marks as they were
# and added the call to the bank; "own-note" is a step of no playbook (a retired one)
V3_SWITCHED = {
    "cards": {
        "1": {
            "id": "b1",
            "label": "ICBC debit",
            "kind": "bank",
            "intent": "report-lost",
            "issuer": "ICBC",
            "region": "CN",
            "network": "unionpay",
            "identifiers": {},
            "follow_up": "",
            "money": {},
            "notes": "",
            "abandoned": False,
            "created": "2026-11-01T09:00:00+00:00",
            "updated": "2026-11-02T09:30:00+00:00",
        },
    },
    "progress": {
        "1": {
            "card_id": "b1",
            "steps": {
                "clear-balance": _mark(0, "Clear the balance"),
                "request-cancel": _mark(5, "Ask the bank to cancel"),
                "record-proof": {**_mark(10, "Keep the proof"), "evidence": {"reference": "R-7"}},
                "call-bank": _mark(20, "Call the bank"),
                "own-note": _mark(25, "A step since retired"),
            },
        },
    },
    "log": {},
    "meta": {"1": {"schema_version": 3}},
}


def _done(tracker: Tracker, card_id: str) -> list[str]:
    view = tracker.view(card_id)
    return sorted(item.step_id for item in view.items if item.done)


def _intent(tracker: Tracker, card_id: str, intent: str) -> None:
    fields = tracker.store.card(card_id).fields()
    tracker.edit_card(card_id, replace(fields, intent=intent))


def test_each_old_mark_goes_to_the_checklist_whose_playbook_holds_its_step(
    tmp_path, content, clock
):
    steps = V3_SWITCHED["progress"]["1"]["steps"]
    path = write(tmp_path, V3_SWITCHED)
    store = Store.open(path)
    tracker = Tracker(store, content.playbooks, clock, issuers=content.issuers)
    assert store.checklists("b1") == {
        # the shared record-proof stays with the checklist the card follows now
        "bank/report-lost": {k: steps[k] for k in ("record-proof", "call-bank", "own-note")},
        "bank/cancel": {k: steps[k] for k in ("clear-balance", "request-cancel")},
    }
    assert _done(tracker, "b1") == ["call-bank", "own-note", "record-proof"]
    _intent(tracker, "b1", "cancel")
    assert _done(tracker, "b1") == ["clear-balance", "request-cancel"]
    store.close()
    # sorted once: the file says so, and the next open changes nothing
    raw = json.loads(path.read_text(encoding="utf-8"))
    assert "unsorted_marks" not in raw["progress"]["1"]
    again = Store.open(path)
    before = again.checklists("b1")
    Tracker(again, content.playbooks, clock, issuers=content.issuers)
    assert again.checklists("b1") == before
    again.close()


def test_a_step_only_other_playbooks_hold_is_kept_in_each_of_them():
    ids = {
        "bank/report-lost": frozenset({"call-bank"}),
        "bank/cancel": frozenset({"unlink", "clear"}),
        "bank/suspend": frozenset({"unlink"}),
    }
    marks = {"unlink": {"at": "x"}, "clear": {"at": "y"}, "mine": {"at": "z"}}
    assert sorted_marks(marks, "bank/report-lost", ids) == {
        "bank/cancel": {"unlink": {"at": "x"}, "clear": {"at": "y"}},
        "bank/suspend": {"unlink": {"at": "x"}},
        "bank/report-lost": {"mine": {"at": "z"}},
    }


def test_a_record_with_a_bad_value_is_upgraded_named_and_loads_once_fixed(
    tmp_path, content, clock
):
    data = copy.deepcopy(V3_SWITCHED)
    data["progress"]["1"]["steps"]["call-bank"]["at"] = "garbage"
    path = write(tmp_path, data)
    store = Store.open(path)
    [damaged] = store.damaged()
    assert (damaged.table, damaged.key) == ("progress", "1")
    assert "call-bank.at" in damaged.problem and "missing" not in damaged.problem
    store.close()
    raw = json.loads(path.read_text(encoding="utf-8"))
    record = raw["progress"]["1"]
    assert "steps" not in record and record["unsorted_marks"] is True
    assert raw["meta"]["1"]["schema_version"] == SCHEMA_VERSION
    # the hand fix: the bad value only
    record["checklists"]["bank/report-lost"]["call-bank"]["at"] = "2026-11-02T09:20:00+00:00"
    path.write_text(json.dumps(raw, indent=2), encoding="utf-8")
    fixed = Store.open(path)
    assert fixed.damaged() == []
    tracker = Tracker(fixed, content.playbooks, clock, issuers=content.issuers)
    assert set(fixed.checklists("b1")) == {"bank/report-lost", "bank/cancel"}
    assert _done(tracker, "b1") == ["call-bank", "own-note", "record-proof"]
    fixed.close()
