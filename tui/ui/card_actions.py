"""Adding, editing, deleting and restoring cards: a mixin for the app.

Needs: self.tracker, self.t, self.notify, self.push_screen, self.refresh_all,
self.live_view, self.selected_id, self.offer_secrets, self.identifiers_off_reason."""

from __future__ import annotations

from collections.abc import Callable

from tui.base.i18n import Listed
from tui.domain.card_view import Deletion
from tui.records.card_error import CardError
from tui.records.card_fields import CardFields
from tui.records.model import Card
from tui.ui.background_work import off_ui_thread


class CardActions:
    def _selected_card(self) -> Card | None:
        if self.selected_id is None:
            self.notify(self.t("app.no_card_selected"), severity="warning")
            return None
        view = self.live_view(self.selected_id)
        return view.card if view else None

    def _save_card(self, card: Card | None, fields: CardFields, identifiers: dict[str, str]):
        """The card form's save: runs in the form's worker thread."""
        if card is None:
            return self.tracker.add_card(fields, identifiers)
        return self.tracker.edit_card(card.id, fields, identifiers)

    def card_saved_partly(self, card: Card) -> None:
        """The form saved the card but not all its identifiers; show the card anyway."""
        self.refresh_all(select=card.id)

    def _open_form(
        self,
        card: Card | None,
        draft: CardFields | None = None,
        note: str = "",
        on_close: Callable[[], None] | None = None,
    ) -> None:
        """The card form: for a new card (card None) or to edit `card`; `draft` fills it
        instead, `note` is shown in it, and `on_close` runs once it closes."""

        def closed(saved: Card | None) -> None:
            if on_close is not None:
                on_close()
            if saved is not None:
                self.refresh_all(select=saved.id)
                key = "app.added" if card is None else "app.saved"
                if card is not None and self.tracker.registered_dropped(card, saved):
                    key = "app.saved_registered_dropped"  # the kind no longer asks it
                self.notify(self.t(key, label=saved.label))

        from tui.ui.card_form import CardForm

        form = CardForm(
            self._save_card,
            self.tracker.intents_for,
            card,
            identifiers_off=self.identifiers_off_reason(),
            draft=draft,
            note=note,
            complete_issuer=self.complete_issuer,
            asks_registered=self.tracker.asks_registered,
        )
        self.push_screen(form, closed)

    def action_add_card(self) -> None:
        self.offer_secrets(then=lambda: self._open_form(None))

    def action_add_bundle(self) -> None:
        """Cards from a bundle (tui.ui.bundle_dialogs): pick one, untick what does not
        apply, and the ticked cards are added in one change (Tracker.add_cards)."""
        from tui.ui.bundle_dialogs import BundleChecklist, BundleChoice  # when first opened

        bundles = list(self.tracker.bundles)
        if not bundles:
            self.notify(self.t("bundle.none"), severity="warning")
            return

        def chosen(bundle) -> None:
            if bundle is not None:
                cards = [view.card for view in self.tracker.views()]
                checklist = BundleChecklist(bundle, self._usual_region(), cards)
                self.push_screen(checklist, self._add_picks)

        self.push_screen(BundleChoice(bundles), chosen)

    def _usual_region(self) -> str:
        """The region most of the user's cards have, as typed ("" when none has one;
        on a tie, the one added last): where the cards of a bundle most likely are."""
        from collections import Counter

        views = sorted(self.tracker.views(), key=lambda view: view.card.created)
        counts = Counter(view.card.region for view in views if view.card.region)
        if not counts:
            return ""
        most = max(counts.values())
        return next(r for r in reversed([v.card.region for v in views]) if counts.get(r) == most)

    def _add_picks(self, picks) -> None:
        """Add the cards ticked in a bundle's checklist (None: Escape, nothing added)."""
        from tui.base.errors import TrackerError
        from tui.ui.bundle_dialogs import ticked_cards

        if picks is None:
            return
        lang = self.t.lang
        fields = [
            card.fields(lang, intent, picks.region, picks.owner)
            for card, intent in ticked_cards(picks)
        ]
        title = picks.bundle.title.get(lang)
        try:
            added = self.tracker.add_cards(fields, bundle=title, holder=picks.bundle.holder)
        except (TrackerError, CardError) as exc:
            self.tell_failure(exc)
            return
        self.refresh_all(select=added[0].id)
        self.notify(self.t("bundle.added", count=len(added), bundle=title))

    def action_edit_card(self) -> None:
        card = self._selected_card()
        if card is not None:
            self.offer_secrets(then=lambda: self._open_form(card))

    def action_delete_card(self) -> None:
        card = self._selected_card()
        if card is None:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self._delete(card.id)

        from tui.ui.dialogs import ConfirmDialog

        # the attached files go with it (and come back with u): the question says so
        files = len(card.attachments)
        question = (
            self.t("app.confirm_delete_attached", label=card.label, count=files)
            if files
            else self.t("app.confirm_delete", label=card.label)
        )
        self.push_screen(ConfirmDialog(question), answered)

    @off_ui_thread(group="delete")
    def _delete(self, card_id: str) -> None:
        deletion = self.tracker.delete_card(card_id)  # removes identifiers from the keyring
        self.call_from_thread(self._deleted, deletion)

    def _deleted(self, deletion: Deletion) -> None:
        self.refresh_all()
        label = deletion.card.label
        if deletion.left_behind:
            fields = Listed(self.t(f"field.{name}") for name in deletion.left_behind)
            self.notify(self.t("app.deleted_left", label=label, fields=fields), severity="warning")
        else:
            self.notify(self.t("app.deleted", label=label))

    def action_undo(self) -> None:
        if not self.tracker.can_undo():
            self.notify(self.t("app.nothing_to_undo"))
            return
        self._undo()

    @off_ui_thread(group="delete")
    def _undo(self) -> None:
        deleted = self.tracker.to_undo()
        had = len(deleted.attachments) if deleted is not None else 0
        card = self.tracker.undo_delete()  # writes identifiers back to the keyring
        if card is not None:
            self.call_from_thread(self._restored, card, had - len(card.attachments))

    def _restored(self, card: Card, files_lost: int) -> None:
        """Say what came back: the card with its progress and its attached files; and
        those whose encrypted copy could not be written back (dropped from the card)."""
        self.refresh_all(select=card.id)
        if files := len(card.attachments):  # they came back with it
            said = self.t("app.restored_attached", label=card.label, count=files)
        else:
            said = self.t("app.restored", label=card.label)
        if files_lost > 0:
            said += " " + self.t("app.restored_files_lost", count=files_lost)
            self.notify(said, severity="warning")
        else:
            self.notify(said)
