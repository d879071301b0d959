"""The card list's How column: for each card, the easiest way its issuer's procedures
give for the card's intent (online or in an app first, then phone or SMS, then a form
or post, then in person), as a short word, marked when there are others; blank where
no row says; worked out by the tracker, once per issuer, region, kind and intent."""

from __future__ import annotations

import pytest

from tests.helpers.pilot import settle, wait_until
from tui.base.i18n import Catalog
from tui.domain.channels import easiest_channel, short_how
from tui.domain.tracker import Tracker
from tui.records.card_fields import CardFields
from tui.storage.store import Store
from tui.ui.card_table import CardTable
from tui.ui.inventory_pane import InventoryPane

SIZE = (80, 24)


def test_the_easiest_channel_comes_first_whatever_the_order_written():
    assert easiest_channel(()) is None
    assert easiest_channel(("in-person",)) == ("in-person", False)
    assert easiest_channel(("in-person", "phone")) == ("phone", True)
    assert easiest_channel(("phone", "online", "in-person")) == ("online", True)
    assert easiest_channel(("app", "online")) == easiest_channel(("online", "app"))
    assert easiest_channel(("sms", "in-person")) == ("sms", True)
    assert easiest_channel(("form", "post")) == ("form", True)
    assert easiest_channel(("post", "in-person")) == ("post", True)


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", {("in-person",): "in person", ("phone", "in-person"): "phone+",
                ("app", "online"): "online+", ("sms",): "SMS", (): ""}),
        ("zh-CN", {("in-person",): "到场", ("phone", "in-person"): "电话等",
                   ("app", "online"): "网上等", ("sms",): "短信", (): ""}),
    ],
)
def test_the_short_form_in_each_language(content, lang, words):
    t = Catalog(content.strings, lang)
    for channels, said in words.items():
        assert short_how(channels, t) == said, channels


def test_the_tracker_gives_each_view_its_channels_once_per_issuer_and_intent(
    content, clock, monkeypatch
):
    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock, issuers=content.issuers)
    for number in range(3):
        tracker.add_card(CardFields(f"eSIM {number}", "esim", "cancel", "China Mobile", "CN"))
    tracker.add_card(CardFields("Gym card", "other", "cancel", "Gym"))
    asked = []
    match = tracker.issuers.match
    monkeypatch.setattr(
        tracker.issuers, "match", lambda *args: asked.append(args) or match(*args)
    )
    views = tracker.views()
    assert [view.channels for view in views] == [("in-person",)] * 3 + [()]
    tracker.views()
    assert len(asked) == 2  # China Mobile once, the gym once, for both readings


def how_cell(app, card_id: str) -> str:
    pane = app.query_one(InventoryPane)
    table = app.query_one(CardTable)
    cells = table.get_row_at(table.row_of(card_id))
    return str(cells[pane._columns.index("how")])


@pytest.mark.parametrize(
    ("lang", "heading", "in_person", "by_sms"),
    [("en", "How", "in person", "SMS+"), ("zh-CN", "方式", "到场", "短信等")],
)
async def test_the_card_list_says_how_each_card_is_done(
    make_app, content, clock, lang, heading, in_person, by_sms
):
    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock, issuers=content.issuers)
    esim = tracker.add_card(CardFields("Old eSIM", "esim", "cancel", "China Mobile", "CN"))
    gym = tracker.add_card(CardFields("Gym card", "other", "cancel", "Gym"))
    app = make_app(store, lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = app.query_one(CardTable)
        assert heading in table.render_line(0).text
        assert how_cell(app, esim.id) == in_person
        assert in_person in table.render_line(1).text
        assert how_cell(app, gym.id) == ""  # no row says: nothing, never a guess
        # the eSIM's intent switched to porting out: China Mobile's rows say SMS or in person
        await pilot.press("e", "tab", "tab", "enter", "down", "down", "down", "enter", "ctrl+s")
        await wait_until(
            pilot, lambda: store.card(esim.id).intent.value == "port-out", "the intent saved"
        )
        await wait_until(pilot, lambda: how_cell(app, esim.id) == by_sms, "the How cell")
        line = table.render_line(1).text
        assert by_sms in line and in_person not in line


async def test_a_list_whose_issuers_say_nothing_has_no_how_column(make_app, content, clock):
    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock, issuers=content.issuers)
    tracker.add_card(CardFields("Gym card", "other", "cancel", "Gym"))
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "How" not in app.query_one(CardTable).render_line(0).text


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
@pytest.mark.parametrize("size", [(60, 20), (70, 20), (80, 24), (120, 40)])
async def test_the_how_column_gives_way_before_status_and_progress(
    make_app, content, clock, lang, size
):
    """A long label, a long issuer and a long status: Status and Progress stay whole
    at every width; the How column is whole or gone, never cut."""
    import datetime as dt

    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock, issuers=content.issuers)
    card = tracker.add_card(CardFields(
        "China Mobile eSIM — keep the number 138", "esim", "cancel", "China Mobile", "CN"
    ))
    tracker.set_follow_up(card.id, tracker.today() - dt.timedelta(days=80))
    app = make_app(store, lang=lang)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        table = app.query_one(CardTable)
        line = table.render_line(1).text
        t = app.t
        assert t("due.late", days=80) in line and "0/" in line, line
        assert line.rstrip().endswith(("╌", "━")), line
        word = short_how(("in-person",), t)
        heading = table.render_line(0).text
        assert (word in line) == (t("column.how") in heading), (line, heading)
        if size[0] >= 120:  # at 80 it goes so that the issuer stays whole (README)
            assert word in line, line
        if size[0] <= 60:
            assert word not in line, line


def test_a_column_that_goes_leaves_whole_and_gives_back_the_room_it_frees():
    from tui.ui.table_lines import GOES, LABEL_MIN, PADDING, column_widths

    pad = 2 * PADDING
    widest = [LABEL_MIN, 7, 20, 9, 11, 11]  # label, kind, issuer, how, status, progress
    ways = [(2, 8), (3, GOES), (0, 8), (1, 6), (5, 6)]
    full = sum(w + pad for w in widest)
    assert column_widths(widest, ways, full)[3] == 9 + pad  # room for all: all whole
    # 8 cells short: the issuer narrows, How stays
    assert column_widths(widest, ways, full - 8)[2:4] == [20 + pad - 8, 9 + pad]
    # 15 short: more than the issuer can give; How goes, and the issuer gets back the
    # 11 cells the How column freed beyond those it was short
    widths = column_widths(widest, ways, full - 15)
    assert widths[3] == 0 and widths[2] == 20 + pad - 4 and sum(widths) == full - 15
    # nothing to show: left out
    assert column_widths([LABEL_MIN, 7, 20, 0, 11, 11], ways, full)[3] == 0
