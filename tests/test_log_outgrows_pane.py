"""A new log entry that makes a log list outgrow its pane brings a scroll bar, which
narrows the list by a column: its entries are wrapped for that width when they are
laid out, not while the screen is drawn (which changed the list's height mid-draw and
sent the whole list a second time, ~1.4 KB more for that toggle at 80x24)."""

from __future__ import annotations

from tests.helpers.pilot import settle
from tui.domain.tracker import Tracker
from tui.records.card_fields import CardFields
from tui.storage.store import Store
from tui.ui.log_pane import LogList, LogPane


async def test_the_toggle_that_brings_the_logs_scroll_bar_draws_the_list_once(
    make_app, content, clock
):
    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock)
    tracker.add_card(CardFields("One", "bank", "cancel"))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        log = app.query_one(LogList)
        # the app's log keeps its scroll bar column (app.tcss); a list whose bar comes
        # and goes (as Textual's default has it) must still wrap once for the new width
        log.styles.overflow_y = "auto"
        await settle(pilot)
        drawn_unwrapped = []  # (toggle, width drawn at, width wrapped for)
        real_render_line = log.render_line

        def render_line(y: int):
            if log._width() != log._wrapped_at:
                drawn_unwrapped.append((toggles, log._width(), log._wrapped_at))
            return real_render_line(y)

        log.render_line = render_line
        await pilot.press("enter")  # to the steps
        await settle(pilot)
        assert not log.show_vertical_scrollbar
        toggles = 0
        while not log.show_vertical_scrollbar:
            toggles += 1
            assert toggles < 10, "the log never outgrew its pane"
            await pilot.press("space", "j")  # check a step: a log entry more
            await settle(pilot)
        assert drawn_unwrapped == []
        width = log.scrollable_content_region.width
        assert log._wrapped_at == width == log.size.width - log.scrollbar_size_vertical
        # every entry is wrapped to fit the narrower list
        assert all(strip.cell_length == width for lines in log._wrapped for strip in lines)
        # and the pane reads as the same entries shown afresh do
        shown = [log.render_line(y).text for y in range(log.size.height)]
        card_id = tracker.cards()[0].id
        app.query_one(LogPane).show(tracker.log(card_id), all_cards=False)
        await settle(pilot)
        assert [log.render_line(y).text for y in range(log.size.height)] == shown
