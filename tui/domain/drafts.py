"""What the card form held when a session was ended from outside (SIGTERM, or SIGHUP
when an SSH connection drops): kept as a draft, offered again at the next start. What
another dialog held, typed and not saved (a loss-report reference, a proof, an amount),
is kept beside it as text (`TypedAside`), shown whole at the next start.

The draft is a file of its own in the data dir, `card-form.draft.json`: written
atomically and 0600 like the data file (tui/base/private_files.py), but outside it, so keeping
it needs no lock (another session may be saving) and can never damage the records.
It holds the form's plain fields only (a draft written before the card network, the
owner or the tags were asked has none: it reads as not given). Identifiers typed into
the form (card number, ICCID, EID, PIN) are never written to it, or to any plain file:
they are lost, and the restored form says so.

No Textual here.
"""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass
from pathlib import Path

import orjson

from tui.base.private_files import write_atomically
from tui.records.card_fields import CardFields

DRAFT_FILENAME = "card-form.draft.json"
DRAFT_VERSION = 1
TYPED_STEM = "typed.draft"  # typed.draft.<pid>.json: see typed_path


@dataclass(frozen=True)
class FormDraft:
    """The card form as it was left: `card_id` is the card being edited (None: a new
    card); `fields` what was typed; `ended_by` the signal's name ("SIGTERM", "SIGHUP");
    `had_identifiers` whether identifiers had been typed (they were not kept)."""

    card_id: str | None
    fields: CardFields
    ended_by: str
    had_identifiers: bool = False

    def to_doc(self) -> dict:
        return {
            "version": DRAFT_VERSION,
            "card_id": self.card_id,
            "fields": asdict(self.fields),
            "ended_by": self.ended_by,
            "had_identifiers": self.had_identifiers,
        }

    @classmethod
    def from_doc(cls, doc: object) -> FormDraft | None:
        """None unless `doc` is a draft this version wrote."""
        if not isinstance(doc, dict) or doc.get("version") != DRAFT_VERSION:
            return None
        fields = doc.get("fields")
        if not isinstance(fields, dict):
            return None
        texts = ("label", "kind", "intent", "issuer", "region", "notes", "network", "owner", "tags")
        if not all(isinstance(fields.get(name, ""), str) for name in texts):
            return None
        card_id = doc.get("card_id")
        return cls(
            card_id=card_id if isinstance(card_id, str) else None,
            fields=CardFields(
                **{name: fields.get(name, "") for name in texts},
                abandoned=bool(fields.get("abandoned", False)),
                carried=bool(fields.get("carried", False)),
                registered=bool(fields.get("registered", False)),
            ),
            ended_by=str(doc.get("ended_by", "")),
            had_identifiers=bool(doc.get("had_identifiers", False)),
        )


def draft_path(data_dir: Path) -> Path:
    return data_dir / DRAFT_FILENAME


def keep_draft(data_dir: Path, draft: FormDraft) -> Path:
    """Write the draft (replacing an older one); returns its path. Raises OSError."""
    path = draft_path(data_dir)
    write_atomically(path, orjson.dumps(draft.to_doc()))
    return path


def read_draft(data_dir: Path) -> FormDraft | None:
    """The draft left by an earlier session, or None (none, or not one this version
    can read: such a file is left as it is)."""
    try:
        raw = draft_path(data_dir).read_bytes()
    except OSError:  # none (the usual case), or not readable: nothing to offer
        return None
    try:
        return FormDraft.from_doc(orjson.loads(raw))
    except orjson.JSONDecodeError:
        return None


def drop_draft(data_dir: Path) -> None:
    """Forget the draft (once the form it filled has been saved or closed)."""
    draft_path(data_dir).unlink(missing_ok=True)


@dataclass(frozen=True)
class TypedAside:
    """What dialogs other than the card form held, typed and not saved, when a session
    was ended from outside: `texts` holds (the dialog's title, the field's label, the
    text) for each field typed in; `ended_by` the signal's name ("SIGHUP")."""

    texts: tuple[tuple[str, str, str], ...]
    ended_by: str

    def to_doc(self) -> dict:
        return {
            "version": DRAFT_VERSION,
            "texts": [list(text) for text in self.texts],
            "ended_by": self.ended_by,
        }

    @classmethod
    def from_doc(cls, doc: object) -> TypedAside | None:
        """None unless `doc` is what this version wrote."""
        if not isinstance(doc, dict) or doc.get("version") != DRAFT_VERSION:
            return None
        texts = doc.get("texts")
        if not isinstance(texts, list) or not all(
            isinstance(text, list) and len(text) == 3 and all(isinstance(p, str) for p in text)
            for text in texts
        ):
            return None
        return cls(tuple(tuple(text) for text in texts), str(doc.get("ended_by", "")))


def typed_path(data_dir: Path, pid: int) -> Path:
    """The file a session (process `pid`) keeps what its dialogs held in: one per
    session, so that two sessions ended together (one SSH connection, two windows)
    never write over each other's."""
    return data_dir / f"{TYPED_STEM}.{pid}.json"


def keep_typed(data_dir: Path, typed: TypedAside) -> Path:
    """Write what this session's dialogs held; returns its path. Raises OSError."""
    path = typed_path(data_dir, os.getpid())
    write_atomically(path, orjson.dumps(typed.to_doc()))
    return path


def read_typed(data_dir: Path) -> tuple[TypedAside, list[Path]] | None:
    """What earlier sessions kept of their dialogs, oldest first, as one (each
    session's texts in turn; the last signal's name), with the files read; None when
    there is none (a file this version cannot read is left as it is)."""
    kept: list[tuple[float, Path, TypedAside]] = []
    for path in data_dir.glob(f"{TYPED_STEM}.*.json"):
        try:
            typed = TypedAside.from_doc(orjson.loads(path.read_bytes()))
            when = path.stat().st_mtime
        except (OSError, orjson.JSONDecodeError):
            continue
        if typed is not None:
            kept.append((when, path, typed))
    if not kept:
        return None
    kept.sort(key=lambda item: item[0])
    texts = tuple(text for _, _, typed in kept for text in typed.texts)
    return TypedAside(texts, kept[-1][2].ended_by), [path for _, path, _ in kept]


def drop_typed(paths: list[Path]) -> None:
    """Forget what was kept of the dialogs (once it has been shown). Raises OSError."""
    for path in paths:
        path.unlink(missing_ok=True)
