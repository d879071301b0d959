"""In the hotline search the keys that move in a list move in the results, as in every
list: ↑↓ and PageUp/PageDown always; Home/End while the search field is empty (once it
holds text they move in the text, as in any text field)."""

from __future__ import annotations

from textual.widgets import Input

from tests.helpers.pilot import settle, wait_until
from tests.test_type_ahead import three_cards  # noqa: F401  (a fixture)
from tui.ui.hotline_list import HotlineList
from tui.ui.hotline_screen import HotlineScreen

SIZE = (80, 24)


async def _search(pilot, text: str):
    app = pilot.app
    await pilot.press("h")
    await wait_until(pilot, lambda: isinstance(app.screen, HotlineScreen), "the search")
    await settle(pilot)
    field = app.screen.query_one("#hotline-query", Input)
    field.value = text
    field.cursor_position = len(text)
    await settle(pilot)
    listing = app.screen.query_one("#hotline-results", HotlineList)
    assert listing.entry_count > 10, "enough results to page through"
    assert app.screen.focused is field
    return field, listing


async def test_page_keys_move_in_the_results_and_leave_the_text(make_app, three_cards):  # noqa: F811
    app = make_app(three_cards)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        field, listing = await _search(pilot, "bank")
        assert listing.highlighted == 0
        await pilot.press("pagedown")
        await settle(pilot)
        paged = listing.highlighted
        assert paged is not None and paged > 0
        await pilot.press("pagedown")
        await settle(pilot)
        further = listing.highlighted
        assert further > paged
        await pilot.press("pageup")
        await settle(pilot)
        assert listing.highlighted < further
        assert field.value == "bank" and field.cursor_position == 4
        assert app.screen.focused is field


async def test_home_and_end_move_in_the_text_once_it_holds_some(make_app, three_cards):  # noqa: F811
    app = make_app(three_cards)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        field, listing = await _search(pilot, "bank")
        await pilot.press("down", "down")
        await settle(pilot)
        await pilot.press("home")
        await settle(pilot)
        assert field.cursor_position == 0 and listing.highlighted == 2
        await pilot.press("end")
        await settle(pilot)
        assert field.cursor_position == 4 and listing.highlighted == 2


async def test_home_and_end_go_to_the_first_and_last_result_while_nothing_is_typed(
    make_app,
    three_cards,  # noqa: F811
):
    app = make_app(three_cards)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        field, listing = await _search(pilot, "")
        await pilot.press("end")
        await settle(pilot)
        assert listing.highlighted == listing.entry_count - 1
        await pilot.press("home")
        await settle(pilot)
        assert listing.highlighted == 0 and field.value == ""


async def test_page_down_leaves_a_result_taller_than_the_list(make_app, three_cards):  # noqa: F811
    """An empty search at 60x20: the first result (with its notes) fills the list, and
    PageDown stayed on it while the scroll bar moved."""
    app = make_app(three_cards)
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        field, listing = await _search(pilot, "")
        assert listing.highlighted is None  # an empty search is no match: none chosen
        await pilot.press("down")
        await settle(pilot)
        first = listing.highlighted
        assert first == 0
        assert len(listing._lines_of(first)) >= listing.size.height - 1, "a tall first result"
        await pilot.press("pagedown")
        await settle(pilot)
        assert listing.highlighted > first
        await pilot.press("pageup")
        await settle(pilot)
        assert listing.highlighted == first
