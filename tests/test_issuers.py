"""The issuer directory: shipped numbers agree with their sources, checks, lookup, CLI."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tui.content import load_content, validate_path
from tui.issuers import display_number
from tui.paths import content_dir

ROOT = Path(__file__).resolve().parent.parent
# The sourced numbers: a copy of ../shared/hotlines.tsv, the only place numbers come from
FACTS = ROOT / "tests" / "data" / "hotlines.tsv"
SHARED = ROOT.parent / "shared" / "hotlines.tsv"
# the earlier list (2026-11-24) that the shipped content/issuers/ was written from
SHIPPED_FROM = ROOT / "tests" / "data" / "hotlines-2026-11-24.tsv"


def facts() -> list[dict]:
    return list(csv.DictReader(SHIPPED_FROM.open(encoding="utf-8"), delimiter="\t"))


def test_fact_copy_matches_shared_when_it_is_there():
    if not SHARED.exists():
        pytest.skip("no shared list next to this checkout: the copy in tests/data is used")
    assert SHARED.read_text(encoding="utf-8") == FACTS.read_text(encoding="utf-8")


def test_every_shipped_number_agrees_with_the_sourced_facts(content):
    directory = content.issuers
    by_name = {}
    for issuer in directory.issuers.values():
        by_name[issuer.name.get("en")] = issuer
    for row in facts():
        issuer = by_name[row["issuer"]]
        if not row["number"]:
            assert issuer.note.get("en"), f"{issuer.id} should say no number could be sourced"
            continue
        matches = [h for h in issuer.hotlines if h.number == row["number"]]
        assert len(matches) == 1, (row["issuer"], row["number"])
        hotline = matches[0]
        assert hotline.source == row["source_url"]
        assert hotline.verified == (bool(row["source_url"]) and row["confidence"] != "unverified")
        assert hotline.confidence == row["confidence"]
        assert hotline.hours == ("" if row["hours"] == "unknown" else row["hours"])
    shipped = sum(len(i.hotlines) for i in directory.issuers.values())
    assert shipped == sum(1 for row in facts() if row["number"])  # nothing invented


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
    assert content.issuers.match("中国移动").id == "china-mobile"
    assert content.issuers.match("Some Bank") is None


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


def test_hotline_cli_prints_number_with_source():
    result = _cli("hotline", "工行")
    assert result.returncode == 0
    assert "95588" in result.stdout and "icbc.com.cn" in result.stdout
    unverified = _cli("hotline", "China", "Mobile")
    assert "10086" in unverified.stdout and "UNVERIFIED" in unverified.stdout


def test_hotline_cli_json_and_no_match():
    result = _cli("hotline", "octopus", "--json")
    data = json.loads(result.stdout)
    octopus = data[0]
    assert octopus["id"] == "octopus" and octopus["name"]["zh-CN"] == "八达通"
    numbers = {h["number"]: h for h in octopus["hotlines"]}
    assert numbers["+852 2266 2222"]["verified"] is True
    assert numbers["+852 2266 2266"]["verified"] is False
    missing = _cli("hotline", "qqqzzzxx")
    assert missing.returncode == 1 and "no issuer matches" in missing.stderr


@pytest.mark.parametrize("query", ["", "   "])
def test_empty_query_lists_some(content, query):
    assert len(content.issuers.search(query)) > 0
