"""The issuer directory: number formats, checks, lookup, the `hotline` command. That every
shipped number is a row of the sourced list is tests/test_hotline_facts.py."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tui.base.paths import content_dir
from tui.domain.tracker import Tracker
from tui.library.content import load_content, validate_path
from tui.library.phone_numbers import display_number
from tui.records.card_fields import CardFields
from tui.storage.store import Store


def test_numbers_are_formatted_short_codes_kept():
    assert display_number("021-63611100", "CN") == "+86 21 6361 1100"
    assert display_number("95588", "CN") == "95588"
    assert display_number("611", "US") == "611"
    assert display_number("+44 7953 966250", "UK") == "+44 7953 966250"
    assert display_number("*888", "PH", short_code=True) == "*888"


def _issuer_file(tmp_path: Path, hotline: str, name: str = "x.yaml") -> Path:
    folder = tmp_path / "issuers"
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(
        textwrap.dedent(
            """\
            issuers:
              - id: my-bank
                name: {en: My Bank, zh-CN: 我的银行}
                aliases: [MB]
                region: CN
                kinds: [bank]
                hotlines:
            """
        )
        + textwrap.indent(hotline, "      "),
        encoding="utf-8",
    )
    return path


def test_validate_rejects_a_hotline_without_source_that_claims_verified(tmp_path):
    _issuer_file(tmp_path, "- {number: '95588', purpose: customer-service, verified: true}\n")
    _, errors = validate_path(tmp_path, content_dir())
    assert len(errors) == 1 and "must say verified: false" in errors[0].message
    assert errors[0].line == 8


def test_validate_rejects_a_number_phonenumbers_calls_invalid(tmp_path):
    line = "- {number: '+86 123', purpose: customer-service, verified: false}\n"
    _issuer_file(tmp_path, line)
    _, errors = validate_path(tmp_path, content_dir())
    assert len(errors) == 1 and "not a valid number for CN" in errors[0].message
    ok = "- {number: '*999', purpose: customer-service, verified: false, short_code: true}\n"
    _issuer_file(tmp_path, ok)
    assert validate_path(tmp_path, content_dir())[1] == []
    dated = (
        "- {number: '95588', purpose: report-lost, verified: true,"
        " source: 'https://example.org/x', checked: 2026-11-24}\n"
    )
    _issuer_file(tmp_path, dated)
    assert validate_path(tmp_path, content_dir())[1] == []


def test_lookup_finds_names_and_aliases_in_both_scripts(content):
    search = content.issuers.search
    assert search("工行")[0].id == "icbc"
    assert search("工商银行")[0].id == "icbc"
    assert search("ICBC")[0].id == "icbc"
    assert search("bank of china")[0].id == "boc"
    assert search("octpus")[0].id == "octopus"  # a typo
    assert search("八达通")[0].id == "octopus"
    assert content.issuers.match("中国移动", "CN").id == "china-mobile"
    assert content.issuers.match("Some Bank") is None


@pytest.mark.parametrize(
    ("typed", "kind", "regions"),
    [
        ("Citi", "bank", {"US": "citi-us", "HK": "citibank-hk"}),
        ("DBS", "bank", {"HK": "dbs-hk", "SG": "dbs-sg"}),
    ],
)
def test_a_name_several_regions_share_links_only_once_the_region_says_which(
    content, typed, kind, regions
):
    """Found by a tester: bank cards with no region, issuer `Citi`, `HSBC`, `DBS`,
    linked to the Hong Kong issuer, and the call step and the lost-wallet list offered
    its +852 number to someone living in the US or Singapore. With no region, a name or
    alias issuers of several regions go by links to none, and each is suggested; a
    name only one issuer goes by (another only suggests it) still links."""
    issuers = content.issuers
    assert issuers.match(typed, "", kind) is None
    suggested = {issuer.id for issuer in issuers.suggestions(typed, "", kind=kind)}
    assert set(regions.values()) <= suggested, suggested
    for region, issuer_id in regions.items():
        assert issuers.match(typed, region, kind).id == issuer_id
    # a name one region's issuer alone goes by still links with no region
    assert issuers.match("ICBC", "", "bank").id == "icbc"
    assert issuers.match("中国移动", "", "esim").id == "china-mobile"  # 中国移动香港 suggests it
    assert issuers.match("Visa", "", "bank").id == "visa"  # the worldwide entry


@pytest.mark.parametrize(
    ("typed", "kind", "home", "linked"),
    [
        ("HSBC", "bank", "GB", None),  # HSBC UK's to confirm: never HSBC Hong Kong's +852
        ("HSBC", "bank", "US", None),  # two other regions go by it (HSBC UK suggests it)
        ("HSBC", "bank", "HK", "hsbc-hk"),
        ("HSBC", "bank", "", "hsbc-hk"),  # home unknown: the one issuer that goes by it
        ("Citi", "bank", "US", "citi-us"),  # two regions' name: home says which
        ("DBS", "bank", "SG", "dbs-sg"),
        ("Octopus", "transit", "CN", "octopus"),  # no mainland issuer it may mean
        ("八达通", "transit", "CN", "octopus"),
        ("HSBC Hong Kong", "bank", "GB", "hsbc-hk"),  # named in full
        ("工行", "bank", "US", "icbc"),
    ],
)
def test_a_card_with_no_region_links_within_the_users_home_first(
    content, typed, kind, home, linked
):
    """Found by a tester: a UK resident's bank card with no region, issuer `HSBC`,
    linked to HSBC Hong Kong, and its steps offered +852 numbers. A card with no region
    links as a card of the user's home region would; another region's issuer only when
    home has none the text may mean."""
    found = content.issuers.match(typed, "", kind, home)
    assert (found.id if found else None) == linked
    if linked is None:  # each is offered to the user to confirm
        suggested = [i.id for i in content.issuers.suggestions(typed, "", kind=kind)]
        assert {"hsbc-uk", "hsbc-hk"} <= set(suggested), suggested
    # a card's own region decides whatever home is
    assert content.issuers.match("HSBC", "HK", "bank", home).id == "hsbc-hk"


def test_a_region_less_card_of_a_german_resident_is_offered_the_shared_line(content, clock):
    """Found by a tester: a German resident's Deutsche Bank card with no region linked
    to Deutsche Bank (by home) but was offered the bank's weak third-party line, not
    Sperr-Notruf 116 116: the shared line was looked up by the card's own region. A
    card with no region is of its linked issuer's region, for its numbers."""
    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock, issuers=content.issuers)
    tracker.home_setting = "DE"
    card = tracker.add_card(
        CardFields("Giro", "bank", "report-lost", "Deutsche Bank", "", network="visa")
    )
    assert tracker.issuer_for(card).id == "deutsche-bank-de"
    assert tracker.card_region(card) == "DE"
    first = tracker.number_to_call(card)
    assert first is not None and first.shown == "116 116", first

def test_the_home_a_card_with_no_region_links_in_is_the_setting_or_the_cards(content, clock):
    """The tracker's home for links: config.yaml's `home` when set, else where most of
    the user's own cards are from, read again once the cards change."""
    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock, issuers=content.issuers)
    hsbc = tracker.add_card(CardFields("Current account", "bank", "report-lost", "HSBC"))
    assert tracker.issuer_for(hsbc).id == "hsbc-hk"  # no home known yet
    tracker.add_card(CardFields("Oyster", "transit", "cancel", "TfL", "GB"))
    tracker.add_card(CardFields("EE", "esim", "cancel", "EE", "UK"))
    assert tracker.issuer_for(store.card(hsbc.id)) is None  # a UK resident's: they confirm
    assert [i.id for i in tracker.issuer_suggestions(store.card(hsbc.id))][:2] == [
        "hsbc-uk", "hsbc-hk"
    ]
    tracker.home_setting = "HK"  # config.yaml says where they live
    assert tracker.issuer_for(store.card(hsbc.id)).id == "hsbc-hk"
    # ^l links it to the issuer the user chooses, of any region
    tracker.home_setting = ""
    linked = tracker.link_issuer(hsbc.id, "hsbc-hk", "en")
    assert tracker.issuer_for(linked).id == "hsbc-hk"


def test_user_issuers_win_by_id_and_are_marked(tmp_path):
    hotline = (
        "- {number: '95588', purpose: report-lost, verified: true, source: 'https://x.org/a'}\n"
    )
    path = _issuer_file(tmp_path, hotline)
    path.write_text(path.read_text().replace("my-bank", "icbc"), encoding="utf-8")
    loaded = load_content(content_dir(), tmp_path)
    assert not loaded.errors
    icbc = loaded.issuers.get("icbc")
    assert icbc.from_user and icbc.hotlines[0].purpose == "report-lost"


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "tui", "--config-dir", "/nonexistent-cardoff", *args],
        capture_output=True,
        text=True,
        timeout=60,
    )


READ = "2026-11-30"  # the day every source of the shipped list was read


def test_hotline_cli_prints_number_with_source():
    result = _cli("hotline", "工行")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    at = lines.index(next(line for line in lines if line.split()[:1] == ["95588"]))
    assert "only within mainland China" in lines[at]  # dialled as at home, and where
    assert f"source: icbc.com.cn · read {READ}" in lines[at + 2]  # the lost-card line
    # ICBC's line for abroad is only on a third party's page: shown with the warning
    at = lines.index(next(line for line in lines if line.split()[:3] == ["+86", "10", "95588"]))
    assert "from abroad" in lines[at]
    assert f"⚠ unverified: from a third party's page (info.5y1.org, read {READ})" in lines[at + 2]


def test_hotline_cli_speaks_the_chosen_language():
    result = _cli("--lang", "zh-CN", "hotline", "工行")
    assert result.returncode == 0
    assert f"出处：www.icbc.com.cn · 查阅日期：{READ}" in result.stdout
    assert "仅限中国大陆境内拨打" in result.stdout and "⚠ 未核实：来自第三方网页" in result.stdout
    assert "source:" not in result.stdout and "read 2026" not in result.stdout


@pytest.mark.parametrize("query", ["chase", "八達通", "suica"])
def test_hotline_cli_finds_sourced_numbers(query):
    result = _cli("hotline", query)
    assert result.returncode == 0
    sourced = rf"(source: \S+ · read|a third party's page \(\S+, read) {READ}"
    assert re.search(r"^ +\+\d[\d -]+ ", result.stdout, re.M), result.stdout  # a number
    assert re.search(sourced, result.stdout), result.stdout


def test_hotline_cli_json_and_no_match():
    result = _cli("hotline", "octopus", "--json")
    data = json.loads(result.stdout)
    octopus = data[0]
    assert octopus["id"] == "octopus" and octopus["name"]["zh-CN"] == "八达通"
    numbers = {h["number"]: h for h in octopus["hotlines"]}
    for number in ("+852 2266 2222", "+852 2266 2266"):  # both on Octopus's own FAQ
        hotline = numbers[number]
        assert hotline["verified"] is True and hotline["source_kind"] == "issuer"
        assert hotline["source"].startswith("https://www.octopus.com.hk/")
        assert hotline["checked"] == READ and hotline["reachable"] == "any-phone"
    assert numbers["+852 2266 2266"]["purpose"] == "report-lost"
    icbc = json.loads(_cli("hotline", "ICBC", "--json").stdout)[0]
    [abroad] = [h for h in icbc["hotlines"] if h["number"] == "+86 10 95588"]
    assert abroad["verified"] is False and abroad["source_kind"] == "third-party"
    missing = _cli("hotline", "qqqzzzxx")
    assert missing.returncode == 1 and "No issuer matches “qqqzzzxx”" in missing.stderr


def test_hotline_cli_json_finds_the_card_networks_lost_card_lines():
    data = json.loads(_cli("hotline", "Visa", "--json").stdout)
    lines = [h for issuer in data if issuer["network"] == "visa" for h in issuer["hotlines"]]
    official = [h for h in lines if h["verified"] and h["purpose"] == "report-lost"]
    assert official and all(h["source"] and h["checked"] == READ for h in official)


@pytest.mark.parametrize("query", ["", "   "])
def test_empty_query_lists_some(content, query):
    assert len(content.issuers.search(query)) > 0
