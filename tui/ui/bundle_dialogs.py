"""Adding cards from a bundle (`b`, or the palette's "Add from a bundle"): pick a
bundle (tui.library.bundles), then a checklist of the cards it would add (label,
kind, intent), every one ticked but those already in the list (same label, kind and
owner: marked so, and unticked); space unticks what does not apply, `i` switches the
highlighted card's intent among those the bundle offers for it, the region field
holds the region every card gets, the owner field whose cards they are (the user's
own, "me", to start with; a late relative's bundle asks their name and adds nothing
until it is given), and Enter adds exactly the ticked cards. Escape adds nothing.

The dialogs are given the bundles and return what was chosen; the app adds the
cards (tui.ui.card_actions)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text as RichText
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from tui.library.bundles import Bundle, BundleCard
from tui.records.household import HouseholdError, clean_owner
from tui.records.kinds import Intent
from tui.records.model import Card
from tui.ui.dialog_screen import DialogScreen
from tui.ui.labels import localise_bindings
from tui.ui.lost_wallet import LIST_KEYS
from tui.ui.pick_marks import PickList
from tui.ui.typed_keeper import KeepsTyped


@dataclass(frozen=True)
class BundlePicks:
    """What the checklist gave: each ticked card (its index in the bundle) with the
    intent chosen for it, in the bundle's order, the region typed and the owner as
    kept (tui.records.household.clean_owner: "" for the user's own)."""

    bundle: Bundle
    cards: tuple[tuple[int, Intent], ...]
    region: str
    owner: str = ""


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


class BundleChecklist(KeepsTyped, DialogScreen[BundlePicks | None]):
    """The cards `bundle` would add, all ticked; Enter adds the ticked ones. Escape:
    at once while the ticks, intents, region and owner are as it opened with, else
    after asking (KeepsTyped)."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="bundle.cancel"),
        Binding("enter", "go", "Add these", id="bundle.go", priority=True),
    ]
    KEY_BAR_KEEPS = ("bundle.go", "bundle.cancel", "bundle.tick", "bundle.intent")

    def __init__(self, bundle: Bundle, region: str, cards: Sequence[Card] = ()) -> None:
        """`cards`: those already in the list, to mark the bundle's cards they hold."""
        super().__init__(classes="dialog")
        self.bundle = bundle
        self.start_region = region
        self.intents = [card.intent for card in bundle.cards]
        self.cards = list(cards)
        self.already: frozenset[int] = frozenset()  # the bundle's cards the list holds
        self._unticked_as_there: set[int] = set()  # unticked here, not by the user
        self._error_at: str | None = None  # the owner typed when its error was shown

    def _line(self, index: int) -> RichText:
        """`label · kind · intent`, after "(already)" for a card the list holds (first,
        so that a narrow screen cuts the intent before it; the label as text, never
        markup)."""
        t, card = self.app.t, self.bundle.cards[index]
        intent = t(f"intent.{self.intents[index].value}")
        more = " ↔" if len(card.intents) > 1 else ""
        kind = t(f"kind.{card.kind.value}")
        line = RichText()
        if index in self.already:
            line.append(t("bundle.already") + " ", style="italic")
        return line.append(f"{card.label.get(t.lang)} · {kind} · {intent}{more}", style="")

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
            already = Static("", id="bundle-already", classes="dialog-hint")
            already.display = False  # until a card the list holds is marked
            yield already
            with Horizontal(id="bundle-fields"):  # side by side: the cards keep the room
                region = Input(
                    self.start_region,
                    placeholder=t("form.region_placeholder"),
                    id="bundle-region",
                    max_length=80,
                )
                region.border_title = t("bundle.region")
                yield region
                asks = bool(self.bundle.holder)  # a late relative's: their name, typed
                owner = Input(
                    "" if asks else t("owner.me"),
                    placeholder=t("bundle.owner_placeholder_deceased") if asks else "",
                    id="bundle-owner",
                    max_length=80,
                )
                owner.border_title = t("bundle.owner_deceased" if asks else "bundle.owner")
                yield owner
            yield Static("", id="bundle-error", classes="field-error")
            yield Static(t("bundle.checklist_hint"), classes="dialog-hint")

    def on_mount(self) -> None:
        self._mark_already(self.query_one("#bundle-owner", Input).value)
        self.set_focus(self.query_one(BundleCardPicks))

    def _owner(self, typed: str) -> str | None:
        """The owner as kept for what is typed; None when it cannot be kept."""
        try:
            return clean_owner(typed)
        except HouseholdError:
            return None

    @on(Input.Changed, "#bundle-owner")
    def _owner_changed(self, event: Input.Changed) -> None:
        """The owner's error goes once the field holds something else (a change still
        on its way from before Enter leaves it); the marks follow the owner typed."""
        if self._error_at is not None and event.value != self._error_at:
            self._error_at = None
            error = self.query_one("#bundle-error", Static)
            error.update("")
            error.remove_class("visible")
        self._mark_already(event.value)

    def _mark_already(self, typed: str) -> None:
        """Mark and untick the cards the list holds for the owner typed; tick again
        those unticked for that reason that it no longer holds."""
        owner = self._owner(typed)
        already = (
            frozenset()
            if owner is None or (self.bundle.holder and not owner)  # no one named yet
            else self.bundle.already_there(self.app.t.lang, owner, self.cards)
        )
        if already == self.already:
            return
        picks = self.query_one(BundleCardPicks)
        changed = already ^ self.already
        self.already = already
        for index in sorted(changed):
            if index in already and index in picks.selected:
                picks.deselect(index)
                self._unticked_as_there.add(index)
            elif index not in already and index in self._unticked_as_there:
                picks.select(index)
                self._unticked_as_there.discard(index)
            picks.replace_option_prompt_at_index(index, self._line(index))
        note = self.query_one("#bundle-already", Static)
        note.update(self.app.t("bundle.already_note", count=len(already)) if already else "")
        note.display = bool(already)

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

    def _refuse_owner(self, message: str) -> None:
        """`message` under the owner field, which takes the focus; nothing is added."""
        self.app.bell()
        owner = self.query_one("#bundle-owner", Input)
        self._error_at = owner.value
        error = self.query_one("#bundle-error", Static)
        error.update(message)
        error.add_class("visible")
        self.set_focus(self.query_one("#bundle-owner", Input))

    def action_go(self) -> None:
        t = self.app.t
        ticked = sorted(self.query_one(BundleCardPicks).selected)
        if not ticked:
            self.app.bell()
            self.app.notify(t("bundle.none_ticked"), severity="warning")
            return
        typed = self.query_one("#bundle-owner", Input).value
        try:
            owner = clean_owner(typed)
        except HouseholdError as exc:
            label = t("bundle.owner_deceased" if self.bundle.holder else "bundle.owner")
            self._refuse_owner(
                t("text.labelled", label=label, value=t(exc.message_key, **exc.params))
            )
            return
        if self.bundle.holder and not owner:  # a late relative's cards are not "me"
            said = "bundle.owner_needed" if not typed.strip() else "bundle.owner_not_me"
            self._refuse_owner(t(said, typed=typed.strip()))
            return
        region = self.query_one("#bundle-region", Input).value.strip()
        cards = tuple((i, self.intents[i]) for i in ticked)
        self.dismiss(BundlePicks(self.bundle, cards, region, owner))

    def entered_extra(self) -> object:
        return tuple(self.intents)  # `i` changes a card's intent, no widget's value


def ticked_cards(picks: BundlePicks) -> list[tuple[BundleCard, Intent]]:
    """The bundle's ticked cards with the intent chosen for each, in its order."""
    return [(picks.bundle.cards[index], intent) for index, intent in picks.cards]
