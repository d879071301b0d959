"""Bytes from the terminal become text, whatever the terminal sends.

Textual 8.2.8's drivers decode terminal input as strict UTF-8 (Textual issue 6456, open):
one byte that is not UTF-8 ends their input thread, and the app with it, losing an open
form. Two common ways such bytes arrive:

- a terminal set to another encoding: in Xshell, SecureCRT or PuTTY set to GBK, 工行
  arrives as `b9 a4 d0 d0`;
- a terminal that ignores the SGR mouse mode Textual asks for sends X10 mouse reports,
  `ESC [ M` and three bytes of 32 + a value: past column 95 a byte is 0x80 or more
  (`1b 5b 4d 23 a0 30`).

`TerminalInputDecoder` decodes as Textual does (UTF-8, a character cut at the end of a
read waits for the next read), except that:

- what is not UTF-8 (a stray continuation byte, an overlong form, a surrogate, the bytes
  c0, c1 and f5-ff, a character cut short) becomes U+FFFD, one for each maximal invalid
  part (Python's "replace"), and `on_invalid` is told;
- a character still cut short when the input goes quiet (`flush`, after 0.1 s without a
  byte) becomes U+FFFD then, rather than waiting for the next key;
- an X10 mouse report keeps its three bytes as three characters (`chr(byte)`), so a
  report is never read as UTF-8 and never takes the key after it (Textual's parser takes
  the three characters after `ESC [ M` and ignores the report).

`TolerantLinuxDriver` and `TolerantWebDriver` (web_input.py, what `serve` runs) are
Textual's drivers with that decoder; `driver_class` picks the one Textual would have
picked. Their `run_input_thread` is Textual 8.2.8's with the decoder swapped in:
tests/test_terminal_input.py fails when Textual's changes, so an upgrade looks again.
Invalid bytes outside mouse reports post `NotUtf8` to the app, which asks the user
once to switch the terminal to UTF-8 (terminal_quirks.py). `ESC [` at the end of a
read waits for the next read too, in case a mouse report was cut there; a lone ESC
never waits (it is the Escape key).
"""

from __future__ import annotations

import codecs
import os
import selectors
import signal
import threading
from collections.abc import Callable

from textual import constants, events
from textual._loop import loop_last
from textual._parser import ParseError
from textual._xterm_parser import XTermParser
from textual.driver import Driver
from textual.drivers.linux_driver import LinuxDriver
from textual.message import Message

X10_MOUSE = b"\x1b[M"  # then three bytes: button, column and row, each + 32
WEB_DRIVER = "textual.drivers.web_driver:WebDriver"  # what textual-serve asks for
QUIET_SECONDS = 0.1  # Textual's select timeout: no byte for this long is "quiet"
ESC = "\x1b"
SEQUENCE_STARTS = "[O"  # ESC [ (CSI) and ESC O (SS3): Textual reads what follows


class TerminalInputDecoder:
    """Terminal bytes -> str, never raising. `decode(data, final)` returns the text of
    what can be decoded so far; `flush()` the rest, once the input is quiet.
    `on_invalid(data)` is called (in the caller's thread) with the bytes of a read that
    held something not UTF-8, outside mouse reports."""

    def __init__(self, on_invalid: Callable[[bytes], None] | None = None) -> None:
        self._pending = b""
        self._on_invalid = on_invalid

    def decode(self, data: bytes, final: bool = False) -> str:
        data, self._pending = self._pending + data, b""
        parts: list[str] = []
        start = 0
        while (mouse := data.find(X10_MOUSE, start)) >= 0:
            parts.append(self._utf8(data[start:mouse], final=True))  # an ESC ends a character
            report = data[mouse + len(X10_MOUSE) : mouse + len(X10_MOUSE) + 3]
            if len(report) < 3 and not final:
                self._pending = data[mouse:]  # the rest of the report comes with the next read
                return "".join(parts)
            parts.append(X10_MOUSE.decode("ascii") + report.decode("latin-1"))
            start = mouse + len(X10_MOUSE) + len(report)
        rest = data[start:]
        if not final and rest.endswith(b"\x1b["):  # perhaps a mouse report cut in two
            rest, self._pending = rest[:-2], b"\x1b["
        parts.append(self._utf8(rest, final))
        return "".join(parts)

    def flush(self) -> str:
        """What is still held back (a character or a mouse report cut short), decoded."""
        return self.decode(b"", final=True) if self._pending else ""

    def _utf8(self, data: bytes, final: bool) -> str:
        try:
            text, used = codecs.utf_8_decode(data, "strict", final)
        except UnicodeDecodeError:
            text, used = codecs.utf_8_decode(data, "replace", final)
            if self._on_invalid is not None:
                self._on_invalid(data)
        self._pending = data[used:] + self._pending
        return text


class NotUtf8(Message):
    """The terminal sent bytes that are not UTF-8 (outside mouse reports): they were read
    as U+FFFD. Posted from the input thread; `data` is what that read held."""

    def __init__(self, data: bytes) -> None:
        super().__init__()
        self.data = data


class TolerantLinuxDriver(LinuxDriver):
    """Textual's terminal driver, reading input with TerminalInputDecoder."""

    def run_input_thread(self) -> None:
        """Textual 8.2.8's LinuxDriver.run_input_thread with the decoder swapped in, a
        quiet input flushing a character cut short, and a hung-up terminal ending the
        session (end_as_hung_up) where Textual's read end-of-file again and again."""
        selector = selectors.SelectSelector()
        selector.register(self.fileno, selectors.EVENT_READ)
        fileno = self.fileno
        parser = EscapeSplittingParser(self._debug)
        decoder = TerminalInputDecoder(lambda data: self.process_message(NotUtf8(data)))

        def feed(text: str) -> None:
            if not text:
                return  # the parser reads an empty feed as the end of input
            for event in parser.feed(text):
                for meant in keys_meant(event):
                    self.process_message(meant)

        def process_selector_events(selector_events, final: bool = False) -> None:
            for last, (_selector_key, mask) in loop_last(selector_events):
                if mask & selectors.EVENT_READ:
                    data = read_terminal(fileno)
                    if not data:
                        hung_up.set()
                        return
                    text = decoder.decode(data, final=final and last)
                    if not text:
                        break  # only part of a character came
                    feed(text)
            if not selector_events:
                feed(decoder.flush())
            for event in parser.tick():
                for meant in keys_meant(event):
                    self.process_message(meant)

        hung_up = threading.Event()
        try:
            while not self.exit_event.is_set() and not hung_up.is_set():
                process_selector_events(selector.select(QUIET_SECONDS))
            if hung_up.is_set():
                end_as_hung_up()  # nothing more can be typed: read no further
                return
            selector.unregister(self.fileno)
            process_selector_events(selector.select(QUIET_SECONDS), final=True)
        finally:
            selector.close()
            try:
                for _event in parser.feed(""):
                    pass
            except (EOFError, ParseError):
                pass


def read_terminal(fd: int) -> bytes:
    """Up to 4 KiB of what the terminal `fd` sent; b"" once it has hung up (a hung-up
    terminal reads as end-of-file, or fails with EIO)."""
    try:
        return os.read(fd, 4096)
    except OSError:
        return b""


def end_as_hung_up() -> None:
    """The terminal hung up and this process was not told. The kernel sends SIGHUP to
    the terminal's controlling process, and passing it on is up to that process: a
    login shell does, but `make run` or a `sh -c` in front of the app does not. Without
    this the app read end-of-file forever on a busy CPU, long after its window had
    closed. SIGHUP to itself ends it as a dropped connection does (session_end.py: the
    form kept as a draft, exit status 129)."""
    os.kill(os.getpid(), signal.SIGHUP)


class EscapeSplittingParser(XTermParser):
    """Textual's parser, reading Escape typed just before a character as both keys.

    A terminal sends Alt+x as `ESC x`: the same bytes as Escape and then x typed fast,
    or arriving in one read over SSH (or in two packets in quick succession from the
    browser). Textual 8.2.8 read them as something else, and the Escape was lost:
    `ESC j` as alt+j (a printable key: in the filter `Escape j` typed `j` and the
    filter stayed open), `ESC /` or `ESC .` as `/` or `.` alone, `ESC 1` as `¡` and
    `ESC -` as `–` (macOS Option characters), `ESC f` and `ESC b` as ctrl+right and
    ctrl+left. The app binds no Alt chord on a printable character, so here an ESC
    followed by any printable character (letter, digit, punctuation, space, 中) is
    Escape and that character, at once (no wait for ESCDELAY).

    Left as Textual reads them: ESC `[` and ESC `O` (they begin the sequences of the
    arrows, function keys, mouse reports and bracketed paste), ESC ESC, and ESC followed
    by a control character (Alt+Backspace, `ESC DEL`, deletes a word in a text field;
    `ESC Tab` is shift+tab). A bracketed paste is never split (the parser does not look
    for keys inside one, and gets no ESC from inside one: bracketed_paste.py). Alt+x
    typed with the kitty keyboard protocol arrives as a
    sequence of its own, which is left as Textual reads it, then split by `keys_meant`.
    """

    def parse(self, token_callback):
        """Textual's parse, with a bracketed paste kept whole and its text cleaned
        (bracketed_paste.py)."""
        from tui.ui.bracketed_paste import cleaned_pastes, without_escapes_in_pastes

        return without_escapes_in_pastes(super().parse(cleaned_pastes(token_callback)))

    def _sequence_to_key_events(self, sequence: str, alt: bool = False):
        # the parser asks with the ESC and what follows it as it reads them, and, when
        # a sequence it waited for never completed, with each character after an ESC
        # and alt=True
        if alt and len(sequence) == 1 and sequence.isprintable():
            yield events.Key("escape", ESC)
            yield from super()._sequence_to_key_events(sequence)
            return
        if len(sequence) == 2 and sequence[0] == ESC and _splits(sequence[1]):
            yield events.Key("escape", ESC)
            yield from super()._sequence_to_key_events(sequence[1])
            return
        yield from super()._sequence_to_key_events(sequence, alt)


def _splits(character: str) -> bool:
    """Whether ESC then `character`, read together, is Escape and `character`."""
    return character.isprintable() and character not in SEQUENCE_STARTS


def keys_meant(event: Message) -> tuple[Message, ...]:
    """An Alt key on a printable character (`alt+j`, `alt+slash`, as the kitty keyboard
    protocol reports them) as Escape and that key: the app binds no Alt key on a
    printable character, and what the user meant is the same as `ESC j` read by
    EscapeSplittingParser. Alt on a key that is not printable (alt+backspace deletes a
    word) and any other event are themselves."""
    if not isinstance(event, events.Key) or not event.key.startswith("alt+"):
        return (event,)
    character = event.character
    if character is None or len(character) != 1 or not character.isprintable():
        return (event,)
    name = event.key.removeprefix("alt+")
    if name.startswith("shift+") and len(name) == 7:
        name = name[-1].upper()
    return events.Key("escape", ESC), events.Key(name, character)


def driver_class(default: type[Driver]) -> type[Driver]:
    """The driver to run: ours where Textual would run its Linux or web driver, else
    `default` (Textual's choice: Windows, or a TEXTUAL_DRIVER of someone else's)."""
    if constants.DRIVER == WEB_DRIVER:
        from tui.ui.web_input import TolerantWebDriver  # only `serve` runs it

        return TolerantWebDriver
    if constants.DRIVER is None and default is LinuxDriver:
        return TolerantLinuxDriver
    return default
