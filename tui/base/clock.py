"""Time comes from an injected clock, so tests decide what 'now' is. Times are stored
in UTC and shown in the user's time zone, in their locale's short form."""

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
    global _dates_for, _display_locale
    _dates_for = (lang, {var: environ[var] for var in _LOCALE_VARS if var in environ})
    _display_locale = None


def _locale() -> str:
    global _display_locale
    if _display_locale is None:
        _display_locale = display_locale(*_dates_for)
    return _display_locale


def local_text(moment: datetime) -> str:
    """A stored UTC time in the user's time zone and locale (short form)."""
    from babel.dates import format_datetime

    local = moment.astimezone()
    return format_datetime(local, "short", tzinfo=local.tzinfo, locale=_locale())


def local_date(day: dt.date) -> str:
    from babel.dates import format_date

    return format_date(day, "short", locale=_locale())
