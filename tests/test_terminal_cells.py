"""What the app sends to the terminal (tui/ui/terminal_cells.py): only the cells that
read differently from what the terminal shows, with colours set only as they change,
and the terminal left exactly as Textual's own output leaves it, and as a full redraw
from scratch leaves an empty one.

Every update the app draws is replayed into terminal emulators (pyte) three ways: as
the app sends it, as Textual renders it, and (whole, on an empty terminal) as a redraw
shows it; after each key the screens are compared cell by cell (character, colours,
bold, italic, underline, strikethrough, reverse).

Textual's output is rendered with each style's codes worked out afresh for the
terminal: Rich and Textual keep a style's codes on the style (`Style._ansi`) for the
colour system that rendered it first, and styles are shared between apps in a process
through their caches. After any screenshot in the same process (another test's
`export_screenshot`, in 24-bit colour) Textual's output sends those styles in 24-bit
colour to this 256-colour terminal; that, not the app's output, differed in a full test
run when such a test ran earlier in the same worker."""

from __future__ import annotations

import re

import pyte
import pytest
from rich.cells import cell_len
from textual import events
from textual._compositor import ChopsUpdate, CompositorUpdate, LayoutUpdate
from textual.app import App
from textual.geometry import Size

from tests.helpers.pilot import settle
from tests.helpers.pyte_cells import cells as _cells
from tui.domain.tracker import Tracker
from tui.records.card_fields import CardFields
from tui.storage.store import Store

SIZE = (80, 24)
CARDS = (
    CardFields("Old phone eSIM", "esim", "cancel", "EE", "UK"),
    CardFields("Debit", "bank", "report-lost", "工行", "CN"),
    CardFields("Metro card", "transit", "cancel", "交通卡", "上海"),
    CardFields("Plain", "bank", "cancel"),
)
KEYS = [
    ["tab"], ["shift+tab"], ["tab"], ["space"], ["space"], ["j"], ["tab"], ["t"],
    ["shift+tab"], ["shift+tab"], ["j"], ["j"], ["G"], ["g"], ["slash"], ["D"], ["e"],
    ["escape"], ["question_mark"], ["escape"], ["enter"], ["space"], ["k"], ["tab"],
    ["ctrl+l"],
]
ESCAPES = re.compile(r"\x1b(\[[0-9;?]*[A-Za-z]|\][^\x1b]*\x1b\\)")
TWENTY_FOUR_BIT = re.compile(r"\x1b\[[0-9;]*[34]8;2;")


def _differences(ours: pyte.Screen, theirs: pyte.Screen) -> str:
    """The first cells that differ, as (row, column): ours / theirs."""
    a, b = _cells(ours), _cells(theirs)
    found = [
        f"({y}, {x}): {a[y][x]} / {b[y][x]}"
        for y in range(len(a)) for x in range(len(a[y])) if a[y][x] != b[y][x]
    ]
    return "\n".join(found[:8])


def _terminal() -> tuple[pyte.Screen, pyte.Stream]:
    screen = pyte.Screen(*SIZE)
    return screen, pyte.Stream(screen)


def _strips(update: CompositorUpdate):
    if isinstance(update, LayoutUpdate):
        return (strip for line in update.strips for strip in line)
    if isinstance(update, ChopsUpdate):
        return (strip for line in update.chops for strip in line.values() if strip is not None)
    return ()


def textual_output(update: CompositorUpdate, console) -> str:
    """What Textual's own output sends for `update`, with every style's codes worked
    out for `console`'s colour system (not those kept on the style from a console of
    another colour system: see the module's docstring)."""
    for strip in _strips(update):
        strip._render_cache = None
        for segment in strip:
            if segment.style is not None:
                segment.style._ansi = None
    return update.render_segments(console)


class Terminals:
    """Every update the app draws: `ours` shows what the app sends (its own output,
    past every mixin), `textual` what Textual's output would send; `sent` and
    `textual_sent` hold the sequences."""

    def __init__(self, app, monkeypatch) -> None:
        self.app = app
        self.textual, textual_stream = _terminal()
        self.ours, ours_stream = _terminal()
        self.sent: list[str] = []
        self.textual_sent: list[str] = []
        real_display = App._display

        def display(screen, renderable) -> None:
            app_display(screen, renderable)  # first: it is not given fresh codes
            if isinstance(renderable, CompositorUpdate) and screen is app.screen:
                theirs = textual_output(renderable, app.console)
                self.textual_sent.append(theirs)
                textual_stream.feed(theirs)

        def sent(self_app, screen, renderable) -> None:  # what reaches the driver
            if self_app is app and isinstance(renderable, CompositorUpdate):
                if screen is app.screen:
                    ours = renderable.render_segments(app.console)
                    self.sent.append(ours)
                    ours_stream.feed(ours)
            real_display(self_app, screen, renderable)

        monkeypatch.setattr(App, "_display", sent)
        app_display = app._display  # the app's own output, then `sent`
        app._display = display

    def resized(self, columns: int, lines: int) -> None:
        """The terminal changed size (each emulator as a terminal would: cells outside
        the smaller size are lost)."""
        for screen in (self.ours, self.textual):
            screen.resize(lines, columns)

    def text(self) -> list[str]:
        return ["".join(c.data for c in (self.ours.buffer[y][x] for x in range(SIZE[0])))
                for y in range(SIZE[1])]

    def redrawn(self) -> pyte.Screen:
        """An empty terminal with the screen drawn whole on it, from what the widgets
        hold now (what ctrl+l sends), the screens below a dialog included."""
        screen, stream = _terminal()
        update = self.app.screen._compositor.render_update(
            full=True, screen_stack=self.app._background_screens
        )
        stream.feed(textual_output(update, self.app.console))
        return screen

    async def drawn_from_scratch(self, pilot) -> pyte.Screen:
        """An empty terminal with every widget drawn again from scratch on it (their
        kept lines dropped); the app's terminal gets those updates too."""
        screen, stream = _terminal()
        app_display = self.app._display

        def display(on, renderable) -> None:
            if isinstance(renderable, CompositorUpdate) and on is self.app.screen:
                stream.feed(textual_output(renderable, self.app.console))
            app_display(on, renderable)

        self.app._display = display
        for widget in self.app.screen.walk_children(with_self=True):
            widget.refresh()
        await settle(pilot)
        await pilot.pause()
        self.app._display = app_display
        return screen

    def assert_same(self, when: str) -> None:
        """The app's terminal reads as Textual's output and as a redraw leave one."""
        assert _cells(self.ours) == _cells(self.textual), (
            f"{when}: the terminal differs from Textual's output:\n"
            + _differences(self.ours, self.textual)
        )
        redrawn = self.redrawn()
        assert _cells(self.ours) == _cells(redrawn), (
            f"{when}: the terminal differs from the screen redrawn whole:\n"
            + _differences(self.ours, redrawn)
        )


def _store(content, clock) -> Store:
    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock)
    for number, fields in enumerate(CARDS):
        card = tracker.add_card(fields)
        for item in tracker.view(card.id).items[: number + 1]:  # logs of other lengths
            tracker.toggle_step(card.id, item.step_id)
    return store


async def _started(app, pilot, monkeypatch) -> Terminals:
    await settle(pilot)
    await pilot.pause()
    terminals = Terminals(app, monkeypatch)
    app.action_redraw()  # the first frame, whole, into every terminal (as after ctrl+l)
    await settle(pilot)
    await pilot.pause()
    return terminals


async def _press(pilot, *keys) -> None:
    await pilot.press(*keys)
    await settle(pilot)
    await pilot.pause()


@pytest.mark.parametrize(
    "lang, screenshot", [("en", False), ("zh-CN", False), ("en", True)],
    ids=["en", "zh-CN", "after a screenshot"],
)
async def test_the_terminal_shows_what_textual_and_a_full_redraw_show(
    make_app, content, clock, monkeypatch, lang, screenshot
):
    """After each key; with a screenshot taken first (24-bit colour kept on shared
    styles, as the palette's Screenshot or another test leaves them) too."""
    app = make_app(_store(content, clock), lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        if screenshot:
            await settle(pilot)
            app.export_screenshot()
        terminals = await _started(app, pilot, monkeypatch)
        terminals.assert_same("the first frame")
        for n, keys in enumerate(KEYS):
            await _press(pilot, *keys)
            terminals.assert_same(f"after {KEYS[: n + 1]}")
        scratch = await terminals.drawn_from_scratch(pilot)
        assert _cells(terminals.ours) == _cells(scratch), (
            "the terminal differs from every widget drawn again from scratch:\n"
            + _differences(terminals.ours, scratch)
        )


async def test_after_a_screenshot_colours_are_sent_in_the_terminals_colours(
    make_app, content, clock, monkeypatch
):
    """A screenshot renders in 24-bit colour, and Rich and Textual keep those codes on
    the styles they share: Textual's own output then sent them to this 256-colour
    terminal. The app sends the terminal's colours."""
    app = make_app(_store(content, clock))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.console.color_system == "256"
        app.export_screenshot()
        terminals = await _started(app, pilot, monkeypatch)
        await _press(pilot, "tab")
        await _press(pilot, "space")
        sent = "".join(terminals.sent)
        assert len(ESCAPES.sub("", sent).strip()) > 1000  # the first frame, whole
        assert not TWENTY_FOUR_BIT.search(sent), "24-bit colour sent to a 256-colour terminal"
        terminals.assert_same("after a screenshot, Tab and a toggle")


async def test_after_tab_and_a_toggle_the_focused_pane_and_its_keys_show(
    make_app, content, clock, monkeypatch
):
    app = make_app(_store(content, clock))
    async with app.run_test(size=SIZE) as pilot:
        terminals = await _started(app, pilot, monkeypatch)
        lines = terminals.text()
        assert lines[1].startswith("┏━ Cards") and "space" not in lines[-1]
        await _press(pilot, "tab")
        lines = terminals.text()
        steps_top = next(line for line in lines if "Steps" in line)
        assert steps_top.startswith("┏━ Steps") and lines[1].startswith("╭─ Cards")
        assert lines[-1].lstrip().startswith("space Check")
        done_before = next(line for line in lines if " done " in line)
        await _press(pilot, "space")
        lines = terminals.text()
        assert next(line for line in lines if " done " in line) != done_before
        assert next(line for line in lines if "Steps" in line).startswith("┏━ Steps")
        assert lines[-1].lstrip().startswith("space Check")
        terminals.assert_same("after Tab and a toggle")


async def test_cells_the_terminal_shows_are_not_sent_again(
    make_app, content, clock, monkeypatch
):
    """Every widget repainted with nothing changed: Textual sends the whole screen
    again; what reaches the terminal holds no character."""
    app = make_app(_store(content, clock))
    async with app.run_test(size=SIZE) as pilot:
        terminals = await _started(app, pilot, monkeypatch)
        terminals.sent.clear()
        terminals.textual_sent.clear()
        for widget in app.screen.walk_children(with_self=True):
            widget.refresh()
        await settle(pilot)
        await pilot.pause()
        assert len(ESCAPES.sub("", "".join(terminals.textual_sent)).strip()) > 1000
        assert ESCAPES.sub("", "".join(terminals.sent)) == ""


@pytest.mark.parametrize("dialog", [False, True], ids=["main screen", "help open"])
async def test_a_resize_and_back_before_a_frame_leaves_the_screen_redrawn(
    make_app, content, clock, monkeypatch, dialog
):
    """The terminal made smaller and back before the app drew a frame (a window
    dragged quickly, tmux resizing a pane): the cells the smaller terminal lost are
    sent again. (Textual redraws nothing when the size comes back to the one it had.)"""
    app = make_app(_store(content, clock))
    async with app.run_test(size=SIZE) as pilot:
        terminals = await _started(app, pilot, monkeypatch)
        if dialog:
            await _press(pilot, "question_mark")
        small, size = Size(60, 20), Size(*SIZE)
        terminals.resized(*small)
        app.post_message(events.Resize(small, small))
        terminals.resized(*size)
        app.post_message(events.Resize(size, size))
        await settle(pilot)
        await pilot.pause()
        terminals.assert_same("after 60x20 and back")
        await _press(pilot, "tab")
        terminals.assert_same("after 60x20 and back, then Tab")


@pytest.mark.parametrize("dialog", [False, True], ids=["main screen", "help open"])
async def test_ctrl_l_sends_every_cell_again(make_app, content, clock, monkeypatch, dialog):
    """ctrl+l is for a screen another program wrote over: every cell goes out again,
    not only those that changed (none did), the screen below a dialog included."""
    app = make_app(_store(content, clock))
    async with app.run_test(size=SIZE) as pilot:
        terminals = await _started(app, pilot, monkeypatch)
        if dialog:
            await _press(pilot, "question_mark")
        whole = re.sub(r"\s", "", "".join(terminals.text()))
        terminals.sent.clear()
        await _press(pilot, "ctrl+l")
        sent = re.sub(r"\s", "", ESCAPES.sub("", "".join(terminals.sent)))
        assert sorted(sent) == sorted(whole)  # each character on screen, once
        terminals.assert_same("after ctrl+l")


async def test_a_tab_sends_the_key_bar_once_and_no_unchanged_line(
    make_app, content, clock, monkeypatch
):
    app = make_app(_store(content, clock))
    async with app.run_test(size=SIZE) as pilot:
        terminals = await _started(app, pilot, monkeypatch)
        terminals.sent.clear()
        await _press(pilot, "tab")
        sent = "".join(terminals.sent)
        rows = [int(row) for row in re.findall(r"\x1b\[(\d+);\d+H", sent)]
        # the key bar's cells, counted over every span sent to its row (the spans
        # that differ may be several): never more than one row's worth
        plain = re.sub(r"\x1b\[[0-9;?]*[A-GJKSTfhlm]|\x1b\][^\x07\x1b]*(\x07|\x1b\\)", "", sent)
        spans = re.split(r"\x1b\[(\d+);\d+H", plain)
        sent_to_bar = [
            text for row, text in zip(spans[1::2], spans[2::2], strict=True)
            if int(row) == SIZE[1]
        ]
        bar_cells = sum(cell_len(text) for text in sent_to_bar)
        assert 0 < bar_cells <= SIZE[0], ("the key bar was sent more than once", sent_to_bar)
        header, status = 1, SIZE[1] - 1
        assert header not in rows and status not in rows
