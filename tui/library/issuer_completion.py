"""Completing a card's issuer as the user types it into the card form: the directory
name the text most likely begins or stands for, of an issuer that may link the card.

Only issuers of the card's kind (a bank is never offered for an eSIM: it would not
link), of the card's region or worldwide (any region's while it is empty), and, when
the region is typed as a place issuers serve (上海, Shanghai), not those serving
another place (`社保` in 上海 is never Beijing's bureau).

Among them, how the text meets one of an issuer's names, best first:

- WHOLE: it is a name or alias whole (`工行`, `ICBC`): the name in the user's language
  is offered (`中国工商银行`), nothing when that is what was typed;
- PREFIX: a name or alias begins with it (`shang` → Shanghai Public Transportation
  Card, `ic` → ICBC): the rest of that name is offered;
- WORD: a later word of a name or alias begins with it (`mobile` → China Mobile);
- GENERIC: a generic name the issuer only suggests (`社保`, `Social security`) is it,
  begins with it or has a word that does.

The issuers serving the place typed come first, then the best way of meeting, then
the region's own issuers before worldwide ones, then the directory's order. A single
Latin letter is too little to guess from.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from tui.library.hotline_search import normalised
from tui.library.regions import GLOBAL

if TYPE_CHECKING:
    from tui.library.issuers import Issuer

WHOLE, PREFIX, WORD, GENERIC = range(4)


def at_word_start(text: str, key: str) -> bool:
    """Whether a word of `key` after its first begins with `text` (both normalised):
    a word starts after a space or a sign (`维萨 (visa)`, `t-union`)."""
    at = key.find(text, 1)
    while at != -1:
        if not key[at - 1].isalnum():
            return True
        at = key.find(text, at + 1)
    return False


def meets(text: str, key: str) -> int | None:
    """How `text` meets a name `key` (both normalised): WHOLE, PREFIX, WORD or None."""
    if key == text:
        return WHOLE
    if key.startswith(text):
        return PREFIX
    return WORD if at_word_start(text, key) else None


class IssuerCompleter:
    """The names of `issuers` (in the directory's order), normalised once, on the
    first completion asked for."""

    def __init__(self, issuers: Sequence[Issuer]) -> None:
        self.issuers = list(issuers)
        self._norms: dict[str, str] = {}  # a name as written -> normalised
        self._areas: list[frozenset[str]] = []
        for issuer in self.issuers:
            for name in (*issuer.name.by_lang.values(), *issuer.aliases, *issuer.suggest):
                self._norm(name)
            self._areas.append(frozenset(map(self._norm, issuer.area.by_lang.values())))
        self._places = frozenset().union(*self._areas)

    def _norm(self, name: str) -> str:
        known = self._norms.get(name)
        if known is None:
            known = self._norms[name] = normalised(name)
        return known

    def completion(
        self, typed: str, region: str = "", kind: str = "", lang: str = "en", place: str = ""
    ) -> str:
        """The name to offer for `typed` (see the module's docstring), or "": none
        fits, or the text is the name already. `region`: an ISO code ("" unknown);
        `place`: the region as typed (上海, 上海市, Shanghai)."""
        text = normalised(typed)
        if not text or (len(text) < 2 and text.isascii()):
            return ""
        here = self._place(place)
        best: tuple[tuple[int, int, int, int], str] | None = None
        for position, issuer in enumerate(self.issuers):
            if kind and kind not in issuer.kinds:
                continue
            if region and issuer.region not in (region, GLOBAL):
                continue
            areas = self._areas[position]
            if here and areas and here not in areas:
                continue  # another city's issuer
            found = self._meeting(text, issuer, lang)
            if found is None:
                continue
            way, name = found
            rank = (
                0 if here and here in areas else 1,
                way,
                0 if not region or issuer.region == region else 1,
                position,
            )
            if best is None or rank < best[0]:
                best = (rank, name)
        if best is None or self._norm(best[1]) == text:
            return ""
        return best[1]

    def _place(self, place: str) -> str:
        """The place typed as the region, normalised, when issuers serve it ("上海市"
        is 上海); "" for a country or a code."""
        here = normalised(place)
        if here.endswith(("市", "省")) and here not in self._places:
            here = here[:-1]
        return here if here in self._places else ""

    def _meeting(self, text: str, issuer: Issuer, lang: str) -> tuple[int, str] | None:
        """(how `text` best meets the issuer's names, the name to offer), or None."""
        own = issuer.name.get(lang)
        best: tuple[int, str] | None = None
        for name in (own, *issuer.name.by_lang.values(), *issuer.aliases):
            way = meets(text, self._norm(name))
            if way == WHOLE:
                return WHOLE, own
            if way is not None and (best is None or way < best[0]):
                best = (way, name if way == PREFIX else own)
        if best is not None:
            return best
        for name in issuer.suggest:
            if meets(text, self._norm(name)) is not None:
                return GENERIC, own
        return None
