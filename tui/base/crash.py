"""Crash reports: what cardoff-tui writes when it meets an error it did not expect.

Textual's crash screen prints the local variables of every frame, and any traceback
prints the error's message: both can hold what the user typed (a card number, an
ICCID, a PIN, the passphrase). So no traceback is ever printed. One handler (the app's,
tui/ui/crash_handling.py, or the command line's, `main` in tui/cli/__init__.py) writes a short
report to a private file and prints one line saying where it is. A report holds:

- the program, Python and platform versions, and the time;
- each error of the chain (causes first, as Python prints them): its type, its message
  passed through `redact`, and the frames it went through (file, line number, function
  and that line of source code), never the values of variables.

No Textual and no Rich here: the command line reports errors from before the app is
loaded, and a crash handler that imports the world is one more place to crash.
"""

from __future__ import annotations

import os
import platform
import sys
import traceback
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from tui import __version__
from tui.base.paths import APP_NAME
from tui.base.redact import REDACTED, redact

KEEP_REPORTS = 10  # the newest reports kept; older ones are deleted as new ones come


@dataclass(frozen=True)
class Frame:
    """One frame of a traceback: `lineno` None when unknown; `line` the source code."""

    filename: str
    lineno: int | None
    name: str
    line: str = ""


@dataclass(frozen=True)
class Failure:
    """One error of a chain. `message` is the error's own words, not yet redacted;
    `frames` run from the outermost call to where it was raised; `led_to` says how it
    relates to the next Failure of the list: "cause" (raise ... from), "context"
    (raised while handling it) or "" (the last one)."""

    type_name: str
    message: str
    frames: tuple[Frame, ...] = ()
    led_to: str = ""


def root_error(error: BaseException) -> BaseException:
    """The error a report is about: a failed Textual worker (WorkerFailed, known by its
    name, so no Textual import) carries the worker's own error as `.error`."""
    wrapped = getattr(error, "error", None)
    if type(error).__name__ == "WorkerFailed" and isinstance(wrapped, BaseException):
        return wrapped
    return error


def failures_of(error: BaseException) -> list[Failure]:
    """The chain of `error` (its causes and contexts first, itself last), without the
    values of any variable."""
    error = root_error(error)
    chain: list[tuple[BaseException, str]] = []
    seen: set[int] = set()
    current: BaseException | None = error
    led_to = ""
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        chain.append((current, led_to))
        if current.__cause__ is not None:
            current, led_to = current.__cause__, "cause"
        elif current.__context__ is not None and not current.__suppress_context__:
            current, led_to = current.__context__, "context"
        else:
            current = None
    return [_failure(exc, led_to) for exc, led_to in reversed(chain)]


def _failure(error: BaseException, led_to: str) -> Failure:
    frames = tuple(
        Frame(f.filename, f.lineno, f.name, (f.line or "").strip())
        for f in traceback.extract_tb(error.__traceback__)
    )
    try:
        message = str(error)
    except Exception:  # an error whose __str__ fails: its type still says something
        message = "(its message could not be read)"
    return Failure(_type_name(type(error)), message, frames, led_to)


def _type_name(kind: type) -> str:
    if kind.__module__ in ("builtins", "__main__"):
        return kind.__qualname__
    return f"{kind.__module__}.{kind.__qualname__}"


_LINKS = {
    "cause": "The error above was the direct cause of the error below.",
    "context": "While handling the error above, the error below happened.",
}


def report_text(failures: list[Failure], known: Iterable[str] = (), where: str = "") -> str:
    """The whole report as plain text; `where` says what was running (e.g. "the app",
    "cardoff-tui export"). Only the messages are redacted (see `redact`); file names,
    function names and source lines are the program's own."""
    known = list(known)
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%SZ")
    lines = [
        f"cardoff-tui {__version__} crash report, written {now}",
        f"Python {platform.python_version()} on {platform.platform()}",
        *([f"While running: {where}"] if where else []),
        "",
        "What this file holds: each error's type, its message with anything that looks",
        f"like an identifier replaced by {REDACTED}, and the lines of code it went through;",
        "never the values of variables. Read it before you share it.",
        "",
    ]
    for failure in failures:
        lines.append("Traceback (most recent call last):")
        for frame in failure.frames:
            number = "?" if frame.lineno is None else frame.lineno
            lines.append(f'  File "{frame.filename}", line {number}, in {frame.name}')
            if frame.line:
                lines.append(f"    {frame.line}")
        message = redact(failure.message, known)
        lines.append(f"{failure.type_name}: {message}" if message else failure.type_name)
        if failure.led_to:
            lines += ["", _LINKS.get(failure.led_to, ""), ""]
    return "\n".join(lines) + "\n"


def report_dir() -> Path:
    """Where reports go: the user log dir of platformdirs ($XDG_STATE_HOME/cardoff-tui/log,
    by default ~/.local/state/cardoff-tui/log, on Linux)."""
    import platformdirs

    return platformdirs.user_log_path(APP_NAME)


def write_report(text: str, folder: Path | None = None) -> Path:
    """Write `text` to a new file crash-<UTC time>-<pid>.txt in `folder` (default
    report_dir()), which is created mode 0700; the file is mode 0600 whatever the
    umask. Keeps the newest KEEP_REPORTS reports. Returns the file's path; raises
    OSError when it cannot be written."""
    folder = report_dir() if folder is None else folder
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(folder, 0o700)  # an existing folder too; the mode given to mkdir meets the umask
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    path = folder / f"crash-{stamp}-{os.getpid()}.txt"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8", errors="replace") as handle:
        os.fchmod(handle.fileno(), 0o600)  # the mode given to open met the umask too
        handle.write(text)
    _prune(folder)
    return path


def _prune(folder: Path) -> None:
    reports = sorted(folder.glob("crash-*.txt"), key=lambda p: p.name, reverse=True)
    for old in reports[KEEP_REPORTS:]:
        old.unlink(missing_ok=True)


@dataclass(frozen=True)
class Reported:
    """What `report` did: `path` of the report, or None with `problem` saying why
    none could be written (the system's words); `error` the type name of the error."""

    error: str
    path: Path | None
    problem: str = ""


def report(
    failures: list[Failure],
    known: Iterable[str] = (),
    where: str = "",
    folder: Path | None = None,
) -> Reported:
    """Write a report of `failures` (see report_text and write_report). Raises nothing:
    it runs while something has already gone wrong."""
    error = failures[-1].type_name if failures else "unknown error"
    known = list(known)
    try:
        text = report_text(failures, known, where)
        return Reported(error, write_report(text, folder))
    except Exception as exc:  # a handler must not fail in turn
        return Reported(error, None, redact(f"{type(exc).__name__}: {exc}", known))


def command_line_message(reported: Reported) -> str:
    """The line the command line prints on stderr (English, as all its messages)."""
    head = (
        f"cardoff-tui: stopped on an unexpected error ({reported.error}); "
        "what was saved before is kept."
    )
    if reported.path is None:
        return f"{head} No report could be written ({reported.problem})."
    return f"{head} A report without your identifiers is in {reported.path}"


def report_and_say(error: BaseException, where: str) -> int:
    """The command line's handler: report `error`, print where on stderr, and return
    the exit status (70, EX_SOFTWARE)."""
    reported = report(failures_of(error), where=where)
    print(command_line_message(reported), file=sys.stderr)
    return 70
