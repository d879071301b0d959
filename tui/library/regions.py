"""Regions: what a card's free-text region means, and a region's name to show.

A card's region is typed by the user ("CN", "UK", "China", "中国", "Hong Kong",
"上海"). `region_code` reads it as an ISO 3166 code using the region names in
Babel's CLDR data (English, Simplified and Traditional Chinese), the common
spellings CLDR leaves out (UK, mainland China, PRC), and the places issuers serve
(their `area`, e.g. Shanghai → CN). Issuers use the same codes, with XX for an
issuer that works worldwide (card networks, eSIM providers).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache

from tui.base.wide_forms import narrowed

GLOBAL = "XX"
# codes people write for a region that ISO 3166 codes otherwise
CODE_ALIASES = {"UK": "GB"}
# spellings people use that CLDR does not list as a region's name
EXTRA_NAMES = {
    "britain": "GB",
    "great britain": "GB",
    "england": "GB",
    "scotland": "GB",
    "wales": "GB",
    "northern ireland": "GB",
    "英国": "GB",
    "usa": "US",
    "u.s.": "US",
    "u.s.a.": "US",
    "america": "US",
    "美国": "US",
    "prc": "CN",
    "mainland china": "CN",
    "china mainland": "CN",
    "中国大陆": "CN",
    "大陆": "CN",
    "内地": "CN",
    "hong kong": "HK",
    "香港": "HK",
    "macau": "MO",
    "macao": "MO",
    "澳门": "MO",
    "澳門": "MO",
    "taiwan": "TW",
    "台湾": "TW",
    "臺灣": "TW",
    "korea": "KR",
    "south korea": "KR",
    "韩国": "KR",
}
# how a region is named where the CLDR name would mislead (numbers "within China"
# do not work in Hong Kong)
SHOWN_NAMES = {"CN": {"en": "mainland China", "zh-CN": "中国大陆"}}
_LOCALES = {"en": "en", "zh-CN": "zh_Hans_CN", "zh-TW": "zh_Hant_TW", "zh-HK": "zh_Hant_HK"}


def _norm(text: str) -> str:
    return " ".join(text.casefold().replace("_", " ").split())


@cache
def _cldr_names() -> dict[str, str]:
    """Every CLDR region name in English and Chinese (both scripts) → its code, kept in
    the cache folder once worked out (Babel's data of four locales: ~9 MiB and ~60 ms,
    the first time a card's region is typed as a name after an install), so that a
    later start reads such a region without loading Babel."""
    from tui.base.clock import babel_stamp
    from tui.base.kept_facts import kept

    def work_out() -> dict[str, str]:
        from babel import Locale

        names: dict[str, str] = {}
        for locale in _LOCALES.values():
            for code, name in Locale.parse(locale).territories.items():
                if len(code) == 2 and code.isalpha():
                    names.setdefault(_norm(name), code)
        return names

    def usable(names: object) -> bool:  # read back: names → two-letter codes
        return isinstance(names, dict) and all(
            isinstance(name, str) and isinstance(code, str) and len(code) == 2
            for name, code in names.items()
        )

    return kept("region-codes", [babel_stamp(), sorted(_LOCALES.values())], work_out, usable)


def typed_code(text: str) -> str:
    """`text` read as a region code written as one: two ASCII letters in any case,
    spaces around, in capitals, UK read as GB (" uk" → "GB", "cn" → "CN"); "" for
    anything else ("China", "上海", "ＣＮ", "C1"). Whether the region exists is not
    asked here (is_region_code); `region_code` reads a region typed any way."""
    code = text.strip().upper()
    if len(code) != 2 or not (code.isascii() and code.isalpha()):
        return ""
    return CODE_ALIASES.get(code, code)


def region_code(text: str, places: Mapping[str, str] | None = None) -> str:
    """The ISO 3166 code a typed region means ("UK" → "GB", "中国" → "CN",
    "Shanghai" → "CN" when `places` maps "shanghai" to "CN"); "" when it is empty
    or unknown. `places`: lower-cased place names → code (see IssuerDirectory)."""
    norm = _norm(text)
    if not norm:
        return ""
    # a code, `ＣＮ` from an input method too (tui.base.wide_forms)
    if code := typed_code(narrowed(norm)):
        return code if code in _codes() else ""
    if norm in EXTRA_NAMES:
        return EXTRA_NAMES[norm]
    if places and norm in places:
        return places[norm]
    if norm.endswith(("市", "省")) and places and norm[:-1] in places:
        return places[norm[:-1]]
    code = _cldr_names().get(norm, "")
    return code if code in _codes() else ""


# the regions that have phone numbers: phonenumbers' SUPPORTED_REGIONS (no ZZ
# 'Unknown Region', no EU or UN), written out so that reading a card's region does not
# import phonenumbers at start (~15-40 ms, ~3 MiB); tests/test_playbook_regions.py
# holds that it is the installed phonenumbers' list
PHONE_REGIONS = frozenset(
    """
    AC AD AE AF AG AI AL AM AO AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN
    BO BQ BR BS BT BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE
    DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM
    GN GP GQ GR GT GU GW GY HK HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE
    KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH
    MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ
    OM PA PE PF PG PH PK PL PM PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI
    SJ SK SL SM SN SO SR SS ST SV SX SY SZ TA TC TD TG TH TJ TK TL TM TN TO TR TT TV TW
    TZ UA UG US UY UZ VA VC VE VG VI VN VU WF WS XK YE YT ZA ZM ZW
    """.split()
)
_CODES = PHONE_REGIONS | {GLOBAL}


def _codes() -> frozenset[str]:
    """The regions that have phone numbers (PHONE_REGIONS), and XX for worldwide."""
    return _CODES


# Two-letter codes CLDR gives territories of their own that are not countries: ISO
# 3166's exceptionally reserved codes for a part of a country (Clipperton Island CP,
# Sark CQ, Diego Garcia DG, Ceuta and Melilla EA, the Canary Islands IC), and ZZ,
# CLDR's unknown region. AC and TA, reserved too, have phone numbers of their own
# (PHONE_REGIONS), as XK (Kosovo, a code ISO leaves to users) has.
NOT_COUNTRIES = frozenset({"CP", "CQ", "DG", "EA", "IC", "ZZ"})


def is_country_code(code: str) -> bool:
    """Whether `code` (two capital letters) is a country's: a region with phone
    numbers (PHONE_REGIONS), or one of the ISO 3166-1 countries that has no calling
    code of its own (Antarctica AQ, Bouvet Island BV, Heard Island HM...), as CLDR
    lists them (Babel's territory data). Not XX (worldwide), nor a grouping (EU,
    UN, QO), a test code (XA) or a part of a country (NOT_COUNTRIES)."""
    return code in PHONE_REGIONS or code in _no_phone_countries()


@cache
def _no_phone_countries() -> frozenset[str]:
    """The countries without phone numbers of their own: the two-letter territories of
    CLDR's territory information (Babel's, loaded only when a code is not a phone
    region), less NOT_COUNTRIES and the phone regions."""
    from babel.core import get_global

    territories = get_global("territory_languages")
    codes = {code for code in territories if len(code) == 2 and code.isalpha()}
    return frozenset(codes - NOT_COUNTRIES - PHONE_REGIONS)


def is_region_code(code: str) -> bool:
    """Whether `code` is a 2-letter ISO 3166 region with phone numbers, or XX
    (worldwide)."""
    return code in _codes()


def region_name(code: str, lang: str) -> str:
    """The region's name in the UI language ('mainland China', '中国大陆', 'Japan',
    '日本'); the code itself when CLDR has no name for it."""
    if code in SHOWN_NAMES:
        names = SHOWN_NAMES[code]
        return names.get(lang) or names["en"]
    return _region_names(_LOCALES.get(lang, "en")).get(code, code)


@cache
def _region_names(locale: str) -> dict[str, str]:
    """CLDR's region names in `locale` (Babel's), kept in the cache folder once worked
    out (the first time they are shown after an install), so that a later start shows
    them without loading Babel."""
    from tui.base.clock import babel_stamp
    from tui.base.kept_facts import kept

    def work_out() -> dict[str, str]:
        from babel import Locale

        return dict(Locale.parse(locale).territories)

    def usable(names: object) -> bool:  # read back: a mapping of text to text
        return isinstance(names, dict) and all(
            isinstance(code, str) and isinstance(name, str) for code, name in names.items()
        )

    return kept("regions", [babel_stamp(), locale], work_out, usable)


def keep_names_while_babel_is_loaded(lang: str) -> None:
    """Keep the region names of the UI language `lang` now if this process has loaded
    Babel already (a start that worked out the date forms or a plural rule: the first
    after an install). Otherwise they would be worked out the first time a region is
    named, in a later session, which would then load Babel's locale data for them
    alone (~5 MiB and ~20 ms); while Babel is loaded they cost ~1 ms. Does nothing
    when Babel is not loaded."""
    import sys

    if "babel.core" in sys.modules:
        _region_names(_LOCALES.get(lang, "en"))


@cache
def region_currency(code: str) -> str:
    """The currency a region uses now ("CN" → "CNY", "HK" → "HKD"), from Babel's CLDR
    data; "" for XX, an unknown code or a region with no single tender currency."""
    if not code or code == GLOBAL:
        return ""
    from babel.numbers import get_territory_currencies

    found = get_territory_currencies(code)  # [] for a code CLDR does not know
    return found[0] if len(found) == 1 else ""


def places_of(areas: Iterable[tuple[str, str]]) -> dict[str, str]:
    """(place name, region code) pairs → the `places` lookup `region_code` takes."""
    return {_norm(name): code for name, code in areas if name}
