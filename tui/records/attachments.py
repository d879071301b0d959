"""What a card keeps of a file attached to it (a photo or PDF of a closure letter, a
receipt, a refund slip): its name, size, type and when it was attached. The file
itself is kept encrypted in the data dir (tui.secrets.attachment_box), never here.

The name is shown in the app and the log; a name can give away an identifier
("statement-6222021234567890.pdf"), so what the record keeps is the name with every
run of digits that looks like one replaced (tui.base.redact), and the name as the
file had it is sealed with its bytes and comes back on export. No I/O here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from tui.base import tokens as _random
from tui.base.redact import redact

DEFAULT_LIMIT_MB = 20  # config.yaml's attachment_max_mb when not given
MOST_LIMIT_MB = 1000


def new_attachment_id() -> str:
    """A fresh id: "a" and 16 hex digits (also the encrypted file's name)."""
    return "a" + _random.token_hex(8)


def shown_name(name: str) -> str:
    """The name as the record keeps and the log shows it: runs of 4 or more digits
    (and words holding 4 digits) replaced by "[redacted]" (tui.base.redact.redact)."""
    return redact(name)


def file_type(name: str) -> str:
    """The MIME type the name's extension gives ("application/pdf", "image/jpeg"),
    from Python's mimetypes table; "application/octet-stream" when it names none."""
    import mimetypes  # only when a file is attached

    return mimetypes.guess_type(name, strict=False)[0] or "application/octet-stream"


def names_text(items) -> str:
    """The shown names of attachments, one after another ("a.pdf, b.jpg"), as the
    messages that name several of them put them."""
    return ", ".join(item.name for item in items)


def size_text(size: int, words: Callable[..., str] | None = None) -> str:
    """A size in bytes as people read it: "512 B", "12.3 KB", "4.0 MB" (1 KB = 1,000
    bytes, as file managers show them); with `words` (a catalog), in its language
    (`size.b` … `size.gb`: "512 字节")."""
    number, unit = f"{size}", "B"
    if size >= 1000:
        scaled = float(size)
        for unit in ("KB", "MB", "GB"):
            scaled /= 1000
            if scaled < 1000 or unit == "GB":
                break
        number = f"{scaled:.1f}"
    return f"{number} {unit}" if words is None else words(f"size.{unit.lower()}", n=number)


_SIZE = re.compile(r"(\d+(?:\.\d)?) (B|KB|MB|GB)")


def size_worded(text: str, words: Callable[..., str]) -> str:
    """A size as size_text wrote it without words (as the log keeps it: "512 B") in
    `words`' language; any other text as it is."""
    found = _SIZE.fullmatch(text.strip())
    if found is None:
        return text
    return words(f"size.{found.group(2).lower()}", n=found.group(1))


@dataclass(frozen=True)
class Attachment:
    """One attached file. `id`: also its encrypted file's name; `name`: shown_name of
    the original; `size`: bytes of the original; `type`: its MIME type; `at`: when it
    was attached; `kept_in`: where its data key is ("keyring" or "vault"); `key_id`:
    which data key sealed it (a check value of the key, not the key); `proof`: the id
    of the step whose proof it backs, "" for the card as a whole."""

    id: str
    name: str
    size: int
    type: str
    at: datetime
    kept_in: str
    key_id: str
    proof: str = ""

    def to_doc(self) -> dict:
        return {
            "id": self.id,
            "name": self.name,
            "size": self.size,
            "type": self.type,
            "at": self.at.isoformat(timespec="seconds"),
            "in": self.kept_in,
            "key_id": self.key_id,
            "proof": self.proof,
        }

    @classmethod
    def from_doc(cls, doc: dict) -> Attachment:
        """The record of a stored doc (one that fits the card schema's `attachments`)."""
        return cls(
            id=doc["id"],
            name=doc["name"],
            size=int(doc["size"]),
            type=doc.get("type", "application/octet-stream"),
            at=datetime.fromisoformat(doc["at"]),
            kept_in=doc["in"],
            key_id=doc.get("key_id", ""),
            proof=doc.get("proof", ""),
        )


ATTACHMENT_SCHEMA = {
    "type": "object",
    "required": ["id", "name", "size", "at", "in"],
    "properties": {
        "id": {"type": "string", "pattern": "^a[0-9a-f]{16}$"},
        "name": {"type": "string"},
        "size": {"type": "integer", "minimum": 0},
        "type": {"type": "string"},
        "in": {"enum": ["keyring", "vault"]},
        "key_id": {"type": "string"},
        "proof": {"type": "string"},
    },
}
