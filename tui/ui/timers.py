"""Where the app's timers come from, handed in like the clock.

The app never calls Textual's `set_timer` / `set_interval` itself: it asks the `Timers`
that `create_app` was given. In use that is `TextualTimers` (Textual's own timers, in
real time); a test hands in timers it moves forward by hand, so no test waits on the
wall clock for an identifier to be hidden or a periodic check to run.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from textual.message_pump import MessagePump

TimerCallback = Callable[[], object]


class TimerHandle(Protocol):
    def stop(self) -> None:
        """Cancel the timer: its callback is not called again (no error if it already ran)."""


class Timers(Protocol):
    """Starts timers whose callbacks run on the owner's message loop (the UI thread)."""

    def once(self, owner: MessagePump, seconds: float, callback: TimerCallback) -> TimerHandle:
        """Call `callback()` once, `seconds` (> 0) from now; nothing if `owner` has closed."""
        ...

    def every(self, owner: MessagePump, seconds: float, callback: TimerCallback) -> TimerHandle:
        """Call `callback()` every `seconds` (> 0) from now on, until stopped or `owner`
        closes."""
        ...


class TextualTimers:
    """Textual's timers, in real time: `owner.set_timer` and `owner.set_interval`."""

    def once(self, owner: MessagePump, seconds: float, callback: TimerCallback) -> TimerHandle:
        return owner.set_timer(seconds, callback)

    def every(self, owner: MessagePump, seconds: float, callback: TimerCallback) -> TimerHandle:
        return owner.set_interval(seconds, callback)
