"""Reading a date and time the user typed ("When" of a piece of proof), in their locale.

What is accepted: the form the app shows dates in (the locale's short date, then
optionally its short time: `11/30/26, 2:34 PM` in en_US, `2026/11/30 14:34` in
zh-CN, `30/11/2026, 14:34` in en_GB), with a four-digit year (or two: see below) and
any amount of spaces; a time alone in the same form (`2:34 PM`, `下午2:34`, `14:34`), which
means today at that time; and ISO 8601 (`2026-11-29`, `2026-11-29 15:20`), a time with
its UTC offset or Z too (`2026-11-29T15:20Z`, `2026-11-29T15:20+08:00`: that moment,
in the user's time zone). The order of day, month
and year comes from Babel's `parse_date` for the locale; the am/pm words from Babel's
period names for it.

Formatting marks that cannot be seen and say nothing (U+200E, U+200F, U+200B, U+FEFF, a
copy from a right-to-left page or a spreadsheet carries them: tui.base.unseen) are
removed first, and any space (a no-break one, U+202F before a pasted `PM`) is a space.

In any locale, as a Chinese user writes them (what an input method types in full-width
forms, `１１月３０日 下午３：００`, read as what it stands for: tui.base.wide_forms): a
day in 年月日 (`2026年11月30日`, `11月30号`, the year in two or four digits or none),
a time in 点 (`3点`, `3点半`, `3点15分`) or with a colon, after a word for the part
of the day (_DAY_PARTS: 上午 下午 中午 晚上 凌晨 早上 傍晚). A day without a year is
in the current year, or (`yearless`) the last such day up to tomorrow for something
done (a proof), the next such day from today for something to come (a follow-up).

Anything else, including text left over after a date and time
(`11/30/26, 2:34 AM2026-11-29 15:20`), is refused: a record of proof must say a moment
that the user can stand behind. So are a day and month the locale reads the other way
round (`31/12/2026` in en_US, where Babel alone would swap them to December 31) and a
year outside EARLIEST_YEAR to next year (`12/31/9999`, YearOutOfRange): the rule for
every date typed (check_year), a follow-up's (read_day: `+99999` days) too.

A year in two digits (ShortYear, short_year) is read only where the locale writes one,
and only as a year near today. Every English and Chinese short date that has one
(CLDR's `yy`: M/d/yy, d/M/yy, dd/MM/yy) has it last, after the day and month; where
the year comes first (y/M/d in Chinese, y-MM-dd in en_CA) it is written in full, and
three numbers none of which has four digits are refused: `12/3/26` in zh_CN could be
2012-03-26 by the locale's order or, as the English screen writes it, 3 December 2026
(en_US) or 12 March 2026 (en_GB). Where it is read (last, or before 年), it is the year
ending in those digits from 80 years before today's to 20 after (ICU's rule, as Babel
reads it), and that must be within SHORT_YEAR_SPAN of today's:
`26/3/12` in en_GB (perhaps 2026-03-12 written year first) would be 2012, `1/1/70` in
en_US 1970, `12年3月26日` 2012: each is refused, the user asked for the year in four
digits.

A moment read is stored as ISO 8601 with a four-digit year (stored_text: `2026-11-29`,
or `2026-11-29T15:20:00+08:00` with the user's UTC offset then) and shown from that in
the language of the screen or report (shown_text); text stored by versions that kept
the shown form (`11/29/26, 3:20 PM`) is shown as it is.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from tui.base.unseen import without_marks
from tui.base.wide_forms import narrowed

# a short numeric date: three numbers joined by one or two separators (/ . - or
# 年 月 with a closing 日)
_DATE = r"\d{1,4}\s?[./\-年月]\s?\d{1,2}\s?[./\-年月]\s?\d{1,4}日?"
# a day in 年月日 (or 号), the year in two or four digits or none
_ZH_DATE = r"(?:(?P<zy>\d{4}|\d{2})\s?年\s?)?(?P<zm>\d{1,2})\s?月\s?(?P<zd>\d{1,2})\s?[日号號]"
_CLOCK = r"(?P<h>\d{1,2})[:：.](?P<m>\d{2})(?:[:：.](?P<s>\d{2}))?"
# a time in 点: 3点, 3点半, 3点15分, 3点钟
_ZH_CLOCK = r"(?P<zh>\d{1,2})\s?[点點时時](?:\s?(?P<half>半)|\s?(?P<zmin>\d{1,2})\s?分?|钟|鐘)?"
_WORD = r"[^\d\s,，:：.]+"  # am/pm, or a part of the day (下午)
_TIME = rf"(?P<before>{_WORD})?\s*(?:{_CLOCK}|{_ZH_CLOCK})\s*(?P<after>[^\d\s:：.]+)?"
# ISO 8601: a day, or a day and a time (seconds and their fraction optional), with its
# UTC offset or Z when it says one
_ISO = re.compile(
    r"(\d{4}-\d{2}-\d{2})"
    r"(?:[ Tt](\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d{1,6})?)?)\s?([Zz]|[-+−]\d{2}(?::?\d{2})?)?)?"
)
_LOCAL = re.compile(rf"(?:{_ZH_DATE}|(?P<date>{_DATE}))(?:\s*[,，]?\s*{_TIME})?")
# a time alone (`2:34 PM`, `下午2:34`, `14:34`, `下午3点`): today at that time
_TIME_ALONE = re.compile(_TIME)
_DAYS_FROM_TODAY = re.compile(r"\+\s*(\d+)")
# The words of Chinese for a part of the day before a time in 12 hours, and the hours
# each takes (typed -> on a 24-hour clock). CLDR names them too (Babel's flexible day
# periods) but for formatting, with ranges too narrow for what people write (晚上6点,
# 早上8点, 中午1点 fall outside them). 上午 and 下午 are CLDR's am and pm in Chinese,
# read here in every locale; 晚上12点 (which midnight?) is refused (WhichMidnight).
_DAY_PARTS: dict[str, dict[int, int]] = {
    "凌晨": {12: 0, **{h: h for h in range(0, 7)}},
    "早上": {h: h for h in range(4, 12)},
    "早晨": {h: h for h in range(4, 12)},
    "上午": {h: h % 12 for h in range(1, 13)},
    "中午": {11: 11, 12: 12, 1: 13, 2: 14},
    "下午": {h: h % 12 + 12 for h in range(1, 13)},
    "傍晚": {h: h + 12 for h in range(4, 8)},
    "晚上": {h: h + 12 for h in range(6, 12)},
}


EARLIEST_YEAR = 1970  # a proof names a moment of the user's own dealings: not before
# a year typed in two digits stands for one at most this many years from today's: last
# year, this year or next year (the latest any typed date may be); any other is asked
# for in four digits
SHORT_YEAR_SPAN = 1


class WhichMidnight(ValueError):
    """晚上12点: the midnight that starts a day or the one that ends it; the user is
    asked to write 0:00 of the next day or 23:59 instead."""


class ShortYear(ValueError):
    """A year typed in two digits (`short`) that is not read: `year` None where the
    locale writes the year first and in full (`12/3/26` in zh_CN could be read more
    than one way); else the year it would be (`26/3/12` in en_GB: 2012), which is
    not from `first` to `last`, the years near today two digits are read as.
    `meant`: the day the same numbers make read the other way a year may be written
    (first, then month and day, where the locale has it last: `26/3/12` in en_GB is
    2026-03-12; last, where the locale has it first: `12/3/26` in zh_CN is 2026-12-03),
    when that is a day near today; the message shows it with the year in full, as the
    user's own example. None when there is no such day."""

    def __init__(
        self,
        short: str,
        year: int | None = None,
        first: int = 0,
        last: int = 0,
        meant: dt.date | None = None,
    ):
        far = f": {year} is not between {first} and {last}" if year is not None else ""
        super().__init__(f"a year in two digits in {short!r}{far}")
        self.short = short
        self.year = year
        self.first = first
        self.last = last
        self.meant = meant


class PastTomorrow(ValueError):
    """A moment something was done that is later than the end of tomorrow (a typo in
    the year or month: a proof cannot be dated in the future; tomorrow is allowed for
    a user whose clock or time zone runs behind the office's)."""


class YearOutOfRange(ValueError):
    """A typed moment whose year is before `first` or after `last`."""

    def __init__(self, year: int, first: int, last: int) -> None:
        super().__init__(f"year {year} is not between {first} and {last}")
        self.first = first
        self.last = last


@dataclass(frozen=True)
class TypedMoment:
    """A moment the user typed: `day`, and `time` when one was given (None: a day
    only). Naive: in the user's own time zone."""

    day: dt.date
    time: dt.time | None

    def local(self) -> dt.datetime:
        """The moment in the user's time zone (a day alone: its start)."""
        return dt.datetime.combine(self.day, self.time or dt.time()).astimezone()


def read_moment(
    text: str, locale: str, today: dt.date | None = None, yearless: str = "current"
) -> TypedMoment:
    """The date (and time) in `text`, read in Babel's `locale` (e.g. "en_US", "zh_CN").
    A day typed without a year (`11月30日`) is in `today`'s year ("current"), or the
    last such day up to tomorrow ("past"), or the next such day from today ("future").

    Raises ValueError when `text` is empty, is not one of the accepted forms (see the
    module's docstring), names a date or time that does not exist (13/45/26, 25:00) or
    has day and month in another order than the locale's (31/12/2026 in en_US);
    ShortYear (a ValueError) for a year in two digits where the locale does not write
    one or far from `today`'s (short_year); YearOutOfRange (a ValueError) for a year
    before EARLIEST_YEAR or after the year after `today` (the computer's today when
    None).
    """
    today = today or dt.date.today()
    moment = _read(text, locale, today, yearless)
    check_year(moment.day, today)
    return moment


def read_done_moment(text: str, locale: str, today: dt.date) -> TypedMoment:
    """read_moment of a moment something was done (a proof's "When"; a day without a
    year is the last such day up to tomorrow); PastTomorrow (a ValueError) for a day
    after the day after `today`, besides read_moment's errors."""
    moment = read_moment(text, locale, today, yearless="past")
    if moment.day > today + dt.timedelta(days=1):
        raise PastTomorrow(f"{moment.day} is after {today + dt.timedelta(days=1)}")
    return moment


def check_year(day: dt.date, today: dt.date) -> dt.date:
    """`day` if its year is from EARLIEST_YEAR to the year after `today`'s: the one rule
    for every date the user types (a proof's when, a follow-up); YearOutOfRange
    otherwise."""
    last = today.year + 1
    if not EARLIEST_YEAR <= day.year <= last:
        raise YearOutOfRange(day.year, EARLIEST_YEAR, last)
    return day


def short_year(short: str, today: dt.date) -> int:
    """The year that a year typed in two digits (`short`) stands for, when it is within
    SHORT_YEAR_SPAN of `today`'s; ShortYear naming it otherwise. Which year that is:
    the one ending in those digits from 80 years before `today`'s to 20 after, ICU's
    rule for reading a two-digit year (Babel's parse_date follows it, from the
    computer's today), here from the `today` the caller gives."""
    year = today.year - today.year % 100 + int(short)
    if year > today.year + 20:
        year -= 100
    elif year <= today.year - 80:
        year += 100
    first, last = today.year - SHORT_YEAR_SPAN, today.year + SHORT_YEAR_SPAN
    if not first <= year <= last:
        raise ShortYear(short, year, first, last)
    return year


def read_day(text: str, locale: str, today: dt.date) -> dt.date | None:
    """A day the user typed for later (a follow-up): `+N` (N days from `today`), or a
    date in any form read_moment reads, with no time (a day without a year is the next
    such day from `today` on); None for empty text (no day).
    Raises YearOutOfRange (a ValueError) past the year after `today`'s or before
    EARLIEST_YEAR (`+99999`), ShortYear (a ValueError) for a year in two digits that
    is not read (`12/3/26` in zh_CN, `1/15/12` in en_US: short_year), ValueError for
    anything else (a time, a date that does not exist, words)."""
    typed = narrowed(without_marks(text)).strip()
    if not typed:
        return None
    ahead = _DAYS_FROM_TODAY.fullmatch(typed)
    if ahead:
        days = int(ahead.group(1))
        if days > 366 * 3:  # past any year the rule allows, and past the calendar's end
            raise YearOutOfRange(today.year + days // 366, EARLIEST_YEAR, today.year + 1)
        return check_year(today + dt.timedelta(days=days), today)
    moment = read_moment(typed, locale, today, yearless="future")
    if moment.time is not None:
        raise ValueError(f"a day, without a time: {typed!r}")
    return moment.day


def stored_text(moment: TypedMoment) -> str:
    """How a typed moment is kept: ISO 8601, the year in four digits; a day alone as
    `2026-11-29`, with a time as `2026-11-29T15:20:00+08:00` (the user's UTC offset)."""
    if moment.time is None:
        return moment.day.isoformat()
    return moment.local().isoformat(timespec="seconds")


def shown_text(stored: str, *, dated: bool = False) -> str:
    """A stored moment (stored_text) as the user reads it, in the locale dates are shown
    in (tui.base.clock): the short form on screen, or (`dated`) with a four-digit year
    and the time zone, for a report. Text that is not ISO 8601 (kept by earlier
    versions) comes back as it is."""
    from tui.base.clock import dated_day, dated_text, local_date, local_text

    try:
        if "T" not in stored:
            day = dt.date.fromisoformat(stored)
            return dated_day(day) if dated else local_date(day)
        moment = dt.datetime.fromisoformat(stored)
    except ValueError:
        return stored
    if moment.tzinfo is None:
        moment = moment.astimezone()
    return dated_text(moment) if dated else local_text(moment)


def _read(text: str, locale: str, today: dt.date, yearless: str) -> TypedMoment:
    typed = " ".join(narrowed(without_marks(text)).split())
    if not typed:
        raise ValueError("empty")
    iso = _ISO.fullmatch(typed)
    if iso:
        day = dt.date.fromisoformat(iso.group(1))
        time = dt.time.fromisoformat(_padded(iso.group(2))) if iso.group(2) else None
        if time is not None and iso.group(3):
            return _from_offset(day, time, iso.group(3))
        return TypedMoment(day, time)
    found = _LOCAL.fullmatch(typed) or _TIME_ALONE.fullmatch(typed)
    if found is None:
        raise ValueError(f"not a date and time: {typed!r}")
    if "zm" not in found.re.groupindex:
        day = today
    elif found.group("zm"):
        day = _chinese_day(found, today, yearless)
    else:
        day = _local_day(found.group("date"), locale, today)
    if found.group("h") is None and found.group("zh") is None:
        return TypedMoment(day, None)
    if found.group("h") is not None:
        hour, minute = int(found.group("h")), int(found.group("m"))
        second = int(found.group("s") or 0)
    else:
        hour, second = int(found.group("zh")), 0
        minute = 30 if found.group("half") else int(found.group("zmin") or 0)
    words = [w for w in (found.group("before"), found.group("after")) if w]
    if len(words) > 1:
        raise ValueError(f"two am/pm words in {typed!r}")
    if words:
        hour = _hour_in(words[0], hour, locale, typed)
    return TypedMoment(day, dt.time(hour, minute, second))  # ValueError past 23:59:59


def _from_offset(day: dt.date, time: dt.time, offset: str) -> TypedMoment:
    """The moment `day` `time` at UTC `offset` (`Z`, `+08:00`, `+0800`, `-05`), as the
    user's own time zone tells it (a TypedMoment is in theirs)."""
    offset = offset.upper().replace("−", "-")
    if offset != "Z" and ":" not in offset:
        offset = f"{offset[:3]}:{offset[3:] or '00'}"
    zone = dt.UTC if offset == "Z" else dt.datetime.fromisoformat(
        f"2000-01-01T00:00{offset}").tzinfo
    local = dt.datetime.combine(day, time, tzinfo=zone).astimezone()
    return TypedMoment(local.date(), local.time().replace(tzinfo=None))


def _hour_in(word: str, hour: int, locale: str, typed: str) -> int:
    """`hour` (as typed after or before `word`) on a 24-hour clock: `word` is the
    locale's am or pm (Babel's period names; 1 to 12) or one of _DAY_PARTS (the hours
    it takes). ValueError otherwise."""
    from babel.dates import get_period_names

    period = _period(word, get_period_names("abbreviated", "format", locale))
    if period is not None:
        if not 1 <= hour <= 12:
            raise ValueError(f"not an am/pm time: {typed!r}")
        return hour % 12 + (12 if period == "pm" else 0)
    hours = _DAY_PARTS.get(word, {})
    if word == "晚上" and hour == 12:
        raise WhichMidnight(typed)
    if hour not in hours:
        raise ValueError(f"not an am/pm time: {typed!r}")
    return hours[hour]


def _chinese_day(found: re.Match, today: dt.date, yearless: str) -> dt.date:
    """The day of a date in 年月日 (`found`'s zy, zm, zd); a two-digit year as short_year
    reads it. Without a year, see read_moment's `yearless`. ValueError for a day that
    does not exist (2月30日)."""
    month, day = int(found.group("zm")), int(found.group("zd"))
    if found.group("zy"):
        year = found.group("zy")
        return dt.date(short_year(year, today) if len(year) == 2 else int(year), month, day)
    year = today.year
    if yearless == "past":
        limit = today + dt.timedelta(days=1)  # the latest day a proof may name
        if (year, month, day) > (limit.year, limit.month, limit.day):
            year -= 1
    elif yearless == "future" and (month, day) < (today.month, today.day):
        year += 1
    return dt.date(year, month, day)


def _local_day(text: str, locale: str, today: dt.date) -> dt.date:
    """The day in `text` (three numbers) in the order of the locale's short date; the
    year in four digits, or in two where the locale has it last (short_year reads
    them; ShortYear where it has it first and none of the numbers has four digits).
    Babel's parse_date reads the numbers, but swaps a month above 12 with the day: that
    is refused here, as the locale does not read it so."""
    from babel.dates import ParseError, get_date_format, parse_date

    numbers = re.findall(r"\d+", text)
    pattern = get_date_format("short", locale).pattern.lower().replace("l", "m")
    order = sorted("ymd", key=pattern.find)
    typed = dict(zip(order, numbers, strict=True))
    if order[-1] != "y" and all(len(number) != 4 for number in numbers):
        # the year first and in full here: the user wrote it last, maybe (12/3/26)
        shown = [x for x in order if x != "y"]
        raise ShortYear(text, meant=_near_day(numbers[2], *_in_order(numbers[:2], shown), today))
    if len(typed["y"]) not in (2, 4):
        raise ValueError(f"a year in two or four digits: {text!r}")
    try:
        day = parse_date(text, locale, format="short")
    except (ParseError, ValueError, IndexError) as exc:
        raise ValueError(f"not a date: {text!r}") from exc
    if (day.month, day.day) != (int(typed["m"]), int(typed["d"])):
        raise ValueError(f"day and month the other way round for {locale}: {text!r}")
    if len(typed["y"]) == 2:  # Babel placed it from the computer's today, not `today`
        try:
            return day.replace(year=short_year(typed["y"], today))
        except ShortYear as exc:  # the year written first, maybe (26/3/12: 2026-03-12)
            meant = _near_day(numbers[0], numbers[1], numbers[2], today)
            raise ShortYear(exc.short, exc.year, exc.first, exc.last, meant=meant) from None
    return day


def _in_order(numbers: list[str], order: list[str]) -> tuple[str, str]:
    """The month and the day of two `numbers` written in `order` ("m", "d")."""
    by = dict(zip(order, numbers, strict=True))
    return by["m"], by["d"]


def _near_day(year: str, month: str, day: str, today: dt.date) -> dt.date | None:
    """The day these numbers name, the year in two digits read as short_year reads it,
    when it exists and that year is near `today`'s; None otherwise."""
    if len(year) != 2:
        return None
    try:
        return dt.date(short_year(year, today), int(month), int(day))
    except ValueError:  # ShortYear too: far from today
        return None


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
