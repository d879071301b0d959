"""Lists sized by their pane (tui/ui/repaint.SizedByContainer) change their own scroll
bar when what they hold changes, without a layout pass of the whole screen (each
repaints every pane's scroll bar); a scroll bar that comes or goes still lays out."""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets.option_list import Option

from tests.helpers.pilot import settle
from tui.ui.steps_pane import Checklist


async def test_more_steps_move_the_scroll_bar_without_a_layout_pass(make_app, monkeypatch):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        checklist = app.query_one(Checklist)
        checklist.display = True
        checklist.set_options([Option(f"step {n}") for n in range(20)])
        await settle(pilot)
        await pilot.pause()
        assert checklist.show_vertical_scrollbar
        passes = []
        real = Screen._refresh_layout
        monkeypatch.setattr(
            Screen, "_refresh_layout", lambda self, *a, **k: passes.append(1) or real(self, *a, **k)
        )
        checklist.set_options([Option(f"step {n}") for n in range(30)])
        await pilot.pause()
        await pilot.pause()
        assert passes == []
        assert checklist.vertical_scrollbar.window_virtual_size == 30
        # the scroll bar stays (its column is always there, app.tcss): nothing laid out
        checklist.set_options([Option("one step")])
        await pilot.pause()
        await pilot.pause()
        assert passes == [] and checklist.show_vertical_scrollbar


async def test_moving_between_cards_lays_out_nothing(make_app, content, clock, monkeypatch):
    """The next card's steps, detail and log take other heights; the panes keep theirs."""
    from tui.domain.tracker import Tracker
    from tui.records.card_fields import CardFields
    from tui.storage.store import Store

    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock)
    for label, kind in (("One", "bank"), ("Two", "transit"), ("Three", "esim")):
        card = tracker.add_card(CardFields(label, kind, "cancel", "Some issuer"))
        for item in tracker.view(card.id).items[: len(label) - 2]:
            tracker.toggle_step(card.id, item.step_id)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.pause()
        passes = []
        real = Screen._refresh_layout
        monkeypatch.setattr(
            Screen, "_refresh_layout", lambda self, *a, **k: passes.append(1) or real(self, *a, **k)
        )
        for _ in range(2):
            before = app.query_one("#step-detail-box").text
            await pilot.press("j")
            await settle(pilot)
            await pilot.pause()
            assert app.query_one("#step-detail-box").text != before
        assert passes == []


async def test_the_steps_and_the_detail_scroll_bars_share_a_column(make_app, content, clock):
    """Both in the steps pane, against its right border (the detail's stood one column
    in, with an empty column beside it)."""
    from tui.domain.demo import fill_demo
    from tui.domain.tracker import Tracker
    from tui.storage.store import Store

    store = Store.in_memory()
    fill_demo(Tracker(store, content.playbooks, clock, issuers=content.issuers))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        shown = app.screen._compositor.full_map
        columns = {shown[app.query_one(name).vertical_scrollbar].region.x
                   for name in ("#checklist", "#step-detail-box")}
        pane = app.query_one("#steps").region
        assert columns == {pane.right - 2}, (columns, pane)
