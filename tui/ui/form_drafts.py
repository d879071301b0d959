"""The card form kept as a draft when a session is ended from outside (SIGTERM, SIGHUP;
see session_end.py), and offered again at the next start (tui/domain/drafts.py keeps it).

A mixin for CardoffApp, kept apart so app.py stays about the panes.
"""

from __future__ import annotations

from pathlib import Path

from tui.base.errors import TrackerError
from tui.base.os_problem import os_problem
from tui.domain.drafts import (
    FormDraft,
    TypedAside,
    drop_draft,
    drop_typed,
    keep_draft,
    keep_typed,
    read_draft,
    read_typed,
)
from tui.records.card_fields import CardFields
from tui.ui.mount_guard import app_ending


class FormDrafts:
    """Needs: self.tracker, self.t, self.screen_stack, self.notify, self.offer_secrets,
    self.action_messages and self._open_form(card, draft=..., note=..., on_close=...)."""

    # the open form was kept from a session whose identifiers were not kept
    _draft_lacks_identifiers = False

    def _draft_dir(self) -> Path | None:
        path = self.tracker.data_path
        return None if path is None else path.parent  # None: demo, held in memory

    def keep_form_draft(self, ended_by: str) -> str:
        """Called as the session ends on a signal (`ended_by`, e.g. "SIGTERM"): keep what
        an open card form holds that is not saved. Returns the line to print on stderr
        once the terminal is restored."""
        # when first needed: it loads TextArea, which start-up leaves out
        from tui.ui.typed_keeper import KeepsTyped

        folder = self._draft_dir()
        unsaved = None
        typed: list[tuple[str, str, str]] = []  # what other dialogs hold (typed_aside)
        # a quit already under way (one the user confirmed, or with nothing typed) left
        # nothing to keep, and its dialogs may be torn down: they are not asked
        for screen in [] if app_ending(self) else self.screen_stack:
            held = getattr(screen, "unsaved", None)
            if callable(held):
                unsaved = held() or unsaved
            elif isinstance(screen, KeepsTyped):
                typed += screen.typed_aside()
        if folder is None:
            return ""  # demo: nothing is kept, and nothing was saved
        if typed:
            try:
                keep_typed(folder, TypedAside(tuple(typed), ended_by))
            except OSError as exc:
                said = os_problem(exc)
                return self.t("session.typed_not_kept", signal=ended_by, **said)
            if unsaved is None:
                return self.t("session.typed_kept", signal=ended_by)
        if unsaved is None:
            return self.t("session.ended", signal=ended_by)
        card, fields, typed_identifiers = unsaved
        # a form kept once already whose identifiers were not kept still lacks them
        typed_identifiers = typed_identifiers or self._draft_lacks_identifiers
        draft = FormDraft(card.id if card else None, fields, ended_by, typed_identifiers)
        try:
            keep_draft(folder, draft)
        except OSError as exc:  # a full or read-only disk: nothing more can be done now
            said = os_problem(exc)  # our own sentence, the system's words as its detail
            return self.t("session.draft_not_kept", signal=ended_by, **said)
        return self.t("session.draft_kept", signal=ended_by)

    def restore_typed_aside(self) -> None:
        """At start: what other dialogs held when the last session ended, typed and not
        saved (a loss-report reference), said whole in the messages screen, then
        forgotten: the user types it again where it goes."""
        folder = self._draft_dir()
        found = read_typed(folder) if folder is not None else None
        if found is None:
            return
        typed, paths = found
        t = self.t
        lines = [
            t("session.typed_line" if label else "session.typed_line_unlabelled",
              where=where, label=label, text=text)
            for where, label, text in typed.texts
        ]
        self.notify(
            t("session.typed_restored", signal=typed.ended_by, texts=" ".join(lines)),
            severity="warning",
        )
        try:
            drop_typed(paths)
        except OSError as exc:  # it will be said again next time: say why
            self.notify(str(exc), severity="warning")
        self.action_messages()  # whole, at once: the status line may cut it

    def restore_form_draft(self) -> None:
        """At start: a form kept when the last session ended opens again as it was left;
        the draft is forgotten once that form is saved or closed."""
        folder = self._draft_dir()
        draft = read_draft(folder) if folder is not None else None
        if draft is None:
            return
        card = None
        if draft.card_id is not None:
            try:
                card = self.tracker.view(draft.card_id).card
            except TrackerError:  # deleted since: the fields come back as a new card
                card = None
        note = self.t("session.draft_restored", signal=draft.ended_by)
        if draft.had_identifiers:
            note += self.t("session.draft_identifiers")

        self._draft_lacks_identifiers = draft.had_identifiers

        def closed() -> None:
            self._draft_lacks_identifiers = False
            try:
                drop_draft(folder)
            except OSError as exc:  # it will be offered again next time: say why
                self.notify(str(exc), severity="warning")

        fields: CardFields = draft.fields
        self.offer_secrets(  # Escape on its question still opens what was typed
            then=lambda: self._open_form(card, draft=fields, note=note, on_close=closed),
            escape_goes_on=True,
        )
