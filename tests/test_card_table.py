"""The card list draws only what is on screen (tui/ui/card_table.py): with many cards
a row's cells are built when the row comes into view, a cursor move or a step checked
builds no other row, and on a narrow screen the label gives way before status and
progress leave it."""

from __future__ import annotations

from tests.helpers.pilot import settle
from tui.domain.tracker import Tracker
from tui.records.card_fields import CardFields
from tui.storage.store import Store
from tui.ui.card_table import CardTable
from tui.ui.inventory_pane import InventoryPane

CARDS = 300


def _many(content, clock, cards: int = CARDS) -> Store:
    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock)
    tracker.add_imported(
        CardFields(f"Card {number}", "bank", "cancel", "Some Bank") for number in range(cards)
    )
    return store


def _count_built(app) -> list[str]:
    """Record the card ids whose row cells the list builds from now on."""
    pane = app.query_one(InventoryPane)
    built: list[str] = []
    real = pane._row_cells

    def counting(card_id: str):
        built.append(card_id)
        return real(card_id)

    pane.table._cells_of = counting
    return built


async def test_only_rows_on_screen_are_built(make_app, content, clock):
    app = make_app(_many(content, clock))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.query_one(CardTable)
        assert table.row_count == CARDS
        built = _count_built(app)
        table._cells.clear()  # as at start: nothing built yet
        table._forget()
        table.refresh()
        await pilot.pause()
        rows_on_screen = table.size.height - 1
        assert 0 < len(built) <= rows_on_screen < CARDS
        built.clear()
        await pilot.press("j")  # the cursor moves: two rows drawn again, no cells built
        await settle(pilot)
        assert built == [] and table.cursor_row == 1
        await pilot.press("G")  # to the last row: the rows that come into view
        await settle(pilot)
        assert table.cursor_row == CARDS - 1 and app.selected_id == table.keys_shown[-1]
        assert 0 < len(built) <= rows_on_screen + 1
        assert table.render_line(table.size.height - 1).text.strip().startswith(
            f"Card {CARDS - 1}"
        )


async def test_a_step_checked_builds_its_row_alone(make_app, content, clock):
    app = make_app(_many(content, clock))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j", "j")
        await settle(pilot)
        built = _count_built(app)
        await pilot.press("enter", "space")
        await settle(pilot)
        assert built == [app.selected_id]
        assert "1/" in str(app.query_one(CardTable).get_row_at(2)[-1])


async def test_the_label_gives_way_first_on_a_narrow_screen(make_app, content, clock):
    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock)
    tracker.add_card(CardFields("A very long card label that never fits", "bank", "cancel"))
    card = tracker.add_card(CardFields("Short", "transit", "cancel", "A transit company"))
    for item in tracker.view(card.id).items[:2]:
        tracker.toggle_step(card.id, item.step_id)
    app = make_app(store)
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        table = app.query_one(CardTable)
        for y, status in ((1, "Not started"), (2, "In progress")):
            line = table.render_line(y).text
            assert status in line and line.rstrip().endswith(("╌", "━"))
            assert len(line) == table.scrollable_content_region.width
        assert "…" in table.render_line(1).text  # the label is cut, not the progress


async def test_a_click_moves_the_cursor_and_a_second_opens_the_card(make_app, content, clock):
    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock)
    for label in ("One", "Two", "Three"):
        tracker.add_card(CardFields(label, "bank", "cancel"))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.query_one(CardTable)
        await pilot.click(CardTable, offset=(3, 3))  # line 0 is the headings
        await settle(pilot)
        assert table.cursor_row == 2 and app.selected_id == store.cards()[2].id
        await pilot.click(CardTable, offset=(3, 3))
        await settle(pilot)
        assert app.focused is app.steps.checklist


async def test_the_label_keeps_room_before_the_issuer_gives_way(make_app, content, clock):
    """At 80 columns, with a long issuer and a long status, the label still has
    sixteen cells: the issuer column narrows first."""
    import datetime as dt

    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock)
    card = tracker.add_card(
        CardFields("Esim card 1234567", "other", "cancel", "American Express Global Services")
    )
    tracker.set_follow_up(card.id, tracker.today() - dt.timedelta(days=80))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        line = app.query_one(CardTable).render_line(1).text
        # sixteen cells: the label is cut at a word, not inside its number (1234…)
        assert "Esim card…" in line and "80d late" in line and "0/" in line
        assert line.index("American") >= 17, line


async def test_progress_bars_line_up_whatever_the_count(make_app, content, clock):
    # '0/7' and '0/10': the counts are right-aligned so every bar ends in one column
    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock)
    tracker.add_card(CardFields("Suspended", "bank", "suspend"))
    tracker.add_card(CardFields("Cancelled", "bank", "cancel"))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.query_one(CardTable)
        lines = [table.render_line(y).text.rstrip() for y in (1, 2)]
        totals = [line.split("/")[1].split()[0] for line in lines]
        assert len(set(map(len, totals))) == 2, lines  # one count of 1 digit, one of 2
        assert len({len(line) for line in lines}) == 1, lines
        assert len({line.index("/") for line in lines}) == 2, lines
