"""Choosing where identifiers are kept this session: the OS keyring when python keyring
finds one, otherwise the encrypted file, unlocked by a passphrase once per session.

No Textual here: the app asks this object what to offer and shows the answers.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from pathlib import Path

from tui.secrets.secret_store import SecretStore, SystemKeyring, system_keyring
from tui.secrets.vault import Vault


class SecretsState(StrEnum):
    PENDING = "pending"  # not looked for yet
    KEYRING = "keyring"  # the OS keyring is in use
    VAULT = "vault"  # the encrypted file is unlocked
    VAULT_LOCKED = "vault-locked"  # no keyring; the encrypted file exists, still locked
    NONE = "none"  # no keyring and no encrypted file yet
    DECLINED = "declined"  # the user said "not now" this session


class SecretsSetup:
    def __init__(
        self,
        vault_path: Path,
        resolver: Callable[[], SystemKeyring] = system_keyring,
        timeout: float | None = None,
    ) -> None:
        self.vault = Vault(vault_path)
        self._resolver = resolver
        self._timeout = timeout
        self.state = SecretsState.PENDING
        self.reason = ""  # why there is no keyring, in English (see reason_words)
        self.found: SystemKeyring | None = None  # what looking for the keyring found
        self.store: SecretStore | None = None

    def _make(self, backend, name: str, kind: str) -> SecretStore:
        if self._timeout is None:
            return SecretStore(backend, name, kind)
        return SecretStore(backend, name, kind, timeout=self._timeout)

    def resolve(self) -> SecretStore | None:
        """Look for the OS keyring (slow: imports keyring, may touch D-Bus)."""
        if self.store is not None:
            return self.store  # already set up (the encrypted file was unlocked first)
        found = self._resolver()
        if found.backend is not None:
            self.store = self._make(found.backend, found.name, "keyring")
            self.state = SecretsState.KEYRING
            return self.store
        self.reason = found.reason
        self.found = found
        self.state = SecretsState.VAULT_LOCKED if self.vault.exists() else SecretsState.NONE
        return None

    def unlock(self, passphrase: str) -> SecretStore:
        """Open the existing encrypted file; raises VaultError (wrong passphrase, missing…)."""
        self.vault.unlock(passphrase)
        return self._vault_ready()

    def create(self, passphrase: str) -> SecretStore:
        """Make a new encrypted file; refuses to replace one that exists."""
        self.vault.create(passphrase)
        return self._vault_ready()

    def _vault_ready(self) -> SecretStore:
        self.store = self._make(self.vault, f"{self.vault.name} ({self.vault.path.name})", "vault")
        self.state = SecretsState.VAULT
        return self.store

    def lock(self) -> bool:
        """Lock the encrypted file again (the app does this after idle time): its key and
        entries are forgotten, and `unlock` needs the passphrase. Returns False, changing
        nothing, unless the encrypted file is what is in use and unlocked."""
        if self.state is not SecretsState.VAULT:
            return False
        self.vault.lock()
        self.store = None
        self.state = SecretsState.VAULT_LOCKED
        return True

    def reason_words(self, t) -> str:
        """Why there is no keyring, in the language of catalog `t` ("" before looking)."""
        if self.found is None:
            return self.reason
        return self.found.reason_words(t)

    def decline(self) -> None:
        if self.state in (SecretsState.NONE, SecretsState.VAULT_LOCKED):
            self.state = SecretsState.DECLINED

    @property
    def usable(self) -> bool:
        return self.store is not None
