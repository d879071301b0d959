"""Finding issuers by what the user types: the text each issuer is found by,
casefolded and indexed once per content load, and the order of the matches (exact,
prefix, substring, then fuzzy with rapidfuzz; among equal matches the card's region,
place and kind first, then load order).

A query is a word, or the start of one, never the inside of another word: `iphone`
does not find CitiPhone (Citibank's phone banking) by the letters they share, nor
`phone` it, nor `bank` Scotiabank. A substring counts where a word of the key begins
(`mobile` in T-Mobile, `oyster` in TfL Oyster), and a fuzzy match only between texts
that begin alike but for one typo at the start (`moblie`, `icbc` for CIBC, not
`iphone` for CitiPhone; in a short name only letters swapped: `hsbc` is not PSBC):
begin_alike, with the other rules of where a query meets a key, in
tui.library.word_match. Chinese and Japanese are written without spaces,
so a query that starts with a wide character may match anywhere (`交通卡` in
上海公共交通卡), and so may one of digits (a number's local part after its country
code).

The same fuzzy measure says how closely a card's issuer text reads as each issuer's
own names (`IssuerIndex.closeness`): IssuerDirectory.match links a card by it when one
issuer is clearly the closest.

Among matches of the query as one text, a match in an issuer's own name ranks above
one in its aliases, the names it only suggests or the place it serves (`mobile`:
China Mobile and T-Mobile before Mobile myki). With a region, an issuer of that region
whose name or alias begins with the query counts as named exactly (`HSBC` in GB is
HSBC UK, before HSBC Hong Kong).

A query of several words is also read word by word (tui.library.query_words): every
distinctive word must find the issuer (`ICBC Bank` is ICBC, never OCBC Bank by the
letters the two share; `London Oyster` is TfL by its area and alias); generic words
(bank, card, my, lost, 银行, 卡 ...) find nothing by themselves and only order the
issuers the distinctive words found. When the distinctive words together find no
issuer, those that find none by themselves are left out when the others are an
issuer's name or alias exactly (`IssuerIndex.left_out`, which the lookup says): `apple
watch` is Apple, `Chase Sapphire` Chase; `Sample Mobile` is nobody's. A Chinese or
Japanese word finds an issuer whose longest name inside it is the longest any issuer
has there (中国工商银行股份有限公司 is ICBC: it holds 中国工商银行). A query of
punctuation alone finds nothing.

A query written as a phone number (`+86 95588`, `0800 085 2401`, `+44 (0)800 085 2401`)
is read as its digits, and finds the issuers with that number as the directory
writes it from home or from abroad (`_by_number`: +86 95588 is ICBC's 95588), never
by a fuzzy likeness: a number one digit off is someone else's. A name typed with its
words run together (`hangseng`, `tmobile`) finds the issuer whose name it is.

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

from tui.base.wide_forms import narrowed
from tui.library.phone_numbers import dialled_forms, international_digits
from tui.library.query_words import GENERIC_WORDS, query_words, says_nothing
from tui.library.regions import GLOBAL
from tui.library.word_match import (
    SHORT_WORD,
    a_whole_word,
    a_word_of,
    at_a_word_start,
    begin_alike,
    begins_with,
    common_length,
    normalised,
    spaced_letter,
    wide,
)

if TYPE_CHECKING:
    from tui.library.issuers import Issuer

# scores of a match of the whole query: a key itself, the start of one of the issuer's
# names or a word in one, the start of another key, a word in one; fuzzy ones are
# rapidfuzz's 70-100
EXACT, NAME_PREFIX, NAME_WORD, PREFIX, SUBSTRING = 300, 280, 270, 250, 200
# a match word by word scores WORDS + GENERIC_BONUS for each generic word of the query
# the issuer has as a word too (`bank` and `of` of Bank of America for `my lost bank
# of america`, up to GENERIC_MOST of them) + a tenth of its worst distinctive word's
# score (20-30 for words found as above, 8-10 for a word found fuzzily): under any
# match of the whole query, over any fuzzy one; among equal scores in the region, the
# closer the distinctive words read to one of the issuer's own keys (its id, names and
# aliases: `china mobile lost phone` is China Mobile before China Mobile Hong Kong,
# which only suggests that name), the higher
WORDS, GENERIC_BONUS, GENERIC_MOST = 100, 8, 6
WORD_FUZZY = 80  # the fuzzy ratio a query's word needs to a word of a key
_NOT_A_WORD = re.compile(r"[\W_]+")
# a number as it is written on a card or a web page: `+86 95588`, `0800 085 2401`,
# `(02) 9293 9999`, `1-800-432-1000`, `+44 (0)20 7946 0000`
_DIALLED = re.compile(r"\+?[\d\s\-–.()/]+")
NUMBER_START = 3  # digits typed that find the numbers beginning with them (`955`)
RUN_TOGETHER = 6  # letters of a name typed with its words run together (`hangseng`)
_JOINS = re.compile(r"[\s\-]+")


def dialled(query: str) -> str:
    """The digits of `query` when it reads as a phone number as written (digits, full
    width too, with a leading + or 00, spaces, dashes, dots, slashes and brackets),
    an international call prefix `00` dropped; "" when it reads as anything else
    (`icbc`, `7-Eleven`)."""
    text = narrowed(query).strip()
    if not text or not _DIALLED.fullmatch(text):
        return ""
    digits = "".join(c for c in text if c.isdigit())
    return digits[2:] if digits.startswith("00") and not text.startswith("+") else digits


# where a name as written joins two names for one issuer, or adds an aside: brackets
# (`China Construction Bank (CCB)`), and a slash, dash or comma between spaces
# (`Lingnan Pass / Yang Cheng Tong`, `NCC - Taiwan SIM replacement rules`)
_ASIDE = re.compile(r"[()（）\[\]]|\s[/\-–—]\s|[,，、]")


def asides(query: str) -> list[str]:
    """The parts of `query` a full name as written joins (see _ASIDE), each stripped,
    in order; [] when it has one part."""
    parts = [part.strip() for part in _ASIDE.split(query)]
    parts = [part for part in parts if part]
    return parts if len(parts) > 1 else []


def _once(q: str) -> str:
    """The query `q` (normalised) with each word once: `工 工` reads as `工`."""
    return " ".join(dict.fromkeys(q.split(" ")))


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
        self._name_texts: list[str] = []  # per issuer: "\nname\nname\n", its own names
        self._own: list[list[str]] = []  # per issuer: its keys and suggested names
        self._keys_of: list[list[str]] = []  # per issuer: its keys (id, names, aliases)
        self._own_texts: list[str] = []  # per issuer: "\nkey\n...", of those
        self._areas: list[frozenset[str]] = []
        self._ranks: dict[tuple[str, str, str], list[int]] = {}
        self._words: tuple[list[str], list[int]] | None = None  # see _word_list
        self._numbers: list[tuple[int, str, frozenset[str]]] | None = None  # _by_number
        self._joined: dict[str, set[int]] | None = None  # see _run_together
        for position, issuer in enumerate(self.issuers):
            keys = [normalised(key) for key in issuer.search_keys]
            self.keys += keys
            self.owners += [position] * len(keys)
            self._names += map(normalised, issuer.keys)
            self._name_owners += [position] * len(issuer.keys)
            self._generic += map(normalised, issuer.suggest)
            self._generic_owners += [position] * len(issuer.suggest)
            self._texts.append("\n" + "\n".join(keys) + "\n")
            names = [normalised(name) for name in issuer.name.by_lang.values()]
            self._name_texts.append("\n" + "\n".join(names) + "\n")
            self._keys_of.append([normalised(key) for key in issuer.keys])
            self._own.append([*self._keys_of[-1], *map(normalised, issuer.suggest)])
            self._own_texts.append("\n" + "\n".join(self._own[-1]) + "\n")
            self._areas.append(frozenset(map(normalised, issuer.area.by_lang.values())))

    def search(
        self, query: str, limit: int = 30, region: str = "", kind: str = "", place: str = ""
    ) -> list[Issuer]:
        """At most `limit` issuers, best first (see the module's docstring); with an
        empty query, the region's and worldwide issuers first, in load order. A query
        that joins parts (`asides`: an official name with its short name or its area in
        brackets, `China Construction Bank (CCB)`, `HSBC (UK)`) finds what its parts
        find read together (`HSBC UK`), then what it finds as typed, then what each
        part finds, in order."""
        parts = [] if dialled(query) else asides(query)
        if not parts:
            return self._search(query, limit, region, kind, place)
        # the parts read together first (`HSBC (UK)` is HSBC UK), then as typed
        found = self._search(" ".join(parts), limit, region, kind, place)
        found += self._search(query, limit, region, kind, place)
        merged = {issuer.id: issuer for issuer in found}
        for part in parts:
            for issuer in self._search(part, limit, region, kind, place):
                merged.setdefault(issuer.id, issuer)
        return list(merged.values())[:limit]

    def _search(
        self, query: str, limit: int, region: str, kind: str, place: str
    ) -> list[Issuer]:
        """`search` of the query as one whole."""
        number = dialled(query)
        q = number or _once(normalised(query))
        if not q:
            return self._first(limit, region)
        if says_nothing(q):
            return []
        bits = self._rank_bits(region, place, kind)
        best = self._found(q, region)
        for i, score in self._by_number(query).items():  # a number as written
            best[i] = max(best.get(i, 0), score)
        for i in self._run_together(q):
            best[i] = EXACT  # `hangseng`: Hang Seng, its words typed with no space
        distinctive, generic = query_words(q)
        several = len(distinctive) + len(generic) > 1
        closer: dict[int, float] = {}  # word by word: how close its words read (_by_words)
        if several and distinctive or not several and wide(q[0]):
            words = self._by_words(q, distinctive if several else [q], generic, region)
            if not words and not best and (left_out := self._left_out(q, distinctive, region)):
                kept = [word for word in distinctive if word not in left_out]
                words = self._by_words(q, kept, generic, region)
            for i, (score, ratio) in words.items():
                if score > best.get(i, 0):
                    best[i], closer[i] = score, ratio
        if len(best) < limit and not several and not number:  # a number 1 off is another's
            from rapidfuzz import fuzz, process

            close = process.extract(q, self.keys, scorer=fuzz.ratio, limit=None, score_cutoff=70)
            alike = (found for found in close if begin_alike(q, found[0]))
            for _key, score, index in islice(alike, limit * 2):
                owner = self.owners[index]
                best[owner] = max(best.get(owner, 0), score)
        ranked = heapq.nsmallest(
            limit, best, key=lambda i: (-best[i], bits[i], -closer.get(i, 0), i)
        )
        return [self.issuers[i] for i in ranked]

    def _run_together(self, q: str) -> set[int]:
        """The issuers one of whose own keys (id, names, aliases) of two words or more
        is `q` (normalised, one word of RUN_TOGETHER letters or more) with the spaces
        and hyphens between its words left out: `hangseng` is Hang Seng, `tmobile`
        T-Mobile, `bankofchina` Bank of China."""
        if " " in q or len(q) < RUN_TOGETHER or not spaced_letter(q[0]):
            return set()
        if self._joined is None:
            self._joined = {}
            for i, keys in enumerate(self._keys_of):
                for key in keys:
                    if (run := _JOINS.sub("", key)) != key and len(run) >= RUN_TOGETHER:
                        self._joined.setdefault(run, set()).add(i)
        return self._joined.get(q, set())

    def _by_number(self, query: str) -> dict[int, float]:
        """The issuers with a number `query` reads as (a number typed as written, see
        `dialled`), each with its score: EXACT when it is the whole number, as written
        from home or from abroad (phone_numbers.dialled_forms: +86 95588 and 95588 are
        ICBC's; +44 95588 is nobody's), PREFIX when the number begins with it (`955`,
        as it is being typed; never digits inside a number: `112` is not +1 800 375
        1126). A query with a country code (+, 00) is read with it by phonenumbers and
        matches only the numbers of that country."""
        digits = dialled(query)
        if not digits:
            return {}
        if self._numbers is None:
            self._numbers = [
                (i, *dialled_forms(hotline.number, issuer.region))
                for i, issuer in enumerate(self.issuers)
                for hotline in issuer.hotlines
                if hotline.number
            ]
        text = narrowed(query).strip()
        abroad = text.startswith(("+", "00"))
        wanted = (international_digits(text) or digits) if abroad else digits
        found: dict[int, float] = {}
        for i, with_code, others in self._numbers:
            forms = {with_code} if abroad else {with_code, *others}
            if wanted in forms:
                found[i] = EXACT
            elif len(wanted) >= NUMBER_START and any(f.startswith(wanted) for f in forms if f):
                found.setdefault(i, PREFIX)
        return found

    def left_out(self, query: str, region: str = "") -> list[str]:
        """The distinctive words of `query` (normalised, in the order typed) that its
        search leaves out: when every distinctive word together finds no issuer, the
        words that find none by themselves (`apple watch`: `watch`), so the others
        find theirs (Apple). [] when the search uses every word."""
        q = _once(normalised(query))
        if not q or says_nothing(q) or dialled(query) or asides(query):
            return []  # a number, or a name of parts: its parts are searched (`search`)
        distinctive, generic = query_words(q)
        if len(distinctive) < 2 or self._found(q, region):
            return []
        if self._by_words(q, distinctive, generic, region):
            return []
        return self._left_out(q, distinctive, region)

    def _left_out(self, q: str, distinctive: list[str], region: str) -> list[str]:
        """The words of `distinctive` that find no issuer by themselves, when the others
        are an issuer's name or alias exactly (`apple` of `apple watch`); [] otherwise:
        `Sample Mobile` is no look-alike's (China Mobile's) by a word many names hold."""
        last = q.split(" ")[-1]
        alone = [w for w in distinctive if not self._word_scores(w, region, w != last)[0]]
        kept = " ".join(w for w in distinctive if w not in alone)
        named = kept and EXACT in self._found(kept, region).values()
        return alone if alone and named else []

    def _found(self, q: str, region: str) -> dict[int, float]:
        """The issuers `q` (normalised) is in where a word begins, each with its score
        (EXACT, NAME_PREFIX, NAME_WORD, PREFIX or SUBSTRING)."""
        return {
            i: self._score(q, i, region)
            for i, text in enumerate(self._texts)
            if q in text and at_a_word_start(q, text)
        }

    def _score(self, q: str, i: int, region: str) -> float:
        """How `q`, found in issuer `i`'s keys where a word begins, matches them."""
        text, names = self._texts[i], self._name_texts[i]
        if f"\n{q}\n" in text or (region and self._begins(q, i, region)):
            return EXACT
        if f"\n{q}" in names:
            return NAME_PREFIX
        if region and f"\n{q}" in text and self.issuers[i].region == region:
            return NAME_PREFIX  # the region's own: `ic` of ICBC in CN, as ICOCA's name
        if q in names and at_a_word_start(q, names):
            return NAME_WORD
        return PREFIX if f"\n{q}" in text else SUBSTRING

    def _begins(self, q: str, i: int, region: str) -> bool:
        """Whether issuer `i` is of `region` and one of its names or aliases begins with
        `q` as a word (`hsbc` of HSBC UK)."""
        return self.issuers[i].region == region and any(begins_with(key, q) for key in self._own[i])

    def _by_words(
        self, q: str, distinctive: list[str], generic: list[str], region: str
    ) -> dict[int, tuple[float, float]]:
        """The issuers every distinctive word finds (_word_scores; a word before the
        last is typed whole, and finds only a whole word) and one at least by the
        issuer's own names (not by places alone: `Bank of Tokyo` is no Tokyo transit
        card), each with its score (WORDS + GENERIC_BONUS per generic word it has too +
        a tenth of its worst word's score) and the fuzzy ratio of the distinctive words
        (as typed, one space apart) to its closest own key (id, name or alias)."""
        found: dict[int, float] = {}
        own: set[int] = set()
        last = q.split(" ")[-1]
        for at, word in enumerate(distinctive):
            scores, by_name = self._word_scores(word, region, whole=word != last)
            found = (
                scores
                if at == 0
                else {i: min(s, scores[i]) for i, s in found.items() if i in scores}
            )
            own |= by_name
            if not found:
                return {}
        from rapidfuzz import fuzz

        wanted = " ".join(distinctive)
        scored: dict[int, tuple[float, float]] = {}
        for i, worst in found.items():
            if i not in own:
                continue
            text = self._texts[i]
            also = min(GENERIC_MOST, sum(1 for w in generic if a_word_of(w, text)))
            ratio = max(fuzz.ratio(wanted, key) for key in self._keys_of[i])
            scored[i] = (WORDS + GENERIC_BONUS * also + worst / 10, ratio)
        return scored

    def _word_scores(
        self, word: str, region: str, whole: bool = False
    ) -> tuple[dict[int, float], set[int]]:
        """The issuers one distinctive word of a query finds, and those of them it finds
        by their own names (keys and suggested names): where a word of a key begins
        with it, or is it (`whole`), scored as a whole query is; for a word of Chinese or
        Japanese, those whose longest own name inside it is the longest any issuer has
        there (SUBSTRING); for a word of SHORT_WORD letters or more, those with a word
        of their own names that reads WORD_FUZZY alike (begin_alike), by that ratio."""
        scores = self._found(word, region)
        if whole and not wide(word[0]):
            scores = {i: s for i, s in scores.items() if a_whole_word(word, self._texts[i])}
        own = {
            i
            for i in scores
            if (a_whole_word if whole and not wide(word[0]) else at_a_word_start)(
                word, self._own_texts[i]
            )
        }
        if wide(word[0]):
            inside: dict[int, int] = {}  # issuer: the length of its longest name in word
            for i, keys in enumerate(self._own):
                named = [k for k in keys if len(k) > 1 and k in word and k not in GENERIC_WORDS]
                if named:
                    inside[i] = max(map(len, named))
            longest = max(inside.values(), default=0)
            for i, length in inside.items():
                if length == longest:
                    scores[i] = max(scores.get(i, 0), SUBSTRING)
                    own.add(i)
        elif len(word) >= SHORT_WORD and word.isalpha():
            from rapidfuzz import fuzz, process

            words, owners = self._word_list()
            close = process.extract(
                word, words, scorer=fuzz.ratio, limit=None, score_cutoff=WORD_FUZZY
            )
            for key, score, index in close:
                if begin_alike(word, key):
                    owner = owners[index]
                    scores[owner] = max(scores.get(owner, 0), score)
                    own.add(owner)
        return scores, own

    def _word_list(self) -> tuple[list[str], list[int]]:
        """Every word of every issuer's own names (its keys and suggested names; split
        where a letter or digit is not), with the position of its issuer; built on the
        first fuzzy word."""
        if self._words is None:
            words: list[str] = []
            owners: list[int] = []
            for i, text in enumerate(self._own_texts):
                for word in dict.fromkeys(_NOT_A_WORD.split(text)):
                    if word:
                        words.append(word)
                        owners.append(i)
            self._words = (words, owners)
        return self._words

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
