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

TextArea (only the card form has one) is not imported for this at start-up: it and
the editor modules under it cost ~5 ms and ~0.5 MiB. Textual loads its widgets
lazily, through `textual.widgets.__getattr__`; until TextArea is loaded, that hook is
wrapped so the class is made steady the moment it is first taken from
`textual.widgets` (as every module of ours and Textual's own takes it).
"""

from __future__ import annotations

import sys

from textual.reactive import Reactive
from textual.widgets import Input

TEXT_AREA_MODULE = "textual.widgets._text_area"


def apply() -> None:
    """Make `cursor_blink` default to False on Input and TextArea (idempotent; a field
    may still set it to True itself): on TextArea now if it is loaded, else when it is
    first taken from `textual.widgets`."""
    _steady(Input)
    loaded = sys.modules.get(TEXT_AREA_MODULE)
    if loaded is not None and hasattr(loaded, "TextArea"):
        _steady(loaded.TextArea)
    else:
        _steady_text_area_when_loaded()


def _steady(widget: type) -> None:
    blink = vars(widget).get("cursor_blink")
    if not isinstance(blink, Reactive) or not hasattr(blink, "_default"):
        raise RuntimeError(f"{widget.__name__}.cursor_blink is no longer a reactive")
    blink._default = False
    widget._default_cursor_blink = False  # what Reactive.__set_name__ records


def _steady_text_area_when_loaded() -> None:
    import textual.widgets as widgets

    lazy = widgets.__getattr__
    if getattr(lazy, "steadies_text_area", False):
        return  # wrapped already

    def __getattr__(name: str):
        found = lazy(name)
        if name == "TextArea":
            _steady(found)
        return found

    __getattr__.steadies_text_area = True
    widgets.__getattr__ = __getattr__
