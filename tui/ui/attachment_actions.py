"""Attaching a file to the selected card, or to the proof of its focused step, and
writing the card's attached files out, decrypted (a mixin for CardoffApp). The work
is the tracker's (tui.domain.attachment_work); the dialog runs it off the UI thread."""

from __future__ import annotations

from collections.abc import Mapping

from tui.base.errors import TrackerError, describe
from tui.records.attachments import names_text, size_text


class AttachmentActions:
    """Needs: self.tracker, self.t, self.steps, self.focused, self.notify,
    self.refresh_all, self._selected_card, self.push_screen, self.offer_secrets."""

    def action_attach(self) -> None:
        card = self._selected_card()
        if card is None:
            return
        item = self.steps.highlighted_item() if self.focused is self.steps.checklist else None
        proof = item.step_id if item is not None and not item.retired else ""
        if proof:
            title = self.t("attachment.title_proof", step=item.title.get(self.t.lang))
        else:
            title = self.t("attachment.title", label=card.label)
        limit = self.t("size.mb", n=self.tracker.attachment_limit_mb)

        def save(values: Mapping[str, str]):
            return self.tracker.attach(card.id, values["path"], proof=proof)

        def attached(result) -> None:
            if not result:
                return
            changed, attachment = result
            self.refresh_all(select=changed.id)
            size = size_text(attachment.size, self.t)
            name = attachment.name
            self.notify(self.t("attachment.added", name=name, size=size, label=card.label))

        from tui.ui.attachment_screen import PathScreen

        body = self.t("attachment.body", limit=limit)
        # the data key is in the keyring or the encrypted file: unlock (or offer) it first
        dialog = PathScreen(title, body, "attachment.path", save)
        self.offer_secrets(
            then=lambda: self.push_screen(dialog, attached),
            force=True,
            declined="attachment.declined",
        )

    def action_export_attachments(self) -> None:
        card = self._selected_card()
        if card is None:
            return
        try:  # no files, or none of them in this data dir: said before any key
            self.tracker.export_ready(card.id)
        except TrackerError as exc:
            self.notify(describe(exc, self.t), severity="warning")
            return
        if missing := self.tracker.missing_attachments(card):
            names = names_text(missing)
            said = self.t("attachment.some_gone", count=len(missing), names=names)
            self.notify(said, severity="warning")

        def save(values: Mapping[str, str]):
            return self.tracker.export_attachments(card.id, values["path"])

        def exported(written) -> None:
            if written:
                folder, count = str(written[0].parent), len(written)
                self.notify(
                    self.t("attachment.exported", count=count, label=card.label, folder=folder)
                )

        from tui.ui.attachment_screen import PathScreen

        title = self.t("attachment.export_title", label=card.label)
        body = self.t("attachment.export_body")
        dialog = PathScreen(title, body, "attachment.folder", save)
        self.offer_secrets(
            then=lambda: self.push_screen(dialog, exported),
            force=True,
            declined="attachment.export_declined",
        )
