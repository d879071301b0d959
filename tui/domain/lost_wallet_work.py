"""Lost-wallet mode's rules of the tracker: which picked cards switch to their
report-lost checklist, which are marked lost with the wallet (they cannot be reported
lost) and how that mark is taken back, the calls made and their references. A mixin
for Tracker (which supplies the store, the clock, the lock, the playbooks and the
logging), apart from tui/domain/casework.py."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from tui.base.errors import TrackerError
from tui.base.sanitiser import clean
from tui.domain.card_view import CardChange
from tui.library.playbook import ChecklistItem, StepType
from tui.records.card_fields import one_line
from tui.records.kinds import Intent

if TYPE_CHECKING:
    from tui.domain.card_view import CardView


class LostWalletWork:
    def lost_switches(self, card_ids: list[str]) -> list[str]:
        """Of `card_ids`, those report_lost switches to their report-lost checklist
        (tui.domain.lost_wallet_calls.switches_when_lost): what the question before
        the switch counts."""
        from tui.domain.lost_wallet_calls import switches_when_lost

        cards = (self._card(card_id) for card_id in card_ids)
        return [
            card.id
            for card in cards
            if switches_when_lost(card, self.issuer_for(card), self.intents_for(card.kind))
        ]

    def lost_marks(self, card_ids: list[str]) -> list[str]:
        """Of `card_ids`, those report_lost marks as lost with the wallet (`lost.gone`):
        cards that cannot be reported lost (tui.domain.reportable.cannot_be_reported)
        and are not lost already (tui.domain.money_owed.is_lost). What they held stops
        counting as owed: the question before report_lost names them with the switches."""
        from tui.domain.money_owed import is_lost
        from tui.domain.reportable import cannot_be_reported

        marked = []
        for card_id in card_ids:
            card = self._card(card_id)
            if not cannot_be_reported(card, self.issuer_for(card)):
                continue
            if not is_lost(card, lambda card_id=card_id: self.store.log(card_id)):
                marked.append(card_id)
        return marked

    def report_lost(self, card_ids: list[str]) -> list[CardView]:
        """Switch cards to the report-lost playbook (lost_switches: where their kind
        has one and they can be reported lost), and give them all back in call order:
        a card that cannot be reported lost stays on its own checklist but is listed,
        with what to do instead. The marks of the checklist each switched card had are
        kept (under its kind and intent) and come back when its intent is switched
        back; the log says which intent it had (`lost.started`). A card that cannot
        be reported lost is logged as lost with the wallet, once (`lost.gone`,
        lost_marks): what it held no longer counts as owed (tui.domain.money_owed),
        until found_again takes the mark back."""
        from tui.domain.lost_wallet_calls import in_call_order

        switched = self.lost_switches(card_ids)
        marked = self.lost_marks(card_ids)
        if not switched and not marked:  # nothing to write (a read-only disk lists them)
            return in_call_order(self.view(card_id) for card_id in card_ids)
        with self._changing():
            switched = self.lost_switches(card_ids)  # again, under the lock
            marked = self.lost_marks(card_ids)
            for card_id in switched:
                card = self._card(card_id)
                fields = replace(card.fields(), intent=Intent.REPORT_LOST.value)
                changed = card.edited(fields, self.clock())
                self.store.save_card(changed)
                kept = len(self.store.progress(card_id, card.checklist))
                self._log(changed, "lost.started", from_intent=card.intent.value, kept=kept)
            for card_id in marked:
                self._log(self._card(card_id), "lost.gone")  # money_owed.LOST_WITH_WALLET

        return in_call_order(self.view(card_id) for card_id in card_ids)

    def found_again(self, card_id: str) -> CardChange:
        """Take back the lost-with-the-wallet mark of a card (marked by mistake, or the
        card turned up): logged `lost.found` (money_owed.FOUND_AGAIN), what it held
        counts as owed again, and lost-wallet mode marks it again if it is picked
        again. Its checklist and progress are not touched (the mark never changed
        them). The mark is a fact about the card, not about its checklist: switching
        its intent leaves it as it is. TrackerError 'error.not_marked_lost' when the
        card holds no such mark (a card following the report-lost checklist is lost
        by its intent: switching that back is how it stops being lost)."""
        from tui.domain.money_owed import marked_lost

        with self._changing():
            first = len(self._logged)
            card = self._card(card_id)
            if not marked_lost(self.store.log(card_id)):
                raise TrackerError("error.not_marked_lost", label=card.label)
            self._log(card, "lost.found")
            return CardChange(self.view(card_id), tuple(self._logged[first:]))

    def first_call_step(self, view: CardView) -> ChecklistItem | None:
        """The step a report from the lost-wallet list checks: the playbook's first
        call, or its first step when it has no call (an ID document is reported at a
        police station); None for a card with no playbook steps."""
        steps = [i for i in view.items if i.step is not None]
        calls = (i for i in steps if i.step.type == StepType.CALL)
        return next(calls, steps[0] if steps else None)

    def record_call(self, card_id: str, number: str, reference: str) -> None:
        """Log a call made to report the card lost (with its reference, control
        characters removed) and tick the playbook's call step. `number` is "" when
        there was none to call (an ID document reported at a police station): the
        log then says it was reported, not called; a number called is kept on the call
        step too, as dialled (ChecklistItem.called). Raises CardError('reference',
        'error.too_long') for a reference longer than LINE_MAX (card_fields.one_line), as
        every one-line field of a dialog; nothing is saved then. A reference given goes
        to the checklist's step that keeps proof too (_reference_as_proof)."""
        from tui.domain.lost_wallet_calls import NO_REFERENCE, call_state

        reference = one_line("reference", reference) or NO_REFERENCE
        number = clean(number).text.strip()
        with self._changing():
            card = self._card(card_id)
            earlier = call_state(True, self.log(card_id)).reference
            if number:
                self._log(card, "lost.called", number=number, reference=reference)
            else:
                self._log(card, "lost.reported", reference=reference)
            item = self.first_call_step(self.view(card_id))
            if item is not None and not item.done:
                self.toggle_step(card_id, item.step_id)
            if item is not None and number:
                # the step says what was called, as dialled (+86 10 95588 from abroad),
                # whatever the directory offers from where the user is later
                progress = self.store.progress(card_id)
                progress[item.step_id] = {**progress[item.step_id], "called": number}
                self.store.set_progress(card_id, progress)
            if reference != NO_REFERENCE:
                self._reference_as_proof(card_id, reference, earlier)

    def _reference_as_proof(self, card_id: str, reference: str, earlier: str) -> None:
        """The reference given for a loss report also goes, with the time, to the
        checklist's first step that keeps proof ("Record the loss-report reference"),
        checked, so it is not asked for twice; unless that step holds proof the user
        recorded there (a reference other than `earlier`, the one the last report
        gave), which is kept."""
        view = self.view(card_id)
        item = next(
            (i for i in view.items if i.step is not None and i.step.type == StepType.RECORD),
            None,
        )
        if item is None:
            return
        held = self.store.progress(card_id).get(item.step_id, {}).get("evidence") or {}
        if held and held.get("reference") != earlier:
            return
        if not item.done:
            self.toggle_step(card_id, item.step_id)
        progress = self.store.progress(card_id)
        when = self.clock().astimezone().isoformat(timespec="seconds")
        evidence = {"reference": reference, "when": when}
        progress[item.step_id] = {**progress[item.step_id], "evidence": evidence}
        self.store.set_progress(card_id, progress)
