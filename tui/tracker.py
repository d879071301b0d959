"""The tracker: the rules of the work, between the store, the content and the UI.

It decides what a card's status is, what "done" means, and what gets logged. The
UI calls its methods and shows what they return; it never opens the store itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from tui.clock import Clock, system_clock
from tui.model import Card, CardFields, Intent, Kind, LogEntry, Status
from tui.playbook import (
    ChecklistItem,
    Playbook,
    PlaybookLibrary,
    StepType,
    Text,
    checklist,
)
from tui.store import Store


class TrackerError(Exception):
    """A request the tracker cannot carry out; `key` is a UI string key."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


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
    """Abandoned if the user said so; otherwise read off the checked steps."""
    if card.abandoned:
        return Status.ABANDONED
    current = [item for item in items if not item.retired]
    done = sum(1 for item in current if item.done)
    if not current or done == 0:
        return Status.ACTIVE
    if done == len(current):
        return Status.DONE
    first_open = next(item for item in current if not item.done)
    if first_open.step is not None and first_open.step.type == StepType.WAIT:
        return Status.WAITING
    return Status.IN_PROGRESS


def _titles(progress: dict[str, dict]) -> dict[str, Text]:
    return {step_id: Text.from_doc(mark.get("title")) for step_id, mark in progress.items()}


class Tracker:
    def __init__(self, store: Store, library: PlaybookLibrary, clock: Clock = system_clock):
        self.store = store
        self.library = library
        self.clock = clock
        self._deleted: list[tuple[Card, dict[str, dict]]] = []

    # reading
    def playbook_for(self, card: Card) -> Playbook | None:
        return self.library.find(card.kind, card.intent, card.issuer)

    def intents_for(self, kind: Kind | str) -> list[Intent]:
        return self.library.intents_for(Kind(kind))

    def _view(self, card: Card, progress: dict[str, dict]) -> CardView:
        playbook = self.playbook_for(card)
        items = checklist(playbook, _titles(progress))
        return CardView(card, playbook, tuple(items), derive_status(card, items))

    def views(self) -> list[CardView]:
        progress = self.store.all_progress()
        cards = sorted(self.store.cards(), key=lambda c: c.created)
        return [self._view(card, progress.get(card.id, {})) for card in cards]

    def view(self, card_id: str) -> CardView:
        card = self._card(card_id)
        return self._view(card, self.store.progress(card_id))

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
        return self.store.log(card_id)

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

    def _log(self, card: Card, event: str, **params: object) -> None:
        entry = LogEntry(self.clock(), card.id, card.label, event, params=dict(params))
        self.store.append_log(entry)

    def add_card(self, fields: CardFields) -> Card:
        card = Card.create(self._check_intent(fields), self.clock())
        self.store.save_card(card)
        self._log(card, "card.added", kind=card.kind.value, intent=card.intent.value)
        return card

    def edit_card(self, card_id: str, fields: CardFields) -> Card:
        before = self._card(card_id)
        after = before.edited(self._check_intent(fields), self.clock())
        old, new = before.to_doc(), after.to_doc()
        changed = [k for k in old if k not in ("updated", "created") and old[k] != new[k]]
        if not changed:
            return before
        self.store.save_card(after)
        self._log(after, "card.edited", fields=changed)
        if self.playbook_for(before) != self.playbook_for(after):
            playbook = self.playbook_for(after)
            self._log(after, "card.playbook_changed", playbook=playbook.id if playbook else "")
        return after

    def delete_card(self, card_id: str) -> Card:
        card = self._card(card_id)
        progress = self.store.progress(card_id)
        self.store.delete_card(card_id)
        self._deleted.append((card, progress))
        self._log(card, "card.deleted")
        return card

    def undo_delete(self) -> Card | None:
        """Bring back the card deleted last in this session, with its progress."""
        if not self._deleted:
            return None
        card, progress = self._deleted.pop()
        self.store.save_card(card)
        if progress:
            self.store.set_progress(card.id, progress)
        self._log(card, "card.restored")
        return card

    def toggle_step(self, card_id: str, step_id: str) -> bool:
        """Check or uncheck a step; returns whether it is now checked."""
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
            self._log(card, "card.all_done")
        return checked
