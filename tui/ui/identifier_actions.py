"""The app's identifier flows: finding where identifiers are kept, offering the
encrypted file, unlocking it, and revealing and copying identifiers.

A mixin for CardoffApp, kept apart so app.py stays about the panes. Every call that
can block (keyring, scrypt, disk) runs in a thread worker; results come back with
call_from_thread, so the UI never waits on a keyring.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import work

from tui.secret_store import SecretError
from tui.secrets_setup import SecretsSetup, SecretsState
from tui.ui.labels import identifier_text

REVEAL_SECONDS = 20
# A key pressed while the keyring is still being looked for (type-ahead, or a slow
# D-Bus) waits this long for the answer, so the encrypted-file offer is not skipped;
# after that the form opens anyway, with identifiers off until the answer comes.
LOOKUP_WAIT_SECONDS = 2.0


class IdentifierActions:
    """Needs: self.tracker, self.t, self.secrets_setup, self.selected_id, self.notify,
    self.steps, self._status (StatusLine), self.timers (timers.Timers)."""

    secrets_setup: SecretsSetup | None
    _after_lookup: Callable[[], None] | None = None

    # finding the backend
    def start_secrets(self) -> None:
        if self.secrets_setup is None:
            self._show_backend()
            return
        self._status.set_backend(self.t("secrets.state.pending"))
        self._resolve_secrets()

    @work(thread=True, exclusive=True, group="secrets")
    def _resolve_secrets(self) -> None:
        self.secrets_setup.resolve()  # imports keyring and may touch D-Bus: off the UI thread
        self.call_from_thread(self._secrets_resolved)

    def _secrets_resolved(self) -> None:
        setup = self.secrets_setup
        waiting, self._after_lookup = self._after_lookup, None
        if setup.store is not None:
            self.tracker.secrets = setup.store
        elif setup.state is SecretsState.VAULT_LOCKED:
            self.ask_passphrase(create=False, then=waiting)
            waiting = None
        elif lost := self.tracker.identifiers_kept_in("vault"):
            # the cards say identifiers are in the encrypted file, and it is gone
            message = self.t("secrets.vault_lost", path=setup.vault.path, count=lost)
            self.notify(message, severity="error")
        self._show_backend()
        if waiting is not None:
            self.offer_secrets(then=waiting)

    def _stop_waiting_for_lookup(self) -> None:
        waiting, self._after_lookup = self._after_lookup, None
        if waiting is not None:
            waiting()

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
        return self.t("secrets.off_declined", reason=self.secrets_setup.reason)

    # offering and unlocking the encrypted file
    def ask_passphrase(self, create: bool, then: Callable[[], None] | None = None) -> None:
        setup = self.secrets_setup
        submit = setup.create if create else setup.unlock

        def answered(ok: bool | None) -> None:
            if ok:
                self.tracker.secrets = setup.store
                key = "secrets.created" if create else "secrets.unlocked"
                self.notify(self.t(key, path=setup.vault.path))
                self.refresh_all(select=self.selected_id)
            else:
                setup.decline()
                self.notify(self.t("secrets.declined"), severity="warning")
            self._show_backend()
            if then is not None:
                then()

        from tui.ui.secrets_screens import PassphraseScreen

        self.push_screen(PassphraseScreen(submit, create, str(setup.vault.path)), answered)

    def offer_secrets(self, then: Callable[[], None] | None = None, force: bool = False) -> None:
        """Before identifiers are needed: unlock or offer the encrypted file if that is
        still open this session (or always, with force); otherwise just go on."""
        setup = self.secrets_setup
        if setup is None or self.tracker.secrets is not None:
            if then is not None:
                then()
            return
        if setup.state is SecretsState.PENDING:
            if then is not None and self._after_lookup is None:
                self._after_lookup = then  # goes on when the lookup answers
                self.timers.once(self, LOOKUP_WAIT_SECONDS, self._stop_waiting_for_lookup)
            return
        if setup.state is SecretsState.DECLINED and not force:
            if then is not None:
                then()
            return
        if setup.vault.exists():
            self.ask_passphrase(create=False, then=then)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.ask_passphrase(create=True, then=then)
                return
            setup.decline()
            self._show_backend()
            self.notify(self.t("secrets.declined"), severity="warning")
            if then is not None:
                then()

        from tui.ui.secrets_screens import SecretsOffer

        self.push_screen(SecretsOffer(setup.reason or "-"), answered)

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

    @work(thread=True, exclusive=True, group="reveal")
    def _reveal(self, card_id: str) -> None:
        try:
            values = self.tracker.reveal(card_id)
        except SecretError as exc:
            self.call_from_thread(self._secret_failed, exc)
            return
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

    @work(thread=True, exclusive=True, group="copy")
    def _copy(self, card_id: str, name: str) -> None:
        try:
            value = self.tracker.secret(card_id, name)
        except SecretError as exc:
            self.call_from_thread(self._secret_failed, exc)
            return
        self.call_from_thread(self._copied, card_id, name, value)

    def _copied(self, card_id: str, name: str, value: str) -> None:
        self.copy_to_clipboard(value)
        label = self.tracker.view(card_id).card.label
        # the message names what was copied, never the value
        self.notify(self.t("secrets.copied", field=self.t(f"field.{name}"), label=label))

    def _secret_failed(self, exc: SecretError) -> None:
        self.notify(self.t(exc.key, detail=exc.detail), severity="error")
