"""A card's step progress as the store keeps it: one record per card in the `progress`
table, its marks by checklist. A mixin for Store (which supplies the tables, the index
of records by card, transactions and the cards); kept apart so store.py stays about
the file, its lock and its transactions. No Textual, no Rich.

A record is {"card_id": id, "checklists": {"kind/intent": {step id: mark}}}, a mark
{"at": ISO time, "title": {lang: text}, "evidence": {…}, "called": number}
(tui.records.record_schema).
The checklist of a card is its kind and intent now (tui.records.model.Card.checklist):
marks made under another one are kept, and never read as this one's.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from tui.storage.migrations import UNSORTED


def _replace_with(doc: dict) -> Callable[[dict], None]:
    """A TinyDB update that makes a record `doc` exactly (an update with a dict merges
    it into the record, keeping keys it does not name)."""

    def replace(record: dict) -> None:
        record.clear()
        record.update(doc)

    return replace


class ProgressRecords:
    def _progress_doc(self, card_id: str) -> dict | None:
        tables, index = self._indexed()
        return tables.get("progress", {}).get(index.progress.get(card_id, ""))

    def _checklist_of(self, card_id: str) -> str:
        card = self.card(card_id)
        if card is None:
            raise KeyError(f"no card {card_id}: name the checklist")
        return card.checklist

    def progress(self, card_id: str, checklist: str | None = None) -> dict[str, dict]:
        """The marks of one checklist of the card: the card's own (its kind and intent
        now) unless `checklist` names another; {} for none, or for a card not here."""
        doc = self._progress_doc(card_id)
        if doc is None:
            return {}
        if checklist is None:
            card = self.card(card_id)
            if card is None:
                return {}
            checklist = card.checklist
        return {k: dict(v) for k, v in doc["checklists"].get(checklist, {}).items()}

    def checklists(self, card_id: str) -> dict[str, dict[str, dict]]:
        """Every checklist's marks of the card, the card's own and those kept from the
        intents it had before: {"kind/intent": {step id: mark}}."""
        doc = self._progress_doc(card_id)
        return {k: dict(v) for k, v in doc["checklists"].items()} if doc else {}

    def all_progress(self) -> dict[str, dict[str, dict[str, dict]]]:
        """Every card's checklists (as `checklists`), by card id."""
        return {doc["card_id"]: dict(doc["checklists"]) for doc in self._progress.all()}

    def unsorted_progress(self) -> list[str]:
        """The card ids whose progress record came from a version 3 file with its marks
        all under the card's checklist, not yet sorted by the playbooks (migrations
        UNSORTED; tui.domain.upgraded_marks sorts them). Record order; [] for none."""
        tables, index = self._indexed()
        table = tables.get("progress", {})
        return [
            card_id
            for card_id, key in index.progress.items()
            if isinstance(table.get(key), Mapping) and table[key].get(UNSORTED)
        ]

    def set_progress(
        self, card_id: str, steps: Mapping[str, dict], checklist: str | None = None
    ) -> None:
        """Replace the marks of one checklist of the card (the card's own unless
        `checklist` names another; KeyError when the card is not here and none is
        named); the other checklists' marks are kept as they are."""
        with self.transaction():
            key = checklist if checklist is not None else self._checklist_of(card_id)
            kept = self.checklists(card_id)
            kept[key] = dict(steps)
            self.set_checklists(card_id, kept)

    def set_checklists(self, card_id: str, checklists: Mapping[str, Mapping[str, dict]]) -> None:
        """Replace every checklist's marks of the card (a restored or imported card, or
        one whose upgraded marks were sorted); checklists without marks are not kept,
        nor is the record's UNSORTED field."""
        with self.transaction():
            kept = {key: dict(marks) for key, marks in checklists.items() if marks}
            doc = {"card_id": card_id, "checklists": kept}
            index = self._indexed()[1]
            key = index.progress.get(card_id)
            if key is not None:
                # replaced whole: an update would merge the old checklists back in
                self._progress.update(_replace_with(doc), doc_ids=[int(key)])
            else:
                index.progress[card_id] = str(self._progress.insert(doc))
