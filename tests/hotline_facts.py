"""The sourced list of numbers (../shared/hotlines.tsv beside the checkout, else the
copy in tests/data) and how a number in it is matched to one in content/issuers/."""

from __future__ import annotations

import csv
import re
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COPY = ROOT / "tests" / "data" / "hotlines.tsv"
SHARED = ROOT.parent / "shared" / "hotlines.tsv"


def facts_path() -> Path:
    return SHARED if SHARED.exists() else COPY


@cache
def facts() -> tuple[dict, ...]:
    with facts_path().open(encoding="utf-8") as handle:
        return tuple(csv.DictReader(handle, delimiter="\t"))


def number_key(number: str, region: str) -> str:
    """One form for the same number however it is written: E.164 when phonenumbers
    reads it as a valid number (letters as on a keypad, "81-92-…" read with its
    country code), else its digits, * and #."""
    import phonenumbers

    text = phonenumbers.convert_alpha_characters_in_number(number)
    spelt = re.search(r"[A-Za-z]", number) and re.search(r"\(([\d -]+)\)\s*$", number)
    if spelt:  # "1-800-DISCOVER (1-800-347-2683)": the digits it spells out, once
        digits = re.sub(r"\D", "", spelt.group(1))
        text = spelt.group(1) if len(digits) >= 10 else text[: text.rindex("(")]
    home = None if region == "XX" else region
    for candidate in (text, "+" + re.sub(r"\D", "", text)):
        try:
            parsed = phonenumbers.parse(candidate, home)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(parsed):
            return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    return re.sub(r"[^\d*#]", "", text)


def digit_runs(text: str) -> list[str]:
    """Runs of 5 or more digits (spaces, dashes, dots, brackets and + between them
    allowed) in free text: anything that could be read as a phone number."""
    found = []
    for match in re.finditer(r"\+?\d[\d\s().-]{3,}\d", text):
        digits = re.sub(r"\D", "", match.group())
        if len(digits) >= 5:
            found.append(digits)
    return found
