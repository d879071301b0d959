"""Time comes from an injected clock, so tests decide what 'now' is."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    """Now, in UTC, to the second (what the store keeps)."""
    return datetime.now(UTC).replace(microsecond=0)


def local_text(moment: datetime) -> str:
    """A stored UTC time as the user's local 'YYYY-MM-DD HH:MM'."""
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")
