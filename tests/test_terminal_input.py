"""Input that is not UTF-8 (issue 13): a GBK terminal, X10 mouse reports past column
95, and every other kind of invalid byte never stops the app nor loses an open form; the
user is asked once to switch the terminal to UTF-8."""

from __future__ import annotations

import hashlib
import inspect
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from textual.drivers.linux_driver import LinuxDriver
from textual.drivers.web_driver import WebDriver

from tui.storage.store import DB_FILENAME, Store
from tui.ui.terminal_input import TerminalInputDecoder

GBK_ICBC = bytes.fromhex("b9a4d0d0")  # 工行, typed in a terminal set to GBK
X10_PAST_95 = bytes.fromhex("1b5b4d23a030")  # ESC [ M, button 3, column 128, row 16
HINT = "Your terminal sent text that is not UTF-8"
ROOT = Path(__file__).resolve().parent.parent


def decoded(*reads: bytes) -> tuple[str, list[bytes]]:
    """What the decoder makes of these reads, the input then going quiet; and what it
    reported as not UTF-8."""
    invalid: list[bytes] = []
    decoder = TerminalInputDecoder(invalid.append)
    text = "".join(decoder.decode(data) for data in reads) + decoder.flush()
    return text, invalid


@pytest.mark.parametrize(
    ("name", "data", "text"),
    [
        ("GBK 工行", GBK_ICBC, "\ufffd" * 4),
        ("a lone continuation byte", b"a\x80b", "a\ufffdb"),
        ("an overlong slash", b"\xc0\xafz", "\ufffd\ufffdz"),
        ("an overlong NUL, three bytes", b"\xe0\x80\x80", "\ufffd" * 3),
        ("a UTF-16 surrogate", b"\xed\xa0\x80!", "\ufffd" * 3 + "!"),
        ("past U+10FFFF", b"\xf4\x90\x80\x80", "\ufffd" * 4),
        ("bytes never in UTF-8", b"\xf5\xfe\xff", "\ufffd" * 3),
        ("Latin-1 é", b"caf\xe9!", "caf\ufffd!"),
        ("cut short at the end", "工".encode()[:2], "\ufffd"),
    ],
)
def test_what_is_not_utf8_becomes_a_replacement_character(name, data, text):
    got, invalid = decoded(data)
    assert got == text, name
    assert invalid, f"{name}: not reported"


def test_a_character_split_between_reads_is_whole():
    data = "工行 ok €".encode()
    for cut in range(1, len(data)):
        assert decoded(data[:cut], data[cut:]) == ("工行 ok €", [])


def test_a_cut_character_waits_for_the_next_read_until_the_input_is_quiet():
    decoder = TerminalInputDecoder()
    assert decoder.decode("工".encode()[:2]) == ""  # not yet
    assert decoder.decode("工".encode()[2:]) == "工"
    assert decoder.decode(b"\xe5") == ""
    assert decoder.flush() == "\ufffd"  # quiet: it will not be completed
    assert decoder.decode(b"x") == "x"


@pytest.mark.parametrize(
    "report",
    [X10_PAST_95, b"\x1b[M\xc3\xa9\x21", b"\x1b[M\x20\xff\xff", b"\x1b[M\x23\x21\x21"],
    ids=["column 128", "bytes that read as é", "column and row 223", "column 1"],
)
def test_an_x10_mouse_report_keeps_its_three_bytes_and_the_next_key(report):
    """Each of the report's bytes is one character, so Textual's parser (which takes the
    three after ESC [ M) never takes the key after it; a report is not the terminal's
    encoding, so it is not reported."""
    expected = "\x1b[M" + report[3:].decode("latin-1") + "x"
    assert decoded(report + b"x") == (expected, [])
    for cut in range(1, len(report) + 1):  # however the reads cut it, past the ESC
        if report[:cut] != b"\x1b":
            assert decoded(report[:cut], report[cut:] + b"x") == (expected, []), cut


@given(st.lists(st.binary(max_size=12), max_size=8))
def test_any_bytes_in_any_reads_decode_as_a_whole_would(reads):
    """Never raises; how the reads cut the input changes nothing (ESC, which is never
    held back, aside); UTF-8 reads as UTF-8."""
    reads = [data.replace(b"\x1b", b"") for data in reads]
    whole = b"".join(reads)
    text, invalid = decoded(*reads)
    assert text == whole.decode("utf-8", "replace")
    try:
        whole.decode("utf-8")
    except UnicodeDecodeError:
        assert invalid
    else:
        assert not invalid


# Textual's input loops, as ours copy them: when Textual changes one, read the new one,
# carry what changed into tui/ui/terminal_input.py or web_input.py (or drop ours if
# Textual now replaces bytes that are not UTF-8, issue 6456), then update the hash.
TEXTUAL_INPUT_LOOPS = {
    LinuxDriver: "d796af6d69db337d6fa6bd463984f7d17188d991dbb22f60efb92a8a9619507c",
    WebDriver: "3864aaf4ca91174934d9bf5c5bcc85ba8c2b26d904a78fbcf50509b8f4db1065",
}


@pytest.mark.parametrize("driver", list(TEXTUAL_INPUT_LOOPS), ids=lambda d: d.__name__)
def test_our_input_loop_is_textuals_with_our_decoder(driver):
    source = inspect.getsource(driver.run_input_thread)
    digest = hashlib.sha256(source.encode()).hexdigest()
    assert digest == TEXTUAL_INPUT_LOOPS[driver], (
        f"Textual's {driver.__name__}.run_input_thread changed: compare it with ours"
    )


def test_gbk_bytes_and_x10_mouse_reports_in_tmux_keep_the_form(tmux, tmp_path):
    """In a real terminal, the card form open with a name typed: GBK bytes and a mouse
    report past column 95 arrive. The app goes on, the name is kept with � for what
    could not be read, the hint shows once, and the card saves."""
    data, config = tmp_path / "data", tmp_path / "config"
    tmux.env.pop("DBUS_SESSION_BUS_ADDRESS", None)  # no keyring: no identifier rows
    tmux.start([sys.executable, "-m", "tui", "--data-dir", str(data), "--config-dir",
                str(config)])
    tmux.wait_for("identifiers: off (no keyring)")  # the lookup has answered
    tmux.keys("a")
    tmux.wait_for("Use an encrypted file")
    tmux.keys("n")
    tmux.wait_focus("Name")
    tmux.keys("Bank", literal=True)
    tmux.wait_typed("Bank")
    tmux.keys("-H", *GBK_ICBC.hex(" ").split())
    screen = tmux.wait_for(HINT)  # under the form's fields
    tmux.wait_typed("Bank����")
    tmux.keys("-H", *X10_PAST_95.hex(" ").split())
    tmux.keys("X", literal=True)
    screen = tmux.wait_typed("Bank����X")  # the report took nothing typed after it
    assert "Add a card" in screen
    tmux.keys("C-s")
    tmux.wait_for("Added Bank����X.")
    tmux.keys("-H", *GBK_ICBC.hex(" ").split())  # again, on the main screen
    tmux.keys("t")
    screen = tmux.wait_for("Log · all cards")  # the key after the bytes was read
    assert HINT not in screen  # told once
    assert "Added Bank����X." in screen
    tmux.keys("q")
    tmux.wait_gone()
    store = Store.open(data / DB_FILENAME)
    assert [card.label for card in store.cards()] == ["Bank����X"]
    store.close()


def _packet(kind: bytes, payload: bytes) -> bytes:
    return kind + len(payload).to_bytes(4, "big") + payload


def test_the_browser_driver_reads_invalid_bytes_and_goes_on(tmp_path):
    """`serve` runs the app with Textual's web driver, fed by textual-serve in packets on
    stdin. Bytes that are not UTF-8 in one must leave the app reading the next: here the
    `q` that quits it."""
    env = {k: v for k, v in os.environ.items() if k not in ("TMUX", "DBUS_SESSION_BUS_ADDRESS")}
    env.update(TEXTUAL_DRIVER="textual.drivers.web_driver:WebDriver", COLUMNS="80", ROWS="24",
               PYTHONPATH=str(ROOT))
    out = tmp_path / "out"
    with out.open("wb") as sink:
        app = subprocess.Popen(
            [sys.executable, "-m", "tui", "--data-dir", str(tmp_path / "data"), "--config-dir",
             str(tmp_path / "config")],
            stdin=subprocess.PIPE, stdout=sink, stderr=subprocess.STDOUT, env=env,
        )
        try:
            deadline = time.monotonic() + 90
            while b"No cards yet" not in out.read_bytes():  # the first frame is out
                assert app.poll() is None, out.read_bytes()[-2000:]
                assert time.monotonic() < deadline, "no first frame within 90 s"
                time.sleep(0.1)
            app.stdin.write(_packet(b"D", GBK_ICBC) + _packet(b"D", X10_PAST_95))
            app.stdin.write(_packet(b"D", b"q"))
            app.stdin.flush()
            assert app.wait(timeout=90) == 0
        finally:
            app.kill()
            app.wait()


def test_the_damaged_file_screen_reads_invalid_bytes_too(tmux, tmp_path):
    """The screen shown instead of the app when the data file cannot be used is an app of
    its own: the same bytes leave it answering, and its choice still works."""
    data = tmp_path / "data"
    data.mkdir()
    (data / DB_FILENAME).write_text("{oops")
    tmux.start([sys.executable, "-m", "tui", "--data-dir", str(data), "--config-dir",
                str(tmp_path / "config")])
    tmux.run("set-option", "-t", "app", "remain-on-exit", "on")
    tmux.wait_for("Your data file cannot be used")
    tmux.keys("-H", *GBK_ICBC.hex(" ").split())
    tmux.keys("-H", *X10_PAST_95.hex(" ").split())
    tmux.wait_for("Your terminal sent")  # the hint
    tmux.keys("q")
    tmux.wait_until(
        "the app to quit",
        lambda dead: dead,
        lambda: tmux.run("display-message", "-p", "-t", "app", "#{pane_dead}").stdout.strip()
        == "1",
    )
    after = tmux.run("capture-pane", "-p", "-J", "-S", "-", "-t", "app").stdout
    assert "unexpected error" not in after  # it quit by choice, as `q` says
    assert (data / DB_FILENAME).read_text() == "{oops"


@pytest.mark.parametrize(
    ("sent", "keys"),
    [
        ("\x1bj", [("escape", "\x1b"), ("j", "j")]),
        ("\x1bJ", [("escape", "\x1b"), ("J", "J")]),
        ("\x1b[A", [("up", None)]),
        ("j", [("j", "j")]),
    ],
)
def test_escape_then_a_letter_in_one_read_is_both_keys(sent, keys, monkeypatch):
    import textual._parser
    from textual import events
    from textual._xterm_parser import XTermParser

    from tui.ui.terminal_input import keys_meant

    parser = XTermParser()
    events_read = list(parser.feed(sent))
    # the parser waits ESCAPE_DELAY for more of a sequence: that time has passed
    monkeypatch.setattr(textual._parser, "get_time", lambda: float("inf"))
    events_read += parser.tick()
    read = [m for event in events_read for m in keys_meant(event)]
    assert [(e.key, e.character) for e in read if isinstance(e, events.Key)] == keys
