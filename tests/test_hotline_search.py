"""The issuer search (tui.library.hotline_search) finds and orders exactly what a plain scan
of every key does: exact, prefix, substring, fuzzy; then region, place, kind, load
order. The scan below is the rule written out the slow way."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.library.hotline_search import normalised
from tui.library.issuers import GLOBAL, Issuer, IssuerDirectory
from tui.library.playbook import Text

WORDS = "bank credit union metro transit mobile card savings city".split()
HAN = "工商建设银行移动联通地铁"
REGIONS = ["", "CN", "HK", "GB", GLOBAL]
PLACES = ["", "上海", "City 3", "city 3", "Nowhere"]
KINDS = ["", "bank", "transit", "esim"]


def plain_scan(directory, query, limit=30, region="", kind="", place=""):
    """Every key of every issuer, one by one, scored and ranked."""
    from rapidfuzz import fuzz, process

    issuers = list(directory.issuers.values())
    keys = [(normalised(k), i.id) for i in issuers for k in i.search_keys]
    q = normalised(query)
    if not q:
        if region:
            issuers.sort(key=lambda i: i.region not in (region, GLOBAL))
        return [i.id for i in issuers[:limit]]
    best: dict[str, float] = {}
    for key, owner in keys:
        if q in key:
            score = 300 if key == q else 250 if key.startswith(q) else 200
            best[owner] = max(best.get(owner, 0), score)
    if len(best) < limit:
        texts = [key for key, _ in keys]
        for _key, score, index in process.extract(
            q, texts, scorer=fuzz.ratio, limit=limit * 2, score_cutoff=70
        ):
            owner = keys[index][1]
            best[owner] = max(best.get(owner, 0), score)
    here = normalised(place)

    def rank(item):
        issuer = directory.issuers[item[0]]
        away = issuer.region not in (region, GLOBAL) if region else issuer.region != GLOBAL
        elsewhere = not here or here not in map(normalised, issuer.area.by_lang.values())
        return -item[1], away, elsewhere, bool(kind) and kind not in issuer.kinds

    return [owner for owner, _ in sorted(best.items(), key=rank)[:limit]]


def generated(count: int, seed: int = 3) -> IssuerDirectory:
    rng = random.Random(seed)
    issuers = []
    for i in range(count):
        en = " ".join(rng.choice(WORDS).title() for _ in range(2)) + f" {i}"
        zh = "".join(rng.choice(HAN) for _ in range(4))
        issuers.append(
            Issuer(
                id=f"issuer-{i}",
                name=Text({"en": en, "zh-CN": zh}),
                region=rng.choice(REGIONS[1:]),
                kinds=(rng.choice(KINDS[1:]),),
                aliases=(zh[:2], en.split()[0].upper()),
                suggest=(rng.choice(WORDS),) if i % 7 == 0 else (),
                area=Text({"en": f"City {i % 5}", "zh-CN": "上海" if i % 4 == 0 else "北京"}),
            )
        )
    return IssuerDirectory.of(issuers)


DIRECTORY = generated(400)
PIECES = [*WORDS, *HAN, "city 3", "issuer-1", "ban", "crdit", "metor", "上海", " ", "7"]


@settings(max_examples=300, deadline=None)
@given(
    query=st.lists(st.sampled_from(PIECES), max_size=3).map("".join) | st.text(max_size=6),
    limit=st.sampled_from([1, 5, 20, 30]),
    region=st.sampled_from(REGIONS),
    kind=st.sampled_from(KINDS),
    place=st.sampled_from(PLACES),
)
def test_search_finds_and_orders_what_a_plain_scan_does(query, limit, region, kind, place):
    found = DIRECTORY.search(query, limit, region, kind, place)
    assert [i.id for i in found] == plain_scan(DIRECTORY, query, limit, region, kind, place)


SHIPPED_QUERIES = ["工行", "icbc", "visa", "octopus", "95588", "Vodafone", "moblie"]


@pytest.mark.parametrize("query", SHIPPED_QUERIES)
@pytest.mark.parametrize(("region", "kind", "place"), [("", "", ""), ("CN", "bank", "上海")])
def test_search_over_the_shipped_directory_matches_the_plain_scan(
    content, query, region, kind, place
):
    found = content.issuers.search(query, 20, region, kind, place)
    assert [i.id for i in found] == plain_scan(content.issuers, query, 20, region, kind, place)
