"""The card table's columns and lines: how wide each column is on a screen so wide,
and one line of cells drawn to those widths.

Every column is as wide as the widest cell the owner reports for the rows shown
(heading included), in terminal cells. On a screen too narrow for all of them the
first column (the label) gives way first, with "…", down to LABEL_MIN cells, then the
columns the owner lists, in turn; no column gives more cells than the line is short,
so none is cut while another has cells it does not use. A column with nothing to show
(its widest cell 0 cells) is left out, and a column that gives way with GOES as its
fewest cells goes whole rather than be cut, the room it frees beyond what was short
going back to the columns cut before it. Room left over goes to the label.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.strip import Strip

from tui.ui.text_cuts import cut_to

PADDING = 1  # blank cells each side of a cell
LABEL_MIN = 16  # the label keeps this many cells while other columns can give way
GIVE_WAY_MIN = 8  # how narrow a column that gives way can get
GOES = 0  # a give-way column's fewest cells that says: it goes whole, never cut

Cells = Sequence[Text | str]


def give_way_pairs(give_way: Sequence[int | tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """The columns that narrow, in this order, once the first column (the label) is
    down to LABEL_MIN cells and the line is still too narrow, as (column, fewest cells)
    pairs: each given as a column number (down to GIVE_WAY_MIN cells) or as (column,
    fewest cells); the first column (0) may be listed too, to narrow it further."""
    return tuple((way, GIVE_WAY_MIN) if isinstance(way, int) else tuple(way) for way in give_way)


def column_widths(
    widest: Sequence[int], give_way: Sequence[tuple[int, int]], width: int
) -> list[int]:
    """The cells of each column, padding included, for a line `width` cells wide.

    `widest`: the widest cell of each column, the first (the label) included (0: the
    column is left out). When they do not all fit, the first column narrows first,
    down to LABEL_MIN cells, then the columns in `give_way` ((column, fewest cells)
    pairs) in turn, each down to its fewest cells. A column whose fewest is GOES goes
    whole (0 cells) instead, and the room it frees beyond what was short goes back to
    the columns that narrowed before it, the last one first. Room left over goes to
    the first column."""
    if not widest:
        return []
    pad = 2 * PADDING
    widths = [w + pad if w > 0 else 0 for w in widest]
    widths[0] = max(widths[0], pad)
    short = sum(widths) - width
    narrowed: list[tuple[int, int]] = []  # (column, cells it gave), in turn
    for column, fewest in ((0, LABEL_MIN), *give_way):
        if short <= 0:
            break
        if not widths[column]:
            continue
        if fewest == GOES:
            short -= widths[column]
            widths[column] = 0
            for back, gave in reversed(narrowed):  # more room than was short: give it back
                if back == column:
                    continue
                given = min(gave, max(-short, 0))
                widths[back] += given
                short += given
            narrowed.clear()
            continue
        gave = min(max(widths[column] - (fewest + pad), 0), short)
        widths[column] -= gave
        short -= gave
        narrowed.append((column, gave))
    if short < 0:  # room left: the first column takes it
        widths[0] -= short
    return widths


def draw_line(
    console: Console, cells: Cells, style: Style, widths: Sequence[int], width: int
) -> Strip:
    """One line `width` cells wide: each cell cut with "…" or padded to its column's
    width from `widths` (on the left for a Text whose justify is "right"); a column 0
    cells wide (left out, or gone on a narrow screen) draws nothing."""
    segments: list[Segment] = []
    for cell, column in zip(cells, widths, strict=False):
        if column <= 0:
            continue
        text = cell.copy() if isinstance(cell, Text) else Text(str(cell))
        room = max(column - 2 * PADDING, 0)
        if text.justify == "right" and text.cell_len < room:
            text.pad_left(room - text.cell_len)
        if text.cell_len > room:  # a label or a name: cut at a word where one keeps enough
            text = cut_to(text, room)
        text.truncate(room, pad=True)
        text.pad(PADDING)
        rendered = text.render(console, end="")
        if text.style:  # Text.render leaves out the text's own style when it has no spans
            rendered = Segment.apply_style(rendered, console.get_style(text.style))
        segments.extend(rendered)
    return Strip(Segment.apply_style(segments, style)).adjust_cell_length(width, style)
