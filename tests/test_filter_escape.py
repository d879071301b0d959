"""Escape out of the card filter gives back the screen of the list: every row, the
card that was selected, the column headings, the key bar and every widget's look as
the styles give it, whether the keys come one by one or in one burst.

Closing the filter restyles only what a move of the focus changes (the filter line and
the list are in one pane: nothing at once, each of them when its Focus or Blur comes),
and the hidden filter line is restyled only if it shows again without the focus: these
tests hold the screen to what it was before those were left out."""

from __future__ import annotations

import sys

import pytest
from textual.widgets import Input

from tests.helpers.pilot import settle, wait_until
from tests.helpers.terminal import read_cells, row_text
from tui.domain.tracker import Tracker
from tui.records.card_fields import CardFields
from tui.storage.store import DB_FILENAME, Store
from tui.ui.inventory_pane import CardTable, InventoryPane

SIZE = (80, 24)
HEADINGS = ("Card", "Kind", "Issuer", "Status", "Progress")


def _add_cards(tracker: Tracker, count: int) -> list[str]:
    """Cards "Card 01" … in turn of three kinds, more than the list shows at 80x24."""
    kinds = ("bank", "transit", "esim")
    return [
        tracker.add_card(CardFields(f"Card {n:02}", kinds[n % 3], "cancel", f"Issuer {n}")).id
        for n in range(1, count + 1)
    ]


@pytest.fixture
def thirty(content, clock):
    store = Store.in_memory()
    ids = _add_cards(Tracker(store, content.playbooks, clock), 30)
    return store, ids


def _cells(app) -> list[list[tuple]]:
    """Every cell of the screen as the app draws it now: its character and style."""
    return [
        [(char, segment.style) for segment in strip for char in segment.text]
        for strip in app.screen._compositor.render_strips()
    ]


def _text(app) -> list[str]:
    return ["".join(char for char, _ in row) for row in _cells(app)]


def _the_list_on_screen(app) -> tuple[str, list[str]]:
    """The list's heading line and the labels of its rows, as drawn."""
    table = app.query_one(CardTable)
    top = table.region.y
    lines = [line[table.region.x : table.region.right] for line in _text(app)]
    lines = lines[top : table.region.bottom]
    return lines[0], [" ".join(line.split()[:2]) for line in lines[1:]]


@pytest.mark.parametrize("via", ["filter line", "list"])
@pytest.mark.parametrize("query", ["card 1", "transit", "card"])
async def test_escape_gives_back_the_screen_before_the_filter(make_app, thirty, via, query):
    """The selected card matches the filter: the whole screen, cell by cell and in its
    colours, is the one before `/` (headings, rows, scroll bar, border, key bar)."""
    store, ids = thirty
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*["j"] * 12)  # Card 13: scrolled, and every query matches it
        await settle(pilot)
        assert app.inventory.selected_id == ids[12]
        before = _cells(app)
        await pilot.press("slash", *[c if c != " " else "space" for c in query])
        await settle(pilot)
        assert app.query_one(CardTable).row_count < 30 or query == "card"
        if via == "list":
            await pilot.press("enter")
            await settle(pilot)
            assert app.focused is app.query_one(CardTable)
        await pilot.press("escape")
        await settle(pilot)
        assert app.inventory.selected_id == ids[12]
        after = _cells(app)
        changed = [y for y, (old, new) in enumerate(zip(before, after, strict=True)) if old != new]
        assert changed == [], "\n".join(_text(app))


async def test_escape_keeps_the_card_chosen_in_the_filter(make_app, thirty):
    """The selection moved while filtering (to the first match, then down the list):
    after Escape every row is back, in order, the cursor on that card and in view, under
    the headings."""
    store, ids = thirty
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*["j"] * 4)  # Card 05: "card 1" does not match it
        await pilot.press("slash", *"card", "space", "1", "enter", "j", "j", "j")
        await settle(pilot)
        assert app.inventory.selected_id == ids[11]  # Card 01, 10, 11, then 12
        await pilot.press("escape")
        await settle(pilot)
        table = app.query_one(CardTable)
        assert table.keys_shown == ids and app.inventory.selected_id == ids[11]
        assert app.focused is table and not app.query_one("#filter", Input).display
        heading, labels = _the_list_on_screen(app)
        assert heading.split() == list(HEADINGS)
        assert "Card 12" in labels
        first = int(table.scroll_y) + 1
        assert labels == [f"Card {n:02}" for n in range(first, first + len(labels))]


def _stale(app) -> list[str]:
    """The widgets on screen whose look is not what the styles give them now: each
    one's colours, border and parts (a list's cursor, an Input's) are read, Textual
    works out their styles again, and they are read again."""
    shown = [
        node
        for node in app.screen.walk_children(with_self=True)
        if node.display and all(parent.display for parent in node.ancestors_with_self)
    ]

    def look(node) -> tuple:
        parts = tuple(
            node.get_component_rich_style(name)
            for name in sorted(getattr(node, "COMPONENT_CLASSES", ()))
        )
        return (node.rich_style, tuple(node.styles.border), parts)

    before = {node: look(node) for node in shown}
    app.stylesheet.update_nodes(shown)
    return [f"{node!r}" for node in shown if look(node) != before[node]]


KEYS = [
    "slash", "b", "escape", "slash", "enter", "escape", "tab", "slash", "c", "escape",
    "shift+tab", "slash", "tab", "shift+tab", "escape", "enter", "slash", "escape",
]  # fmt: skip


async def test_every_widget_shown_has_its_look_after_each_focus_move(make_app, thirty):
    """Within the card pane (the filter line and the list) the focus moves with nothing
    restyled at once; between panes, the borders and lists follow it; a filter line
    shown again has the look of a focused line."""
    store, _ = thirty
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for number, key in enumerate(KEYS):
            await pilot.press(key)
            await settle(pilot)
            assert _stale(app) == [], f"after {KEYS[: number + 1]}"


async def test_a_filter_line_shown_again_without_the_focus_looks_unfocused(make_app, thirty):
    """The line lost the focus while hidden (Escape): shown again with the focus
    elsewhere, it is restyled as a line without it."""
    store, _ = thirty
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", "c", "escape")
        await settle(pilot)
        box = app.query_one("#filter", Input)
        assert not box.display and not box.has_focus
        box.display = True
        await wait_until(pilot, lambda: box.region.height == 1, "the filter line shown")
        await settle(pilot)
        assert app.focused is app.query_one(CardTable)
        assert _stale(app) == []


def _burst(app, *keys: str) -> list[bool]:
    """Post every key at once, as a terminal delivers a burst; the flag turns true once
    the app has taken them all from its queue."""
    from textual import events

    characters = {"space": " "}
    for key in keys:
        app.post_message(events.Key(key, key if len(key) == 1 else characters.get(key)))
    taken: list[bool] = []
    app.call_later(taken.append, True)
    return taken


BURST = ("j", "j", "j", "j", "slash", "c", "a", "r", "d", "space", "1", "escape", "j")


async def test_a_burst_with_escape_in_it_gives_the_screen_of_keys_typed_one_by_one(
    make_app, thirty
):
    """`jjjj/card 1⎋j` typed faster than the app answers: the same screen, cell by
    cell, as when each key waits for the one before."""
    store, ids = thirty
    screens = []
    for burst in (False, True):
        app = make_app(store)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            if burst:
                taken = _burst(app, *BURST)
                await wait_until(
                    pilot,
                    lambda app=app, taken=taken: taken and app.keys_pending == 0,
                    "the burst handled",
                )
            else:
                for key in BURST:
                    await pilot.press(key)
                    await settle(pilot)
            await settle(pilot)
            # Card 05 was not among the matches: the first match, Card 01, then one down
            assert app.inventory.selected_id == ids[1]
            assert app.query_one(CardTable).keys_shown == ids
            assert not app.query_one(InventoryPane).filtering
            screens.append(_cells(app))
    by_key, in_a_burst = screens
    changed = [y for y, (a, b) in enumerate(zip(by_key, in_a_burst, strict=True)) if a != b]
    assert changed == []


# in a real terminal


def _start(tmux, tmp_path, content) -> None:
    data = tmp_path / "data"
    store = Store.open(data / DB_FILENAME)
    _add_cards(Tracker(store, content.playbooks), 30)
    store.close()
    home = tmp_path / "home"
    tmux.env.update(HOME=str(home), XDG_STATE_HOME=str(home / "state"))
    tmux.env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    tmux.start([sys.executable, "-m", "tui", "--data-dir", str(data)])
    tmux.wait_for("30 cards ━")


def _selected(rows) -> str | None:
    """The label of the list's cursor row: drawn bold, as no other row is."""
    for row in rows:
        line = row_text(row)
        start = line.find("Card ")
        label = line[start : start + 7]
        if 0 < start < 4 and label[5:].isdigit() and all(c.bold for c in row[start : start + 7]):
            return label
    return None


def _painted_with_card_02(tmux) -> str:
    """The screen (with its colours) once the whole list shows with Card 02 selected and
    its steps below (read twice alike: Tmux.painted_steady)."""

    def whole(painted: str) -> bool:
        text = "\n".join(row_text(row) for row in read_cells(painted))
        return (
            _selected(read_cells(painted)) == "Card 02"
            and "30 cards ━" in text
            and "“Issuer 2”" in text
        )

    return tmux.painted_steady("Card 02 selected", whole)


def test_a_burst_with_escape_in_a_real_terminal(tmux, tmp_path, content):
    """tmux writes the keys as they come; sent in one go they are read together. The
    screen they leave (with its colours) is the one the same keys leave sent one by
    one, each after the screen showed what the one before did."""
    _start(tmux, tmp_path, content)
    tmux.keys("j", "j", "j", "j", "/")  # each send-keys right after the one before
    tmux.keys("-l", "card 1")
    tmux.keys("Escape", "j")
    in_a_burst = _painted_with_card_02(tmux)
    tmux.keys("k", "k", "g")  # back to the top, as at the start
    tmux.wait_until("Card 01 selected", lambda rows: _selected(rows) == "Card 01", tmux.cells)
    for _ in range(4):
        tmux.keys("j")
        tmux.wait_until(
            "the next card selected",
            lambda rows, n=_: _selected(rows) == f"Card {n + 2:02}",
            tmux.cells,
        )
    tmux.keys("/")
    tmux.wait_focus("Filter cards")
    tmux.keys("-l", "card 1")
    tmux.wait_for("12 of 30 shown")
    tmux.keys("Escape")
    tmux.wait_for("30 cards ━")
    tmux.wait_until("Card 01 selected", lambda rows: _selected(rows) == "Card 01", tmux.cells)
    tmux.keys("j")
    one_by_one = _painted_with_card_02(tmux)
    assert one_by_one == in_a_burst
