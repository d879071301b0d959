"""Escape typed just before another key (fast, or arriving in one read over SSH, or in
two quick packets from the browser) is Escape and that key, whatever the key: a
letter, a digit, punctuation, a space, a Chinese character. Real sequences (arrows,
function keys, a bracketed paste) and Alt on a key that is not printable stay what
they are."""

from __future__ import annotations

import pytest
from textual import events

from tests.test_filter_emptied import _data_with, _start
from tui.ui.terminal_input import EscapeSplittingParser, keys_meant

ESC = "\x1b"


def _keys_read(*reads: str, monkeypatch) -> list[tuple[str, str | None]]:
    """What our parser (then keys_meant) makes of these reads, the input then quiet."""
    import textual._parser

    parser = EscapeSplittingParser()
    read = [event for text in reads for event in parser.feed(text)]
    # the parser waits ESCAPE_DELAY for more of a sequence: that time has passed
    monkeypatch.setattr(textual._parser, "get_time", lambda: float("inf"))
    read += parser.tick()
    meant = [m for event in read for m in keys_meant(event)]
    return [(e.key, e.character) for e in meant if isinstance(e, events.Key)]


@pytest.mark.parametrize(
    ("sent", "second"),
    [
        ("j", ("j", "j")),
        ("J", ("J", "J")),
        ("f", ("f", "f")),  # Textual read ESC f as ctrl+right
        ("b", ("b", "b")),  # and ESC b as ctrl+left
        ("/", ("slash", "/")),  # Textual read `/` alone
        (".", ("full_stop", ".")),
        ("?", ("question_mark", "?")),
        ("1", ("1", "1")),  # Textual read `¡` (macOS Option+1)
        ("0", ("0", "0")),
        ("-", ("minus", "-")),  # Textual read `–`
        ("=", ("equals_sign", "=")),
        (" ", ("space", " ")),
        ("中", ("中", "中")),
        ("O", ("O", "O")),  # alone, ESC O is not a sequence after all
        ("[", ("left_square_bracket", "[")),
    ],
)
def test_escape_then_a_printable_key_in_one_read_is_both_keys(sent, second, monkeypatch):
    assert _keys_read(ESC + sent, monkeypatch=monkeypatch) == [("escape", ESC), second]


def test_escape_then_a_key_in_two_reads_is_both_keys(monkeypatch):
    assert _keys_read(ESC, "/", monkeypatch=monkeypatch) == [("escape", ESC), ("slash", "/")]


@pytest.mark.parametrize(
    ("sent", "keys"),
    [
        ("\x1b[A", [("up", None)]),
        ("\x1bOP", [("f1", None)]),
        ("\x1b[15~", [("f5", None)]),
        ("\x1b\x7f", [("ctrl+w", None)]),  # Alt+Backspace: deletes a word in a field
        ("\x1b\x1b", [("escape", ESC), ("escape", ESC)]),
        ("\x1b[1;3D", [("alt+left", None)]),
        ("\x1b[200~a/b.c 1\x1b[201~", []),  # a paste is a Paste, not keys
    ],
)
def test_sequences_and_alt_on_keys_that_are_not_printable_stay(sent, keys, monkeypatch):
    assert _keys_read(sent, monkeypatch=monkeypatch) == keys


def test_a_kitty_protocol_alt_on_a_printable_key_is_escape_and_the_key():
    meant = keys_meant(events.Key("alt+slash", "/"))
    assert [(e.key, e.character) for e in meant] == [("escape", ESC), ("slash", "/")]
    kept = keys_meant(events.Key("alt+backspace", None))
    assert [(e.key, e.character) for e in kept] == [("alt+backspace", None)]


class _Packets:
    """What textual-serve writes on the app's stdin, as the web driver reads it."""

    def __init__(self, *payloads: bytes) -> None:
        self.data = [b"D" + len(p).to_bytes(4, "big") + p for p in payloads]

    def __iter__(self):
        return iter(self.data)

    def close(self) -> None:
        pass


@pytest.mark.parametrize(
    "payloads",
    [(b"\x1b/",), (b"\x1b", b"/"), (b"\x1b1",)],
    ids=["one packet", "two packets", "a digit"],
)
def test_the_browser_driver_reads_escape_then_a_key_as_both(payloads):
    """textual-serve's page sends what xterm.js's onData gives (the bytes a terminal
    sends), one packet each: the browser driver reads them by the same rule."""
    from tui.ui.web_input import TolerantWebDriver

    driver = object.__new__(TolerantWebDriver)
    driver._debug = False
    driver._input_reader = _Packets(*payloads)
    got: list = []
    driver.process_message = got.append
    driver.run_input_thread()
    keys = [(e.key, e.character) for e in got if isinstance(e, events.Key)]
    assert keys[0] == ("escape", ESC)
    assert keys[1][1] == payloads[-1].decode()[-1]
    assert len(keys) == 2


def test_escape_then_slash_in_one_write_clears_the_filter_and_opens_it_again(tmux, tmp_path):
    # tmux writes `Escape /` at once, as a fast typist over SSH sends them: Textual read
    # ESC / as `/` alone, typed it into the filter and kept the filter
    _start(tmux, tmp_path, _data_with(tmp_path, 5))
    tmux.keys("/")
    tmux.wait_focus("Filter cards")
    tmux.keys("-l", "card 0")
    tmux.wait_for("5 of 5 shown")
    tmux.keys("Escape", "/")
    tmux.wait_focus("Filter cards")  # the placeholder: the filter is open and empty
    screen = tmux.wait_for(" 5 cards ━")  # the list's count (the header says "0/5 cards")
    assert "card 0/" not in screen, screen
