"""The checks an issuer file gets beyond its schema (tui.library.issuer_checks), what each
problem leaves out (that entry only, or that issuer), a user's file that replaces a
shipped issuer, and `hotline` finding sourced numbers in either language. `validate` and
`hotline` run through the command line's `main` in this process (tests.helpers.in_process),
but for the installed command once, in Chinese."""

from __future__ import annotations

import datetime as dt
import json
import textwrap
from pathlib import Path

import pytest

from tests.conftest import run_cli, run_cli_here
from tests.helpers.pilot import wait_until
from tui.base.paths import content_dir
from tui.library.content import load_content, validate_path
from tui.library.content_checks import _validator, schema_path
from tui.library.issuer_checks import check_issuers
from tui.library.yaml_reader import parse_yaml

TODAY = dt.date(2026, 11, 30)


def _issuer(
    issuer_id: str = "my-bank",
    region: str = "GB",
    name: str = "{en: My Bank, zh-CN: 我的银行}",
    extra: str = "",
    hotlines: str = "",
) -> str:
    """One issuer (8 lines before its first hotline, which starts on line 9 of a file
    holding only it); `hotlines`: YAML list items, unindented."""
    head = (
        f"  - id: {issuer_id}\n"
        f"    name: {name}\n"
        f"    aliases: [{issuer_id}-alias]\n"
        f"    region: {region}\n"
        "    kinds: [bank]\n"
        "    website: https://www.mybank.example.com\n"
    )
    return (
        head
        + textwrap.indent(extra, "    ")
        + "    hotlines:\n"
        + textwrap.indent(hotlines, "      ")
    )


def _file(folder: Path, *issuers: str, name: str = "mine.yaml") -> Path:
    path = folder / "issuers" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("issuers:\n" + "".join(issuers), encoding="utf-8")
    return path


GOOD = "- {number: '+44 20 7946 0000', purpose: customer-service, verified: false}\n"


def _check(path: Path, today: dt.date = TODAY) -> list[str]:
    """The problems check_issuers finds in the file, as `line: message`."""
    doc = parse_yaml(path.read_text(encoding="utf-8"), path)
    validator = _validator(schema_path(content_dir(), "issuer"))
    errors, _ = check_issuers(doc, validator, {}, today)
    return [f"{e.line}: {e.message}" for e in errors]


@pytest.mark.parametrize("region", ["CN", "HK", "TW", "MO"])
def test_an_issuer_in_a_chinese_reading_region_needs_a_chinese_name(tmp_path, region):
    number = {
        "CN": "95588",
        "HK": "+852 2233 3000",
        "TW": "+886 2 2181 1111",
        "MO": "+853 2833 3000",
    }
    line = f"- {{number: '{number[region]}', purpose: customer-service, verified: false}}\n"
    path = _file(tmp_path, _issuer(region=region, name="{en: My Bank}", hotlines=line))
    assert _check(path) == [f"3: my-bank: an issuer in {region} needs a zh-CN name"]
    loaded = load_content(content_dir(), tmp_path)
    assert [str(e) for e in loaded.errors] == [
        f"{path}:3: my-bank: an issuer in {region} needs a zh-CN name"
    ]
    assert loaded.issuers.get("my-bank") is None  # the name is the issuer's own field
    _file(tmp_path, _issuer(region=region, hotlines=line))  # with 我的银行
    assert _check(path) == []
    assert load_content(content_dir(), tmp_path).issuers.get("my-bank").from_user


def test_an_english_only_name_is_fine_elsewhere(tmp_path):
    path = _file(tmp_path, _issuer(name="{en: My Bank}", hotlines=GOOD))
    assert _check(path) == []


def test_a_number_of_another_country_is_refused_unless_the_line_says_its_country(tmp_path):
    foreign = "- {number: '+852 2233 3000', purpose: report-lost, verified: false}\n"
    path = _file(tmp_path, _issuer(hotlines=GOOD + foreign))
    assert _check(path) == ["10: my-bank: '+852 2233 3000' is a number of HK, not of GB"]
    loaded = load_content(content_dir(), tmp_path)
    assert [h.number for h in loaded.issuers.get("my-bank").hotlines] == ["+44 20 7946 0000"]
    said = "- {number: '+852 2233 3000', purpose: report-lost, verified: false, country: HK}\n"
    _file(tmp_path, _issuer(hotlines=GOOD + said))
    assert _check(path) == []
    hotlines = load_content(content_dir(), tmp_path).issuers.get("my-bank").hotlines
    assert [(h.number, h.region) for h in hotlines] == [
        ("+44 20 7946 0000", "GB"),
        ("+852 2233 3000", "HK"),
    ]


OFF_SITE = (
    "- {number: '+44 20 7946 0000', purpose: report-lost, source_kind: %s,"
    " source: 'https://www.cards.example.org/lost', checked: '2026-11-30'}\n"
)


def test_an_official_source_must_be_on_the_issuers_own_site(tmp_path):
    path = _file(tmp_path, _issuer(hotlines=OFF_SITE % "issuer"))
    assert _check(path) == [
        "9: my-bank: source www.cards.example.org is not the issuer's own site "
        "(example.com); add it to domains, or say source_kind: third-party"
    ]
    on_site = (OFF_SITE % "issuer").replace("www.cards.example.org", "help.example.com")
    _file(tmp_path, _issuer(hotlines=on_site))
    assert _check(path) == []  # a subdomain of the website's domain is the issuer's


def test_domains_make_another_site_the_issuers_own(tmp_path):
    path = _file(tmp_path, _issuer(extra="domains: [example.org]\n", hotlines=OFF_SITE % "issuer"))
    assert _check(path) == []
    line = load_content(content_dir(), tmp_path).issuers.get("my-bank").hotlines[0]
    assert line.verified and line.source_kind == "issuer"


def test_a_third_party_source_may_be_anywhere_and_is_shown_unverified(tmp_path):
    path = _file(tmp_path, _issuer(hotlines=OFF_SITE % "third-party"))
    assert _check(path) == []
    line = load_content(content_dir(), tmp_path).issuers.get("my-bank").hotlines[0]
    assert not line.verified
    shown = run_cli_here("hotline", "my-bank-alias", config=tmp_path)
    assert "unverified: from a third party's page (www.cards.example.org, read 2026-11-30)" in (
        shown.stdout
    )


def test_a_checked_date_in_the_future_is_refused(tmp_path):
    dated = (
        "- {number: '+44 20 7946 0000', purpose: report-lost, source_kind: issuer,"
        " source: 'https://www.example.com/lost', checked: '%s'}\n"
    )
    path = _file(tmp_path, _issuer(hotlines=dated % "2026-11-30"))
    assert _check(path, today=TODAY) == []  # read today
    assert _check(path, today=TODAY - dt.timedelta(days=1)) == [
        "9: my-bank: checked: 2026-11-30 is in the future"
    ]
    _file(tmp_path, _issuer(hotlines=GOOD + dated % "2999-01-01"))
    _, errors = validate_path(tmp_path, content_dir())  # against the real today
    assert [(e.line, e.message) for e in errors] == [
        (10, "my-bank: checked: 2999-01-01 is in the future")
    ]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (
            "confidence: unverified, source_kind: issuer",
            "my-bank: confidence: unverified with verified: true",
        ),
        ("source_kind: third-party", "my-bank: a third-party source cannot be verified: true"),
    ],
)
def test_verified_true_cannot_go_with_an_unverified_or_third_party_line(tmp_path, fields, message):
    line = (
        "- {number: '+44 20 7946 0000', purpose: report-lost, verified: true,"
        f" source: 'https://www.example.com/lost', checked: '2026-11-30', {fields}}}\n"
    )
    path = _file(tmp_path, _issuer(hotlines=line))
    assert _check(path) == [f"9: {message}"]
    unclaimed = line.replace("verified: true", "verified: false")
    _file(tmp_path, _issuer(hotlines=unclaimed))
    assert _check(path) == []


def test_one_bad_number_leaves_out_only_that_line(tmp_path):
    bad = "- {number: '+44 20 7946', purpose: report-lost, verified: false}\n"
    other = _issuer("other-bank", hotlines=GOOD)
    path = _file(tmp_path, _issuer(hotlines=GOOD + bad), other)
    loaded = load_content(content_dir(), tmp_path)
    where = f"{path}:10: my-bank: '+44 20 7946' is not a valid number for GB"
    assert len(loaded.errors) == 1 and str(loaded.errors[0]).startswith(where)
    mine = loaded.issuers.get("my-bank")
    assert mine.from_user and [h.number for h in mine.hotlines] == ["+44 20 7946 0000"]
    assert loaded.issuers.get("other-bank").hotlines[0].number == "+44 20 7946 0000"
    assert len(loaded.issuers) == len(load_content(content_dir()).issuers) + 2
    checked = run_cli_here("validate", str(tmp_path), config=tmp_path)
    assert checked.returncode == 1 and where in checked.stdout
    assert "1 file checked, 1 error" in checked.stdout
    found = run_cli_here("hotline", "my-bank-alias", config=tmp_path)
    assert found.returncode == 0 and "+44 20 7946 0000" in found.stdout
    assert f"cardoff-tui: skipped {where}" in found.stderr


def test_a_control_character_after_a_left_out_line_is_noted_at_its_own_line(tmp_path):
    bad = "- {number: '+44 20 7946', purpose: report-lost, verified: false}\n"
    noisy = (
        '- {number: "+44 20 7946 0001", purpose: fraud, verified: false, note: {en: "a\\u001bb"}}\n'
    )
    path = _file(tmp_path, _issuer(hotlines=bad + noisy))
    loaded = load_content(content_dir(), tmp_path)
    said = f"{path}:10: issuers.0.hotlines.1.note.en: control characters removed when loaded: 1"
    assert [str(n) for n in loaded.notes] == [said]
    assert loaded.issuers.get("my-bank").hotlines[0].note.get("en") == "ab"
    notes: list = []
    validate_path(tmp_path, content_dir(), notes)
    assert [str(n) for n in notes] == [said]


ICBC = _issuer(
    "icbc",
    region="CN",
    name="{en: ICBC (my branch), zh-CN: 工行（我的支行）}",
    hotlines="- {number: '95588', purpose: report-lost, verified: false}\n",
)


def test_a_user_file_replacing_a_shipped_issuer_loads_as_the_users_and_is_noted(tmp_path):
    path = _file(tmp_path, ICBC, _issuer(hotlines=GOOD), name="x.yaml")
    loaded = load_content(content_dir(), tmp_path)
    assert loaded.errors == [] and loaded.notes == []
    icbc = loaded.issuers.get("icbc")
    assert icbc.from_user and icbc.name.get("en") == "ICBC (my branch)"
    assert [h.number for h in icbc.hotlines] == ["95588"]
    note = f"{path}:2: icbc replaces the shipped issuer of that id"
    checked = run_cli_here("validate", str(tmp_path), config=tmp_path)
    assert checked.returncode == 0, checked.stdout
    assert checked.stdout.splitlines() == [note, "1 file checked, 0 errors"]
    everything = run_cli_here("validate", config=tmp_path)  # shipped content, then the user's
    assert everything.returncode == 0 and everything.stdout.count("replaces the shipped") == 1
    assert note in everything.stdout
    shipped = run_cli_here("validate", str(content_dir()), config=tmp_path)
    assert "replaces the shipped" not in shipped.stdout
    found = run_cli_here("hotline", "icbc", config=tmp_path)
    assert "ICBC (my branch) / 工行（我的支行） · CN (yours)" in found.stdout
    as_json = json.loads(run_cli_here("hotline", "icbc", "--json", config=tmp_path).stdout)
    assert as_json[0]["id"] == "icbc" and as_json[0]["yours"] is True


def test_a_replacement_left_out_for_its_errors_is_not_said_to_replace(tmp_path):
    broken = ICBC.replace("zh-CN: 工行（我的支行）", "en-GB: x")
    path = _file(tmp_path, broken, name="x.yaml")
    checked = run_cli_here("validate", str(tmp_path), config=tmp_path)
    assert checked.returncode == 1 and f"{path}:3: issuers.0.name" in checked.stdout
    assert "replaces the shipped" not in checked.stdout


async def test_the_hotline_screen_marks_a_replaced_issuer_as_yours(tmp_path, make_app):
    from tui.ui.hotline_list import HotlineList
    from tui.ui.hotline_screen import HotlineScreen

    _file(tmp_path, ICBC)
    app = make_app(content=load_content(content_dir(), tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h", *"icbc")
        await wait_until(pilot, lambda: isinstance(app.screen, HotlineScreen), "the hotlines")
        listing = app.screen.query_one(HotlineList)

        def first() -> str:
            return str(listing.get_option_at_index(0).prompt) if listing.option_count else ""

        await wait_until(pilot, lambda: "ICBC (my branch)" in first(), "the user's ICBC")
        assert "CN · yours" in first()


def test_hotline_in_chinese_says_source_read_date_and_purposes_in_chinese(tmp_path):
    result = run_cli("--lang", "zh-CN", "hotline", "工行", config=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = [line.strip() for line in result.stdout.splitlines()]
    assert lines[0] == "中国工商银行 / Industrial and Commercial Bank of China · CN"
    assert "出处：www.icbc.com.cn · 查阅日期：2026-11-30" in lines
    numbers = [line.split() for line in lines if line.startswith("95588")]
    assert [words[1] for words in numbers] == ["挂失", "客服"]  # the lost-card line first
    assert all(words[3] == "仅限中国大陆境内拨打" for words in numbers)
    for english in ("source:", "read ", "report lost", "customer service", "unverified"):
        assert english not in result.stdout


@pytest.mark.parametrize(
    ("query", "issuer", "number", "source"),
    [
        ("chase", "Chase / 大通银行 · US", "+1 800-432-3117", "chase.com"),
        ("八達通", "Octopus / 八达通 · HK", "+852 2266 2266", "www.octopus.com.hk"),
    ],
)
def test_hotline_finds_sourced_numbers_with_source_and_read_date(
    tmp_path, query, issuer, number, source
):
    result = run_cli_here("hotline", query, config=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == issuer
    at = next(i for i, line in enumerate(lines) if line.strip().startswith(f"{number} "))
    assert "report lost" in lines[at]
    said = [line.strip() for line in lines[at + 1 : at + 3]]
    assert f"source: {source} · read 2026-11-30" in said


def test_hotline_suica_says_it_cannot_be_reported_by_phone_and_shows_its_sources(tmp_path):
    result = run_cli_here("hotline", "suica", config=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "Suica / Suica（西瓜卡） · JP"
    assert lines[1].strip().startswith("cannot be reported lost: A Suica card cannot be reported")
    assert "+81 50-2016-1601" in result.stdout
    # only third parties print its numbers: shown with their page, read date and a warning
    warning = "⚠ unverified: from a third party's page (hitomiarai.info, read 2026-11-30)"
    assert warning in result.stdout
    # its numbers are all third parties'; the one official page is a procedure's
    official = [line.strip() for line in lines if line.strip().startswith("source: ")]
    assert official == ["source: www.jreast.co.jp · read 2026-11-30"]


def test_hotline_bearer_note_follows_its_label_with_one_space_in_english_none_in_chinese(tmp_path):
    english = run_cli_here("hotline", "suica", config=tmp_path).stdout.splitlines()[1].strip()
    assert english.startswith("cannot be reported lost: A Suica")
    chinese = run_cli_here("--lang", "zh-CN", "hotline", "suica", config=tmp_path)
    note = chinese.stdout.splitlines()[1].strip()
    assert note.startswith("无法挂失：") and not note.startswith("无法挂失： "), note


def test_hotline_visa_as_json_gives_sourced_lines_with_source_and_read_date(tmp_path):
    result = run_cli_here("hotline", "Visa", "--json", config=tmp_path)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert found and all(entry["network"] == "visa" for entry in found)
    sourced = [h for entry in found for h in entry["hotlines"] if h["verified"]]
    assert sourced and all(h["source_kind"] in ("issuer", "government") for h in sourced)
    assert all(
        h["source"].startswith(("https://", "http://")) and h["checked"] == "2026-11-30"
        for h in sourced
    )
    worldwide = [h for h in sourced if h["reachable"] == "from-abroad"]
    assert "+1 303-967-1090" in [h["number"] for h in worldwide]


def test_a_country_that_is_no_region_and_a_worldwide_short_code_are_refused(tmp_path):
    from tui.base.paths import content_dir
    from tui.library.content import validate_path

    folder = tmp_path / "issuers"
    folder.mkdir()
    (folder / "x.yaml").write_text(
        "issuers:\n"
        "  - id: odd\n"
        "    name: {en: Odd}\n"
        "    region: XX\n"
        "    kinds: [bank]\n"
        "    hotlines:\n"
        "      - {number: '+44 20 7946 0003', country: ZZ, purpose: report-lost}\n"
        "      - {number: '95588', short_code: true, purpose: report-lost}\n"
        "      - {number: '+1 303 967 1090', purpose: report-lost}\n",
        encoding="utf-8",
    )
    _, errors = validate_path(tmp_path, content_dir())
    messages = [e.message for e in errors]
    assert any("country: 'ZZ' is not a region code" in m for m in messages), messages
    assert any("a short code is dialled in one country" in m for m in messages), messages
    assert len(errors) == 2  # the third line is fine


def test_an_empty_setting_is_called_empty(tmp_path):
    from tui.domain.config import load_config

    path = tmp_path / "config.yaml"
    path.write_text("abroad:\nmouse:\n", encoding="utf-8")
    problems = " ".join(load_config(path).problems)
    assert "abroad must be true or false, not empty" in problems
    assert "mouse must be true or false, not empty" in problems and "None" not in problems
