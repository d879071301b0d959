"""Money amounts and currencies as the user types them (a card's balance, deposit and
what came back), checked, and what is still owed. No Textual, no Rich, no I/O."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterable, Mapping
from decimal import Decimal, InvalidOperation

from tui.base.unseen import unseen_character, without_marks
from tui.base.wide_forms import narrowed
from tui.records.card_error import CardError

AMOUNT_MAX = Decimal("10000000")
AMOUNT_MAX_SHOWN = "10,000,000"  # as the messages show it (en and zh-CN group alike)
CENT = Decimal("0.01")


def parse_amount(
    text: str,
    field_name: str,
    currency: str = "",
    marks: Iterable[str] = (),
    digits: int = 2,
    others: Collection[str] = (),
) -> Decimal:
    """A money amount from what the user typed: not negative, at most 2 decimals and
    no more than `digits`, the decimals of `currency` (a 3-letter code, "" when not
    known; JPY has none: tui.base.money.currency_digits), at most AMOUNT_MAX ('' is 0).
    What tui.base.money.money_text shows is read back: thousands grouped with "," (or
    "，": "12,000", never "12,00"), one of `marks` (the currency's code, symbols and
    words, tui.base.money.typed_marks) before or after it, or both ("¥12,000",
    "12,000 JPY", "人民币35元"). What an input method types in full-width forms is read
    as what it stands for ("３５．５０", "￥35": tui.base.wide_forms), and so is the
    point of Chinese punctuation between digits ("35。5"). Formatting marks that cannot
    be seen and say nothing (a pasted U+200F, U+200B, U+FEFF: tui.base.unseen) are
    removed, and a no-break, narrow no-break or thin space between groups of three
    digits, as some locales group thousands and paste them ("12 000"), is read as the
    "," of the app's locales.
    Raises CardError(field_name, key), the key saying which rule it broke:
    "error.amount_character" (with `character`, named: "U+2003 EM SPACE"; what is not a
    number because of a character that cannot be seen), "error.amount_currency" (with
    `mark`, `currency` and `number`, the number typed beside it: one of `others`, the
    marks of every currency, or a currency sign,
    beside the number that is not one of `marks`: "$35" for CNY, and "¥35" for CNY in
    English, where ¥ is the yen: see typed_marks), "error.amount_format" (not a
    number, Infinity, NaN, "12,50"),
    "error.amount_negative", "error.amount_max" (with `limit`, AMOUNT_MAX),
    "error.amount_cents" (a third decimal: 12.345, 1e-30) or "error.amount_whole" (with
    `currency`: decimals in a currency that has none). Exponents too large or small to
    hold (1e309) are refused too: the amount is checked before it is rounded so that
    nothing in decimal's arithmetic can fail on it."""
    typed = _CHINESE_POINT.sub(".", narrowed(without_marks(text)).strip())
    typed = _SPACED_GROUP.sub(",", typed)
    number, other = _without_marks(typed, marks, others)
    if other and currency:
        bare = _AROUND.fullmatch(typed)
        raise CardError(field_name, "error.amount_currency", mark=other, currency=currency,
                        number=bare.group("number") if bare else "")
    if "," in number:
        if not _GROUPED.fullmatch(number):
            raise _not_a_number(field_name, typed)
        number = number.replace(",", "")
    if not number:
        return Decimal(0)
    try:
        amount = Decimal(number)
    except InvalidOperation:
        raise _not_a_number(field_name, typed) from None
    if not amount.is_finite():
        raise CardError(field_name, "error.amount_format")
    if amount < 0:
        raise CardError(field_name, "error.amount_negative")
    amount = amount.copy_abs()  # "-0" is 0: the data file holds no sign (record_schema.is_amount)
    if amount > AMOUNT_MAX:
        raise CardError(field_name, "error.amount_max", limit=AMOUNT_MAX_SHOWN)
    cents = amount.quantize(CENT)  # safe: at most 10 digits before the point here
    if amount != cents:
        raise CardError(field_name, "error.amount_cents")
    if digits < 2 and cents != cents.quantize(Decimal(1).scaleb(-max(digits, 0))):
        key = "error.amount_whole" if digits <= 0 else "error.amount_cents"
        raise CardError(field_name, key, currency=currency)
    return cents


def _not_a_number(field_name: str, typed: str) -> CardError:
    """The error for `typed`, which is not an amount: naming the character that cannot
    be seen in it when there is one (it may be why), else saying how to write one."""
    character = unseen_character(typed)
    if character:
        return CardError(field_name, "error.amount_character", character=character)
    return CardError(field_name, "error.amount_format")


# a no-break, figure, thin or narrow no-break space between groups of three digits:
# how some locales group thousands ("12 000", "1 234,50" in French)
_SPACED_GROUP = re.compile(r"(?<=\d)[\u00a0\u2007\u2009\u202f](?=\d{3}(?!\d))")
_GROUPED = re.compile(r"\d{1,3}(,\d{3})+(\.\d*)?")  # 12,000 and 1,234.50, not 12,00
_CHINESE_POINT = re.compile(r"(?<=\d)。(?=\d)")  # 35。5: a Chinese input method's point
# the number in what was typed, and what stands before and after it
_AROUND = re.compile(r"(?P<before>.*?)(?P<number>[-+]?\d[\d.,]*)(?P<after>.*)", re.DOTALL)


def _without_marks(
    text: str, marks: Iterable[str], others: Collection[str]
) -> tuple[str, str]:
    """`text` without one of `marks` (a currency's code, symbol or word) before the
    number and one after it; and the first other currency's mark found there instead
    ("" when none): one of `others` (upper case) or a currency sign ("$", "US$", "€")."""
    found = _AROUND.fullmatch(text)
    if found is None:
        return text, ""
    own = {mark.upper() for mark in marks}
    parts, other = [], ""
    for part in (found.group("before"), found.group("after")):
        word = part.strip()
        if word.upper() in own:
            part = ""
        elif word and not other and (word.upper() in others or _currency_sign(word)):
            other = word
        parts.append(part)
    return parts[0] + found.group("number") + parts[1], other


def _currency_sign(word: str) -> bool:
    """Whether `word` is a currency sign, alone or after letters: "$", "€", "US$", "R$"."""
    return any(unicodedata.category(c) == "Sc" for c in word) and all(
        unicodedata.category(c) == "Sc" or (c.isascii() and c.isalpha()) for c in word
    )


def parse_currency(text: str, field_name: str = "currency") -> str:
    """An ISO 4217 currency code from what the user typed (any case, spaces around):
    'cny' -> 'CNY'; '' stays ''. Raises CardError(field_name, "error.currency_format")
    for text that is not three letters, "error.currency_unknown" (with `currency`) for
    three letters that name no currency (XYZ). The codes are Babel's (CLDR's list of
    ISO 4217 currencies, babel.numbers.list_currencies). Full-width letters from an
    input method are read as the letters they are ('ＣＮＹ'), and marks that cannot be
    seen are removed (tui.base.unseen); "error.currency_character" (with `character`)
    names a character that cannot be seen in what is still refused."""
    code = narrowed(without_marks(text)).strip().upper()
    if not code:
        return ""
    if not (len(code) == 3 and code.isascii() and code.isalpha()):
        character = unseen_character(code)
        if character:
            raise CardError(field_name, "error.currency_character", character=character)
        raise CardError(field_name, "error.currency_format")
    from babel.numbers import list_currencies  # CLDR's data: loaded on first use

    if code not in list_currencies():
        raise CardError(field_name, "error.currency_unknown", currency=code)
    return code


def owed(money: Mapping[str, str]) -> Decimal:
    """Balance plus deposit, less what came back (never below zero)."""
    total = sum(
        (Decimal(money.get(k) or "0") for k in ("balance", "deposit")), Decimal(0)
    ) - Decimal(money.get("refunded") or "0")
    return max(total, Decimal(0))
