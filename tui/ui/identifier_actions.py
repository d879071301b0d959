"""The app's identifier flows: finding where identifiers are kept, offering the
encrypted file, unlocking it, and revealing and copying identifiers.

Nothing is left behind: a copied identifier is cleared from the clipboard
`clipboard_clear` seconds later (or when the app quits first), and an unlocked
encrypted file locks again after `vault_idle_lock` seconds without a key pressed.

A mixin for CardoffApp, kept apart so app.py stays about the panes. Every call that
can block (keyring, scrypt, disk) runs in a thread worker; results come back with
call_from_thread, so the UI never waits on a keyring.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import events

from tui.secrets.secrets_setup import SecretsSetup, SecretsState
from tui.ui.background_work import off_ui_thread
from tui.ui.labels import identifier_text

REVEAL_SECONDS = 20
# A key pressed while the keyring is still being looked for (type-ahead, or a slow
# D-Bus) waits this long for the answer, so the encrypted-file offer is not skipped;
# after that the form opens anyway, with identifiers off until the answer comes.
LOOKUP_WAIT_SECONDS = 2.0


class IdentifierActions:
    """Needs: self.tracker, self.t, self.secrets_setup, self.selected_id, self.notify,
    self.live_view, self.tell_failure,
    self.steps, self._status (StatusLine), self.timers (timers.Timers), and
    self.clipboard_clear and self.vault_idle_lock (seconds; 0: off)."""

    secrets_setup: SecretsSetup | None
    clipboard_clear: float
    vault_idle_lock: float
    # what waits for the keyring lookup: what to run, and whether Escape goes on to it
    _after_lookup: tuple[Callable[[], None], bool] | None = None
    _clipboard_timer = None  # clears the clipboard after an identifier's copy
    _idle_timer = None  # locks the encrypted file when no key is pressed

    # finding the backend
    def start_secrets(self) -> None:
        if self.secrets_setup is None:
            self._show_backend()
            return
        self._status.set_backend(self.t("secrets.state.pending"))
        self._resolve_secrets()

    @off_ui_thread(group="secrets")
    def _resolve_secrets(self) -> None:
        self.secrets_setup.resolve()  # imports keyring and may touch D-Bus: off the UI thread
        self.call_from_thread(self._secrets_resolved)

    def _secrets_resolved(self) -> None:
        setup = self.secrets_setup
        waiting, self._after_lookup = self._after_lookup, None
        self.app_waits = False
        if setup.store is not None:
            self.tracker.secrets = setup.store
            self._count_idle_time()  # the encrypted file may have been unlocked already
        elif setup.state is SecretsState.VAULT_LOCKED and waiting is not None:
            then, goes_on = waiting
            self.ask_passphrase(create=False, then=then, escape_backs_out=not goes_on)
            waiting = None
        elif setup.state is SecretsState.VAULT_LOCKED:
            self.ask_passphrase(create=False)
        elif lost := self.tracker.identifiers_kept_in("vault"):
            # the cards say identifiers are in the encrypted file, and it is gone
            message = self.t("secrets.vault_lost", path=setup.vault.path, count=lost)
            self.notify(message, severity="error")
        self._show_backend()
        if waiting is not None:
            self.offer_secrets(then=waiting[0], escape_goes_on=waiting[1])

    def _stop_waiting_for_lookup(self) -> None:
        waiting, self._after_lookup = self._after_lookup, None
        self.app_waits = False
        if waiting is not None:
            waiting[0]()

    def _show_backend(self) -> None:
        setup = self.secrets_setup
        if setup is None:
            text = self.t("secrets.state.demo" if self.demo else "secrets.state.declined")
        elif setup.store is not None:
            text = self.t(f"secrets.state.{setup.state.value}", name=setup.store.name)
        else:
            text = self.t(f"secrets.state.{setup.state.value}")
        self._status.set_backend(text)

    def identifiers_off_reason(self) -> str:
        """Why identifier fields are disabled now ('' when they are enabled)."""
        if self.tracker.secrets is not None:
            return ""
        if self.secrets_setup is None:
            return self.t("secrets.off_demo" if self.demo else "secrets.off_none")
        if self.secrets_setup.state is SecretsState.PENDING:
            return self.t("secrets.off_pending")
        return self.t("secrets.off_declined", reason=self.secrets_setup.reason_words(self.t))

    # offering and unlocking the encrypted file
    def ask_passphrase(
        self,
        create: bool,
        then: Callable[[], None] | None = None,
        escape_backs_out: bool = True,
    ) -> None:
        """The encrypted file's passphrase (a new file's, with `create`), then `then`.
        "Not now" goes on without identifiers for the session. Escape backs out of
        what asked (`then` is not run; asked again next time), unless not
        `escape_backs_out`: then it is "Not now" (a save that waits for the answer)."""
        setup = self.secrets_setup
        submit = setup.create if create else setup.unlock

        def answered(ok: bool | None) -> None:
            if ok is None and escape_backs_out:
                self._questions_cancelled()
                return
            if ok:
                self.tracker.secrets = setup.store
                self._count_idle_time()
                key = "secrets.created" if create else "secrets.unlocked"
                self.notify(self.t(key, path=setup.vault.path))
                self.refresh_all(select=self.selected_id)
            else:
                setup.decline()
                self.notify(self.t("secrets.declined"), severity="warning")
            self._show_backend()
            self._questions_done(then)

        from tui.ui.secrets_screens import PassphraseScreen

        self.push_screen(PassphraseScreen(submit, create, str(setup.vault.path)), answered)

    def _questions_done(self, then: Callable[[], None] | None) -> None:
        """The questions asked before `then` are answered: `then` opens what the key
        asked for, and the keys typed before the first question showed go to it
        (type_ahead.py)."""
        if then is not None:
            then()
        self.question_over(keep=True)

    def _questions_cancelled(self) -> None:
        """Escape on a question: back where the user was; nothing is opened, nothing is
        decided (asked again next time), and the keys typed for what would have opened
        are dropped with it."""
        self.question_over(keep=False)
        self.notify(self.t("secrets.question_cancelled"))

    def offer_secrets(
        self,
        then: Callable[[], None] | None = None,
        force: bool = False,
        declined: str | None = None,
        escape_goes_on: bool = False,
    ) -> None:
        """Before identifiers are needed: unlock or offer the encrypted file if that is
        still open this session (or always, with force); otherwise just go on.
        `declined`: for what cannot go on without a key (attached files), the catalog
        key said when the user answers "Not now"; `then` is not run then.
        `escape_goes_on`: Escape on the question or the passphrase is "Not now" and
        `then` runs (what it opens holds what the user typed before: a kept draft)."""
        setup = self.secrets_setup
        if setup is None or self.tracker.secrets is not None:
            if then is not None:
                then()
            return
        if setup.state is SecretsState.PENDING:
            if then is not None and self._after_lookup is None:
                self._after_lookup = (then, escape_goes_on)  # goes on when the lookup answers
                self.app_waits = True  # keys typed meanwhile are for what `then` opens
                self.timers.once(self, LOOKUP_WAIT_SECONDS, self._stop_waiting_for_lookup)
            return
        if setup.state is SecretsState.DECLINED and not force:
            if then is not None:
                then()
            return
        if setup.vault.exists():
            self.ask_passphrase(create=False, then=then, escape_backs_out=not escape_goes_on)
            return

        def answered(yes: bool | None) -> None:
            if yes is None and not escape_goes_on:  # Escape
                self._questions_cancelled()
                return
            if yes:
                self.ask_passphrase(create=True, then=then)
                return
            setup.decline()
            self._show_backend()
            if declined is not None:  # what was asked for needs the key: it ends here
                self.notify(self.t(declined), severity="warning")
                self._questions_done(None)
                return
            self.notify(self.t("secrets.declined"), severity="warning")
            self._questions_done(then)

        from tui.ui.secrets_screens import SecretsOffer

        self.push_screen(SecretsOffer(setup.reason_words(self.t) or "-"), answered)

    def action_identifier_storage(self) -> None:
        if self.tracker.secrets is not None:
            self.notify(self.t("secrets.in_use", name=self.tracker.secrets.name))
        elif self.secrets_setup is None:
            self.notify(self.identifiers_off_reason(), severity="warning")
        else:
            self.offer_secrets(force=True)

    # reveal and copy
    def _card_with_stored_identifiers(self):
        card = self._selected_card()
        if card is None:
            return None
        if not any(i.kept_in for i in card.identifiers.values()):
            self.notify(self.t("secrets.none_stored", label=card.label), severity="warning")
            return None
        if self.tracker.secrets is None:
            self.offer_secrets(force=True)
            return None
        return card

    def action_reveal(self) -> None:
        if self.steps.revealed:
            self.steps.show_identifiers(None)
            return
        card = self._card_with_stored_identifiers()
        if card is not None:
            self._reveal(card.id)

    @off_ui_thread(group="reveal")
    def _reveal(self, card_id: str) -> None:
        # a SecretError (the keyring refused) or a TrackerError (the card went meanwhile)
        # is told by tell_failure
        values = self.tracker.reveal(card_id)
        self.call_from_thread(self._revealed, card_id, values)

    def _revealed(self, card_id: str, values: dict[str, str]) -> None:
        if self.selected_id != card_id:
            return
        self.steps.show_identifiers(values)
        self.notify(self.t("secrets.revealed", seconds=REVEAL_SECONDS))

        def hide() -> None:
            self.steps.show_identifiers(None)

        if self._reveal_timer is not None:
            self._reveal_timer.stop()
        self._reveal_timer = self.timers.once(self, REVEAL_SECONDS, hide)

    def action_copy(self) -> None:
        card = self._card_with_stored_identifiers()
        if card is None:
            return
        stored = [name for name, i in card.identifiers.items() if i.kept_in]
        if len(stored) == 1:
            self._copy(card.id, stored[0])
            return
        choices = [
            (n, f"{self.t(f'field.{n}')}  {identifier_text(card.identifiers[n], self.t)}")
            for n in stored
        ]

        def picked(name: str | None) -> None:
            if name:
                self._copy(card.id, name)

        from tui.ui.secrets_screens import CopyPicker

        self.push_screen(CopyPicker(choices), picked)

    @off_ui_thread(group="copy")
    def _copy(self, card_id: str, name: str) -> None:
        value = self.tracker.secret(card_id, name)  # failures: as in _reveal
        self.call_from_thread(self._copied, card_id, name, value)

    def _copied(self, card_id: str, name: str, value: str) -> None:
        view = self.live_view(card_id, say=False)
        if view is None:
            return  # the card went while its identifier was read: copy nothing of it
        label = view.card.label
        field = self.t(f"field.{name}")
        # the message names what was copied, never the value; nor does a Not copied dialog
        if self.clipboard_clear > 0:
            seconds = f"{self.clipboard_clear:g}"
            said = self.t("secrets.copied_clears", field=field, label=label, seconds=seconds)
        else:
            said = self.t("secrets.copied", field=field, label=label)
        if self.copy_for_user(value, said, by_hand=None) and self.clipboard_clear > 0:
            self._clipboard_timer = self.timers.once(
                self, self.clipboard_clear, self._clear_clipboard
            )

    def copy_to_clipboard(self, text: str) -> None:
        """Every copy replaces the clipboard: an identifier copied before it is gone, so
        its clearing is called off (it would wipe this copy)."""
        if self._clipboard_timer is not None:
            self._clipboard_timer.stop()
            self._clipboard_timer = None
        super().copy_to_clipboard(text)

    def _clear_clipboard(self) -> None:
        """An empty OSC 52 selection: terminals that follow xterm empty the clipboard.
        Over OSC 52 the clipboard cannot be read back, so a copy made outside the app
        meanwhile is cleared too (the README says so)."""
        self.copy_to_clipboard("")
        self.notify(self.t("secrets.clipboard_cleared"))

    def on_unmount(self) -> None:
        if self._clipboard_timer is not None:  # quitting before the clipboard was cleared
            self.copy_to_clipboard("")

    # locking the encrypted file again when no key is pressed
    def _count_idle_time(self) -> None:
        """(Re)start the count towards the idle lock, while the encrypted file is unlocked."""
        if self._idle_timer is not None:
            self._idle_timer.stop()
            self._idle_timer = None
        setup = self.secrets_setup
        if self.vault_idle_lock > 0 and setup is not None and setup.state is SecretsState.VAULT:
            self._idle_timer = self.timers.once(self, self.vault_idle_lock, self._lock_when_idle)

    async def on_event(self, event: events.Event) -> None:
        # every key the terminal sends reaches the app first (not yet forwarded to a
        # widget), whichever screen or field has the focus
        if self._idle_timer is not None and isinstance(event, events.Key):
            if not event.is_forwarded:
                self._count_idle_time()
        await super().on_event(event)

    def _lock_when_idle(self) -> None:
        self._idle_timer = None
        setup = self.secrets_setup
        if setup is None or not setup.lock():
            return
        self.tracker.secrets = None
        if self._reveal_timer is not None:
            self._reveal_timer.stop()
            self._reveal_timer = None
        if self.steps.revealed:
            self.steps.show_identifiers(None)
        self._show_backend()
        minutes, seconds = divmod(round(self.vault_idle_lock), 60)
        idle = self.t("secrets.minutes", n=minutes) if minutes and not seconds else None
        idle = idle or self.t("secrets.seconds", n=round(self.vault_idle_lock))
        self.notify(self.t("secrets.idle_locked", idle=idle))

    def unlock_before_saving(self, then: Callable[[], None]) -> None:
        """Before typed identifiers are saved: if the encrypted file locked itself after
        idle time, ask its passphrase again, then go on with `then` whatever the answer
        (without a place for identifiers the save says so, keeping what was typed)."""
        setup = self.secrets_setup
        locked = setup is not None and setup.state is SecretsState.VAULT_LOCKED
        if self.tracker.secrets is None and locked and setup.vault.exists():
            self.ask_passphrase(create=False, then=then, escape_backs_out=False)
        else:
            then()
