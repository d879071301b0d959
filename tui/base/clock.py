"""Time comes from an injected clock, so tests decide what 'now' is. Times are stored
in UTC and shown in the user's time zone, in their locale's short form.

The short forms are Babel's (CLDR's). Importing Babel and reading its locale data
costs about 30 ms and 9 MiB, so what Babel says of the user's locale is written down
once in the cache folder (`dates-*.json`: the locale, the short date and date-time
patterns as Babel reads them, and its am/pm names) and later starts format with that
alone. Only patterns of numbers and am/pm are written down; any other field (a
month's name, a flexible day period) is left to Babel each time.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Mapping
from datetime import UTC, datetime

from tui.base.i18n import LANGUAGES

Clock = Callable[[], datetime]

_DEFAULT_LOCALES = {language.code: language.date_locale for language in LANGUAGES}
_LOCALE_VARS = ("LC_ALL", "LC_TIME", "LANG")
_dates_for: tuple[str, dict[str, str]] = ("en", {})
_display_locale: str | None = "en_US"  # None: work it out from _dates_for when first needed
_dates_wanted: object = "en_US"  # what the short forms are for: a locale, or _dates_for


def system_clock() -> datetime:
    """Now, in UTC, to the second (what the store keeps)."""
    return datetime.now(UTC).replace(microsecond=0)


def display_locale(lang: str, environ: Mapping[str, str] = os.environ) -> str:
    """The locale for dates: LC_ALL / LC_TIME / LANG when it is in the UI's language
    (so en_GB gives day/month), else the language's usual one."""
    from babel import Locale, UnknownLocaleError

    wanted = lang.split("-")[0]
    for var in _LOCALE_VARS:
        value = environ.get(var, "").split(".")[0].split("@")[0]
        if not value:
            continue
        try:
            locale = Locale.parse(value)
        except (ValueError, UnknownLocaleError):
            break
        if locale.language == wanted:
            return str(locale)
        break
    return _DEFAULT_LOCALES.get(lang, "en_US")


def configure_dates(lang: str, environ: Mapping[str, str] = os.environ) -> None:
    """Show dates for `lang` and the locale variables as they are now. The locale is
    worked out when a date is first shown: Babel and its data load then, not at start."""
    global _dates_for, _display_locale, _dates_wanted
    _dates_for = (lang, {var: environ[var] for var in _LOCALE_VARS if var in environ})
    _display_locale = None
    _dates_wanted = _dates_for


def date_locale() -> str:
    """Babel's locale that dates are shown (and read) in, e.g. "en_US", "zh_CN"."""
    return _locale()


def _locale() -> str:
    global _display_locale
    if _display_locale is None:
        _display_locale = display_locale(*_dates_for)
    return _display_locale


def local_text(moment: datetime) -> str:
    """A stored UTC time in the user's time zone and locale (short form)."""
    local = moment.astimezone()
    forms = _short_forms()
    if forms is not None:
        return forms["datetime"] % _fields(local, forms["periods"])
    from babel.dates import format_datetime

    return format_datetime(local, "short", tzinfo=local.tzinfo, locale=_locale())


def local_date(day: dt.date) -> str:
    """A day in the user's locale (short form)."""
    forms = _short_forms()
    if forms is not None:
        return forms["date"] % _fields(day, forms["periods"])
    from babel.dates import format_date

    return format_date(day, "short", locale=_locale())


FORMS_VERSION = 1  # bump when what dates-*.json holds changes
# the pattern fields written down: numbers (CLDR letter -> up to how many letters) and
# am/pm (`a`, `aa`, `aaa`: the abbreviated names)
_NUMERIC = {"y": 4, "M": 2, "d": 2, "H": 2, "h": 2, "K": 2, "k": 2, "m": 2, "s": 2}
_forms: dict | None = None
_forms_of: object = None  # what _forms were found for


def _fields(moment: dt.date, periods: Mapping[str, str]) -> Mapping[str, str]:
    """The value of every pattern field for `moment`, as Babel's DateTimeFormat gives
    it (numbers zero-padded to the field's length; `yy` the last two digits)."""
    return _Fields(moment, periods)


class _Fields(dict):
    """A pattern field's value, worked out when the %-format asks for it."""

    def __init__(self, moment: dt.date, periods: Mapping[str, str]) -> None:
        super().__init__()
        self.moment, self.periods = moment, periods

    def __missing__(self, key: str) -> str:
        char, size, m = key[0], len(key), self.moment
        if char == "a":
            return self.periods[f"{size} {'pm' if m.hour >= 12 else 'am'}"]
        value = {
            "y": lambda: m.year % 100 if size == 2 else m.year,
            "M": lambda: m.month,
            "d": lambda: m.day,
            "H": lambda: m.hour,
            "h": lambda: m.hour % 12 or 12,
            "K": lambda: m.hour % 12,
            "k": lambda: m.hour or 24,
            "m": lambda: m.minute,
            "s": lambda: m.second,
        }[char]()
        return f"{value:0{size}d}"


def _short_forms() -> dict | None:
    """What Babel says of the locale's short forms (see the module's docstring), read
    from the cache folder or worked out with Babel and kept there; None when the
    patterns hold a field not written down."""
    global _forms, _forms_of
    wanted = _dates_wanted
    if _forms_of == wanted:
        return _forms
    from tui.base.kept_facts import kept

    forms = kept("dates", [FORMS_VERSION, babel_stamp(), wanted], _work_out_forms, _usable)
    _forms, _forms_of = (forms if forms.get("datetime") is not None else None), wanted
    return _forms


def _usable(forms: object) -> bool:
    """Whether forms read back from the cache folder can format a date and a time:
    the shape _babel_forms gives, every field one written down (_NUMERIC, am/pm), and
    a trial run that works."""
    if not isinstance(forms, dict):
        return False
    if forms.get("datetime") is None:
        return forms.get("date") is None
    periods = forms.get("periods")
    texts = (forms.get("datetime"), forms.get("date"))
    if not (isinstance(periods, dict) and all(isinstance(t, str) for t in texts)):
        return False
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in periods.items()):
        return False
    for key in _keys(texts[0]) | _keys(texts[1]):
        if key[0] == "a":
            if not (len(key) <= 3 and {f"{len(key)} am", f"{len(key)} pm"} <= periods.keys()):
                return False
        elif not (key[0] in _NUMERIC and len(key) <= _NUMERIC[key[0]]):
            return False
    try:
        for moment in (dt.datetime(2001, 2, 3, 4, 5, 6), dt.datetime(2001, 2, 3, 16, 5, 6)):
            texts[0] % _fields(moment, periods)
            texts[1] % _fields(moment.date(), periods)
    except (KeyError, ValueError, TypeError, AttributeError):
        return False
    return True


def _work_out_forms() -> dict:
    """The forms, from Babel."""
    return _babel_forms(_locale())


def babel_stamp() -> list:
    """Which Babel is installed (its package file's size and time): its CLDR data,
    and so the forms, change only with it."""
    from importlib.util import find_spec

    spec = find_spec("babel")
    try:
        st = os.stat(spec.origin) if spec and spec.origin else None
    except OSError:
        st = None
    return [st.st_size, st.st_mtime_ns] if st else []


def _babel_forms(locale: str) -> dict:
    """The locale's short forms as %-format strings of pattern fields, worked out with
    Babel the way its format_datetime and format_date join them; `datetime` is None
    when a pattern holds a field not written down (_NUMERIC, am/pm)."""
    from babel import Locale
    from babel.dates import get_date_format, get_datetime_format, get_time_format, parse_pattern

    where = Locale.parse(locale)
    date, time = get_date_format("short", where), get_time_format("short", where)
    keys = _keys(date.format) | _keys(time.format)
    written = all(
        (k[0] == "a" and len(k) <= 3) or (k[0] in _NUMERIC and len(k) <= _NUMERIC[k[0]])
        for k in keys
    )
    if not written:
        return {"locale": locale, "datetime": None, "date": None, "periods": {}}
    joined = get_datetime_format("short", where).replace("'", "").replace("%", "%%")
    periods = {}
    for size in (1, 2, 3):
        for hour, name in ((9, "am"), (21, "pm")):
            moment = dt.datetime(2001, 1, 1, hour)
            periods[f"{size} {name}"] = parse_pattern("a" * size).apply(moment, where)
    return {
        "locale": locale,
        "datetime": joined.replace("{0}", time.format).replace("{1}", date.format),
        "date": date.format,
        "periods": periods,
    }


def _keys(format_string: str) -> set[str]:
    """The field names of a %-format string ("%(yy)s/%(M)s" -> {"yy", "M"})."""
    import re

    return set(re.findall(r"%\((\w+)\)s", format_string))


def zoned_stamp(moment: datetime) -> str:
    """A stored time as the command line shows it, in the user's time zone with the
    zone said as its offset from UTC, the same in every language and sortable:
    `2026-12-03 19:57:42 UTC+01:00` (`UTC` alone when the zone is UTC). A time
    with no zone is taken to be UTC, as every stored time is."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    local = moment.astimezone()
    offset = local.utcoffset() or dt.timedelta(0)
    if not offset:
        zone = "UTC"
    else:
        minutes = int(offset.total_seconds()) // 60
        sign = "+" if minutes >= 0 else "-"
        zone = f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
    return f"{local:%Y-%m-%d %H:%M:%S} {zone}"


def dated_text(moment: datetime) -> str:
    """A stored UTC time in the user's time zone, as Babel formats it for the user's
    locale, in the one style a report keeps: the day as dated_day writes it (the
    locale's medium date, with a four-digit year), then the time with its time zone
    (the locale's long time), joined as the locale joins them ("Nov 30, 2026,
    10:38:00 AM +0800", "30 Nov 2026, 10:38:00 +0800", "2026年11月30日 +0800
    10:38:00"). For what is kept and handed on, such as a report."""
    from babel.dates import (
        format_datetime,
        get_date_format,
        get_datetime_format,
        get_time_format,
    )

    local = moment.astimezone()
    locale = _locale()
    pattern = str(get_datetime_format("medium", locale=locale))
    pattern = pattern.replace("{1}", get_date_format("medium", locale=locale).pattern)
    pattern = pattern.replace("{0}", get_time_format("long", locale=locale).pattern)
    return format_datetime(local, pattern, tzinfo=local.tzinfo, locale=locale)


def date_in_full(day: dt.date) -> str:
    """A day in the user's locale's short form, the year in four digits ("3/1/2026",
    "01/03/2026", "2026/3/1"): how to write a date whose year was typed in two digits."""
    import re

    from babel.dates import format_date, get_date_format

    pattern = get_date_format("short", locale=_locale()).pattern
    return format_date(day, re.sub("y+", "y", pattern), locale=_locale())


def dated_day(day: dt.date) -> str:
    """A day as Babel formats it for the user's locale with a four-digit year ("Nov 27,
    2026", "2026年11月27日"): for what the command line prints."""
    from babel.dates import format_date

    return format_date(day, "medium", locale=_locale())
