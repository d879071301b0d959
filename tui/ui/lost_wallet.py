"""Lost-wallet mode's list of whom to call (`L`, once the cards are picked and the
switch confirmed: tui/ui/lost_wallet_pick.py), in order (banks and payment cards,
the phone, transit and social security, other cards, ID documents): each with the
number that works from where the user is (`a`: abroad / at home), `c` to copy it
(or why there is none and what to do), `h` to search the directory when none is
known, and space to record the reference (tui/ui/reference_dialog.py), which goes to
the log and shows in the list at once. A card that cannot be reported lost says what
to do instead and is no call to make. Rows wrap under their own text.

The screens are given the cards and the app's functions for what they ask (a
card's issuer facts, where its report stands, recording it: CallDesk); they never
reach the tracker."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.text import Text as RichText
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.base.clock import local_text
from tui.base.errors import TrackerError, describe
from tui.domain.card_view import CardView, IssuerFacts
from tui.domain.channels import how_text
from tui.domain.hotline_choice import Offer, first_usable, none_fits
from tui.domain.hotline_text import copy_notes, purposes_text
from tui.domain.lost_wallet_calls import CallState, ReportWay, in_call_order, report_way
from tui.records.kinds import Kind
from tui.ui.call_lines import offer_line, these_procedure_lines
from tui.ui.dialog_screen import DialogScreen
from tui.ui.labels import localise_bindings, whose_label
from tui.ui.line_breaks import HangingText, kept_whole
from tui.ui.list_ends import LIST_KEYS, StopsAtEnds

ROW_INDENT = "    "  # a row's lines after its first: under its label, past `[ ] `


class CallList(StopsAtEnds, OptionList):
    """Whom to call; j k g G move as in every list, stopping at either end (`j` on the
    last row stays there, so a space after it acts on the row in view)."""

    BINDINGS = LIST_KEYS


@dataclass(frozen=True)
class CallDesk:
    """What the calls screen asks the app for (HotlineActions); it never reaches the
    tracker. `facts(view)`: the card's issuer, its numbers best first from where the
    user is now, and the issuers its text may mean (Tracker.issuer_facts);
    `state(view)`: where its report stands (CallState); `record(card_id, number,
    reference)`: log the report ("" number: none was called), check the call step and
    return the card as it is now (TrackerError when the card is gone or the change
    was not saved, CardError when the reference is too long); `view(card_id)`: the
    card as it is now, None when it is gone;
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
        # a list opened again goes on with the calls not made yet: the cursor starts on
        # the first (a reference typed at once is then never recorded on a card called
        # already)
        first = next((i for i, state in enumerate(self._states) if state.to_call), None)
        if first is not None:
            self.query_one(OptionList).highlighted = first
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

    def _offer(self, index: int) -> Offer | None:
        """The first number that works from where the user is for the card at `index`,
        if any (none for a card that cannot be reported lost: nothing to call)."""
        if self._states[index].no_call:
            return None
        return first_usable(self.desk.facts(self.views[index]).offers)

    def _call_text(self, view: CardView, facts: IssuerFacts, state: CallState) -> RichText:
        """What to call for this card: the number that works, or why there is none
        and what to do instead."""
        t = self.app.t
        issuer = facts.issuer
        if state.no_call and issuer is not None:  # a bearer card: say what to do instead
            text = RichText(t("hotline.bearer"), style="yellow")  # its space, if any, in it
            text.append(issuer.bearer.get(t.lang), "not bold")
            return text.append(f"\n{ROW_INDENT}{t('lost.no_call')}", "not bold")
        offers = facts.offers
        way = report_way(issuer, offers)
        if way.procedures:  # stopped in person, online, in an app: how, then any number
            return self._procedures_text(way, offers)
        offer = way.offer
        if offer is not None:  # the number to copy, and whether its sources disagree
            text = offer_line(offer, t, short=True)
            if conflict := offer.hotline.conflict.get(t.lang):
                text.append(f"\n{ROW_INDENT}⚠ " + t("hotline.conflict", text=conflict), "yellow")
            return text
        if view.card.kind is Kind.ID_DOCUMENT:  # reported to the police, not by phone
            return RichText(t("lost.id_document"), style="yellow")
        if none_fits(offers):  # numbers there are, all for another purpose: say which
            purposes = purposes_text(offers, t)
            return RichText(t("lost.none_fits", purposes=purposes), style="yellow")
        if offers:  # numbers there are, but none works from here: say why
            text = RichText(t("lost.none_works") + f"\n{ROW_INDENT}", style="yellow")
            return text.append_text(offer_line(offers[0], t, short=True))
        if issuer is None and facts.suggestions:
            names = " / ".join(i.name.get(t.lang) for i in facts.suggestions[:3])
            return RichText(t("lost.suggest", names=names), style="yellow")
        if issuer is None and facts.other_kind is not None:  # "ICBC" for a phone
            return RichText(t("lost.other_kind", issuer=view.card.issuer), style="yellow")
        return RichText(t("lost.no_number"), style="yellow")

    def _procedures_text(self, way: ReportWay, offers: tuple[Offer, ...]) -> RichText:
        """The issuer's report-lost procedures (lost_wallet_calls.report_way), a line
        each, then the number that works from here (a customer-service line: `c`
        copies it), or why none does."""
        t = self.app.t
        lines = these_procedure_lines(way.procedures, t)
        if way.offer is not None:
            lines.append(offer_line(way.offer, t, short=True))
        elif offers:  # numbers there are, but none works from here: say why
            lines.append(RichText(t("lost.none_works"), style="yellow"))
            lines.append(offer_line(offers[0], t, short=True))
        return RichText(f"\n{ROW_INDENT}").join(lines)

    def _state_text(self, state: CallState) -> RichText:
        """The number called (as it was dialled: the ☎ line above is what to call from
        where the user is now) and the reference recorded, once its report is done."""
        t = self.app.t
        when = local_text(state.at) if state.at else ""
        if state.reference:
            text = t("lost.reference", reference=kept_whole(state.reference), when=when)
        elif state.at:
            text = t("lost.no_reference", when=when)
        else:
            text = t("lost.checked")
        if state.number:
            text = t("lost.called_to", number=kept_whole(state.number)) + " · " + text
        return RichText(text, style="green")

    def _row(self, view: CardView, state: CallState) -> HangingText:
        """A card's row: `[ ] label · kind · issuer`, then what to call (or do), then
        the reference once recorded; each line wraps under its own text."""
        t = self.app.t
        facts = self.desk.facts(view)
        mark = "[x]" if state.done else "[-]" if state.no_call else "[ ]"
        # a label is text as typed, never markup (e.g. "Visa [old]")
        text = RichText(f"{mark} {whose_label(view.card, t)}", style="bold")
        issuer = view.card.issuer or t("lost.no_issuer")
        if facts.issuer is not None:
            # the directory's name, in the user's language: whose numbers the row
            # offers (`Citi` typed may be Citi in the US or Citibank Hong Kong)
            issuer = facts.issuer.name.get(t.lang) or issuer
            if facts.issuer.from_user:
                issuer += t("text.aside", text=t("hotline.yours"))
        text.append(f" · {t(f'kind.{view.card.kind.value}')} · {issuer}")
        if how := how_text(facts.channels, t):  # where it is done: "How: in person"
            text.append(f" · {how}")
        text.append("\n")
        text.append(ROW_INDENT)
        text.append_text(self._call_text(view, facts, state))
        if state.done:
            text.append(f"\n{ROW_INDENT}")
            text.append_text(self._state_text(state))
        return HangingText(text, len(ROW_INDENT))

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
        """How many calls are still to make, of all there are (a card that cannot be
        reported lost is none)."""
        t = self.app.t
        left = sum(state.to_call for state in self._states)
        total = sum(not state.no_call for state in self._states)
        if not self.views:
            said = t("lost.none_left")
        elif not total:
            said = t("lost.no_calls")
        else:
            said = t("lost.count", left=left, total=total)
        self.query_one("#lost-count", Static).update(said)

    def _current(self) -> tuple[int, CardView] | None:
        index = self.query_one(OptionList).highlighted
        if index is None or not 0 <= index < len(self.views):
            return None
        return index, self.views[index]

    def action_called(self) -> None:
        """Record the report: the reference the issuer or the police gave (one already
        recorded is shown, and kept unless the user says to replace it). A card that
        cannot be reported lost asks nothing: the status line says what to do."""
        from tui.ui.reference_dialog import KEPT, ReferenceScreen  # when first needed

        current = self._current()
        if current is None:
            self.app.bell()
            return
        index, view = current
        state = self._states[index]
        if state.no_call:
            said = self.app.t("lost.no_call_said", label=whose_label(view.card, self.app.t))
            self.app.notify(said)
            return
        # a report made already was made on the number called then (from abroad, say),
        # whatever works from here now: its reference is about that call; a card
        # stopped at a window or online (its procedures first) was called on none
        facts = self.desk.facts(view)
        number = state.number or report_way(facts.issuer, facts.offers).number
        card_id = view.card.id

        def save(values) -> CardView | None:
            """Record it; a refusal (too long, the disk) is said in the dialog, which
            keeps what was typed; a card gone meanwhile leaves the list."""
            try:
                return self.desk.record(card_id, number, values["reference"])
            except TrackerError as exc:
                if self.desk.view(card_id) is not None:
                    raise  # the change was not saved: said beside the field
                self.app.notify(describe(exc, self.app.t), severity="warning")
                self._drop_card(card_id)
                return None

        def recorded(result: CardView | str | None) -> None:
            if result == KEPT:
                label = whose_label(view.card, self.app.t)
                self.app.notify(self.app.t("lost.reference_kept", label=label))
                return
            if not isinstance(result, CardView):
                return
            index = next((i for i, v in enumerate(self.views) if v.card.id == card_id), None)
            if index is None:
                return
            self.views[index] = result
            self._show(index)
            listing = self.query_one(OptionList)
            listing.highlighted = self._next_to_call(index)
            # the last row stays highlighted and grew a line: keep that line in view
            self.call_after_refresh(listing.scroll_to_highlight)
            self.app.refresh_all(select=self.app.selected_id)

        label = whose_label(view.card, self.app.t)
        self.app.push_screen(ReferenceScreen(label, number, state, save), recorded)

    def _next_to_call(self, index: int) -> int:
        """Where the cursor goes once the card at `index` is recorded: the next row
        still to call below it, else the next row (the last stays where it is)."""
        below = range(index + 1, len(self.views))
        after = min(index + 1, len(self.views) - 1)
        return next((i for i in below if self._states[i].to_call), after)

    def _drop_card(self, card_id: str) -> None:
        index = next((i for i, v in enumerate(self.views) if v.card.id == card_id), None)
        if index is not None:
            self._drop(index)

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
        """Toggle where the user is: abroad, numbers that work from abroad first (kept
        in config.yaml)."""
        self.app.set_abroad(not self.app.abroad)
        current = self._current()
        self._draw(keep=current[0] if current else 0)
        self.app.refresh_all(select=self.app.selected_id)  # the steps pane's number too

    def action_copy(self) -> None:
        """Copy the row's number; with none, say why and what to do instead."""
        current = self._current()
        if current is None:
            self.app.bell()
            return
        index, view = current
        offer = self._offer(index)
        if offer is None:
            self.app.bell()
            self.app.notify(self._why_no_number(index), severity="warning")
            return
        hotline = offer.hotline
        t = self.app.t
        name = offer.issuer.name.get(t.lang)
        copied = t("hotline.copied", number=hotline.shown, name=name)
        by_hand = hotline.shown + t("text.aside", text=name)
        self.app.copy_for_user(hotline.shown, copied, by_hand, copy_notes(offer, t))

    def _why_no_number(self, index: int) -> str:
        """Why the row at `index` has no number to copy, and what to do instead."""
        t, view = self.app.t, self.views[index]
        label = whose_label(view.card, t)
        if self._states[index].no_call:
            return t("lost.copy_none_no_call", label=label)
        if view.card.kind is Kind.ID_DOCUMENT:
            return t("lost.copy_none_id", label=label)
        if self.desk.facts(view).offers:
            return t("lost.copy_none_here", label=label)
        return t("lost.copy_none", label=label)

    def action_close(self) -> None:
        self.dismiss(None)
