"""Taking what may be an identifier out of text that leaves the app: an error's
message in a crash report, a keyring backend's own words shown on screen."""

from __future__ import annotations

import re
from collections.abc import Iterable

REDACTED = "[redacted]"
SHORTEST_KNOWN = 4  # typed values shorter than this are not searched for (see redact)

# 4 or more digits, also split by single spaces, dashes or dots ("4111 1111 1111")
_DIGIT_RUN = re.compile(r"\d(?:[ .\-]?\d){3,}")
# a run of letters and digits ("8986F00123", "0x7ff7a1b2c3d4")
_WORD = re.compile(r"[^\W_]+")


def redact(text: str, known: Iterable[str] = (), mark: str = REDACTED) -> str:
    """`text` (an exception's message) with whatever may be an identifier replaced by
    `mark` ("[redacted]"; a reminder sent out uses "••••").

    What is replaced, in this order:
    1. each of `known` (values the user typed into identifier or passphrase fields)
       that is at least SHORTEST_KNOWN characters long, ignoring case, also in the form
       the app stores it (without spaces and dashes, upper case);
    2. every run of 4 or more digits, also when single spaces, dashes or dots split it
       (card numbers, ICCIDs, EIDs, numeric PINs, phone numbers; also years, times
       and addresses, which a report can do without);
    3. every word of letters and digits that holds 4 or more digits (an identifier
       typed with letters in it).

    A PIN or passphrase of letters only is found by (1) alone. Card names, notes and
    other text the user typed are not identifiers and are kept.
    """
    for value in _variants(known):
        text = re.sub(re.escape(value), lambda _: mark, text, flags=re.IGNORECASE)
    text = _DIGIT_RUN.sub(lambda _: mark, text)
    return _WORD.sub(lambda m: mark if _digits(m.group()) >= 4 else m.group(), text)


def _digits(word: str) -> int:
    return sum(ch.isdigit() for ch in word)


def _variants(known: Iterable[str]) -> list[str]:
    found = set()
    for value in known:
        if not isinstance(value, str):
            continue
        compact = "".join(value.replace("-", " ").split())
        found.update(v for v in (value, value.strip(), compact) if len(v) >= SHORTEST_KNOWN)
    return sorted(found, key=len, reverse=True)  # the longest first, so none is split
