"""Reading a date and time the user typed ("When" of a piece of proof), in their locale.

What is accepted: the form the app shows dates in (the locale's short date, then
optionally its short time: `11/30/26, 2:34 PM` in en_US, `2026/11/30 14:34` in
zh-CN, `30/11/2026, 14:34` in en_GB), with a four- or two-digit year and any amount
of spaces; and ISO 8601 (`2026-11-29`, `2026-11-29 15:20`). The order of day, month
and year comes from Babel's `parse_date` for the locale; the am/pm words from Babel's
period names for it. Anything else, including text left over after a date and time
(`11/30/26, 2:34 AM2026-11-29 15:20`), is refused: a record of proof must say a moment
that the user can stand behind.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

# a short numeric date: three numbers joined by one or two separators (/ . - or
# 年 月 with a closing 日)
_DATE = r"\d{1,4}\s?[./\-年月]\s?\d{1,2}\s?[./\-年月]\s?\d{1,4}日?"
_TIME = r"(?P<h>\d{1,2})[:：.](?P<m>\d{2})(?:[:：.](?P<s>\d{2}))?"
_ISO = re.compile(r"(\d{4}-\d{2}-\d{2})(?:[ T](\d{1,2}:\d{2}(?::\d{2})?))?")
_LOCAL = re.compile(
    rf"(?P<date>{_DATE})(?:\s*[,，]?\s*(?P<before>[^\d\s,，:：.]+)?\s*{_TIME}"
    r"\s*(?P<after>[^\d\s:：.]+)?)?"
)


@dataclass(frozen=True)
class TypedMoment:
    """A moment the user typed: `day`, and `time` when one was given (None: a day
    only). Naive: in the user's own time zone."""

    day: dt.date
    time: dt.time | None

    def local(self) -> dt.datetime:
        """The moment in the user's time zone (a day alone: its start)."""
        return dt.datetime.combine(self.day, self.time or dt.time()).astimezone()


def read_moment(text: str, locale: str) -> TypedMoment:
    """The date (and time) in `text`, read in Babel's `locale` (e.g. "en_US", "zh_CN").

    Raises ValueError when `text` is empty, is not one of the accepted forms (see the
    module's docstring) or names a date or time that does not exist (13/45/26, 25:00).
    """
    from babel.dates import ParseError, get_period_names, parse_date

    typed = " ".join(text.split())
    if not typed:
        raise ValueError("empty")
    iso = _ISO.fullmatch(typed)
    if iso:
        day = dt.date.fromisoformat(iso.group(1))
        time = dt.time.fromisoformat(_padded(iso.group(2))) if iso.group(2) else None
        return TypedMoment(day, time)
    found = _LOCAL.fullmatch(typed)
    if found is None:
        raise ValueError(f"not a date and time: {typed!r}")
    try:
        day = parse_date(found.group("date"), locale, format="short")
    except (ParseError, ValueError, IndexError) as exc:
        raise ValueError(f"not a date: {found.group('date')!r}") from exc
    if found.group("h") is None:
        return TypedMoment(day, None)
    hour, minute = int(found.group("h")), int(found.group("m"))
    second = int(found.group("s") or 0)
    words = [w for w in (found.group("before"), found.group("after")) if w]
    if len(words) > 1:
        raise ValueError(f"two am/pm words in {typed!r}")
    if words:
        period = _period(words[0], get_period_names("abbreviated", "format", locale))
        if period is None or not 1 <= hour <= 12:
            raise ValueError(f"not an am/pm time: {typed!r}")
        hour = hour % 12 + (12 if period == "pm" else 0)
    return TypedMoment(day, dt.time(hour, minute, second))  # ValueError past 23:59:59


def _period(word: str, names) -> str | None:
    """'am' or 'pm' for the locale's word (any case, dots ignored: a.m.), else None."""
    wanted = word.casefold().replace(".", "")
    for period in ("am", "pm"):
        for name in (names.get(period), period):
            if name and name.casefold().replace(".", "") == wanted:
                return period
    return None


def _padded(time: str) -> str:
    """'9:05' → '09:05' (fromisoformat wants two-digit hours)."""
    return time.zfill(len(time) + 1) if time.index(":") == 1 else time
