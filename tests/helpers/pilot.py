"""What Pilot tests need besides Pilot: waiting for a state (never for a length of
time), and timers the test moves forward by hand."""

from __future__ import annotations

import asyncio
import inspect
import itertools
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from types import UnionType

from textual.message_pump import MessagePump
from textual.pilot import Pilot
from textual.worker import WorkerFailed

# Real seconds before a wait gives up. Only a hang gets there: a busy machine is slow,
# not this slow.
LIMIT_SECONDS = 60.0


async def wait_until(
    pilot: Pilot, condition: Callable[[], object], what: str, limit: float = LIMIT_SECONDS
) -> None:
    """Let the app run (`pilot.pause()`, no delay) until `condition()` is true.

    `what` says what is awaited. Raises AssertionError naming it if the app stops, or
    if `limit` real seconds pass first.
    """
    deadline = time.monotonic() + limit
    while not condition():
        if not pilot.app.is_running:
            raise AssertionError(f"the app stopped while waiting for {what}")
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up after {limit:g} s waiting for {what}")
        await pilot.pause()


async def wait_shown(pilot: Pilot, screen_type: type | UnionType, what: str) -> None:
    """Let the app run until the screen on top is a `screen_type` and its Mount has been
    handled, as a user sees it: keys pressed between its push and its Mount count as
    typed before it showed (a question sets them aside for what comes after it,
    type_ahead.py). Raises AssertionError naming `what` as `wait_until` does."""
    app = pilot.app
    await wait_until(
        pilot, lambda: isinstance(app.screen, screen_type) and app.screen.is_mounted, what
    )


async def settle(pilot: Pilot, limit: float = LIMIT_SECONDS) -> None:
    """Let the workers running now (saving, keyring and vault calls, the palette's search)
    finish and what they send back reach the screen.

    Raises AssertionError naming the workers still running after `limit` real seconds.
    """
    workers = pilot.app.workers
    try:
        # a worker whose screen closed before it returned counts as cancelled (the card
        # form's save dismisses the form from inside its worker): that is done, not an
        # error; a worker that failed is
        ended = await asyncio.wait_for(
            asyncio.gather(*(worker.wait() for worker in workers), return_exceptions=True),
            limit,
        )
    except TimeoutError:
        running = [worker.name for worker in workers if worker.is_running]
        raise AssertionError(f"workers still running after {limit:g} s: {running}") from None
    for outcome in ended:
        if isinstance(outcome, WorkerFailed):
            raise outcome
    await pilot.pause()
    # a new row of keys for the key bar shows once its keys are mounted (steady_footer)
    from tui.ui.steady_footer import SteadyFooter

    footers = list(pilot.app.screen.query(SteadyFooter))
    for _ in range(50):
        if not any(footer.row_coming for footer in footers):
            break
        await pilot.pause()
    else:
        return
    if footers and _ > 0:
        await pilot.pause()  # the row shown reaches the screen


async def resize_to(pilot: Pilot, size: tuple[int, int]) -> None:
    """Resize the running app's terminal to `size` (width, height), as a user resizing
    the window does, and let what it draws at that size settle. One app can so show a
    screen at several sizes where the claim is about what is drawn at a size, not about
    starting at it."""
    if pilot.app.size != size:
        await pilot.resize_terminal(*size)
        await wait_until(
            pilot, lambda: pilot.app.size == size and pilot.app.screen.size == size,
            f"the terminal resized to {size[0]}x{size[1]}",
        )
    await settle(pilot)


async def type_text(pilot: Pilot, text: str) -> None:
    """Type `text` as a terminal sends it, one key a character with that character
    (an input method's `３５．５０` or `下午３：００` too: Pilot's press gives a full-width
    `．` or `：` no character, so the field never gets it), and let the app take it."""
    from textual import events
    from textual.keys import _character_to_key

    for character in text:
        pilot.app.post_message(events.Key(_character_to_key(character), character))
    await pilot.pause()


async def lookup_answered(pilot: Pilot) -> None:
    """Wait until the app's keyring lookup (a worker started once the first frame is out)
    is answered on screen: the status line names where identifiers go, or why nowhere.
    Raises AssertionError as wait_until does."""
    from tui.ui.status_line import StatusLine

    status = pilot.app.query_one(StatusLine)
    still_looking = ("", pilot.app.t("secrets.state.pending"))
    await wait_until(
        pilot, lambda: status.backend not in still_looking, "the keyring lookup's answer"
    )


def palette_choice(pilot: Pilot) -> str:
    """What the open command palette runs on Enter: the text of its highlighted line,
    '' while it shows none (its search runs as the user types) or is not open."""
    from textual.command import CommandList, CommandPalette

    screen = pilot.app.screen
    if not isinstance(screen, CommandPalette):
        return ""
    option = screen.query_one(CommandList).highlighted_option
    return "" if option is None else str(option.prompt)


@dataclass(order=True)
class _Timer:
    due: float
    order: int
    owner: MessagePump = field(compare=False)
    callback: Callable[[], object] = field(compare=False)
    interval: float | None = field(compare=False)  # None: once
    stopped: bool = field(default=False, compare=False)

    def stop(self) -> None:
        self.stopped = True


class ManualTimers:
    """The app's timers (tui.ui.timers.Timers) on a time the test moves with `advance`.

    Nothing fires by itself. `clock`, if given (anything with a datetime `now`, like
    tests.conftest.FixedClock), is moved on by the same amount, so a callback that reads
    the clock sees the time it fired at.
    """

    def __init__(self, clock=None) -> None:
        self.elapsed = 0.0  # seconds advanced so far
        self._clock = clock
        self._timers: list[_Timer] = []
        self._order = itertools.count()

    def once(self, owner: MessagePump, seconds: float, callback) -> _Timer:
        return self._start(owner, seconds, callback, None)

    def every(self, owner: MessagePump, seconds: float, callback) -> _Timer:
        return self._start(owner, seconds, callback, seconds)

    def _start(self, owner, seconds: float, callback, interval: float | None) -> _Timer:
        assert seconds > 0, seconds
        timer = _Timer(self.elapsed + seconds, next(self._order), owner, callback, interval)
        self._timers.append(timer)
        return timer

    def pending(self) -> list[float]:
        """Seconds from now until each timer still to fire, soonest first."""
        return sorted(t.due - self.elapsed for t in self._timers if not t.stopped)

    async def advance(self, seconds: float) -> int:
        """Let `seconds` pass: fire every timer due by then, soonest first (at the same
        time, in the order they were started), each on its owner's message loop, waiting
        until it has run. Returns how many fired. Raises AssertionError if a callback
        does not run within LIMIT_SECONDS real seconds (its owner hangs)."""
        assert seconds >= 0, seconds
        until = self.elapsed + seconds
        fired = 0
        while True:
            live = [t for t in self._timers if not t.stopped]
            self._timers = live
            if not live or min(live).due > until:
                break
            timer = min(live)
            self._move_to(timer.due)
            if timer.interval is None:
                timer.stopped = True
            else:
                timer.due += timer.interval
                timer.order = next(self._order)
            if await self._fire(timer):
                fired += 1
        self._move_to(until)
        return fired

    def _move_to(self, moment: float) -> None:
        if self._clock is not None and moment > self.elapsed:
            self._clock.now += timedelta(seconds=moment - self.elapsed)
        self.elapsed = max(self.elapsed, moment)

    @staticmethod
    async def _fire(timer: _Timer) -> bool:
        ran = asyncio.Event()

        async def run() -> None:
            try:
                result = timer.callback()
                if inspect.isawaitable(result):
                    await result
            finally:
                ran.set()

        if not timer.owner.call_later(run):
            timer.stopped = True  # the owner has closed, as Textual's timers stop then
            return False
        try:
            await asyncio.wait_for(ran.wait(), LIMIT_SECONDS)
        except TimeoutError:
            raise AssertionError(f"{timer.owner!r} did not run a timer's callback") from None
        return True


def issuer_line(app) -> str:
    """The issuer line above the steps as one reads it: its rows (at most two; see
    tui/ui/steps_pane.py, IssuerLine) joined, a row break read as a space."""
    from textual.widgets import Static

    rows = str(app.query_one("#issuer-line", Static).render()).split("\n")
    return " ".join(row.rstrip() for row in rows)
