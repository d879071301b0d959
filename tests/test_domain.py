"""Cards, playbooks, status and the tracker's rules, without any UI."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tui.base.errors import TrackerError
from tui.domain.card_view import derive_status
from tui.domain.tracker import Tracker
from tui.library.playbook import Playbook, PlaybookLibrary, Step, StepType, Text, checklist
from tui.records.card_error import CardError
from tui.records.card_fields import CardFields
from tui.records.kinds import Intent, Kind, Status
from tui.records.model import Card

ESIM = CardFields(label="旧手机 eSIM", kind="esim", intent="cancel", issuer="China Mobile")


def _playbook(*step_ids: str, types: dict[str, StepType] | None = None) -> Playbook:
    types = types or {}
    steps = tuple(
        Step(id=s, type=types.get(s, StepType.ACTION), title=Text({"en": s.title()}))
        for s in step_ids
    )
    return Playbook("p", Kind.ESIM, Intent.CANCEL, Text({"en": "P"}), steps)


def test_domain_modules_import_no_textual_or_rich():
    code = (
        "import sys\n"
        # every module below the screens, and every module of the command line:
        # Textual loads only when the app opens
        "import importlib, pkgutil\n"
        "for layer in ('base', 'records', 'storage', 'secrets', 'library', 'domain', 'cli'):\n"
        "    package = importlib.import_module('tui.' + layer)\n"
        "    for m in pkgutil.walk_packages(package.__path__, package.__name__ + '.'):\n"
        "        importlib.import_module(m.name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "print(bad)\n"
        "sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


class TestCardFields:
    def test_cleaning_trims_and_uppercases(self):
        f = CardFields("  Old   phone ", "esim", "cancel", " CMCC ", " CN ").cleaned()
        assert (f.label, f.issuer, f.region) == ("Old phone", "CMCC", "CN")

    @pytest.mark.parametrize(
        ("changes", "field", "key"),
        [
            ({"label": "   "}, "label", "error.label_required"),
            ({"label": "x" * 61}, "label", "error.too_long"),
            ({"kind": "wallet"}, "kind", "error.bad_kind"),
            ({"intent": "burn"}, "intent", "error.bad_intent"),
            ({"notes": "n" * 2001}, "notes", "error.too_long"),
        ],
    )
    def test_bad_fields_name_the_field(self, changes, field, key):
        fields = CardFields(**{**ESIM.__dict__, **changes})
        with pytest.raises(CardError) as caught:
            fields.cleaned()
        assert (caught.value.field, caught.value.message_key) == (field, key)

    def test_round_trip_through_doc(self, clock):
        card = Card.create(ESIM, clock())
        assert Card.from_doc(card.to_doc()) == card


class TestStatus:
    def _card(self, clock, abandoned=False):
        return Card.create(CardFields(**{**ESIM.__dict__, "abandoned": abandoned}), clock())

    def test_derived_from_progress(self, clock):
        playbook = _playbook("a", "b", "c", types={"b": StepType.WAIT})
        card = self._card(clock)
        t = Text({"en": "x"})
        assert derive_status(card, checklist(playbook, {})) is Status.ACTIVE
        assert derive_status(card, checklist(playbook, {"a": t})) is Status.WAITING
        assert derive_status(card, checklist(playbook, {"a": t, "b": t})) is Status.IN_PROGRESS
        done = {"a": t, "b": t, "c": t}
        assert derive_status(card, checklist(playbook, done)) is Status.DONE

    def test_abandoned_wins(self, clock):
        items = checklist(_playbook("a"), {"a": Text({"en": "A"})})
        assert derive_status(self._card(clock, abandoned=True), items) is Status.ABANDONED

    def test_retired_steps_are_kept_and_not_counted(self):
        items = checklist(_playbook("a", "b"), {"gone": Text({"en": "Old step"}), "a": Text({})})
        assert [(i.step_id, i.done, i.retired) for i in items] == [
            ("a", True, False),
            ("b", False, False),
            ("gone", True, True),
        ]
        assert items[-1].title.get("en") == "Old step"


class TestLibrary:
    def test_issuer_playbook_overrides_generic(self):
        generic = _playbook("a")
        own = Playbook(
            "own",
            Kind.ESIM,
            Intent.CANCEL,
            Text({"en": "Own"}),
            generic.steps,
            issuer="china-mobile",
        )
        library = PlaybookLibrary([generic, own])
        assert library.find(Kind.ESIM, Intent.CANCEL, "China Mobile") is own
        assert library.find(Kind.ESIM, Intent.CANCEL, "Other carrier") is generic
        assert library.find(Kind.ESIM, Intent.CANCEL) is generic

    def test_every_kind_has_cancel_suspend_report_lost(self, content):
        """Every card can be reported lost (a lost wallet holds any of them); an ID
        document is not cancelled or suspended but replaced."""
        for kind in Kind:
            intents = content.playbooks.intents_for(kind)
            assert Intent.REPORT_LOST in intents, kind
            if kind is Kind.ID_DOCUMENT:
                assert intents == [Intent.REPORT_LOST, Intent.REPLACE]
                continue
            for intent in (Intent.CANCEL, Intent.SUSPEND):
                assert intent in intents, (kind, intent)
        assert Intent.PORT_OUT in content.playbooks.intents_for(Kind.ESIM)
        assert Intent.PORT_OUT not in content.playbooks.intents_for(Kind.BANK)


class TestTracker:
    def test_add_toggle_and_log(self, tracker, store):
        card = tracker.add_card(ESIM)
        view = tracker.view(card.id)
        assert view.status is Status.ACTIVE and view.step_count >= 5
        first = view.items[0].step_id
        assert tracker.toggle_step(card.id, first) is True
        assert first in store.progress(card.id)
        assert tracker.view(card.id).status in (Status.IN_PROGRESS, Status.WAITING)
        assert tracker.toggle_step(card.id, first) is False
        events = [e.event for e in store.log(card.id)]
        assert events == ["step.unchecked", "step.checked", "card.added"]

    def test_all_steps_done_marks_done_and_logs_it(self, tracker):
        card = tracker.add_card(ESIM)
        for item in tracker.view(card.id).items:
            tracker.toggle_step(card.id, item.step_id)
        assert tracker.view(card.id).status is Status.DONE
        assert tracker.log(card.id)[0].event == "card.all_done"
        assert tracker.overview().cards_done == 1

    def test_unknown_combination_is_refused(self, tracker, store):
        with pytest.raises(TrackerError) as caught:
            tracker.add_card(CardFields("Debit", "bank", "port-out"))
        assert caught.value.key == "error.no_playbook"
        assert store.cards() == []

    def test_edit_keeps_progress_by_step_id_and_logs_fields(self, tracker, store):
        card = tracker.add_card(ESIM)
        step = tracker.view(card.id).items[0].step_id
        tracker.toggle_step(card.id, step)
        tracker.edit_card(card.id, CardFields(**{**ESIM.__dict__, "label": "Renamed"}))
        assert step in store.progress(card.id)
        entry = store.log(card.id)[0]
        assert (entry.event, entry.params["fields"]) == ("card.edited", ["label"])

    def test_changing_intent_puts_the_checked_steps_aside_until_it_is_switched_back(
        self, tracker
    ):
        card = tracker.add_card(ESIM)
        step = tracker.view(card.id).items[0].step_id
        tracker.toggle_step(card.id, step)
        tracker.edit_card(card.id, CardFields(**{**ESIM.__dict__, "intent": "report-lost"}))
        view = tracker.view(card.id)
        assert [i for i in view.items if i.done] == []  # nothing of the other checklist
        assert tracker.log(card.id)[0].event == "card.intent_changed"
        tracker.edit_card(card.id, ESIM)
        assert [i.step_id for i in tracker.view(card.id).items if i.done] == [step]

    def test_delete_then_undo_restores_card_and_progress(self, tracker, store):
        card = tracker.add_card(ESIM)
        step = tracker.view(card.id).items[1].step_id
        tracker.toggle_step(card.id, step)
        tracker.delete_card(card.id)
        assert store.card(card.id) is None and store.progress(card.id) == {}
        assert tracker.undo_delete() == card
        assert store.card(card.id) == card and step in store.progress(card.id)
        assert [e.event for e in store.log(card.id)][:2] == ["card.restored", "card.deleted"]
        assert tracker.undo_delete() is None

    def test_undo_puts_the_card_back_in_its_place(self, store, content, clock):
        # cards added in the same second (an import, the demo: the clock keeps seconds)
        # keep their order through a delete and its undo
        moment = clock()
        tracker = Tracker(store, content.playbooks, lambda: moment)
        cards = [
            tracker.add_card(CardFields(**{**ESIM.__dict__, "label": f"card {n}"}))
            for n in range(4)
        ]
        order = [c.id for c in cards]
        tracker.delete_card(cards[1].id)
        tracker.undo_delete()
        assert [v.card.id for v in tracker.views()] == order
        assert [c.id for c in store.cards()] == order
        tracker.delete_card(cards[0].id)
        tracker.add_card(CardFields(**{**ESIM.__dict__, "label": "added meanwhile"}))
        tracker.undo_delete()
        assert [v.card.id for v in tracker.views()][:4] == order

    def test_undone_card_keeps_its_place_in_the_file(self, tmp_path, content, clock):
        from tui.storage.store import Store

        moment = clock()
        store = Store.open(tmp_path / "cardoff.json")
        tracker = Tracker(store, content.playbooks, lambda: moment)
        order = [
            tracker.add_card(CardFields(**{**ESIM.__dict__, "label": f"card {n}"})).id
            for n in range(3)
        ]
        tracker.delete_card(order[2])  # the last one: its place is the next free one
        tracker.undo_delete()
        tracker.add_card(CardFields(**{**ESIM.__dict__, "label": "after"}))
        store.close()
        again = Store.open(tmp_path / "cardoff.json")
        assert [c.id for c in again.cards()][:3] == order
        assert [c.label for c in again.cards()][3] == "after"
        again.close()

    def test_clock_is_injected(self, store, content, clock):
        tracker = Tracker(store, content.playbooks, clock)
        card = tracker.add_card(ESIM)
        assert card.created.isoformat() == "2026-03-01T09:30:00+00:00"
