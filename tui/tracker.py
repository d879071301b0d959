"""The tracker: the rules of the work, between the store, the content and the UI.

It decides what a card's status is, what "done" means, and what gets logged. The
UI calls its methods and shows what they return; it never opens the store itself.
"""

from __future__ import annotations

import datetime as _dt
import threading
from collections.abc import Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from decimal import Decimal

from tui.clock import Clock, system_clock
from tui.issuers import Issuer, IssuerDirectory
from tui.model import (
    IDENTIFIER_FIELDS,
    MASK_LEN,
    Card,
    CardError,
    CardFields,
    Identifier,
    Intent,
    Kind,
    LogEntry,
    Status,
    clean_identifier,
    owed,
    parse_amount,
)
from tui.playbook import (
    ChecklistItem,
    Playbook,
    PlaybookLibrary,
    StepType,
    Text,
    checklist,
)
from tui.secret_store import SecretError, SecretStore
from tui.store import Store, StoreBusy, StoreError


class TrackerError(Exception):
    """A request the tracker cannot carry out; `key` is a UI string key."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


class IdentifierError(Exception):
    """The card was saved, but an identifier could not be stored in the secrets backend.

    `card` is the card as saved (with the identifiers that did get stored); `field` is
    the first one that failed; `error` says why. Nothing the user typed is lost: the
    caller still holds the values and can retry.
    """

    def __init__(self, card: Card, field_name: str, error: SecretError) -> None:
        super().__init__(f"{field_name}: {error}")
        self.card = card
        self.field = field_name
        self.error = error


@dataclass(frozen=True)
class Deletion:
    """A deleted card as the tracker keeps it for undo, within this session only."""

    card: Card
    progress: dict[str, dict]
    secrets: dict[str, str] = field(default_factory=dict)
    left_behind: tuple[str, ...] = ()  # identifiers the backend did not delete


@dataclass(frozen=True)
class CardView:
    """A card with its playbook and where its steps stand."""

    card: Card
    playbook: Playbook | None
    items: tuple[ChecklistItem, ...]
    status: Status

    @property
    def done_count(self) -> int:
        return sum(1 for item in self.items if item.done and not item.retired)

    @property
    def step_count(self) -> int:
        return sum(1 for item in self.items if not item.retired)


@dataclass(frozen=True)
class Overview:
    cards: int
    cards_done: int
    steps: int
    steps_done: int


def derive_status(card: Card, items: list[ChecklistItem]) -> Status:
    """Abandoned if the user said so; otherwise read off the checked steps (a card
    with a follow-up date is waiting until every step is done)."""
    if card.abandoned:
        return Status.ABANDONED
    current = [item for item in items if not item.retired]
    done = sum(1 for item in current if item.done)
    if current and done == len(current):
        return Status.DONE
    if card.follow_up:
        return Status.WAITING
    if not current or done == 0:
        return Status.ACTIVE
    first_open = next(item for item in current if not item.done)
    if first_open.step is not None and first_open.step.type == StepType.WAIT:
        return Status.WAITING
    return Status.IN_PROGRESS


def _titles(progress: dict[str, dict]) -> dict[str, Text]:
    return {step_id: Text.from_doc(mark.get("title")) for step_id, mark in progress.items()}


class Tracker:
    """The rules of the work. Safe to call from worker threads: store access is
    serialised, and secrets calls (which can be slow) run outside that lock."""

    def __init__(
        self,
        store: Store,
        library: PlaybookLibrary,
        clock: Clock = system_clock,
        secrets: SecretStore | None = None,
        issuers: IssuerDirectory | None = None,
    ):
        self.store = store
        self.issuers = issuers if issuers is not None else IssuerDirectory()
        self.library = library
        self.clock = clock
        self.secrets = secrets
        self._lock = threading.RLock()
        self._deleted: list[Deletion] = []

    # reading
    def playbook_for(self, card: Card) -> Playbook | None:
        return self.library.find(card.kind, card.intent, card.issuer)

    def issuer_for(self, card: Card) -> Issuer | None:
        """The directory entry a card's issuer names (by id, name or alias), if any."""
        return self.issuers.match(card.issuer)

    def intents_for(self, kind: Kind | str) -> list[Intent]:
        return self.library.intents_for(Kind(kind))

    def _view(self, card: Card, progress: dict[str, dict]) -> CardView:
        playbook = self.playbook_for(card)
        items = checklist(playbook, _titles(progress))
        return CardView(card, playbook, tuple(items), derive_status(card, items))

    def views(self) -> list[CardView]:
        with self._lock:
            progress = self.store.all_progress()
            cards = sorted(self.store.cards(), key=lambda c: c.created)
        return [self._view(card, progress.get(card.id, {})) for card in cards]

    def view(self, card_id: str) -> CardView:
        with self._lock:
            card = self._card(card_id)
            progress = self.store.progress(card_id)
        return self._view(card, progress)

    def overview(self, views: list[CardView] | None = None) -> Overview:
        """Totals over every card; pass the views already read to save a second read."""
        views = self.views() if views is None else views
        return Overview(
            cards=len(views),
            cards_done=sum(1 for v in views if v.status is Status.DONE),
            steps=sum(v.step_count for v in views),
            steps_done=sum(v.done_count for v in views),
        )

    def log(self, card_id: str | None = None) -> list[LogEntry]:
        with self._lock:
            return self.store.log(card_id)

    def identifiers_kept_in(self, place: str) -> int:
        """How many identifiers the cards say are kept in `place` ('keyring' or 'vault')."""
        with self._lock:
            cards = self.store.cards()
        return sum(1 for c in cards for i in c.identifiers.values() if i.kept_in == place)

    def changed_elsewhere(self) -> bool:
        """True once after another process (another SSH session) changed the data."""
        with self._lock:
            return self.store.changed_elsewhere()

    def can_undo(self) -> bool:
        return bool(self._deleted)

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
        return cleaned

    @contextmanager
    def _changing(self):
        """Serialise with other threads, then one store transaction: a single write.

        Another session holding the file too long, or a file damaged under us, becomes
        a TrackerError the UI can explain; the transaction has written nothing.
        """
        try:
            with self._lock, self.store.transaction():
                yield
        except StoreBusy:
            raise TrackerError("error.store_busy") from None
        except StoreError as exc:
            raise TrackerError("error.store_failed", reason=exc.reason) from exc

    # for importers and other bulk changes: one transaction, the same checks and log
    def changing(self):
        return self._changing()

    def check_fields(self, fields: CardFields) -> CardFields:
        return self._check_intent(fields)

    def log_event(self, card: Card, event: str, **params: object) -> None:
        self._log(card, event, **params)

    def _log(self, card: Card, event: str, **params: object) -> None:
        entry = LogEntry(self.clock(), card.id, card.label, event, params=dict(params))
        self.store.append_log(entry)

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

    def edit_card(
        self, card_id: str, fields: CardFields, identifiers: Mapping[str, str] | None = None
    ) -> Card:
        """Save changed fields; typed identifiers replace the stored ones."""
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
                self._log(after, "card.edited", fields=changed)
                if self.playbook_for(before) != self.playbook_for(after):
                    playbook = self.playbook_for(after)
                    self._log(
                        after, "card.playbook_changed", playbook=playbook.id if playbook else ""
                    )
            else:
                after = before
        return self._store_identifiers(after, values)

    def _store_identifiers(self, card: Card, values: Mapping[str, str]) -> Card:
        for name, value in values.items():
            try:
                self.secrets.set(card.id, name, value)
            except SecretError as exc:
                raise IdentifierError(card, name, exc) from exc
            with self._changing():
                identifier = Identifier(value[-MASK_LEN:], self.secrets.kind)
                card = self._card(card.id).with_identifier(name, identifier, self.clock())
                self.store.save_card(card)
                self._log(card, "identifier.stored", field=name, place=self.secrets.kind)
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

    def delete_card(self, card_id: str) -> Deletion:
        """Delete the card, its progress and its stored identifiers (kept for undo).

        An identifier the backend cannot read or delete is left where it is and named
        in `left_behind`; the card is deleted all the same.
        """
        with self._lock:
            card = self._card(card_id)
        held: dict[str, str] = {}
        left: list[str] = []
        for name, identifier in card.identifiers.items():
            if identifier.kept_in is None:
                continue
            try:
                self._check_secret_place(identifier)
                value = self.secrets.get(card_id, name)
                self.secrets.delete(card_id, name)
            except SecretError:
                left.append(name)
                continue
            if value is not None:
                held[name] = value
        with self._changing():
            progress = self.store.progress(card_id)
            self.store.delete_card(card_id)
            deletion = Deletion(card, progress, held, tuple(left))
            self._deleted.append(deletion)
            self._log(card, "card.deleted")
        return deletion

    def undo_delete(self) -> Card | None:
        """Bring back the card deleted last in this session, with progress and identifiers.

        An identifier that cannot be written back keeps only its last 4 on the card.
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
                card = card.with_identifier(
                    name, Identifier(card.identifiers[name].last4, None), card.updated
                )
        with self._changing():
            self.store.save_card(card)
            if deletion.progress:
                self.store.set_progress(card.id, deletion.progress)
            self._log(card, "card.restored")
        return card

    # follow-ups and evidence
    def today(self) -> _dt.date:
        """Today in the user's time zone (follow-up dates are calendar dates)."""
        return self.clock().astimezone().date()

    def set_follow_up(self, card_id: str, when: _dt.date | None, reason: str = "") -> Card:
        with self._changing():
            card = self._card(card_id)
            text = when.isoformat() if when else ""
            if text == card.follow_up:
                return card
            changed = replace(card, follow_up=text, updated=self.clock())
            self.store.save_card(changed)
            if when:
                self._log(changed, "followup.set", date=text, reason=reason)
            else:
                self._log(changed, "followup.cleared")
            return changed

    def due(self) -> list[tuple[CardView, int]]:
        """Cards whose follow-up is today or past, with days overdue (0: due today)."""
        today = self.today()
        found = []
        for view in self.views():
            if view.card.follow_up and view.status not in (Status.DONE, Status.ABANDONED):
                days = (today - _dt.date.fromisoformat(view.card.follow_up)).days
                if days >= 0:
                    found.append((view, days))
        return sorted(found, key=lambda pair: -pair[1])

    def record_evidence(
        self, card_id: str, evidence: Mapping[str, str], step_id: str | None = None
    ) -> None:
        """Log proof (reference, agent, when, note) for a card or one of its steps; for a
        step not yet checked, check it in the same change."""
        kept = {k: v.strip() for k, v in evidence.items() if v and v.strip()}
        if not kept:
            raise TrackerError("error.evidence_empty")
        with self._changing():
            card = self._card(card_id)
            if step_id is not None and step_id not in self.store.progress(card_id):
                self.toggle_step(card_id, step_id)
            if step_id is not None:
                progress = self.store.progress(card_id)
                progress[step_id] = {**progress[step_id], "evidence": kept}
                self.store.set_progress(card_id, progress)
            self._log(card, "evidence.recorded", step=step_id or "", **kept)

    # money: balances and deposits held by the issuer, and what came back
    def set_money(self, card_id: str, balance: str, deposit: str, currency: str) -> Card:
        amounts = {
            "balance": parse_amount(balance, "balance"),
            "deposit": parse_amount(deposit, "deposit"),
        }
        currency = currency.strip().upper()
        if any(amounts.values()) and not (len(currency) == 3 and currency.isalpha()):
            raise CardError("currency", "error.currency_format")
        with self._changing():
            card = self._card(card_id)
            money = {**card.money, **{k: str(v) for k, v in amounts.items()}, "currency": currency}
            changed = replace(card, money=money, updated=self.clock())
            self.store.save_card(changed)
            self._log(
                changed,
                "money.set",
                balance=money["balance"],
                deposit=money["deposit"],
                currency=currency,
            )
            return changed

    def record_refund(
        self, card_id: str, amount: str, note: str = "", step_id: str | None = None
    ) -> Card:
        value = parse_amount(amount, "amount")
        if value <= 0:
            raise CardError("amount", "error.amount_format")
        with self._changing():
            card = self._card(card_id)
            refunded = Decimal(card.money.get("refunded") or "0") + value
            changed = replace(
                card, money={**card.money, "refunded": str(refunded)}, updated=self.clock()
            )
            self.store.save_card(changed)
            currency = card.money.get("currency", "")
            self._log(
                changed, "money.refunded", amount=str(value), currency=currency, note=note.strip()
            )
            if step_id is not None and step_id not in self.store.progress(card_id):
                self.toggle_step(card_id, step_id)
            return changed

    def owed_total(self) -> dict[str, Decimal]:
        """What issuers still hold for the user, by currency (abandoned cards left out)."""
        totals: dict[str, Decimal] = {}
        for view in self.views():
            if view.status is Status.ABANDONED:
                continue
            amount = owed(view.card.money)
            if amount:
                currency = view.card.money.get("currency", "")
                totals[currency] = totals.get(currency, Decimal(0)) + amount
        return totals

    # lost-wallet mode
    def report_lost(self, card_ids: list[str]) -> list[CardView]:
        """Switch cards to the report-lost playbook (where their kind has one), banks first."""
        with self._changing():
            for card_id in card_ids:
                card = self._card(card_id)
                if card.intent is Intent.REPORT_LOST:
                    continue
                if Intent.REPORT_LOST not in self.intents_for(card.kind):
                    continue
                fields = replace(card.fields(), intent=Intent.REPORT_LOST.value)
                changed = card.edited(fields, self.clock())
                self.store.save_card(changed)
                self._log(changed, "lost.started")
        views = [self.view(card_id) for card_id in card_ids]
        order = {Kind.BANK: 0, Kind.ESIM: 1, Kind.SOCIAL_SECURITY: 2, Kind.TRANSIT: 3}
        return sorted(views, key=lambda v: order.get(v.card.kind, 4))

    def first_call_step(self, view: CardView) -> ChecklistItem | None:
        return next(
            (i for i in view.items if i.step is not None and i.step.type == StepType.CALL), None
        )

    def record_call(self, card_id: str, number: str, reference: str) -> None:
        """Log a call made to report the card lost (with its reference) and tick the
        playbook's call step."""
        with self._changing():
            card = self._card(card_id)
            self._log(card, "lost.called", number=number, reference=reference.strip() or "—")
            item = self.first_call_step(self.view(card_id))
            if item is not None and not item.done:
                self.toggle_step(card_id, item.step_id)

    def toggle_step(self, card_id: str, step_id: str) -> bool:
        """Check or uncheck a step; returns whether it is now checked."""
        with self._changing():
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
            status = self.view(card_id).status
            if checked and status is Status.DONE:
                if card.follow_up:
                    self.set_follow_up(card_id, None)
                self._log(card, "card.all_done")
            elif checked and step.type == StepType.WAIT and step.wait_days:
                when = self.today() + _dt.timedelta(days=step.wait_days)
                self.set_follow_up(card_id, when, reason=step_id)
            return checked
