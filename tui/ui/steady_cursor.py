"""Text cursors that do not blink: every Input and TextArea, Textual's own included
(the command palette's search), shows a steady cursor.

A blinking cursor repaints twice a second for as long as the field has the focus:
over SSH that is a stream of bytes (about 300 B/s with the filter open, 1.6 KB/s on
the hotline screen) and a wake-up of the app while the user only reads.
tests/test_idle_bytes.py counts the bytes an idle screen sends.

Textual 8.2.8 (pinned in pyproject.toml) has no app-wide setting: the default of the
`cursor_blink` reactive is changed on the class, which every subclass shares (a
subclass keeps a reference to the same reactive). `apply()` fails loudly if a
Textual upgrade changes that.
"""

from __future__ import annotations

from textual.reactive import Reactive
from textual.widgets import Input, TextArea


def apply() -> None:
    """Make `cursor_blink` default to False on Input and TextArea (idempotent; a field
    may still set it to True itself)."""
    for widget in (Input, TextArea):
        blink = vars(widget).get("cursor_blink")
        if not isinstance(blink, Reactive) or not hasattr(blink, "_default"):
            raise RuntimeError(f"{widget.__name__}.cursor_blink is no longer a reactive")
        blink._default = False
        widget._default_cursor_blink = False  # what Reactive.__set_name__ records
