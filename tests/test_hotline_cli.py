"""`cardoff-tui hotline`: what it says when a query is empty or matches too much, and
the source of every procedure it prints."""

from __future__ import annotations

import json

from tests.conftest import run_cli


def test_an_empty_query_is_refused_with_how_to_ask(tmp_path):
    result = run_cli("hotline", "  ", config=tmp_path)
    assert result.returncode == 2 and result.stdout == ""
    assert "give part of an issuer's name" in result.stderr


def test_a_query_matching_more_than_it_prints_says_so(tmp_path):
    result = run_cli("hotline", "bank", config=tmp_path)
    assert result.returncode == 0
    assert "more issuers match than the first 30 shown" in result.stderr
    narrow = run_cli("hotline", "icbc", config=tmp_path)
    assert "more issuers match" not in narrow.stderr


def test_every_network_entry_is_listed_for_a_network_name(content, tmp_path):
    result = run_cli("hotline", "Visa", "--json", config=tmp_path)
    ids = {doc["id"] for doc in json.loads(result.stdout)}
    visas = {i.id for i in content.issuers.issuers.values() if i.network == "visa"}
    assert visas <= ids, visas - ids
    assert "more issuers match" not in result.stderr


def test_procedures_say_where_they_came_from(tmp_path):
    lines = run_cli("hotline", "suica", config=tmp_path).stdout.splitlines()
    procedures = [
        i for i, line in enumerate(lines) if line.strip().startswith("reporting it lost:")
    ]
    assert procedures
    for at in procedures:
        source = lines[at + 1].strip()
        assert source.startswith(("source: ", "⚠ unverified: from a third party's page")), source
        assert "read 2026-11-30" in source


def test_a_config_problem_is_said_not_ignored(tmp_path):
    (tmp_path / "config.yaml").write_text("abroad: yes please\n", encoding="utf-8")
    result = run_cli("hotline", "icbc", config=tmp_path)
    assert result.returncode == 0 and "abroad must be true or false" in result.stderr


def test_an_issuer_named_exactly_is_shown_and_look_alikes_only_named(tmp_path):
    """`hotline icbc` printed CIBC, China Minsheng, OCBC and CTBC in full under ICBC
    (about forty lines); `hotline 工商银行` printed 招商银行's numbers too."""
    result = run_cli("hotline", "icbc", config=tmp_path)
    assert result.returncode == 0
    assert "Industrial and Commercial Bank of China" in result.stdout
    assert "OCBC ·" not in result.stdout and "CIBC ·" not in result.stdout
    last = result.stdout.splitlines()[-1]
    assert last.startswith("Other issuers with a similar name: ") and "CIBC" in last, last
    zh = run_cli("--lang", "zh-CN", "hotline", "工商银行", config=tmp_path)
    assert "95588" in zh.stdout and "95555" not in zh.stdout  # not 招商银行's
    assert zh.stdout.splitlines()[-1].startswith("名称相近的其他发卡方：招商银行")
    every = json.loads(run_cli("hotline", "icbc", "--json", config=tmp_path).stdout)
    assert len(every) > 1  # scripts still get every match
