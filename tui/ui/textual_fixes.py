"""Faults of Textual 8.2.8 (pinned in pyproject.toml) worked around in one place.

PageUp or PageDown on any OptionList that has no room on screen yet (a drop-down just
opened in a burst of keys, a list in a dialog at 40x10, the lost-wallet list while the
terminal is too small) raised KeyError: `OptionList._move_page` looks up the line of
the highlighted option, and the line table is only filled once the list has a size.
That takes down the whole app. It touches every list, Textual's own included (the
Select drop-down, SelectionList, the command palette), so it is fixed on the class:
with nothing laid out there is no page to move by, and the key does nothing.

The footer builds its keys again whenever the bindings change (at start, and as
each dialog opens and closes). Each key starts compact (FooterKey.compact is True)
and is then bound to the footer's own `compact` (False here): its class changes twice
and the stylesheet is applied to it twice, about a third of drawing the footer. Here
a key bound to its footer's `compact` starts with the footer's value, so nothing
changes when the binding is made (the command palette's key, which is not bound,
stays as it was).

Textual's Content (what Static, Label and the dialogs draw) wraps lines with Rich's
divide_line, which breaks only at spaces: Chinese went to the next line whole. It
wraps with tui/ui/line_breaks.py's instead, which also breaks between Chinese
characters.

A paste of several lines into a one-line field (Input._on_paste) kept only the first
line and dropped the rest without a word: `Line one⏎Line two` pasted into a card's
name saved `Line one`. Here every line is kept, joined by a space, as the sanitiser
keeps a one-line field (tui.base.sanitiser.clean).

A typed key whose character Python calls not printable never reaches a one-line
field (Input._on_key) nor the notes (TextArea._on_key), while a paste of the same
character is kept. That is every space but U+0020 (the ideographic space U+3000 an
input method types in full-width mode: `X　Y` saved `XY`; U+00A0, which option+space
types on a Mac), the joiners U+200D (ZWJ) and U+200C (ZWNJ) (`Fam 👨‍👩‍👧` typed key
by key saved `Fam 👨👩👧`), the marks U+200E and U+200F, a flag's tag characters, a
private-use character, and an emoji newer than Python's Unicode tables. Here a typed
character is written into the field whenever the sanitiser keeps it between two
visible characters (`_written_as_typed`), as for a paste: then a name's spaces become
one ASCII space each on save, and a joiner is kept between two visible characters
and removed anywhere else. Controls, line and paragraph separators and what the
sanitiser removes (bidi overrides, zero-width spaces) are still not written. The
notes' TextArea gets the fix from apply_to_text_area when the card form loads.

An empty field's placeholder wider than the field was cut where the field ends,
mid-word and with nothing to say so (`e.g. Old phone eSIM, 工行 debit car`), or wrapped
with its second line out of sight (`Whose card it is; empty: yours (e.g.`). Here a
placeholder that does not fit is cut at a word with "…" (tui.ui.text_cuts), at
whatever width the field has; the catalogs' placeholders are written to fit whole at
60 columns where they can.

Re-check on a Textual upgrade: `apply()` fails loudly if a method is gone.
"""

from __future__ import annotations

import unicodedata

import textual.content
from rich.text import Text
from textual import events
from textual._context import active_message_pump
from textual.widgets import Footer, Input, OptionList
from textual.widgets._footer import FooterKey

from tui.base.sanitiser import clean
from tui.ui import line_breaks
from tui.ui.text_cuts import cut_to

_original_move_page = OptionList._move_page


def _move_page(self: OptionList, direction) -> None:
    highlighted = self.highlighted or 0
    if not self._lines or highlighted not in self._index_to_line:
        return  # not laid out yet: nothing to page through
    _original_move_page(self, direction)


_original_data_bind = FooterKey.data_bind


def _footer_key_data_bind(self: FooterKey, *args, **kwargs) -> FooterKey:
    footer = active_message_pump.get(None)  # the footer composing this key
    if kwargs.get("compact") is Footer.compact and isinstance(footer, Footer):
        self.set_reactive(FooterKey.compact, footer.compact)  # as the binding will set it
    return _original_data_bind(self, *args, **kwargs)


def _input_paste(self: Input, event: events.Paste) -> None:
    if event.text:
        line = " ".join(part.strip() for part in event.text.splitlines() if part.strip())
        selection = self.selection
        if selection.is_empty:
            self.insert_text_at_cursor(line)
        else:
            self.replace(line, *selection)
    event.stop()


_NEVER_TYPED = frozenset({"Cc", "Cs", "Zl", "Zp"})  # controls, surrogates, line breaks


def _written_as_typed(event: events.Key) -> str | None:
    """The character of a typed key that Textual drops as not printable but a paste
    keeps (see the module's docstring), else None."""
    character = event.character
    if character is None or len(character) != 1 or event.is_printable:
        return None
    if unicodedata.category(character) in _NEVER_TYPED:
        return None
    between = f"a{character}a"
    return character if clean(between).text == between else None


_original_input_key = Input._on_key


async def _input_key(self: Input, event: events.Key) -> None:
    if (character := _written_as_typed(event)) is not None:
        self._restart_blink()
        event.stop()
        selection = self.selection
        if selection.is_empty:
            self.insert_text_at_cursor(character)
        else:
            self.replace(character, *selection)
        event.prevent_default()
        return
    await _original_input_key(self, event)


async def _text_area_key(self, event: events.Key) -> None:
    if not self.read_only and (character := _written_as_typed(event)) is not None:
        self._restart_blink()
        event.stop()
        event.prevent_default()
        start, end = self.selection
        self._replace_via_keyboard(character, start, end)
        return
    await _original_text_area_key(self, event)


_original_text_area_key = None

_original_input_render_line = Input.render_line


def _input_render_line(self: Input, y: int):
    whole = self.placeholder
    if y or self.value or not whole:
        return _original_input_render_line(self, y)
    room = self.scrollable_content_region.width
    shown = cut_to(Text(whole), room, whole_words=0).plain if room > 0 else whole
    if shown == whole:
        return _original_input_render_line(self, y)
    self.set_reactive(Input.placeholder, shown)  # for this line only: nothing is told
    try:
        return _original_input_render_line(self, y)
    finally:
        self.set_reactive(Input.placeholder, whole)


def apply_to_text_area() -> None:
    """The typed-character fix for TextArea (the card form's notes), installed when the
    form's module loads: TextArea is not imported at start-up (idempotent)."""
    global _original_text_area_key
    from textual.widgets import TextArea

    if TextArea._on_key is not _text_area_key:
        if not hasattr(TextArea, "_replace_via_keyboard"):
            raise RuntimeError("Textual's TextArea has no _replace_via_keyboard: re-check")
        _original_text_area_key = TextArea._on_key
        TextArea._on_key = _text_area_key


def apply() -> None:
    """Install the fixes (idempotent)."""
    if OptionList._move_page is not _move_page:
        OptionList._move_page = _move_page
    if FooterKey.data_bind is not _footer_key_data_bind:
        FooterKey.data_bind = _footer_key_data_bind
    if Input._on_paste is not _input_paste:
        if not hasattr(Input, "_on_paste"):
            raise RuntimeError("Textual's Input has no _on_paste: re-check textual_fixes.py")
        Input._on_paste = _input_paste
    if Input.render_line is not _input_render_line:
        Input.render_line = _input_render_line
    if Input._on_key is not _input_key:
        if not hasattr(Input, "_restart_blink"):
            raise RuntimeError("Textual's Input has no _restart_blink: re-check textual_fixes.py")
        Input._on_key = _input_key
    if textual.content.divide_line is not line_breaks.divide_line:
        textual.content.divide_line = line_breaks.divide_line
