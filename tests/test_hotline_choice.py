"""Which number is offered first, per situation (tui.domain.hotline_choice), on the shipped
directory and on small made-up issuers."""

from __future__ import annotations

import pytest

from tui.domain.hotline_choice import (
    HOME_ONLY,
    OWN_NETWORK_LOST,
    Situation,
    any_phone_can_call,
    first_usable,
    offers_for,
    offers_of,
)
from tui.library.issuers import Issuer, IssuerDirectory
from tui.records.kinds import Intent, Kind

LOST_PHONE = Situation.for_card(Kind.ESIM, Intent.REPORT_LOST)
LOST_CARD = Situation.for_card(Kind.BANK, Intent.REPORT_LOST)


def _issuer(region: str, *hotlines: dict, **extra) -> Issuer:
    doc = {"id": "x", "name": {"en": "X"}, "region": region, "kinds": ["esim"]}
    return Issuer.from_doc({**doc, "hotlines": list(hotlines), **extra})


def line(number: str, purpose: str = "report-lost", reachable: str = "unknown", **extra) -> dict:
    return {"number": number, "purpose": purpose, "reachable": reachable, **extra}


def test_a_lost_phone_is_never_offered_its_own_network_line_first():
    issuer = _issuer("GB", line("150", reachable="own-network"), line("+44 7953 966250"))
    offers = offers_of(issuer, LOST_PHONE)
    assert offers[0].hotline.number == "+44 7953 966250" and offers[0].usable
    assert offers[-1].blocked == OWN_NETWORK_LOST
    only_own = _issuer("GB", line("191", "customer-service", reachable="own-network"))
    assert first_usable(offers_of(only_own, LOST_PHONE)) is None
    # the same line is fine for a question asked from the phone in hand
    question = Situation.for_card(Kind.ESIM, Intent.CANCEL)
    assert first_usable(offers_of(only_own, question)).hotline.number == "191"


def test_abroad_puts_lines_for_abroad_first_and_blocks_home_only_ones():
    issuer = _issuer(
        "CN",
        line("95588", reachable="any-phone"),
        line("400 669 5566", reachable="any-phone"),
        line("+86 10 66085566", reachable="from-abroad"),
    )
    home = offers_of(issuer, LOST_CARD)
    assert home[0].hotline.number == "95588"
    abroad = offers_of(issuer, Situation(LOST_CARD.purpose, Kind.BANK, abroad=True))
    assert abroad[0].hotline.number == "+86 10 66085566" and abroad[0].usable
    # a short code and a 400 line cannot be dialled from abroad, whatever the file says
    assert [o.blocked for o in abroad[1:]] == [HOME_ONLY, HOME_ONLY]


def test_a_home_only_number_is_shown_in_national_form():
    issuer = _issuer("CN", line("+86 400 669 5566"), line("021-63611100", reachable="any-phone"))
    shown = [h.shown for h in issuer.hotlines]
    assert shown == ["400 669 5566", "+86 21 6361 1100"]
    assert issuer.hotlines[0].domestic_only and not issuer.hotlines[1].domestic_only


def test_the_purpose_comes_before_who_can_dial_and_official_before_third_party():
    issuer = _issuer(
        "HK",
        line(
            "+852 2266 2266",
            purpose="customer-service",
            source_kind="issuer",
            source="https://www.octopus.com.hk/a",
        ),
        line("+852 2266 2222", source="https://blog.example.org/b", source_kind="third-party"),
        line("+852 2266 2223", source="https://www.octopus.com.hk/c", source_kind="issuer"),
    )
    numbers = [o.hotline.number for o in offers_of(issuer, LOST_CARD)]
    assert numbers == ["+852 2266 2223", "+852 2266 2222", "+852 2266 2266"]


def test_a_bank_card_with_no_lost_line_gets_its_networks_marked():
    network = Issuer.from_doc(
        {
            "id": "visa",
            "name": {"en": "Visa"},
            "region": "XX",
            "kinds": ["bank"],
            "network": "visa",
            "hotlines": [
                line(
                    "+1 303 967 1090",
                    reachable="from-abroad",
                    source="https://www.visa.com/x",
                    source_kind="issuer",
                )
            ],
        }
    )
    bank = Issuer.from_doc(
        {
            "id": "b",
            "name": {"en": "B"},
            "region": "CN",
            "kinds": ["bank"],
            "hotlines": [line("95599", purpose="customer-service")],
        }
    )
    directory = IssuerDirectory.of([network, bank])
    abroad = Situation(LOST_CARD.purpose, Kind.BANK, abroad=True)
    offers = offers_for(directory, bank, abroad, network="visa", region="CN")
    assert [o.network for o in offers] == [True, False]  # the network's lost line first
    # at home its line for calling from abroad comes after the bank's own
    home = offers_for(directory, bank, LOST_CARD, network="visa", region="CN")
    assert [o.network for o in home] == [False, True]
    unknown = offers_for(directory, None, LOST_CARD, network="visa", region="CN")
    assert unknown[0].issuer.id == "visa" and unknown[0].network
    assert offers_for(directory, None, LOST_CARD) == []


@pytest.mark.parametrize(
    ("issuer", "region", "central"),
    [("Deutsche Bank", "DE", "sperr-notruf-de"), ("", "DE", "sperr-notruf-de"),
     ("Some small bank", "FR", "card-opposition-fr")],
)
def test_a_lost_bank_card_of_a_region_with_a_shared_blocking_line_is_offered_it(
    content, issuer, region, central
):
    """Found by a tester: a German Deutsche Bank card reported lost was offered a
    general line from a weak third-party page, and never Sperr-Notruf 116 116, the
    shared blocking line German banks take part in, from a government page. A bank
    card of a region with such a line whose issuer has no lost-card line that works is
    offered it first (official), marked as the shared line; at home, abroad, and with
    a card network given, no unofficial line comes before an official one offered in
    the issuer's stead."""
    from tui.base.i18n import Catalog
    from tui.domain.hotline_text import offer_words

    directory = content.issuers
    linked = directory.match(issuer, region, "bank") if issuer else None
    for abroad in (False, True):
        situation = Situation(LOST_CARD.purpose, Kind.BANK, abroad=abroad, home=region)
        for network in ("", "visa"):
            offers = offers_for(directory, linked, situation, network=network, region=region)
            usable = [o for o in offers if o.usable]
            stand_ins = [o for o in usable if o.central or o.network]
            official = [o.hotline.verified for o in stand_ins]
            assert official == sorted(official, reverse=True), (abroad, network, official)
            if not abroad:  # at home the shared line, from an official source, first
                first = usable[0]
                assert first.issuer.id == central and first.central, first
                assert first.hotline.verified and first.hotline.purpose == "report-lost"
                words = offer_words(first, Catalog(content.strings, "en"))
                assert "the shared blocking line" in words, words
            own = [n for n, o in enumerate(usable) if not (o.central or o.network)]
            weak = [n for n, o in enumerate(usable) if o in stand_ins and not o.hotline.verified]
            assert not own or not weak or min(weak) > max(own), "a weak stand-in first"


def test_a_bank_with_its_own_lost_line_is_not_given_the_shared_one_first(content):
    directory = content.issuers
    ing = directory.match("ING Deutschland", "DE", "bank")
    home = Situation(LOST_CARD.purpose, Kind.BANK, abroad=False, home="DE")
    offers = offers_for(directory, ing, home, region="DE")
    assert offers[0].issuer is ing and not any(o.central for o in offers)
    # a region with no shared line: nothing marked so
    boc = directory.match("Bank of China", "CN", "bank")
    cn = Situation(LOST_CARD.purpose, Kind.BANK, abroad=False, home="CN")
    assert not any(o.central for o in offers_for(directory, boc, cn, region="CN"))


# the shipped directory


@pytest.mark.parametrize(
    ("issuer", "region"),
    [
        ("EE", "GB"),
        ("Vodafone UK", "GB"),
        ("O2", "GB"),
        ("Three UK", "GB"),
        ("T-Mobile", "US"),
        ("Smart", "PH"),
    ],
)
def test_shipped_carriers_offer_a_lost_phone_no_own_network_line(content, issuer, region):
    found = content.issuers.match(issuer, region) or content.issuers.suggestions(issuer, region)[0]
    offer = first_usable(offers_of(found, LOST_PHONE))
    assert offer is None or offer.hotline.reachable != "own-network", (found.id, offer)


def test_a_lost_ee_phone_is_offered_a_number_another_phone_can_dial(content):
    ee = content.issuers.match("EE", "GB")
    offer = first_usable(offers_of(ee, LOST_PHONE))
    assert offer is not None and offer.hotline.reachable == "any-phone", offer


@pytest.mark.parametrize("abroad", [False, True])
@pytest.mark.parametrize(
    ("issuer", "number"),
    [
        ("china-mobile", "+8613800100186"),
        ("china-unicom", "+86 186 1861 0010"),
        ("china-telecom", "+86 189 1891 0000"),
    ],
)
def test_a_lost_chinese_phone_gets_the_number_any_phone_can_call_first(
    content, issuer, number, abroad
):
    """10086 (reach unknown) and +86 10086 (a short code) need a China Mobile SIM to
    be sure of; the mobile number for customers abroad works from any phone, at home
    too."""
    found = content.issuers.get(issuer)
    offer = first_usable(offers_of(found, Situation(LOST_PHONE.purpose, Kind.ESIM, abroad)))
    assert offer is not None and offer.hotline.number == number, offer


@pytest.mark.parametrize("abroad", [False, True])
def test_every_shipped_carrier_offers_a_lost_phone_a_number_any_phone_can_call_first(
    content, abroad
):
    """The rule, not one row: wherever a carrier has a line any phone can call for a
    lost phone, no short code or number of unknown reach comes before it."""
    situation = Situation(LOST_PHONE.purpose, Kind.ESIM, abroad)
    checked = 0
    for issuer in content.issuers.issuers.values():
        if Kind.ESIM.value not in issuer.kinds:
            continue
        offers = [o for o in offers_of(issuer, situation) if o.usable]
        if any(any_phone_can_call(o.hotline) for o in offers):
            checked += 1
            assert any_phone_can_call(offers[0].hotline), (issuer.id, offers[0].hotline)
    assert checked >= 10


def test_a_lost_phone_gets_an_any_phone_line_before_a_short_code_for_its_purpose():
    issuer = _issuer(
        "CN",
        line("10086", reachable="unknown"),
        line("+86 10086", reachable="from-abroad", short_code=True),
        line("+8613800100186", purpose="customer-service", reachable="from-abroad"),
    )
    home = [o.hotline.number for o in offers_of(issuer, LOST_PHONE)]
    assert home[0] == "+8613800100186"
    abroad = Situation(LOST_PHONE.purpose, Kind.ESIM, abroad=True)
    assert offers_of(issuer, abroad)[0].hotline.number == "+8613800100186"
    # a lost bank card is not a lost phone: the line for the purpose still comes first
    assert offers_of(issuer, LOST_CARD)[0].hotline.number == "10086"


def test_icbc_abroad_offers_a_line_for_abroad_or_none(content):
    icbc = content.issuers.match("ICBC", "CN")
    abroad = Situation(LOST_CARD.purpose, Kind.BANK, abroad=True)
    offer = first_usable(offers_of(icbc, abroad))
    assert offer is None or offer.hotline.dialable_abroad
    if offer is not None:
        assert offer.hotline.reachable in ("from-abroad", "any-phone", "unknown")
    home_only = [o for o in offers_of(icbc, abroad) if o.hotline.number == "95588"]
    assert home_only and home_only[0].blocked == HOME_ONLY


def test_no_shipped_400_or_800_line_claims_to_work_from_abroad(content):
    for issuer in content.issuers.issuers.values():
        for hotline in issuer.hotlines:
            if hotline.region == "CN" and hotline.number.replace("+86", "").strip()[:3] in (
                "400",
                "800",
            ):
                assert hotline.domestic_only, (issuer.id, hotline.number)
                assert not hotline.shown.startswith("+"), hotline.shown


@pytest.mark.parametrize(
    "issuer",
    [
        "shanghai-transit-card",
        "beijing-yikatong",
        "yang-cheng-tong",
        "wuhan-tong",
        "suica-jp",
        "pasmo-jp",
        "icoca-jp",
    ],
)
def test_bearer_transit_cards_say_they_cannot_be_reported_lost(content, issuer):
    found = content.issuers.get(issuer)
    assert found.bearer.get("en") and found.bearer.get("zh-CN")


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("CN", "CN"),
        ("UK", "GB"),
        ("中国", "CN"),
        ("Hong Kong", "HK"),
        ("上海", "CN"),
        ("Shanghai", "CN"),
        ("United States", "US"),
        ("美国", "US"),
        ("", ""),
        ("Atlantis", ""),
    ],
)
def test_a_typed_region_reads_as_its_code(content, typed, code):
    assert content.issuers.region_of(typed) == code


def test_the_card_region_scopes_links_and_generic_names_only_suggest(content):
    issuers = content.issuers
    # a US Social Security card never links to China's bureau, by alias or otherwise
    us = issuers.match("Social security", "US")
    assert us is None or us.region == "US"
    assert all(i.region in ("US", "XX") for i in issuers.suggestions("Social security", "US"))
    # generic names link to nothing; they suggest, within the region
    for generic, region in (
        ("交通卡", "CN"),
        ("一卡通", "CN"),
        ("Vodafone", "GB"),
        ("Smart", "PH"),
    ):
        assert issuers.match(generic, region) is None, generic
        assert issuers.suggestions(generic, region), generic
    assert issuers.match("ICBC", "US") is None and issuers.match("ICBC", "CN").id == "icbc"
    assert issuers.match("Visa", "US").region in ("US", "XX")  # a network works anywhere


def test_the_tracker_offers_a_us_card_no_cn_issuer(content, clock):
    from tui.domain.tracker import Tracker
    from tui.records.card_fields import CardFields
    from tui.storage.store import Store

    tracker = Tracker(Store.in_memory(), content.playbooks, clock, issuers=content.issuers)
    card = tracker.add_card(
        CardFields("SSN card", "social-security", "report-lost", "Social security", "US")
    )
    assert tracker.issuer_for(card) is None
    assert all(o.issuer.region in ("US", "XX") for o in tracker.calls_for(card))
    debit = tracker.add_card(
        CardFields("Debit", "bank", "report-lost", "Some small bank", "CN", network="visa")
    )
    offers = tracker.calls_for(debit)
    assert offers and offers[0].network and offers[0].issuer.network == "visa"
    assert all(o.hotline.verified for o in offers)  # only the network's official lines
    # UnionPay has no sourced lost-card line: nothing is made up
    union = tracker.add_card(
        CardFields("Credit", "bank", "report-lost", "Some small bank", "CN", network="unionpay")
    )
    assert tracker.calls_for(union) == []


def test_a_known_bank_with_no_sourced_lost_line_gets_the_networks_line(content):
    cmbc = content.issuers.match("民生银行", "CN")
    assert not any(h.purpose == "report-lost" and h.verified for h in cmbc.hotlines)
    abroad = Situation(LOST_CARD.purpose, Kind.BANK, abroad=True)
    offers = offers_for(content.issuers, cmbc, abroad, network="visa", region="CN")
    first = first_usable(offers)
    assert first.network and first.issuer.network == "visa" and first.hotline.verified
    assert any(o.issuer.id == cmbc.id for o in offers)  # its own numbers are still there


@pytest.mark.parametrize("name", ["招商银行", "民生银行", "Bank of China"])
def test_at_home_the_networks_line_from_abroad_comes_after_the_banks_own(content, name):
    """At home in China, Visa's only lines are its US numbers for calling from abroad:
    the bank's own domestic numbers (CMB's 95555, sourced by a third party) come
    first, and Visa's is still offered after them."""
    bank = content.issuers.match(name, "CN")
    offers = offers_for(content.issuers, bank, LOST_CARD, network="visa", region="CN")
    first = first_usable(offers)
    assert first.issuer.id == bank.id and first.hotline.reachable != "from-abroad"
    networks = [o for o in offers if o.network]
    assert networks and all(o.hotline.reachable == "from-abroad" for o in networks)
    assert offers.index(networks[0]) > max(
        i for i, o in enumerate(offers) if o.issuer.id == bank.id and o.usable
    )
    # a bank with its own sourced lost-card line is not sent to the network
    icbc = content.issuers.match("ICBC", "CN")
    assert not any(o.network for o in offers_for(content.issuers, icbc, LOST_CARD, "visa", "CN"))


def test_a_port_out_is_not_offered_a_lost_card_line(content):
    ee = content.issuers.match("EE", "GB")
    port_out = Situation.for_card(Kind.ESIM, Intent.PORT_OUT)
    offer = first_usable(offers_of(ee, port_out))
    assert offer is None or offer.hotline.purpose in ("port-out", "customer-service")


@pytest.mark.parametrize(
    ("text", "kind", "place", "first"),
    [
        ("交通卡", "transit", "上海", "shanghai-transit-card"),
        ("交通卡", "transit", "Wuhan", "wuhan-tong"),
        ("交通卡", "transit", "北京", "beijing-yikatong"),
    ],
)
def test_a_generic_name_suggests_the_issuer_of_the_place_typed_first(
    content, text, kind, place, first
):
    found = content.issuers.suggestions(text, "CN", kind=kind, place=place)
    assert found[0].id == first


def test_a_campus_card_is_not_offered_a_transit_card(content):
    found = content.issuers.suggestions("一卡通", "CN", kind="other", place="北京")
    assert all("other" in issuer.kinds for issuer in found)
    assert "beijing-yikatong" not in [issuer.id for issuer in found]


def test_a_network_name_with_no_region_is_the_worldwide_entry(content):
    assert content.issuers.match("Visa").id == "visa"
    assert content.issuers.match("Mastercard").id == "mastercard"
    assert content.issuers.match("Visa", "CA").region == "CA"


def test_abroad_a_bank_whose_lost_lines_may_not_reach_abroad_gets_the_network(content):
    chase = content.issuers.match("chase", "US")
    abroad = Situation(LOST_CARD.purpose, Kind.BANK, abroad=True)
    offers = offers_for(content.issuers, chase, abroad, network="visa", region="US")
    first = first_usable(offers)
    assert first.network and first.hotline.reachable == "from-abroad" and first.hotline.verified
    home = offers_for(content.issuers, chase, LOST_CARD, network="visa", region="US")
    assert not first_usable(home).network  # at home, Chase's own sourced line


def test_a_search_from_a_card_puts_the_place_typed_first(content):
    found = content.issuers.search("交通卡", region="CN", kind="transit", place="上海")
    assert found[0].id == "shanghai-transit-card"


def test_linking_to_an_issuer_of_another_region_is_refused_and_changes_nothing(content, clock):
    from tui.base.errors import TrackerError
    from tui.domain.tracker import Tracker
    from tui.records.card_fields import CardFields
    from tui.storage.store import Store

    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock, issuers=content.issuers)
    card = tracker.add_card(CardFields("HSBC", "bank", "report-lost", "汇丰", "CN"))
    with pytest.raises(TrackerError) as refused:
        tracker.link_issuer(card.id, "hsbc-hk")
    assert refused.value.key == "error.link_other_region"
    assert store.card(card.id).issuer == "汇丰"
    linked = tracker.link_issuer(card.id, "unionpay-cn", "zh-CN")
    assert tracker.issuer_for(linked).id == "unionpay-cn" and "-" not in linked.issuer


def test_abroad_a_line_that_works_from_there_comes_before_one_of_unknown_reach(content):
    """Abroad, ICBC's cancel step offered its Hong Kong customer-service line (a line
    for callers in Hong Kong, reach unknown) before 95588 as dialled from abroad.
    That line dialled from abroad is, as its source gives it, a lost-card line, which
    is no answer to a cancel (tests/test_number_for_intent.py): the rule is held here
    on lines for a cancel."""
    bank = _issuer(
        "CN",
        line("+852 2189 5588", "customer-service", country="HK"),
        line("95588", "customer-service", reachable="domestic-only"),
        line("+86 10 95588", "customer-service", reachable="from-abroad"),
    )
    abroad = Situation.for_card(Kind.BANK, Intent.CANCEL, abroad=True)
    assert first_usable(offers_of(bank, abroad)).hotline.number == "+86 10 95588"
    icbc = content.issuers.match("ICBC", "CN")
    first = first_usable(offers_for(content.issuers, icbc, abroad, network="visa", region="CN"))
    assert first.hotline.purpose == "customer-service", first.hotline
    home = Situation.for_card(Kind.BANK, Intent.CANCEL)
    assert first_usable(offers_for(content.issuers, icbc, home)).hotline.number == "95588"


@pytest.mark.parametrize("abroad", [False, True])
def test_a_lost_phone_s_number_any_phone_can_call_says_so(content, abroad):
    """China Mobile's +86 138 0010 0186 was labelled "from abroad" for a lost phone:
    its source says it is a normal mobile number any phone can call, at home too, and
    who can dial it is what someone without their phone needs to know."""
    mobile = content.issuers.get("china-mobile")
    offers = offers_of(mobile, Situation(LOST_PHONE.purpose, Kind.ESIM, abroad))
    said = {(o.hotline.number, o.hotline.purpose): o.any_phone for o in offers}
    assert said[("+8613800100186", "report-lost")] is True
    assert said[("+86 10086", "report-lost")] is False  # a short code: it may need the SIM
    assert said[("10086", "report-lost")] is False  # reach not given by its source


@pytest.mark.parametrize(
    "situation",
    [LOST_CARD, Situation.for_card(Kind.ESIM, Intent.CANCEL),
     Situation.for_card(Kind.ESIM, Intent.PORT_OUT, abroad=True)],
    ids=["lost bank card", "eSIM cancelled", "eSIM ported out abroad"],
)
def test_only_a_lost_phone_s_lines_say_any_phone(content, situation):
    """Elsewhere the reader has their own phone: the line says what its row says
    ("from abroad"), and stays short enough to keep its ⚠ on a narrow row."""
    mobile = content.issuers.get("china-mobile")
    assert not any(o.any_phone for o in offers_of(mobile, situation))


def test_a_number_that_works_only_at_home_never_says_any_phone():
    issuer = _issuer(
        "CN",
        line("+86 10 95588", reachable="domestic-only"),
        line("+86 138 0010 0186", reachable="any-phone"),
        line("+86 10086", reachable="from-abroad", short_code=True),
    )
    said = {o.hotline.number: o.any_phone for o in offers_of(issuer, LOST_PHONE)}
    assert said == {"+86 10 95588": False, "+86 138 0010 0186": True, "+86 10086": False}
