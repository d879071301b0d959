"""Finding issuers by what the user types: the text each issuer is found by,
casefolded and indexed once per content load, and the order of the matches (exact,
prefix, substring, then fuzzy with rapidfuzz; among equal matches the card's region,
place and kind first, then load order).

The same fuzzy measure says how closely a card's issuer text reads as each issuer's
own names (`IssuerIndex.named`): IssuerDirectory.match links a card by it when one
issuer is clearly the closest.

A search casefolds the query once and scans one text per issuer (its keys between
newlines, which no query holds): about 1-2 ms over 5,000 issuers, so the hotline
screen can search on every keystroke.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from typing import TYPE_CHECKING

from tui.base.wide_forms import narrowed
from tui.library.regions import GLOBAL

if TYPE_CHECKING:
    from tui.library.issuers import Issuer

EXACT, PREFIX, SUBSTRING = 300, 250, 200  # scores; fuzzy ones are rapidfuzz's 70-100


def normalised(text: str) -> str:
    """Casefolded, with runs of whitespace as one space and none at the ends, and the
    full-width forms a Chinese input method types read as what they stand for
    (`ＩＣＢＣ` is ICBC: tui.base.wide_forms)."""
    return " ".join(narrowed(text).casefold().split())


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
        hits = [i for i, text in enumerate(texts) if q in text]
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

        for _key, score, index in process.extract(
            q, self.keys, scorer=fuzz.ratio, limit=limit * 2, score_cutoff=70
        ):
            owner = self.owners[index]
            best[owner] = max(best.get(owner, 0), score)
        ranked = sorted(best.items(), key=lambda item: (-item[1], bits[item[0]]))[:limit]
        return [self.issuers[i] for i, _ in ranked]

    def named(self, query: str, floor: float = 60, generic: bool = False) -> dict[int, float]:
        """Per issuer (its position in `issuers`), how closely `query` reads as one of
        its own names (its id, names and aliases), or with `generic` as one of the
        generic names it only suggests (never the place it serves or its numbers):
        rapidfuzz's ratio, 0-100, of the two texts `normalised`, as the fuzzy stage of
        `search` measures (computed here by `common_length`, so that a card's link
        costs no rapidfuzz import before the first frame). Only issuers scoring at least
        `floor` (50 or more); 100 is the same text."""
        wanted = normalised(query)
        if not wanted:
            return {}
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
        best: dict[int, float] = {}
        for key, owner in zip(keys, owners, strict=True):
            if min(size, len(key)) < share * max(size, len(key)):
                continue
            score = 200 * common_length(masks, size, key) / (size + len(key))
            if score >= floor and score > best.get(owner, 0.0):
                best[owner] = score
        return best

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
