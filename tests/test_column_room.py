"""The card list's columns take the room their shown rows need, in terminal cells (a
Chinese character is two): a column that would be cut gets the cells another column
does not use, the name gives way first (down to a few characters), and the status
and the step counts always show whole.

A tester saw, at 80 columns in Chinese, `上海社保卡        社保卡  上海社会…` (the name's
column 18 cells wide for a 10-cell name, the issuer cut), at 70 `上海交通卡        交通卡
上海交…`, at 60 `进行中             1/10…` (the bar cut beside blank cells), and at 120
the issuer cut at 20 cells while the name's column had room to spare."""

from __future__ import annotations

import datetime as dt

import pytest
from rich.cells import cell_len

from tests.helpers.pilot import settle, wait_until
from tui.domain.tracker import Tracker
from tui.records.model import CardFields
from tui.storage.store import Store
from tui.ui.card_table import CardTable
from tui.ui.inventory_pane import InventoryPane
from tui.ui.labels import status_cell

# the tester's cards: label, kind, intent, issuer, region
CARDS = {
    "zh-CN": [
        ("上海交通卡", "transit", "cancel", "上海交通卡", "上海"),
        ("工行借记卡", "bank", "cancel", "工商银行", "上海"),
        ("上海社保卡", "social-security", "cancel", "上海社会保障卡", "上海"),
        ("移动eSIM", "esim", "port-out", "中国移动", "CN"),
        ("美国信用卡", "bank", "cancel", "Chase", "US"),
    ],
    "en": [
        ("Shanghai metro", "transit", "cancel", "Shanghai Public Transportation Card", "CN"),
        ("ICBC debit", "bank", "cancel", "ICBC", "CN"),
        ("Social security", "social-security", "cancel", "Shanghai social security card", "CN"),
        ("Mobile eSIM", "esim", "port-out", "China Mobile", "CN"),
        ("US credit card", "bank", "cancel", "Chase", "US"),
    ],
}
SIZES = [(60, 20), (70, 24), (80, 24), (120, 40)]
COLUMNS = ("label", "kind", "issuer", "how", "status", "progress")


def _cells(text: str) -> list[str]:
    """A line's characters, one per terminal cell ("" for a wide character's right half)."""
    cells: list[str] = []
    for char in text:
        cells.append(char)
        cells.extend([""] * (cell_len(char) - 1))
    return cells


def _columns(heading: str, t) -> dict[str, tuple[int, int]]:
    """Where each column shown starts and ends, in cells, from the heading line (each
    heading is written one cell after its column's start)."""
    cells = _cells(heading)
    text = "".join(c or "\0" for c in cells)  # one character a cell
    starts: dict[str, int] = {}
    after = 0
    for key in COLUMNS:
        word = "".join(c + ("\0" if cell_len(c) == 2 else "") for c in t(f"column.{key}")[:2])
        found = text.find(word, after)
        if found >= 0:
            starts[key] = found - 1
            after = found + len(word)
    keys = list(starts)
    ends = [starts[k] for k in keys[1:]] + [len(cells)]
    return {key: (starts[key], end) for key, end in zip(keys, ends, strict=True)}


def _cell(line: str, span: tuple[int, int]) -> str:
    start, end = span
    return "".join(_cells(line)[start:end]).strip()


def _tracker(content, clock, lang: str, store: Store) -> Tracker:
    tracker = Tracker(store, content.playbooks, clock, issuers=content.issuers)
    for number, fields in enumerate(CARDS[lang]):
        card = tracker.add_card(CardFields(*fields))
        view = tracker.view(card.id)
        if number == 0:  # a follow-up date makes the status column wide
            tracker.set_follow_up(card.id, tracker.today() - dt.timedelta(days=10))
        if number == 2:  # in progress: one step done
            tracker.toggle_step(card.id, view.items[0].step.id)
    return tracker


def _check_room(table: CardTable, pane: InventoryPane, t, today) -> None:
    heading = table.render_line(0).text
    columns = _columns(heading, t)
    assert {"label", "kind", "issuer", "status", "progress"} <= set(columns), heading
    lines = [table.render_line(y).text for y in range(1, table.row_count + 1)]
    views = {view.card.id: view for view in pane.views}
    cut: set[str] = set()
    widest = {key: 0 for key in columns}
    for card_id, line in zip(table.keys_shown, lines, strict=True):
        view = views[card_id]
        status = status_cell(view, today, t).plain
        assert _cell(line, columns["status"]) == status, (line, status)  # whole
        progress = _cell(line, columns["progress"])
        assert progress.startswith(f"{view.done_count}/{view.step_count}"), line
        assert "…" not in progress, line  # the bar whole, or the counts alone
        for key, span in columns.items():
            shown = _cell(line, span)
            if shown.endswith("…") or (key == "progress" and not shown.endswith(("━", "╌"))):
                cut.add(key)  # cut, or the progress bar dropped for the counts alone
            widest[key] = max(widest[key], cell_len(shown))
    for key, span in columns.items():
        widest[key] = max(widest[key], cell_len(_cell(heading, span)))
    spare = {
        key: (end - start) - 2 - widest[key]
        for key, (start, end) in columns.items()
        if key not in cut
    }
    if cut:  # no cell is cut while another column has cells it does not use
        assert all(room == 0 for room in spare.values()), (cut, spare, heading, lines)
    if cut - {"label"}:  # the name gave way first: down to a few characters
        start, end = columns["label"]
        assert end - start - 2 <= 16, (cut, heading, lines)


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
@pytest.mark.parametrize("size", SIZES)
async def test_the_columns_take_the_room_their_rows_need(make_app, content, clock, lang, size):
    store = Store.in_memory()
    tracker = _tracker(content, clock, lang, store)
    app = make_app(store, lang=lang)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        table = app.query_one(CardTable)
        pane = app.query_one(InventoryPane)
        await wait_until(pilot, lambda: table.row_count == len(CARDS[lang]), "the cards")
        _check_room(table, pane, app.t, tracker.today())
        if size[0] >= 120 or (size[0] >= 80 and lang == "zh-CN"):  # everything fits
            lines = [table.render_line(y).text for y in range(table.row_count + 1)]
            assert not any("…" in line for line in lines), lines


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
async def test_a_filter_leaves_out_a_how_column_no_shown_card_fills(make_app, content, clock, lang):
    store = Store.in_memory()
    tracker = _tracker(content, clock, lang, store)
    tracker.add_card(CardFields("Gym", "other", "cancel", "Gym"))  # says no way
    app = make_app(store, lang=lang)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        table = app.query_one(CardTable)
        how = app.t("column.how")
        assert how in table.render_line(0).text
        await pilot.press("/", *"gym")
        await wait_until(pilot, lambda: table.row_count == 1, "the filter")
        await pilot.press("enter")
        await wait_until(pilot, lambda: how not in table.render_line(0).text, "How left out")
        line = table.render_line(1).text
        assert line.startswith(" Gym ") and "…" not in line, line
        await pilot.press("escape")
        await wait_until(pilot, lambda: how in table.render_line(0).text, "How back")


def test_the_label_gives_way_first_and_a_progress_column_snaps_to_its_counts():
    from tui.ui.table_lines import GOES, LABEL_MIN, PADDING, column_widths, snaps_to

    pad = 2 * PADDING
    ways = [(2, 8), (3, GOES), (0, 8), (1, 6), (5, snaps_to(5))]
    widest = [10, 6, 14, 6, 18, 11]  # label, kind, issuer, how, status, progress
    full = sum(w + pad for w in widest)
    assert column_widths(widest, ways, full + 7) == [10 + pad + 7, *(w + pad for w in widest[1:])]
    # a short label keeps its own width: the issuer gives way
    assert column_widths(widest, ways, full - 3)[:3] == [10 + pad, 6 + pad, 11 + pad]
    long_label = [24, *widest[1:]]
    full = sum(w + pad for w in long_label)
    # a long label gives way first, down to LABEL_MIN, before the issuer
    assert column_widths(long_label, ways, full - 5)[:3] == [19 + pad, 6 + pad, 14 + pad]
    assert column_widths(long_label, ways, full - 10)[:3] == [LABEL_MIN + pad, 6 + pad, 12 + pad]
    # the progress column narrows at once to its counts: the room beyond goes back
    # (55: the narrowest line every column's fewest cells fit; Status never gives way)
    tight = column_widths(long_label, ways, 55)
    assert tight[5] == 5 + pad and sum(tight) == 55, tight


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
async def test_a_step_checked_under_a_filter_keeps_the_filters_columns_true(
    make_app, content, clock, lang
):
    """The columns a filter shows are measured once per change of cards; a card changed
    alone (a step checked) moves its cells to their new widths."""
    store = Store.in_memory()
    _tracker(content, clock, lang, store)
    app = make_app(store, lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.query_one(CardTable)
        pane = app.query_one(InventoryPane)
        await pilot.press("/", "e")
        await wait_until(pilot, lambda: pane.filtering, "the filter")
        await pilot.press("enter")
        for _ in range(3):  # a card's progress and status change
            await pilot.press("tab", "space")
            await settle(pilot)
            await pilot.press("shift+tab")
        await pilot.press("/", "backspace", *"s")
        await wait_until(pilot, lambda: pane._typed == "s", "the new filter")
        shown = [view for view in pane.views if view.card.id in set(table.keys_shown)]
        assert pane._widths == pane._widest(shown)
        _check_room(table, pane, app.t, clock().date())
