"""The tracker's work on attached files (a photo or PDF of a closure letter, a receipt,
a refund slip): attaching one to a card or a step's proof, exporting them decrypted
to a folder the user names, and removing them with the card. A mixin for Tracker
(which supplies the store, the secrets backend, the clock, the lock and the logging).

The files are sealed by tui.secrets.attachment_box (AES-256-GCM, a data key in the
keyring or the encrypted file); the card keeps only their record
(tui.records.attachments). Every refusal is a TrackerError whose key starts with
"attachment." and says what happened, that nothing changed, and what to do.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import replace
from pathlib import Path

from tui.base.errors import CardoffError, TrackerError
from tui.base.i18n import Phrase
from tui.base.os_problem import os_problem
from tui.base.private_files import create_private, private_dir
from tui.records.attachments import (
    DEFAULT_LIMIT_MB,
    Attachment,
    file_type,
    names_text,
    new_attachment_id,
    shown_name,
    size_text,
)
from tui.records.model import Card
from tui.secrets.attachment_box import AttachmentBox, key_id
from tui.secrets.secret_store import SecretError

MB = 1_000_000
_UNSAFE = re.compile(r"[\x00-\x1f\x7f/\\]")


def _needs_key(exc: SecretError) -> TrackerError:
    """What to say when the data key cannot be had: the backend's reason inside."""
    return TrackerError("attachment.needs_key", reason=Phrase(exc.key), detail=exc.detail)


class AttachmentWork:
    # where the sealed files go; None: `attachments/` beside the data file
    attachment_folder: Path | None = None
    attachment_limit_mb: int = DEFAULT_LIMIT_MB  # config.yaml's attachment_max_mb

    def _box(self) -> AttachmentBox:
        folder = self.attachment_folder
        if folder is None:
            if self.store.path is None:
                raise TrackerError("attachment.no_data_dir")
            folder = Path(self.store.path).parent / "attachments"
        return AttachmentBox(folder, self.secrets)

    def missing_attachments(self, card: Card) -> tuple[Attachment, ...]:
        """The card's attachments whose sealed file is not in this data dir (the card
        came from another data dir by a JSON import or a backup, or the file was
        removed), in the card's order; all of them when there is no data dir."""
        if not card.attachments:
            return ()
        if self.attachment_folder is None and self.store.path is None:
            return card.attachments
        box = self._box()
        return tuple(item for item in card.attachments if not box.path_of(item.id).is_file())

    def without_missing_attachments(self, card: Card) -> tuple[Card, int]:
        """`card` without the attachment records whose sealed file is not in this data
        dir (missing_attachments), and how many were dropped (a JSON import keeps
        only what it can carry)."""
        missing = set(self.missing_attachments(card))
        if not missing:
            return card, 0
        kept = tuple(item for item in card.attachments if item not in missing)
        return replace(card, attachments=kept), len(missing)

    def export_ready(self, card_id: str, folder: str | Path | None = None) -> Card:
        """The card, when its attached files can be exported, checked before any key is
        asked for; with `folder`, that folder too (`~` expanded). Raises TrackerError:
        attachment.none (no files), attachment.files_gone (not one of its sealed files
        is in this data dir: each is named), attachment.no_folder (`folder` blank),
        attachment.folder_unusable (`folder` is a file, sits under one, or cannot take
        a new file: the true reason inside)."""
        with self._lock:
            card = self._card(card_id)
        if not card.attachments:
            raise TrackerError("attachment.none", label=card.label)
        missing = self.missing_attachments(card)
        if len(missing) == len(card.attachments):
            raise TrackerError(
                "attachment.files_gone",
                count=len(missing),
                label=card.label,
                names=names_text(missing),
            )
        if folder is not None and not str(folder).strip():
            raise TrackerError("attachment.no_folder")
        if folder is not None:
            from tui.base.writable import probe_folder

            target = Path(os.path.expanduser(str(folder).strip()))
            if problem := probe_folder(target):
                raise TrackerError(
                    "attachment.folder_unusable",
                    path=str(target),
                    why=Phrase(problem.key),
                    **{"detail": problem.text, **problem.params},
                )
        return card

    def check_attachable(self, path: str | Path, limit_mb: int | None = None) -> None:
        """Raise what attach would say of the file at `path` (see attach: no_path,
        missing, not_file, not_regular, unreadable, empty, too_large), before any key
        is asked for; None when it can be attached. Reads the file."""
        if not str(path).strip():
            raise TrackerError("attachment.no_path")
        limit_mb = self.attachment_limit_mb if limit_mb is None else limit_mb
        _read_limited(Path(os.path.expanduser(str(path).strip())), limit_mb * MB, limit_mb)

    def attach(
        self, card_id: str, path: str | Path, proof: str = "", limit_mb: int | None = None
    ) -> tuple[Card, Attachment]:
        """Seal the file at `path` (`~` expanded) into the data dir and add its record to
        the card (`proof`: the step whose proof it backs, "" for the card); logs
        `attachment.added` with the shown name and size. Files over `limit_mb`
        megabytes (1 MB = 1,000,000 bytes; None: attachment_limit_mb) are refused.

        Raises TrackerError: attachment.no_path (nothing but spaces typed),
        attachment.missing / not_file / not_regular (a device, a pipe, a socket) /
        unreadable (the path), attachment.empty (a 0-byte file: nothing to keep),
        attachment.too_large, attachment.needs_key (no keyring or encrypted file, a
        locked one: its reason inside), attachment.not_saved (the disk refused the
        sealed file), or any change's errors; nothing is kept then."""
        if not str(path).strip():
            raise TrackerError("attachment.no_path")
        source = Path(os.path.expanduser(str(path).strip()))
        limit_mb = self.attachment_limit_mb if limit_mb is None else limit_mb
        limit = limit_mb * MB
        content = _read_limited(source, limit, limit_mb)
        with self._lock:
            card = self._card(card_id)
        box = self._box()
        try:
            key = box.data_key(create=True)
        except SecretError as exc:
            raise _needs_key(exc) from exc
        except CardoffError as exc:  # a data key the backend holds is not one of ours
            raise TrackerError(exc.key, **exc.params) from exc
        attachment = Attachment(
            id=new_attachment_id(),
            name=shown_name(source.name),
            size=len(content),
            type=file_type(source.name),
            at=self.clock(),
            kept_in=self.secrets.kind,
            key_id=key_id(key),
            proof=proof,
        )
        blob = AttachmentBox.seal(key, attachment.id, source.name, content)
        try:
            box.write(attachment.id, blob)
        except OSError as exc:
            raise TrackerError("attachment.not_saved", **os_problem(exc)) from exc
        try:
            with self._changing():
                card = self._card(card_id)
                card = replace(
                    card, attachments=(*card.attachments, attachment), updated=self.clock()
                )
                self.store.save_card(card)
                self._log(
                    card,
                    "attachment.added",
                    name=attachment.name,
                    size=size_text(attachment.size),
                    step=proof,
                )
        except BaseException:
            box.remove(attachment.id)  # no record points at it: it goes
            raise
        return card, attachment

    def export_attachments(self, card_id: str, folder: str | Path) -> list[Path]:
        """Write each of the card's attachments, decrypted and under its original
        name, into `folder` (`~` expanded; made 0700 if missing). A name already
        there gets " (2)", " (3)"… before its extension: nothing is written over.
        Files are 0600. Returns the paths written, in the card's order.

        The attachments whose sealed file is not in this data dir are skipped (the
        caller names them first: missing_attachments); when none is here, nothing is
        asked or written (export_ready).

        Raises TrackerError: those of export_ready, attachment.needs_key,
        attachment.file_gone (a sealed file went while exporting), attachment.other_key
        (sealed with a key the backend no longer holds), attachment.tampered (a changed or
        damaged sealed file), attachment.export_failed (the folder or a file cannot be
        written); the files written before the failure stay, and are named."""
        card = self.export_ready(card_id, folder)
        target = Path(os.path.expanduser(str(folder).strip()))
        box = self._box()
        try:
            key = box.data_key(create=False)
        except SecretError as exc:
            raise _needs_key(exc) from exc
        written: list[Path] = []
        missing = set(self.missing_attachments(card))
        for attachment in card.attachments:
            if attachment in missing:
                continue  # named before any key was asked for (export_ready's caller)
            try:
                name, content = self._opened(box, key, attachment)
                private_dir(target)
                written.append(_write_new(target, name or attachment.id, content))
            except TrackerError as exc:
                raise _partly(exc, written) from exc
            except OSError as exc:
                failed = TrackerError(
                    "attachment.export_failed", path=str(target), **os_problem(exc)
                )
                raise _partly(failed, written) from exc
        return written

    def _opened(self, box: AttachmentBox, key: bytes | None, item: Attachment) -> tuple[str, bytes]:
        try:
            blob = box.read(item.id)
        except FileNotFoundError:
            raise TrackerError(
                "attachment.file_gone", name=item.name, path=str(box.path_of(item.id))
            ) from None
        if key is None or (item.key_id and key_id(key) != item.key_id):
            place = Phrase(f"place.{item.kept_in}")
            raise TrackerError("attachment.other_key", name=item.name, place=place)
        try:
            return AttachmentBox.unseal(key, item.id, blob)
        except CardoffError:
            raise TrackerError(
                "attachment.tampered", name=item.name, path=str(box.path_of(item.id))
            ) from None

    # with the card's delete and undo (tracker.delete_card, undo_delete)
    def _take_sealed(self, card: Card) -> dict[str, bytes]:
        """Read and remove the card's sealed files; returns them by attachment id (for
        undo, in memory: they stay encrypted). A file already gone is skipped."""
        if not card.attachments or self.attachment_folder is None and self.store.path is None:
            return {}
        box = self._box()
        taken = {}
        for item in card.attachments:
            try:
                blob = box.read(item.id)
                box.remove(item.id)
            except OSError:  # gone already, or the disk refuses: what is left stays
                continue
            taken[item.id] = blob
        return taken

    def _put_back_sealed(self, card: Card, sealed: dict[str, bytes]) -> Card:
        """Write the sealed files of an undone delete back; a record whose file cannot
        be written back is dropped from the card."""
        if not card.attachments or not sealed:
            return replace(card, attachments=())
        box = self._box()
        kept = []
        for item in card.attachments:
            if item.id not in sealed:
                continue
            try:
                box.write(item.id, sealed[item.id])
            except OSError:
                continue
            kept.append(item)
        return replace(card, attachments=tuple(kept))


def _partly(exc: TrackerError, written: list[Path]) -> TrackerError:
    """`exc`, with the files written before it named (`done`; "" when none)."""
    return TrackerError(exc.key, **exc.params, done=", ".join(str(p) for p in written))


def _read_limited(source: Path, limit: int, limit_mb: int) -> bytes:
    """The file's bytes, at most `limit` of them; TrackerError for anything else."""
    shown = str(source)
    try:
        if source.is_dir():
            raise TrackerError("attachment.not_file", path=shown)
        facts = source.stat()
        if not stat.S_ISREG(facts.st_mode):  # /dev/zero, a fifo, a socket
            raise TrackerError("attachment.not_regular", path=shown)
        size = facts.st_size
        if size > limit:
            raise TrackerError(
                "attachment.too_large", path=shown, size=size_text(size), limit=f"{limit_mb} MB"
            )
        with open(source, "rb") as handle:
            content = handle.read(limit + 1)
    except FileNotFoundError:
        raise TrackerError("attachment.missing", path=shown) from None
    except OSError as exc:
        raise TrackerError("attachment.unreadable", path=shown, **os_problem(exc)) from None
    if not content:
        raise TrackerError("attachment.empty", path=shown)
    if len(content) > limit:  # it grew meanwhile
        raise TrackerError(
            "attachment.too_large", path=shown, size=size_text(len(content)), limit=f"{limit_mb} MB"
        )
    return content


def _write_new(folder: Path, name: str, content: bytes) -> Path:
    """A new 0600 file in `folder` named `name` (made safe), or `name (2)`… if taken."""
    safe = _UNSAFE.sub("_", name).strip(". ") or "attachment"
    stem, dot, ext = safe.rpartition(".") if "." in safe else (safe, "", "")
    for n in range(1, 1000):
        candidate = safe if n == 1 else f"{stem} ({n}){dot}{ext}"
        path = folder / candidate
        try:
            fd = create_private(path)
        except FileExistsError:
            continue
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        return path
    raise FileExistsError(str(folder / safe))
