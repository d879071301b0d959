"""Opening and closing the card filter (`/`, Escape) moves nothing on screen: the
filter line lies over the list's heading, so the list keeps its place, its size and
the lines it drew; the focus moving between the line and the list draws again only
the cursor's line, and restyles only what the focus changes; a hint that says why no
card is shown stays readable below the line."""

from __future__ import annotations

from textual.widgets import Input, Static

from tests.helpers.pilot import settle, wait_until
from tui.domain.tracker import Tracker
from tui.records.card_fields import CardFields
from tui.storage.store import Store
from tui.ui.card_table import CardTable
from tui.ui.inventory_pane import InventoryPane

SIZE = (80, 24)


def _store(content, clock, count: int = 30) -> Store:
    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock)
    tracker.add_imported(
        CardFields(f"Card {n:02}", "bank", "cancel", "Some Bank") for n in range(count)
    )
    return store


def _drawn_rows(table: CardTable) -> dict:
    """The lines the list keeps drawn, by (card, stripe, cursor)."""
    return {key: table._drawn.get(key) for key in table._drawn.keys()}


async def test_the_filter_line_lies_over_the_heading_and_moves_no_row(make_app, content, clock):
    app = make_app(_store(content, clock))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = app.query_one(CardTable)
        await pilot.press("j", "j")
        await settle(pilot)
        region = table.region
        drawn = _drawn_rows(table)
        assert len(drawn) > 3
        await pilot.press("slash")
        await settle(pilot)
        box = app.query_one("#filter", Input)
        assert box.display and app.focused is box
        assert box.region.y == region.y and box.region.height == 1  # over the heading
        assert table.region == region
        await pilot.press("escape")
        await settle(pilot)
        assert not box.display and app.focused is table
        assert table.region == region
        # the lines drawn before are the lines shown again (none drawn anew but the
        # cursor's, whose colours follow the focus)
        kept = _drawn_rows(table)
        same = [key for key, line in drawn.items() if not key[2] and kept.get(key) is line]
        assert same == [key for key in drawn if not key[2]]


async def test_a_focus_change_draws_again_only_the_cursor_line(make_app, content, clock):
    app = make_app(_store(content, clock))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = app.query_one(CardTable)
        await pilot.press("tab", "shift+tab")  # every line on screen drawn once
        await settle(pilot)
        drawn: list[int] = []
        real = table._line
        table._line = lambda cells, style, width: drawn.append(1) or real(cells, style, width)

        def cursor_background() -> object:
            line = table.render_line(table.cursor_row - int(table.scroll_y) + 1)
            return line._segments[0].style.bgcolor

        focused = cursor_background()
        for key in ("tab", "shift+tab", "slash", "escape"):
            await pilot.press(key)
            await settle(pilot)
        # the cursor's line, once for each change of its colours (Escape: twice), not
        # the five others on screen
        assert 4 <= len(drawn) <= 6
        await pilot.press("tab")
        await settle(pilot)
        blurred = cursor_background()
        assert blurred == table.get_component_rich_style("card-table--cursor").bgcolor
        assert blurred != focused
        await pilot.press("shift+tab")
        await settle(pilot)
        assert cursor_background() == focused
        drawn.clear()
        app.theme = "textual-light" if app.theme != "textual-light" else "textual-dark"
        await settle(pilot)
        table.refresh()
        await pilot.pause()
        assert len(drawn) > 3  # another theme: every line on screen drawn again
        assert cursor_background() == table.get_component_rich_style("card-table--cursor").bgcolor


async def test_the_focused_pane_s_border_follows_the_focus(make_app, content, clock):
    """Only what a move of the focus changes is restyled: each pane's border still says
    where the focus is, whichever way it moved."""
    app = make_app(_store(content, clock, count=3))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        panes = {name: app.query_one(f"#{name}") for name in ("inventory", "steps", "log")}

        def heavy() -> list[str]:
            return [name for name, pane in panes.items() if pane.styles.border_top[0] == "heavy"]

        visited = set()
        keys = ["slash", "escape", *["tab"] * 4, *["shift+tab"] * 4, "slash", "enter", "enter"]
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
            where = [name for name, pane in panes.items() if app.focused in pane.walk_children()]
            assert heavy() == where and len(where) == 1, key
            visited.update(where)
            assert app.query_one("#filter", Input).has_pseudo_class("focus") == (
                app.focused is app.query_one("#filter", Input)
            )
        assert visited == set(panes)


def _hint(app) -> str:
    return str(app.query_one("#empty-hint", Static).render())


async def test_the_hint_shows_below_the_filter_line(make_app, content, clock):
    app = make_app(_store(content, clock, count=3))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        hint = app.query_one("#empty-hint", Static)
        await pilot.press("slash", "z", "z")
        await wait_until(pilot, lambda: hint.display, "no match")
        first, second = _hint(app).split("\n")[:2]
        assert first == "" and second.startswith("No card matches “zz”")
        await pilot.press("escape")
        await settle(pilot)
        assert not hint.display
        # the due view with nothing due: the hint on the top line, then below the
        # filter line while it is open
        await pilot.press("D")
        await wait_until(pilot, lambda: hint.display, "nothing due")
        assert _hint(app).startswith("Nothing is due")
        app.query_one(InventoryPane).open_filter()
        await settle(pilot)
        first, second = _hint(app).split("\n")[:2]
        assert first == "" and second.startswith("Nothing is due")
        app.query_one(InventoryPane).close_filter()
        await settle(pilot)
        assert _hint(app).startswith("Nothing is due")
