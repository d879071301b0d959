"""The colour and attribute codes the changed-cells output sends
(tui/ui/terminal_cells.py): each change reads in a terminal emulator (pyte) as
Textual's own output does, in the terminal's colour system whatever rendered the same
style before, and each link with its own id."""

from __future__ import annotations

import itertools
import re

import pyte
import pytest
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from textual._compositor import LayoutUpdate
from textual.geometry import Region
from textual.strip import Strip

from tests.helpers.pyte_cells import cells as _cells
from tui.ui.terminal_cells import TerminalCells

SIZE = (80, 24)
TWENTY_FOUR_BIT = re.compile(r"\x1b\[[0-9;]*[34]8;2;")


def _terminal() -> tuple[pyte.Screen, pyte.Stream]:
    screen = pyte.Screen(*SIZE)
    return screen, pyte.Stream(screen)


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


def test_a_style_is_sent_in_each_terminals_colours_whatever_rendered_it_before():
    """The same style objects, rendered first for a 24-bit terminal (as a screenshot
    does), then sent to a 256-colour and a 16-colour one: in their colours. (Textual's
    own output reuses the first codes, kept on the style.)"""
    styles = [Style(color="#e0e0e0", bgcolor="#242f38"), Style(bold=True, color="#ffa62b")]
    line = [Strip([Segment("ab", styles[0]), Segment("cd", styles[1])], 4)]
    update = LayoutUpdate([line], Region(0, 0, 4, 1))
    Strip(list(line[0])).render(Console(color_system="truecolor", force_terminal=True))
    assert "38;2;" in styles[0]._ansi  # kept on the style, for 24-bit colour
    for system, codes in (("256", "38;5;"), ("standard", "")):
        console = Console(color_system=system, force_terminal=True, width=SIZE[0])
        sent = TerminalCells().render(update, console, *SIZE)
        assert not TWENTY_FOUR_BIT.search(sent) and codes in sent, system
    assert "38;2;" in styles[0]._ansi  # and left as it was


def test_each_link_is_sent_with_its_own_id():
    """Two styles with the same link and colours are one style to Rich's hash, but
    Textual writes each with its own link id."""
    console = Console(color_system="256", force_terminal=True, width=SIZE[0])
    first, second = Style(link="https://example.org/"), Style(link="https://example.org/")
    assert first == second and first.link_id != second.link_id
    line = [Strip([Segment("ab", first), Segment("cd", Style(bold=True)),
                   Segment("ef", second)], 6)]
    sent = TerminalCells().render(LayoutUpdate([line], Region(0, 0, 6, 1)), console, *SIZE)
    assert f"id={first.link_id};" in sent and f"id={second.link_id};" in sent
