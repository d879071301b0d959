"""Phone numbers as the directory holds them: checked, formatted, and whether they
can be dialled from outside their region. All facts about numbering plans come
from phonenumbers (Google's libphonenumber metadata)."""

from __future__ import annotations

from functools import lru_cache

from tui.library.regions import GLOBAL, typed_code

NUMBER_CHARACTERS = frozenset("0123456789+-() .")


def phone_region(region: str) -> str | None:
    """The region code phonenumbers reads a number in: UK is GB; XX (worldwide)
    has none, so its numbers must start with +."""
    if region == GLOBAL:
        return None
    return typed_code(region) or region


@lru_cache(maxsize=4096)
def _parsed(number: str, region: str):
    import phonenumbers

    try:
        return phonenumbers.parse(number, phone_region(region))
    except phonenumbers.NumberParseException:
        return None


def number_problem(number: str, region: str, short_code: bool) -> str | None:
    """Why this number cannot be shown and dialled for its region (None: it is fine):
    characters other than digits, spaces and `+-().` (`*#` in a short code), a
    number phonenumbers rejects, or a number of another country than `region`."""
    import phonenumbers
    from phonenumbers import shortnumberinfo

    if not short_code and not set(number) <= NUMBER_CHARACTERS:
        return f"{number!r} should hold only digits, spaces and + - ( ) ."
    if short_code:
        digits = number.replace("+", "").replace(" ", "")
        if not all(c.isdigit() or c in "*#" for c in digits) or len(digits) > 12:
            return f"short code {number!r} should be digits, * and # only"
        return None
    parsed = _parsed(number, region)
    if parsed is None:
        return f"{number!r} is not a phone number"
    if phonenumbers.is_valid_number(parsed):
        country = phonenumbers.region_code_for_number(parsed)
        home = phone_region(region)
        if home and country != home and not _same_plan(parsed, home):
            return f"{number!r} is a number of {country}, not of {region}"
        return None
    if not number.startswith("+") and shortnumberinfo.is_valid_short_number(parsed):
        return None
    return (
        f"{number!r} is not a valid number for {region} according to phonenumbers "
        "(for a short code it does not know, add short_code: true)"
    )


def _same_plan(parsed, region: str) -> bool:
    """Whether the number's country code is the region's (toll-free +1 800 numbers
    belong to no one region of the North American plan)."""
    import phonenumbers

    return parsed.country_code == phonenumbers.country_code_for_region(region)


def dialable_abroad(number: str, region: str, short_code: bool = False) -> bool:
    """Whether the number can be dialled from another country at all: short codes and
    numbers phonenumbers marks as not internationally diallable (mainland China's 400
    and 800 lines, many freephone numbers) cannot."""
    import phonenumbers

    if short_code:
        return False
    parsed = _parsed(number, region)
    if parsed is None or not phonenumbers.is_valid_number(parsed):
        return False  # a short code, or a pattern: as dialled, at home
    return phonenumbers.can_be_internationally_dialled(parsed)


def toll_free(number: str, region: str, short_code: bool = False) -> bool:
    """Whether phonenumbers reads the number as a toll-free (freephone) line: free to
    call within its country, and usually not reachable from another one (+1 800 lines
    from China), even where the numbering plan does not forbid it."""
    import phonenumbers

    if short_code:
        return False
    parsed = _parsed(number, region)
    if parsed is None or not phonenumbers.is_valid_number(parsed):
        return False
    return phonenumbers.number_type(parsed) == phonenumbers.PhoneNumberType.TOLL_FREE


def display_number(
    number: str, region: str, short_code: bool = False, national: bool = False
) -> str:
    """International form (+86 21 6361 1100) where it applies; the national form (021
    6361 1100, 400 669 5566) for a number that works only at home (`national`); short
    codes as dialled."""
    import phonenumbers

    if short_code:
        return number
    parsed = _parsed(number, region)
    if parsed is None or not phonenumbers.is_valid_number(parsed):
        return number  # a short code: as dialled
    style = phonenumbers.PhoneNumberFormat
    return phonenumbers.format_number(parsed, style.NATIONAL if national else style.INTERNATIONAL)


def dialled_forms(number: str, region: str) -> tuple[str, frozenset[str]]:
    """The digit strings someone may type for a directory number of `region`: (with its
    country code, as phonenumbers reads it: `8695588` for ICBC's 95588 in CN, "" when
    it cannot; every other form: as written, the national significant number, and the
    national form with its trunk prefix: `08000852401` for +44 800 085 2401)."""
    import phonenumbers

    forms = {"".join(c for c in number if c.isdigit())}
    parsed = _parsed(number, region)
    if parsed is None:
        return "", frozenset(form for form in forms if form)
    significant = phonenumbers.national_significant_number(parsed)
    national = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)
    forms |= {significant, "".join(c for c in national if c.isdigit())}
    return f"{parsed.country_code}{significant}", frozenset(form for form in forms if form)


def international_digits(text: str) -> str | None:
    """A number typed with its country code (`+44 (0)800 085 2401`, `0086 95588`) as
    its country code and national significant number in digits (`448000852401`), as
    phonenumbers reads it; None when it cannot."""
    import phonenumbers

    typed = "+" + text.strip().removeprefix("+").removeprefix("00") if text.strip().startswith(
        ("+", "00")
    ) else None
    if typed is None:
        return None
    try:
        parsed = phonenumbers.parse(typed, None)
    except phonenumbers.NumberParseException:
        return None
    return f"{parsed.country_code}{phonenumbers.national_significant_number(parsed)}"
