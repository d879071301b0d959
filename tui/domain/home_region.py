"""Where the user lives: config.yaml's `home` when it is set (IssuerLookup.home_region),
else as far as their cards say: the region most of their own cards are from; a tie is
settled by the region in the language the user reads (zh-CN: CN), and is otherwise left
unknown ("").

Where the user is now is their home region, or abroad (config.yaml `abroad`, `a` in
the app). A card from another region than where the user is gets the numbers for
calling from abroad first, and its numbers that work only within its region are
marked so (tui.domain.hotline_choice). No Textual, no Rich."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from tui.library.regions import GLOBAL


def home_region(regions: Iterable[str], lang: str = "") -> str:
    """The region the user lives in, read from their own cards' ISO regions
    (`regions`; "" and worldwide ones are left out): the one most of them are from; in
    a tie, the region of the language tag `lang` if it is among the tied; otherwise ""
    (not known)."""
    counts = Counter(region for region in regions if region and region != GLOBAL)
    if not counts:
        return ""
    most = max(counts.values())
    leaders = [region for region, count in counts.items() if count == most]
    if len(leaders) == 1:
        return leaders[0]
    spoken = lang.partition("-")[2].upper()
    return spoken if spoken in leaders else ""
