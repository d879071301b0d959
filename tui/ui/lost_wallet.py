"""Lost-wallet mode (`L`): pick the cards that were in the wallet (those marked as
carried in it are picked to start with), confirm, then one list of whom to call, in
order (banks and payment cards, the phone, transit and social security, other cards,
ID documents): each with the number that works from where the user is (`a`: abroad /
at home), `c` to copy it, `h` to search the directory when none is known, and space
to record the reference, which goes to the log and shows in the list at once.

The screens are given the cards and the app's functions for what they ask (a
card's issuer facts, where its report stands, recording it: CallDesk); they never
reach the tracker."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.text import Text as RichText
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from tui.base.clock import local_text
from tui.base.errors import TrackerError, describe
from tui.domain.card_view import CardView, IssuerFacts
from tui.domain.channels import how_text
from tui.domain.hotline_choice import Offer, first_usable
from tui.domain.lost_wallet_calls import CallState, in_call_order
from tui.records.model import Intent, Kind, Status
from tui.ui.call_lines import offer_line
from tui.ui.dialog_screen import DialogScreen
from tui.ui.labels import localise_bindings
from tui.ui.pick_marks import PickList

LIST_KEYS = [
    Binding("j", "cursor_down", "Down", show=False),
    Binding("k", "cursor_up", "Up", show=False),
    Binding("g", "first", "First", show=False),
    Binding("G", "last", "Last", show=False),
]


class CardPicks(PickList):
    """The cards to pick from; j k g G move as in every list; an unpicked card's box
    is empty (not only another colour)."""

    # space picks or unpicks (SelectionList's own key, named in the key bar)
    BINDINGS = [*LIST_KEYS, Binding("space", "select", "Pick", id="lost.pick")]


class CallList(OptionList):
    """Whom to call; j k g G move as in every list."""

    BINDINGS = LIST_KEYS


# at most this many labels are named in the confirmation, then "…"
NAMED_AT_MOST = 6


class LostWalletPick(DialogScreen[list[str] | None]):
    """Which cards were lost: the open cards (not done, not abandoned), those carried in
    the wallet picked to start with. Enter asks before switching any card's intent."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="lost.cancel"),
        Binding("enter", "go", "Report these lost", id="lost.go", priority=True),
    ]

    def __init__(self, views: list[CardView]) -> None:
        super().__init__(classes="dialog")
        self.views = [v for v in views if v.status not in (Status.DONE, Status.ABANDONED)]

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
                        RichText(f"{v.card.label} · {t(f'kind.{v.card.kind.value}')}"),
                        v.card.id,
                        v.card.carried,
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
        switch and that what was checked on each is kept; picked cards that already
        follow it switch nothing and are not asked about."""
        from tui.ui.dialogs import ConfirmDialog  # when first needed

        chosen = list(self.query_one(CardPicks).selected)
        if not chosen:
            self.app.bell()
            self.app.notify(self.app.t("lost.none_picked"), severity="warning")
            return
        picked = set(chosen)
        switching = [
            v.card.label
            for v in self.views
            if v.card.id in picked and v.card.intent is not Intent.REPORT_LOST
        ]
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


class ReferenceScreen(DialogScreen[str | None]):
    """The reference number the issuer (or the police) gave for the report; may be
    left empty. `number`: what was called, "" when there was none."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="reference.cancel")]

    def __init__(self, label: str, number: str) -> None:
        super().__init__(classes="dialog")
        self.label = label
        self.number = number

    def compose(self) -> ComposeResult:
        t = self.app.t
        with Vertical(classes="dialog-box") as box:
            title = "lost.reference_title" if self.number else "lost.reported_title"
            box.border_title = RichText(t(title, label=self.label))
            if self.number:
                yield Static(t("lost.reference_body", number=self.number))
            else:
                yield Static(t("lost.reference_body_none"))
            yield Input(placeholder=t("lost.reference_placeholder"), id="reference")

    def on_mount(self) -> None:
        self.set_focus(self.query_one(Input))

    @on(Input.Submitted)
    def _done(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


@dataclass(frozen=True)
class CallDesk:
    """What the calls screen asks the app for (HotlineActions); it never reaches the
    tracker. `facts(view)`: the card's issuer, its numbers best first from where the
    user is now, and the issuers its text may mean (Tracker.issuer_facts);
    `state(view)`: where its report stands (CallState); `record(card_id, number,
    reference)`: log the report ("" number: none was called), check the call step and
    return the card as it is now (TrackerError when the card is gone or the change
    was not saved); `view(card_id)`: the card as it is now, None when it is gone;
    `search(view)`: open the hotline search for the card (ctrl+l there links it)."""

    facts: Callable[[CardView], IssuerFacts]
    state: Callable[[CardView], CallState]
    record: Callable[[str, str, str], CardView]
    view: Callable[[str], CardView | None]
    search: Callable[[CardView], None]


class LostWalletScreen(DialogScreen[None]):
    """Whom to call, in order (tui.domain.lost_wallet_calls): each card with the
    number that works from where the user is, or what to do when there is none, and
    the reference once recorded."""

    # the search goes first when the bar is narrow: a number is usually there, and the
    # hint under the list names `h` too (key_bar_fit.py)
    KEY_BAR_KEEPS = ("lost.close", "lost.abroad", "lost.called", "lost.copy")
    BINDINGS = [
        Binding("escape", "close", "Close", id="lost.close"),
        Binding("space,x,n", "called", "Reference", id="lost.called"),
        Binding("c", "copy", "Copy number", id="lost.copy"),
        Binding("h", "search", "Search", id="lost.search"),
        Binding("a", "abroad", "Abroad/home", id="lost.abroad"),
    ]

    def __init__(self, views: list[CardView], desk: CallDesk) -> None:
        """`views`: the cards reported lost, put in the order to call them."""
        super().__init__(classes="dialog")
        self.views = in_call_order(views)
        self.desk = desk
        self._states: list[CallState] = []
        self._searched: str | None = None  # the card whose hotline search is open

    def compose(self) -> ComposeResult:
        t = self.app.t
        localise_bindings(self, t)
        with Vertical(classes="dialog-box lost-box") as box:
            box.border_title = t("lost.title")
            yield Static(id="lost-count")
            yield Static(id="lost-abroad")
            yield CallList(id="lost-calls")
            yield Static(t("lost.hint"), classes="dialog-hint")

    def on_mount(self) -> None:
        self._draw()
        self.set_focus(self.query_one(OptionList))

    def on_screen_resume(self) -> None:
        """Back from the hotline search: the card may now link to an issuer."""
        card_id, self._searched = self._searched, None
        index = next((i for i, v in enumerate(self.views) if v.card.id == card_id), None)
        if index is None:
            return
        view = self.desk.view(card_id)
        if view is None:
            self._drop(index)
            return
        self.views[index] = view
        self._show(index)

    def _offer(self, view: CardView) -> Offer | None:
        """The first number that works from where the user is, if any."""
        return first_usable(self.desk.facts(view).offers)

    def _call_text(self, view: CardView, facts: IssuerFacts) -> RichText:
        """What to call for this card: the number that works, or why there is none
        and what to do instead."""
        t = self.app.t
        issuer = facts.issuer
        if issuer is not None and issuer.bearer.by_lang and view.card.intent is Intent.REPORT_LOST:
            text = RichText(t("hotline.bearer") + " ", style="yellow")
            return text.append(issuer.bearer.get(t.lang), "not bold")
        offers = facts.offers
        offer = first_usable(offers)
        if offer is not None:
            return offer_line(offer, t, short=True)
        if view.card.kind is Kind.ID_DOCUMENT:  # reported to the police, not by phone
            return RichText(t("lost.id_document"), style="yellow")
        if offers:  # numbers there are, but none works from here: say why
            text = RichText(t("lost.none_works") + "\n    ", style="yellow")
            return text.append_text(offer_line(offers[0], t, short=True))
        if issuer is None and facts.suggestions:
            names = " / ".join(i.name.get(t.lang) for i in facts.suggestions[:3])
            return RichText(t("lost.suggest", names=names), style="yellow")
        return RichText(t("lost.no_number"), style="yellow")

    def _state_text(self, state: CallState) -> RichText:
        """The reference recorded for a card, once its report is done."""
        t = self.app.t
        when = local_text(state.at) if state.at else ""
        if state.reference:
            text = t("lost.reference", reference=state.reference, when=when)
        elif state.at:
            text = t("lost.no_reference", when=when)
        else:
            text = t("lost.checked")
        return RichText(text, style="green")

    def _row(self, view: CardView, state: CallState) -> RichText:
        t = self.app.t
        facts = self.desk.facts(view)
        mark = "[x]" if state.done else "[ ]"
        # a label is text as typed, never markup (e.g. "Visa [old]")
        text = RichText(f"{mark} {view.card.label}", style="bold")
        issuer = view.card.issuer or t("lost.no_issuer")
        if facts.issuer is not None and facts.issuer.from_user:
            issuer = t("hotline.yours_marked", name=issuer, yours=t("hotline.yours"))
        text.append(f" · {t(f'kind.{view.card.kind.value}')} · {issuer}")
        if how := how_text(facts.channels, t):  # where it is done: "How: in person"
            text.append(f" · {how}")
        text.append("\n")
        text.append("    ")
        text.append_text(self._call_text(view, facts))
        if state.done:
            text.append("\n    ")
            text.append_text(self._state_text(state))
        return text

    def _draw(self, keep: int = 0) -> None:
        """Every row again (on opening, and when where the user is changes)."""
        listing = self.query_one(OptionList)
        listing.clear_options()
        self._states = [self.desk.state(view) for view in self.views]
        rows = zip(self.views, self._states, strict=True)
        listing.add_options(Option(self._row(view, state)) for view, state in rows)
        listing.highlighted = min(keep, len(self.views) - 1) if self.views else None
        self._count()
        abroad = self.app.t("lost.abroad_on" if self.app.abroad else "lost.abroad_off")
        self.query_one("#lost-abroad", Static).update(RichText(abroad))

    def _show(self, index: int) -> None:
        """One card's row again (its report recorded, its issuer linked)."""
        view = self.views[index]
        self._states[index] = self.desk.state(view)
        listing = self.query_one(OptionList)
        listing.replace_option_prompt_at_index(index, self._row(view, self._states[index]))
        self._count()

    def _drop(self, index: int) -> None:
        """A card that went meanwhile (deleted in another session)."""
        del self.views[index], self._states[index]
        self.query_one(OptionList).remove_option_at_index(index)
        self._count()

    def _count(self) -> None:
        t = self.app.t
        left = sum(not state.done for state in self._states)
        if self.views:
            said = t("lost.count", left=left, total=len(self.views))
        else:
            said = t("lost.none_left")
        self.query_one("#lost-count", Static).update(said)

    def _current(self) -> tuple[int, CardView] | None:
        index = self.query_one(OptionList).highlighted
        if index is None or not 0 <= index < len(self.views):
            return None
        return index, self.views[index]

    def action_called(self) -> None:
        """Record the report: the reference the issuer or the police gave."""
        current = self._current()
        if current is None:
            self.app.bell()
            return
        index, view = current
        offer = self._offer(view)
        number = offer.hotline.shown if offer else ""
        card_id = view.card.id

        def recorded(reference: str | None) -> None:
            if reference is None:
                return
            index = next((i for i, v in enumerate(self.views) if v.card.id == card_id), None)
            if index is None:
                return
            try:
                self.views[index] = self.desk.record(card_id, number, reference)
            except TrackerError as exc:  # the card went meanwhile, or the disk refused
                self.app.notify(describe(exc, self.app.t), severity="warning")
                view = self.desk.view(card_id)
                if view is None:
                    self._drop(index)
                return
            self._show(index)
            listing = self.query_one(OptionList)
            listing.highlighted = min(index + 1, len(self.views) - 1)  # on to the next call
            # the last row stays highlighted and grew a line: keep that line in view
            self.call_after_refresh(listing.scroll_to_highlight)
            self.app.refresh_all(select=self.app.selected_id)

        self.app.push_screen(ReferenceScreen(view.card.label, number), recorded)

    def action_search(self) -> None:
        """Search the hotline directory for the highlighted card (its issuer as typed,
        its region first); linking one there (ctrl+l) shows its number here."""
        current = self._current()
        if current is None:
            self.app.bell()
            return
        self._searched = current[1].card.id
        self.desk.search(current[1])

    def action_abroad(self) -> None:
        """Toggle where the user is: abroad, numbers that work from abroad first."""
        self.app.abroad = not self.app.abroad
        current = self._current()
        self._draw(keep=current[0] if current else 0)
        self.app.refresh_all(select=self.app.selected_id)  # the steps pane's number too

    def action_copy(self) -> None:
        current = self._current()
        offer = self._offer(current[1]) if current else None
        if offer is None:
            self.app.bell()
            return
        hotline = offer.hotline
        name = offer.issuer.name.get(self.app.t.lang)
        copied = self.app.t("hotline.copied", number=hotline.shown, name=name)
        self.app.copy_for_user(hotline.shown, copied, by_hand=f"{hotline.shown}  ({name})")

    def action_close(self) -> None:
        self.dismiss(None)
