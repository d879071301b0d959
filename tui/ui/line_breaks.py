"""Wrapping text that may be Chinese: a line may break between two Chinese characters.

Rich breaks lines only at spaces (a no-break space too: here a line never breaks beside
one). Chinese has none, so a step such as
`[ ] 1. 先想好：暂停能否代替注销？` that did not fit went to the next line whole and
left `[ ] 1.` alone on the first; a log entry left its date alone the same way. Here
a line may also break before or after a wide character (CJK ideographs, kana,
Hangul, full-width forms), as Unicode's line breaking (UAX #14) allows, except
before closing punctuation (`，。：？）」`…) and after opening punctuation (`（「`…),
so no line starts with a comma or ends with an opening bracket. Text with no wide
character is wrapped by Rich itself, unchanged. The panes wrap with `wrap`; Textual's
own widgets (dialogs, hints, the status line) with `divide_line`, put in Rich's place
by textual_fixes.py (a dialog asked `删除 Alpha card` and put the rest of its
question on the next line).

(uniseg implements all of UAX #14, but took about 5 ms for one 80-character line,
more than a whole key's budget for the checklist's dozen steps.)
"""

from __future__ import annotations

import re

from rich._wrap import divide_line as rich_divide_line
from rich.cells import cell_len, chop_cells, get_character_cell_size
from rich.console import Console, ConsoleOptions, RenderResult
from rich.containers import Lines
from rich.measure import Measurement
from rich.text import Text

from tui.base.wide_forms import narrowed

# no line starts with these (UAX #14 classes CL, CP, EX, IS, NS as CJK text uses them)
NO_LINE_START = frozenset(
    "、。，．：；？！）］｝〕〉》」』】〙〗〟’”｠»‼⁇⁈⁉・…‥ー〜～々〻"
    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ"
    ",.:;!?)]}%"
)
# no line ends with these (class OP and opening quotes)
NO_LINE_END = frozenset("（［｛〔〈《「『【〘〖〝‘“｟«([{")
# a no-break space (UAX #14 class GL): no line breaks beside it; a phone number's
# spaces in running text (`+86 10 95588` broke as `+86` / `10 95588`)
NO_BREAK = "\u00a0"


def kept_whole(text: str) -> str:
    """`text` (a number dialled, a reference an issuer gave) as running text shows it,
    never broken across lines: its spaces no-break spaces (`+86 10 95588` broke as
    `+86` / `10 95588`). A code kept from before references were kept in plain ASCII
    (`ＲＥＦ１２３`, which could break between any two of its wide characters) shows in
    the plain forms it stands for (tui.base.wide_forms)."""
    return narrowed(text).replace(" ", NO_BREAK)


# the answers a question ends with, in brackets: `(y yes · n no)`, `（y 是 · n 否）`
_ANSWERS = re.compile(r"[（(][^（()）]*[）)]\Z")
ANSWERS_MOST = 24  # cells: a longer group may break, as any text does


def answers_kept_whole(question: str) -> str:
    """`question` with the answers it ends with in brackets (`（y 是 · n 否）`) never
    broken across lines: their spaces no-break spaces (a line ended `继续吗？（y` and the
    next began `是 · n 否）`). A group wider than ANSWERS_MOST cells is left as it is."""
    found = _ANSWERS.search(question)
    if found is None or cell_len(found.group()) > ANSWERS_MOST:
        return question
    return question[: found.start()] + found.group().replace(" ", NO_BREAK)


def _wide(char: str) -> bool:
    return get_character_cell_size(char) == 2


def _rich_wraps(text: str) -> bool:
    """Whether Rich's own wrapping gives the same lines: no wide character, and no
    no-break space (Rich breaks at it: Python's \\s matches it)."""
    return NO_BREAK not in text and (text.isascii() or not any(_wide(char) for char in text))


def units(text: str) -> list[tuple[int, str]]:
    """The pieces a line is never broken inside, in order, as (start index, piece):
    a word with the spaces after it, or a wide character with the punctuation that
    must stay with it. Joined, they give `text` back."""
    pieces: list[tuple[int, str]] = []
    start = 0
    for index in range(1, len(text) + 1):
        if index == len(text) or _breaks_before(text, index):
            pieces.append((start, text[start:index]))
            start = index
    return pieces


def _breaks_before(text: str, index: int) -> bool:
    """Whether a line may break between text[index - 1] and text[index]."""
    before, after = text[index - 1], text[index]
    if NO_BREAK in (before, after):
        return False
    if after.isspace():
        return False  # spaces stay at the end of the line they follow
    if after in NO_LINE_START:
        return False  # even after spaces (UAX #14, LB13): `先 ，` keeps its comma
    last = index - 1
    while last > 0 and text[last].isspace():
        last -= 1
    if text[last] in NO_LINE_END:
        return False  # even before spaces (LB14): `（ 先` keeps its bracket
    if before.isspace():
        return True
    return _wide(before) or _wide(after)


def divide_line(text: str, width: int, fold: bool = True) -> list[int]:
    """Where to break `text` (one line, no newline) so each line fits `width` cells:
    indices into `text`, as Rich's divide_line gives them (Textual's Static and
    Label wrap with that function too: textual_fixes.py puts this one in its
    place). A piece wider than a line is cut where the line ends (`fold`) or left
    whole to be cropped, as Rich does."""
    if _rich_wraps(text):
        return rich_divide_line(text, width, fold=fold)
    offsets: list[int] = []
    used = 0  # cells on the current line, the spaces after its last piece included
    for start, piece in units(text):
        piece_cells = cell_len(piece.rstrip())
        if width - used >= piece_cells:
            used += cell_len(piece)
        elif piece_cells > width and fold:
            folded = chop_cells(piece, width)
            for number, part in enumerate(folded):
                if start:
                    offsets.append(start)
                if number == len(folded) - 1:
                    used = cell_len(part)
                else:
                    start += len(part)
        elif piece_cells > width:
            if start:
                offsets.append(start)
            used = cell_len(piece)
        elif used and start:
            offsets.append(start)
            used = cell_len(piece)
    return offsets


def wrap(text: Text, console: Console, width: int) -> Lines:
    """`text` wrapped to `width` cells as Rich's Text.wrap does (its justify and
    overflow), breaking also between Chinese characters (see the module)."""
    if _rich_wraps(text.plain):
        return text.wrap(console, width)
    justify = text.justify or "default"
    overflow = text.overflow or "fold"
    lines = Lines()
    for line in text.split(allow_blank=True):
        if "\t" in line.plain:
            line.expand_tabs()
        if text.no_wrap:
            pieces = Lines([line])
        else:
            pieces = line.divide(divide_line(line.plain, width, fold=overflow == "fold"))
            for piece in pieces:
                piece.rstrip_end(width)
        pieces.justify(console, width, justify=justify, overflow=overflow)
        for piece in pieces:
            piece.truncate(width, overflow=overflow)
        lines.extend(pieces)
    return lines


def wrap_hanging(text: Text, console: Console, width: int, indent: int) -> Lines:
    """`text` wrapped to `width` cells as `wrap` does, its lines after the first
    `indent` cells in, under the text rather than under a checklist's `[ ] 1.` or a log
    entry's date. No indent when fewer than 8 cells would be left for the text.

    Text of several lines (a hotline result: its name, `☎ number…`, `  hours · note`,
    `  source`) wraps each line on its own: the first as said, each later one under
    its own text (`hanging`: past its leading spaces and mark)."""
    if "\n" in text.plain:
        lines = Lines()
        for number, line in enumerate(text.split("\n", allow_blank=True)):
            hang = hanging(line.plain) if number else indent
            lines.extend(wrap_hanging(line, console, width, hang))
        return lines
    lines = wrap(text, console, width)
    if indent <= 0 or len(lines) < 2 or width - indent < 8:
        return lines
    first = lines[0]
    rest = text[len(first.plain):]
    rest = rest[len(rest.plain) - len(rest.plain.lstrip()):]
    out = Lines([first])
    for line in wrap(rest, console, width - indent):
        out.append(Text(" " * indent) + line)
    return out


# a line's mark: its wrapped lines go on under the text after it (`☎ ` a number's line)
MARKS = ("• ", "⚠ ", "☎ ")


def hanging(line: str) -> int:
    """Cells in from the left where a line's wrapped lines go on: under its text, past
    its leading spaces and a mark (`  ⚠ sources disagree…`, ` • passport`,
    `    ☎ 95588 (report lost)…`)."""
    text = line.lstrip(" ")
    indent = len(line) - len(text)
    for mark in MARKS:
        if text.startswith(mark):
            return indent + cell_len(mark)
    return indent


class HangingText:
    """Text that wraps as `wrap_hanging` does at whatever width it is drawn (a Rich
    renderable), for a widget that wraps what it is given itself: an option of
    Textual's OptionList went back to the first column on each wrapped line. `str()`
    gives its plain text."""

    def __init__(self, text: Text, indent: int = 0) -> None:
        self.text = text
        self.indent = indent

    def __str__(self) -> str:
        return self.text.plain

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield from wrap_hanging(self.text, console, max(options.max_width, 1), self.indent)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.text)
