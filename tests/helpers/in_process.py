"""The command line's `main(argv)` run in the test's own process, as `subprocess.run`
would run `cardoff-tui ARGV` with `capture_output=True, text=True`: for the many
variants of a claim whose one real run (a subprocess, as a user runs the command) is
made elsewhere. A start of the interpreter costs ~0.25 s of CPU; this costs what the
command does.

What a run could change in this process is put back afterwards: the environment (and
the time zone read from TZ), the working folder, sys.stdout and sys.stderr (the
command wraps them, tui.cli.terminal_output), argparse's words (tui.cli.argparse_words
puts them back itself) and the language and locale dates are shown in
(tui.base.clock.configure_dates). Not for what only a real process shows: the exit
status a shell sees after the interpreter's own last flush, a closed pipe or stdout,
the locale's encoding, a terminal, signals.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path


def run_main(
    argv: Sequence[str],
    env: Mapping[str, str] | None = None,
    cwd: Path | str | None = None,
    closed_stdout: bool = False,
) -> subprocess.CompletedProcess:
    """`main(argv)` with os.environ set to `env` (None: left as it is) and in `cwd`;
    its status (a SystemExit's too, as argparse ends --help and its mistakes) and what
    it printed, decoded as UTF-8 with universal newlines, as `text=True` decodes. With
    `closed_stdout`, sys.stdout is None, as Python starts when the shell closed it
    (`cardoff-tui due >&-`)."""
    from tui.base import clock
    from tui.cli import main

    saved_env, saved_cwd = dict(os.environ), os.getcwd()
    saved_streams = sys.stdout, sys.stderr
    dates = ("_dates_for", "_display_locale", "_dates_wanted")
    saved_dates = [getattr(clock, name) for name in dates]
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", newline="")
    err = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", newline="")
    try:
        if env is not None:
            os.environ.clear()
            os.environ.update(env)
            time.tzset()
        if cwd is not None:
            os.chdir(cwd)
        sys.stdout, sys.stderr = (None if closed_stdout else out), err
        try:
            status = main(list(argv))
        except SystemExit as done:
            if done.code is None or isinstance(done.code, int):
                status = done.code or 0
            else:  # sys.exit("words"): Python prints them and exits with 1
                print(done.code, file=err)
                status = 1
        out.flush()
        err.flush()
    finally:
        if closed_stdout and sys.stdout is not None:  # the null device main opened
            getattr(sys.stdout, "stream", sys.stdout).close()
        sys.stdout, sys.stderr = saved_streams
        os.chdir(saved_cwd)
        if env is not None:
            os.environ.clear()
            os.environ.update(saved_env)
            time.tzset()
        for name, value in zip(dates, saved_dates, strict=True):
            setattr(clock, name, value)
    return subprocess.CompletedProcess(
        list(argv), status, _as_text(out.buffer), _as_text(err.buffer)
    )


def _as_text(buffer: io.BytesIO) -> str:
    """The bytes written, as `text=True` reads a child's output: "\\r\\n" and "\\r" are
    "\\n" (a CSV export's rows)."""
    return io.TextIOWrapper(io.BytesIO(buffer.getvalue()), encoding="utf-8").read()
