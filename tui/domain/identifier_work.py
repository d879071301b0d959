"""The tracker's work on identifiers (card numbers, ICCID, EID, PINs): checking what
was typed, storing values in the secrets backend and the card's record of them, and
reading them back for reveal and copy. A mixin for Tracker (which supplies the store,
the secrets backend, the clock, the lock and the logging); values are never logged."""

from __future__ import annotations

from collections.abc import Mapping

from tui.base.errors import IdentifierError, TrackerError
from tui.records.card_error import CardError
from tui.records.identifiers import IDENTIFIER_FIELDS, Identifier, clean_identifier
from tui.records.kinds import Kind
from tui.records.model import Card
from tui.secrets.secret_store import SecretError


class IdentifierWork:
    def encrypted_file_missing(self) -> bool:
        """Whether this data dir holds no encrypted file (identifiers.vault, as
        tui.secrets.vault names it), so identifiers a record says are in one cannot be
        read here; False for a store with no file (in memory, the demo)."""
        from pathlib import Path

        from tui.secrets.vault import VAULT_FILENAME

        if self.store.path is None:
            return False
        return not (Path(self.store.path).parent / VAULT_FILENAME).exists()

    @staticmethod
    def clean_identifiers(kind: Kind | str, values: Mapping[str, str]) -> dict[str, str]:
        """The typed identifiers worth storing (blank ones are skipped), checked."""
        allowed = IDENTIFIER_FIELDS[Kind(kind)]
        cleaned = {}
        for name, value in values.items():
            if not value.strip():
                continue
            if name not in allowed:
                raise CardError(name, "error.identifier_not_for_kind")
            cleaned[name] = clean_identifier(name, value)
        return cleaned

    def _require_secrets(self, identifiers: Mapping[str, str]) -> None:
        if identifiers and self.secrets is None:
            raise CardError(next(iter(identifiers)), "error.no_secret_storage")

    def _store_identifiers(self, card: Card, values: Mapping[str, str]) -> Card:
        for name, value in values.items():
            try:
                self.secrets.set(card.id, name, value)
            except SecretError as exc:
                raise IdentifierError(card, name, exc) from exc
            try:
                with self._changing():
                    identifier = Identifier.of(name, value, self.secrets.kind)
                    card = self._card(card.id).with_identifier(name, identifier, self.clock())
                    self.store.save_card(card)
                    self._log(card, "identifier.stored", field=name, place=self.secrets.kind)
            except TrackerError as exc:
                raise IdentifierError(card, name, exc) from exc
        return card

    def _check_secret_place(self, identifier: Identifier) -> None:
        if self.secrets is None:
            raise SecretError("error.no_secret_storage")
        if identifier.kept_in != self.secrets.kind:
            raise SecretError("secrets.elsewhere", identifier.kept_in or "")

    def secret(self, card_id: str, name: str) -> str:
        """One identifier's full value (for reveal and copy); never logged."""
        with self._lock:
            card = self._card(card_id)
        identifier = card.identifiers.get(name)
        if identifier is None or identifier.kept_in is None:
            raise SecretError("secrets.only_last4")
        self._check_secret_place(identifier)
        value = self.secrets.get(card_id, name)
        if value is None:
            raise SecretError("secrets.not_found")
        return value

    def reveal(self, card_id: str) -> dict[str, str]:
        """Every stored identifier of the card, by field."""
        with self._lock:
            card = self._card(card_id)
        return {
            name: self.secret(card_id, name)
            for name, identifier in card.identifiers.items()
            if identifier.kept_in is not None
        }
