"""The log list (tui/ui/entry_list.py) wraps an entry once: a new entry on top leaves
the others' wrapped lines as they were, and the list reads the same as one filled
from scratch; the cursor skips notes."""

from __future__ import annotations

from rich.text import Text

from tests.helpers.pilot import settle
from tui.model import CardFields
from tui.store import Store
from tui.tracker import Tracker
from tui.ui.entry_list import Entry
from tui.ui.log_pane import LogList, LogPane


def _text(log: LogList) -> list[str]:
    return [log.render_line(y).text for y in range(log.size.height)]


async def test_a_new_entry_on_top_wraps_that_entry_alone(make_app, content, clock):
    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock)
    card = tracker.add_card(CardFields("One", "bank", "cancel"))
    for item in tracker.view(card.id).items[:3]:
        tracker.toggle_step(card.id, item.step_id)
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        log = app.query_one(LogList)
        before = list(log._wrapped)
        assert len(before) == 4 and all(lines is not None for lines in before)
        await pilot.press("enter", "j", "j", "j", "space")
        await settle(pilot)
        assert log.option_count == 5
        assert all(a is b for a, b in zip(log._wrapped[1:], before, strict=True))
        shown = _text(log)
        app.query_one(LogPane).show(tracker.log(card.id), all_cards=False)
        await settle(pilot)
        assert _text(log) == shown


async def test_the_cursor_skips_notes(make_app):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        log = app.query_one(LogList)
        log.show([Entry(Text("note"), disabled=True), Entry(Text("a")), Entry(Text("b"))])
        log.focus()
        await pilot.press("j")
        assert log.highlighted == 1
        await pilot.press("k")
        assert log.highlighted == 1  # nothing above but the note
        await pilot.press("G")
        assert log.highlighted == 2
        await pilot.press("g")
        assert log.highlighted == 1
