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
    (`h` lists them) goes; the kept end (where the number came from, and the ⚠ of
    sources that disagree) takes its shorter form (the ⚠ without its words); what
    the line says of the number before that end is cut at a word or separator
    boundary (with "…", never after a space or a separator), the kept end whole
    after it; last, when even that does not fit, the end is cut. The call step's
    detail shows all of it (StepsPane.call_text). A number is never split."""

    ROWS = 2
    NAME_KEPT = 12  # cells of a shortened name, before the note of more numbers goes
    _whole: RichText | None = None
    _name_length = 0
    _number = ""
    _more_length = 0
    _kept_length = 0
    _kept_short: RichText | None = None

    def show_text(
        self,
        text: RichText,
        name_length: int = 0,
        number: str = "",
        more_length: int = 0,
        kept_length: int = 0,
        kept_short: RichText | None = None,
    ) -> None:
        """Show `text`, whose first `name_length` characters name the issuer, which
        holds `number` (the "☎ …" to keep on one row) and ends in `more_length`
        characters that say there are more numbers, after `kept_length` characters
        never cut (the number's source and ⚠; `kept_short`: the same, shorter); cut
        to ROWS rows."""
        self._whole, self._name_length, self._number = text, name_length, number
        self._more_length = more_length
        self._kept_length, self._kept_short = kept_length, kept_short
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
        if self._kept_length and (fitted := self._kept_end_rows(name, fewer or rest, width)):
            return fitted
        return self._end_cut(short + (fewer or rest), len(short), width)

    def _kept_end_rows(self, name: RichText, rest: RichText, width: int):
        """The rows when what is said of the number gives way before its kept end
        (where it came from, the ⚠): the end in its shorter form with all the words,
        else what is said cut with "…" before the end, whole or shorter, the longest
        name first (shortened below NAME_KEPT if it must); None if nothing fits."""
        body = rest[: len(rest) - self._kept_length]
        ends = [rest[len(body) :]]
        names = self._names(name, width)
        least = min(self.NAME_KEPT, cell_len(name.plain))
        if self._kept_short is not None:
            ends.append(self._kept_short)
            kept_names = [n for n in names if cell_len(n.plain) >= least] or names[-1:]
            if fitted := self._longest_fitting(kept_names, body + self._kept_short, width):
                return fitted
        for shown in names:
            for end in ends:
                if fitted := self._body_cut(shown + body, len(shown), end, width):
                    return fitted
        return None

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

    def _body_cut(
        self, text: RichText, name_end: int, end: RichText, width: int
    ) -> list[RichText] | None:
        """The rows of `text` cut after the name and its number, with "…" and `end`
        after it (whole), in ROWS rows: at the end of one of its parts (before a `·`:
        "(report lost)…", not "(report lost) · the…") when that keeps at least half of
        what a cut at the last word that fits keeps, never inside brackets
        ("(report…"); None when not even the name, its number and `end` fit."""
        plain = self._held(text).plain
        keep = self._number_end(plain, name_end)
        # never inside brackets ("(report…"): a word cut keeps what it opens closed
        cuts = [keep] + [
            b
            for b in boundaries(plain)
            if b > keep and _closed(plain[keep : trimmed_end(plain, b)])
        ]
        parts = [b for b in cuts if b == keep or plain[b:].lstrip().startswith("·")]
        at_word = self._longest_cut(text, plain, cuts, end, width)
        if at_word is None:
            return None
        at_part = self._longest_cut(text, plain, parts, end, width)
        if at_part is not None and 2 * (at_part[0] - keep) >= at_word[0] - keep:
            return at_part[1]
        return at_word[1]

    def _longest_cut(self, text: RichText, plain: str, cuts: list[int], end: RichText,
                     width: int) -> tuple[int, list[RichText]] | None:
        """(where, the rows) of the longest of `text` cut at one of `cuts` (the first:
        right after the number) with "…", then `end`, that fits in ROWS rows with the
        number on the first; None if none does."""

        def rows(cut: int) -> tuple[int, list[RichText]] | None:
            kept = trimmed_end(plain, cut)
            tried = text[:kept]
            if kept < len(text):
                tried.append("…")
            lines = self._wrapped(tried + end, width)
            fits = len(lines) <= self.ROWS and self._number in lines[0].plain
            return (kept, lines) if fits else None

        best = None
        low, high = 1, len(cuts) - 1
        while low <= high:  # greedy wrapping: a shorter text never needs more rows
            middle = (low + high) // 2
            if tried := rows(cuts[middle]):
                best, low = tried, middle + 1
            else:
                high = middle - 1
        # right after the number, its "…" goes with it: it may push it off the first row
        return best or (rows(cuts[0]) if cuts else None)

    def _number_end(self, plain: str, name_end: int) -> int:
        """Where the number ends in `plain` (its spaces held), or `name_end`."""
        held = self._number.replace(" ", HELD)
        if self._number and held in plain:
            return plain.index(held) + len(held)
        return name_end

    def _end_cut(self, text: RichText, name_end: int, width: int) -> list[RichText]:
        """The rows of `text` cut at the last word or separator boundary after the
        name and its number (`name_end`: where the name ends) that fits in ROWS rows
        with "…", the spaces and separators before it dropped."""
        plain = self._held(text).plain
        keep = self._number_end(plain, name_end)
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


def _closed(text: str) -> bool:
    """Whether every bracket `text` opens it closes too ("(report lost)", not "(report")."""
    return text.count("(") + text.count("（") == text.count(")") + text.count("）")
