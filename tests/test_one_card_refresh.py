"""A step checked redraws that card's row, the header's totals, its steps and its log
from the views already held: no other card's view is built again, and what shows is
what a full redraw would show."""

from __future__ import annotations

from tests.helpers.pilot import settle
from tests.test_column_room import row_cells
from tui.domain.tracker import Tracker
from tui.records.card_fields import CardFields
from tui.storage.store import Store
from tui.ui.inventory_pane import CardTable
from tui.ui.log_pane import LogList, LogPane
from tui.ui.steps_pane import Checklist

SIZE = (100, 30)


def _row(app, index: int) -> list[str]:
    table = app.query_one(CardTable)
    return [str(cell) for cell in table.get_row_at(index)]


def _panes(app) -> tuple:
    """What the steps and log panes show, line by line, with their borders."""
    checklist, log = app.query_one(Checklist), app.query_one(LogList)
    return (
        [str(checklist.get_option_at_index(i).prompt) for i in range(checklist.option_count)],
        [str(log.get_option_at_index(i).prompt) for i in range(log.option_count)],
        [(p.border_title, p.border_subtitle) for p in app.query("StepsPane, LogPane")],
    )


def _three_cards(content, clock) -> tuple[Store, Tracker]:
    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock)
    for label in ("One", "Two", "Three"):
        tracker.add_card(CardFields(label, "bank", "cancel"))
    return store, tracker


async def _drawn_from_scratch(app, pilot) -> None:
    """Every pane drawn again from the tracker, the card shown first forgotten."""
    app.refresh_all()
    app.steps.show(None)
    app.query_one(LogPane).show([], all_cards=True)
    await settle(pilot)
    app._show_selected()
    await settle(pilot)


async def test_a_toggle_redraws_its_card_alone_and_the_totals(make_app, content, clock):
    store, tracker = _three_cards(content, clock)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j")  # Two
        await settle(pilot)
        before = [_row(app, i) for i in range(3)]
        title = app.sub_title
        built, read = [], []
        real_views, real_log = app.tracker.views, app.tracker.log
        app.tracker.views = lambda: built.append(1) or real_views()
        app.tracker.log = lambda card_id=None: read.append(1) or real_log(card_id)
        await pilot.press("enter", "space")  # to the steps; check the first one
        await settle(pilot)
        assert built == []  # no card's view was built again for the list
        assert read == []  # the log shown is not read again: the new entry goes on top
        panes = _panes(app)
        assert panes[0][0].startswith("[x] 1.")
        assert "Two" not in panes[1][0] and len(panes[1]) == 2  # added, then this check
        after = [_row(app, i) for i in range(3)]
        assert after[0] == before[0] and after[2] == before[2]
        assert after[1] != before[1] and after[1][-1].startswith("1/")
        assert app.sub_title != title  # the totals moved
        # the same screen a full redraw gives
        app.tracker.views, app.tracker.log = real_views, real_log
        shown = [_row(app, i) for i in range(3)], app.sub_title, _panes(app)
        await _drawn_from_scratch(app, pilot)
        assert ([_row(app, i) for i in range(3)], app.sub_title, _panes(app)) == shown


async def test_the_last_step_and_a_wait_step_change_the_card_too(make_app, content, clock):
    """Checking the last step logs twice (the step, the card done); a wait step sets a
    follow-up date: the row, totals and log still match a full redraw."""
    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock)
    card = tracker.add_card(CardFields("One", "transit", "cancel"))
    tracker.add_card(CardFields("Two", "bank", "cancel"))
    items = tracker.view(card.id).items
    wait = next(i for i, item in enumerate(items) if item.step.type.value == "wait")
    for item in items[:wait]:
        tracker.toggle_step(card.id, item.step_id)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", *["j"] * wait, "space")  # the wait step
        await settle(pilot)
        assert tracker.view(card.id).card.follow_up
        for item in items[wait + 1 :]:  # as space does, without the money and proof prompts
            app._toggle(item.step_id)
            await settle(pilot)
        assert tracker.view(card.id).status.value == "done"
        shown = [_row(app, i) for i in range(2)], app.sub_title, _panes(app)
        assert "1/2" in app.sub_title
        await _drawn_from_scratch(app, pilot)
        assert ([_row(app, i) for i in range(2)], app.sub_title, _panes(app)) == shown


async def test_a_card_a_toggle_takes_out_of_the_filter_stays_until_the_filter_changes(
    make_app, content, clock
):
    """Under "not started", checking a step of One must not move the list under the
    user: a second space checks One again, not the card that took its place."""
    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock)
    for label in ("One", "Two"):
        tracker.add_card(CardFields(label, "bank", "cancel"))
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"not started")
        await settle(pilot)
        table = app.query_one(CardTable)
        assert table.row_count == 2
        app.set_focus(app.steps.checklist)
        await pilot.press("space", "j", "space")  # One is in progress now
        await settle(pilot)
        one, two = (tracker.view(c.id) for c in store.cards())
        assert (one.done_count, two.done_count) == (2, 0)
        assert table.row_count == 2 and _row(app, 0)[0] == "One"
        assert app.selected_id == one.card.id
        app.set_focus(app.query_one("#filter"))
        await pilot.press("backspace", "d")  # the filter changes: now it applies
        await settle(pilot)
        assert table.row_count == 1 and _row(app, 0)[0] == "Two"


async def test_a_filter_that_matches_nothing_gives_the_selection_back(make_app, content, clock):
    store, tracker = _three_cards(content, clock)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("G", "slash", "z", "z")
        await settle(pilot)
        assert app.selected_id is None
        # not the first-run welcome: there are cards, the filter hides them
        assert "No card is shown" in app.query_one("#step-detail-box").text
        await pilot.press("escape")
        await settle(pilot)
        assert app.selected_id == store.cards()[2].id
        assert app.query_one(CardTable).cursor_row == 2


async def test_a_long_issuer_name_is_cut_and_status_and_progress_stay_on_screen(
    make_app, content, clock
):
    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock, issuers=content.issuers)
    tracker.add_card(CardFields("Shanghai card", "transit", "cancel", "交通卡", "上海"))
    tracker.add_card(CardFields("Debit", "bank", "cancel", "工行", "CN"))
    first = store.cards()[0]
    tracker.link_issuer(first.id, "shanghai-transit-card")  # the full English name
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.query_one(CardTable)
        # the label ("Shanghai card") is whole and short: the issuer gives way, cut with …
        line = table.render_line(1).text
        name = "Shanghai Public Transportation Card"
        assert _row(app, 0)[2] == name  # the cell holds it whole; its column cuts it
        cells = row_cells(app, 1)
        assert cells[0] == "Shanghai card", line
        assert cells[2].endswith("…") and name.startswith(cells[2][:-1].rstrip()), line
        view = tracker.views()[0]
        assert f"{view.done_count}/{view.step_count} " in line, line
        assert line.rstrip().endswith(("╌", "━")), line  # the progress bar, whole
        assert not table.show_horizontal_scrollbar
        await pilot.press("slash", *"transportation")  # the filter reads the whole name
        await settle(pilot)
        assert table.row_count == 1
