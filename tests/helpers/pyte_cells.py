"""What a pyte terminal shows, cell by cell, for comparing two terminals' screens."""

from __future__ import annotations

import pyte


def cells(screen: pyte.Screen) -> list[list[tuple]]:
    """Each row's cells as (character, colours, bold, italics, underline, strike,
    reverse): two screens read the same when these are equal."""
    return [
        [
            (c.data, c.fg, c.bg, c.bold, c.italics, c.underscore, c.strikethrough, c.reverse)
            for c in (screen.buffer[y][x] for x in range(screen.columns))
        ]
        for y in range(screen.lines)
    ]
