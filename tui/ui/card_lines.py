"""The lines about a card above its steps: its issuer (the number that works, with its
source) and its identifiers; kept at their height from card to card (see IssuerLine)."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text as RichText
from textual.widgets import Static

from tui.ui.labels import set_content
from tui.ui.line_breaks import wrap
from tui.ui.repaint import LaidOutOnce, PartialRepaint
from tui.ui.text_cuts import boundaries, cut_to, trimmed_end


class CardLine(LaidOutOnce, PartialRepaint, Static):
    """A line about the card above its steps (its issuer, its identifiers); a move of
    the focus does not repaint it (see main_screen.py)."""


HELD = "\u2800"  # a blank that is not a space: wrapping does not break at it


class IssuerLine(CardLine):
    """The issuer line: ROWS rows high (app.tcss) whatever the card, so that moving
    from card to card lays nothing out. A line of one row for some cards and two or
    three for others laid out the whole screen on two cursor moves in five.

    The issuer's name never wraps to the second row: it stays on the first with its
    number, shortened at a word boundary (between any two Chinese characters) with
    "…" when it does not fit there, the same rule for every card. Text that needs more
    rows gives way in this order: the name is shortened, word by word (the card list
    shows it too), down to NAME_KEPT cells; the note that there are more numbers
    (`h` lists them) goes; last the end is cut at a word or separator boundary
    (with "…", never after a space or a separator); the call step's detail shows
    all of it (StepsPane.call_text). A number is never split."""

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

    def _held(self, text: RichText) -> RichText:
        """`text` with the number's spaces held as HELD (no break, no cut inside it)."""
        number = self._number
        if number and number in text.plain:
            text = text.copy()
            text.plain = text.plain.replace(number, number.replace(" ", HELD))
        return text

    def _wrapped(self, text: RichText, width: int) -> list[RichText]:
        """`text` wrapped to `width` cells, the number never split."""
        lines = list(wrap(self._held(text), self.app.console, width))
        for line in lines:
            if HELD in line.plain:
                line.plain = line.plain.replace(HELD, " ")
        return lines

    def _rows(self, width: int) -> list[RichText]:
        text = self._whole
        lines = self._wrapped(text, width)
        name, rest = text[: self._name_length], text[self._name_length :]
        on_one_row = not (self._name_length and self._number)
        if on_one_row or cell_len(name.plain + " " + self._number) <= width:
            if len(lines) <= self.ROWS:
                return lines  # whole, the name and its number on the first row
        if on_one_row:
            return self._end_cut(text, 0, width)
        names = self._names(name, width)
        fewer = rest[: len(rest) - self._more_length] if self._more_length else None
        least = min(self.NAME_KEPT, cell_len(name.plain))
        names = [n for n in names if cell_len(n.plain) >= least] or names[-1:]
        for kept_rest in (rest, fewer):
            if kept_rest is not None and (fitted := self._longest_fitting(names, kept_rest,
                                                                          width)):
                return fitted
        short = names[-1]
        return self._end_cut(short + (fewer or rest), len(short), width)

    def _names(self, name: RichText, width: int) -> list[RichText]:
        """The issuer's name, whole and shortened at each word boundary (between any
        two Chinese characters), longest first, each fitting on one row with the
        number; the first word cut to fit when no boundary leaves one that does."""
        room = width - cell_len(" " + self._number)
        plain = name.plain
        names = [name] if cell_len(plain) <= room else []
        for end in reversed(boundaries(plain)[1:-1]):
            kept = trimmed_end(plain, end)
            if kept and cell_len(plain[:kept]) + 1 <= room:
                short = name[:kept]
                short.append("…")
                names.append(short)
        return names or [cut_to(name, max(room, 2), whole_words=0)]

    def _longest_fitting(self, names: list[RichText], rest: RichText, width: int):
        """The rows of the longest of `names` + `rest` that fits in ROWS rows; None
        if none does. Wrapping fills rows greedily, so a shorter name never needs
        more rows."""
        best = None
        low, high = 0, len(names) - 1
        while low <= high:
            middle = (low + high) // 2
            tried = self._wrapped(names[middle] + rest, width)
            if len(tried) <= self.ROWS:
                best, high = tried, middle - 1
            else:
                low = middle + 1
        return best

    def _end_cut(self, text: RichText, name_end: int, width: int) -> list[RichText]:
        """The rows of `text` cut at the last word or separator boundary after the
        name and its number (`name_end`: where the name ends) that fits in ROWS rows
        with "…", the spaces and separators before it dropped."""
        held = self._held(text)
        plain = held.plain
        keep = name_end
        if self._number and self._number.replace(" ", HELD) in plain:
            keep = plain.index(self._number.replace(" ", HELD)) + len(self._number)
        cuts = [b for b in boundaries(plain) if b > keep] or [len(plain)]
        best = None
        low, high = 0, len(cuts) - 1
        while low <= high:  # greedy wrapping: a shorter text never needs more rows
            middle = (low + high) // 2
            tried = text[: trimmed_end(plain, cuts[middle])]
            tried.append("…")
            lines = self._wrapped(tried, width)
            if len(lines) <= self.ROWS:
                best, low = lines, middle + 1
            else:
                high = middle - 1
        if best is not None:
            return best
        lines = self._wrapped(text, width)[: self.ROWS]  # not even the number fits
        lines[-1] = cut_to(lines[-1], width)
        return lines

    def _cut(self) -> None:
        if self._whole is None:
            return
        width = self.content_size.width
        text = self._whole if width < 2 else RichText("\n").join(self._rows(width))
        set_content(self, text)

    def on_resize(self) -> None:
        self._cut()
