"""What reaches the terminal when moving between cards and steps: the lines repainted
one by one (only the cells that changed) leave the terminal as a full redraw would.

The app's updates are replayed into a terminal emulator (pyte) as a terminal would
show them; after moves, toggles and focus changes, that screen is compared cell by
cell (character, colours, bold, italic, reverse) with a fresh screen drawn whole."""

from __future__ import annotations

import pyte
from textual._compositor import CompositorUpdate

from tests.helpers.pilot import settle
from tests.helpers.pyte_cells import cells as _cells
from tui.domain.tracker import Tracker
from tui.records.card_fields import CardFields
from tui.storage.store import Store

SIZE = (80, 24)
CARDS = (
    CardFields("Old phone eSIM", "esim", "cancel", "EE", "UK"),
    CardFields("Debit", "bank", "report-lost", "工行", "CN"),
    CardFields("Metro card", "transit", "cancel", "交通卡", "上海"),
    CardFields("Plain", "bank", "cancel"),
)


class Terminal:
    """Feeds every update the app draws into a pyte screen of the app's size."""

    def __init__(self, app) -> None:
        self.app = app
        self.screen = pyte.Screen(*SIZE)
        self.stream = pyte.Stream(self.screen)
        real = app._display

        def display(screen, renderable) -> None:
            if isinstance(renderable, CompositorUpdate):
                self.stream.feed(renderable.render_segments(app.console))
            real(screen, renderable)

        app._display = display

    def fresh(self) -> None:
        self.screen = pyte.Screen(*SIZE)
        self.stream = pyte.Stream(self.screen)


async def _drawn_whole(app, pilot, terminal: Terminal) -> list[list[tuple]]:
    """The screen as a redraw of every widget from scratch puts it on an empty
    terminal."""
    terminal.fresh()
    for widget in app.screen.walk_children(with_self=True):
        widget.refresh()
    await settle(pilot)
    await pilot.pause()
    return _cells(terminal.screen)


def _tracker_with_cards(content, clock) -> tuple[Store, Tracker]:
    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock)
    for number, fields in enumerate(CARDS):
        card = tracker.add_card(fields)
        for item in tracker.view(card.id).items[: number + 1]:  # logs of other lengths
            tracker.toggle_step(card.id, item.step_id)
    return store, tracker


async def test_moves_between_cards_leave_the_screen_as_a_full_redraw(make_app, content, clock):
    store, _ = _tracker_with_cards(content, clock)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        terminal = Terminal(app)
        app.screen.refresh()  # the first frame, whole, into the terminal
        await settle(pilot)
        await pilot.pause()
        checked = []
        for keys in (["j"], ["j"], ["j"], ["k"], ["g"], ["G"], ["k", "k"], ["tab"],
                     ["j"], ["space"], ["j", "j"], ["shift+tab"], ["j"]):
            await pilot.press(*keys)
            await settle(pilot)
            await pilot.pause()
            shown = _cells(terminal.screen)
            whole = await _drawn_whole(app, pilot, terminal)
            checked.append(keys)
            assert shown == whole, f"after {checked}: the terminal differs from a redraw"


async def test_a_move_of_the_focus_repaints_borders_and_cursor_lines_alone(
    make_app, content, clock
):
    """Tab from the card list to the steps: the two panes' borders and the two
    cursor lines change; the other card rows and steps read the same and are not
    sent again."""
    store, _ = _tracker_with_cards(content, clock)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.pause()
        sent: list[str] = []
        real = app._display

        def display(screen, renderable) -> None:
            if isinstance(renderable, CompositorUpdate):
                sent.append(renderable.render_segments(app.console))
            real(screen, renderable)

        app._display = display
        await pilot.press("tab")
        await settle(pilot)
        await pilot.pause()
        touched = pyte.Screen(*SIZE)
        stream = pyte.Stream(touched)
        stream.feed("".join(["\x1b[2J", *("§" * SIZE[0] for _ in range(SIZE[1]))]))
        for update in sent:
            stream.feed(update)
        table = app.query_one("#cards")
        top = table.region.y + 1  # below the heading line
        cursor = top + table.cursor_row - int(table.scroll_y)
        for y in range(top, table.region.bottom):
            inside = "".join(touched.buffer[y][x].data for x in range(2, 70))
            if y == cursor:
                assert "§" not in inside  # the cursor's colours changed
            else:
                assert set(inside) == {"§"}, f"card row {y} was sent again"
        checklist = app.query_one("#checklist")
        highlighted = checklist.highlighted
        lines = len(checklist._lines_of(highlighted))  # the cursor's step, wrapped
        first = checklist.region.y + checklist._starts[highlighted] - int(checklist.scroll_y)
        for y in range(checklist.region.y, checklist.region.bottom):
            inside = "".join(touched.buffer[y][x].data for x in range(2, 40))
            if first <= y < first + lines:
                assert "§" not in inside
            else:
                assert set(inside) == {"§"}, f"step line {y} was sent again: {inside!r}"


def _many_cards(content, clock, count: int = 40) -> Store:
    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock)
    tracker.add_imported(
        CardFields(f"Card {number:02}", "bank", "cancel", "Some Bank") for number in range(count)
    )
    for card in tracker.cards()[:3]:
        tracker.toggle_step(card.id, tracker.view(card.id).items[0].step_id)
    return store


# key sequences that shrink a list scrolled down: a filter or the due view from the
# end of the card list, the log's "all cards" scrolled to its end, then this card's
SHRINKING = [
    ["G", "slash", *"Card 0"],
    ["G", "slash", *"Card 39"],
    ["j"] * 20 + ["slash", *"Card 3"],
    ["G", "slash", *"Card 0", "enter"],
    ["j"] * 30 + ["slash", *"Card 1", "escape"],
    ["tab", "tab", "tab", "t", "G", "t"],
    ["G", "tab", "tab", "tab", "t", "G", "slash", *"zzq", "escape"],
]


async def test_a_list_that_shrinks_while_scrolled_down_shows_what_a_redraw_shows(
    make_app, content, clock
):
    for keys in SHRINKING:
        app = make_app(_many_cards(content, clock))
        async with app.run_test(size=SIZE) as pilot:
            terminal = Terminal(app)
            app.screen.refresh()
            await settle(pilot)
            await pilot.pause()
            for key in keys:
                await pilot.press(key)
            await settle(pilot)
            await pilot.pause()
            shown = _cells(terminal.screen)
            whole = await _drawn_whole(app, pilot, terminal)
            assert shown == whole, f"after {keys}: the terminal differs from a redraw"
            # a redraw draws from the same scroll: no list may be scrolled past its end
            # (it would show blank lines until a resize)
            for widget in app.screen.query("CardTable, LogList, Checklist"):
                assert widget.scroll_y <= widget.max_scroll_y, (keys, widget.id)
            table = app.query_one("#cards")
            top = table.region.y + 1
            first_row = "".join(terminal.screen.buffer[top][x].data for x in range(80))
            assert "Card" in first_row, (keys, first_row)
            assert table.cursor_row - int(table.scroll_y) in range(table.size.height - 1)
