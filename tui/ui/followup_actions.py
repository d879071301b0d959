"""The app's follow-up and evidence flows (a mixin for CardoffApp): recording proof,
setting follow-up dates, and the Due view."""

from __future__ import annotations

from collections.abc import Mapping

from tui.base.clock import local_date, local_text
from tui.base.errors import TrackerError
from tui.domain.card_view import CardView
from tui.library.playbook import ChecklistItem, StepType


class FollowUpActions:
    """Needs: self.tracker, self.t, self.steps, self.inventory, self.selected_id,
    self.notify, self.refresh_all, self._selected_card, self.tell_failure."""

    def overdue_notice(self, views: list[CardView] | None = None) -> str:
        """What the status line says on start: how many cards are due today or
        overdue, as the Due view (`D`) counts them (Tracker.due: one rule for both)."""
        due = len(self.tracker.due(views))
        return self.t("due.overdue_notice", count=due) if due else ""

    def ask_evidence(self, step_id: str | None, title: str, unasked: bool = False) -> None:
        """The proof dialog for the selected card (`step_id`: the step it checks once
        saved); `unasked`: shown instead of what the key usually does (space checking
        a record step), so keys typed before it never act in it (DialogScreen)."""
        card_id = self.selected_id
        now = local_text(self.tracker.clock())

        def save(values: Mapping[str, str]) -> bool:
            if card_id is None:
                return False
            self.tracker.record_evidence(card_id, values, step_id)  # a refusal: in the dialog
            return True

        def recorded(saved: bool | None) -> None:
            if saved:
                self.refresh_all(select=card_id)
                self.notify(self.t("evidence.saved"))

        from tui.ui.followup_screens import EvidenceScreen

        screen = EvidenceScreen(title, now, save)
        screen.unasked = unasked
        self.push_screen(screen, recorded)

    def check_step(self, step_id: str) -> ChecklistItem | None:
        """Check or uncheck a step of the selected card: the one rule, wherever a step
        is checked (space in the list, space in the step's detail). Checking a record
        step asks for its proof, a balance or refund step for the amounts (the step is
        checked when they are saved; None is returned meanwhile); any other step, and
        unchecking, toggles at once and returns the item as it is now."""
        if self.toggle_or_record(step_id):
            return None
        return self._toggle(step_id)

    def toggle_or_record(self, step_id: str) -> bool:
        """A record step asks for its proof, a balance or refund step for the amounts,
        when it is checked; True if it asked. Use check_step to check a step."""
        view = self.steps.view
        item = next((i for i in view.items if i.step_id == step_id), None) if view else None
        if item is None or item.done or item.step is None:
            return False
        if item.step.asks in ("balance", "refund"):
            self.ask_money(refund=item.step.asks == "refund", step_id=step_id, unasked=True)
            return True
        if item.step.type != StepType.RECORD:
            return False
        self.ask_evidence(step_id, item.title.get(self.t.lang), unasked=True)
        return True

    def ask_money(
        self, refund: bool = False, step_id: str | None = None, unasked: bool = False
    ) -> None:
        """The money dialog for the selected card: balance and deposit, or (`refund`) what
        came back; `step_id`: the step checked once they are saved; `unasked` as for
        ask_evidence. A refusal (a bad amount, a disk that refused) is shown in the
        dialog, which keeps what was typed. For a card whose balance is gone with it
        (tui.domain.money_owed: lost, and its issuer's source says it cannot be
        reported lost) the dialog says so with that source's words, and what is saved
        is kept all the same (a refund that came back is a fact): the message says
        it is not counted as owed, as the header's total shows."""
        card = self._selected_card()
        view = self.live_view(card.id, say=False) if card is not None else None
        if view is None:
            return

        def save(values: Mapping[str, str]) -> bool:
            if refund:
                self.tracker.record_refund(
                    card.id,
                    values["amount"],
                    values["note"],
                    step_id,
                    currency=values.get("currency", ""),
                    lang=self.t.lang,
                )
            else:
                kept = self.tracker.set_money(
                    card.id, values["balance"], values["deposit"], values["currency"],
                    lang=self.t.lang,
                )
                unchanged.append(kept.updated == card.updated)
                if step_id is not None:
                    self._toggle(step_id, card.id)
            return True

        unchanged: list[bool] = []  # set_money saved nothing: the amounts were as they are

        def saved(done: bool | None) -> None:
            if not done:
                return
            self.refresh_all(select=card.id)
            after = self.live_view(card.id, say=False)
            gone = "_gone" if (after or view).balance_gone else ""  # the rule, asked again
            if refund:
                self.notify(self.t(f"refund.saved{gone}", label=card.label))
            elif unchanged and unchanged[-1]:
                # the step is checked all the same: never "nothing changed" then
                self.notify(self.t("money.unchanged_checked" if step_id else "money.unchanged"))
            else:
                self.notify(self.t(f"money.saved{gone}", label=card.label))

        from tui.domain.money_owed import still_owed
        from tui.ui.followup_screens import MoneyScreen

        currency = self.tracker.currency_of(card)
        held = still_owed(view)  # nothing for what is gone with a lost card
        gone_note = ""  # the issuer's source on why what it held is gone with it
        if view.balance_gone:
            issuer = self.tracker.issuer_for(card)
            gone_note = issuer.bearer.get(self.t.lang) if issuer is not None else ""
        screen = MoneyScreen(card.label, dict(card.money), save, refund, currency, held,
                             gone=view.balance_gone, gone_note=gone_note)
        screen.unasked = unasked
        self.push_screen(screen, saved)

    def action_money(self) -> None:
        self.ask_money(refund=False)

    def action_refund(self) -> None:
        self.ask_money(refund=True)

    def action_evidence(self) -> None:
        card = self._selected_card()
        if card is None:
            return
        item = self.steps.highlighted_item() if self.focused is self.steps.checklist else None
        if item is not None and not item.retired:
            self.ask_evidence(item.step_id, item.title.get(self.t.lang))
        else:
            self.ask_evidence(None, card.label)

    def action_follow_up(self) -> None:
        card = self._selected_card()
        if card is None:
            return

        def chosen(answer: tuple[bool, object] | None) -> None:
            if not answer or not answer[0]:
                return
            try:
                self.tracker.set_follow_up(card.id, answer[1], reason="user")
            except TrackerError as exc:
                self.tell_failure(exc)
                return
            self.refresh_all(select=card.id)
            day = answer[1]
            if day is None:
                self.notify(self.t("followup.cleared", label=card.label))
            else:
                self.notify(self.t("followup.set", label=card.label, date=local_date(day)))

        from tui.ui.followup_screens import FollowUpScreen

        self.push_screen(FollowUpScreen(card.label, card.follow_up, self.tracker.today()), chosen)

    def action_export(self) -> None:
        """Write a Markdown report and the follow-ups' ICS next to the data file."""
        from tui.domain.export import write_report

        try:
            written = write_report(self.tracker, self.t.lang, self.t, self.abroad)
        except TrackerError as exc:  # a read-only or full disk: say so, the app goes on
            self.tell_failure(exc)
            return
        if written is None:
            self.notify(self.t("export.no_file"), severity="warning")
            return
        self.notify(self.t("export.written", files=" · ".join(map(str, written))))

    def action_due_view(self) -> None:
        due_ids = {view.card.id for view, _ in self.tracker.due()}
        showing = self.inventory.toggle_due_only(due_ids)
        message = "due.view_on" if showing else "due.view_off"
        self.notify(self.t(message, count=len(due_ids)))
