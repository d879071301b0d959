"""The issuer search (tui.library.hotline_search) finds and orders exactly what a plain scan
of every key does: exact, prefix, substring where a word begins, fuzzy between texts
that begin alike; then region, place, kind, load order. The scan below is the rule
written out the slow way. A query never matches inside another word: `iPhone` found
CitiPhone (Citibank Hong Kong's phone banking) and offered its number to someone who
had lost their phone."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.library.hotline_search import begin_alike, normalised, spaced_letter
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
        starts = [at for at in range(len(key)) if key.startswith(q, at)]
        if any(word_start(key, at) for at in starts):
            score = 300 if key == q else 250 if key.startswith(q) else 200
            best[owner] = max(best.get(owner, 0), score)
    if len(best) < limit:
        texts = [key for key, _ in keys]
        close = process.extract(q, texts, scorer=fuzz.ratio, limit=None, score_cutoff=70)
        for _key, score, index in [c for c in close if begin_alike(q, c[0])][: limit * 2]:
            owner = keys[index][1]
            best[owner] = max(best.get(owner, 0), score)
    here = normalised(place)

    def rank(item):
        issuer = directory.issuers[item[0]]
        away = issuer.region not in (region, GLOBAL) if region else issuer.region != GLOBAL
        elsewhere = not here or here not in map(normalised, issuer.area.by_lang.values())
        return -item[1], away, elsewhere, bool(kind) and kind not in issuer.kinds

    return [owner for owner, _ in sorted(best.items(), key=rank)[:limit]]


def word_start(key: str, at: int) -> bool:
    """Whether a match at `at` in `key` is not inside a word: the key's start, after
    anything but a letter of a spaced script, or a match that begins with anything
    else (a Chinese character, a digit)."""
    return at == 0 or not (spaced_letter(key[at - 1]) and spaced_letter(key[at]))


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
PIECES = [*WORDS, *HAN, "city 3", "issuer-1", "ban", "crdit", "metor", "上海", " ", "7", "ank",
          "avings", "nion", "ity"]


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


# what each query found before a query stopped matching inside another word, and
# finds still, best first
STILL_FOUND = {
    "ICBC": ["icbc", "cibc-ca"],
    "Citi": ["citibank-hk", "citi-us", "citic-bank"],
    "BOC": ["boc", "bochk", "boc-macau", "bocom"],
    "Oyster": ["tfl-oyster"],
    "交通卡": ["beijing-yikatong", "chengdu-tianfu-tong", "china-t-union", "hangzhou-tong",
            "yang-cheng-tong", "nanjing-jinling-tong", "shanghai-transit-card", "shenzhen-tong"],
    "CitiPhone": ["citibank-hk"],
    "t-mobile": ["t-mobile"],
    "moblie": ["t-mobile"],  # a typo in a word's middle
    "95588": ["icbc"],
    "28600333": ["citibank-hk"],  # the local part of +852 2860 0333: digits match anywhere
}


@pytest.mark.parametrize(("query", "found"), list(STILL_FOUND.items()))
def test_short_and_chinese_queries_find_what_they_found(content, query, found):
    ids = [i.id for i in content.issuers.search(query, 20)]
    assert ids[: len(found)] == found, ids


def test_a_later_word_of_a_name_is_a_word_start(content):
    """`mobile` is a word of China Mobile and T-Mobile; `telecom` of China Telecom."""
    assert {"china-mobile", "t-mobile"} <= {i.id for i in content.issuers.search("mobile", 30)}
    assert "china-telecom" in [i.id for i in content.issuers.search("telecom", 30)]


@pytest.mark.parametrize("query", ["iPhone", "iphone", "ｉＰｈｏｎｅ", "iphones", "iPhon"])
def test_iphone_finds_apple_and_never_citiphone(content, query):
    """Apple (its procedures are for a lost iPhone: Find My) suggests the name; Citibank
    Hong Kong's CitiPhone, a word the query sits inside, is not a match by its letters
    nor by the fuzzy score (80 for iphone and citiphone)."""
    assert [i.id for i in content.issuers.search(query, 30)] == ["apple"]


def test_a_query_inside_another_word_finds_nothing_by_it(content):
    """`phone` is inside CitiPhone and iPhone alike: it is neither."""
    assert content.issuers.search("phone", 30) == []


def test_citiphone_does_not_find_apple(content):
    """The other way round: `iphone` sits inside the query's own word."""
    assert [i.id for i in content.issuers.search("CitiPhone", 30)] == ["citibank-hk"]


@pytest.mark.parametrize("kind", ["bank", "esim", "other", ""])
def test_a_card_s_issuer_iphone_links_to_no_bank(content, kind):
    """A card whose issuer is typed "iPhone" linked to Citibank Hong Kong (its
    CitiPhone read 80 alike): a bank card would have shown Citi's number. It links
    to nothing; Apple is offered for the user to confirm."""
    assert content.issuers.match("iPhone", "", kind) is None
    assert content.issuers.match("iPhone", "HK", kind) is None
    offered = [i.id for i in content.issuers.suggestions("iPhone", "", kind=kind)]
    assert "citibank-hk" not in offered
    if kind in ("esim", "other", ""):
        assert offered[:1] == ["apple"], offered


def test_a_word_inside_another_in_generated_names():
    """Generated names: `ank` and `nion` are inside words (Bank, Union) and find none
    of them; `union` and `bank` find them."""
    assert DIRECTORY.search("ank", 30) == [] and DIRECTORY.search("nion", 30) == []
    assert DIRECTORY.search("bank", 5) and DIRECTORY.search("union", 5)


# Chinese names with full-width brackets, once written "苹果 (Apple)": a card that says
# the old spelling still links to the same issuer by name, and search finds each by
# either script
BRACKETED = [
    ("苹果 (Apple)", "GB", "esim", "apple", "苹果（Apple）"),
    ("谷歌 (Google)", "", "esim", "google", "谷歌（Google）"),
    ("维萨 (Visa)", "CN", "bank", "visa-cn", "维萨（Visa）"),
    ("维萨 (Visa) 日本", "JP", "bank", "visa-jp", "维萨（Visa）日本"),
    ("发现卡 (Discover)", "", "bank", "discover", "发现卡（Discover）"),
    ("一卡通 (iPASS)", "TW", "transit", "ipass", "一卡通（iPASS）"),
]


@pytest.mark.parametrize(("typed", "region", "kind", "issuer_id", "name"), BRACKETED)
def test_a_chinese_name_with_full_width_brackets_links_and_is_found_as_before(
    content, typed, region, kind, issuer_id, name
):
    issuer = content.issuers.get(issuer_id)
    assert issuer.name.get("zh-CN") == name
    for text in (typed, name, name.replace("（", "(").replace("）", ")")):
        assert normalised(text) == normalised(name)  # an exact name, whatever the spacing
        assert content.issuers.match(text, region, kind) is issuer
    english = typed[typed.index("(") + 1 : typed.index(")")]
    for query in (typed.split(" ")[0], english):
        assert issuer_id in [i.id for i in content.issuers.search(query, 20, region)]
    assert normalised("Transport for London (Oyster)") == "transport for london (oyster)"
