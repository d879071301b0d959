"""What the one-shot commands (due, export, hotline, doctor, restore, validate, import)
print reaches a terminal with its control characters neutralised, in any locale, and
a reader that stops early (`| head -1`) ends them quietly.

Their text comes from data files (older ones may hold anything), the user's YAML and
the command line; `guard_output` routes sys.stdout and sys.stderr through
tui.base.sanitiser.for_terminal, so no print can send an escape sequence (OSC 52 to the
clipboard, a title change, a screen clear). Bytes written to `sys.stdout.buffer`
(exports) bypass it: tui.domain.export makes those safe itself.
"""

from __future__ import annotations

import codecs
import os
import sys
from typing import TextIO

from tui.base.sanitiser import for_terminal


class SafeStream:
    """A text stream that writes through for_terminal (which keeps the length, so
    write() returns what the caller expects); everything else is the stream's own."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        return self.stream.write(for_terminal(text))

    def writelines(self, lines) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str):
        return getattr(self.stream, name)


def guard_output() -> None:
    """From now on, in this process, sys.stdout and sys.stderr neutralise control
    characters (calling it again changes nothing). Not for the app, whose terminal
    Textual drives, nor for `serve`, whose log output may carry colours."""
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if stream is not None and not isinstance(stream, SafeStream):
            setattr(sys, name, SafeStream(stream))


# What a command exits with when its reader went away (`cardoff-tui due | head -1`):
# 128 + SIGPIPE, the status a shell reports for cat, grep or yes in the same pipe.
CLOSED_PIPE_EXIT = 141


def prepare_streams() -> None:
    """Make printing unable to fail on a character: sys.stdout and sys.stderr replace
    what their encoding cannot hold with '?' (an emoji under zh_CN.GBK, 工行 under
    en_US.ISO-8859-1, a lone surrogate anywhere) instead of raising UnicodeEncodeError
    halfway through a list. A UTF-8 terminal gets the same bytes as before for all
    text it can show. A stream the shell closed (`cardoff-tui import f.csv >&-`: Python
    then has None) is pointed at the null device, so the command still does its work
    and its output goes nowhere. Called once, first thing, by the command line."""
    if sys.stdout is None:
        sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 (for the run)
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
    for stream in (sys.stdout, sys.stderr):
        if stream is not None and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")


def _is_utf8(stream: TextIO) -> bool:
    try:
        return codecs.lookup(stream.encoding or "ascii").name == "utf-8"
    except LookupError:
        return False


def write_bytes(data: bytes) -> None:
    """Write an export (UTF-8 bytes) to stdout. Redirected to a file or a pipe it stays
    byte for byte what `-o FILE` writes; shown on a terminal whose locale is not UTF-8
    (GBK, Latin-1) it is re-encoded for that terminal, replacing what it cannot show,
    so 工行 reads as 工行 rather than as mojibake (a BOM, meant for Excel, is left out)."""
    stream = sys.stdout
    if stream.isatty() and not _is_utf8(stream):
        data = data.decode("utf-8-sig").encode(stream.encoding, errors="replace")
    stream.flush()
    stream.buffer.write(data)


def end_on_closed_pipe() -> int:
    """After a BrokenPipeError: point stdout and stderr at /dev/null, so the final
    flush of what is still buffered cannot fail again (Python would print 'Exception
    ignored' and exit 120), and return CLOSED_PIPE_EXIT. Nothing is printed: the
    reader has gone, as with any Unix tool in a pipe."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    for stream in (sys.__stdout__, sys.__stderr__):
        if stream is not None:
            os.dup2(devnull, stream.fileno())
    os.close(devnull)
    return CLOSED_PIPE_EXIT


def print_json(doc: object) -> None:
    """Print `doc` as JSON for scripts (UTF-8 text, indented by 2, one document
    ending in a newline), with what a terminal would run written as \\u escapes
    (tui.base.sanitiser.json_for_terminal): the same document, safe to print."""
    import json

    from tui.base.sanitiser import json_for_terminal

    print(json_for_terminal(json.dumps(doc, ensure_ascii=False, indent=2)))
