"""Lost-wallet mode (`L`): pick the cards that were in the wallet (those marked as
carried in it are picked to start with), confirm, then one screen with every issuer's
report-lost number, banks first; each call is ticked with its reference number, which
goes to the log.

The screens are given the cards and the app's functions for what they ask (a card's
issuer facts, whether its call is done, recording a call); they never reach the
tracker."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text as RichText
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from tui.base.errors import TrackerError, describe
from tui.domain.card_view import CardView, IssuerFacts
from tui.domain.hotline_choice import Offer, first_usable
from tui.records.model import Intent, Status
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

    BINDINGS = LIST_KEYS


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
            yield CardPicks(
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
    """The reference number the issuer gave for the report (may be left empty)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="reference.cancel")]

    def __init__(self, label: str, number: str) -> None:
        super().__init__(classes="dialog")
        self.label = label
        self.number = number

    def compose(self) -> ComposeResult:
        t = self.app.t
        with Vertical(classes="dialog-box") as box:
            box.border_title = RichText(t("lost.reference_title", label=self.label))
            yield Static(t("lost.reference_body", number=self.number))
            yield Input(placeholder=t("lost.reference_placeholder"), id="reference")

    def on_mount(self) -> None:
        self.set_focus(self.query_one(Input))

    @on(Input.Submitted)
    def _done(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class LostWalletScreen(DialogScreen[None]):
    BINDINGS = [
        Binding("escape", "close", "Close", id="lost.close"),
        Binding("space,x", "called", "Called", id="lost.called"),
        Binding("c", "copy", "Copy number", id="lost.copy"),
        Binding("a", "abroad", "Abroad / at home", id="lost.abroad"),
    ]

    def __init__(
        self,
        views: list[CardView],
        facts: Callable[[CardView], IssuerFacts],
        called: Callable[[CardView], bool],
        record_call: Callable[[str, str, str], CardView],
    ) -> None:
        """`views`: the cards reported lost. `facts(view)`: the card's issuer, its
        numbers best first from where the user is now, and the issuers its text may
        mean (Tracker.issuer_facts); `called(view)`: whether its call step is checked;
        `record_call(card_id, number, reference)`: log the call, check the step and
        return the card as it is now (TrackerError when the card is gone)."""
        super().__init__(classes="dialog")
        self.views = views
        self._facts_of = facts
        self._called = called
        self._record_call = record_call

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

    def _offer(self, view: CardView) -> Offer | None:
        """The first number that works from where the user is, if any."""
        return first_usable(self._facts_of(view).offers)

    def _call_text(self, view: CardView, facts: IssuerFacts) -> RichText:
        """What to call for this card: the number that works, or why there is none."""
        t = self.app.t
        issuer = facts.issuer
        if issuer is not None and issuer.bearer.by_lang and view.card.intent is Intent.REPORT_LOST:
            text = RichText(t("hotline.bearer") + " ", style="yellow")
            return text.append(issuer.bearer.get(t.lang), "not bold")
        offers = facts.offers
        offer = first_usable(offers)
        if offer is not None:
            return offer_line(offer, t, short=True)
        if offers:  # numbers there are, but none works from here: say why
            text = RichText(t("hotline.none_works") + "\n    ", style="yellow")
            return text.append_text(offer_line(offers[0], t, short=True))
        if issuer is None and facts.suggestions:
            names = " / ".join(i.name.get(t.lang) for i in facts.suggestions[:3])
            return RichText(t("lost.suggest", names=names), style="yellow")
        return RichText(t("lost.no_number"), style="yellow")

    def _draw(self, keep: int = 0) -> None:
        t = self.app.t
        listing = self.query_one(OptionList)
        listing.clear_options()
        left = 0
        for view in self.views:
            called = self._called(view)
            left += not called
            facts = self._facts_of(view)
            mark = "[x]" if called else "[ ]"
            text = RichText(f"{mark} {view.card.label}", style="bold")
            issuer = view.card.issuer or t("lost.no_issuer")
            if facts.issuer is not None and facts.issuer.from_user:
                issuer += f" ({t('hotline.yours')})"
            text.append(f" · {t(f'kind.{view.card.kind.value}')} · {issuer}\n")
            text.append("    ")
            text.append_text(self._call_text(view, facts))
            listing.add_option(Option(text))
        listing.highlighted = min(keep, len(self.views) - 1) if self.views else None
        self.query_one("#lost-count", Static).update(
            t("lost.count", left=left, total=len(self.views))
        )
        abroad = t("lost.abroad_on" if self.app.abroad else "lost.abroad_off")
        self.query_one("#lost-abroad", Static).update(RichText(abroad))

    def _current(self) -> tuple[int, CardView] | None:
        index = self.query_one(OptionList).highlighted
        if index is None or not 0 <= index < len(self.views):
            return None
        return index, self.views[index]

    def action_called(self) -> None:
        current = self._current()
        if current is None:
            return
        index, view = current
        offer = self._offer(view)
        number = offer.hotline.shown if offer else "—"

        def recorded(reference: str | None) -> None:
            if reference is None:
                return
            try:
                self.views[index] = self._record_call(view.card.id, number, reference)
            except TrackerError as exc:  # the card went meanwhile (another session)
                self.app.notify(describe(exc, self.app.t), severity="warning")
                del self.views[index]
            self._draw(keep=index + 1)
            self.app.refresh_all(select=self.app.selected_id)

        self.app.push_screen(ReferenceScreen(view.card.label, number), recorded)

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
