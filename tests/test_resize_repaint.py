"""After the terminal grows, a widget's next partial repaint covers its new size, not
its old one (tui/ui/resized_whole.py).

Textual kept the whole old size of each resized widget as the region to repaint next,
and repainted it at the widget's new place on its next change: a wide character across
the old right edge was cut to a space, and the terminal blanked its other half in its
default colours (tmux at 80x24, 60 cards with Chinese names, `/` 卡 Escape, then a
resize to 120x40: blank cells in column 79 of several card rows, until ctrl+l).

Every update is replayed into terminal emulators as in tests/test_terminal_cells.py:
what the app sends, what Textual's own output sends, and a redraw from scratch must
read the same, cell by cell."""

from __future__ import annotations

import pytest
from textual import events
from textual.geometry import Size

import tests.test_terminal_cells as terminal_cells
from tests.helpers.pilot import settle
from tui.domain.tracker import Tracker
from tui.records.card_fields import CardFields
from tui.storage.store import Store

LONG_CHINESE = "第一张卡这是一个相当长的中文卡片名字在这里真的很长还有更多的字"


def _store(content, clock) -> Store:
    """60 cards: English and Chinese names (a Chinese name starting in either column
    parity), two issuers one cell apart in width; with these, a wide character lies
    across each old right edge at 120x40 in rows a cursor move does not repaint."""
    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock)
    for number in range(60):
        label = (
            f"Card {number} with a rather long English name here",
            LONG_CHINESE,
            LONG_CHINESE,
            "A" + LONG_CHINESE,
        )[number % 4]
        issuer = "中国工商银行" if number % 2 else "中国工商银行A"
        tracker.add_card(CardFields(label, "bank", "cancel", issuer, "CN"))
    return store


async def _resized(pilot, terminals, size: tuple[int, int], monkeypatch) -> None:
    monkeypatch.setattr(terminal_cells, "SIZE", size)  # the emulators' size
    terminals.resized(*size)
    pilot.app.post_message(events.Resize(Size(*size), Size(*size)))
    await settle(pilot)
    await pilot.pause()


@pytest.mark.parametrize("before", [(80, 24), (60, 20)], ids=["80x24", "60x20"])
async def test_after_the_terminal_grows_rows_repaint_at_their_new_width(
    make_app, content, clock, monkeypatch, before
):
    monkeypatch.setattr(terminal_cells, "SIZE", before)
    app = make_app(_store(content, clock), lang="zh-CN")
    async with app.run_test(size=before) as pilot:
        terminals = await terminal_cells._started(app, pilot, monkeypatch)
        await terminal_cells._press(pilot, "slash")
        await terminal_cells._press(pilot, "卡")
        await terminal_cells._press(pilot, "escape")
        terminals.assert_same("after / 卡 Escape")
        await _resized(pilot, terminals, (120, 40), monkeypatch)
        terminals.assert_same("after the resize to 120x40")
        for key in ("j", "j", "k", "G"):  # each repaints a row or two of the list
            await terminal_cells._press(pilot, key)
            terminals.assert_same(f"after the resize to 120x40, then {key}")
