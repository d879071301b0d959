"""Cards in bulk, in and out: what importers and exports read and write, through the
tracker. A mixin for Tracker (which supplies the store, the clock, the lock and the
logging), so that the tracker stays the only door to the store: no importer, export
or command touches the store itself (tests/test_layers.py checks it)."""

from __future__ import annotations

from collections.abc import Iterable

from tui.records.card_fields import CardFields
from tui.records.model import Card, LogEntry


class CardTransfer:
    def cards(self) -> list[Card]:
        """Every readable card, in the data file's order (damaged records left out: see
        damaged_records)."""
        return self.store.cards()

    def progress(self, card_id: str) -> dict[str, dict]:
        """The step marks of the card's checklist (its kind and intent now): step id ->
        {"at": ISO time, …}; {} for none."""
        return self.store.progress(card_id)

    def kept_progress(self, card_id: str) -> dict[str, dict[str, dict]]:
        """The step marks the card keeps from the intents it had before (those of its
        other checklists): "kind/intent" -> step id -> mark; {} for none."""
        own = self._card(card_id).checklist
        return {k: v for k, v in self.store.checklists(card_id).items() if k != own}

    def damaged_card_ids(self) -> set[str]:
        """Ids of card records the data file holds but cannot be read."""
        return {record.record_id for record in self.store.damaged() if record.table == "cards"}

    def bring_in(
        self, cards: Iterable[tuple[Card, dict[str, dict[str, dict]], list[LogEntry]]]
    ) -> None:
        """Save exported cards as they were, each with its step marks by checklist
        ("kind/intent" -> step id -> mark: its own and those kept from intents it had
        before) and log entries (oldest first), in one transaction: all of them or, if
        the disk refuses, none (TrackerError, as every change). The caller has checked
        them (check_fields) and their ids are new."""
        with self._changing():
            for card, checklists, log in cards:
                self.store.save_card(card)
                if any(checklists.values()):
                    self.store.set_checklists(card.id, checklists)
                for entry in log:
                    self.store.append_log(entry)

    def add_imported(self, fields: Iterable[CardFields]) -> list[Card]:
        """New cards from checked fields (a CSV import), each logged "card.imported",
        in one transaction: all of them or none (TrackerError). Returns the cards."""
        added = []
        with self._changing():
            for item in fields:
                card = Card.create(item, self.clock())
                self.store.save_card(card)
                self._log(card, "card.imported", kind=card.kind.value, intent=card.intent.value)
                added.append(card)
        return added

    def close(self) -> None:
        """Let go of the data file (a command's last step); nothing is written after."""
        self.store.close()
