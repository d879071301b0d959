"""Dates, times and region names are shown as Babel gives them (CLDR's), but a start
that has done it once shows them from what Babel said, kept in the cache folder,
without importing Babel (tui/base/clock.py, tui/library/regions.py, tui.base.kept_facts)."""

from __future__ import annotations

import datetime as dt
import os
import random
import subprocess
import sys

import pytest
from babel.dates import format_date, format_datetime

from tui.base import clock

# the UI's language and the locale variables: cached forms (en_US, en_GB, en_AU,
# en_CA's a.m./p.m., zh_CN, zh_Hant_HK's 下午), Babel every time (zh_TW's flexible
# day periods), and a locale of another language (the language's usual one)
SETUPS = [
    ("en", {}),
    ("en", {"LANG": "en_GB.UTF-8"}),
    ("en", {"LC_TIME": "en_AU.UTF-8"}),
    ("en", {"LANG": "en_CA.UTF-8"}),
    ("en", {"LANG": "de_DE.UTF-8"}),
    ("zh-CN", {}),
    ("zh-CN", {"LANG": "zh_HK.UTF-8"}),
    ("zh-CN", {"LANG": "zh_TW.UTF-8"}),
]


def moments(count: int = 150) -> list[dt.datetime]:
    rng = random.Random(15)
    edges = [dt.datetime(2026, 1, 1, hour, 0, tzinfo=dt.UTC) for hour in (0, 11, 12, 23)]
    return edges + [
        dt.datetime(
            rng.randint(1, 9999),
            rng.randint(1, 12),
            rng.randint(1, 28),
            rng.randint(0, 23),
            rng.randint(0, 59),
            rng.randint(0, 59),
            tzinfo=dt.UTC,
        )
        for _ in range(count)
    ]


def babel_says(lang: str, env: dict[str, str], moment: dt.datetime) -> tuple[str, str]:
    locale = clock.display_locale(lang, env)
    local = moment.astimezone()
    return (
        format_datetime(local, "short", tzinfo=local.tzinfo, locale=locale),
        format_date(moment.date(), "short", locale=locale),
    )


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    yield tmp_path / "cache" / "cardoff-tui"
    clock.configure_dates("en", {})


@pytest.mark.parametrize(("lang", "env"), SETUPS)
def test_the_forms_written_down_give_what_babel_gives(cache, lang, env):
    for start in ("the first start: written down", "a later start: read back"):
        clock.configure_dates(lang, env)  # as a new start does
        clock._forms_of = None  # nothing held from the last start
        for moment in moments():
            shown = (clock.local_text(moment), clock.local_date(moment.date()))
            assert shown == babel_says(lang, env, moment), (start, moment)
    assert list(cache.glob("dates-*.json"))


def test_a_damaged_or_foreign_forms_file_is_worked_out_again(cache):
    clock.configure_dates("en", {"LANG": "en_GB.UTF-8"})
    clock._forms_of = None
    moment = dt.datetime(2026, 11, 30, 21, 5, tzinfo=dt.UTC)
    assert clock.local_text(moment) == "30/11/2026, 21:05"
    [written] = cache.glob("dates-*.json")
    for damage in (b"{not json", b'{"key": "another", "datetime": "%(y)s", "date": "x"}'):
        written.write_bytes(damage)
        clock.configure_dates("en", {"LANG": "en_GB.UTF-8"})
        clock._forms_of = None
        assert clock.local_text(moment) == "30/11/2026, 21:05"
        assert clock.local_date(moment.date()) == "30/11/2026"


@pytest.mark.parametrize(
    "damage",
    [
        lambda forms: forms | {"datetime": forms["datetime"].replace("%(HH)s", "%(xH)s")},
        lambda forms: {k: v for k, v in forms.items() if k != "periods"},
        lambda forms: forms | {"datetime": 5},
        lambda forms: forms | {"date": "%(d)s %"},
        lambda forms: forms | {"periods": {"1 am": 3}},
        lambda forms: forms | {"datetime": "%(a)s", "periods": {}},
        lambda forms: "not a mapping",
    ],
    ids=["unknown field", "no am/pm", "not text", "stray %", "am/pm not text",
         "am/pm missing", "not a mapping"],
)
def test_forms_edited_but_still_json_are_worked_out_again(cache, damage):
    """A cache file whose key still fits but whose forms cannot format a date (edited
    by hand, or damaged while still JSON) is worked out again, never an error."""
    import orjson

    moment = dt.datetime(2026, 11, 30, 21, 5, tzinfo=dt.UTC)
    clock.configure_dates("en", {"LANG": "en_GB.UTF-8"})
    clock._forms_of = None
    clock.local_text(moment)
    [written] = cache.glob("dates-*.json")
    stored = orjson.loads(written.read_bytes())
    assert "%(HH)s" in stored["value"]["datetime"]
    written.write_bytes(orjson.dumps(stored | {"value": damage(stored["value"])}))
    clock._forms_of = None  # a new start
    assert clock.local_text(moment) == "30/11/2026, 21:05"
    assert clock.local_date(moment.date()) == "30/11/2026"
    assert orjson.loads(written.read_bytes()) == stored  # written down again


def test_a_later_start_formats_dates_without_babel(tmp_path):
    code = (
        "import datetime as dt, sys\n"
        "from tui.base import clock\n"
        "clock.configure_dates('en', {'LANG': 'en_GB.UTF-8'})\n"
        "from tui.library.regions import region_name\n"
        "print(clock.local_text(dt.datetime(2026, 11, 30, 21, 5, tzinfo=dt.UTC)))\n"
        "print(region_name('HK', 'zh-CN'))\n"
        "print('babel' in sys.modules)\n"
    )
    env = os.environ | {"XDG_CACHE_HOME": str(tmp_path / "cache"), "TZ": "UTC"}
    runs = [
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
        for _ in range(2)
    ]
    assert [run.stdout.split() for run in runs] == [
        ["30/11/2026,", "21:05", "中国香港特别行政区", "True"],  # worked out with Babel, kept
        ["30/11/2026,", "21:05", "中国香港特别行政区", "False"],  # read back
    ], [run.stderr for run in runs]


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_region_names_kept_are_babels(cache, lang):
    from babel import Locale

    from tui.library.regions import _LOCALES, PHONE_REGIONS, SHOWN_NAMES, _region_names, region_name

    territories = Locale.parse(_LOCALES[lang]).territories
    for start in ("worked out", "read back"):
        _region_names.cache_clear()  # a new start
        for code in sorted(PHONE_REGIONS - set(SHOWN_NAMES)) + ["ZZ", "QO"]:
            assert region_name(code, lang) == territories.get(code, code), (start, code)
    assert list(cache.glob("regions-*.json"))


@pytest.mark.parametrize("damage", [[1, 2], {"HK": 5}, "text", None])
def test_region_names_edited_but_still_json_are_worked_out_again(cache, damage):
    import orjson

    from tui.library.regions import _region_names, region_name

    _region_names.cache_clear()
    assert region_name("HK", "zh-CN") == "中国香港特别行政区"
    [written] = cache.glob("regions-*.json")
    stored = orjson.loads(written.read_bytes())
    written.write_bytes(orjson.dumps(stored | {"value": damage}))
    _region_names.cache_clear()  # a new start
    assert region_name("HK", "zh-CN") == "中国香港特别行政区"
    assert orjson.loads(written.read_bytes()) == stored
