"""Glyphs for the Linux console (TERM=linux), in one table.

The console draws from a font of at most 512 glyphs. The fonts Debian's console-setup
installs (Lat15-Fixed16, its default for Latin UTF-8 locales; Lat2-Terminus16;
Uni2-Fixed16) hold the box-drawing lines, `█ ░ ▒ ■ ▲ ▼ • … ← →`, but none of the
eighth blocks Textual draws scroll bars, button edges and the footer's separator with
(`▁▂▃▄▅▆▇ ▉▊▋▌▍▎▏ ▔▀ ▐▕`), nor `⚠`, `☎` or `≡` (Lat2-Terminus16 lacks it): the console shows
a diamond or a blank for each. tests/test_linux_console.py reads those fonts and every
screen of the app under TERM=linux.

With TERM=linux (or linux-*), text_guard's line filter draws every line through
`CONSOLE_GLYPHS`: each such glyph becomes one the fonts hold, of the same width, so the
layout does not move. The choice is per glyph, whatever drew it: the app (the warning
sign, the header's icon) or Textual (scroll bars, `tall` button edges, the footer's
`vkey` separator, the checkbox's `▐X▌`, which reads `[X]`).
"""

from __future__ import annotations

import os
from collections.abc import Mapping

_REPLACEMENTS = {
    # A `tall` button's edges (▊ ▔ ▁ ▎ around its label) drawn as its colour alone: on
    # the console a flat button of one line reads better than half blocks made of lines.
    "▔": " ", "▁": " ", "▊": " ", "▎": " ",
    # scroll bar ends, eighths of a cell: rounded to an empty or a full cell
    "▂": " ", "▃": " ", "▍": " ", "▏": "│",
    "▄": "█", "▅": "█", "▆": "█", "▇": "█", "▀": "█", "▉": "█", "▋": "█",
    "▕": "│",  # the right side of a `vkey` border; its left side ▏ is the footer's separator
    "▐": "[", "▌": "]",  # a checkbox is drawn ▐X▌
    "▓": "▒",
    "⚠": "!",  # warnings: unverified numbers, a step's warnings
    "≡": "=",  # the header's icon
    "☎": "#",  # before a hotline number in the steps pane
    "✓": "v", "✔": "v", "✗": "x", "✘": "x",
    "🔎": "> ",  # the command palette's search icon (two cells)
    "⏎": "←",  # the Enter key in a dialog's key bar: the nearest arrow the fonts hold
}
CONSOLE_GLYPHS = str.maketrans(_REPLACEMENTS)


def linux_console(environ: Mapping[str, str] = os.environ) -> bool:
    """TERM names the Linux console: `linux` or one of its variants (`linux-16color`)."""
    term = environ.get("TERM", "")
    return term == "linux" or term.startswith("linux-")


def for_console(text: str) -> str:
    """`text` with each glyph the console fonts lack replaced by as many cells."""
    return text.translate(CONSOLE_GLYPHS)
