"""Hostile text in the app: what is typed or pasted loses its control characters at once,
and nothing the app draws sends one to the terminal.

- `keep_clean` runs on every change of a text field (the app calls it for each Input,
  the card form for its notes): tui.base.sanitiser.clean removes control characters, bidi
  overrides and stray zero-width characters, and the user is told how many went and
  from which field. Passphrase fields are left alone: they are never shown or stored,
  and changing one would change the passphrase. A bracketed paste arrives cleaned
  already (bracketed_paste.py) with the count of what went, which `SaysWhatPastesLost`
  hands to the field it lands in: the same message, as for the text typed.
- `LINE_FILTER` runs on every line Textual draws. Rich and Textual pass ESC through (a
  label holding `ESC ] 52 ; c ; … BEL`, from a data file written before this cleaning
  or from the user's own content, set the terminal's clipboard on every repaint); the
  filter drops every control character and bidi override from the drawn text. They
  take no cell, so the layout is unchanged.
- The same filter makes the terminal give each character the cells Rich gave it. Rich
  counts an emoji sequence as one character: `⚠️` (with U+FE0F, emoji presentation) 2
  cells, `👨‍👩‍👧` (joined by U+200D) 2, `👍🏽` (skin tone) 2. tmux 3.3a counts 1, 2 and 4,
  and other terminals differ again, so a border after such a label moved or doubled.
  `terminal_cells` draws each such sequence as its first character, padded with spaces
  to Rich's count (`⚠ `, `👨`, `👍`): every terminal counts that alike, and the layout
  Rich made holds. Only what is drawn changes; what is stored keeps the sequence.
- On the Linux console (TERM=linux) it also draws the glyphs the console's fonts lack
  as ones they hold (tui/ui/console_glyphs.py).
"""

from __future__ import annotations

import re
import sys
from typing import TYPE_CHECKING

from rich.cells import get_character_cell_size, split_graphemes
from rich.segment import Segment
from textual import events
from textual.color import Color
from textual.filter import LineFilter
from textual.widget import Widget
from textual.widgets import Input

from tui.base.sanitiser import JOINERS, NOT_IN_A_LINE, Cleaned, clean, joinable
from tui.ui.console_glyphs import for_console, linux_console

if TYPE_CHECKING:
    from textual.widgets import TextArea  # loaded with the card form, not at start-up


# What makes a terminal count a character's cells unlike Rich: the emoji presentation
# selector, the zero-width joiner, skin-tone modifiers, the keycap mark, tag characters
# (subdivision flags). Measured in tmux 3.3a (tests/test_wide_characters.py).
WIDTH_TRAPS = re.compile("[\ufe0f\u200d\u20e3\U0001f3fb-\U0001f3ff\U000e0020-\U000e007f]")


def terminal_cells(text: str) -> str:
    """`text` with each grapheme that holds a WIDTH_TRAPS character drawn as its first
    character, padded with spaces to the cells Rich counts for the whole grapheme
    (`⚠️` -> `⚠ `, `👨‍👩‍👧` -> `👨`, a lone skin tone -> nothing). Keeps Rich's
    cell_len of `text`, so the layout stays; terminals count the result as Rich does."""
    if not WIDTH_TRAPS.search(text):
        return text
    spans, _ = split_graphemes(text)
    drawn = []
    for start, end, cells in spans:
        grapheme = text[start:end]
        if not WIDTH_TRAPS.search(grapheme):
            drawn.append(grapheme)
            continue
        first = grapheme[0]
        width = get_character_cell_size(first)
        if WIDTH_TRAPS.match(first) or width > cells:
            first, width = "", 0
        drawn.append(first + " " * (cells - width))
    return "".join(drawn)


class TerminalTextFilter(LineFilter):
    """Drops control characters and bidi overrides from the text of drawn segments, and
    draws emoji sequences so the terminal counts them as Rich did (`terminal_cells`);
    on the Linux console, draws each glyph its fonts lack as one they hold
    (console_glyphs.py). Segments that are terminal controls of Textual's own are left
    as they are."""

    def __init__(self, console: bool) -> None:
        super().__init__()
        self.console = console

    def drawable(self, text: str) -> str:
        text = terminal_cells(NOT_IN_A_LINE.sub("", text))
        return for_console(text) if self.console else text

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        if not self.console and not any(
            NOT_IN_A_LINE.search(s.text) or WIDTH_TRAPS.search(s.text)
            for s in segments
            if not s.control
        ):
            return segments
        drawable = self.drawable
        return [s if s.control else Segment(drawable(s.text), s.style, s.control) for s in segments]


# one instance: Textual caches filtered lines by filter
LINE_FILTER = TerminalTextFilter(console=linux_console())


def is_text_field(widget: Widget | None) -> bool:
    """Whether `widget` is a field the user types text into: an Input, or a TextArea
    (the card form's notes). TextArea is not imported for this: while its module is
    not loaded, no widget can be one."""
    if isinstance(widget, Input):
        return True
    text_area = sys.modules.get("textual.widgets._text_area")
    return text_area is not None and isinstance(widget, text_area.TextArea)


def field_name(widget: Widget, t) -> str:
    """The label of the form row a field sits in, or a generic name."""
    row = widget.parent
    if row is not None:
        for label in row.query_children(".form-label"):
            return str(label.render())
    return t("text.this_field")


def _typing_a_joiner(text: str) -> bool:
    """Whether `text` (what stands before the cursor) ends in a joiner (ZWJ, ZWNJ) typed
    after a visible character: the character it joins to is yet to be typed, so the
    joiner is not stray yet (tui.base.sanitiser keeps one between two visible ones)."""
    return len(text) >= 2 and text[-1] in JOINERS and joinable(text[-2])


def _cleaned_around(before: str, cursor: int, multiline: bool) -> tuple[Cleaned, str]:
    """`before` cleaned, and the cleaned text before the cursor; a joiner just typed at
    the cursor after a visible character is kept where it is."""
    head, tail = before[:cursor], before[cursor:]
    if _typing_a_joiner(head):
        kept = clean(head[:-1], multiline)
        rest = clean(tail, multiline)
        cleaned = Cleaned(kept.text + head[-1] + rest.text, kept.removed + rest.removed)
        return cleaned, kept.text + head[-1]
    cleaned = clean(before, multiline)
    return cleaned, clean(head, multiline).text


def keep_clean(widget: Input | TextArea, t) -> str | None:
    """Clean what `widget` holds (notes keep their line breaks), keeping the cursor
    where it was in the text; returns the message to show when characters were
    removed, else None. A joiner just typed after a visible character stays until
    the next key says what it joins (saved, a stray one is removed then)."""
    pasted = widget.__dict__.pop(_PASTED, 0)  # removed from a paste before it came
    if isinstance(widget, Input):
        if widget.password:
            return None
        before, cursor = widget.value, widget.cursor_position
        cleaned, head = _cleaned_around(before, cursor, multiline=False)
        if cleaned.text != before:
            widget.value = cleaned.text
            widget.cursor_position = min(len(head), len(cleaned.text))
    else:  # the notes' TextArea
        before = widget.text
        prefix = widget.document.get_text_range((0, 0), widget.cursor_location)
        cleaned, kept = _cleaned_around(before, len(prefix), multiline=True)
        if cleaned.text != before:
            widget.text = cleaned.text
            widget.move_cursor((kept.count("\n"), len(kept) - kept.rfind("\n") - 1))
    removed = cleaned.removed + pasted
    if not removed:
        return None
    return t("text.removed", count=removed, field=field_name(widget, t))


def show_removed(app, widget: Input | TextArea) -> None:
    """`keep_clean`, then its message where the user looks: a screen that shows notes
    of its own (the card form, under its fields) gets it, else the status line."""
    message = keep_clean(widget, app.t)
    if message is None:
        return
    _show(app, widget, message)


def _show(app, widget: Input | TextArea, message: str) -> None:
    show_note = getattr(widget.screen, "show_note", None)
    if show_note is not None:
        show_note(message)
    else:
        app.notify(message, severity="warning")


_PASTED = "_removed_by_paste"  # on a field: what its coming paste lost on the way in


class SaysWhatPastesLost:
    """For the app (before Textual's App in the class order): a bracketed paste that
    lost characters on its way in (bracketed_paste.py cleans it before any widget sees
    it) is said by the text field it lands in, as typing the same text would be: the
    count goes with the field until its change is cleaned (`keep_clean`), or is said
    at once when the paste brings nothing to change (it held control characters only,
    or the field refused it: Textual's max_length drops a whole insert that goes past)."""

    async def on_event(self, event: events.Event) -> None:
        removed = getattr(event, "removed", 0)
        if removed and isinstance(event, events.Paste) and not event.is_forwarded:
            field = self.focused
            if is_text_field(field) and not getattr(field, "password", False):
                if event.text:
                    setattr(field, _PASTED, getattr(field, _PASTED, 0) + removed)
                    await super().on_event(event)  # the paste goes to the field's queue
                    field.call_later(self._said_if_refused, field, _text_of(field))
                    return
                self._say_removed(field, removed)
        await super().on_event(event)

    def _said_if_refused(self, field: Input | TextArea, before: str) -> None:
        """After the field took the paste: when it changed nothing (a full field
        refused it), the count is said now rather than joining the field's next change."""
        if _text_of(field) == before and (removed := field.__dict__.pop(_PASTED, 0)):
            self._say_removed(field, removed)

    def _say_removed(self, field: Input | TextArea, removed: int) -> None:
        _show(self, field, self.t("text.removed", count=removed, field=field_name(field, self.t)))


def _text_of(field: Input | TextArea) -> str:
    return field.value if isinstance(field, Input) else field.text
