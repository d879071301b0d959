"""Where a query's text meets an issuer's key: at a word's start, as a whole word, or
alike but for a typo at a word's start (tui.library.hotline_search's rules, which its
docstring explains; a card's issuer text is read by the same ones). No import beyond
the standard library and tui.base."""

from __future__ import annotations

import re
from unicodedata import east_asian_width

from tui.base.wide_forms import narrowed

SHORT_WORD = 5  # a word shorter than this (an acronym) is not read fuzzily but for a swap


# a space between a Chinese, Japanese or Korean character and a bracket is spacing
# only: 苹果 (Apple), as the names were once written and a card may still say, is
# 苹果（Apple）, and 维萨 (Visa) 日本 is 维萨（Visa）日本
_WIDE = "\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff"
_BRACKET_SPACE = re.compile(rf"(?<=[{_WIDE}])\s+(?=\()|(?<=\))\s+(?=[{_WIDE}])")


def normalised(text: str) -> str:
    """Casefolded, with runs of whitespace as one space and none at the ends, and the
    full-width forms a Chinese input method types read as what they stand for
    (`ＩＣＢＣ` is ICBC: tui.base.wide_forms), with no space between a Chinese
    character and a bracket (`苹果 (Apple)` is `苹果（Apple）`)."""
    spaced = " ".join(narrowed(text).casefold().split())
    return _BRACKET_SPACE.sub("", spaced) if "(" in spaced or ")" in spaced else spaced


def wide(char: str) -> bool:
    """Whether `char` is a wide character (Chinese, Japanese, Korean, or a full-width
    form), of a script written without spaces between words."""
    return east_asian_width(char) in ("W", "F")


def spaced_letter(char: str) -> bool:
    """Whether `char` is a letter of a script written with spaces between words
    (Latin, Greek, Cyrillic): not a digit, a sign or a wide character (Chinese,
    Japanese, Korean), any of which may begin a word."""
    return char.isalpha() and not wide(char)


def at_a_word_start(query: str, text: str) -> bool:
    """Whether `query` (normalised, not empty) is in `text` where a word begins: at its
    start, or after anything but a letter of a spaced script (a space, a sign, a
    newline between keys, a digit), or anywhere when the query does not begin with
    such a letter (`交通卡`, `2860`)."""
    at = text.find(query)
    if not spaced_letter(query[0]):
        return at != -1
    while at != -1:
        if at == 0 or not spaced_letter(text[at - 1]):
            return True
        at = text.find(query, at + 1)
    return False


def begins_with(key: str, q: str) -> bool:
    """Whether `key` (normalised) begins with `q` (normalised) not cut inside a word
    (_joined): `hsbc uk` and `hsbc-uk` with `hsbc`, not `hsbcnet`; a Chinese name,
    written without spaces, only with the whole of it (`上海银行` not with `上海`)."""
    return key.startswith(q) and (len(key) == len(q) or not _joined(q[-1], key[len(q)]))


def a_whole_word(word: str, text: str) -> bool:
    """Whether `word` (normalised) is in `text` as a whole word: neither its first
    character nor its last runs on into the text beside it, as two letters of a spaced
    script or two digits do (`citi` in `citi`, not in `citic bank`; `3` in `3 uk`, not
    in a number)."""
    at = text.find(word)
    while at != -1:
        end = at + len(word)
        before = text[at - 1] if at else " "
        after = text[end] if end < len(text) else " "
        if not (_joined(before, word[0]) or _joined(word[-1], after)):
            return True
        at = text.find(word, at + 1)
    return False


def _joined(a: str, b: str) -> bool:
    """Whether two characters side by side are of one word: two letters of a spaced
    script, two digits, or two wide characters (of a script without spaces)."""
    return (
        (spaced_letter(a) and spaced_letter(b))
        or (a.isdigit() and b.isdigit())
        or (wide(a) and wide(b))
    )


def a_word_of(word: str, text: str) -> bool:
    """Whether `word` (normalised) is a whole word of `text` (a_whole_word), or in it
    anywhere when it does not begin with a letter of a spaced script (`银行`)."""
    return a_whole_word(word, text) if spaced_letter(word[0]) else word in text


def begin_alike(a: str, b: str) -> bool:
    """Whether two texts (normalised) are alike from where a word begins, as a fuzzy
    match must be: one begins as a word of the other does (its first, or a later one:
    `telecom`, `china telecom`) but for one typo at the start (_typo_apart). `iphone`
    and `citiphone` are not: one sits inside the other's word, which the ratio alone
    scores 80 for the letters they share. A text that does not begin with a letter of
    a spaced script (spaced_letter: `交通卡`, a number) is alike wherever it starts."""
    return _alike_at_a_word(a, b) or _alike_at_a_word(b, a)


def _alike_at_a_word(a: str, b: str) -> bool:
    """Whether `a` begins as one of the words of `b` begins (see begin_alike)."""
    if not (a and b and spaced_letter(a[0]) and spaced_letter(b[0])):
        return True
    return any(
        _typo_apart(a, b[at:])
        for at in range(len(b))
        if spaced_letter(b[at]) and (at == 0 or not spaced_letter(b[at - 1]))
    )


def _typo_apart(a: str, b: str) -> bool:
    """Whether `a` and `b` begin alike but for one typo that keeps the word where it
    starts: the same first letter, the first one mistyped (`moblie`, `nobile`), or the
    first two swapped (`icbc`, `cibc`). A letter left out or added before the first
    would make `phone` read as `iphone`. Where either first word is shorter than
    SHORT_WORD (an acronym), only the same letters in another order: one letter
    changed, added or left out is another name (`hsbc` and `psbc`, `icbc` and `ocbc`,
    `ccb` and `cb`)."""
    first_a, first_b = _first_word(a), _first_word(b)
    if min(len(first_a), len(first_b)) < SHORT_WORD:
        return sorted(first_a) == sorted(first_b)
    return a[0] == b[0] or a[1:3] == b[1:3] or a[:2] == b[1::-1]


def _first_word(text: str) -> str:
    """The letters `text` begins with, up to the first that is not a spaced letter."""
    end = 0
    while end < len(text) and spaced_letter(text[end]):
        end += 1
    return text[:end]


def common_length(masks: dict[str, int], size: int, text: str) -> int:
    """The length of the longest common subsequence of a text of `size` characters
    whose character positions are `masks` (char → bit mask) and `text`, by Hyyrö's
    bit-parallel algorithm (what rapidfuzz computes; a few microseconds a name, with
    no import): 2 × that / (both lengths) is rapidfuzz's `fuzz.ratio` / 100."""
    row = (1 << size) - 1
    for char in text:
        matched = row & masks.get(char, 0)
        row = ((row + matched) | (row - matched)) & ((1 << size) - 1)
    return size - row.bit_count()
