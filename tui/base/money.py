"""Money as the user reads it: an amount in its currency, formatted by Babel (CLDR) for
the UI language's locale (en → en_US, zh-CN → zh_CN): thousands grouped, the currency's
own number of decimals, its symbol where the locale has one (`¥12,000` for JPY in
English, `JP¥12,000` in Chinese; `CN¥1,234.50`, `¥1,234.50`). Every place that shows an
amount (the header, the log, the dialogs, the report) goes through `money_text`.

Importing Babel and reading its locale data costs about 30 ms, so what Babel says is
written down once in the cache folder (tui.base.kept_facts): per locale, its currency
pattern's parts, its separators and every currency's symbol (`money-*.json`); per
Babel, each currency's number of decimals (`currency-digits-*.json`). A later start
formats with those alone. The facts are tried against Babel when they are written
down; a locale whose pattern they cannot follow (a negative amount, another shape)
is left to Babel each time.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from functools import lru_cache

MONEY_VERSION = 1  # bump when what money-*.json or currency-digits-*.json holds changes
DEFAULT_DIGITS = 2  # CLDR's decimals for a currency it does not list
_facts: dict[str, dict | None] = {}  # Babel locale -> facts (None: Babel each time)
_digits: dict[str, int] | None = None
# tried against Babel when facts are written down: the pattern's shape, not each symbol
_TRIAL_AMOUNTS = ("0", "0.05", "7", "1234.5", "12000", "1234567.89", "12000.5")
_TRIAL_CURRENCIES = ("USD", "CNY", "JPY", "EUR", "BHD", "CHF", "ZZZ", "")


def _locale(lang: str) -> str:
    from tui.base.i18n import LANGUAGES

    return next((x.date_locale for x in LANGUAGES if x.code == lang), "en_US")


def money_text(
    amount: Decimal | str | int, currency: str, lang: str, symbol: bool = True
) -> str:
    """`amount` (a Decimal or what Decimal reads, e.g. a stored "12000.00") in
    `currency` (a 3-letter code; "" when none is known: the amount alone) as Babel's
    format_currency gives it for the locale of `lang` (a code of LANGUAGES):
    `money_text("12000", "JPY", "en")` is "¥12,000", `("1234.5", "CNY", "zh-CN")`
    "¥1,234.50". An amount holding more decimals than its currency has (JPY 12000.50
    kept before decimals were checked) shows them rather than being rounded. Text
    that is not an amount is shown as it is, after the currency. `symbol` False: the
    number alone, as it would show with the currency ("12,000" for JPY): what a form
    field holds, which read_amount reads back."""
    try:
        value = Decimal(amount)
    except (ArithmeticError, ValueError, TypeError):
        return f"{currency} {amount}".strip()
    if not value.is_finite():
        return f"{currency} {amount}".strip()
    return _shown(value, currency.strip().upper(), lang, symbol)


@lru_cache(maxsize=512)
def _shown(value: Decimal, currency: str, lang: str, symbol: bool) -> str:
    """money_text of a Decimal, kept: the header forms its title again on each step
    checked, with the same amounts (amounts equal as Decimals show the same)."""
    locale = _locale(lang)
    facts = _locale_facts(locale)
    if facts is not None and value >= 0:
        return _formatted(value, currency, facts, symbol)
    return _babel_text(value, currency, locale, symbol)


def amounts_text(amounts: Mapping[str, Decimal], lang: str, separator: str = ", ") -> str:
    """Amounts in several currencies (code → amount), ordered by code, each as
    money_text gives it, joined by `separator`."""
    return separator.join(money_text(a, c, lang) for c, a in sorted(amounts.items()))


def currency_digits(currency: str) -> int:
    """How many decimals `currency` (a 3-letter code) has: Babel's
    get_currency_precision (JPY 0, CNY 2, BHD 3; 2 for a code CLDR does not list)."""
    global _digits
    if _digits is None:
        from tui.base.kept_facts import kept

        _digits = kept("currency-digits", [MONEY_VERSION, _babel_stamp()], _work_out_digits,
                       _digits_usable)
    return _digits.get(currency.strip().upper(), _digits.get("DEFAULT", DEFAULT_DIGITS))


def amount_marks(currency: str) -> set[str]:
    """What money_text may show around an amount in `currency`, in any UI language:
    the code and the symbols ({"JPY", "¥", "JP¥"}); empty for ""."""
    from tui.base.i18n import LANGUAGES

    currency = currency.strip().upper()
    if not currency:
        return set()
    marks = {currency}
    for language in LANGUAGES:
        facts = _locale_facts(language.date_locale)
        if facts is not None:
            marks.add(facts["symbols"].get(currency, currency))
        else:
            from babel.numbers import get_currency_symbol

            marks.add(get_currency_symbol(currency, language.date_locale))
    return marks


# What people type beside an amount besides the codes and symbols Babel knows
# (amount_marks): the Chinese names of a currency and of its unit, and the everyday
# RMB. A word may name several currencies: 元 is the unit of the renminbi and of the
# Hong Kong, Macau and New Taiwan dollars, which are called 元 where they are used.
TYPED_WORDS: dict[str, tuple[str, ...]] = {
    "CNY": ("元", "圆", "元整", "块", "块钱", "人民币", "RMB"),
    "HKD": ("元", "圆", "港元", "港币", "港幣", "港圓"),
    "MOP": ("元", "圆", "澳门元", "澳门币", "澳門元", "澳門幣", "MOP$"),
    "TWD": ("元", "圆", "新台币", "台币", "新臺幣", "臺幣", "NT$"),
    "USD": ("美元", "美金"),
    "EUR": ("欧元", "歐元"),
    "GBP": ("英镑", "英鎊"),
    "JPY": ("日元", "日圆", "日圓", "円"),
    "KRW": ("韩元", "韓元", "韩币"),
    "SGD": ("新加坡元", "新元", "S$"),
    "AUD": ("澳元", "澳币", "A$"),
    "CAD": ("加元", "加币", "CA$"),
    "NZD": ("新西兰元", "纽元", "NZ$"),
    "CHF": ("瑞士法郎",),
    "THB": ("泰铢",),
    "RUB": ("卢布",),
}


def typed_marks(currency: str, lang: str) -> set[str]:
    """What the user may type beside an amount in `currency` (a 3-letter code) in a
    dialog in `lang` (a code of LANGUAGES): the code, the symbol money_text shows for
    it in `lang`, the symbols the other languages show for it that hold letters and
    so name it alone (`CN¥`, `JP¥`, `US$`, `HK$`), and its TYPED_WORDS; empty for "".
    A bare sign another language shows for it is not one of them: `¥` is the yen in
    English and the yuan in Chinese, `$` any of the dollars, so a JPY amount may be
    typed `¥12,000` in English but not in Chinese (where it reads CNY)."""
    currency = currency.strip().upper()
    if not currency:
        return set()
    marks = {currency, currency_symbol(currency, lang)}
    marks.update(mark for mark in amount_marks(currency) if any(c.isalpha() for c in mark))
    return marks | set(TYPED_WORDS.get(currency, ()))


def currency_symbol(currency: str, lang: str) -> str:
    """The symbol money_text shows for `currency` (a 3-letter code) in `lang`: "¥" for
    JPY in English, "JP¥" in Chinese; the code where the locale has no symbol."""
    currency = currency.strip().upper()
    facts = _locale_facts(_locale(lang))
    if facts is not None:
        return facts["symbols"].get(currency, currency)
    from babel.numbers import get_currency_symbol

    return get_currency_symbol(currency, _locale(lang))


def amount_examples(number: str, currency: str, lang: str) -> dict[str, str]:
    """How to type the amount `number` (as the user typed it, before or after a mark
    that was refused) in `currency` in `lang`: `plain` ("12,000"), `shown` (with the
    currency's symbol there, "JP¥12,000") and `coded` ("12,000 JPY"), as money_text
    shows it when `number` reads as one (else as typed)."""
    plain = number.strip() or "25.50"
    try:
        value = Decimal(plain.replace(",", ""))
    except (ArithmeticError, ValueError):
        value = None
    if value is not None and value.is_finite() and value >= 0:
        plain = money_text(value, currency, lang, symbol=False)
        shown = money_text(value, currency, lang)
    else:
        shown = currency_symbol(currency, lang) + plain
    return {"plain": plain, "shown": shown, "coded": f"{plain} {currency}"}


@lru_cache(maxsize=1)
def every_mark() -> frozenset[str]:
    """Every currency's code, its symbols in the app's languages and its TYPED_WORDS,
    upper case: a mark beside an amount that is none of its currency's typed_marks but
    one of these names another currency."""
    from babel import Locale
    from babel.numbers import list_currencies

    from tui.base.i18n import LANGUAGES

    marks = set(list_currencies())
    for language in LANGUAGES:
        facts = _locale_facts(language.date_locale)
        symbols = facts["symbols"] if facts is not None else None
        if symbols is None:
            symbols = Locale.parse(language.date_locale).currency_symbols
        marks.update(symbols.values())
    marks.update(word for words in TYPED_WORDS.values() for word in words)
    return frozenset(mark.upper() for mark in marks)


def _formatted(value: Decimal, currency: str, facts: Mapping, symbol: bool = True) -> str:
    """`value` (not negative) formatted with the facts written down (see _work_out)."""
    digits = currency_digits(currency) if currency else DEFAULT_DIGITS
    exponent = value.normalize().as_tuple().exponent
    shown = max(digits, -exponent if isinstance(exponent, int) and exponent < 0 else 0)
    text = f"{value:.{shown}f}"
    whole, _, fraction = text.partition(".")
    first, then = facts["grouping"]
    groups, size = [], first
    while len(whole) > size:
        groups.insert(0, whole[-size:])
        whole, size = whole[:-size], then
    number = facts["group"].join([whole, *groups])
    if fraction:
        number += facts["decimal"] + fraction
    if not (currency and symbol):
        return number
    shown = facts["symbols"].get(currency, currency)
    return facts["prefix"].replace("¤", shown) + number + facts["suffix"].replace("¤", shown)


def _babel_text(value: Decimal, currency: str, locale: str, symbol: bool = True) -> str:
    """What Babel gives (see money_text)."""
    from babel.numbers import format_currency, format_decimal

    digits = currency_digits(currency) if currency else DEFAULT_DIGITS
    exact = value == value.quantize(Decimal(1).scaleb(-digits))
    if not currency:
        return format_decimal(value, "#,##0.00", locale=locale, decimal_quantization=exact)
    return format_currency(value, currency, locale=locale, decimal_quantization=exact,
                           **({} if symbol else {"format": "#,##0.00"}))


def _locale_facts(locale: str) -> dict | None:
    if locale not in _facts:
        from tui.base.kept_facts import kept

        facts = kept("money", [MONEY_VERSION, _babel_stamp(), locale],
                     lambda: _work_out(locale), _usable)
        _facts[locale] = facts if isinstance(facts, dict) and facts.get("symbols") else None
    return _facts[locale]


def _babel_stamp() -> list:
    from tui.base.clock import babel_stamp

    return babel_stamp()


def _work_out(locale: str) -> dict:
    """The facts of `locale` from Babel: the positive currency pattern's prefix and
    suffix (with ¤ for the symbol), its grouping, the separators and every currency's
    symbol; {"symbols": None} when formatting with them does not give what Babel gives
    for the trial amounts and currencies."""
    from babel import Locale
    from babel.numbers import get_currency_symbol, get_decimal_symbol, get_group_symbol

    where = Locale.parse(locale)
    pattern = where.currency_formats["standard"]
    codes = set(where.currencies) | set(where.currency_symbols)
    facts = {
        "prefix": pattern.prefix[0],
        "suffix": pattern.suffix[0],
        "grouping": list(pattern.grouping),
        "group": get_group_symbol(where),
        "decimal": get_decimal_symbol(where),
        "symbols": {code: get_currency_symbol(code, where) for code in sorted(codes)},
    }
    plain = pattern.int_prec[0] == 1 and pattern.frac_prec == (2, 2)
    if not (plain and _usable(facts) and _same_as_babel(facts, locale, _TRIAL_CURRENCIES)):
        return {"symbols": None}
    return facts


def _same_as_babel(facts: Mapping, locale: str, currencies: Iterable[str]) -> bool:
    return all(
        _formatted(Decimal(a), c, facts, symbol) == _babel_text(Decimal(a), c, locale, symbol)
        for c in currencies
        for a in _TRIAL_AMOUNTS
        for symbol in (True, False)
    )


def _usable(facts: object) -> bool:
    """Whether facts read back from the cache folder can format an amount (a file
    edited or damaged while still JSON is worked out again)."""
    if not isinstance(facts, dict):
        return False
    if facts.get("symbols") is None:
        return True  # Babel each time: what was found for this locale
    texts = [facts.get(k) for k in ("prefix", "suffix", "group", "decimal")]
    grouping, symbols = facts.get("grouping"), facts.get("symbols")
    return (
        all(isinstance(x, str) for x in texts)
        and isinstance(grouping, list)
        and len(grouping) == 2
        and all(isinstance(g, int) and not isinstance(g, bool) and g > 0 for g in grouping)
        and isinstance(symbols, dict)
        and all(isinstance(v, str) and v for v in symbols.values())
    )


def _work_out_digits() -> dict[str, int]:
    """Every currency's decimals CLDR lists (Babel's currency_fractions), and DEFAULT."""
    from babel.core import get_global
    from babel.numbers import get_currency_precision

    return {code: get_currency_precision(code) for code in get_global("currency_fractions")}


def _digits_usable(digits: object) -> bool:
    return (
        isinstance(digits, dict)
        and "DEFAULT" in digits
        and all(isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= 6
                for v in digits.values())
    )
