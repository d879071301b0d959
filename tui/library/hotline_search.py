"""Finding issuers by what the user types: the text each issuer is found by,
casefolded and indexed once per content load, and the order of the matches (exact,
prefix, substring, then fuzzy with rapidfuzz; among equal matches the card's region,
place and kind first, then load order).

A query is a word, or the start of one, never the inside of another word: `iphone`
does not find CitiPhone (Citibank's phone banking) by the letters they share, nor
`phone` it, nor `bank` Scotiabank. A substring counts where a word of the key begins
(`mobile` in T-Mobile, `oyster` in TfL Oyster), and a fuzzy match only between texts
that begin alike but for one typo at the start (`moblie`, `icbc` for CIBC, not
`iphone` for CitiPhone): begin_alike. Chinese and Japanese are written without spaces,
so a query that starts with a wide character may match anywhere (`交通卡` in
上海公共交通卡), and so may one of digits (a number's local part after its country
code).

The same fuzzy measure says how closely a card's issuer text reads as each issuer's
own names (`IssuerIndex.closeness`): IssuerDirectory.match links a card by it when one
issuer is clearly the closest.

A search casefolds the query once and scans one text per issuer (its keys between
newlines, which no query holds): about 1-2 ms over 5,000 issuers, so the hotline
screen can search on every keystroke.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Sequence
from itertools import islice
from typing import TYPE_CHECKING
from unicodedata import east_asian_width

from tui.base.wide_forms import narrowed
from tui.library.regions import GLOBAL

if TYPE_CHECKING:
    from tui.library.issuers import Issuer

EXACT, PREFIX, SUBSTRING = 300, 250, 200  # scores; fuzzy ones are rapidfuzz's 70-100
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


def spaced_letter(char: str) -> bool:
    """Whether `char` is a letter of a script written with spaces between words
    (Latin, Greek, Cyrillic): not a digit, a sign or a wide character (Chinese,
    Japanese, Korean), any of which may begin a word."""
    return char.isalpha() and east_asian_width(char) not in ("W", "F")


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
    starts: the same first letter, the first one mistyped (`icbc`, `ocbc`), or the
    first two swapped (`icbc`, `cibc`). A letter left out or added before the first
    would make `phone` read as `iphone`."""
    return a[0] == b[0] or a[1:3] == b[1:3] or a[:2] == b[1::-1]


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


class IssuerIndex:
    """The search text of `issuers` (in load order), built once."""

    def __init__(self, issuers: Sequence[Issuer]) -> None:
        self.issuers = list(issuers)
        self.keys: list[str] = []  # every search key, casefolded
        self.owners: list[int] = []  # the position of the issuer each key is of
        # the names that link a card by themselves, and the generic ones that only
        # suggest an issuer, casefolded, each with the position of its issuer
        self._names: list[str] = []
        self._name_owners: list[int] = []
        self._generic: list[str] = []
        self._generic_owners: list[int] = []
        self._texts: list[str] = []  # per issuer: "\nkey\nkey\n"
        self._areas: list[frozenset[str]] = []
        self._ranks: dict[tuple[str, str, str], list[int]] = {}
        for position, issuer in enumerate(self.issuers):
            keys = [normalised(key) for key in issuer.search_keys]
            self.keys += keys
            self.owners += [position] * len(keys)
            self._names += map(normalised, issuer.keys)
            self._name_owners += [position] * len(issuer.keys)
            self._generic += map(normalised, issuer.suggest)
            self._generic_owners += [position] * len(issuer.suggest)
            self._texts.append("\n" + "\n".join(keys) + "\n")
            self._areas.append(frozenset(map(normalised, issuer.area.by_lang.values())))

    def search(
        self, query: str, limit: int = 30, region: str = "", kind: str = "", place: str = ""
    ) -> list[Issuer]:
        """At most `limit` issuers, best first (see the module's docstring); with an
        empty query, the region's and worldwide issuers first, in load order."""
        q = normalised(query)
        if not q:
            return self._first(limit, region)
        bits = self._rank_bits(region, place, kind)
        texts, whole, start = self._texts, f"\n{q}\n", f"\n{q}"
        hits = [i for i, text in enumerate(texts) if q in text and at_a_word_start(q, text)]
        if len(hits) >= limit:  # enough without fuzzy matches: rank them as numbers
            size = len(texts)
            order = [
                ((0 if whole in texts[i] else 1 if start in texts[i] else 2) * 8 + bits[i]) * size
                + i
                for i in hits
            ]
            return [self.issuers[key % size] for key in heapq.nsmallest(limit, order)]
        best: dict[int, float] = {
            i: EXACT if whole in texts[i] else PREFIX if start in texts[i] else SUBSTRING
            for i in hits
        }
        from rapidfuzz import fuzz, process

        close = process.extract(q, self.keys, scorer=fuzz.ratio, limit=None, score_cutoff=70)
        alike = (found for found in close if begin_alike(q, found[0]))
        for _key, score, index in islice(alike, limit * 2):
            owner = self.owners[index]
            best[owner] = max(best.get(owner, 0), score)
        ranked = sorted(best.items(), key=lambda item: (-item[1], bits[item[0]]))[:limit]
        return [self.issuers[i] for i, _ in ranked]

    def closeness(
        self, query: str, floor: float = 60, generic: bool = False
    ) -> tuple[dict[int, float], dict[int, float]]:
        """Per issuer (its position in `issuers`), how closely `query` reads as one of
        its own names (its id, names and aliases), or with `generic` as one of the
        generic names it only suggests (never the place it serves or its numbers):
        rapidfuzz's ratio, 0-100, of the two texts `normalised`, as the fuzzy stage of
        `search` measures (computed here by `common_length`, so that a card's link
        costs no rapidfuzz import before the first frame). Two answers: by the names
        that begin alike as a fuzzy match must (begin_alike: what the query reads as),
        and by every name (`iPhone` reads 80 as CitiPhone, inside its word: enough to
        say the query is not clearly anything else). Only issuers scoring at least
        `floor` (50 or more); 100 is the same text."""
        alike: dict[int, float] = {}
        every: dict[int, float] = {}
        wanted = normalised(query)
        if not wanted:
            return alike, every
        keys, owners = (
            (self._generic, self._generic_owners) if generic else (self._names, self._name_owners)
        )
        masks: dict[str, int] = {}
        for i, char in enumerate(wanted):
            masks[char] = masks.get(char, 0) | 1 << i
        size = len(wanted)
        # a ratio of `floor` needs the shorter text to be at least this share of the
        # longer one: texts of other lengths are not compared at all
        share = floor / (200 - floor)
        for key, owner in zip(keys, owners, strict=True):
            if min(size, len(key)) < share * max(size, len(key)):
                continue
            score = 200 * common_length(masks, size, key) / (size + len(key))
            if score < floor:
                continue
            every[owner] = max(every.get(owner, 0.0), score)
            if score > alike.get(owner, 0.0) and begin_alike(wanted, key):
                alike[owner] = score
        return alike, every

    def _first(self, limit: int, region: str) -> list[Issuer]:
        home: list[Issuer] = []
        away: list[Issuer] = []
        for issuer in self.issuers:
            if not region or issuer.region in (region, GLOBAL):
                home.append(issuer)
                if len(home) >= limit:
                    break
            elif len(away) < limit:
                away.append(issuer)
        return (home + away)[:limit]

    def _rank_bits(self, region: str, place: str, kind: str) -> list[int]:
        """Per issuer, how far down an equal match goes: +4 outside `region` and not
        worldwide (not worldwide, when no region is given), +2 not serving `place`,
        +1 not issuing `kind`. Kept for the last few (region, place, kind)."""
        wanted = (region, normalised(place), kind)
        if (bits := self._ranks.get(wanted)) is None:
            here = wanted[1]
            bits = [
                4 * (issuer.region not in (region, GLOBAL) if region else issuer.region != GLOBAL)
                + 2 * (not here or here not in areas)
                + (bool(kind) and kind not in issuer.kinds)
                for issuer, areas in zip(self.issuers, self._areas, strict=True)
            ]
            if len(self._ranks) >= 8:  # the oldest goes
                del self._ranks[next(iter(self._ranks))]
            self._ranks[wanted] = bits
        return bits
