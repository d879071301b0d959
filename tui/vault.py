"""The encrypted-file fallback for machines with no OS keyring (SSH, headless servers).

One file holds every identifier, encrypted together with AES-256-GCM under a key
derived from the user's passphrase with scrypt (memory-hard). Service and user names
are inside the ciphertext too, so the file shows nothing but its format. The key is
derived once per session, when the user unlocks it. Writes go to a temp file that
replaces the vault atomically, so a crash leaves the old vault or the new one.

It offers the three methods of a keyring backend (get/set/delete_password) so the
rest of the app treats it like any keyring, but it is deliberately *not* a keyring
backend class: defining one would register it with keyring's auto-selection.
"""

from __future__ import annotations

import base64
import json
import secrets as _random
from pathlib import Path

FORMAT = "cardoff-vault"
VERSION = 1
VAULT_FILENAME = "identifiers.vault"
MIN_PASSPHRASE = 8
# scrypt cost: 2**15 * 8 * 128 bytes = 32 MiB of memory, about 0.1 s here, once a session
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1


class VaultError(Exception):
    """`key` is a UI string key saying what went wrong; the file is left as it was."""

    def __init__(self, key: str, detail: str = "") -> None:
        super().__init__(f"{key}: {detail}" if detail else key)
        self.key = key
        self.detail = detail


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def _derive(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(passphrase.encode("utf-8"))


class Vault:
    name = "encrypted file"

    def __init__(self, path: Path) -> None:
        self.path = path
        self._key: bytes | None = None
        self._kdf: dict | None = None
        self._entries: dict[str, str] = {}

    @property
    def unlocked(self) -> bool:
        return self._key is not None

    def exists(self) -> bool:
        return self.path.exists()

    def create(self, passphrase: str) -> None:
        """Make a new, empty vault. Refuses to write over an existing file."""
        if len(passphrase) < MIN_PASSPHRASE:
            raise VaultError("vault.passphrase_short")
        if self.path.exists():
            raise VaultError("vault.exists", str(self.path))
        salt = _random.token_bytes(16)
        self._kdf = {
            "name": "scrypt",
            "salt": _b64(salt),
            "n": SCRYPT_N,
            "r": SCRYPT_R,
            "p": SCRYPT_P,
        }
        self._key = _derive(passphrase, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
        self._entries = {}
        self._save()

    def unlock(self, passphrase: str) -> None:
        """Read and decrypt the vault; a wrong passphrase raises vault.wrong_passphrase."""
        from cryptography.exceptions import InvalidTag
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            raise VaultError("vault.missing", str(self.path)) from None
        except OSError as exc:
            raise VaultError("vault.unreadable", str(exc)) from exc
        try:
            doc = json.loads(raw)
            if doc.get("format") != FORMAT:
                raise ValueError("not a cardoff-tui vault")
            if doc.get("version") != VERSION:
                raise ValueError(f"vault version {doc.get('version')} is not supported")
            kdf = doc["kdf"]
            salt = _unb64(kdf["salt"])
            nonce, ciphertext = _unb64(doc["nonce"]), _unb64(doc["ciphertext"])
            n, r, p = int(kdf["n"]), int(kdf["r"]), int(kdf["p"])
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise VaultError("vault.damaged", str(exc)) from exc
        key = _derive(passphrase, salt, n, r, p)
        try:
            plain = AESGCM(key).decrypt(nonce, ciphertext, FORMAT.encode())
        except InvalidTag:
            raise VaultError("vault.wrong_passphrase") from None
        entries = json.loads(plain)
        self._key, self._kdf, self._entries = key, kdf, dict(entries)

    def lock(self) -> None:
        self._key, self._entries = None, {}

    def _save(self) -> None:
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        assert self._key is not None and self._kdf is not None
        nonce = _random.token_bytes(12)
        plain = json.dumps(self._entries, ensure_ascii=False).encode("utf-8")
        ciphertext = AESGCM(self._key).encrypt(nonce, plain, FORMAT.encode())
        doc = {
            "format": FORMAT,
            "version": VERSION,
            "kdf": self._kdf,
            "nonce": _b64(nonce),
            "ciphertext": _b64(ciphertext),
        }
        from tui.storage import write_atomically

        self.path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(self.path, json.dumps(doc, indent=1).encode("ascii"))

    def _require_unlocked(self) -> None:
        if self._key is None:
            raise VaultError("vault.locked")
        if not self.path.exists():  # removed while unlocked: never recreate it silently
            raise VaultError("vault.missing", str(self.path))

    # the keyring backend interface
    def get_password(self, service: str, username: str) -> str | None:
        self._require_unlocked()
        return self._entries.get(f"{service}/{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        self._require_unlocked()
        self._entries[f"{service}/{username}"] = password
        self._save()

    def delete_password(self, service: str, username: str) -> None:
        self._require_unlocked()
        if self._entries.pop(f"{service}/{username}", None) is not None:
            self._save()
