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
    """argparse's formatter, wrapping text with wide characters by cells, and a
    section's heading ending as its language ends a heading ("options:", "选项：")."""

    class _Section(argparse.HelpFormatter._Section):
        """argparse's section (Python 3.11), its heading's colon asked of gettext with
        the message id Python 3.13 uses ("%(heading)s:"), so tui.cli.argparse_words
        gives it in the user's language; Python 3.11 and 3.12 write a ':' of their own."""

        def format_help(self) -> str:
            if self.parent is not None:
                self.formatter._indent()
            join = self.formatter._join_parts
            item_help = join([func(*args) for func, args in self.items])
            if self.parent is not None:
                self.formatter._dedent()
            if not item_help:
                return ""
            heading = ""
            if self.heading is not argparse.SUPPRESS and self.heading is not None:
                indent = self.formatter._current_indent
                text = argparse._("%(heading)s:") % {"heading": self.heading}
                heading = " " * indent + text + "\n"
            return join(["\n", heading, item_help, "\n"])

    def _format_usage(self, usage, actions, groups, prefix) -> str:
        """argparse's usage, wrapped narrower while a line of it overruns the width in
        cells (argparse counts `[--region 地区] 查询词` by characters)."""
        width = self._width
        try:
            while True:
                text = super()._format_usage(usage, actions, groups, prefix)
                over = max(cells(line) for line in text.splitlines()) - width
                if over <= 0 or self._width <= 20:
                    return text
                self._width -= over
        finally:
            self._width = width

    def add_argument(self, action: argparse.Action) -> None:
        """argparse's, the help column worked out by cells (see _format_action)."""
        super().add_argument(action)
        if action.help is not argparse.SUPPRESS:
            invocation = self._format_action_invocation(action)
            wide = cells(invocation) + self._current_indent
            self._action_max_length = max(self._action_max_length, wide)

    def _format_action(self, action: argparse.Action) -> str:
        """argparse's, with the help column kept where it is after an invocation of
        wide characters (`--region 地区`): argparse pads by characters, so each wide
        character pushed the help one cell to the right."""
        text = super()._format_action(action)
        invocation = self._format_action_invocation(action)
        extra = cells(invocation) - len(invocation)
        start = text.find(invocation)
        if not extra or start < 0:
            return text
        end = start + len(invocation)
        gap = len(text[end:]) - len(text[end:].lstrip(" "))
        if not gap or text[end + gap :].startswith("\n"):
            return text  # the help is on lines of its own
        if gap - extra >= 2:
            return text[:end] + " " * (gap - extra) + text[end + gap :]
        # too wide for the help column: the help starts on the next line, as argparse
        # does for a long invocation
        column = min(self._action_max_length + 2, self._max_help_position)
        return text[:end] + "\n" + " " * column + text[end + gap :]

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


class LineKeepingCellFormatter(CellHelpFormatter):
    """Text wrapped by cells line by line: a description written as one line wraps as
    CellHelpFormatter wraps it, and an epilog written as lines (the exit statuses, the
    export formats) keeps them, a long one going on under its own text
    (`  141  the reader …` goes on under `the`)."""

    _ROW = re.compile(r"(\s*)(\S+\s{2,})?")

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        out = []
        for line in text.splitlines():
            if not line.strip():
                out.append("")
                continue
            lead, key = self._ROW.match(line).groups()
            if key is None:  # a paragraph: as CellHelpFormatter wraps it
                out.append(super()._fill_text(line, width, indent + lead))
                continue
            hanging = " " * (len(lead) + cells(key))
            room = max(width - len(indent) - len(hanging), 20)
            wrapped = wrap_cells(line[len(lead) + len(key) :], room) or [""]
            out.append(indent + lead + key + wrapped[0])
            out.extend(indent + hanging + rest for rest in wrapped[1:])
        return "\n".join(out)
