"""How `--help` lays its text out in a terminal: argparse's wrapping (textwrap) counts
characters, but a Chinese character takes two cells, and Chinese has no spaces to
break at, so a zh-CN help overran an 80-column terminal. These formatters wrap text
that holds wide characters by cells, breaking between wide characters as well as at
spaces; text of narrow characters alone is wrapped by argparse as before, so the
English help is unchanged."""

from __future__ import annotations

import argparse
import re

_PIECES = re.compile(r"\s+|\S")  # a run of spaces, or one character


def cells(text: str) -> int:
    """The terminal cells `text` takes: 2 for a wide or full-width character
    (unicodedata.east_asian_width W or F), 1 for any other."""
    import unicodedata  # only when help is shown: a normal start does not load it

    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _glued(before: str, char: str) -> bool:
    """Whether no line may break between the piece `before` and the character `char`:
    within an English word, before a comma or a closing bracket (、，。）), after an
    opening bracket (（)."""
    import unicodedata

    if before.isspace() or char.isspace():
        return False
    if unicodedata.category(char) in ("Pe", "Po", "Pf"):
        return True
    if unicodedata.category(before[-1]) in ("Ps", "Pi"):
        return True
    return cells(char) == 1 and cells(before[-1]) == 1


def _pieces(text: str) -> list[str]:
    """`text` as the pieces a line may break between: spaces, each wide character
    with the punctuation that stays with it, and each English word."""
    out: list[str] = []
    for piece in _PIECES.findall(text):
        if out and _glued(out[-1], piece):
            out[-1] += piece
        else:
            out.append(piece)
    return out


def wrap_cells(text: str, width: int) -> list[str]:
    """`text` (its whitespace runs taken as single spaces) in lines of at most `width`
    cells where it can break: a word longer than `width` keeps its own line."""
    lines: list[str] = []
    line = ""
    for piece in _pieces(" ".join(text.split())):
        if piece.isspace():
            if line:
                line += " "
            continue
        if line and cells(line + piece) > width:
            lines.append(line.rstrip())
            line = ""
        line += piece
    if line.strip():
        lines.append(line.rstrip())
    return lines


class CellHelpFormatter(argparse.HelpFormatter):
    """argparse's formatter, wrapping text with wide characters by cells."""

    def _split_lines(self, text: str, width: int) -> list[str]:
        if cells(text) == len(text):
            return super()._split_lines(text, width)
        return wrap_cells(text, width)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        if cells(text) == len(text):
            return super()._fill_text(text, width, indent)
        return "\n".join(indent + line for line in wrap_cells(text, width - len(indent)))


class RawDescriptionCellFormatter(argparse.RawDescriptionHelpFormatter, CellHelpFormatter):
    """The description and epilog as written (line by line), option help by cells."""
