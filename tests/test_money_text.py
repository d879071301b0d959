"""Money shows as Babel formats it for the UI language's locale, everywhere the app
shows it (header, log, dialogs, report): thousands grouped, the currency's own
decimals (JPY none), its symbol; a later start formats it from the facts Babel gave,
kept in the cache folder, without loading Babel; what is shown is read back when
typed (tui/base/money.py, tui.records.amounts.parse_amount)."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from decimal import Decimal

import orjson
import pytest
from babel import Locale
from babel.numbers import format_currency, get_currency_precision

from tests.helpers.pilot import settle, type_text
from tui.base import money
from tui.base.i18n import Catalog
from tui.base.money import money_text
from tui.domain.export import to_markdown
from tui.domain.tracker import Tracker
from tui.records.card_error import CardError
from tui.records.card_fields import CardFields
from tui.storage.store import Store
from tui.ui.followup_screens import MoneyScreen
from tui.ui.header import title_forms
from tui.ui.labels import log_text

LOCALES = {"en": "en_US", "zh-CN": "zh_CN"}
CURRENCIES = ("JPY", "CNY", "USD", "EUR", "HKD", "GBP", "KRW", "TWD", "BHD", "CHF", "XYZ")
METRO = CardFields("Metro card", "transit", "cancel", "", "CN")


def babel(amount: str, currency: str, lang: str) -> str:
    return format_currency(Decimal(amount), currency, locale=LOCALES[lang])


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    new_start()
    yield tmp_path / "cache" / "cardoff-tui"
    new_start()


def new_start() -> None:
    """Forget what this process worked out or read back, as a new start has."""
    money._facts.clear()
    money._digits = None
    money._shown.cache_clear()


@pytest.mark.parametrize(
    ("amount", "currency", "lang", "expected"),
    [
        ("12000", "JPY", "en", "¥12,000"),
        ("12000.00", "JPY", "en", "¥12,000"),
        ("12000", "JPY", "zh-CN", "JP¥12,000"),
        ("1234.5", "CNY", "en", "CN¥1,234.50"),
        ("1234.5", "CNY", "zh-CN", "¥1,234.50"),
        ("1234567.8", "USD", "en", "$1,234,567.80"),
        ("1234567.8", "USD", "zh-CN", "US$1,234,567.80"),
        ("5000", "KRW", "en", "₩5,000"),
        ("1234.5", "", "en", "1,234.50"),
        # kept before decimals were checked: shown, not rounded away
        ("12000.50", "JPY", "en", "¥12,000.5"),
    ],
)
def test_amounts_show_as_babel_formats_them_for_the_language(
    cache, amount, currency, lang, expected
):
    assert money_text(amount, currency, lang) == expected
    digits = get_currency_precision(currency) if currency else 2
    if currency and Decimal(amount) == Decimal(amount).quantize(Decimal(1).scaleb(-digits)):
        assert expected == babel(amount, currency, lang)


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_the_facts_kept_give_what_babel_gives(cache, lang):
    """Every currency the locale names and one it does not, many amounts: the first
    start (facts worked out with Babel and kept) and a later one (read back) show what
    Babel's format_currency shows."""
    rng = random.Random(16)
    codes = sorted(set(Locale.parse(LOCALES[lang]).currencies) | {"XYZ"})
    amounts = ["0", "0.05", "7", "999", "1000", "12000", "1234.5", "9999999.99", "10000000"]
    amounts += [str(Decimal(rng.randint(0, 10**9)) / 100) for _ in range(20)]
    for start in ("worked out", "read back"):
        new_start()
        for code in codes:
            digits = get_currency_precision(code)
            for amount in amounts:
                value = Decimal(amount)
                if value != value.quantize(Decimal(1).scaleb(-digits)):
                    continue  # more decimals than the currency has: see the test above
                assert money_text(amount, code, lang) == babel(amount, code, lang), (start, code)
    assert list(cache.glob("money-*.json")) and list(cache.glob("currency-digits-*.json"))


@pytest.mark.parametrize(
    "damage",
    [
        lambda facts: facts | {"grouping": [0, 3]},
        lambda facts: facts | {"symbols": {"JPY": 5}},
        lambda facts: {k: v for k, v in facts.items() if k != "decimal"},
        lambda facts: "not a mapping",
    ],
    ids=["grouping of 0", "symbol not text", "no decimal sign", "not a mapping"],
)
def test_money_facts_edited_but_still_json_are_worked_out_again(cache, damage):
    assert money_text("12000", "JPY", "en") == "¥12,000"
    [written] = cache.glob("money-*.json")
    stored = orjson.loads(written.read_bytes())
    written.write_bytes(orjson.dumps(stored | {"value": damage(stored["value"])}))
    new_start()
    assert money_text("12000", "JPY", "en") == "¥12,000"
    assert orjson.loads(written.read_bytes()) == stored


def test_a_later_start_formats_money_without_babel(tmp_path):
    code = (
        "import sys\n"
        "from tui.base.money import money_text\n"
        "print(money_text('12000', 'JPY', 'en'), money_text('1234.5', 'CNY', 'zh-CN'))\n"
        "print('babel' in sys.modules)\n"
    )
    env = os.environ | {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    runs = [
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
        for _ in range(2)
    ]
    assert [run.stdout.split() for run in runs] == [
        ["¥12,000", "¥1,234.50", "True"],  # worked out with Babel, kept
        ["¥12,000", "¥1,234.50", "False"],  # read back
    ], [run.stderr for run in runs]


# what is shown is read back when typed


@pytest.mark.parametrize(
    ("typed", "currency", "kept"),
    [
        ("12,000", "JPY", "12000.00"),
        ("¥12,000", "JPY", "12000.00"),
        ("JP¥12,000", "JPY", "12000.00"),
        ("12,000 JPY", "JPY", "12000.00"),
        ("jpy 12000", "JPY", "12000.00"),
        ("12000.00", "JPY", "12000.00"),
        ("CN¥1,234.50", "CNY", "1234.50"),
        ("¥1,234.5", "CNY", "1234.50"),  # as the Chinese dialog shows it (see below)
        ("1，234.50", "CNY", "1234.50"),
        ("US$1,234,567.80", "USD", "1234567.80"),
        ("$12.30", "USD", "12.30"),
    ],
)
def test_what_is_shown_is_read_back(tracker, typed, currency, kept):
    """Each as the dialog in English shows it, or in Chinese where its sign is the one
    that language shows for the currency (¥ for CNY: tests/test_currency_signs.py)."""
    card = tracker.add_card(METRO)
    lang = "zh-CN" if typed.startswith("¥") and currency == "CNY" else "en"
    tracker.set_money(card.id, typed, "", currency, lang=lang)
    assert tracker.store.card(card.id).money["balance"] == kept


@pytest.mark.parametrize(
    ("typed", "currency", "key"),
    [
        ("12,00", "CNY", "error.amount_format"),  # a decimal comma: never read as 1200
        ("1,2,3", "CNY", "error.amount_format"),
        ("12,0000", "USD", "error.amount_format"),
        ("$5", "CNY", "error.amount_currency"),  # another currency's symbol: said so
        ("12000.50", "JPY", "error.amount_whole"),  # JPY has no smaller unit
        ("¥0.5", "JPY", "error.amount_whole"),
    ],
)
def test_amounts_that_would_be_read_wrongly_are_refused(tracker, typed, currency, key):
    card = tracker.add_card(METRO)
    with pytest.raises(CardError) as caught:
        tracker.set_money(card.id, typed, "", currency)
    assert (caught.value.field, caught.value.key) == ("balance", key)
    assert tracker.store.card(card.id).money == {}


def test_a_refund_in_a_currency_without_decimals_is_refused_with_why(tracker, content):
    card = tracker.add_card(METRO)
    tracker.set_money(card.id, "12000", "", "JPY")
    with pytest.raises(CardError) as caught:
        tracker.record_refund(card.id, "100.5")
    assert caught.value.key == "error.amount_whole"
    for lang in ("en", "zh-CN"):
        said = Catalog(content.strings, lang)(caught.value.key, **caught.value.params)
        assert "JPY" in said and "{" not in said
    tracker.record_refund(card.id, "¥2,000")
    assert tracker.store.card(card.id).money["refunded"] == "2000.00"


# every place that shows an amount


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_the_header_forms_show_every_amount_as_babel_does(content, lang):
    from tui.domain.totals import Overview

    t = Catalog(content.strings, lang)
    owed = {"JPY": Decimal("12000"), "CNY": Decimal("1234.5"), "USD": Decimal("30")}
    forms = title_forms(t, "cardoff-tui", Overview(0, 3, 0, 30), owed, 0)
    shown = [babel(str(a), c, lang) for c, a in sorted(owed.items())]
    assert all(amount in forms[0][1] for amount in shown), forms[0]
    assert forms[-1][1].endswith(t("money.owed_more", first=shown[0], count=2))
    assert not any("12000" in sub or "JPY 12" in sub for _, sub in forms)


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_the_log_shows_amounts_as_babel_does(tracker, content, lang):
    t = Catalog(content.strings, lang)
    card = tracker.add_card(METRO)
    tracker.set_money(card.id, "12000", "500", "JPY")
    tracker.record_refund(card.id, "2000", "cash")
    texts = [log_text(entry, t, with_card=False) for entry in tracker.store.log(card.id)]
    said = "\n".join(texts)
    for amount in ("12000", "500", "2000"):
        assert babel(amount, "JPY", lang) in said, said
    assert "12000.00" not in said and "JPY" not in said


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_the_report_shows_amounts_as_babel_does(tracker, content, lang):
    t = Catalog(content.strings, lang)
    jpy = tracker.add_card(METRO)
    tracker.set_money(jpy.id, "12000", "", "JPY")
    tracker.record_refund(jpy.id, "2000")
    cny = tracker.add_card(CardFields("Debit", "bank", "cancel", "", "CN"))
    tracker.set_money(cny.id, "1234.5", "", "CNY")
    report = to_markdown(tracker, catalog=t)
    for amount, currency in (("12000", "JPY"), ("2000", "JPY"), ("10000", "JPY"),
                             ("1234.5", "CNY")):
        assert babel(amount, currency, lang) in report, (amount, report)
    assert "12000.00" not in report and "JPY 1" not in report


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
async def test_the_money_dialog_shows_amounts_as_the_app_does_and_reads_them_back(
    make_app, content, clock, lang
):
    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock)
    card = tracker.add_card(METRO)
    deposit, currency = ("500", "JPY") if lang == "en" else ("1234.5", "CNY")
    tracker.set_money(card.id, "12000", deposit, currency)
    before = dict(store.card(card.id).money)
    app = make_app(store, lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("m")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MoneyScreen)
        shown = screen.values()
        if lang == "en":
            assert shown == {"balance": "12,000", "deposit": "500", "currency": "JPY"}
        else:
            assert shown == {"balance": "12,000.00", "deposit": "1,234.50", "currency": "CNY"}
        await pilot.press("ctrl+s")  # saved as shown: the amounts stay what they were
        await settle(pilot)
        assert not isinstance(app.screen, MoneyScreen)
        assert store.card(card.id).money == before


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
async def test_the_refund_dialog_says_what_is_still_held(make_app, content, clock, lang):
    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock)
    card = tracker.add_card(METRO)
    tracker.set_money(card.id, "12000", "", "JPY")
    app = make_app(store, lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        app.action_refund()
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MoneyScreen) and screen.refund
        said = "\n".join(str(s.render()) for s in screen.query("Static"))
        assert app.t("refund.held", amount=babel("12000", "JPY", lang)) in said, said
        # as each language shows the yen: ¥ in Chinese is the yuan (test_currency_signs)
        await type_text(pilot, "¥2,000" if lang == "en" else "JP¥2,000")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert store.card(card.id).money["refunded"] == "2000.00"


def test_a_later_start_shows_the_owed_amounts_in_its_first_frame_without_babel(
    tmp_path, content, clock
):
    """The header shows what is owed in its first frame: the start after the one that
    worked Babel's facts out shows `¥12,000` without loading Babel (~30 ms)."""
    path = tmp_path / "cardoff.json"
    store = Store.open(path)
    tracker = Tracker(store, content.playbooks, clock, issuers=content.issuers)
    card = tracker.add_card(METRO)
    tracker.set_money(card.id, "12000", "", "JPY")
    store.close()
    code = (
        "import asyncio, sys\n"
        "from pathlib import Path\n"
        "from tui.storage.store import Store\n"
        "from tui.ui.app import create_app\n"
        f"app = create_app(Store.open(Path({str(path)!r})))\n"
        "async def first_frame():\n"
        "    async with app.run_test(size=(80, 24)) as pilot:\n"
        "        await pilot.pause()\n"
        "        print(repr(app.sub_title))\n"
        "asyncio.run(first_frame())\n"
        "print('babel' in sys.modules)\n"
    )
    env = os.environ | {"XDG_CACHE_HOME": str(tmp_path / "cache"), "TZ": "UTC"}
    runs = [
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
        for _ in range(2)
    ]
    assert all(run.returncode == 0 for run in runs), [run.stderr for run in runs]
    assert all("¥12,000" in run.stdout for run in runs), [run.stdout for run in runs]
    assert runs[1].stdout.split()[-1] == "False", runs[1].stdout
