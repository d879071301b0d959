"""`cardoff-tui hotline`: what it says when a query is empty or matches too much, and
the source of every procedure it prints. The installed command runs for the first two
(its status, and what goes to stdout and what to stderr); the rest read the same
output from the command line's `main` in this process (tests.helpers.in_process)."""

from __future__ import annotations

import json

from tests.conftest import run_cli, run_cli_here
from tui.library.hotline_search import normalised


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
    result = run_cli_here("hotline", "Visa", "--json", config=tmp_path)
    ids = {doc["id"] for doc in json.loads(result.stdout)}
    visas = {i.id for i in content.issuers.issuers.values() if i.network == "visa"}
    assert visas <= ids, visas - ids
    assert "more issuers match" not in result.stderr


def test_procedures_say_where_they_came_from(tmp_path):
    lines = run_cli_here("hotline", "suica", config=tmp_path).stdout.splitlines()
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
    result = run_cli_here("hotline", "icbc", config=tmp_path)
    assert result.returncode == 0 and "abroad must be true or false" in result.stderr


def test_an_issuer_named_exactly_is_shown_and_look_alikes_only_named(tmp_path):
    """`hotline icbc` printed CIBC, China Minsheng, OCBC and CTBC in full under ICBC
    (about forty lines); `hotline 工商银行` printed 招商银行's numbers too."""
    result = run_cli_here("hotline", "icbc", config=tmp_path)
    assert result.returncode == 0
    assert "Industrial and Commercial Bank of China" in result.stdout
    assert "OCBC ·" not in result.stdout and "CIBC ·" not in result.stdout
    last = result.stdout.splitlines()[-1]
    assert last.startswith("Other issuers with a similar name: ") and "CIBC" in last, last
    zh = run_cli_here("--lang", "zh-CN", "hotline", "工商银行", config=tmp_path)
    assert "95588" in zh.stdout and "95555" not in zh.stdout  # not 招商银行's
    assert zh.stdout.splitlines()[-1].startswith("名称相近的其他发卡方：招商银行")
    every = json.loads(run_cli_here("hotline", "icbc", "--json", config=tmp_path).stdout)
    assert len(every) > 1  # scripts still get every match


def test_a_chinese_reader_sees_the_chinese_name_first(tmp_path):
    """`hotline 工商银行` in Chinese began `Industrial and Commercial Bank of China /
    中国工商银行`."""
    zh = run_cli_here("--lang", "zh-CN", "hotline", "工商银行", config=tmp_path).stdout
    assert zh.startswith("中国工商银行 / Industrial and Commercial Bank of China · CN"), zh
    en = run_cli_here("hotline", "工商银行", config=tmp_path).stdout
    assert en.startswith("Industrial and Commercial Bank of China / 中国工商银行 · CN"), en


def _shown_and_similar(stdout: str) -> tuple[list[str], str]:
    """The header lines of the issuers printed in full, and the last line."""
    lines = stdout.splitlines()
    return [line for line in lines if line and not line.startswith(" ")][:-1], lines[-1]


def test_an_issuer_shown_whole_is_not_among_the_look_alikes_in_english(tmp_path):
    """`hotline unionpay` printed UnionPay International in full and then named
    "UnionPay International" again among the similar names: a second entry of that name
    (mainland China's) was taken for a look-alike."""
    result = run_cli_here("hotline", "unionpay", config=tmp_path)
    assert result.returncode == 0, result.stderr
    shown, last = _shown_and_similar(result.stdout)
    assert last == (
        "Other issuers with a similar name: China UnionPay. Give one's name to see its numbers."
    ), last
    assert "UnionPay International / 银联国际 · worldwide" in shown, shown
    assert "UnionPay International / 银联国际 · CN" in shown, shown


def test_an_issuer_shown_whole_is_not_among_the_look_alikes_in_chinese(tmp_path):
    for query in ("unionpay", "银联"):
        result = run_cli_here("--lang", "zh-CN", "hotline", query, config=tmp_path)
        assert result.returncode == 0, result.stderr
        shown, last = _shown_and_similar(result.stdout)
        assert last == "名称相近的其他发卡方：中国银联。输入其名称可查看号码。", (query, last)
        assert "银联国际 / UnionPay International · 全球" in shown, (query, shown)


def test_no_name_shown_whole_is_named_again_as_a_look_alike(content):
    """Whatever name or alias is typed, in either language: no issuer printed in full
    goes by a name (any language) or alias that the similar-names line gives."""
    from tui.base.i18n import Catalog
    from tui.cli.hotline import HOTLINE_MOST, split_named

    directory = content.issuers
    queries = {key for issuer in directory.issuers.values() for key in issuer.keys}
    for lang in ("en", "zh-CN"):
        catalog = Catalog(content.strings, lang)
        for query in sorted(queries):
            found = directory.search(query, HOTLINE_MOST + 1)[:HOTLINE_MOST]
            exact, others = split_named(found, query)
            if not exact:
                continue
            keys = {normalised(key) for issuer in exact for key in issuer.keys}
            named = {normalised(issuer.name.get(catalog.lang)) for issuer in others}
            assert not keys & named, (lang, query, keys & named)


def test_iphone_prints_apple_s_way_and_no_citiphone_number(tmp_path):
    """`hotline iPhone` printed Citibank Hong Kong and its CitiPhone number (+852 2860
    0333), matched inside the word CitiPhone: a bank's number to someone who has lost
    their phone. It prints Apple's entry, whose procedure is for a lost iPhone."""
    result = run_cli_here("hotline", "iPhone", config=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Apple / 苹果（Apple） · worldwide"), result.stdout
    assert "Find My" in result.stdout
    assert "Citi" not in result.stdout and "2860" not in result.stdout
    assert [doc["id"] for doc in json.loads(
        run_cli_here("hotline", "iPhone", "--json", config=tmp_path).stdout
    )] == ["apple"]
    inside = run_cli_here("hotline", "phone", config=tmp_path)
    assert inside.returncode == 1 and inside.stdout == "" and "Citi" not in inside.stderr


def test_region_s_issuer_named_by_the_query_is_printed_first_as_json_ranks_it(tmp_path):
    """`hotline --region GB HSBC` printed only HSBC Hong Kong's numbers and named HSBC
    UK among the look-alikes, though --json ranked HSBC UK first. The text prints HSBC
    UK first, in full, in the order --json gives."""
    text = run_cli_here("hotline", "HSBC", "--region", "GB", config=tmp_path)
    assert text.returncode == 0, text.stderr
    heads = [line for line in text.stdout.splitlines() if not line.startswith(" ")]
    assert heads == ["HSBC UK / 汇丰银行（英国） · GB", "HSBC Hong Kong / 香港汇丰银行 · HK"]
    as_json = run_cli_here("hotline", "HSBC", "--region", "GB", "--json", config=tmp_path)
    docs = json.loads(as_json.stdout)
    assert [doc["id"] for doc in docs] == ["hsbc-uk", "hsbc-hk"]
