"""The app's step actions (a mixin for CardoffApp): checking or unchecking a card's
step through the tracker, and the step as the steps pane shows it. The pane's messages
are handled in app.py (Textual finds `@on` handlers only on its own classes)."""

from __future__ import annotations

from tui.base.errors import TrackerError
from tui.library.playbook import ChecklistItem


class StepActions:
    """Needs: self.tracker, self.t, self.steps, self.selected_id, self.notify,
    self.refresh_all, self.refresh_card and self.tell_failure. To check a step, use
    self.check_step (followup_actions.py: the one rule for checking a step)."""

    def _toggle(self, step_id: str, card_id: str | None = None) -> ChecklistItem | None:
        """Check or uncheck a step of `card_id` (default: the selected card); returns the
        item as it is now."""
        card_id = card_id or self.selected_id
        if card_id is None:
            return None
        try:
            change = self.tracker.toggle(card_id, step_id)
        except TrackerError as exc:
            self.tell_failure(exc)
            self.refresh_all(select=self.selected_id)
            return None
        self.refresh_card(change)
        view = change.view
        if change.checked and view.done_count == view.step_count:
            self.notify(self.t("steps.all_done", label=view.card.label))
        return next((item for item in view.items if item.step_id == step_id), None)

    def current_item(self, step_id: str) -> ChecklistItem | None:
        """The selected card's step `step_id` as the steps pane shows it now (None:
        no card, or no such step)."""
        view = self.steps.view
        if view is None:
            return None
        return next((item for item in view.items if item.step_id == step_id), None)
