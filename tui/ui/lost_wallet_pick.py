"""Lost-wallet mode's first dialog (`L`): which cards were in the wallet. The open
cards are listed, those marked as carried in it (or reported lost already) picked to
start with; Enter asks
before switching the picked cards to their report-lost checklist, then the list of
whom to call opens (tui/ui/lost_wallet.py)."""

from __future__ import annotations

from collections.abc import Callable

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


class LostWalletPick(DialogScreen[list[str] | None]):
    """Which cards were lost: the open cards (not done, not abandoned), those carried in
    the wallet and those already following report-lost picked to start with. Enter
    asks before switching any card's intent;
    `switches(card_ids)`: those of the picked cards that would switch (the domain's
    rule, Tracker.lost_switches: not one that follows report-lost already, nor one
    that cannot be reported lost)."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="lost.cancel"),
        Binding("enter", "go", "Report these lost", id="lost.go", priority=True),
    ]

    def __init__(
        self, views: list[CardView], switches: Callable[[list[str]], list[str]]
    ) -> None:
        super().__init__(classes="dialog")
        self.views = [v for v in views if v.status not in (Status.DONE, Status.ABANDONED)]
        self.switches = switches

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
        """Ask before switching the picked cards to report lost, naming how many
        switch and that what was checked on each is kept; picked cards that switch
        nothing (they follow it already, or cannot be reported lost) are not asked
        about."""
        from tui.ui.dialogs import ConfirmDialog  # when first needed

        chosen = list(self.query_one(CardPicks).selected)
        if not chosen:
            self.app.bell()
            self.app.notify(self.app.t("lost.none_picked"), severity="warning")
            return
        picked = set(self.switches(chosen))
        switching = [whose_label(v.card, self.app.t) for v in self.views if v.card.id in picked]
        if not switching:
            self.dismiss(chosen)
            return
        named = self.app.t("lost.separator").join(switching[:NAMED_AT_MOST])
        if len(switching) > NAMED_AT_MOST:
            named += ", …"
        question = self.app.t("lost.confirm", count=len(switching), labels=named)

        def answered(yes: bool | None) -> None:
            if yes:
                self.dismiss(chosen)

        self.app.push_screen(ConfirmDialog(question), answered)

    def action_cancel(self) -> None:
        self.dismiss(None)
