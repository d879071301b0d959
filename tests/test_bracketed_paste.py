"""A paste holding an ESC arrives whole, as text without control characters, and no
character of it is read as a key (tui/ui/bracketed_paste.py).

Textual's parser read an ESC inside a bracketed paste as the start of a sequence: the
paste stopped there and what followed was reissued as key presses (`Me ESC jtro` typed
`Me^jtro` into the filter key by key; over a list those are the list's keys)."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pyte
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from textual import events

from tui.base.sanitiser import clean
from tui.ui.terminal_input import EscapeSplittingParser

ROOT = Path(__file__).resolve().parent.parent
START, END = "\x1b[200~", "\x1b[201~"


def _read(*reads: str) -> list[tuple[str, str]]:
    parser = EscapeSplittingParser()
    read = [event for data in reads for event in parser.feed(data)]
    return [
        ("paste", event.text) if isinstance(event, events.Paste) else ("key", event.key)
        for event in read if isinstance(event, events.Paste | events.Key)
    ]


@pytest.mark.parametrize(
    ("pasted", "text"),
    [
        ("Me\x1bjtro", "Mejtro"),  # ESC and a letter: was `^` and the letter, as keys
        ("Old\x1b[31m phone", "Old phone"),  # a colour sequence goes whole
        ("REF\x1b[31m123\x1b[0m\x1b]0;pwn\x07X", "REF123X"),  # colours and a title
        ("A\x1b]52;c;UFdORUQ=\x07B", "AB"),  # the clipboard's sequence
        ("A\x1b]0;pwn\x1b\\B", "AB"),  # a title ended by ST (ESC \\)
        ("a\x1b\rb", "a\nb"),  # ESC and CR: was Escape and Enter
        ("tab\there\x07\x1b", "tab\there"),  # BEL goes; an ESC at the end goes
        ("x\x1b[201", "x[201"),  # most of the paste's end, not all of it
        ("\x1b\x1b\x1bq", "q"),
        ("工行\x1b借记卡", "工行借记卡"),
    ],
)
def test_a_paste_with_an_escape_is_one_paste_of_clean_text(pasted, text):
    whole = START + pasted + END + "jq"
    expected = [("paste", text), ("key", "j"), ("key", "q")]
    assert _read(whole) == expected
    assert _read(*whole) == expected  # a character a read
    for cut in range(1, len(whole)):  # two reads, cut anywhere
        assert _read(whole[:cut], whole[cut:]) == expected, cut


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(st.sampled_from("ab中 m;\\\x1b[]~0123456789\x00\x07\t\n\r\x7f\x9b")),
    cuts=st.lists(st.integers(min_value=0, max_value=60), max_size=4),
)
def test_any_paste_arrives_cleaned_in_any_reads(text, cuts):
    if END in text:  # the terminal never sends its own end marker inside a paste
        return
    whole = START + text + END + "j"
    reads, last = [], 0
    for cut in sorted(set(cuts)):
        reads.append(whole[last:cut])
        last = max(last, cut)
    reads.append(whole[last:])
    read = _read(*(part for part in reads if part))
    assert read[-1] == ("key", "j")
    pasted = "".join(text for kind, text in read[:-1] if kind == "paste")
    assert [kind for kind, _ in read[:-1]] == ["paste"]
    assert pasted == clean(text.replace("\x00", ""), multiline=True).text


def test_keys_outside_a_paste_are_read_as_before():
    assert _read("j\x1bk") == [("key", "j"), ("key", "escape"), ("key", "k")]
    assert _read("\x1b[A") == [("key", "up")]


def _paste(tmux, text: str) -> None:
    """`text` pasted as a terminal pastes it: between the bracketed-paste markers."""
    tmux.run("set-buffer", "-b", "pasted", text)
    tmux.run("paste-buffer", "-p", "-b", "pasted", "-t", "app")


@pytest.mark.slow
def test_in_tmux_a_paste_with_an_escape_reaches_the_filter_and_the_form_as_text(
    tmux, tmp_path
):
    data, config = tmp_path / "data", tmp_path / "config"
    tmux.env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    tmux.start([sys.executable, "-m", "tui", "--demo", "--data-dir", str(data),
                "--config-dir", str(config)])
    tmux.wait_for("┏━ Cards")
    tmux.keys("/")
    tmux.wait_for("Filter cards")
    _paste(tmux, "Zq\x1bxy\x1b[Ad")  # before: `Zq^xy^[Ad` typed key by key; ESC[A goes whole
    tmux.keys("w", literal=True)  # typed after the paste
    tmux.wait_for("No card matches “Zqxydw”")
    tmux.keys("Escape")
    tmux.wait_without("No card matches")
    tmux.keys("a")
    tmux.wait_focus("e.g. Old eSIM")
    _paste(tmux, "Old\x1b[31m\x1b\x13 phone")  # ctrl+s after an ESC: it saved the form
    tmux.keys(" eSIM", literal=True)
    screen = tmux.wait_typed("Old phone eSIM")  # the colour sequence went whole
    assert "Add a card" in screen  # still open: the ctrl+s was no key


def _packet(kind: bytes, payload: bytes) -> bytes:
    return kind + len(payload).to_bytes(4, "big") + payload


def _screen(output: bytes) -> list[str]:
    """The app's output packets (`D`, length, data, after the web driver's greeting
    line) replayed into an 80x24 terminal."""
    screen = pyte.Screen(80, 24)
    stream = pyte.Stream(screen)
    greeting = b"__GANGLION__\n"
    at = output.find(greeting) + len(greeting) if greeting in output else 0
    while at + 5 <= len(output):
        size = int.from_bytes(output[at + 1 : at + 5], "big")
        if at + 5 + size > len(output):
            break
        if output[at : at + 1] == b"D":
            stream.feed(output[at + 5 : at + 5 + size].decode("utf-8", "replace"))
        at += 5 + size
    return screen.display


@pytest.mark.slow
def test_in_the_browser_driver_a_paste_with_an_escape_reaches_the_filter_as_text(tmp_path):
    """`serve` runs the app with Textual's web driver, fed by textual-serve in packets
    on stdin: xterm.js sends a paste between the same markers."""
    env = {k: v for k, v in os.environ.items() if k not in ("TMUX", "DBUS_SESSION_BUS_ADDRESS")}
    env.update(TEXTUAL_DRIVER="textual.drivers.web_driver:WebDriver", COLUMNS="80", ROWS="24",
               PYTHONPATH=str(ROOT))
    out = tmp_path / "out"

    def wait_for(text: str) -> None:
        deadline = time.monotonic() + 90
        while not any(text in line for line in _screen(out.read_bytes())):
            assert app.poll() is None, out.read_bytes()[-2000:]
            assert time.monotonic() < deadline, f"no {text!r} within 90 s"
            time.sleep(0.1)

    with out.open("wb") as sink:
        app = subprocess_app(tmp_path, env, sink)
        try:
            wait_for("Cards")
            app.stdin.write(_packet(b"D", b"/"))
            app.stdin.flush()
            wait_for("Filter cards")
            pasted = (START + "Zq\x1bxy\x1b[Ad" + END).encode()
            app.stdin.write(_packet(b"D", pasted) + _packet(b"D", b"w"))
            app.stdin.flush()
            wait_for("No card matches “Zqxydw”")
            app.stdin.write(_packet(b"D", b"\x11"))  # ctrl+q
            app.stdin.flush()
            assert app.wait(timeout=90) == 0
        finally:
            app.kill()
            app.wait()


def subprocess_app(tmp_path, env, sink):
    import subprocess

    return subprocess.Popen(
        [sys.executable, "-m", "tui", "--demo", "--data-dir", str(tmp_path / "data"),
         "--config-dir", str(tmp_path / "config")],
        stdin=subprocess.PIPE, stdout=sink, stderr=subprocess.STDOUT, env=env,
    )


async def test_a_real_paste_says_what_it_removed(make_app):
    """A bracketed paste reaches the field cleaned (the parser cleans it), and the
    form still says what went, as for the same text typed: "Removed 3 control
    characters from Name."."""
    from tests.helpers.pilot import wait_until
    from tui.ui.card_form import CardForm

    [paste] = [
        event
        for event in EscapeSplittingParser().feed(START + "Old\x1b SIM\x07\u202e" + END)
        if isinstance(event, events.Paste)
    ]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(app.screen, CardForm), "the card form")
        form = app.screen
        label = form.query_one("#label")
        await wait_until(pilot, lambda: app.focused is label, "the name field focused")
        app.post_message(paste)
        note = form.query_one("#form-error")
        said = "Removed 3 control characters from Name."
        await wait_until(pilot, lambda: said in str(note.render()), "the note under the form")
        assert label.value == "Old SIM"


async def test_a_real_paste_of_control_characters_only_is_said_too(make_app):
    """Nothing is left to put in the field, and the user is still told."""
    from tests.helpers.pilot import wait_until
    from tui.ui.status_line import StatusLine

    [paste] = [
        event
        for event in EscapeSplittingParser().feed(START + "\x1b[31m\x07" + END)
        if isinstance(event, events.Paste)
    ]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash")
        box = app.query_one("#filter")
        await wait_until(pilot, lambda: app.focused is box, "the filter focused")
        app.post_message(paste)
        status = app.query_one(StatusLine)
        await wait_until(pilot, lambda: "Removed 2" in status.message, "the status line")
        assert box.value == ""


async def test_a_refused_paste_is_said_once_and_not_again_at_the_next_key(make_app):
    """A field that refuses a paste (Textual's max_length drops an insert that goes
    past it) changes nothing: what the paste lost is said then, and the next key typed
    into the field, which removes nothing, says nothing."""
    from tests.helpers.pilot import wait_until
    from tui.ui.card_form import CardForm

    [paste] = [
        event
        for event in EscapeSplittingParser().feed(START + "A long name\x07 past it" + END)
        if isinstance(event, events.Paste)
    ]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(app.screen, CardForm), "the card form")
        form = app.screen
        label = form.query_one("#label")
        await wait_until(pilot, lambda: app.focused is label, "the name field focused")
        label.max_length = 8
        app.post_message(paste)
        note = form.query_one("#form-error")
        said = "Removed 1 control character from Name."
        await wait_until(pilot, lambda: said in str(note.render()), "the note under the form")
        assert label.value == ""
        form.show_note("")
        await pilot.press("x")
        await wait_until(pilot, lambda: label.value == "x", "the key typed")
        await pilot.pause()
        assert "Removed" not in str(note.render())
