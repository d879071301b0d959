"""The hotline search over a big directory: the list draws only what it shows, yet
every result is reached by the keys that reach it (down, End, PageDown), in the
order of the search; typing on keeps what is drawn when the first results stay the
same; Enter and ctrl+l act on what is highlighted; Chinese works the same."""

from __future__ import annotations

from rich.text import Text as RichText
from textual.widgets import Input, Static

from tests.helpers.pilot import wait_until
from tui.domain.hotline_choice import Situation, offers_of
from tui.domain.tracker import Tracker
from tui.library.content import Content
from tui.library.issuers import REPORT_LOST, Issuer, IssuerDirectory
from tui.library.playbook import Text
from tui.records.card_fields import CardFields
from tui.records.kinds import Kind
from tui.storage.store import Store
from tui.ui.hotline_list import HotlineList
from tui.ui.hotline_screen import HotlineScreen, hotline_lines

SIZE = (80, 24)


def big_content(content, count: int = 300) -> Content:
    """The shipped content plus `count` banks named 'Metro Bank n' / 地铁银行n, each
    with two numbers."""
    from tui.library.issuers import Hotline

    issuers = list(content.issuers.issuers.values())
    for i in range(count):
        issuers.append(
            Issuer(
                id=f"metro-{i}",
                name=Text({"en": f"Metro Bank {i}", "zh-CN": f"地铁银行{i}"}),
                region="CN",
                kinds=("bank",),
                hotlines=(
                    Hotline(f"+86 10 6{i:07}", "report-lost", False, "CN"),
                    Hotline(f"+86 10 8{i + 5000000:07}", "customer-service", False, "CN"),
                ),
            )
        )
    return Content(content.playbooks, content.strings, issuers=IssuerDirectory.of(issuers))


def listing(app) -> HotlineList:
    return app.screen.query_one("#hotline-results", HotlineList)


def expected(app, query: str) -> list[str]:
    """Every line the search should list for `query`, in order (built the slow way)."""
    situation = Situation(REPORT_LOST, Kind.OTHER, app.abroad)
    found = app.tracker.issuers.search(query, 20)
    lines = []
    for issuer in found:
        offers = list(offers_of(issuer, situation)) or [None]
        lines += [str(hotline_lines(issuer, offer, app.t)) for offer in offers]
    return lines


def prompts(app) -> list[str]:
    shown = listing(app)
    return [str(shown.get_option_at_index(i).prompt) for i in range(shown.option_count)]


async def test_only_what_is_seen_is_drawn_and_down_reaches_every_result(make_app, content):
    app = make_app(content=big_content(content))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h", *"metro bank")
        await wait_until(pilot, lambda: listing(app).entry_count == 40, "40 results")
        shown = listing(app)
        assert shown.option_count < 10  # a view's worth at 80x24, not all 40
        every = expected(app, "metro bank")
        assert prompts(app) == every[: shown.option_count]
        for _ in range(39):
            await pilot.press("down")
        assert shown.highlighted == 39
        assert prompts(app) == every  # built on the way, in the search's order
        await pilot.press("down")  # on the last: it stays there
        assert shown.highlighted == 39


async def test_end_and_page_down_build_what_they_reach(make_app, content):
    app = make_app(content=big_content(content))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h", *"metro bank")
        await wait_until(pilot, lambda: listing(app).entry_count == 40, "40 results")
        shown = listing(app)
        shown.focus()
        await pilot.press("pagedown")
        assert shown.highlighted > 0 and shown.option_count > shown.highlighted + 1
        await pilot.press("end")
        assert shown.highlighted == 39 and prompts(app) == expected(app, "metro bank")
        await pilot.press("home")
        assert shown.highlighted == 0


async def test_typing_on_shows_the_new_first_results_in_order(make_app, content):
    app = make_app(content=big_content(content))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h", *"metro ban")
        await wait_until(pilot, lambda: listing(app).entry_count == 40, "40 results")
        first = listing(app).get_option_at_index(0)
        await pilot.press("k")  # "metro bank": the same issuers first
        await wait_until(pilot, lambda: app.screen.query_one(Input).value == "metro bank", "k")
        assert listing(app).get_option_at_index(0) is first
        assert prompts(app) == expected(app, "metro bank")[: listing(app).option_count]
        await pilot.press(*" 12")  # "metro bank 12": another first result
        await wait_until(pilot, lambda: "Metro Bank 12 " in prompts(app)[0], "Metro Bank 12")
        assert prompts(app) == expected(app, "metro bank 12")[: listing(app).option_count]


async def test_the_list_builds_an_option_once_and_only_as_it_comes_into_view():
    from textual.app import App

    built: list[int] = []

    def option(index: int) -> RichText:
        built.append(index)
        return RichText(f"entry {index}\nits number\nits source")

    class OneList(App):
        def compose(self):
            yield HotlineList()

    app = OneList()
    async with app.run_test(size=(40, 12)) as pilot:
        shown = app.query_one(HotlineList)
        shown.show(list(range(30)), option, "none")
        await pilot.pause()
        assert 3 <= len(built) <= 6 and built == list(range(len(built)))
        before = list(built)
        shown.show([*range(20), 99], option, "none")  # the same first entries
        await pilot.pause()
        assert built == before and shown.highlighted == 0
        shown.show([5, 6, 7], option, "none")  # others: built again
        await pilot.pause()
        assert built[len(before) :] == [0, 1, 2]  # option(index) of the new entries
        shown.show([], option, "nothing found")
        await pilot.pause()
        assert shown.option_count == 1 and shown.get_option_at_index(0).disabled


async def test_enter_copies_and_ctrl_l_links_the_highlighted_result_far_down(
    make_app, content, clock
):
    store = Store.in_memory()
    card = Tracker(store, content.playbooks, clock).add_card(
        CardFields("Debit", "bank", "cancel", "metro bank", "CN")
    )
    app = make_app(store, content=big_content(content))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h")
        await wait_until(pilot, lambda: listing(app).entry_count > 20, "the card's search")
        for _ in range(25):
            await pilot.press("down")
        issuer, _offer = app.screen.highlighted()
        detail = str(app.screen.query_one("#hotline-detail", Static).render())
        assert "website: —" in detail  # the detail follows the highlight
        await pilot.press("ctrl+l")
        await wait_until(pilot, lambda: not isinstance(app.screen, HotlineScreen), "closed")
        assert store.card(card.id).issuer == issuer.name.get("en")
        await pilot.press("h")
        await wait_until(pilot, lambda: isinstance(app.screen, HotlineScreen), "reopened")
        await pilot.press("down")
        _issuer, offer = app.screen.highlighted()
        await pilot.press("enter")
        await wait_until(pilot, lambda: not isinstance(app.screen, HotlineScreen), "copied")
        assert app.clipboard == offer.hotline.shown


async def test_chinese_queries_and_names(make_app, content):
    app = make_app(lang="zh-CN", content=big_content(content))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h", *"地铁银行1")
        await wait_until(pilot, lambda: listing(app).entry_count > 0, "results")
        first = prompts(app)[0]
        assert first.startswith("地铁银行1 · Metro Bank 1 · CN")
        assert prompts(app) == expected(app, "地铁银行1")[: listing(app).option_count]
        await pilot.press(*["backspace"] * 5, *"没有这个")
        await wait_until(pilot, lambda: listing(app).entry_count == 0, "nothing found")
        assert isinstance(listing(app).get_option_at_index(0).prompt, str | RichText)
        assert listing(app).option_count == 1  # the not-found line, not selectable
        assert listing(app).get_option_at_index(0).disabled


async def test_the_detail_keeps_its_height_so_the_list_does_not_jump(make_app, content):
    app = make_app(content=big_content(content))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h", *"icbc")
        await wait_until(pilot, lambda: listing(app).entry_count > 0, "ICBC's numbers")
        await pilot.pause()
        detail = app.screen.query_one("#hotline-detail", Static)
        tall = detail.size.height
        assert tall >= 3  # website, source, what is done without a number
        await pilot.press(*["backspace"] * 4, *"metro bank 7")
        await wait_until(pilot, lambda: "Metro Bank 7 " in prompts(app)[0], "Metro Bank 7")
        await pilot.pause()
        assert "website: —" in str(detail.render())  # one line of text now
        assert min(tall, 6) <= detail.size.height <= 6  # kept, up to six lines


async def test_the_list_fills_the_taller_terminal_after_a_resize(make_app, content):
    """Opened at 60x20, the list built the few results that filled it; grown to 80x50,
    its lower part stayed blank though results were left to show."""
    app = make_app(content=big_content(content))
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("h", *"metro bank")
        await wait_until(pilot, lambda: listing(app).entry_count == 40, "40 results")
        shown = listing(app)
        built_small = shown.option_count
        await pilot.resize_terminal(80, 50)
        await wait_until(pilot, lambda: shown.size.height > 20, "the list grown")
        await pilot.pause()
        assert shown.option_count > built_small
        rows = [shown.render_line(y).text.strip() for y in range(shown.size.height)]
        every = "\n".join(expected(app, "metro bank"))
        assert all(rows), rows  # no blank row: results fill the list to its bottom
        assert all(row in every for row in rows), rows  # and they are the search's
        assert rows[0].startswith("Metro Bank 0"), rows[0]  # from the first result on
