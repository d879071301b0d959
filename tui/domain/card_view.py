"""What the screens are given about a card: its view (the card, its playbook, where
its steps stand and its status), a change to it, and a deleted card kept for undo."""

from __future__ import annotations

from dataclasses import dataclass, field

from tui.domain.hotline_choice import Offer
from tui.library.issuers import Issuer
from tui.library.playbook import ChecklistItem, Playbook, StepType, Text
from tui.records.kinds import Status
from tui.records.model import Card, LogEntry


@dataclass(frozen=True)
class Deletion:
    """A deleted card as the tracker keeps it for undo, within this session only."""

    card: Card
    progress: dict[str, dict[str, dict]]  # every checklist's marks (Store.checklists)
    secrets: dict[str, str] = field(default_factory=dict)
    left_behind: tuple[str, ...] = ()  # identifiers the backend did not delete
    place: int | None = None  # where it was in the list (Store.delete_card)
    sealed: dict[str, bytes] = field(default_factory=dict)  # its attachments, still encrypted


@dataclass(frozen=True)
class CardChange:
    """What one change did to one card: the card as it is after it, the log entries
    it wrote (oldest first), and for a step toggle whether the step is now checked."""

    view: CardView
    logged: tuple[LogEntry, ...]
    checked: bool = False


@dataclass(frozen=True)
class CardView:
    """A card with its playbook, where its steps stand, where its intent is done
    as its issuer's procedures say (tui.domain.channels: "in-person", "phone", ...;
    () when they do not say), whether what it held is gone with it (`balance_gone`:
    tui.domain.money_owed.balance_counts says it no longer counts as owed), and
    whether it was marked lost with the wallet in lost-wallet mode and not found again
    since (`lost_with_wallet`: tui.domain.money_owed.marked_lost; Tracker.found_again
    takes the mark back)."""

    card: Card
    playbook: Playbook | None
    items: tuple[ChecklistItem, ...]
    status: Status
    channels: tuple[str, ...] = ()
    balance_gone: bool = False
    lost_with_wallet: bool = False

    @property
    def done_count(self) -> int:
        return sum(1 for item in self.items if item.done and not item.retired)

    @property
    def step_count(self) -> int:
        return sum(1 for item in self.items if not item.retired)


# steps whose being done means the issuer was reached: called, visited, written to
# online or by SMS, waited on, or its reference recorded (what the user does on their
# own, an `action` step such as "Plan first", is not, unless proof was recorded for it)
REACHED = frozenset({StepType.CALL, StepType.VISIT, StepType.ONLINE, StepType.SMS,
                     StepType.WAIT, StepType.RECORD})


def derive_status(card: Card, items: list[ChecklistItem]) -> Status:
    """Abandoned if the user said so; otherwise read off the checked steps. A card with
    a follow-up date is waiting until every step is done once the issuer was reached
    (a REACHED step done, a number called or proof recorded for a step); before that
    the date is a day to come back to it, which claims nothing: the card stays not
    started or in progress (and is due all the same: Tracker.due)."""
    if card.abandoned:
        return Status.ABANDONED
    current = [item for item in items if not item.retired]
    done = sum(1 for item in current if item.done)
    if current and done == len(current):
        return Status.DONE
    if card.follow_up and any(_reached(item) for item in items):
        return Status.WAITING
    if not current or done == 0:
        return Status.ACTIVE
    first_open = next(item for item in current if not item.done)
    if first_open.step is not None and first_open.step.type == StepType.WAIT:
        return Status.WAITING
    return Status.IN_PROGRESS


def _reached(item: ChecklistItem) -> bool:
    """Whether the step, checked, says the issuer was reached."""
    if not item.done:
        return False
    return item.proof or bool(item.called) or (
        item.step is not None and item.step.type in REACHED
    )


def titles_of(progress: dict[str, dict]) -> dict[str, Text]:
    return {step_id: Text.from_doc(mark.get("title")) for step_id, mark in progress.items()}


def called_of(progress: dict[str, dict]) -> dict[str, str]:
    """The number called for each checked step that has one (Tracker.record_call)."""
    return {step_id: mark["called"] for step_id, mark in progress.items() if mark.get("called")}


def proven_of(progress: dict[str, dict]) -> frozenset[str]:
    """The checked steps with proof recorded (Tracker.record_evidence)."""
    return frozenset(step_id for step_id, mark in progress.items() if mark.get("evidence"))


@dataclass(frozen=True)
class IssuerFacts:
    """A card's issuer as the steps pane shows it (Tracker.issuer_facts): the
    directory entry it links to, the numbers to call (best first), the issuers
    its text may mean when it links to none, where the card's intent is done
    (tui.domain.channels: "in-person", "phone", ...; () when the issuer does not say),
    and the issuer of another kind its text names when it links to none ("ICBC" typed
    for an eSIM: the bank, whose numbers are not offered)."""

    issuer: Issuer | None
    offers: tuple[Offer, ...]
    suggestions: tuple[Issuer, ...] = ()
    channels: tuple[str, ...] = ()
    other_kind: Issuer | None = None
