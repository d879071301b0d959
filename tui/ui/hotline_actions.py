"""The app's hotline and lost-wallet flows (a mixin for CardoffApp)."""

from __future__ import annotations

from tui.base.errors import TrackerError


class HotlineActions:
    """Needs: self.tracker, self.selected_id, self.live_view, self.push_screen, self.refresh_all,
    self.tell_failure."""

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
            self.push_screen(LostWalletScreen(views))

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

        self.push_screen(HotlineScreen(query, region, situation, card_id, place))

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
