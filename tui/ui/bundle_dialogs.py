"""Adding cards from a bundle (`b`, or the palette's "Add from a bundle"): pick a
bundle (tui.library.bundles), then a checklist of the cards it would add (label,
kind, intent), every one ticked; space unticks what does not apply, `i` switches the
highlighted card's intent among those the bundle offers for it, the region field
holds the region every card gets, and Enter adds exactly the ticked cards. Escape
adds nothing.

The dialogs are given the bundles and return what was chosen; the app adds the
cards (tui.ui.card_actions)."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text as RichText
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from tui.library.bundles import Bundle, BundleCard
from tui.records.model import Intent
from tui.ui.dialog_screen import DialogScreen
from tui.ui.labels import localise_bindings
from tui.ui.lost_wallet import LIST_KEYS
from tui.ui.pick_marks import PickList


@dataclass(frozen=True)
class BundlePicks:
    """What the checklist gave: each ticked card (its index in the bundle) with the
    intent chosen for it, in the bundle's order, and the region typed."""

    bundle: Bundle
    cards: tuple[tuple[int, Intent], ...]
    region: str


class BundleList(OptionList):
    """The bundles; j k g G move as in every list."""

    BINDINGS = LIST_KEYS


class BundleChoice(DialogScreen[Bundle | None]):
    """Which bundle to add cards from: its title and summary; Enter picks it."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="bundle.cancel")]
    KEY_BAR_KEEPS = ("bundle.cancel",)

    def __init__(self, bundles: list[Bundle]) -> None:
        super().__init__(classes="dialog")
        self.bundles = bundles

    def compose(self) -> ComposeResult:
        t, lang = self.app.t, self.app.t.lang
        localise_bindings(self, t)
        with Vertical(classes="dialog-box bundle-box") as box:
            box.border_title = t("bundle.choose_title")
            options = []
            for index, bundle in enumerate(self.bundles):
                line = RichText(bundle.title.get(lang), style="bold")
                if summary := bundle.summary.get(lang):
                    line.append("\n" + summary, style="")
                options.append(Option(line, id=str(index)))
            yield BundleList(*options, id="bundle-list")
            yield Static(t("bundle.choose_hint"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.set_focus(self.query_one(BundleList))

    @on(OptionList.OptionSelected, "#bundle-list")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.bundles[int(event.option.id or 0)])

    def action_cancel(self) -> None:
        self.dismiss(None)


class BundleCardPicks(PickList):
    """The cards a bundle would add; space ticks or unticks, `i` switches the intent."""

    BINDINGS = [
        *LIST_KEYS,
        Binding("space", "select", "Tick", id="bundle.tick"),
        Binding("i", "screen.next_intent", "Intent", id="bundle.intent"),
    ]


class BundleChecklist(DialogScreen[BundlePicks | None]):
    """The cards `bundle` would add, all ticked; Enter adds the ticked ones."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="bundle.cancel"),
        Binding("enter", "go", "Add these", id="bundle.go", priority=True),
    ]
    KEY_BAR_KEEPS = ("bundle.go", "bundle.cancel", "bundle.tick", "bundle.intent")

    def __init__(self, bundle: Bundle, region: str) -> None:
        super().__init__(classes="dialog")
        self.bundle = bundle
        self.start_region = region
        self.intents = [card.intent for card in bundle.cards]

    def _line(self, index: int) -> RichText:
        """`label · kind · intent` (the label as text, never markup)."""
        t, card = self.app.t, self.bundle.cards[index]
        intent = t(f"intent.{self.intents[index].value}")
        more = " ↔" if len(card.intents) > 1 else ""
        kind = t(f"kind.{card.kind.value}")
        return RichText(f"{card.label.get(t.lang)} · {kind} · {intent}{more}")

    def compose(self) -> ComposeResult:
        t = self.app.t
        localise_bindings(self, t)
        with Vertical(classes="dialog-box bundle-box") as box:
            box.border_title = self.bundle.title.get(t.lang)
            yield Static(t("bundle.checklist_body"))
            picks = BundleCardPicks(
                *((self._line(i), i, True) for i in range(len(self.bundle.cards))),
                id="bundle-cards",
            )
            localise_bindings(picks, t)
            yield picks
            region = Input(
                self.start_region,
                placeholder=t("form.region_placeholder"),
                id="bundle-region",
                max_length=80,
            )
            region.border_title = t("bundle.region")
            yield region
            yield Static(t("bundle.checklist_hint"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.set_focus(self.query_one(BundleCardPicks))

    def action_next_intent(self) -> None:
        """The highlighted card's next intent of those the bundle offers for it."""
        picks = self.query_one(BundleCardPicks)
        index = picks.highlighted
        if index is None:
            return
        offered: tuple[Intent, ...] = self.bundle.cards[index].intents
        if len(offered) < 2:
            self.app.bell()
            return
        self.intents[index] = offered[(offered.index(self.intents[index]) + 1) % len(offered)]
        picks.replace_option_prompt_at_index(index, self._line(index))

    def action_go(self) -> None:
        ticked = sorted(self.query_one(BundleCardPicks).selected)
        if not ticked:
            self.app.bell()
            self.app.notify(self.app.t("bundle.none_ticked"), severity="warning")
            return
        region = self.query_one("#bundle-region", Input).value.strip()
        cards = tuple((i, self.intents[i]) for i in ticked)
        self.dismiss(BundlePicks(self.bundle, cards, region))

    def action_cancel(self) -> None:
        self.dismiss(None)


def ticked_cards(picks: BundlePicks) -> list[tuple[BundleCard, Intent]]:
    """The bundle's ticked cards with the intent chosen for each, in its order."""
    return [(picks.bundle.cards[index], intent) for index, intent in picks.cards]
