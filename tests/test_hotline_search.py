"""The issuer search (tui.library.hotline_search) finds and orders exactly what a plain scan
of every key does: exact, prefix, substring where a word begins, fuzzy between texts
that begin alike; then region, place, kind, load order. The scan below is the rule
written out the slow way. A query never matches inside another word: `iPhone` found
CitiPhone (Citibank Hong Kong's phone banking) and offered its number to someone who
had lost their phone."""

from __future__ import annotations

import random
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.library.issuers import GLOBAL, Issuer, IssuerDirectory
from tui.library.playbook import Text
from tui.library.query_words import GENERIC_WORDS, generic
from tui.library.word_match import begin_alike, normalised, spaced_letter, wide

WORDS = "bank credit union metro transit mobile card savings city".split()
HAN = "工商建设银行移动联通地铁"
REGIONS = ["", "CN", "HK", "GB", GLOBAL]
PLACES = ["", "上海", "City 3", "city 3", "Nowhere"]
KINDS = ["", "bank", "transit", "esim"]


def generic_marks(words):
    """Whether each word is generic: a short number is a model's only after a word
    that is not."""
    marks = []
    for word in words:
        marks.append(generic(word, not any(not m for m in marks)))
    return marks


def plain_scan(directory, query, limit=30, region="", kind="", place=""):
    """plain_whole of the query; when the query joins parts (brackets; a slash or dash
    between spaces; commas), of its parts read together, then of the query, then of
    each part, in order, each issuer once."""
    parts = [p.strip() for p in re.split(r"[()（）\[\]]|\s[/\-–—]\s|[,，、]", query)]
    parts = [p for p in parts if p]
    if len(parts) < 2 or as_dialled(query):
        return plain_whole(directory, query, limit, region, kind, place)
    merged = []
    for text in (" ".join(parts), query):  # the parts together, then as typed
        merged += [i for i in plain_whole(directory, text, limit, region, kind, place)
                   if i not in merged]
    for part in parts:
        merged += [i for i in plain_whole(directory, part, limit, region, kind, place)
                   if i not in merged]
    merged = merged[:limit]
    areas = [p for p in parts if directory.region_of(p)]  # a part that names a region
    names = [p for p in parts if not directory.region_of(p)]
    if areas and names:  # that region's issuers the other parts find come first
        code = directory.region_of(areas[0])
        there = [i for i in plain_whole(directory, " ".join(names), limit, code, kind, areas[0])
                 if directory.issuers[i].region == code]
        merged = there + [i for i in merged if i not in there]
    return merged[:limit]


def plain_whole(directory, query, limit=30, region="", kind="", place=""):
    """Every key of every issuer, one by one, scored and ranked."""
    from rapidfuzz import fuzz, process

    issuers = list(directory.issuers.values())
    keys = [(normalised(k), i.id) for i in issuers for k in i.search_keys]
    number = as_dialled(query)
    q = number or " ".join(dict.fromkeys(normalised(query).split(" ")))  # each word once
    if not q:
        if region:
            issuers.sort(key=lambda i: i.region not in (region, GLOBAL))
        return [i.id for i in issuers[:limit]]
    if not any(c.isalnum() for c in q):
        return []
    best = {owner: score for owner, (score, _) in whole_scores(directory, q, region).items()}
    for issuer in issuers:
        scores = [one_number(query, number, h.number, issuer.region) for h in issuer.hotlines]
        if number and max(scores, default=0):
            best[issuer.id] = max(best.get(issuer.id, 0), *scores)
        if " " not in q and len(q) >= 6 and spaced_letter(q[0]) and any(
            run != normalised(key) and run == q
            for key in issuer.keys
            for run in [re.sub(r"[\s\-]+", "", normalised(key))]
        ):
            best[issuer.id] = 300  # its words run together: `hangseng`
    words = list(dict.fromkeys(q.split(" ")))
    distinctive = [w for w, g in zip(words, generic_marks(words), strict=True) if not g]
    closer = {}
    if len(words) > 1 and distinctive or len(words) == 1 and wide(q[0]):
        scored = word_scores(directory, q, words, region)
        if not scored and not best and len(words) > 1:
            # the words that find no issuer alone are left out, when others find one
            alone = [w for w in distinctive if not one_word_scores(directory, q, w, region)[0]]
            kept = [w for w in distinctive if w not in alone]
            scores = whole_scores(directory, " ".join(kept), region).values() if kept else ()
            exact = any(score == 300 for score, _ in scores)
            if alone and exact:  # the others are an issuer's name or alias exactly
                scored = word_scores(directory, q, words, region, distinctive=kept)
        for owner, (score, ratio) in scored.items():
            if score > best.get(owner, 0):
                best[owner], closer[owner] = score, ratio
    if len(best) < limit and len(words) == 1 and not number:
        texts = [key for key, _ in keys]
        close = process.extract(q, texts, scorer=fuzz.ratio, limit=None, score_cutoff=70)
        for _key, score, index in [c for c in close if begin_alike(q, c[0])][: limit * 2]:
            owner = keys[index][1]
            best[owner] = max(best.get(owner, 0), score)
    here = normalised(place)
    order = list(directory.issuers)

    def rank(item):
        issuer = directory.issuers[item[0]]
        away = issuer.region not in (region, GLOBAL) if region else issuer.region != GLOBAL
        elsewhere = not here or here not in map(normalised, issuer.area.by_lang.values())
        of_kind = bool(kind) and kind not in issuer.kinds
        return (-item[1], away, elsewhere, of_kind, -closer.get(item[0], 0),
                order.index(item[0]))

    return [owner for owner, _ in sorted(best.items(), key=rank)[:limit]]


# the full-width forms a Chinese input method types, read as what they stand for (as
# tui.base.wide_forms does); other look-alikes (`²`) are not digits
FULL_WIDTH = {0xFF01 + i: 0x21 + i for i in range(94)} | {0x3000: 0x20}


def as_dialled(query):
    """A query written as a phone number, as its digits (an international prefix 00
    dropped; full-width digits read as digits); "" for any other query."""
    text = query.translate(FULL_WIDTH).strip()
    if not re.fullmatch(r"\+?[0-9\s().\-–/]+", text):
        return ""
    digits = re.sub(r"[^0-9]", "", text)
    return digits[2:] if digits[:2] == "00" and text[0] != "+" else digits


def one_number(query, digits, written, region):
    """How the number `written` (of `region`) matches a query typed as a number (its
    `digits`): 300 when the query is it in any form phonenumbers gives it (with the
    country code, a typed + or 00 only that; else the national forms and the digits as
    written), 250 when such a form begins with it (3 digits or more), else 0."""
    import phonenumbers

    text = query.translate(FULL_WIDTH).strip()
    try:
        parsed = phonenumbers.parse(written, None if region == GLOBAL else region)
    except phonenumbers.NumberParseException:
        parsed = None
    as_written = re.sub(r"[^0-9]", "", written)
    if parsed is None:
        with_code, forms = "", {as_written}
    else:
        significant = phonenumbers.national_significant_number(parsed)
        national = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)
        with_code = f"{parsed.country_code}{significant}"
        forms = {as_written, significant, re.sub(r"[^0-9]", "", national)}
    if text.startswith(("+", "00")):
        try:
            typed = phonenumbers.parse("+" + text.removeprefix("+").removeprefix("00"), None)
            digits = f"{typed.country_code}{phonenumbers.national_significant_number(typed)}"
        except phonenumbers.NumberParseException:
            pass
        forms = {with_code}
    else:
        forms = forms | {with_code}
    forms.discard("")
    if digits in forms:
        return 300
    return 250 if len(digits) >= 3 and any(f.startswith(digits) for f in forms) else 0


def joined(a, b):
    """Two characters of one word: letters of a spaced script, digits, wide ones."""
    return ((spaced_letter(a) and spaced_letter(b)) or (a.isdigit() and b.isdigit())
            or (wide(a) and wide(b)))


def whole_in(word, key):
    """Whether `word` is a whole word of `key`: no two characters of one word (joined)
    run on across either of its ends."""
    for at in range(len(key)):
        if key.startswith(word, at):
            before = key[at - 1] if at else " "
            end = at + len(word)
            after = key[end] if end < len(key) else " "
            if not joined(before, word[0]) and not joined(word[-1], after):
                return True
    return False


def whole_scores(directory, q, region, whole=False):
    """Per issuer id, (how the text `q` matches its keys where a word begins, whether
    it does in its own names): 300 a key itself, or a name or alias of an issuer of
    `region` beginning with it as a word; 280 the start of a name (or of any key of an
    issuer of `region`), 270 a word of one;
    250 the start of another key, 200 a word of one. With `whole` (and `q` not of wide
    characters), only issuers with `q` as a whole word of a key."""
    found = {}
    whole = whole and not wide(q[0])
    for issuer in directory.issuers.values():
        scores, in_own, is_whole = [], False, False
        names = [normalised(n) for n in issuer.name.by_lang.values()]
        own = [normalised(k) for k in (*issuer.keys, *issuer.suggest)]
        for key in map(normalised, issuer.search_keys):
            starts = [at for at in range(len(key)) if key.startswith(q, at)]
            starts = [at for at in starts if word_start(key, at)]
            if not starts:
                continue
            is_whole = is_whole or whole_in(q, key)
            if key in own and (whole_in(q, key) if whole else True):
                in_own = True
            if key == q or (region and issuer.region == region and any(
                k.startswith(q) and (len(k) == len(q) or not joined(q[-1], k[len(q)]))
                for k in own
            )):
                scores.append(300)
            elif key in names:
                scores.append(280 if 0 in starts else 270)
            elif 0 in starts and region and issuer.region == region:
                scores.append(280)  # the region's own key begins with it, as a name would
            else:
                scores.append(250 if 0 in starts else 200)
        if scores and (is_whole or not whole):
            found[issuer.id] = (max(scores), in_own)
    return found


def word_scores(directory, q, words, region, distinctive=None):
    """Per issuer id that every distinctive word of `q` finds (`distinctive`: those of
    `words` unless given), one of them at least by its own names: (100 + 8 per generic
    word it has as a word, up to 6 of them, + a tenth of its worst word's score, the
    whole query's fuzzy ratio to its closest key)."""
    from rapidfuzz import fuzz

    if distinctive is None:
        marks = generic_marks(words)
        distinctive = [w for w, g in zip(words, marks, strict=True) if not g] or [q]
    found, by_own = None, set()
    for word in distinctive:
        scores, own = one_word_scores(directory, q, word, region)
        by_own |= own
        found = scores if found is None else {
            i: min(score, scores[i]) for i, score in found.items() if i in scores
        }
    result = {}
    for owner, worst in (found or {}).items():
        if owner not in by_own:
            continue
        issuer = directory.issuers[owner]
        texts = [normalised(k) for k in issuer.search_keys]
        also = sum(
            1 for w, g in zip(words, generic_marks(words), strict=True) if g and any(
                (whole_in(w, t) if spaced_letter(w[0]) else w in t) for t in texts
            )
        )
        wanted = " ".join(distinctive)  # closeness: the distinctive words to an own key
        closeness = max(fuzz.ratio(wanted, normalised(k)) for k in issuer.keys)
        result[owner] = (100 + 8 * min(also, 6) + worst / 10, closeness)
    return result


def one_word_scores(directory, q, word, region):
    """Per issuer id that one distinctive `word` of `q` finds, its score; and the ids
    it finds by their own names."""
    from rapidfuzz import fuzz

    matched = whole_scores(directory, word, region, whole=word != q.split(" ")[-1])
    scores = {owner: score for owner, (score, _) in matched.items()}
    by_own = {owner for owner, (_, own) in matched.items() if own}
    if wide(word[0]):
        inside = {}
        for issuer in directory.issuers.values():
            own = [normalised(k) for k in (*issuer.keys, *issuer.suggest)]
            lengths = [len(k) for k in own if len(k) > 1 and k in word and k not in GENERIC_WORDS]
            if lengths:
                inside[issuer.id] = max(lengths)
        longest = max(inside.values(), default=0)
        for owner, length in inside.items():
            if length == longest:
                scores[owner] = max(scores.get(owner, 0), 200)
                by_own.add(owner)
    elif len(word) >= 5 and word.isalpha():
        for issuer in directory.issuers.values():
            for key in (normalised(k) for k in (*issuer.keys, *issuer.suggest)):
                for key_word in re.split(r"[\W_]+", key):
                    ratio = fuzz.ratio(word, key_word) if key_word else 0
                    if ratio >= 80 and begin_alike(word, key_word):
                        scores[issuer.id] = max(scores.get(issuer.id, 0), ratio)
                        by_own.add(issuer.id)
    return scores, by_own


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
PIECES = [*WORDS, *HAN, "city 3", "issuer-1", "metrobank", "unioncard", "ban", "crdit",
          "metor", "上海", " ", "7", "ank", "avings", "nion", "ity", "my ", "of ", "15",
          "工商银行股份", "'",
          "metro bank", "union card ", "savings metor"]


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


SHIPPED_QUERIES = ["工行", "icbc", "visa", "octopus", "95588", "Vodafone", "moblie", "mobile",
                   "ICBC Bank", "my lost iphone", "中国工商银行股份有限公司", "Bank of Chnia",
                   "London Oyster", "shanghai bank", "HSBC", "3 UK", "bank of america card",
                   # numbers as written on a card or a page, from home or from abroad
                   "+86 95588", "0086 95588", "0800 085 2401", "+44 (0)800 085 2401",
                   "1-800-432-1000", "2266", "112", "+44 800 432 1000", "955",
                   "china mobile lost phone",
                   "China Construction Bank (CCB)", "Lingnan Pass / Yang Cheng Tong (Guangzhou)",
                   "hangseng", "tmobile"]


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

# names as the sources write them, an official name with its short name or its area in
# brackets, or two names joined: each found nothing as a whole (32 of the sources' names)
AS_THE_SOURCES_NAME_THEM = {
    "China Construction Bank (CCB)": "ccb",
    "Industrial and Commercial Bank of China (ICBC)": "icbc",
    "Postal Savings Bank of China (PSBC)": "psbc",
    "Commonwealth Bank (CommBank)": "commonwealth-bank-au",
    "SMBC (Sumitomo Mitsui Banking Corp.)": "smbc-jp",
    "Lingnan Pass / Yang Cheng Tong (Guangzhou)": "yang-cheng-tong",
    "myki (Public Transport Victoria)": "myki-au",
    "One NZ (formerly Vodafone NZ)": "one-nz",
    "UK mobile networks (Ofcom)": "uk-mobile-networks",
    # an area in brackets says which: the tester's `HSBC (UK)` gave HSBC Hong Kong first
    "HSBC (UK)": "hsbc-uk",
    "汇丰（英国）": "hsbc-uk",
    "HSBC [UK]": "hsbc-uk",
    "HSBC (Hong Kong)": "hsbc-hk",
    "Bank of China (HK)": "bochk",
    "DBS (Singapore)": "dbs-sg",
}


@pytest.mark.parametrize(("query", "first"), list(AS_THE_SOURCES_NAME_THEM.items()))
def test_a_name_as_the_sources_write_it_finds_its_issuer(content, query, first):
    assert [i.id for i in content.issuers.search(query, 5)][:1] == [first]
    assert content.issuers.left_out(query) == []  # its parts are searched, none left out


def test_every_issuer_is_found_by_its_name_with_an_alias_in_brackets(content):
    """`Name (alias)`, as a page or a statement writes it, finds the issuer in its
    region: first, or among the first few where the whole text reads as another
    issuer's name too (`Apple Card (Apple)` is Apple and Apple Card)."""
    firsts = 0
    for issuer in content.issuers.issuers.values():
        region = "" if issuer.region == GLOBAL else issuer.region
        for alias in issuer.aliases[:1]:
            query = f"{issuer.name.get('en')} ({alias})"
            found = [i.id for i in content.issuers.search(query, 5, region)]
            assert issuer.id in found, (query, found)
            firsts += found[0] == issuer.id
    assert firsts >= 195, firsts  # of 197 (2 read as another's name as a whole)


@pytest.mark.parametrize(
    ("query", "first"),
    [("hangseng", "hang-seng"), ("tmobile", "t-mobile"), ("bankofchina", "boc"),
     ("chinamobile", "china-mobile"), ("HangSeng", "hang-seng")],
)
def test_a_name_typed_with_its_words_run_together_finds_it(content, query, first):
    assert [i.id for i in content.issuers.search(query, 5)][:1] == [first]


# a query with generic words finds first the issuer whose own name its other words are,
# before one that only suggests that name: China Mobile, then China Mobile Hong Kong
# (which has no number for a mainland phone)
@pytest.mark.parametrize(
    ("query", "first"),
    [("china mobile lost phone", "china-mobile"), ("china unicom lost phone", "china-unicom"),
     ("lost my china mobile sim", "china-mobile"), ("china mobile hk lost phone", "cmhk")],
)
def test_the_issuer_named_by_the_distinctive_words_comes_first(content, query, first):
    assert content.issuers.search(query, 5)[0].id == first


# a number typed as it is written finds the issuer whose number it is, whether written
# from home or from abroad, and a number one digit off finds nobody's (it is another's)
AS_WRITTEN = {
    "+86 95588": ["icbc"],  # listed as 95588
    "0086 95588": ["icbc"],
    "+86 10 95588": ["icbc"],
    "0800 085 2401": ["hsbc-uk"],
    "+44 800 085 2401": ["hsbc-uk"],
    "+44 (0)800 085 2401": ["hsbc-uk"],
    "+852 2860 0333": ["citibank-hk"],
    "1-800-432-1000": ["bank-of-america-us"],
    "+1 800 432 1000": ["bank-of-america-us"],
    "95589": [],  # one digit off ICBC's and others'
    "400-820-0589": [],
    # a country code typed is read as typed: another country's number is nobody's
    "+44 800 432 1000": [],  # Bank of America's number is +1 800 432 1000
    "1-800-085-2401": [],  # HSBC UK's is +44 800 085 2401
    "+44 95588": [],
    "195588": [],  # one digit more
    "+1 911": [],
    "112": [],  # an emergency number is never read inside another number
    "911": [],
    "９５５８８": ["icbc"],  # full-width digits, as a Chinese input method types them
    "+86 (0)10 95588": ["icbc"],
    "+49 (0) 30 4050 4050": ["sperr-notruf-de"],
}


@pytest.mark.parametrize(("query", "found"), list(AS_WRITTEN.items()))
def test_a_number_as_written_finds_the_issuer_whose_number_it_is(content, query, found):
    assert [i.id for i in content.issuers.search(query, 20)] == found
    assert content.issuers.left_out(query) == []  # no word of a number is said left out


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


# the tester's queries: a generic word (bank, card, my, lost, 卡 ...) beside a
# distinctive one found look-alikes by the generic word's letters (`ICBC Bank` found
# OCBC Bank, `Suica card` Shinhan Card) or nothing. Every distinctive word must find
# the issuer now. (query, the first found, every issuer it may find)
WORDS_TYPED = [
    ("ICBC Bank", "icbc", {"icbc"}),
    # with no region, the issuer that goes by the name first (HSBC Hong Kong's alias), then
    # the one that only suggests it (HSBC UK; with region GB it comes first: below)
    ("HSBC Bank", "hsbc-hk", {"hsbc-uk", "hsbc-hk"}),
    ("Citi Bank", "citibank-hk", {"citibank-hk", "citi-us"}),
    ("Citi card", "citibank-hk", {"citibank-hk", "citi-us"}),
    ("Amex card", "amex", {"amex", "amex-au", "amex-us", "american-express-de"}),
    ("Suica card", "suica-jp", {"suica-jp"}),
    ("SSA card", "ssa-us", {"ssa-us"}),
    ("SIN card", "service-canada-ca", {"service-canada-ca"}),
    ("PASMO card", "pasmo-jp", {"pasmo-jp"}),
    ("Optus card", "optus-au", {"optus-au"}),
    ("ICOCA card", "icoca-jp", {"icoca-jp"}),
    ("myki card", "myki-au", {"myki-au"}),
    ("iphone 15 pro", "apple", {"apple"}),
    ("my lost iphone", "apple", {"apple"}),
    ("Apple iPhone", "apple", {"apple"}),
    ("London Oyster", "tfl-oyster", {"tfl-oyster"}),
    ("中国工商银行股份有限公司", "icbc", {"icbc"}),
    ("我的工行卡", "icbc", {"icbc"}),
    ("Bank of China", "boc", None),  # a name with generic words still finds it first
    ("3 UK", "three-uk", {"three-uk"}),  # a short number first is a name, not a model's
    ("my lost 3 hong kong", "3hk", {"3hk"}),  # so it is after generic words alone
    ("lost iphone 15", "apple", {"apple"}),  # and a model's after a name
    ("Chian Moblie", "china-mobile", {"china-mobile", "cmhk"}),  # a typo in long words
]


@pytest.mark.parametrize(("query", "first", "allowed"), WORDS_TYPED)
def test_every_distinctive_word_must_find_the_issuer(content, query, first, allowed):
    ids = [i.id for i in content.issuers.search(query, 30)]
    assert ids[:1] == [first], ids
    if allowed is not None:
        assert set(ids) <= allowed, ids


@pytest.mark.parametrize(
    "query", ["credit card", "my lost card", "Bank of Tokyo", "银行 卡"]
)
def test_generic_words_or_a_place_alone_find_no_look_alike(content, query):
    """`credit card` found PRESTO by the fuzzy letters of `presto card`; `Bank of
    Tokyo` would find the Tokyo transit cards by the area they serve."""
    assert content.issuers.search(query, 30) == []


@pytest.mark.parametrize("query", ["'", "-", "…", "（）", "' '"])
def test_punctuation_alone_finds_nothing(content, query):
    """A lone `'` found the French interbank line by `d'opposition`."""
    assert content.issuers.search(query, 30) == []


@pytest.mark.parametrize(
    ("query", "not_found"), [("HSBC", "psbc"), ("CCB", "card-opposition-fr"), ("ICBC", "ocbc")]
)
def test_an_acronym_one_letter_apart_is_another_issuer(content, query, not_found):
    """HSBC is not PSBC, CCB not the French line's `CB`: one letter changed, added or
    left out of a short name is another name. ICBC still finds CIBC (two swapped)."""
    assert not_found not in [i.id for i in content.issuers.search(query, 30)]
    assert not_found not in [i.id for i in content.issuers.suggestions(query)]
    assert "cibc-ca" in [i.id for i in content.issuers.search("ICBC", 30)]


def test_a_name_word_ranks_above_an_alias(content):
    """`mobile` listed myki and Suica (by Mobile myki, Mobile Suica) before China
    Mobile and T-Mobile."""
    ids = [i.id for i in content.issuers.search("mobile", 30)]
    for carrier in ("china-mobile", "t-mobile"):
        for transit in ("myki-au", "suica-jp"):
            assert ids.index(carrier) < ids.index(transit), ids


@pytest.mark.parametrize(
    ("query", "region", "first"),
    [("HSBC", "GB", "hsbc-uk"), ("O2", "DE", "o2-de"), ("Three", "HK", "3hk"),
     ("BOC", "HK", "bochk"), ("HSBC Bank", "GB", "hsbc-uk")],
)
def test_the_region_s_issuer_named_by_the_query_comes_first(content, query, region, first):
    ids = [i.id for i in content.issuers.search(query, 30, region=region, place=region)]
    assert ids[:1] == [first], ids


def test_a_card_of_hsbc_in_the_uk_suggests_hsbc_uk_first_and_never_links_hong_kong(content):
    """HSBC UK goes by `HSBC` only as a suggested name: the card links to nothing (a
    wrong link shows a wrong number) and HSBC UK is offered first."""
    region = content.issuers.region_of("UK")
    assert content.issuers.match("HSBC", region, "bank") is None
    offered = [i.id for i in content.issuers.suggestions("HSBC", region, kind="bank", place="UK")]
    assert offered[:1] == ["hsbc-uk"] and "hsbc-hk" not in offered


def test_a_place_in_chinese_is_not_the_start_of_a_region_s_name(content):
    """With a region, `上海` is not the start of 上海银行 as `hsbc` is of HSBC UK: a
    Chinese name has no word to end; the issuers serving Shanghai stay first."""
    ids = [i.id for i in content.issuers.search("上海", 30, region="CN")]
    assert ids[0] != "bank-of-shanghai", ids


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


@pytest.mark.parametrize("query", ["工 工", "工行 工行", "交通卡 交通卡"])
def test_a_word_typed_twice_finds_what_it_finds_once(content, query):
    """Found by the plain-scan comparison: `工 工` was read as one word with its space
    in it, and found other issuers than `工`."""
    once = query.split(" ")[0]
    twice = [i.id for i in content.issuers.search(query, 10)]
    assert twice == [i.id for i in content.issuers.search(once, 10)], query
    for directory_query in (query,):
        assert [i.id for i in DIRECTORY.search(directory_query, 5)] == [
            i.id for i in DIRECTORY.search(once, 5)
        ]
