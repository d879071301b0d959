"""How a session of the app ends: `q`, SIGTERM, or SIGHUP (an SSH connection dropping).

- The app runs on an asyncio loop of its own whose default executor makes daemon
  threads (tui/base/background.py). Textual runs its thread workers there, so a worker
  stuck in a keyring call that never answers cannot hold the exit up: after the app
  has ended, work under way gets GRACE_SECONDS to finish (a save completes), and the
  rest is left behind. (`asyncio.run`, which Textual uses otherwise, waits for every
  executor thread without a limit.)
- SIGTERM and SIGHUP are handled on that loop, between two messages, never in the
  middle of a write: the card form's unsaved fields are kept as a draft
  (tui/domain/drafts.py), then the app exits the way `q` does, so Textual leaves the
  alternate screen, turns mouse tracking off, shows the cursor and puts the terminal
  back in cooked mode with echo. The exit status is 128 + the signal's number (143,
  129), as a shell reports a process ended by it.
- When SIGHUP comes because the terminal is gone (the SSH connection dropped: the tty
  is hung up and answers every request with EIO), standard input, output and error
  are pointed at /dev/null first, so restoring a terminal that no longer exists
  neither fails nor blocks.
- Whatever happens, a process told to end is gone FORCE_EXIT_SECONDS later.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import termios
import threading

from textual.app import App

from tui.base.background import DaemonExecutor

SIGNALS = (signal.SIGTERM, signal.SIGHUP)
GRACE_SECONDS = 1.5  # for work under way when the app ends (a save, a store write)
FORCE_EXIT_SECONDS = 10.0  # after a signal: the longest the process may take to end


def terminal_gone(fd: int = 0) -> bool:
    """The controlling terminal was hung up (or `fd` is no terminal at all)."""
    try:
        termios.tcgetattr(fd)
    except (termios.error, OSError):
        return True
    return False


def detach_from_terminal() -> None:
    """Point file descriptors 0, 1 and 2 at /dev/null."""
    null = os.open(os.devnull, os.O_RDWR)
    try:
        for fd in (0, 1, 2):
            os.dup2(null, fd)
    finally:
        os.close(null)


class SessionEnd:
    """The signal handler's side: which signal ended the session, and what it kept.

    An app with a `keep_form_draft(signal_name) -> str` method (CardoffApp) is asked to
    keep its open form first; what it returns is printed on stderr at the end."""

    def __init__(self, app: App) -> None:
        self.app = app
        self.signum: int | None = None
        self.message = ""  # said on stderr once the terminal is restored

    @property
    def return_code(self) -> int | None:
        return None if self.signum is None else 128 + self.signum

    def signalled(self, signum: int) -> None:
        if self.signum is not None:
            return  # already ending
        self.signum = signum
        code = 128 + signum
        watchdog = threading.Timer(FORCE_EXIT_SECONDS, os._exit, (code,))
        watchdog.daemon = True
        watchdog.start()
        if signum == signal.SIGHUP and terminal_gone():
            detach_from_terminal()
        self.end_app(signum)

    def end_app(self, signum: int) -> None:
        """What the signal does to the app, on its loop between two messages: its open
        form kept, then it exits as `q` does, with 128 + the signal's number."""
        keep = getattr(self.app, "keep_form_draft", None)
        if keep is not None:
            self.message = keep(signal.Signals(signum).name)
        self.app.exit(return_code=128 + signum)


def run_session(app: App, mouse: bool = True) -> int:
    """Run the app until it ends; returns the exit status (the app's return code, or
    128 + the signal's number when SIGTERM or SIGHUP ended it)."""
    loop = asyncio.new_event_loop()
    background = DaemonExecutor("cardoff-worker")
    loop.set_default_executor(background)
    ending = SessionEnd(app)
    for signum in SIGNALS:
        loop.add_signal_handler(signum, ending.signalled, signum)
    asyncio.set_event_loop(loop)
    try:
        app.run(mouse=mouse, loop=loop)
    finally:
        for signum in SIGNALS:
            loop.remove_signal_handler(signum)
        background.join(GRACE_SECONDS)
        _close(loop)
    if ending.message:
        print(ending.message, file=sys.stderr, flush=True)
    if ending.return_code is not None:
        return ending.return_code
    return app.return_code or 0


def _close(loop: asyncio.AbstractEventLoop) -> None:
    """Close the loop as asyncio.run does, except for waiting on its executor."""
    try:
        tasks = asyncio.all_tasks(loop)
        for task in tasks:
            task.cancel()
        if tasks:
            loop.run_until_complete(asyncio.wait(tasks, timeout=GRACE_SECONDS))
        loop.run_until_complete(loop.shutdown_asyncgens())
    finally:
        asyncio.set_event_loop(None)
        loop.close()
