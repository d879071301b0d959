"""Playbooks: the ordered steps for a card kind and intent, in English and Chinese.

For a card's kind and intent the most specific playbook wins: the issuer's own, then
one written for the card's region (`regions: [CN]`), then the generic one. Progress is
kept by step id, so `checklist` also reports steps a card had checked that have since
left the playbook ("retired").
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from tui.library.regions import CODE_ALIASES, typed_code
from tui.records.kinds import Intent, Kind

FALLBACK_LANG = "en"
# what this module has always called reading a region code as typed ("uk" -> "GB")
region_code = typed_code


def region_problem(code: str) -> str | None:
    """Why `code` is not a region a playbook can name (None: it can): an upper-case
    ISO 3166 alpha-2 code that phonenumbers knows (its SUPPORTED_REGIONS), or UK
    (read as GB)."""
    import phonenumbers  # deferred: only needed when content is checked

    known = set(phonenumbers.SUPPORTED_REGIONS) | set(CODE_ALIASES)
    if code in known:
        return None
    if code.upper() in known:
        return f"{code!r}: write region codes in capitals ({code.upper()})"
    return f"{code!r} is not an ISO 3166 region code (e.g. CN, US, GB, HK)"


class StepType(StrEnum):
    ACTION = "action"
    CALL = "call"
    VISIT = "visit"
    ONLINE = "online"
    SMS = "sms"  # a text message sent from the phone (a port-out code by SMS)
    WAIT = "wait"
    RECORD = "record"


@dataclass(frozen=True)
class Text:
    """One piece of content text in every language it was written in."""

    by_lang: Mapping[str, str]

    def get(self, lang: str) -> str:
        return self.by_lang.get(lang) or self.by_lang.get(FALLBACK_LANG, "")

    def every(self, lang: str) -> list[str]:
        """The text in every language it has, `lang`'s first, each once (中国工商银行,
        then Industrial and Commercial Bank of China, for a reader of Chinese)."""
        return list(dict.fromkeys(filter(None, (self.get(lang), *self.by_lang.values()))))

    @classmethod
    def from_doc(cls, doc: Mapping[str, str] | None) -> Text:
        """The text of `doc` ({language: text}); no text (None, {}) is EMPTY_TEXT, one
        object for the many notes, hours and conflicts content leaves out."""
        return cls(dict(doc)) if doc else EMPTY_TEXT


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
    regions: tuple[str, ...] = ()  # ISO 3166 codes it is written for; () = everywhere

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
            regions=tuple(typed_code(r) or r for r in doc.get("regions", ())),
        )

    def step(self, step_id: str) -> Step | None:
        return next((s for s in self.steps if s.id == step_id), None)


@dataclass(frozen=True)
class ChecklistItem:
    """A step as one card sees it: checked or not, current or retired, whether proof
    was recorded for it (`proof`), and for a call made from the lost-wallet list, the
    number called as it was dialled (`called`, e.g. "+86 10 95588" from abroad; ""
    when none was recorded)."""

    step_id: str
    title: Text
    step: Step | None
    done: bool
    retired: bool = False
    called: str = ""
    proof: bool = False


def issuer_key(issuer: str) -> str:
    """The form an issuer name is matched in: lower case, words joined by '-'."""
    return "-".join(issuer.lower().split())


ISSUER, REGION, GENERIC = 3, 2, 1


def _level(playbook: Playbook, key: str, region: str) -> int:
    """How specifically `playbook` fits a card of issuer `key` and `region`: ISSUER,
    REGION, GENERIC, or 0 when it does not apply to that card."""
    in_region = region in playbook.regions
    if playbook.issuer is not None:
        if not key or issuer_key(playbook.issuer) != key:
            return 0
        return ISSUER if in_region or not playbook.regions or not region else 0
    if playbook.regions:
        return REGION if in_region else 0
    return GENERIC


class PlaybookLibrary:
    """Every playbook that loaded, found by kind, intent, issuer and region."""

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

    def find(
        self, kind: Kind, intent: Intent, issuer: str = "", region: str = ""
    ) -> Playbook | None:
        """The most specific playbook for a card of `kind` and `intent`, or None.

        `issuer` is the card's issuer as typed (matched by `issuer_key`); `region` an
        ISO 3166 code ("CN", "GB"; "UK" is read as GB; "" when unknown). In order: the
        issuer's own playbook (if it names regions, only for a card in one of them or
        of unknown region), then one whose `regions` hold `region`, then the generic
        one (no issuer, no regions). At the same level the user's own playbook wins
        over the shipped one.
        """
        key = issuer_key(issuer) if issuer else ""
        code = typed_code(region)
        best: Playbook | None = None
        best_rank = (0, False)
        for playbook in self._by_id.values():
            if playbook.kind != kind or playbook.intent != intent:
                continue
            level = _level(playbook, key, code)
            rank = (level, playbook.from_user)
            if level and rank > best_rank:
                best, best_rank = playbook, rank
        return best

    def intents_for(self, kind: Kind) -> list[Intent]:
        """The intents a card of this kind has a playbook for, in Intent order."""
        found = {p.intent for p in self._by_id.values() if p.kind == kind}
        return [intent for intent in Intent if intent in found]


def checklist(
    playbook: Playbook | None,
    done: Mapping[str, Text],
    called: Mapping[str, str] | None = None,
    proven: Collection[str] = (),
) -> list[ChecklistItem]:
    """The playbook's steps with their marks, then the retired steps still checked.

    `done` maps each checked step id to the title it had when it was checked, so a
    step that has since left the playbook still shows under its old name; `called`
    maps a checked step id to the number called for it, as recorded; `proven` holds
    the checked steps with proof recorded.
    """
    called = called or {}
    items: list[ChecklistItem] = []
    current: set[str] = set()
    if playbook is not None:
        for step in playbook.steps:
            current.add(step.id)
            checked = step.id in done
            number = called.get(step.id, "") if checked else ""
            proof = checked and step.id in proven
            items.append(ChecklistItem(step.id, step.title, step, checked, False, number, proof))
    for step_id, title in done.items():
        if step_id not in current:
            number, proof = called.get(step_id, ""), step_id in proven
            items.append(ChecklistItem(step_id, title, None, True, True, number, proof))
    return items
