"""Cutting a line of text to fit, with "…": at a word or separator boundary where one
keeps enough of the text, and never with a space or a separator (`·`, `,`, `(`…)
left right before the "…" (`· from abroad ·…`, `Industrial and …`).

Boundaries are where a line may break (tui.ui.line_breaks.units): after the spaces
that follow a word, and between two Chinese characters, so Chinese is cut between
any two characters and keeps its closing punctuation with the character before it.
"""

from __future__ import annotations

from functools import lru_cache

from rich.cells import cell_len
from rich.text import Text

from tui.ui.line_breaks import units

ELLIPSIS = "…"
# never left right before "…": spaces, and what separates or opens something
SEPARATORS = frozenset(" \t\u3000\u00a0\u2800·•・-–—,，、;；:：(（[［/|☎")


def boundaries(plain: str) -> list[int]:
    """The indices of `plain` where a cut keeps whole words (0 and len(plain) too)."""
    return [start for start, _ in units(plain)] + [len(plain)]


def trimmed_end(plain: str, end: int) -> int:
    """`end` moved back over the spaces and separators before it."""
    while end > 0 and plain[end - 1] in SEPARATORS:
        end -= 1
    return end


def cut_to(text: Text, cells: int, whole_words: float = 0.5) -> Text:
    """`text` (one line) in at most `cells` cells: a copy when it fits; else cut and
    ended with "…" (in the style of the text before it), at the last word boundary
    when that keeps at least `whole_words` of the room (0: at a boundary whenever
    there is one; 1: only where the room ends anyway), else where the room ends; the
    spaces and separators before the "…" are dropped. Only a text with no letter
    that fits is "…" alone."""
    plain = text.plain
    if (len(plain) if plain.isascii() else cell_len(plain)) <= cells:
        return text.copy()
    kept = _kept(plain, cells, whole_words)
    if not text.spans:  # a plain cell (most are): no spans to divide
        return text.blank_copy(plain[:kept] + ELLIPSIS)
    cut = text[:kept]
    cut.append(ELLIPSIS)
    return cut


@lru_cache(maxsize=1024)
def _kept(plain: str, cells: int, whole_words: float) -> int:
    """How many characters of `plain` cut_to keeps before the "…"."""
    room = max(cells - 1, 0)
    if plain.isascii():  # a character a cell (most lines): no per-character work
        end = min(room, len(plain))
        if end < len(plain) and plain[end] in SEPARATORS:
            at_word = end  # the room ends at a space or separator
        else:
            at_word = plain.rfind(" ", 0, end) + 1
    else:
        end, used = 0, 0
        for char in plain:  # the most characters that fit in the room
            width = cell_len(char)
            if used + width > room:
                break
            used += width
            end += 1
        if end < len(plain) and plain[end] in SEPARATORS:
            at_word = end
        else:
            at_word = max((b for b in boundaries(plain) if 0 < b <= end), default=0)
    kept = trimmed_end(plain, at_word)
    if not kept or cell_len(plain[:kept]) < whole_words * room:
        kept = trimmed_end(plain, end)
    return kept
