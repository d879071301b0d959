"""The issuer line above a card's steps keeps its height from card to card, so a
cursor move lays nothing out (issue 15: a line of one row for some cards and two or
three for others laid out the whole screen on two moves in five). Text that needs more
rows gives way without hiding what matters: the issuer's name is shortened first (the
card list shows it too), a number is never split between rows, and when the end is
cut it ends in "…" while the call step's detail shows all of it."""

from __future__ import annotations

import re

import pytest
from textual.widgets import Static

from tests.helpers.pilot import settle
from tests.test_move_one_update import count_updates
from tui.domain.tracker import Tracker
from tui.records.card_fields import CardFields
from tui.storage.store import Store
from tui.ui.card_lines import IssuerLine

CARDS = (
    CardFields("No issuer", "bank", "cancel"),  # one row: how to search
    CardFields("Octopus", "transit", "report-lost", "八达通", "HK", registered=True),  # two rows
    CardFields("Suica", "transit", "report-lost", "Suica", "JP"),  # six rows of advice
    CardFields("ICBC", "bank", "cancel", "工行", "CN"),  # a long name
    CardFields("Metro", "transit", "suspend", "Shanghai transport card", "CN"),
)


@pytest.fixture
def store(content, clock) -> Store:
    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock, issuers=content.issuers)
    for fields in CARDS:
        tracker.add_card(fields)
    return store


def rows(app) -> list[str]:
    return str(app.query_one("#issuer-line", Static).render()).split("\n")


def count_layouts(app) -> list[int]:
    """Layout passes of the main screen from now on."""
    passes: list[int] = []
    screen = app.screen
    real = screen._refresh_layout

    def refresh_layout(*args, **kwargs):
        passes.append(sorted(str(w) for ws in screen._layout_widgets.values() for w in ws))
        return real(*args, **kwargs)

    screen._refresh_layout = refresh_layout
    return passes


@pytest.mark.parametrize("size", [(80, 24), (60, 20), (120, 40)])
async def test_moving_between_issuer_lines_of_any_length_lays_nothing_out(
    make_app, store, size
):
    app = make_app(store)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        for key in ["j"] * (len(CARDS) - 1) + ["k"] * (len(CARDS) - 1):
            await pilot.press(key)  # each row of keys is mounted the first time it shows
        await settle(pilot)
        seen = []
        passes = count_layouts(app)
        for key in ["j"] * (len(CARDS) - 1) + ["k"] * (len(CARDS) - 1):
            updates = count_updates(app)
            await pilot.press(key)
            await settle(pilot)
            seen.append(rows(app))
            line = app.query_one("#issuer-line", IssuerLine)
            assert len(rows(app)) <= IssuerLine.ROWS and line.size.height == IssuerLine.ROWS
            # the key bar may follow in an update of its own (its last row)
            moves = [u for u in updates if set(re.findall(r"\((\d+), \d+, \d+\)", u))
                     != {str(size[1] - 1)}]
            assert len(moves) == 1, updates
        assert not passes
        assert len({tuple(r) for r in seen}) == len(CARDS)  # every card's own line


@pytest.mark.parametrize("width", range(50, 121, 7))
async def test_a_number_stays_on_one_row_and_the_name_gives_way_first(
    make_app, store, width
):
    app = make_app(store)
    async with app.run_test(size=(width, 30)) as pilot:
        await settle(pilot)
        for _ in range(3):
            await pilot.press("j")
        await settle(pilot)  # ICBC, whose English name is long
        shown = rows(app)
        assert len(shown) <= IssuerLine.ROWS
        assert any("☎ 95588" in row for row in shown), shown
        assert shown[0].startswith("Indus"), shown  # shortened, not dropped
        assert not shown[-1].endswith("…"), shown  # the name gave way, not the end
        await pilot.press("j")
        await settle(pilot)  # Shanghai's card: a third party's number, with its warning
        shown = rows(app)
        assert any("☎ +86 21 6361 1100" in row for row in shown), shown
        assert "⚠ unverified" in " ".join(shown), shown


async def test_advice_longer_than_the_line_ends_in_an_ellipsis_and_the_call_step_has_it_all(
    make_app, store
):
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("j", "j")
        await settle(pilot)
        shown = rows(app)
        assert shown[0].startswith("⚠ Suica: ") and shown[-1].endswith("…"), shown
        await pilot.press("enter")  # to the steps: the first is the call
        await settle(pilot)
        detail = app.query_one("#step-detail-box").text
        whole = app.query_one("#issuer-line", IssuerLine)._whole.plain
        assert " ".join(whole.split()) in " ".join(detail.split())
        assert "Mobile Suica" in whole  # the end the line cut


async def test_a_line_that_fits_is_shown_whole(make_app, store):
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert rows(app)[0].startswith("No issuer set") and "…" not in rows(app)[0]
        await pilot.press("j")
        await settle(pilot)
        text = " ".join(rows(app))
        assert "Octopus ☎ +852 2266 2266 (report lost)" in text and "…" not in text


async def test_the_identifiers_line_stays_for_every_card_once_one_card_has_it(
    make_app, content, clock
):
    """A card carried in the wallet (or with an identifier kept) shows a line of its
    own above the steps; while any card does, the others show that they have none
    there, and a move between them lays nothing out. With none, there is no line."""
    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock)
    plain = tracker.add_card(CardFields("Plain", "bank", "cancel"))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert not app.query_one("#identifiers").display
    tracker.add_card(CardFields("Wallet", "bank", "report-lost", carried=True))
    tracker.add_card(CardFields("Other", "transit", "cancel"))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for key in "jjkkjj":  # each row of keys is mounted the first time it shows
            await pilot.press(key)
        await pilot.press("g")
        await settle(pilot)
        passes = count_layouts(app)
        shown = []
        for key in "jjkk":
            await pilot.press(key)
            await settle(pilot)
            line = app.query_one("#identifiers", Static)
            assert line.display
            shown.append(str(line.render()))
        assert not passes
        assert "carried in the wallet" in shown[0], shown
        assert shown[1] == shown[3] == "no identifier kept for this card"
        assert app.query_one("#steps").view.card.id == plain.id


async def test_the_note_of_more_numbers_goes_before_the_name_is_cut_short(
    make_app, content, clock
):
    """China Mobile's port-out line is long: the name stays whole (it was cut to
    `Chin…` to keep `+4 more: h`), the number and its warning stay, the note goes."""
    store = Store.in_memory()
    Tracker(store, content.playbooks, clock, issuers=content.issuers).add_card(
        CardFields("Keep my number", "esim", "port-out", "China Mobile", "CN")
    )
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        shown = " ".join(rows(app))
        assert shown.startswith("China Mobile ☎ 10086 (port out)"), shown
        assert "⚠ unverified" in shown and "more: h" not in shown, shown


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
async def test_a_card_networks_number_goes_under_the_networks_name(
    make_app, content, clock, size
):
    """A bank with no number that works for a lost card, whose card is a Visa: the line
    offered is Visa's, and the issuer line names Visa (it named the bank, so that the
    caller thought they were calling their bank)."""
    store = Store.in_memory()
    Tracker(store, content.playbooks, clock, issuers=content.issuers).add_card(
        CardFields("SMBC", "bank", "report-lost", "Sumitomo Mitsui Banking Corporation", "JP",
                   network="visa", carried=True)
    )
    # abroad: at home Visa's line for calling from abroad comes after the bank's own
    app = make_app(store, abroad=True)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        shown = " ".join(rows(app))
        assert shown.startswith("Visa ☎ +1 303-967-1096"), shown
        assert "Sumitomo" not in shown, shown


async def test_every_demo_card_shows_a_number_with_its_source(make_app, content, clock):
    """README: `--demo` opens sample cards of real issuers, with their sourced numbers."""
    from tui.domain.demo import DEMO_CARDS, fill_demo

    store = Store.in_memory()
    fill_demo(Tracker(store, content.playbooks, clock, issuers=content.issuers))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for n in range(len(DEMO_CARDS)):
            if n:
                await pilot.press("j")
                await settle(pilot)
            shown = " ".join(rows(app))
            assert "☎ " in shown and ("·" in shown or "⚠" in shown), shown
            assert "not in the directory" not in shown, shown


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_the_demo_speaks_the_app_s_language_and_links_every_issuer(content, clock, lang):
    """`--demo --lang zh-CN` showed `Old phone eSIM`, `Metro card`, `Shanghai transport…`
    to a Chinese user: the sample cards are named in the app's language, their issuers
    typed as its users type them, and each still links to the same directory entry."""
    from tui.base.i18n import Catalog
    from tui.domain.demo import DEMO_CARDS, fill_demo

    english = Tracker(Store.in_memory(), content.playbooks, clock, issuers=content.issuers)
    fill_demo(english)
    tracker = Tracker(Store.in_memory(), content.playbooks, clock, issuers=content.issuers)
    fill_demo(tracker, Catalog(content.strings, lang))
    cards, english_cards = tracker.store.cards(), english.store.cards()
    assert len(cards) == len(DEMO_CARDS)
    for card, was in zip(cards, english_cards, strict=True):
        issuer = tracker.issuer_for(card)
        assert issuer is not None and issuer.id == english.issuer_for(was).id, card.issuer
        assert (card.kind, card.intent, card.carried) == (was.kind, was.intent, was.carried)
        if lang == "zh-CN":
            assert not re.search("[A-Za-z]", card.label.replace("eSIM", "")), card.label
            assert not re.search("[A-Za-z]", card.issuer), card.issuer
