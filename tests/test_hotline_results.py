"""The hotline search's results as a line list: the lines on screen are the results'
own (each number with its source), the cursor stops at either end, Enter or a
click on a result acts on it, the detail under the list follows the cursor whole, and
the keys under the box stay whole at 60x20 in English and Chinese."""

from __future__ import annotations

import pytest
from rich.text import Text as RichText
from textual.app import App

from tests.helpers.pilot import settle, wait_until
from tests.test_hotline_list import big_content, expected, listing, prompts
from tui.domain.tracker import Tracker
from tui.records.card_fields import CardFields
from tui.storage.store import Store
from tui.ui.hotline_list import HotlineList
from tui.ui.hotline_screen import HotlineDetail, HotlineScreen


def screen_lines(app) -> list[str]:
    return [strip.text for strip in app.screen._compositor.render_strips()]


def inside(line: str) -> str:
    """A line of the box without its borders and padding."""
    return line.strip().strip("│").strip()


class OneList(App):
    """The list alone, three-line entries, remembering what it was told."""

    def __init__(self) -> None:
        super().__init__()
        self.said: list[tuple[str, int]] = []

    def compose(self):
        yield HotlineList()

    def on_hotline_list_highlighted(self, message: HotlineList.Highlighted) -> None:
        self.said.append(("highlighted", message.index))

    def on_hotline_list_selected(self, message: HotlineList.Selected) -> None:
        self.said.append(("selected", message.index))


def entry(index: int) -> RichText:
    return RichText(f"entry {index}\n☎ +86 10 {index:08}\nsource: example.com {index}")


async def test_the_lines_on_screen_are_the_entries_lines_from_the_scroll_on():
    app = OneList()
    async with app.run_test(size=(40, 12)) as pilot:
        shown = app.query_one(HotlineList)
        shown.show(list(range(30)), entry, "none")
        await settle(pilot)
        text = [line[:38].rstrip() for line in screen_lines(app)]  # not the scroll bar
        assert text[:6] == [
            "entry 0",
            "☎ +86 10 00000000",
            "source: example.com 0",
            "entry 1",
            "☎ +86 10 00000001",
            "source: example.com 1",
        ]
        shown.focus()
        await pilot.press("end")  # every entry built; the view ends with the last
        await settle(pilot)
        text = [line[:38].rstrip() for line in screen_lines(app)]  # not the scroll bar
        assert text[-3:] == ["entry 29", "☎ +86 10 00000029", "source: example.com 29"]
        assert shown.highlighted == 29 and shown.option_count == 30


async def test_the_cursor_stops_at_either_end_and_enter_and_a_click_act_on_the_entry():
    app = OneList()
    async with app.run_test(size=(40, 12)) as pilot:
        shown = app.query_one(HotlineList)
        shown.show(list(range(30)), entry, "none")
        shown.focus()
        await settle(pilot)
        assert shown.highlighted == 0 and app.said == []  # show tells nothing
        await pilot.press("up")  # on the first: it stays there
        await settle(pilot)
        assert shown.highlighted == 0 and app.said == []
        await pilot.press("end")  # the last, built on the way
        await settle(pilot)
        assert shown.highlighted == 29 and str(shown.get_option_at_index(29).prompt) == str(
            entry(29)
        )
        await pilot.press("down")  # on the last: it stays there
        await pilot.press("up", "enter")
        await settle(pilot)
        assert app.said == [("highlighted", 29), ("highlighted", 28), ("selected", 28)]
        app.said.clear()
        await pilot.press("home")
        await pilot.click(HotlineList, offset=(2, 4))  # the second line of entry 1
        await settle(pilot)
        assert ("selected", 1) in app.said and shown.highlighted == 1


async def test_nothing_found_is_a_line_the_cursor_and_enter_pass_by():
    app = OneList()
    async with app.run_test(size=(40, 12)) as pilot:
        shown = app.query_one(HotlineList)
        shown.show([], entry, "nothing found")
        shown.focus()
        await pilot.press("down", "up", "enter")
        await settle(pilot)
        assert shown.highlighted is None and app.said == []
        assert screen_lines(app)[0].rstrip() == "nothing found"


async def test_the_detail_follows_the_cursor_whole_as_the_results_change(make_app, content):
    """The detail is drawn again without laying out the screen when its height stays
    the same: every line it holds is on screen, and it shows the highlighted one."""
    app = make_app(content=big_content(content))
    async with app.run_test(size=(80, 24)) as pilot:

        async def detail_is_whole() -> None:
            await settle(pilot)
            screen = app.screen
            issuer, offer = screen.highlighted()
            detail = screen.query_one("#hotline-detail", HotlineDetail)
            text = detail.render()
            assert (issuer.website or "—") in str(text)
            wrapped = [
                line.plain.strip()
                for line in RichText(str(text)).wrap(app.console, detail.content_region.width)
            ]
            on_screen = [inside(line) for line in screen_lines(app)]
            start = on_screen.index(wrapped[0])
            assert on_screen[start : start + len(wrapped)] == wrapped

        await pilot.press("h", *"icbc")
        await wait_until(pilot, lambda: listing(app).entry_count > 0, "ICBC")
        await detail_is_whole()
        await pilot.press(*["backspace"] * 4, *"metro bank 7")
        await wait_until(pilot, lambda: "Metro Bank 7 " in prompts(app)[0], "Metro Bank 7")
        await detail_is_whole()
        assert prompts(app) == expected(app, "metro bank 7")[: listing(app).option_count]
        for _ in range(3):
            await pilot.press("down")
            await detail_is_whole()
        await pilot.press(*["backspace"] * 12, *"工行")
        await wait_until(pilot, lambda: "95588" in prompts(app)[0], "ICBC again")
        await detail_is_whole()


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
@pytest.mark.parametrize("from_card", [True, False])
async def test_the_keys_under_the_box_are_whole_at_60x20(make_app, content, clock, lang, from_card):
    """The longest detail there is (a page address that wraps over four lines) does
    not push the keys out of the box: they wrap, and every word of them shows."""
    store = Store.in_memory()
    if from_card:
        Tracker(store, content.playbooks, clock, issuers=content.issuers).add_card(
            CardFields("Phone", "esim", "cancel", "EE", "GB")
        )
    app = make_app(store, lang=lang)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("h")
        await wait_until(pilot, lambda: isinstance(app.screen, HotlineScreen), "the search")
        if not from_card:
            await pilot.press(*"EE")
        await wait_until(pilot, lambda: "☎" in "".join(screen_lines(app)), "EE's numbers")
        await settle(pilot)
        hint = app.t("hotline.hint_card" if from_card else "hotline.hint")
        lines = [inside(line) for line in screen_lines(app)]
        bottom = next(i for i, line in enumerate(lines) if line.startswith("╰"))
        shown = "".join(lines[bottom - 3 : bottom]).replace(" ", "")
        assert hint.replace(" ", "") in shown
        assert "☎" in "".join(lines[:bottom])  # the first number still shows


async def test_a_query_longer_than_the_field_keeps_its_end_in_view(make_app, content):
    """The field lays out nothing as it is typed into, yet still scrolls with the
    cursor."""
    app = make_app(content=big_content(content))
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("h", *"metro bank " * 6, *"end")
        await wait_until(pilot, lambda: "bank end" in "".join(screen_lines(app)), "the end")
        field = next(line for line in screen_lines(app) if "bank end" in line)
        assert field.split("▊")[1].split()[0] != "metro"  # its start scrolled away
