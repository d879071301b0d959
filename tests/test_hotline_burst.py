"""Keys typed in a burst as the hotline search opens (`h I C B C` from a card whose
issuer gives the search a query of its own): the list draws the results of the last
query, under the detail of the one highlighted, and the cursor moves through them.

The list showed Industrial Bank's numbers under ICBC's detail when two keys came
between two frames and the first one's results brought the scroll bar: the second
search wrapped the entries still on screen for the narrower list (to see which cells
change) and kept those lines under its own results' keys (tui.ui.hotline_list). The
burst through the keyboard meets that only when its keys fall between frames; the
tests after it put two searches between two frames every time."""

from __future__ import annotations

import pytest
from rich.text import Text as RichText
from textual.app import App
from textual.widgets import Input

from tests.helpers.pilot import settle, wait_until
from tests.test_type_ahead import burst, typed_out
from tui.domain.tracker import Tracker
from tui.records.card_fields import CardFields
from tui.storage.store import Store
from tui.ui.hotline_list import HotlineList
from tui.ui.hotline_screen import HotlineScreen

SIZES_AND_LANGUAGES = [((80, 24), "en"), ((60, 20), "en"), ((80, 24), "zh-CN")]


def squeezed(text: str) -> str:
    """Text without its white space: lines wrapped anywhere compare equal."""
    return "".join(text.split())


def drawn(app, listing: HotlineList) -> str:
    """What the screen shows in the list's place (the scroll bar left out)."""
    region = listing.scrollable_content_region
    rows = app.screen._compositor.render_strips()[region.y : region.bottom]
    return "\n".join(row.crop(region.x, region.right).text for row in rows)


def entries_text(listing: HotlineList, first: int = 0) -> str:
    return "\n".join(
        str(listing.get_option_at_index(i).prompt) for i in range(first, listing.option_count)
    )


def assert_drawn_is_the_entries(app, listing: HotlineList) -> None:
    """The lines on screen are the entries' own, from the top of the list down."""
    shown = squeezed(drawn(app, listing))
    assert shown, "the list draws nothing"
    assert squeezed(entries_text(listing)).startswith(shown), drawn(app, listing)


@pytest.fixture
def demo_cards(content, clock) -> Store:
    """A card highlighted at start whose issuer is in no directory: `h` searches for
    its text, which fills the list with one short result (no scroll bar) before the
    typed keys replace the query."""
    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock, issuers=content.issuers)
    tracker.add_card(CardFields("Old phone eSIM", "esim", "cancel", "Sample Mobile", "CN"))
    tracker.add_card(CardFields("Lost debit card", "bank", "report-lost", "ICBC", "CN"))
    return store


@pytest.mark.parametrize(("size", "lang"), SIZES_AND_LANGUAGES)
async def test_a_burst_as_the_search_opens_draws_the_last_querys_results(
    make_app, demo_cards, size, lang
):
    app = make_app(demo_cards, lang=lang)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        taken = burst(app, "h", *"ICBC")
        await typed_out(pilot, taken)
        screen = app.screen
        assert isinstance(screen, HotlineScreen)
        listing = screen.query_one(HotlineList)
        issuer, _ = screen.highlighted()
        assert issuer.id == "icbc"
        assert_drawn_is_the_entries(app, listing)
        assert squeezed(issuer.name.get(lang)) in squeezed(drawn(app, listing).split("\n")[0])
        # the cursor moves, and the detail and the drawn lines follow it
        detail_before = str(screen.query_one("#hotline-detail").render())
        await pilot.press("down")
        await settle(pilot)
        assert listing.highlighted == 1
        assert str(screen.query_one("#hotline-detail").render()) != detail_before
        name_line = str(listing.get_option_at_index(1).prompt).split("\n")[0]
        assert squeezed(name_line) in squeezed(drawn(app, listing))
        assert_drawn_is_the_entries_from_the_scroll(app, listing)


def assert_drawn_is_the_entries_from_the_scroll(app, listing: HotlineList) -> None:
    """The lines on screen are those of the entries from the one at the top of the
    view on (whose first lines may be scrolled away)."""
    top = listing.entry_at(0)
    assert top is not None
    shown = squeezed(drawn(app, listing))
    start = squeezed(entries_text(listing, top)).find(shown)
    assert 0 <= start <= len(squeezed(str(listing.get_option_at_index(top).prompt))), shown


@pytest.mark.parametrize("shown_again", [False, True], ids=["new", "shown-again"])
@pytest.mark.parametrize(("size", "lang"), SIZES_AND_LANGUAGES)
async def test_two_keys_before_a_frame_draw_the_second_querys_results(
    make_app, demo_cards, size, lang, shown_again
):
    """What a burst does when two keys come between two frames, every time: the field
    changed twice with no drawing between (the first search brings the scroll bar),
    in the screen as built and as shown again after a search of its own."""
    app = make_app(demo_cards, lang=lang)
    async with app.run_test(size=size) as pilot:
        if shown_again:  # a search of its own first, then closed
            await pilot.press("h")
            await wait_until(pilot, lambda: isinstance(app.screen, HotlineScreen), "the search")
            await pilot.press(*"IC", "escape")
            await wait_until(pilot, lambda: len(app.screen_stack) == 1, "the search closed")
        await pilot.press("h")
        await wait_until(pilot, lambda: isinstance(app.screen, HotlineScreen), "the search")
        await settle(pilot)
        screen = app.screen
        listing = screen.query_one(HotlineList)
        assert not listing.show_vertical_scrollbar  # the card's issuer: one short result
        field = screen.query_one("#hotline-query", Input)
        field.value = "I"
        field.value = "IC"
        await settle(pilot)
        issuer, _ = screen.highlighted()
        assert issuer.id == "icbc"
        assert_drawn_is_the_entries(app, listing)
        assert squeezed(issuer.name.get(lang)) in squeezed(drawn(app, listing))


class OneList(App):
    CSS = "HotlineList { height: 12; }"

    def compose(self):
        yield HotlineList()


def lines_of(prefix: str):
    def prompt(index: int) -> RichText:
        return RichText(f"{prefix} {index}\n☎ +86 10 {index:08}\nsource: {prefix}.example {index}")

    return prompt


@pytest.mark.parametrize("count", [2, 1])
async def test_two_searches_in_one_go_draw_the_second_ones_entries(count):
    """A search whose results bring the scroll bar (the list narrows) and the next one
    before the list is drawn again, as two keys of a burst are: the entries on
    screen when the second search replaces them are wrapped for the new width (to see
    which cells change), and those lines must never be kept for the second search's
    entries (they were, under the same indexes' keys: Industrial Bank's numbers
    showed under ICBC's name in the detail)."""
    app = OneList()
    async with app.run_test(size=(60, 14)) as pilot:
        listing = app.query_one(HotlineList)
        listing.show([("few", i) for i in range(count)], lines_of("few"), "none")
        await settle(pilot)
        assert not listing.show_vertical_scrollbar
        listing.show([("old", i) for i in range(20)], lines_of("old"), "none")
        assert listing.show_vertical_scrollbar  # narrower now, not drawn yet
        listing.show([("new", i) for i in range(20)], lines_of("new"), "none")
        await settle(pilot)
        assert "old" not in drawn(app, listing)
        assert_drawn_is_the_entries(app, listing)
        listing.focus()
        await pilot.press("down", "down", "down")
        await settle(pilot)
        assert listing.highlighted == 3
        assert "new 3" in drawn(app, listing)
        assert_drawn_is_the_entries_from_the_scroll(app, listing)
