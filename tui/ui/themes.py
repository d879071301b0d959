"""How the app draws with few colours or none (NO_COLOR, TERM=screen, the Linux
console)."""

from __future__ import annotations

import io
import os

NO_COLOR_THEME = "cardoff-no-color"


def no_color_theme():
    """ansi-dark, with the cursor row underlined: under NO_COLOR, Textual drops the
    cursor's colours and only bold was left, as on the table's header row (reverse
    video would not survive in lists: Textual turns it into swapped colours)."""
    from dataclasses import replace

    from textual.theme import BUILTIN_THEMES

    base = BUILTIN_THEMES["ansi-dark"]
    variables = dict(base.variables)
    variables.update({
        "block-cursor-text-style": "bold underline",
        "block-cursor-blurred-text-style": "underline",
    })
    return replace(base, name=NO_COLOR_THEME, variables=variables)


def few_colours() -> bool:
    """16 colours or fewer (TERM=screen, the Linux console), or NO_COLOR set.

    Then the app draws with the terminal's own palette, which the user has made
    readable; Textual's own colours squeezed into 16 gave e.g. red on grey. Under
    NO_COLOR this also means no colour at all rather than Textual's greys.
    """
    if "NO_COLOR" in os.environ:
        return True
    from rich.console import Console

    wanted = os.environ.get("TEXTUAL_COLOR_SYSTEM", "auto")  # textual-serve sets truecolor
    depth = Console(color_system=wanted, force_terminal=True, file=io.StringIO()).color_system
    return depth in (None, "standard", "windows")
