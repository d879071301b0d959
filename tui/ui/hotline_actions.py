"""The app's hotline and lost-wallet flows (a mixin for CardoffApp).

The screens they open are given what they show and narrow functions to ask for more
(search the directory, a card's issuer facts, record a call); they never reach the
tracker themselves (tests/test_layers.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.base.errors import TrackerError
from tui.ui.background_work import off_ui_thread

if TYPE_CHECKING:
    from pathlib import Path

    from tui.domain.card_view import CardView, IssuerFacts
    from tui.domain.lost_wallet_calls import CallState
    from tui.library.issuers import Issuer


class HotlineActions:
    """Needs: self.tracker, self.selected_id, self.live_view, self.push_screen, self.refresh_all,
    self.refresh_card, self.tell_failure, self.abroad, self.demo."""

    _abroad_config: Path | None = None

    def keep_abroad_in(self, config_file: Path | None) -> None:
        """Save where the user is (`a` in the lost-wallet list) to `config_file` from now
        on, as config.yaml's `abroad` (None or the demo: nowhere)."""
        self._abroad_config = None if self.demo else config_file

    def set_abroad(self, abroad: bool) -> None:
        """Where the user is now: abroad, or at home; kept for the next start, and for
        `due` and the calendar, in config.yaml (the user's other settings stay)."""
        self.abroad = abroad
        if self._abroad_config is not None:
            self._save_abroad(abroad)

    @off_ui_thread("abroad-save", "save where you are to config.yaml")
    def _save_abroad(self, value: bool) -> None:
        from tui.domain.config_writer import save_setting

        # a refusal is told on the status line (background_work.py)
        save_setting(self._abroad_config, "abroad", value)

    def search_issuers(
        self, query: str, limit: int = 30, region: str = "", kind: str = "", place: str = ""
    ) -> list[Issuer]:
        """The directory's best matches for `query` (IssuerDirectory.search): what the
        hotline screen and the command palette are given to search with."""
        return self.tracker.issuers.search(query, limit, region, kind, place)

    def complete_issuer(self, typed: str, region: str, kind: str) -> str:
        """A directory name that completes `typed` for a card of `kind` whose region
        reads `region` (as typed: CN, 上海: that city's issuers first, another city's
        never), in the user's language; "" when none (IssuerDirectory.completion):
        what the card form's issuer field suggests."""
        issuers = self.tracker.issuers
        code = issuers.region_of(region)
        return issuers.completion(typed, code, kind, self.t.lang, place=region)

    def lost_wallet_facts(self, view: CardView) -> IssuerFacts:
        """What the lost-wallet list shows of a card's issuer, from where the user is
        now (`abroad`, or at home: Tracker.situation_for)."""
        return self.tracker.issuer_facts(view.card, abroad=self.abroad, lang=self.t.lang)

    def lost_wallet_call(self, view: CardView) -> CallState:
        """Where the card's report stands: its call step checked or not, and the
        reference recorded with it, and whether there is a call to make at all
        (tui.domain.lost_wallet_calls.call_state, cannot_be_reported)."""
        from tui.domain.lost_wallet_calls import call_state
        from tui.domain.reportable import cannot_be_reported

        item = self.tracker.first_call_step(view)
        done = bool(item and item.done)
        no_call = cannot_be_reported(view.card, self.tracker.issuer_for(view.card))
        return call_state(done, self.tracker.log(view.card.id) if done else (), no_call)

    def record_lost_call(self, card_id: str, number: str, reference: str) -> CardView:
        """Log the call to `number` ("" when there was none to call) with the issuer's
        `reference` and check the card's call step; the card as it is now
        (TrackerError: the card is gone, or the change was not saved)."""
        self.tracker.record_call(card_id, number, reference)
        return self.tracker.view(card_id)

    def open_lost_calls(self, views: list[CardView]) -> None:
        """The list of whom to call for the cards reported lost (in call order)."""
        from tui.ui.lost_wallet import CallDesk, LostWalletScreen  # when first opened

        desk = CallDesk(
            facts=self.lost_wallet_facts,
            state=self.lost_wallet_call,
            record=self.record_lost_call,
            view=lambda card_id: self.live_view(card_id, say=False),
            search=self.search_hotlines_for,
        )
        self.push_screen(LostWalletScreen(views, desk))

    def action_lost_wallet(self) -> None:
        from tui.records.kinds import Status
        from tui.ui.lost_wallet_pick import LostChanges, LostWalletPick  # when first opened

        views = self.tracker.views()
        if all(v.status in (Status.DONE, Status.ABANDONED) for v in views):
            self.notify(self.t("lost.no_open_cards"))  # not an empty list to pick from
            return

        def picked(card_ids: list[str] | None) -> None:
            if not card_ids:
                return
            try:
                views = self.tracker.report_lost(card_ids)
            except TrackerError as exc:  # not saved (a read-only disk): whom to call
                from tui.domain.lost_wallet_calls import in_call_order  # still matters

                self.tell_failure(exc)
                self.open_lost_calls(in_call_order(self.tracker.view(i) for i in card_ids))
                return
            self.refresh_all(select=self.selected_id)
            self.open_lost_calls(views)

        changes = LostChanges(self.tracker.lost_switches, self.tracker.lost_marks)
        self.push_screen(LostWalletPick(views, changes), picked)

    def selected_lost_with_wallet(self) -> bool:
        """Whether the selected card is marked lost with the wallet (what Found again
        takes back)."""
        if self.selected_id is None:
            return False
        view = self.live_view(self.selected_id, say=False)
        return view is not None and view.lost_with_wallet

    def action_found_again(self) -> None:
        """The selected card, marked lost with the wallet, was found again (or marked
        by mistake): the tracker takes the mark back (logged; what it held counts as
        owed again). A card with no such mark: why there is nothing to take back."""
        if self.selected_id is None:
            self.notify(self.t("app.no_card_selected"), severity="warning")
            return
        view = self.live_view(self.selected_id)
        if view is None:
            return
        try:
            change = self.tracker.found_again(view.card.id)
        except TrackerError as exc:
            self.tell_failure(exc)
            return
        self.refresh_card(change)
        self.notify(self.t("app.found_again", label=change.view.card.label))

    def open_hotlines(
        self,
        query: str = "",
        region: str = "",
        situation=None,
        card_id: str | None = None,
        place: str = "",
        guessed: bool = False,
    ) -> None:
        """The hotline search (tui.ui.hotline_screen.HotlineScreen, whose __init__ says
        what each argument is), shown over what is open."""
        from tui.ui.hotline_screen import HotlineScreen  # when first opened

        kept = getattr(self, "_hotline_screen", None)
        if kept is None:  # built once and shown again: it opens in half the time
            kept = self._hotline_screen = HotlineScreen(
                self.search_issuers, left_out=self.tracker.issuers.left_out
            )
            self.install_screen(kept, "hotlines")
        elif kept in self.screen_stack:  # shown already (under the command palette)
            screen = HotlineScreen(
                self.search_issuers, query, region, situation, card_id, place,
                self.tracker.issuers.left_out, guessed,
            )
            self.push_screen(screen)
            return
        kept.ask(query, region, situation, card_id, place, guessed)
        screen = kept
        self.push_screen(screen)

    def link_issuer(self, card_id: str, issuer_id: str) -> None:
        """Link a card to the issuer the user chose in the hotline search."""
        try:
            card = self.tracker.link_issuer(card_id, issuer_id, self.t.lang)
        except TrackerError as exc:
            self.tell_failure(exc)
            return
        self.refresh_all(select=card_id)
        self.notify(self.t("hotline.linked", label=card.label, issuer=card.issuer))

    def action_hotlines(self) -> None:
        """Search the directory from the selected card: its issuer (or the text typed
        for it, when it links to none), its region's issuers first, its numbers in the
        order that fits what the card is being done for."""

        view = self.live_view(self.selected_id, say=False)
        if view is None:
            self.open_hotlines()
            return
        self.search_hotlines_for(view)

    def search_hotlines_for(self, view: CardView) -> None:
        """The hotline search for a card (`h` on it, in the panes or the lost-wallet
        list): its issuer as linked or typed, its region's issuers first; an issuer
        typed that links to none finds guesses, and none of them is highlighted."""
        card = view.card
        issuer = self.tracker.issuer_for(card)
        query = issuer.name.get(self.t.lang) if issuer else card.issuer
        situation = self.tracker.situation_for(card, self.abroad, self.t.lang)
        region = self.tracker.region_of(card)
        self.open_hotlines(
            query, region, situation, card.id, place=card.region,
            guessed=issuer is None and bool(card.issuer),
        )
