"""After the terminal narrows and widens again, no cell of what the app draws is lost
(tui/ui/terminal_cells.py: the first update after a resize clears the screen).

tmux (3.3a) keeps the cells past the right edge when a window narrows, the right half
of a wide character across that edge included. A character the app writes over the
left half, at the narrower size, leaves that half standing off screen; once the
window widens, the cell the app writes after that character (on the stale half)
blanks it. A tester saw it in zh-CN: 80x24, 100x30, 60x20, 80x24, `j j`, 60x20,
120x40, and every issuer in the card list lost its third letter
(`Be jing Municipal H…`) until ctrl+l."""

from __future__ import annotations

import sys

import pytest
from rich.cells import cell_len
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from textual._compositor import LayoutUpdate
from textual.geometry import Region
from textual.strip import Strip

from tests.conftest import run_cli
from tui.ui.terminal_cells import TerminalCells

SHOWN = 12  # the first characters of an issuer the card list shows at 120 columns at least
ISSUERS = {  # label: the issuer, and what of it the card list shows at 120 columns
    label: (issuer, issuer[:SHOWN])
    for label, issuer in {
        "Metro card": "Shanghai Public Transportation Card Co Ltd",
        "Mobile eSIM": "China Mobile Communications Group Beijing Co",
        "Social security": "Beijing Municipal Human Resources and Social Security Bureau",
    }.items()
}
KINDS = {"Metro card": "transit", "Mobile eSIM": "esim", "Social security": "social-security"}
CHINESE = {  # a wide character in the issuer column at every size
    "工行借记卡": ("bank", "中国工商银行股份有限公司上海分行"),
    "社保卡": ("social-security", "北京市人力资源和社会保障局"),
}


def _frame(line: str, width: int, y: int = 4) -> LayoutUpdate:
    """An update of row `y` only, `width` cells: `line`, then spaces. (The rows left
    alone stay empty: tmux keeps a narrowed pane's rows in place while the rows below
    them are empty.)"""
    style = Style(color="white", bgcolor="black")
    text = line + " " * (width - cell_len(line))
    return LayoutUpdate([[Strip([Segment(text, style)])]], Region(0, y, width, 1))


def _console() -> Console:
    return Console(color_system="256", force_terminal=True, width=120)


def test_after_a_resize_the_screen_is_cleared_before_the_first_update():
    cells, console = TerminalCells(), _console()
    first = cells.render(_frame("abc", 80), console, 80, 24)
    assert "\x1b[2J" not in first
    cells.resized()
    after = cells.render(_frame("abc", 100), console, 100, 30)
    assert after.startswith("\x1b[2J") and "abc" in after
    assert "\x1b[2J" not in cells.render(_frame("abd", 100), console, 100, 30)


def test_a_wide_character_across_the_right_edge_is_sent_as_a_space():
    """The rows of the layout before a resize, drawn at the new, narrower size: the
    terminal has no cell for the right half of a wide character in the last column."""
    cells, console = TerminalCells(), _console()
    sent = cells.render(_frame("x" * 79 + "未" + "y" * 19, 100), console, 80, 24)
    assert "未" not in sent and "x" * 79 + " " in sent
    assert cells.shown[4][79][0] == " "


def test_a_piece_wholly_past_the_right_edge_sends_nothing():
    """An update laid out for a wider screen, drawn after a narrowing: a piece that
    starts past the right edge is not on screen (the random-key run found it raising
    IndexError: a wide character's half looked for at a negative index)."""
    cells, console = TerminalCells(), _console()
    cells.render(_frame("x" * 80, 80), console, 80, 24)
    style = Style(color="white", bgcolor="black")
    past = LayoutUpdate([[Strip([Segment("未来", style)])]], Region(90, 4, 4, 1))
    cells.render(past, console, 80, 24)
    assert "".join(char for char, _look in cells.shown[4]) == "x" * 80


@pytest.mark.slow
def test_in_tmux_the_cells_sent_across_a_narrowing_and_a_widening_are_all_shown(
    tmux, tmp_path
):
    """What TerminalCells sends for three frames, written into a real tmux pane with the
    pane resized between them as the app would have seen: 100x30 (a wide character
    across column 80), 80x24 (a border over its left half), 120x40 (text across both
    columns). Every character of the last frame is on the screen."""
    console = _console()
    cells = TerminalCells()
    frames = [
        ((100, 30), "x" * 79 + "未" + "y" * 19),
        ((80, 24), "z" * 79 + "┃"),
        ((120, 40), "0123456789" * 12),
    ]
    chunks = []
    for number, ((width, height), line) in enumerate(frames):
        if number:
            cells.resized()  # what the app does on a Resize
        chunk = cells.render(_frame(line, width), console, width, height)
        chunks.append(tmp_path / f"frame{number}")
        chunks[-1].write_text(chunk, encoding="utf-8")
    writer = tmp_path / "writer.py"
    writer.write_text(  # a frame each time a key comes, on the alternate screen without
        # autowrap, as Textual sets the terminal
        "import os, sys, tty\n"
        "tty.setraw(0)\n"
        "os.write(1, b'\\x1b[?1049h\\x1b[?7l\\x1b[?25lready for frames')\n"
        f"for name in {[str(path) for path in chunks]!r}:\n"
        "    os.read(0, 1)\n"
        "    os.write(1, open(name, 'rb').read())\n"
        "os.read(0, 1)\n",
        encoding="utf-8",
    )
    tmux.start([sys.executable, str(writer)])

    def pane_size() -> str:
        return tmux.run("display-message", "-p", "-t", "app",
                        "#{pane_width}x#{pane_height}").stdout.strip()

    tmux.wait_for("ready for frames")  # the terminal is raw: each key is read at once
    tmux.run("resize-window", "-t", "app", "-x", "100", "-y", "30")
    for number, ((width, height), line) in enumerate(frames):
        if number:
            tmux.run("resize-window", "-t", "app", "-x", str(width), "-y", str(height))
        tmux.wait_until(f"the pane at {width}x{height}",
                        lambda size, w=width, h=height: size == f"{w}x{h}", pane_size)
        tmux.keys("x")
        tail = line[-10:]
        tmux.wait_until(f"frame {number} written", lambda s, tail=tail: tail in s.text)
    row = tmux.screen().split("\n")[4]
    assert row == "0123456789" * 12, f"row 5 of the pane: {row!r}"


def _card_rows(text: str) -> list[str]:
    labels = [*ISSUERS, *CHINESE]
    return [line for line in text.split("\n")
            if line.startswith("┃") and any(f"┃ {label} " in line for label in labels)]


@pytest.mark.slow
def test_in_tmux_a_resize_sequence_keeps_every_cell_of_the_card_list(tmux, tmp_path):
    data, config = tmp_path / "data", tmp_path / "config"
    cards = tmp_path / "cards.csv"
    rows = [f"{label},{kind},{issuer},CN\n" for label, (kind, issuer) in CHINESE.items()]
    rows += [f"{label},{KINDS[label]},{issuer},CN\n" for label, (issuer, _) in ISSUERS.items()]
    cards.write_text("label,kind,issuer,region\n" + "".join(rows), encoding="utf-8")
    assert run_cli("import", str(cards), data=data, config=config).returncode == 0
    tmux.env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    tmux.start([sys.executable, "-m", "tui", "--lang", "zh-CN", "--data-dir", str(data),
                "--config-dir", str(config)])
    tmux.wait_until("every card in the list", lambda s: len(_card_rows(s.text)) == 5)

    def resize(width: int, height: int) -> None:
        tmux.run("resize-window", "-t", "app", "-x", str(width), "-y", str(height))
        tmux.wait_until(  # the last cell of each card row drawn at the new width
            f"the card list at {width}x{height}",
            lambda s: _card_rows(s.text) and all(
                cell_len(row) == width and row.endswith("┃") for row in _card_rows(s.text)
            ),
        )

    def steps_title(text: str) -> str:
        return next((line for line in text.split("\n") if "步骤 · " in line), "")

    for size in ((100, 30), (60, 20), (80, 24)):
        resize(*size)
    for _ in range(2):
        before = steps_title(tmux.screen())
        tmux.keys("j")  # the next card: its checklist below
        tmux.wait_until("the next card's checklist",
                        lambda s, before=before: steps_title(s.text) not in ("", before))
    for size in ((60, 20), (120, 40)):
        resize(*size)
    shown = _card_rows(tmux.screen())
    for label, (_issuer, cut) in ISSUERS.items():
        row = next(row for row in shown if f"┃ {label} " in row)
        assert cut in row, f"{label}: {row!r}"
