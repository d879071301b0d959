"""The card list's columns follow the rows shown (after the filter): a blank How column
takes no room, the issuer is not cut while the label has cells to spare, and the line
is used to its end. On a narrow screen the label gives way first (with "…"), down to
LABEL_MIN cells, then the issuer down to 12 cells, then the label down to 12 (a short
issuer whole), then How; Status and Progress are never cut. Widths are in
terminal cells (Chinese labels take two a character)."""

from __future__ import annotations

import pytest
from rich.cells import cell_len

from tests.helpers.pilot import settle
from tests.test_narrow_screen import fill
from tui.domain.tracker import Tracker
from tui.records.card_fields import CardFields
from tui.storage.store import Store
from tui.ui.card_table import CardTable
from tui.ui.labels import BAR_WIDTH, status_cell
from tui.ui.table_lines import LABEL_MIN, PADDING

PAD = 2 * PADDING
LONG_ISSUER = "Shanghai Public Transportation Card"  # 35 cells


def columns(app) -> list[int]:
    """The cells of each column (padding included) as the table draws them now."""
    table = app.query_one(CardTable)
    return table._column_widths(table.line_width)


def row_cells(app, y: int) -> list[str]:
    """Line `y` of the table (0: the headings) as drawn, cut into its columns' text."""
    table = app.query_one(CardTable)
    line = table.render_line(y).text
    cells, start = [], 0
    for width in columns(app):
        cells.append(_slice(line, start, width).strip())
        start += width
    return cells


def _slice(line: str, start: int, width: int) -> str:
    """The characters of `line` in cells start..start+width (a wide character counts 2)."""
    out, at = [], 0
    for char in line:
        if start <= at < start + width:
            out.append(char)
        at += cell_len(char)
    return "".join(out)


def unused_cells(app, y: int) -> int:
    """Blank cells at the end of line `y`, past the last column's padding."""
    line = app.query_one(CardTable).render_line(y).text
    return cell_len(line) - cell_len(line.rstrip()) - PADDING


def _cards(content, clock, lang: str) -> tuple[Store, Tracker]:
    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock, issuers=content.issuers)
    fill(tracker, lang)
    return store, tracker


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
async def test_a_filter_that_shows_no_how_gives_its_room_to_the_label(
    make_app, content, clock, lang
):
    store, tracker = _cards(content, clock, lang)
    app = make_app(store, lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        how = app.t("column.how")
        label_before = columns(app)[0]
        shown_before = row_cells(app, 5)[0]  # the last card's label, cut
        assert shown_before.endswith("…")
        await pilot.press("slash", *"Chase")  # the one card whose issuer says no way
        await settle(pilot)
        table = app.query_one(CardTable)
        assert table.row_count == 1
        assert columns(app)[3] == 0
        assert how not in table.render_line(0).text
        label = tracker.views()[-1].card.label
        shown = row_cells(app, 1)[0]  # more of it now, with the room the others had
        assert label.startswith(shown.removesuffix("…"))
        assert cell_len(shown) > cell_len(shown_before)
        assert columns(app)[0] > label_before
        await pilot.press("escape")  # every card again: the How column comes back
        await settle(pilot)
        if lang == "zh-CN":  # at 80 columns the English How gives way to the issuer
            assert how in table.render_line(0).text


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
async def test_at_120_columns_the_issuer_is_whole_while_the_label_has_room(
    make_app, content, clock, lang
):
    store, tracker = _cards(content, clock, lang)
    card = tracker.add_card(CardFields("Metro", "transit", "cancel", "", "CN"))
    tracker.link_issuer(card.id, "shanghai-transit-card")  # the full English name
    app = make_app(store, lang=lang)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        views = tracker.views()
        issuers = [row_cells(app, y)[2] for y in range(1, len(views) + 1)]
        assert sorted(issuers) == sorted(view.card.issuer for view in views)
        assert LONG_ISSUER in issuers
        widths = columns(app)
        label_cells = max(cell_len(view.card.label) for view in views)
        # the label takes what the others leave: never more than its widest needs
        # unless every other column is whole
        assert widths[0] <= label_cells + PAD or all(
            "…" not in cell for y in range(1, len(views) + 1) for cell in row_cells(app, y)
        )
        assert sum(widths) == app.query_one(CardTable).line_width
        assert not app.query_one(CardTable).show_horizontal_scrollbar


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
async def test_at_60_columns_the_row_is_used_to_its_end_and_progress_is_whole(
    make_app, content, clock, lang
):
    store, tracker = _cards(content, clock, lang)
    app = make_app(store, lang=lang)
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        table = app.query_one(CardTable)
        assert sum(columns(app)) == table.line_width
        today = tracker.today()
        for y, view in enumerate(tracker.views()[: table.size.height - 1], start=1):
            assert unused_cells(app, y) == 0, table.render_line(y).text
            cells = row_cells(app, y)
            assert cells[4] == status_cell(view, today, app.t).plain
            assert cells[5].startswith(f"{view.done_count}/{view.step_count} ")
            assert cell_len(cells[5].split(" ")[-1]) == BAR_WIDTH, cells
        assert row_cells(app, 0)[5] == app.t("column.progress")  # the heading too
        assert not table.show_horizontal_scrollbar


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
async def test_at_80_columns_the_label_gives_way_first_then_the_issuer(
    make_app, content, clock, lang
):
    """A long issuer is cut with … and Status and Progress stay on screen, but only
    once the label is down to LABEL_MIN cells."""
    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock, issuers=content.issuers)
    label = {"en": "Shanghai card for the metro and buses", "zh-CN": "上海公共交通卡旧卡有余额要退"}
    first = tracker.add_card(CardFields(label[lang], "transit", "cancel", "", "CN"))
    tracker.add_card(CardFields("Debit", "bank", "cancel", "工行", "CN"))
    tracker.link_issuer(first.id, "shanghai-transit-card")
    app = make_app(store, lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        widths = columns(app)
        cells = row_cells(app, 1)
        assert cells[2].endswith("…") and cells[2] != LONG_ISSUER
        assert widths[0] == LABEL_MIN + PAD and cells[0].endswith("…")
        assert cell_len(cells[0]) <= LABEL_MIN
        view = tracker.views()[0]
        assert cells[4] == status_cell(view, tracker.today(), app.t).plain
        assert cells[5].startswith(f"{view.done_count}/{view.step_count} ")
        assert not app.query_one(CardTable).show_horizontal_scrollbar


async def test_the_progress_column_does_not_move_as_counts_grow(make_app, content, clock):
    """Its width comes from the largest total shown ("11/11"), not from the counts done
    now: checking the tenth step of eleven leaves every column where it was."""
    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock, issuers=content.issuers)
    card = tracker.add_card(CardFields("Chase Sapphire", "bank", "cancel", "Chase", "US"))
    steps = [item.step_id for item in tracker.view(card.id).items if item.step is not None]
    total = tracker.view(card.id).step_count
    assert total >= 10
    for step_id in steps[:8]:
        tracker.toggle_step(card.id, step_id)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        before = columns(app)
        digits = len(str(total))
        heading = cell_len(app.t("column.progress"))
        assert before[5] == max(2 * digits + 2 + BAR_WIDTH, heading) + PAD
        pane = app.query_one("InventoryPane")
        for step_id in steps[8:10]:  # the ninth and tenth checked, the row redrawn alone
            tracker.toggle_step(card.id, step_id)
            pane.show_one(tracker.view(card.id), tracker.today())
        await settle(pilot)
        assert tracker.view(card.id).done_count == 10
        assert columns(app) == before


async def test_a_cursor_move_measures_no_column(make_app, content, clock, monkeypatch):
    """The widths are worked out when the rows or the filter change, not on `j`."""
    from tui.ui.inventory_pane import InventoryPane

    store, _ = _cards(content, clock, "en")
    measured = []
    for name in ("_widest", "_widest_shown"):
        real = getattr(InventoryPane, name)
        monkeypatch.setattr(
            InventoryPane, name,
            lambda self, views, real=real: measured.append(len(views)) or real(self, views),
        )
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"ai", "enter")  # a filter: the Shanghai cards and more
        await settle(pilot)
        assert measured
        measured.clear()
        await pilot.press("j", "k", "j")
        await settle(pilot)
        assert measured == []


def test_status_and_progress_keep_their_cells_on_the_narrowest_line():
    """At the narrowest the app runs (60 columns, 56 cells for the list), with a long
    status and three-digit counts, the others give way or go, never these two."""
    from tui.ui.inventory_widths import COLUMNS, GIVE_WAY
    from tui.ui.table_lines import column_widths

    assert COLUMNS == ("label", "kind", "issuer", "how", "status", "progress")
    widest = [40, 11, 35, 9, 24, len("100/100 ") + BAR_WIDTH]
    ways = GIVE_WAY
    for width in range(56, 140):
        widths = column_widths(widest, ways, width)
        assert widths[4:] == [24 + PAD, widest[5] + PAD], (width, widths)
        assert sum(widths) == width
        assert widths[0] >= min(LABEL_MIN + PAD, 8 + PAD)
        if 0 < widths[2] < widest[2] + PAD:  # the issuer cut: the label is down to 16
            assert widths[0] <= LABEL_MIN + PAD, (width, widths)


SHORT_ISSUER = 12  # cells of a short issuer's name: China Mobile, 中国工商银行


@pytest.mark.parametrize(
    ("issuers", "widest_label"),
    [
        (("China Mobile", "中国工商银行", "ICBC", "Chase"), 40),
        (("China Mobile", "Shanghai Public Transportation Card"), 40),
        (("中国移动", "上海公共交通卡"), 30),
    ],
)
def test_a_short_issuer_keeps_its_twelve_cells_before_the_label_goes_below_sixteen(
    issuers, widest_label
):
    """Issue 16: at 80 columns in Chinese the issuer column cut China Mobile to
    "China…" while the label kept 16 cells. The label gives 4 of them, down to 12
    (never fewer while the issuer can give), for the issuer's first 12 cells; it
    keeps 16 while the issuer has more than 12 to give."""
    from tui.ui.inventory_widths import GIVE_WAY
    from tui.ui.table_lines import GIVE_WAY_MIN, column_widths

    issuer = max(cell_len(name) for name in issuers)
    for kind, how in ((11, 6), (6, 6), (11, 0)):  # English and Chinese kinds, no How
        widest = [widest_label, kind, issuer, how, 17, len("11/11 ") + BAR_WIDTH]
        for width in range(56, 140):
            widths = column_widths(widest, GIVE_WAY, width)
            assert widths[4:] == [widest[4] + PAD, widest[5] + PAD], (width, widths)
            assert sum(widths) == width
            shown = widths[2] - PAD
            if widths[0] < LABEL_MIN + PAD:  # the label below 16: the issuer gave first
                assert widths[2] == 0 or shown <= SHORT_ISSUER, (width, widths)
            if 0 < shown < min(issuer, SHORT_ISSUER):  # a short name cut
                assert widths[0] <= SHORT_ISSUER + PAD, (width, widths)
            assert widths[0] >= GIVE_WAY_MIN + PAD


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
async def test_at_80_columns_a_short_issuer_is_whole(make_app, content, clock, lang):
    """China Mobile, ICBC and Chase whole at 80 columns, in English (where How goes
    first, and the label keeps 16 cells) as in Chinese (where the label gives 4)."""
    store, tracker = _cards(content, clock, lang)
    app = make_app(store, lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        views = tracker.views()
        shown = {row_cells(app, y)[2] for y in range(1, len(views) + 1)}
        assert {"China Mobile", "ICBC", "Chase"} <= shown, shown
        widths = columns(app)
        assert widths[0] >= SHORT_ISSUER + PAD
        if lang == "en":
            assert widths[0] == LABEL_MIN + PAD and widths[3] == 0  # as before: How went
        else:
            assert app.t("column.how") in app.query_one(CardTable).render_line(0).text
