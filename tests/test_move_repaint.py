"""What reaches the terminal when moving between cards and steps: the lines repainted
one by one (only the cells that changed) leave the terminal as a full redraw would.

The app's updates are replayed into a terminal emulator (pyte) as a terminal would
show them; after moves, toggles and focus changes, that screen is compared cell by
cell (character, colours, bold, italic, reverse) with a fresh screen drawn whole."""

from __future__ import annotations

import pyte
from textual._compositor import CompositorUpdate

from tests.helpers.pilot import settle
from tui.model import CardFields
from tui.store import Store
from tui.tracker import Tracker

SIZE = (80, 24)
CARDS = (
    CardFields("Old phone eSIM", "esim", "cancel", "EE", "UK"),
    CardFields("Debit", "bank", "report-lost", "工行", "CN"),
    CardFields("Metro card", "transit", "cancel", "交通卡", "上海"),
    CardFields("Plain", "bank", "cancel"),
)


def _cells(screen: pyte.Screen) -> list[list[tuple]]:
    return [
        [
            (c.data, c.fg, c.bg, c.bold, c.italics, c.reverse)
            for c in (screen.buffer[y][x] for x in range(screen.columns))
        ]
        for y in range(screen.lines)
    ]


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
