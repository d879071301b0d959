"""The tracker: the rules of the work, between the store, the content and the UI.

It decides what a card's status is, what "done" means, and what gets logged. The
UI calls its methods and shows what they return; it never opens the store itself.
"""

from __future__ import annotations

import datetime as _dt
import threading
from collections.abc import Callable, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from tui.base.clock import Clock, system_clock
from tui.base.errors import TrackerError, not_saved
from tui.base.i18n import Phrase
from tui.domain.attachment_work import AttachmentWork
from tui.domain.card_transfer import CardTransfer
from tui.domain.card_view import (
    CardChange,
    CardView,
    Deletion,
    called_of,
    derive_status,
    proven_of,
    titles_of,
)
from tui.domain.casework import Casework
from tui.domain.identifier_work import IdentifierWork
from tui.domain.issuer_lookup import IssuerLookup
from tui.domain.lost_wallet_work import LostWalletWork
from tui.domain.totals import Overview, Totals
from tui.domain.upgraded_marks import sort_upgraded_marks
from tui.library.bundles import BundleLibrary
from tui.library.issuers import Issuer, IssuerDirectory
from tui.library.playbook import (
    Playbook,
    PlaybookLibrary,
    StepType,
    checklist,
)
from tui.records.card_fields import CardFields
from tui.records.damaged_records import DamagedRecord
from tui.records.kinds import Intent, Kind, Status
from tui.records.model import Card, LogEntry
from tui.secrets.secret_store import SecretError, SecretStore
from tui.storage.store import Store, StoreBusy, StoreError, StoreWriteError


class Tracker(
    IdentifierWork, Casework, LostWalletWork, CardTransfer, IssuerLookup, AttachmentWork
):
    """The rules of the work. Safe to call from worker threads: store access is
    serialised, and secrets calls (which can be slow) run outside that lock."""

    def __init__(
        self,
        store: Store,
        library: PlaybookLibrary,
        clock: Clock = system_clock,
        secrets: SecretStore | None = None,
        issuers: IssuerDirectory | None = None,
        bundles: BundleLibrary | None = None,
    ):
        self.store = store
        self.issuers = issuers if issuers is not None else IssuerDirectory()
        self.bundles = bundles if bundles is not None else BundleLibrary()
        self.library = library
        self.clock = clock
        self.secrets = secrets
        self._lock = threading.RLock()
        self._deleted: list[Deletion] = []
        self._depth = 0  # changes under way in this thread (they nest)
        self._logged: list[LogEntry] = []  # entries logged by the outermost change
        self._channels_known: dict[tuple[str, str, str, str, str], tuple[str, ...]] = {}
        self._issuer_known: dict[tuple[str, str, str, str], Issuer | None] = {}
        # the marks of a card from a version 3 file, sorted into their checklists now
        # that the playbooks are known (tui.domain.upgraded_marks); when the file cannot
        # be written they stay under the card's checklist, read as before, and are
        # sorted at the next open that can write (why not: kept here)
        self.unsorted_left: Exception | None = None
        try:
            sort_upgraded_marks(store, library, self.region_of)
        except (StoreBusy, StoreWriteError) as exc:
            self.unsorted_left = exc

    # where the data lives
    @property
    def data_path(self) -> Path | None:
        """The data file (None for data held in memory, as in the demo)."""
        return self.store.path

    def on_store_wait(self, callback: Callable[[], None] | None) -> None:
        """Be told (in the waiting thread) when a change has waited half a second for
        another session's write; it goes on waiting (see Store.on_wait)."""
        self.store.on_wait = callback

    # reading
    def playbook_for(self, card: Card) -> Playbook | None:
        """The most specific playbook for the card: its issuer's, its region's, or
        the generic one (PlaybookLibrary.find, the region as `region_of` reads it)."""
        return self.library.find(card.kind, card.intent, card.issuer, self.region_of(card))

    def intents_for(self, kind: Kind | str) -> list[Intent]:
        return self.library.intents_for(Kind(kind))

    def _view(self, card: Card, progress: dict[str, dict]) -> CardView:
        playbook = self.playbook_for(card)
        items = checklist(playbook, titles_of(progress), called_of(progress), proven_of(progress))
        status = derive_status(card, items)
        gone = not self.balance_counts(card)
        marked = self.lost_with_wallet(card)
        return CardView(card, playbook, tuple(items), status, self.channels_of(card), gone, marked)

    def views(self) -> list[CardView]:
        with self._lock:
            progress = self.store.all_progress()
            cards = sorted(self.store.cards(), key=lambda c: c.created)
        return [
            self._view(card, progress.get(card.id, {}).get(card.checklist, {})) for card in cards
        ]

    def view(self, card_id: str) -> CardView:
        with self._lock:
            card = self._card(card_id)
            progress = self.store.progress(card_id)
        return self._view(card, progress)

    def overview(self, views: list[CardView] | None = None) -> Overview:
        """Totals over every card; pass the views already read to save a second read."""
        return Totals(self.views() if views is None else views).overview

    def log(self, card_id: str | None = None) -> list[LogEntry]:
        with self._lock:
            return self.store.log(card_id)

    def identifiers_kept_in(self, place: str) -> int:
        """How many identifiers the cards say are kept in `place` ('keyring' or 'vault')."""
        with self._lock:
            return self.store.identifiers_kept_in(place)

    def damaged_records(self) -> list[DamagedRecord]:
        """Records of the data file set aside as damaged (see Store.damaged)."""
        with self._lock:
            return self.store.damaged()

    def damaged_count(self) -> int:
        with self._lock:
            return len(self.store.damaged(texts=False))

    def changed_elsewhere(self) -> bool:
        """True once after another process (another SSH session) changed the data."""
        with self._lock:
            return self.store.changed_elsewhere()

    def can_undo(self) -> bool:
        return bool(self._deleted)

    def to_undo(self) -> Card | None:
        """The card `undo_delete` would bring back, as it was deleted (with every
        attached file it had); None when there is nothing to undo."""
        return self._deleted[-1].card if self._deleted else None

    def find_card(self, name: str) -> Card:
        """The card a command line names: by its id, else by its label (ignoring case)
        when exactly one card has it. TrackerError 'error.no_card_named' (none) or
        'error.card_name_ambiguous' (several, with their ids)."""
        with self._lock:
            card = self.store.card(name)
            if card is not None:
                return card
            wanted = name.strip().casefold()
            found = [c for c in self.store.cards() if c.label.casefold() == wanted]
        if len(found) == 1:
            return found[0]
        if not found:
            hint = Phrase("error.card_ids_hint")
            raise TrackerError("error.no_card_named", name=name, hint=hint)
        ids = ", ".join(c.id for c in found)
        raise TrackerError("error.card_name_ambiguous", name=name, ids=ids)

    # changing
    def _card(self, card_id: str) -> Card:
        card = self.store.card(card_id)
        if card is None:
            raise TrackerError("error.no_such_card", card_id=card_id)
        return card

    def _check_intent(self, fields: CardFields) -> CardFields:
        cleaned = fields.cleaned()
        if Intent(cleaned.intent) not in self.intents_for(cleaned.kind):
            raise TrackerError("error.no_playbook", kind=cleaned.kind, intent=cleaned.intent)
        if cleaned.registered and not self.asks_registered(
            cleaned.issuer, cleaned.region, cleaned.kind
        ):  # a mark the form does not ask of this card means nothing: not kept
            cleaned = replace(cleaned, registered=False)
        return cleaned

    @contextmanager
    def _changing(self):
        """Serialise with other threads, then one store transaction: a single write.
        The entries logged since the outermost change began are in `_logged`.

        Another session holding the file too long, a file damaged under us, or a disk
        that refuses the write (full, read-only, no permission, failing) becomes a
        TrackerError the UI can explain; the transaction has written nothing.
        """
        try:
            with self._lock, self.store.transaction():
                self._depth += 1
                if self._depth == 1:
                    self._logged = []
                try:
                    yield
                finally:
                    self._depth -= 1
        except StoreBusy:
            raise TrackerError("error.store_busy") from None
        except StoreError as exc:
            raise TrackerError(
                "error.store_failed", reason=Phrase(exc.key), **exc.params
            ) from exc
        except StoreWriteError as exc:
            raise not_saved(exc) from exc

    def check_fields(self, fields: CardFields) -> CardFields:
        return self._check_intent(fields)

    def _log(self, card: Card, event: str, **params: object) -> None:
        entry = LogEntry(self.clock(), card.id, card.label, event, params=dict(params))
        self.store.append_log(entry)
        self._logged.append(entry)

    def add_card(self, fields: CardFields, identifiers: Mapping[str, str] | None = None) -> Card:
        """Save a new card, then its identifiers; see IdentifierError for a partial save."""
        cleaned = self._check_intent(fields)
        values = self.clean_identifiers(cleaned.kind, identifiers or {})
        self._require_secrets(values)
        with self._changing():
            card = Card.create(cleaned, self.clock())
            self.store.save_card(card)
            self._log(card, "card.added", kind=card.kind.value, intent=card.intent.value)
        return self._store_identifiers(card, values)

    def add_cards(self, cards: Sequence[CardFields], bundle: str, holder: str = "") -> list[Card]:
        """Save several new cards (no identifiers) in one change: every one or, when
        one is refused (CardError, TrackerError 'error.no_playbook'), none. Each is
        logged `card.added_from_bundle` with `bundle`, the title of the bundle it came
        from (tui.library.bundles) as the user read it, and the bundle's `holder`
        when it has one ("deceased": a late person's card; the letters read it)."""
        checked = [self._check_intent(fields) for fields in cards]
        added = []
        with self._changing():
            for fields in checked:
                card = Card.create(fields, self.clock())
                self.store.save_card(card)
                kind, intent = card.kind.value, card.intent.value
                more = {"holder": holder} if holder else {}
                self._log(
                    card, "card.added_from_bundle", kind=kind, intent=intent, bundle=bundle, **more
                )
                added.append(card)
        return added

    def edit_card(
        self, card_id: str, fields: CardFields, identifiers: Mapping[str, str] | None = None
    ) -> Card:
        """Save changed fields; typed identifiers replace the stored ones. The log
        names the fields changed (`card.edited`) and gives the new value of each yes/no
        one (`now`: carried, registered, abandoned), so that ticking and unticking read
        apart; a mark this card is no longer asked (Registered, once it is a bank
        card: check_fields) is dropped, and logged as such."""
        cleaned = self._check_intent(fields)
        values = self.clean_identifiers(cleaned.kind, identifiers or {})
        self._require_secrets(values)
        with self._changing():
            before = self._card(card_id)
            after = before.edited(cleaned, self.clock())
            old, new = before.to_doc(), after.to_doc()
            changed = [k for k in old if k not in ("updated", "created") and old[k] != new[k]]
            if changed:
                self.store.save_card(after)
                now = {k: new[k] for k in changed if isinstance(new[k], bool)}
                self._log(after, "card.edited", fields=changed, now=now)
                self._log_checklist_change(before, after)
            else:
                after = before
        return self._store_identifiers(after, values)

    def link_issuer(self, card_id: str, issuer_id: str, lang: str = "en") -> Card:
        """Link the card to a directory issuer the user confirmed (one it only
        suggested, or one found by search): its issuer field becomes the first of the
        issuer's names (in `lang`, then the others, then its aliases) that links to
        it from the card's region. The text it replaces is kept in the log
        (`card.issuer_linked`). Raises TrackerError when the card or the issuer is
        gone, when the issuer issues no cards of the card's kind (a bank for an eSIM:
        its numbers are not the carrier's), or when no name links to it from the
        card's region (an issuer of another region: the card's region says where it
        was issued)."""
        issuer = self.issuers.get(issuer_id)
        if issuer is None:
            raise TrackerError("error.issuer_gone")
        with self._changing():
            before = self._card(card_id)
            kind = before.kind.value
            if kind not in issuer.kinds:
                raise TrackerError(
                    "error.link_other_kind",
                    issuer=issuer.name.get(lang),
                    kind=Phrase(f"kind.{kind}"),
                )
            names = [issuer.name.get(lang), *issuer.name.by_lang.values(), *issuer.aliases]
            linking = [
                n
                for n in names
                if (found := self._match(n, before.region, kind)) and found.id == issuer.id
            ]
            if not linking:
                raise TrackerError(
                    "error.link_other_region", issuer=issuer.name.get(lang), region=before.region
                )
            text = linking[0]
            if text == before.issuer:
                return before
            after = before.edited(replace(before.fields(), issuer=text), self.clock())
            self.store.save_card(after)
            self._log(after, "card.issuer_linked", issuer=text, was=before.issuer)
        return after

    def delete_card(self, card_id: str) -> Deletion:
        """Delete the card, its progress (every checklist's), its stored identifiers and
        its attached files' encrypted copies (all kept for undo, the files still sealed).

        The card goes first: if that cannot be saved (TrackerError: a full disk…),
        nothing is deleted anywhere. An identifier the backend cannot read or delete is
        left where it is and named in `left_behind`; the card is deleted all the same.
        """
        with self._lock:
            card = self._card(card_id)
        held: dict[str, str | None] = {}
        left: list[str] = []
        for name, identifier in card.identifiers.items():
            if identifier.kept_in is None:
                continue
            try:
                self._check_secret_place(identifier)
                held[name] = self.secrets.get(card_id, name)
            except SecretError:
                left.append(name)
        with self._changing():
            progress = self.store.checklists(card_id)
            place = self.store.delete_card(card_id)
            self._log(card, "card.deleted")
        for name in list(held):
            try:
                self.secrets.delete(card_id, name)
            except SecretError:
                left.append(name)
                del held[name]
        kept = {name: value for name, value in held.items() if value is not None}
        sealed = self._take_sealed(card)
        deletion = Deletion(card, progress, kept, tuple(left), place, sealed)
        self._deleted.append(deletion)
        return deletion

    def undo_delete(self) -> Card | None:
        """Bring back the card deleted last in this session, with its progress (the marks
        of every checklist it had: those of intents it had before too), identifiers and
        attached files (one whose sealed copy cannot be written back is dropped).

        A serial that cannot be written back keeps only its last 4 on the card; a secret
        (a PIN) that cannot be written back is gone from it.
        """
        if not self._deleted:
            return None
        deletion = self._deleted.pop()
        card = deletion.card
        for name, value in deletion.secrets.items():
            try:
                if self.secrets is None:
                    raise SecretError("error.no_secret_storage")
                self.secrets.set(card.id, name, value)
            except SecretError:
                card = card.with_identifier(name, card.identifiers[name].unstored(), card.updated)
        card = self._put_back_sealed(card, deletion.sealed)
        try:
            with self._changing():
                self.store.save_card(card, place=deletion.place)
                if deletion.progress:
                    self.store.set_checklists(card.id, deletion.progress)
                self._log(card, "card.restored")
        except TrackerError:
            self._deleted.append(deletion)  # not restored: undo can be tried again
            raise
        return card

    def toggle_step(self, card_id: str, step_id: str) -> bool:
        """Check or uncheck a step; returns whether it is now checked."""
        return self.toggle(card_id, step_id).checked

    def toggle(self, card_id: str, step_id: str) -> CardChange:
        """Check or uncheck a step, in one change: the card as it is after it (a wait
        step sets a follow-up date, the last step clears it), the log entries written,
        and whether the step is now checked. TrackerError as for any change."""
        with self._changing():
            first = len(self._logged)
            card = self._card(card_id)
            progress = self.store.progress(card_id)
            playbook = self.playbook_for(card)
            step = playbook.step(step_id) if playbook else None
            if step_id in progress and step is None:
                # a retired step stays as the user left it: it is their record
                raise TrackerError("error.step_retired")
            if step_id in progress:
                title = progress.pop(step_id).get("title", {})
                checked = False
            elif step is None:
                raise TrackerError("error.no_such_step", step_id=step_id)
            else:
                title = dict(step.title.by_lang)
                progress[step_id] = {"at": self.clock().isoformat(), "title": title}
                checked = True
            self.store.set_progress(card_id, progress)
            event = "step.checked" if checked else "step.unchecked"
            self._log(card, event, step=step_id, title=title)
            view = self._view(card, progress)
            if checked and view.status is Status.DONE:
                if card.follow_up:
                    card = self.set_follow_up(card_id, None)
                self._log(card, "card.all_done")
            elif checked and step.type == StepType.WAIT and step.wait_days:
                when = self.today() + _dt.timedelta(days=step.wait_days)
                card = self.set_follow_up(card_id, when, reason=step_id)
            if card is not view.card:
                view = self._view(card, progress)
            return CardChange(view, tuple(self._logged[first:]), checked)
