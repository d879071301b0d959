"""What the app sends to the terminal (tui/ui/terminal_cells.py): only the cells that
read differently from what the terminal shows, with colours set only as they change,
and the terminal left exactly as Textual's own output leaves it.

Every update the app draws is rendered twice, by Textual and by TerminalCells, and
each is replayed into a terminal emulator (pyte); after each key the two screens are
compared cell by cell (character, colours, bold, italic, underline, reverse)."""

from __future__ import annotations

import itertools
import re

import pyte
import pytest
from rich.segment import Segment
from rich.style import Style
from textual._compositor import CompositorUpdate, LayoutUpdate
from textual.geometry import Region
from textual.strip import Strip

from tests.helpers.pilot import settle
from tui.domain.tracker import Tracker
from tui.records.model import CardFields
from tui.storage.store import Store
from tui.ui.terminal_cells import TerminalCells

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
]
ESCAPES = re.compile(r"\x1b(\[[0-9;?]*[A-Za-z]|\][^\x1b]*\x1b\\)")


def _cells(screen: pyte.Screen) -> list[list[tuple]]:
    return [
            [
                (c.data, c.fg, c.bg, c.bold, c.italics, c.underscore, c.strikethrough, c.reverse)
                for c in (screen.buffer[y][x] for x in range(screen.columns))
            ]
            for y in range(screen.lines)
    ]


def _terminal() -> tuple[pyte.Screen, pyte.Stream]:
    screen = pyte.Screen(*SIZE)
    return screen, pyte.Stream(screen)


class TwoTerminals:
    """Every update the app draws, as Textual renders it into one terminal and as
    TerminalCells renders it into another; `sent` holds what TerminalCells sent."""

    def __init__(self, app) -> None:
        self.textual, textual_stream = _terminal()
        self.ours, ours_stream = _terminal()
        self.cells = TerminalCells()
        self.sent: list[str] = []
        self.textual_sent: list[str] = []
        real = app._display

        def display(screen, renderable) -> None:
            if isinstance(renderable, CompositorUpdate):
                theirs = renderable.render_segments(app.console)
                self.textual_sent.append(theirs)
                textual_stream.feed(theirs)
                ours = self.cells.render(renderable, app.console, *app.size)
                self.sent.append(ours)
                ours_stream.feed(ours)
            real(screen, renderable)

        app._display = display

    def text(self) -> list[str]:
        return ["".join(c.data for c in (self.ours.buffer[y][x] for x in range(SIZE[0])))
                for y in range(SIZE[1])]


def _store(content, clock) -> Store:
    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock)
    for number, fields in enumerate(CARDS):
        card = tracker.add_card(fields)
        for item in tracker.view(card.id).items[: number + 1]:  # logs of other lengths
            tracker.toggle_step(card.id, item.step_id)
    return store


async def _started(app, pilot) -> TwoTerminals:
    await settle(pilot)
    await pilot.pause()
    terminals = TwoTerminals(app)
    app.screen.refresh()  # the first frame, whole, into both terminals
    await settle(pilot)
    await pilot.pause()
    return terminals


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
async def test_the_terminal_shows_what_textuals_own_output_shows(make_app, content, clock, lang):
    app = make_app(_store(content, clock), lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        terminals = await _started(app, pilot)
        assert _cells(terminals.ours) == _cells(terminals.textual)
        for n, keys in enumerate(KEYS):
            await pilot.press(*keys)
            await settle(pilot)
            await pilot.pause()
            assert _cells(terminals.ours) == _cells(terminals.textual), (
                f"after {KEYS[: n + 1]}: the terminal differs from Textual's output"
            )


async def test_after_tab_and_a_toggle_the_focused_pane_and_its_keys_show(
    make_app, content, clock
):
    app = make_app(_store(content, clock))
    async with app.run_test(size=SIZE) as pilot:
        terminals = await _started(app, pilot)
        lines = terminals.text()
        assert lines[1].startswith("┏━ Cards") and "space" not in lines[-1]
        await pilot.press("tab")
        await settle(pilot)
        await pilot.pause()
        lines = terminals.text()
        steps_top = next(line for line in lines if "Steps" in line)
        assert steps_top.startswith("┏━ Steps") and lines[1].startswith("╭─ Cards")
        assert lines[-1].lstrip().startswith("space Check")
        done_before = next(line for line in lines if " done " in line)
        await pilot.press("space")
        await settle(pilot)
        await pilot.pause()
        lines = terminals.text()
        assert next(line for line in lines if " done " in line) != done_before
        assert next(line for line in lines if "Steps" in line).startswith("┏━ Steps")
        assert lines[-1].lstrip().startswith("space Check")
        assert _cells(terminals.ours) == _cells(terminals.textual)


async def test_cells_the_terminal_shows_are_not_sent_again(make_app, content, clock):
    """Every widget repainted with nothing changed: Textual sends the whole screen
    again; what reaches the terminal holds no character."""
    app = make_app(_store(content, clock))
    async with app.run_test(size=SIZE) as pilot:
        terminals = await _started(app, pilot)
        terminals.sent.clear()
        terminals.textual_sent.clear()
        for widget in app.screen.walk_children(with_self=True):
            widget.refresh()
        await settle(pilot)
        await pilot.pause()
        assert len(ESCAPES.sub("", "".join(terminals.textual_sent)).strip()) > 1000
        assert ESCAPES.sub("", "".join(terminals.sent)) == ""


async def test_a_tab_sends_the_key_bar_once_and_no_unchanged_line(make_app, content, clock):
    app = make_app(_store(content, clock))
    async with app.run_test(size=SIZE) as pilot:
        terminals = await _started(app, pilot)
        terminals.sent.clear()
        await pilot.press("tab")
        await settle(pilot)
        await pilot.pause()
        sent = "".join(terminals.sent)
        rows = [int(row) for row in re.findall(r"\x1b\[(\d+);\d+H", sent)]
        assert rows.count(SIZE[1]) <= 1, "the key bar was sent more than once"
        header, status = 1, SIZE[1] - 1
        assert header not in rows and status not in rows


def _styles() -> list:
    """New styles each time: Textual keeps a style's codes on it, for one colour system."""
    return [
        None,
        Style(color="red"),
        Style(color="red", bgcolor="blue"),
        Style(bgcolor="blue"),
        Style(bold=True, color="red"),
        Style(bold=True, bgcolor="#203040"),
        Style(italic=True, underline=True),
        Style(reverse=True, color="color(23)", bgcolor="color(234)"),
        Style(color="#ff8800", bgcolor="#112233"),
        Style(dim=True, strike=True, color="green"),
        Style(link="https://example.org/a"),
    ]


@pytest.mark.parametrize("system", ["truecolor", "256", "standard"])
def test_each_change_of_colours_and_attributes_reads_as_textuals(system):
    from rich.console import Console

    console = Console(color_system=system, force_terminal=True, width=SIZE[0])
    pairs = list(itertools.permutations(_styles(), 2))
    segments = [Segment(f"{n % 10}{chr(65 + n % 26)}", style)
                for n, (a, b) in enumerate(pairs) for style in (a, b)]
    lines, line, width = [], [], 0
    for segment in segments:
        if width + 2 > SIZE[0]:
            lines.append([Strip(line, width)])
            line, width = [], 0
        line.append(segment)
        width += 2
    lines.append([Strip(line, width)])
    lines = lines[: SIZE[1]]
    update = LayoutUpdate(lines, Region(0, 0, SIZE[0], len(lines)))
    theirs, ours = _terminal(), _terminal()
    theirs[1].feed(update.render_segments(console))
    sent = TerminalCells().render(update, console, *SIZE)
    ours[1].feed(sent)
    assert _cells(ours[0]) == _cells(theirs[0])
    assert sent.endswith("\x1b[0m")  # the colours are left reset


def _border_width(screen) -> int:
    """The width of the card pane's top border (0 while it is not drawn)."""
    line = next((row for row in screen.text.split("\n") if "Cards" in row), "")
    return len(line.rstrip())


@pytest.mark.slow
def test_in_tmux_tab_and_toggles_leave_the_screen_a_full_redraw_leaves(tmux, tmp_path):
    """In a real terminal: after Tab, two toggles and Shift+Tab, the screen (characters
    and colours) is the one a full redraw at the same size gives (a change of size
    sends every cell)."""
    import sys

    data, config = tmp_path / "data", tmp_path / "config"
    tmux.start([sys.executable, "-m", "tui", "--demo", "--data-dir", str(data),
                "--config-dir", str(config)])
    tmux.wait_for("┏━ Cards")
    tmux.keys("Tab")
    tmux.wait_for("┏━ Steps")
    tmux.wait_until("the key bar of the steps",
                    lambda s: s.text.rstrip("\n").split("\n")[-1].lstrip().startswith("space"))
    for _ in range(2):  # a step checked; the cursor moves on to the next
        done = next(row for row in tmux.screen().split("\n") if " done " in row)
        tmux.keys("Space")
        tmux.wait_until("the done count to change", lambda s, done=done: done not in s.text)
    tmux.keys("BTab")
    tmux.wait_for("┏━ Cards")
    shown = tmux.painted()
    tmux.run("resize-window", "-t", "app", "-x", "100", "-y", "30")
    tmux.wait_until("the wider layout", lambda s: _border_width(s) == 100)
    tmux.run("resize-window", "-t", "app", "-x", "80", "-y", "24")
    # the header's title is centred anew after a resize (Textual's Header; the same
    # without this module): compared below the header
    below_header = shown.split("\n")[1:]
    tmux.wait_until("the screen as before the resize", lambda painted: painted.split("\n")[1:]
                    == below_header, read=tmux.painted)


@pytest.mark.slow
@pytest.mark.parametrize("dialog", [False, True])
def test_in_tmux_ctrl_l_draws_again_what_another_program_wrote_over(tmux, tmp_path, dialog):
    """Another program writes into the app's terminal (as `wall` or a background job
    would): the cells it wrote over stay wrong, since nothing changed for the app to
    send; ctrl+l sends every cell again, on the main screen and with a dialog open over
    it (the screen below the dialog included)."""
    import sys

    data, config = tmp_path / "data", tmp_path / "config"
    tmux.start([sys.executable, "-m", "tui", "--demo", "--data-dir", str(data),
                "--config-dir", str(config)])
    tmux.wait_until("every pane drawn", lambda s: "┏━ Cards" in s.text and " done ─" in s.text
                    and "Log · this card" in s.text and "Commands" in s.text)
    if dialog:
        tmux.keys("?")
        tmux.wait_until("the help over the panes", lambda s: "Escape closes" in s.text)
    # the status line's message goes after a while (status_messages.py): compared
    # without it
    def without_status(text: str) -> list[str]:
        rows = text.split("\n")
        return [row for n, row in enumerate(rows) if n != len(rows) - 3]

    shown = without_status(tmux.screen())
    tty = tmux.run("display-message", "-p", "-t", "app", "#{pane_tty}").stdout.strip()
    with open(tty, "w") as terminal:  # straight into the terminal, past the app
        terminal.write("\x1b[3;3HSCRIBBLE-ONE\x1b[20;40HSCRIBBLE-TWO")
    tmux.wait_for("SCRIBBLE-TWO")
    tmux.keys("C-l")
    tmux.wait_until("the screen as before the scribbles",
                    lambda text: without_status(text) == shown, read=tmux.screen)
