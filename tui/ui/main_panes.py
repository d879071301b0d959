"""The main screen's panes drawn from the tracker: the card list, the selected card's
steps and log, and the header's totals. A mixin for the app.

Data flows one way: the tracker's views and changes come in, the panes are given
what they show. A change to one card (CardChange) redraws that card alone."""

from __future__ import annotations

from tui.base.errors import TrackerError
from tui.domain.card_view import CardChange, CardView, IssuerFacts
from tui.domain.totals import Totals
from tui.ui.header import AppHeader, title_forms, with_owner_progress
from tui.ui.inventory_pane import InventoryPane
from tui.ui.log_pane import LogList, LogPane
from tui.ui.main_screen import MainScreen
from tui.ui.repaint import hand_repaints_to_screen
from tui.ui.steps_pane import StepsPane


class MainPanes:
    def get_default_screen(self) -> MainScreen:
        return MainScreen(id="_default")

    @property
    def inventory(self) -> InventoryPane:
        return self.query_one(InventoryPane)

    @property
    def steps(self) -> StepsPane:
        return self.query_one(StepsPane)

    def refresh_all(self, select: str | None = None) -> list[CardView]:
        """Re-read the tracker and redraw every pane (the inventory reports the selection);
        returns the views it read."""
        views = self.tracker.views()
        due = (
            {view.card.id for view, _ in self.tracker.due(views)}
            if self.inventory.due_only
            else None
        )
        self._totals = Totals(views)
        self.steps.card_line_kept = self._totals.identified > 0
        self.inventory.show(views, self.tracker.today(), select, due_ids=due)
        # at once: the next key may come before the inventory's Selected message
        self.selected_id = self.inventory.selected_id
        self._show_totals()
        return views

    def refresh_card(self, change: CardChange) -> None:
        """After a change to one card alone (a step checked): its row, the header's
        totals (that card's share replaced), its steps and the entries it logged; the
        other cards are not read again. Every pane, as refresh_all, when the card is
        not the selected one or not among the views."""
        view = change.view
        today = self.tracker.today()
        before = self.inventory.show_one(view, today) if view.card.id == self.selected_id else None
        if before is None:
            self.refresh_all(select=view.card.id)
            return
        self.selected_id = self.inventory.selected_id
        self._totals.replace(before, view)
        self.steps.card_line_kept = self._totals.identified > 0
        self._show_totals()
        if self.selected_id == view.card.id:
            self.steps.show(view, self._issuer_facts(view))
            self.query_one(LogPane).add(change.logged)

    def _show_totals(self) -> None:
        """The header: cards and steps done, money owed, damaged records, and with more
        than one owner each one's cards; in fewer words when the screen is narrow (see
        header.py)."""
        forms = title_forms(
            self.t,
            self.title,
            self._totals.overview,
            self._totals.owed,
            self.tracker.damaged_count(),  # stays in the header while the file holds them
            demo=self.demo,
            abroad=self.abroad,
        )
        forms = with_owner_progress(forms, self.t, self._totals.by_owner)
        self.query_one(AppHeader).set_forms(forms)
        self.sub_title = forms[0][1]

    def action_damaged_records(self) -> None:
        """List the records of the data file that were set aside as damaged."""
        from tui.ui.damaged_screen import DamagedScreen

        path = str(self.tracker.data_path or "")
        self.push_screen(DamagedScreen(self.tracker.damaged_records(), path))

    def focus_preference(self) -> list:
        """Where the focus goes when the focused pane is hidden (see focus_keeper.py)."""
        return [self.inventory.table, self.steps.checklist, self.query_one(LogList)]

    def live_view(self, card_id: str | None, say: bool = True) -> CardView | None:
        """The card as the tracker has it now, or None if there is none: a card can go
        between a key and its action (a delete still under way when the next typed key
        is handled, another session's delete). Then the panes are redrawn from the
        tracker and, with `say`, the status line says the card is gone."""
        if card_id is None:
            return None
        try:
            return self.tracker.view(card_id)
        except TrackerError as exc:
            if exc.key != "error.no_such_card":
                raise
        if say:
            self.notify(self.t("error.no_such_card"), severity="warning")
        self.refresh_all()  # selects a card that is there (or none)
        return None

    def _show_selected(self) -> None:
        card_id = self.selected_id
        view = self.live_view(card_id, say=False)
        if card_id is not None and view is None:
            return  # gone: refresh_all reports the card selected instead
        self.steps.hidden_cards = card_id is None and bool(self.inventory.views)
        self.steps.show(view, self._issuer_facts(view))
        all_cards = self.log_all or card_id is None
        entries = self.tracker.log(None if all_cards else card_id)
        self.query_one(LogPane).show(
            entries, all_cards, note=self._log_note, subject=None if all_cards else card_id
        )
        if len(self.screen_stack) > 1:  # a step's detail open over the panes follows them
            for screen in self.screen_stack[1:]:
                follow = getattr(screen, "steps_shown", None)
                if follow is not None:
                    follow()

    def card_selected(self, card_id: str | None) -> None:
        """Another card is selected (None: none is shown): its steps and log are shown.
        The inventory calls it at once for a move of its cursor, so the list's cursor
        and the other panes change in one screen update."""
        if not self.is_running:
            return  # reported as the app closes (quit just after a save): the panes are gone
        self.selected_id = card_id
        self._show_selected()
        hand_repaints_to_screen(self.screen)  # the cursor and the panes in one update

    # handlers by name: a mixin's @on handlers would not be found by Textual
    def on_inventory_pane_selected(self, event: InventoryPane.Selected) -> None:
        self.card_selected(event.card_id)

    def on_inventory_pane_opened(self) -> None:
        self.screen.set_focus(self.steps.checklist)

    def _issuer_facts(self, view: CardView | None) -> IssuerFacts | None:
        """What the tracker says of the card's issuer, from where the user is; worked
        out again only when the card, `abroad` or the user's home region changes (not
        for a step checked)."""
        if view is None:
            return None
        lang = self.t.lang
        key = (view.card, self.abroad, self.tracker.home_region(lang))
        kept = getattr(self, "_facts_kept", None)
        if kept is None or kept[0] != key:
            kept = (key, self.tracker.issuer_facts(view.card, abroad=self.abroad, lang=lang))
            self._facts_kept = kept
        return kept[1]
