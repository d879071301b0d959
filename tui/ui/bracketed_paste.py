"""A bracketed paste arrives whole, as one Paste of text without control characters,
whatever it holds (used by terminal_input.EscapeSplittingParser, so by the terminal
and by `serve`).

A terminal in bracketed-paste mode sends a paste between `ESC [200~` and `ESC [201~`.
Textual 8.2.8's parser (XTermParser.parse) reads an ESC inside a paste as the start of
a sequence, and the characters after it go into that sequence, not into the paste:
when the paste ends, its text stops at the ESC, and what followed it up to the next
ESC (or 32 characters) is reissued as key presses, the ESC itself as `^`. Pasting
`Me ESC jtro` into the filter typed `Me^jtro` key by key; pasted where the focus is on
a list, those characters were the list's keys (`d` deletes, `q` quits), and a line
feed after an ESC was Enter.

Here the characters of a paste reach Textual's parser without any ESC but the one that
ends the paste (each other ESC goes through as a stand-in, U+FDD0, a noncharacter that
no text holds), so it keeps the whole paste as text; and the Paste it makes carries
the text, its ESCs back in place, as `sanitiser.clean` leaves it (multi-line: line
feeds and tabs stay, every other control character goes, as the fields would remove
them on saving). So a paste is cleaned exactly as the same text typed or imported: a
whole terminal sequence goes with its ESC (`ESC [31m`, a title's `ESC ]0;… BEL`), and
an ESC that starts none goes alone. Keys typed after the paste are read as keys, as
before. The Paste says how many characters cleaning removed (`removed`, 0 when none),
so the field it lands in says so as it does for the same text typed
(text_guard.SaysWhatPastesLost).
"""

from __future__ import annotations

from collections.abc import Callable, Generator

from textual import events
from textual._parser import ParseError, Read1
from textual._xterm_parser import BRACKETED_PASTE_END, BRACKETED_PASTE_START
from textual.message import Message

from tui.base.sanitiser import clean

ESC = "\x1b"
STAND_IN = "\ufdd0"  # an ESC inside a paste, on its way through Textual's parser


def cleaned_pastes(token_callback: Callable[[Message], None]) -> Callable[[Message], None]:
    """`token_callback` with each Paste's text, its ESCs back in place of their stand-ins,
    cleaned as `sanitiser.clean` does for multi-line text; other tokens as they are."""

    def on_token(token: Message) -> None:
        if isinstance(token, events.Paste):
            text = token.text.replace(STAND_IN, ESC)
            cleaned = clean(text, multiline=True)
            token = events.Paste(cleaned.text)
            token.removed = cleaned.removed  # said by the field it lands in (text_guard)
        token_callback(token)

    return on_token


def without_escapes_in_pastes(
    parse: Generator[Read1, str, None],
) -> Generator[Read1, str, None]:
    """A parser's generator (Textual's Parser.parse: it yields what it waits for, a
    Read1, and is sent one character at a time; timeouts and the end of input are
    thrown into it) that never sees an ESC inside a bracketed paste but the one that
    ends it. Within a paste an ESC is held, with what follows it, while they may be the
    paste's end; once they cannot be, the ESC is handed on as STAND_IN and the rest as
    text. (XTermParser reads no Peek1.)"""
    awaiting = next(parse)
    seen = ""  # the last characters handed on outside a paste: its start is spotted here
    held = ""  # inside a paste: an ESC and what came after it, while they may end it
    pasting = False
    while True:
        try:
            character = yield (Read1() if held else awaiting)
        except ParseError as error:  # a timeout (after an ESC) or the end of input
            seen = ""
            try:
                awaiting = parse.throw(error)
            except StopIteration:
                return
            continue
        if not pasting:
            handed = character
        elif held or character == ESC:
            held += character
            if BRACKETED_PASTE_END.startswith(held) and held != BRACKETED_PASTE_END:
                continue
            if held == BRACKETED_PASTE_END:
                handed, held, pasting = held, "", False
            else:  # not the end: the ESC's stand-in, and what came after it, are text
                handed, held = STAND_IN + held[1:], ""
                if handed.endswith(ESC):  # which may begin the end
                    handed, held = handed[:-1], ESC
        else:
            handed = character
        for char in handed:
            try:
                awaiting = parse.send(char)
            except StopIteration:
                return
            if not pasting:
                seen = (seen + char)[-len(BRACKETED_PASTE_START):]
                if seen == BRACKETED_PASTE_START:
                    pasting, seen = True, ""
