"""The lines about a card above its steps: its issuer (the number that works, with its
source) and its identifiers; kept at their height from card to card (see IssuerLine)."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text as RichText
from textual.widgets import Static

from tui.ui.labels import set_content
from tui.ui.line_breaks import wrap
from tui.ui.repaint import LaidOutOnce, PartialRepaint


class CardLine(LaidOutOnce, PartialRepaint, Static):
    """A line about the card above its steps (its issuer, its identifiers); a move of
    the focus does not repaint it (see main_screen.py)."""


HELD = "\u2800"  # a blank that is not a space: wrapping does not break at it


class IssuerLine(CardLine):
    """The issuer line: ROWS rows high (app.tcss) whatever the card, so that moving
    from card to card lays nothing out. A line of one row for some cards and two or
    three for others laid out the whole screen on two cursor moves in five.

    Text that needs more rows gives way in this order: the issuer's name is shortened
    (with "…"; the card list shows it too) down to NAME_KEPT cells, the note that
    there are more numbers (`h` lists them) goes, the name is shortened further, and
    last the end is cut (with "…"); the call step's detail shows all of it
    (StepsPane.call_text). A number is never split between two rows."""

    ROWS = 2
    NAME_KEPT = 12  # cells of a shortened name, before the note of more numbers goes
    _whole: RichText | None = None
    _name_length = 0
    _number = ""
    _more_length = 0

    def show_text(
        self, text: RichText, name_length: int = 0, number: str = "", more_length: int = 0
    ) -> None:
        """Show `text`, whose first `name_length` characters name the issuer, which
        holds `number` (the "☎ …" to keep on one row) and ends in `more_length`
        characters that say there are more numbers; cut to ROWS rows."""
        self._whole, self._name_length, self._number = text, name_length, number
        self._more_length = more_length
        self._cut()

    def _wrapped(self, text: RichText, width: int) -> list[RichText]:
        """`text` wrapped to `width` cells, the number (its spaces held as HELD while
        wrapping) never split."""
        number = self._number
        held = number.replace(" ", HELD)
        if number and number in text.plain:
            text = text.copy()
            text.plain = text.plain.replace(number, held)
        lines = list(wrap(text, self.app.console, width))
        for line in lines:
            if HELD in line.plain:
                line.plain = line.plain.replace(HELD, " ")
        return lines

    def _rows(self, width: int) -> list[RichText]:
        text = self._whole
        lines = self._wrapped(text, width)
        if len(lines) <= self.ROWS:
            return lines
        name, rest = text[: self._name_length], text[self._name_length :]
        fewer = rest[: len(rest) - self._more_length] if self._more_length else None
        shortest = min(self.NAME_KEPT, cell_len(name.plain))
        for kept_rest, least in ((rest, shortest), (fewer, 2), (rest, 2)):
            if kept_rest is not None and (fitted := self._name_cut(name, kept_rest, least,
                                                                     width)):
                return fitted
        lines = lines[: self.ROWS]
        last = lines[-1]
        last.rstrip()
        last.truncate(width - 1)
        last.append("…")
        return lines

    def _name_cut(self, name: RichText, rest: RichText, least: int, width: int):
        """The rows of `name` + `rest` with the name at its longest (not under `least`
        cells) that fits in ROWS rows; None if none does. Wrapping fills rows greedily,
        so a shorter name never needs more rows."""
        best = None
        low, high = least, cell_len(name.plain)
        while low <= high:
            keep = (low + high) // 2
            short = name.copy()
            short.truncate(keep, overflow="ellipsis")
            tried = self._wrapped(short + rest, width)
            if len(tried) <= self.ROWS:
                best, low = tried, keep + 1
            else:
                high = keep - 1
        return best

    def _cut(self) -> None:
        if self._whole is None:
            return
        width = self.content_size.width
        text = self._whole if width < 2 else RichText("\n").join(self._rows(width))
        set_content(self, text)

    def on_resize(self) -> None:
        self._cut()
