"""Playbooks: the ordered steps for a card kind and intent, in English and Chinese.

A playbook for a specific issuer overrides the generic one for its kind and
intent. Progress is kept by step id, so `checklist` also reports steps a card
had checked that have since left the playbook ("retired").
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from tui.model import Intent, Kind

FALLBACK_LANG = "en"


class StepType(StrEnum):
    ACTION = "action"
    CALL = "call"
    VISIT = "visit"
    ONLINE = "online"
    WAIT = "wait"
    RECORD = "record"


@dataclass(frozen=True)
class Text:
    """One piece of content text in every language it was written in."""

    by_lang: Mapping[str, str]

    def get(self, lang: str) -> str:
        return self.by_lang.get(lang) or self.by_lang.get(FALLBACK_LANG, "")

    @classmethod
    def from_doc(cls, doc: Mapping[str, str] | None) -> Text:
        return cls(dict(doc or {}))


EMPTY_TEXT = Text({})


@dataclass(frozen=True)
class Step:
    id: str
    type: StepType
    title: Text
    detail: Text = EMPTY_TEXT
    wait_days: int | None = None
    warnings: tuple[Text, ...] = ()
    needs: tuple[Text, ...] = ()
    asks: str | None = None  # "balance" or "refund": what checking the step asks for

    @classmethod
    def from_doc(cls, doc: Mapping) -> Step:
        return cls(
            id=doc["id"],
            type=StepType(doc["type"]),
            title=Text.from_doc(doc["title"]),
            detail=Text.from_doc(doc.get("detail")),
            wait_days=doc.get("wait_days"),
            warnings=tuple(Text.from_doc(w) for w in doc.get("warnings", ())),
            needs=tuple(Text.from_doc(n) for n in doc.get("needs", ())),
            asks=doc.get("asks"),
        )


@dataclass(frozen=True)
class Playbook:
    id: str
    kind: Kind
    intent: Intent
    title: Text
    steps: tuple[Step, ...]
    summary: Text = EMPTY_TEXT
    issuer: str | None = None
    source: Path | None = None
    from_user: bool = False

    @classmethod
    def from_doc(
        cls, doc: Mapping, source: Path | None = None, from_user: bool = False
    ) -> Playbook:
        return cls(
            id=doc["id"],
            kind=Kind(doc["kind"]),
            intent=Intent(doc["intent"]),
            title=Text.from_doc(doc["title"]),
            summary=Text.from_doc(doc.get("summary")),
            steps=tuple(Step.from_doc(s) for s in doc["steps"]),
            issuer=doc.get("issuer"),
            source=source,
            from_user=from_user,
        )

    def step(self, step_id: str) -> Step | None:
        return next((s for s in self.steps if s.id == step_id), None)


@dataclass(frozen=True)
class ChecklistItem:
    """A step as one card sees it: checked or not, current or retired."""

    step_id: str
    title: Text
    step: Step | None
    done: bool
    retired: bool = False


def issuer_key(issuer: str) -> str:
    """The form an issuer name is matched in: lower case, words joined by '-'."""
    return "-".join(issuer.lower().split())


class PlaybookLibrary:
    """Every playbook that loaded, found by kind, intent and issuer."""

    def __init__(self, playbooks: Iterable[Playbook]) -> None:
        self._by_id: dict[str, Playbook] = {}
        for playbook in playbooks:
            self._by_id[playbook.id] = playbook

    def __len__(self) -> int:
        return len(self._by_id)

    def __iter__(self):
        return iter(self._by_id.values())

    def get(self, playbook_id: str) -> Playbook | None:
        return self._by_id.get(playbook_id)

    def find(self, kind: Kind, intent: Intent, issuer: str = "") -> Playbook | None:
        """The issuer's own playbook if there is one, else the generic one."""
        key = issuer_key(issuer) if issuer else ""
        generic = None
        for playbook in self._by_id.values():
            if playbook.kind != kind or playbook.intent != intent:
                continue
            if playbook.issuer is None:
                # the user's own generic playbook wins over the shipped one
                if generic is None or (playbook.from_user and not generic.from_user):
                    generic = playbook
            elif key and issuer_key(playbook.issuer) == key:
                return playbook
        return generic

    def intents_for(self, kind: Kind) -> list[Intent]:
        """The intents a card of this kind has a playbook for, in Intent order."""
        found = {p.intent for p in self._by_id.values() if p.kind == kind}
        return [intent for intent in Intent if intent in found]


def checklist(playbook: Playbook | None, done: Mapping[str, Text]) -> list[ChecklistItem]:
    """The playbook's steps with their marks, then the retired steps still checked.

    `done` maps each checked step id to the title it had when it was checked, so a
    step that has since left the playbook still shows under its old name.
    """
    items: list[ChecklistItem] = []
    current: set[str] = set()
    if playbook is not None:
        for step in playbook.steps:
            current.add(step.id)
            items.append(ChecklistItem(step.id, step.title, step, step.id in done))
    for step_id, title in done.items():
        if step_id not in current:
            items.append(ChecklistItem(step_id, title, None, True, retired=True))
    return items
