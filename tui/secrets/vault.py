"""The encrypted-file fallback for machines with no OS keyring (SSH, headless servers).

One file holds every identifier, encrypted together with AES-256-GCM under a key
derived from the user's passphrase with scrypt (memory-hard). Service and user names
are inside the ciphertext too, so the file shows nothing but its format. The key is
derived once per session, when the user unlocks it.

Several sessions (two SSH logins) may use one file. Each write takes an exclusive
lock on it, reads the file again, applies only this session's change (one entry set
or deleted) to what it read, and replaces the file atomically (temp file, fsync,
os.replace): no session loses another's writes, a delete stays deleted, and a crash
leaves the old vault or the new one. Reads see other sessions' writes (the file is
read again when its stamp changed). A damaged file is reported and never written.

It offers the three methods of a keyring backend (get/set/delete_password) so the
rest of the app treats it like any keyring, but it is deliberately *not* a keyring
backend class: defining one would register it with keyring's auto-selection.
"""

from __future__ import annotations

import base64
import binascii
import json
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tui.base import tokens as _random
from tui.base.errors import CardoffError
from tui.base.i18n import Phrase
from tui.base.os_problem import os_detail, os_problem_key
from tui.base.private_files import FILE_MODE, private_dir
from tui.storage.json_storage import Stamp, remove_stray_temps, stamp_of, write_atomically

FORMAT = "cardoff-vault"
VERSION = 1
VAULT_FILENAME = "identifiers.vault"
MIN_PASSPHRASE = 8
# scrypt cost: 2**15 * 8 * 128 bytes = 32 MiB of memory, about 0.1 s here, once a session
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1
# What a file may ask of scrypt (anything else is a damaged file): n a power of 2,
# at most 256 MiB of memory (128 * n * r bytes) and 64 times the work of the default.
N_MIN, N_MAX = 2**14, 2**20
R_MAX, P_MAX = 32, 16
MEMORY_MAX = 2**28
WORK_MAX = 64 * SCRYPT_N * SCRYPT_R * SCRYPT_P
SALT_MIN, SALT_MAX = 16, 64  # bytes
NONCE_LEN, TAG_LEN = 12, 16  # bytes
LOCK_TIMEOUT = 10.0  # seconds a write waits for another session's write


class VaultError(CardoffError):
    """`key` is a UI string key saying what went wrong, `detail` the system's words (its
    parameter `detail`; `n` is MIN_PASSPHRASE; `more`: other parameters, such as an OS
    error's `problem`, see os_refusal); the file is left as it was."""

    def __init__(self, key: str, detail: str = "", **more: object) -> None:
        super().__init__(key, detail=detail, n=MIN_PASSPHRASE, **more)
        self.args = (f"{key}: {detail}" if detail else key,)
        self.detail = detail


def os_refusal(key: str, error: OSError) -> VaultError:
    """The VaultError `key` for an OS error: its `problem` our own sentence for it
    (tui.base.os_problem), its `detail` the system's words."""
    return VaultError(key, os_detail(error), problem=Phrase(os_problem_key(error)))


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: object, what: str) -> bytes:
    if not isinstance(text, str):
        raise ValueError(f"{what} is not text")
    try:
        return base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError):
        raise ValueError(f"{what} is not base64") from None


def _whole(kdf: dict, name: str, low: int, high: int) -> int:
    value = kdf.get(name)
    if type(value) is not int:  # not bool, float or a string of digits
        raise ValueError(f"scrypt {name} is missing or not a whole number")
    if not low <= value <= high:
        raise ValueError(f"scrypt {name}={value} is outside {low}..{high}")
    return value


@dataclass(frozen=True)
class Sealed:
    """A vault file, parsed and checked: what it takes to derive the key and decrypt."""

    kdf: dict  # as stored: name, salt (base64), n, r, p
    salt: bytes
    n: int
    r: int
    p: int
    nonce: bytes
    ciphertext: bytes


def parse(raw: bytes) -> Sealed:
    """The vault file's fields, each checked against fixed bounds before any use.

    Raises VaultError('vault.damaged') saying which field is wrong: a damaged or
    hostile file never reaches scrypt or AES-GCM with values that could crash them
    or ask for gigabytes of memory.
    """
    try:
        doc = json.loads(raw)
        if not isinstance(doc, dict) or doc.get("format") != FORMAT:
            raise ValueError("not a cardoff-tui vault")
        if doc.get("version") != VERSION:
            raise ValueError(f"vault version {doc.get('version')!r} is not supported")
        kdf = doc.get("kdf")
        if not isinstance(kdf, dict) or kdf.get("name") != "scrypt":
            raise ValueError("the key derivation is not scrypt")
        n = _whole(kdf, "n", N_MIN, N_MAX)
        if n & (n - 1):
            raise ValueError(f"scrypt n={n} is not a power of 2")
        r = _whole(kdf, "r", 1, R_MAX)
        p = _whole(kdf, "p", 1, P_MAX)
        if 128 * n * r > MEMORY_MAX or n * r * p > WORK_MAX:
            raise ValueError(f"scrypt n={n}, r={r}, p={p} ask too much memory or time")
        salt = _unb64(kdf.get("salt"), "the salt")
        if not SALT_MIN <= len(salt) <= SALT_MAX:
            raise ValueError(f"the salt is {len(salt)} bytes, not {SALT_MIN}..{SALT_MAX}")
        nonce = _unb64(doc.get("nonce"), "the nonce")
        if len(nonce) != NONCE_LEN:
            raise ValueError(f"the nonce is {len(nonce)} bytes, not {NONCE_LEN}")
        ciphertext = _unb64(doc.get("ciphertext"), "the ciphertext")
        if len(ciphertext) < TAG_LEN:
            raise ValueError("the ciphertext is cut short")
    except ValueError as exc:  # also JSON and UTF-8 errors
        raise VaultError("vault.damaged", str(exc)) from None
    return Sealed(dict(kdf), salt, n, r, p, nonce, ciphertext)


def _derive(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    """The 32-byte key; n, r, p and the salt must have passed parse()'s bounds."""
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    secret = passphrase.encode("utf-8", "surrogatepass")  # a stray surrogate is no crash
    try:
        return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(secret)
    except (ValueError, MemoryError, OverflowError):  # within bounds this does not happen
        raise VaultError("vault.damaged", "scrypt refused the file's parameters") from None


def _open(key: bytes, sealed: Sealed) -> dict[str, str]:
    """The entries; VaultError('vault.wrong_passphrase') when the key does not fit."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        plain = AESGCM(key).decrypt(sealed.nonce, sealed.ciphertext, FORMAT.encode())
    except InvalidTag:
        raise VaultError("vault.wrong_passphrase") from None
    try:
        entries = json.loads(plain)
    except ValueError:
        entries = None
    if not isinstance(entries, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in entries.items()
    ):
        raise VaultError("vault.damaged", "the decrypted contents are not a list of entries")
    return entries


class Vault:
    name = "encrypted file"

    def __init__(self, path: Path, lock_timeout: float = LOCK_TIMEOUT) -> None:
        """`lock_timeout`: seconds a write waits for another session's write before
        raising VaultError('vault.busy') (negative: as long as it takes)."""
        self.path = path
        self.lock_timeout = lock_timeout
        self._key: bytes | None = None
        self._kdf: dict | None = None
        self._entries: dict[str, str] = {}
        self._stamp: Stamp | None = None  # of the file the entries were read from
        self._file_lock = None  # made at the first write
        self._cleaned = False
        self._mutex = threading.RLock()  # the file lock does not exclude our own threads

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
        kdf = {"name": "scrypt", "salt": _b64(salt), "n": SCRYPT_N, "r": SCRYPT_R, "p": SCRYPT_P}
        key = _derive(passphrase, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
        try:
            private_dir(self.path.parent)
        except OSError as exc:
            raise os_refusal("vault.unwritable", exc) from None
        with self._mutex, self._locked():
            if self.path.exists():  # another session made one meanwhile
                raise VaultError("vault.exists", str(self.path))
            self._key, self._kdf = key, kdf
            try:
                self._write({})
            except VaultError:
                self._key, self._kdf = None, None
                raise

    def unlock(self, passphrase: str) -> None:
        """Read and decrypt the vault; raises VaultError only: vault.wrong_passphrase,
        vault.missing, vault.unreadable or vault.damaged (the file is never written)."""
        stamp, raw = self._read()
        sealed = parse(raw)
        key = _derive(passphrase, sealed.salt, sealed.n, sealed.r, sealed.p)
        entries = _open(key, sealed)
        with self._mutex:
            self._key, self._kdf = key, sealed.kdf
            self._entries, self._stamp = entries, stamp

    def lock(self) -> None:
        with self._mutex:
            self._key, self._entries, self._stamp = None, {}, None

    # reading and writing the file
    def _read(self) -> tuple[Stamp | None, bytes]:
        """The file's stamp, taken before reading it (a change after it is seen as one),
        and its bytes."""
        stamp = stamp_of(self.path)
        try:
            return stamp, self.path.read_bytes()
        except FileNotFoundError:
            raise VaultError("vault.missing", str(self.path)) from None
        except OSError as exc:
            raise os_refusal("vault.unreadable", exc) from None

    def _reload(self) -> None:
        """Read the file again with this session's key (another session wrote it)."""
        stamp, raw = self._read()
        sealed = parse(raw)
        if sealed.kdf != self._kdf:  # a different vault was put in its place
            raise VaultError("vault.replaced", str(self.path))
        try:
            entries = _open(self._key, sealed)
        except VaultError as exc:
            if exc.key == "vault.wrong_passphrase":  # same key, so the contents changed
                raise VaultError("vault.damaged", "the contents fail their check") from None
            raise
        self._entries, self._stamp = entries, stamp

    def _write(self, entries: dict[str, str]) -> None:
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        nonce = _random.token_bytes(NONCE_LEN)
        plain = json.dumps(entries, ensure_ascii=False).encode("utf-8")
        ciphertext = AESGCM(self._key).encrypt(nonce, plain, FORMAT.encode())
        doc = {
            "format": FORMAT,
            "version": VERSION,
            "kdf": self._kdf,
            "nonce": _b64(nonce),
            "ciphertext": _b64(ciphertext),
        }
        try:
            write_atomically(self.path, json.dumps(doc, indent=1).encode("ascii"))
        except OSError as exc:  # the temp file is gone; the vault is as it was
            raise os_refusal("vault.unwritable", exc) from None
        self._entries, self._stamp = entries, stamp_of(self.path)

    @contextmanager
    def _locked(self) -> Iterator[None]:
        """The file's exclusive lock, shared with every other session."""
        from filelock import FileLock, Timeout

        if self._file_lock is None:
            lock_path = self.path.with_name(f"{self.path.name}.lock")
            self._file_lock = FileLock(lock_path, mode=FILE_MODE, thread_local=False)
        try:
            self._file_lock.acquire(timeout=self.lock_timeout)
        except Timeout:
            raise VaultError("vault.busy") from None
        except OSError as exc:  # the lock file cannot be made (a read-only folder)
            raise os_refusal("vault.unwritable", exc) from None
        try:
            if not self._cleaned:
                # under the lock no one is writing: a temp file is a crash's leftover
                try:
                    remove_stray_temps(self.path)
                except OSError as exc:
                    raise os_refusal("vault.unwritable", exc) from None
                self._cleaned = True
            yield
        finally:
            self._file_lock.release()

    def _change(self, change: Callable[[dict[str, str]], bool]) -> None:
        """Apply one change to the entries as the file holds them now, under the lock;
        `change` edits the dict and says whether anything changed (else no write)."""
        with self._mutex:
            self._require_unlocked()
            with self._locked():
                # always read again: a stamp can repeat (a reused inode, a coarse mtime)
                self._reload()
                entries = dict(self._entries)
                if change(entries):
                    self._write(entries)

    def _require_unlocked(self) -> None:
        if self._key is None:
            raise VaultError("vault.locked")

    # the keyring backend interface
    def get_password(self, service: str, username: str) -> str | None:
        with self._mutex:
            self._require_unlocked()
            if stamp_of(self.path) != self._stamp:  # gone, or written by another session
                self._reload()  # a missing file is reported, never recreated
            return self._entries.get(f"{service}/{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        name = f"{service}/{username}"

        def put(entries: dict[str, str]) -> bool:
            changed = entries.get(name) != password
            entries[name] = password
            return changed

        self._change(put)

    def delete_password(self, service: str, username: str) -> None:
        name = f"{service}/{username}"
        self._change(lambda entries: entries.pop(name, None) is not None)
