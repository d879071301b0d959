"""What the one-shot commands (due, export, hotline, doctor, restore, validate, import)
print reaches a terminal with its control characters neutralised.

Their text comes from data files (older ones may hold anything), the user's YAML and
the command line; `guard_output` routes sys.stdout and sys.stderr through
tui.sanitiser.for_terminal, so no print can send an escape sequence (OSC 52 to the
clipboard, a title change, a screen clear). Bytes written to `sys.stdout.buffer`
(exports) bypass it: tui.export makes those safe itself.
"""

from __future__ import annotations

import sys
from typing import TextIO

from tui.sanitiser import for_terminal


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
