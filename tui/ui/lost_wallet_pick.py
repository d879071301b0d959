"""Lost-wallet mode's first dialog (`L`): which cards were in the wallet. The open
cards are listed, those marked as carried in it (or reported lost already) picked to
start with; Enter asks
before anything is written (picked cards switched to their report-lost checklist,
bearer cards marked lost with the wallet), naming both, then the list of whom to
call opens (tui/ui/lost_wallet.py)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.text import Text as RichText
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from tui.domain.card_view import CardView
from tui.records.kinds import Intent, Status
from tui.ui.dialog_screen import DialogScreen
from tui.ui.labels import localise_bindings, whose_label
from tui.ui.list_ends import LIST_KEYS
from tui.ui.pick_marks import PickList


class CardPicks(PickList):
    """The cards to pick from; j k g G move as in every list; an unpicked card's box
    is empty (not only another colour)."""

    # space picks or unpicks (SelectionList's own key, named in the key bar)
    BINDINGS = [*LIST_KEYS, Binding("space", "select", "Pick", id="lost.pick")]


# at most this many labels are named in the confirmation, then "…"
NAMED_AT_MOST = 6


@dataclass(frozen=True)
class LostChanges:
    """What reporting the picked cards lost would write, as the tracker's rules say:
    `switches(card_ids)`: those switched to their report-lost checklist
    (Tracker.lost_switches); `marks(card_ids)`: those marked lost with the wallet, as
    they cannot be reported lost (Tracker.lost_marks)."""

    switches: Callable[[list[str]], list[str]]
    marks: Callable[[list[str]], list[str]]


class LostWalletPick(DialogScreen[list[str] | None]):
    """Which cards were lost: the open cards (not done, not abandoned), those carried in
    the wallet and those already following report-lost picked to start with. Enter
    asks before anything is written: `changes` says which of the picked cards would
    switch to their report-lost checklist and which would be marked lost with the
    wallet (the domain's rules, LostChanges)."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="lost.cancel"),
        Binding("enter", "go", "Report these lost", id="lost.go", priority=True),
    ]

    def __init__(
        self, views: list[CardView], changes: LostChanges
    ) -> None:
        super().__init__(classes="dialog")
        self.views = [v for v in views if v.status not in (Status.DONE, Status.ABANDONED)]
        self.changes = changes

    def compose(self) -> ComposeResult:
        t = self.app.t
        localise_bindings(self, t)
        with Vertical(classes="dialog-box lost-box") as box:
            box.border_title = t("lost.pick_title")
            yield Static(t("lost.pick_body"))
            picks = CardPicks(
                *(
                    # a label is text as typed, never markup (e.g. "Visa [old]")
                    (
                        RichText(f"{whose_label(v.card, t)} · {t(f'kind.{v.card.kind.value}')}"),
                        v.card.id,
                        # carried, or reported lost already and still open: a list
                        # opened again goes on with the calls not made yet
                        v.card.carried or v.card.intent == Intent.REPORT_LOST,
                    )
                    for v in self.views
                ),
                id="lost-cards",
            )
            localise_bindings(picks, t)
            yield picks
            yield Static(t("lost.pick_hint"), classes="dialog-hint")

    def action_go(self) -> None:
        """Ask before anything is written: name the picked cards that switch to their
        report-lost checklist (what was checked on each is kept) and those marked lost
        with the wallet (what they held stops counting as owed, and how to take that
        back). Picked cards that change nothing (they follow report-lost already, or
        are marked lost already) are not asked about; with none, the calls open."""
        from tui.ui.dialogs import ConfirmDialog  # when first needed

        t = self.app.t
        chosen = list(self.query_one(CardPicks).selected)
        if not chosen:
            self.app.bell()
            self.app.notify(t("lost.none_picked"), severity="warning")
            return
        switching = self._labels(self.changes.switches(chosen))
        marking = self._labels(self.changes.marks(chosen))
        if not switching and not marking:
            self.dismiss(chosen)
            return
        parts = []
        if switching:
            parts.append(t("lost.confirm", count=len(switching), labels=self._named(switching)))
        if marking:
            parts.append(t("lost.confirm_marks", labels=self._named(marking)))
        parts.append(t("lost.ask_go" if marking else "lost.ask_switch"))
        question = t("text.sentence_gap").join(parts)

        def answered(yes: bool | None) -> None:
            if yes:
                self.dismiss(chosen)

        self.app.push_screen(ConfirmDialog(question), answered)

    def _labels(self, card_ids: list[str]) -> list[str]:
        """The labels of `card_ids` (whose card, when not the user's), in list order."""
        wanted = set(card_ids)
        return [whose_label(v.card, self.app.t) for v in self.views if v.card.id in wanted]

    def _named(self, labels: list[str]) -> str:
        """Up to NAMED_AT_MOST labels, then "…"."""
        named = self.app.t("lost.separator").join(labels[:NAMED_AT_MOST])
        return named + ", …" if len(labels) > NAMED_AT_MOST else named

    def action_cancel(self) -> None:
        self.dismiss(None)
