"""Characters in what the user typed or pasted that they cannot see: the formatting
marks a copy from a web page, a spreadsheet or a right-to-left text carries (U+200E
LRM, U+200F RLM, U+061C ALM, U+200B zero-width space, U+2060 word joiner, U+FEFF BOM,
the bidi embeddings and isolates: Unicode's category Cf), which say nothing in a
number, a code or a date and are removed before it is read; and, for a message about
text still refused, the first character left that shows as nothing or as a plain
space though it is not one (a no-break or em space, a control character), named so
that the user can find it (`U+2003 EM SPACE`). No Textual, no Rich, no I/O."""

from __future__ import annotations

import unicodedata

# letters that show as nothing (Unicode's default ignorables that are not Cf): the
# Hangul fillers and the combining grapheme joiner
_BLANK_LETTERS = frozenset("\u034f\u115f\u1160\u3164\uffa0")


def without_marks(text: str) -> str:
    """`text` without its formatting marks (category Cf: see the module's docstring);
    text without any comes back as it is."""
    if text.isascii():
        return text
    return "".join(char for char in text if unicodedata.category(char) != "Cf")


def unseen_character(text: str) -> str:
    """The first character of `text` that cannot be seen for what it is, named as
    Unicode does (`U+00A0 NO-BREAK SPACE`, `U+200F RIGHT-TO-LEFT MARK`); "" when every
    character shows (a plain space counts as seen)."""
    for char in text:
        category = unicodedata.category(char)
        blank = category in ("Cc", "Cf", "Co", "Cn", "Zl", "Zp") or char in _BLANK_LETTERS
        if blank or (category == "Zs" and char != " "):
            name = unicodedata.name(char, "")
            return f"U+{ord(char):04X} {name}".strip()
    return ""
