"""The app's hotline and lost-wallet flows (a mixin for CardoffApp).

The screens they open are given what they show and narrow functions to ask for more
(search the directory, a card's issuer facts, record a call); they never reach the
tracker themselves (tests/test_layers.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.base.errors import TrackerError

if TYPE_CHECKING:
    from tui.domain.card_view import CardView, IssuerFacts
    from tui.library.issuers import Issuer


class HotlineActions:
    """Needs: self.tracker, self.selected_id, self.live_view, self.push_screen, self.refresh_all,
    self.tell_failure, self.abroad."""

    def search_issuers(
        self, query: str, limit: int = 30, region: str = "", kind: str = "", place: str = ""
    ) -> list[Issuer]:
        """The directory's best matches for `query` (IssuerDirectory.search): what the
        hotline screen and the command palette are given to search with."""
        return self.tracker.issuers.search(query, limit, region, kind, place)

    def complete_issuer(self, typed: str, region: str, kind: str) -> str:
        """A directory name that completes `typed` for a card of `kind` whose region
        reads `region` (as typed: CN, 上海), in the user's language first; "" when none
        (IssuerDirectory.completion): what the card form's issuer field suggests."""
        issuers = self.tracker.issuers
        return issuers.completion(typed, issuers.region_of(region), kind, self.t.lang)

    def lost_wallet_facts(self, view: CardView) -> IssuerFacts:
        """What the lost-wallet list shows of a card's issuer, from where the user is
        now (`abroad`)."""
        return self.tracker.issuer_facts(view.card, abroad=self.abroad)

    def lost_wallet_called(self, view: CardView) -> bool:
        """Whether the card's call step (the report by phone) is checked."""
        item = self.tracker.first_call_step(view)
        return bool(item and item.done)

    def record_lost_call(self, card_id: str, number: str, reference: str) -> CardView:
        """Log the call to `number` with the issuer's `reference` and check the card's
        call step; the card as it is now (TrackerError: the card is gone, or the
        change was not saved)."""
        self.tracker.record_call(card_id, number, reference)
        return self.tracker.view(card_id)

    def action_lost_wallet(self) -> None:
        from tui.ui.lost_wallet import LostWalletPick, LostWalletScreen  # when first opened

        def picked(card_ids: list[str] | None) -> None:
            if not card_ids:
                return
            try:
                views = self.tracker.report_lost(card_ids)
            except TrackerError as exc:
                self.tell_failure(exc)
                return
            self.refresh_all(select=self.selected_id)
            self.push_screen(
                LostWalletScreen(
                    views, self.lost_wallet_facts, self.lost_wallet_called, self.record_lost_call
                )
            )

        self.push_screen(LostWalletPick(self.tracker.views()), picked)

    def open_hotlines(
        self,
        query: str = "",
        region: str = "",
        situation=None,
        card_id: str | None = None,
        place: str = "",
    ) -> None:
        from tui.ui.hotline_screen import HotlineScreen  # when first opened

        kept = getattr(self, "_hotline_screen", None)
        if kept is None:  # built once and shown again: it opens in half the time
            kept = self._hotline_screen = HotlineScreen(self.search_issuers)
            self.install_screen(kept, "hotlines")
        elif kept in self.screen_stack:  # shown already (under the command palette)
            screen = HotlineScreen(self.search_issuers, query, region, situation, card_id, place)
            self.push_screen(screen)
            return
        kept.ask(query, region, situation, card_id, place)
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
        from tui.domain.hotline_choice import Situation

        view = self.live_view(self.selected_id, say=False)
        if view is None:
            self.open_hotlines()
            return
        card = view.card
        issuer = self.tracker.issuer_for(card)
        query = issuer.name.get(self.t.lang) if issuer else card.issuer
        situation = Situation.for_card(card.kind, card.intent, self.abroad)
        region = self.tracker.region_of(card)
        self.open_hotlines(query, region, situation, card.id, place=card.region)
