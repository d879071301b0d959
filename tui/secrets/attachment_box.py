"""Attached files, kept encrypted in the data dir's `attachments/` folder.

Each file is sealed with AES-256-GCM under one random data key (32 bytes), itself kept
in the OS keyring or the encrypted file (tui.secrets.secret_store, user
`attachments/data-key`), never on disk in clear. A sealed file is

    MAGIC (8 bytes) | nonce (12 random bytes, new for each file) | ciphertext + tag

and the plaintext is the original name (2-byte big-endian length, UTF-8) followed by
the file's bytes. The attachment's id and MAGIC are the associated data, so a sealed
file renamed to another attachment's id, cut short or changed in any byte fails its
check (AttachmentError 'attachment.tampered'). Files are written atomically (temp
file, fsync, rename) with mode 0600 in a 0700 folder (tui.base.private_files).
"""

from __future__ import annotations

import base64
import binascii
import os
from pathlib import Path

from tui.base import tokens as _random
from tui.base.errors import CardoffError
from tui.base.i18n import Phrase
from tui.base.private_files import private_dir, write_atomically
from tui.secrets.secret_store import SecretError, SecretStore

MAGIC = b"CARDOFF1"
NONCE_LEN, TAG_LEN, KEY_LEN = 12, 16, 32
KEY_USER = "attachments/data-key"
FOLDER = "attachments"
SUFFIX = ".sealed"


class AttachmentError(CardoffError):
    """`key` says what went wrong (a UI string key); `params` fill it in."""


def key_id(key: bytes) -> str:
    """A check value naming a data key (16 hex digits of SHA-256 over a label and the
    key): which key sealed a file, without saying anything of the key."""
    import hashlib  # not at start-up: the first frame loads only what it needs

    return hashlib.sha256(b"cardoff attachment key id\0" + key).hexdigest()[:16]


class AttachmentBox:
    """The sealed files of one data dir (`folder`), and the data key in `secrets`."""

    def __init__(self, folder: Path, secrets: SecretStore | None) -> None:
        self.folder = folder
        self.secrets = secrets

    def path_of(self, attachment_id: str) -> Path:
        return self.folder / f"{attachment_id}{SUFFIX}"

    # the data key
    def data_key(self, create: bool) -> bytes | None:
        """The data key from the secrets backend; with `create`, one is made (32
        random bytes) when there is none. Raises SecretError (no backend: key
        'attachment.needs_key'; a locked keyring, a timeout: the backend's)."""
        if self.secrets is None:
            raise SecretError("attachment.no_backend")
        kept = self.secrets.get_item(KEY_USER)
        if kept is None:
            if not create:
                return None
            self.secrets.set_item(KEY_USER, base64.b64encode(_random.token_bytes(KEY_LEN)).decode())
            # read back: if another session made one at the same moment, both use the
            # one the backend kept
            kept = self.secrets.get_item(KEY_USER)
            if kept is None:
                raise SecretError("secrets.not_found")
        try:
            key = base64.b64decode(kept.encode("ascii"), validate=True)
        except (binascii.Error, UnicodeEncodeError):
            key = b""
        if len(key) != KEY_LEN:
            raise AttachmentError("attachment.bad_key", place=Phrase(f"place.{self.secrets.kind}"))
        return key

    # sealing and opening
    @staticmethod
    def seal(key: bytes, attachment_id: str, name: str, content: bytes) -> bytes:
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        raw_name = name.encode("utf-8", "surrogateescape")[:0xFFFF]
        plain = len(raw_name).to_bytes(2, "big") + raw_name + content
        nonce = _random.token_bytes(NONCE_LEN)
        sealed = AESGCM(key).encrypt(nonce, plain, MAGIC + attachment_id.encode("ascii"))
        return MAGIC + nonce + sealed

    @staticmethod
    def unseal(key: bytes, attachment_id: str, blob: bytes) -> tuple[str, bytes]:
        """The original name and bytes. AttachmentError 'attachment.tampered' when the
        file is not one this app sealed, or any byte of it changed."""
        from cryptography.exceptions import InvalidTag
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        head = len(MAGIC) + NONCE_LEN
        if len(blob) < head + TAG_LEN or not blob.startswith(MAGIC):
            raise AttachmentError("attachment.tampered")
        nonce = blob[len(MAGIC) : head]
        try:
            plain = AESGCM(key).decrypt(nonce, blob[head:], MAGIC + attachment_id.encode("ascii"))
        except InvalidTag:
            raise AttachmentError("attachment.tampered") from None
        length = int.from_bytes(plain[:2], "big")
        name = plain[2 : 2 + length].decode("utf-8", "surrogateescape")
        return name, plain[2 + length :]

    # the files
    def write(self, attachment_id: str, blob: bytes) -> Path:
        """Put a sealed file in place atomically (0600, its folder 0700). OSError."""
        private_dir(self.folder)
        path = self.path_of(attachment_id)
        write_atomically(path, blob)
        return path

    def read(self, attachment_id: str) -> bytes:
        """A sealed file's bytes. FileNotFoundError, or another OSError."""
        return self.path_of(attachment_id).read_bytes()

    def remove(self, attachment_id: str) -> None:
        """Delete a sealed file (one already gone is fine). OSError."""
        self.path_of(attachment_id).unlink(missing_ok=True)

    def any_left(self) -> bool:
        try:
            return any(name.endswith(SUFFIX) for name in os.listdir(self.folder))
        except FileNotFoundError:
            return False


def missing_sealed_files(raw: dict | None, data_dir: Path) -> list[tuple[str, str]]:
    """The attached files that the data file `raw` (its parsed document, as
    tui.storage.store.read_checked gives it) lists and whose sealed file is not in
    `data_dir`'s `attachments/` folder: (card label, shown name) pairs, in the file's
    order. Records that are not shaped as expected are passed over (doctor's database
    check names damaged records). Reads only the folder's names."""
    cards = (raw or {}).get("cards", {})
    if not isinstance(cards, dict):
        return []
    try:
        present = set(os.listdir(Path(data_dir) / FOLDER))
    except OSError:
        present = set()
    missing = []
    for doc in cards.values():
        if not isinstance(doc, dict) or not isinstance(doc.get("attachments"), list):
            continue
        for item in doc["attachments"]:
            if isinstance(item, dict) and f"{item.get('id')}{SUFFIX}" not in present:
                missing.append((str(doc.get("label", "")), str(item.get("name", ""))))
    return missing


def attachment_count(raw: dict | None) -> int:
    """How many attached files the data file `raw` lists (as missing_sealed_files)."""
    cards = (raw or {}).get("cards", {})
    if not isinstance(cards, dict):
        return 0
    return sum(
        len(doc["attachments"])
        for doc in cards.values()
        if isinstance(doc, dict) and isinstance(doc.get("attachments"), list)
    )
