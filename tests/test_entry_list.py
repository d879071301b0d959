"""The log list (tui/ui/entry_list.py) wraps an entry once: a new entry on top leaves
the others' wrapped lines as they were, and the list reads the same as one filled
from scratch; the cursor skips notes."""

from __future__ import annotations

from rich.text import Text

from tests.helpers.pilot import settle
from tui.domain.tracker import Tracker
from tui.records.card_fields import CardFields
from tui.storage.store import Store
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


def _whole(log: LogList) -> None:
    """Every entry wrapped for the width the list has now, each starting where the
    one before ends, and reading whole."""
    assert log._wrapped_at == log.scrollable_content_region.width
    for index, entry in enumerate(log._entries):
        lines = log._lines_of(index)
        end = log._starts[index + 1] if index + 1 < len(log._starts) else log.virtual_size.height
        assert end - log._starts[index] == len(lines)
        shown = "".join(line.text for line in lines).replace(" ", "")
        assert shown == entry.prompt.plain.replace(" ", "")


async def test_entries_are_wrapped_again_when_a_scroll_bar_takes_a_column(
    make_app, content, clock
):
    """`t` shows every card's log: the scroll bar that comes takes a column, and an
    entry may need a line more (their last line went missing)."""
    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock)
    tracker.add_card(CardFields("Only one entry", "bank", "cancel"))
    for number in range(12):
        label = f"Card {number} " + "a long label " * (number % 4)
        card = tracker.add_card(CardFields(label.strip(), "transit", "cancel"))
        tracker.toggle_step(card.id, tracker.view(card.id).items[0].step_id)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        log = app.query_one(LogList)
        assert log.show_vertical_scrollbar  # the log's column is always there (app.tcss)
        _whole(log)
        log.styles.overflow_y = "auto"  # a list whose scroll bar comes and goes
        await settle(pilot)
        await pilot.pause()
        assert not log.show_vertical_scrollbar
        await pilot.press("t")
        await settle(pilot)
        assert log.show_vertical_scrollbar
        for y in range(log.size.height):
            log.render_line(y)
        _whole(log)


async def test_the_highlighted_entry_stays_in_view_on_a_resize(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        log = app.query_one(LogList)
        log.show([Entry(Text(f"entry {n} " + "words " * 8)) for n in range(40)])
        log.focus()
        await pilot.press("G")
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        await pilot.pause()
        _whole(log)
        top = log._starts[log.highlighted]
        assert log.scroll_y <= top < log.scroll_y + log.size.height


async def test_the_next_steps_detail_starts_at_the_top(make_app, content, clock):
    """Two steps in a row with the same heading (same type, not done): read to the end
    of the first, move on, and the second starts at its top."""
    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock)
    card = tracker.add_card(CardFields("One", "transit", "report-lost"))
    items = tracker.view(card.id).items
    first = next(
        i
        for i in range(len(items) - 1)
        if (items[i].step.type, items[i].step.wait_days)
        == (items[i + 1].step.type, items[i + 1].step.wait_days)
    )
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", *["j"] * first)
        await settle(pilot)
        panel = app.query_one("#step-detail-box")
        assert panel.virtual_size.height > panel.size.height  # the text scrolls
        panel.scroll_end(animate=False, immediate=True)
        await pilot.pause()
        assert panel.scroll_y > 0
        await pilot.press("j")  # the next step, the same heading
        await settle(pilot)
        await pilot.pause()
        assert panel.scroll_y == 0


async def test_an_entry_taller_than_the_list_shows_its_first_line(make_app):
    """At 60x20 a step can wrap to more lines than the checklist shows: moving to it
    shows its first line (its box and number), not its last."""
    app = make_app()
    async with app.run_test(size=(60, 20)) as pilot:
        log = app.query_one(LogList)
        tall = "START " + "a long refund procedure is finished " * 12 + "END"
        log.show([Entry(Text("short one")), Entry(Text(tall)), Entry(Text("short two"))])
        log.focus()
        await pilot.pause()
        assert len(log._lines_of(1)) > log.size.height
        for keys in (("down", "down"), ("down", "up")):  # to the tall entry; past it, back
            await pilot.press(*keys)
            await pilot.pause()
            assert log.highlighted == 1
            assert "START" in _text(log)[0]
