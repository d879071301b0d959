"""What a Chinese, Japanese or Korean input method types in its full-width forms (`３５．５０`,
`￥`, `：`, `／`, `＋７`, `ＣＮＹ`), read as the characters they stand for.

Each full-width and half-width form (U+FF01–U+FFEE) and the ideographic space (U+3000)
becomes what Unicode's NFKC normalisation makes of it (`３５．５０` → `35.50`, `￥` → `¥`,
the ideographic space → a space). NFKC is not applied to the rest of the text: it
would also read `3²` as 32 and `①` as 1, silently changing a number the user typed.

For what is read, and for what is kept of a field that holds a code rather than words
(a reference or ticket number, a region: tui.records.model.one_line and CardFields): a
name, an agent's name or a note keeps the forms typed. No Textual, no Rich, no I/O.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache


@lru_cache(maxsize=1)
def _table() -> dict[int, str]:
    table = {}
    for code in (0x3000, *range(0xFF01, 0xFFEF)):
        if unicodedata.decomposition(chr(code)).startswith(("<wide>", "<narrow>")):
            table[code] = unicodedata.normalize("NFKC", chr(code))
    return table


def narrowed(text: str) -> str:
    """`text` with its full-width and half-width forms as NFKC gives them (see the
    module's docstring); text without any comes back as it is."""
    if all(char < "\u3000" for char in text):
        return text
    return text.translate(_table())
