"""Region variants of playbooks: the most specific one wins (issuer > region > generic),
the user's own wins at each level, a card's region reaches the choice through the
tracker, and `validate` checks the codes a playbook names."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tui.base.paths import content_dir
from tui.library.content import load_content
from tui.library.playbook import Playbook, PlaybookLibrary, Text, region_code
from tui.records.card_fields import CardFields
from tui.records.kinds import Intent, Kind

SS = Kind.SOCIAL_SECURITY


def _mine(pid: str, kind: str, intent: str, extra: str = "") -> str:
    return textwrap.dedent(
        f"""\
        id: {pid}
        kind: {kind}
        intent: {intent}
        {extra}
        title: {{en: Mine, zh-CN: 我的}}
        steps:
          - id: one
            type: action
            title: {{en: My step, zh-CN: 我的步骤}}
        """
    )


def _user_dir(tmp_path: Path, files: dict[str, str]) -> Path:
    folder = tmp_path / "config"
    for name, text in files.items():
        path = folder / "playbooks" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("region", "expected"),
    [
        ("CN", "social-security-cancel-cn"),
        ("US", "social-security-cancel-us"),
        ("GB", "social-security-cancel-gb"),
        ("UK", "social-security-cancel-gb"),
        ("HK", "social-security-cancel-hk"),
        ("JP", "social-security-cancel"),
        ("", "social-security-cancel"),
    ],
)
def test_find_picks_the_region_variant_else_the_generic(content, region, expected):
    assert content.playbooks.find(SS, Intent.CANCEL, "", region).id == expected


@pytest.mark.parametrize(
    ("intent", "region", "expected"),
    [
        (Intent.REPORT_LOST, "CN", "social-security-report-lost-cn"),
        (Intent.REPORT_LOST, "US", "social-security-report-lost-us"),
        (Intent.REPORT_LOST, "GB", "social-security-report-lost-gb"),
        (Intent.REPORT_LOST, "HK", "social-security-report-lost-hk"),
        (Intent.REPORT_LOST, "FR", "social-security-report-lost"),
        (Intent.SUSPEND, "CN", "social-security-suspend-cn"),
        (Intent.SUSPEND, "US", "social-security-suspend-us"),
        (Intent.SUSPEND, "GB", "social-security-suspend"),
    ],
)
def test_every_social_security_intent_has_its_variants(content, intent, region, expected):
    assert content.playbooks.find(SS, intent, "", region).id == expected


@pytest.mark.parametrize(
    ("region", "expected"),
    [
        ("CN", "esim-port-out-cn"),
        ("GB", "esim-port-out-gb"),
        ("US", "esim-port-out-us"),
        ("DE", "esim-port-out"),
        ("", "esim-port-out"),
    ],
)
def test_port_out_variants(content, region, expected):
    assert content.playbooks.find(Kind.ESIM, Intent.PORT_OUT, "", region).id == expected


def test_generic_playbooks_name_no_region(content):
    for kind in Kind:
        for intent in content.playbooks.intents_for(kind):
            generic = content.playbooks.find(kind, intent)
            assert generic is not None and generic.regions == () and generic.issuer is None


def _pb(pid, issuer=None, regions=(), from_user=False) -> Playbook:
    return Playbook(
        pid, SS, Intent.CANCEL, Text({"en": pid}), (), issuer=issuer,
        regions=regions, from_user=from_user,
    )  # fmt: skip


def test_issuer_beats_region_beats_generic_and_the_user_wins_at_each_level():
    shipped = [_pb("g"), _pb("cn", regions=("CN",)), _pb("iss", issuer="acme")]
    mine = [
        _pb("my-g", from_user=True),
        _pb("my-cn", regions=("CN",), from_user=True),
        _pb("my-iss", issuer="acme", from_user=True),
    ]
    for order in (shipped + mine, mine + shipped):
        library = PlaybookLibrary(order)
        assert library.find(SS, Intent.CANCEL, "Acme", "CN").id == "my-iss"
        assert library.find(SS, Intent.CANCEL, "Other", "CN").id == "my-cn"
        assert library.find(SS, Intent.CANCEL, "Other", "US").id == "my-g"
    library = PlaybookLibrary(shipped)
    assert library.find(SS, Intent.CANCEL, "Acme", "CN").id == "iss"
    assert library.find(SS, Intent.CANCEL, "", "cn").id == "cn"
    assert library.find(SS, Intent.CANCEL, "", "US").id == "g"
    # a region the user wrote for beats the shipped generic, not the shipped issuer's
    library = PlaybookLibrary([*shipped, _pb("my-us", regions=("US",), from_user=True)])
    assert library.find(SS, Intent.CANCEL, "", "US").id == "my-us"
    assert library.find(SS, Intent.CANCEL, "acme", "US").id == "iss"


def test_an_issuer_playbook_for_some_regions_skips_cards_elsewhere():
    library = PlaybookLibrary([_pb("g"), _pb("voda-gb", issuer="vodafone", regions=("GB",))])
    assert library.find(SS, Intent.CANCEL, "Vodafone", "GB").id == "voda-gb"
    assert library.find(SS, Intent.CANCEL, "Vodafone", "").id == "voda-gb"
    assert library.find(SS, Intent.CANCEL, "Vodafone", "AU").id == "g"


def test_user_files_override_at_each_level_through_the_loader(tmp_path):
    user = _user_dir(
        tmp_path,
        {
            "generic.yaml": _mine("my-ss-cancel", "social-security", "cancel"),
            "cn.yaml": _mine("my-ss-cancel-cn", "social-security", "cancel", "regions: [CN]"),
            "uk.yaml": _mine("my-ss-cancel-uk", "social-security", "cancel", "regions: [UK]"),
            "iss.yaml": _mine("my-ss-acme", "social-security", "cancel", "issuer: acme"),
        },
    )
    loaded = load_content(content_dir(), user)
    assert loaded.errors == []
    find = loaded.playbooks.find
    assert find(SS, Intent.CANCEL, "ACME", "CN").id == "my-ss-acme"
    assert find(SS, Intent.CANCEL, "", "CN").id == "my-ss-cancel-cn"
    assert find(SS, Intent.CANCEL, "", "GB").id == "my-ss-cancel-uk"
    assert find(SS, Intent.CANCEL, "", "US").id == "social-security-cancel-us"
    assert find(SS, Intent.CANCEL, "", "JP").id == "my-ss-cancel"
    assert find(SS, Intent.REPORT_LOST, "", "CN").id == "social-security-report-lost-cn"


@pytest.mark.parametrize(
    ("typed", "code"),
    [("CN", "CN"), (" cn ", "CN"), ("uk", "GB"), ("Gb", "GB"), ("", ""), ("China", ""),
     ("中国", ""), ("C1", ""), ("ＣＮ", "")],
)  # fmt: skip
def test_region_code_of_what_was_typed(typed, code):
    assert region_code(typed) == code


def _fields(region: str, intent: str = "cancel") -> CardFields:
    return CardFields(label="card", kind="social-security", intent=intent, region=region)


@pytest.mark.parametrize(
    ("region", "expected"),
    [
        ("CN", "social-security-cancel-cn"),
        ("us", "social-security-cancel-us"),
        ("UK", "social-security-cancel-gb"),
        ("HK", "social-security-cancel-hk"),
        ("中国", "social-security-cancel-cn"),
        ("United Kingdom", "social-security-cancel-gb"),
        ("China", "social-security-cancel-cn"),
        ("Shanghai", "social-security-cancel-cn"),  # a place the directory knows
        ("上海", "social-security-cancel-cn"),
        ("上海市", "social-security-cancel-cn"),
        ("Atlantis", "social-security-cancel"),
        ("", "social-security-cancel"),
    ],
)
def test_a_card_gets_its_regions_playbook_through_the_tracker(tracker, region, expected):
    card = tracker.add_card(_fields(region))
    view = tracker.view(card.id)
    assert view.playbook.id == expected
    assert [item.step_id for item in view.items] == [s.id for s in view.playbook.steps]


def test_changing_a_cards_region_changes_its_playbook_and_keeps_progress(tracker, store):
    card = tracker.add_card(_fields("", intent="report-lost"))
    assert tracker.view(card.id).playbook.id == "social-security-report-lost"
    tracker.toggle_step(card.id, "call-bureau")
    tracker.edit_card(card.id, _fields("CN", intent="report-lost"))
    view = tracker.view(card.id)
    assert view.playbook.id == "social-security-report-lost-cn"
    done = [item for item in view.items if item.done]
    assert [(i.step_id, i.retired) for i in done] == [("call-bureau", False)]
    events = [e.event for e in store.log(card.id)]
    assert "card.playbook_changed" in events


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tui", *args], capture_output=True, text=True)


def test_validate_accepts_regions_and_rejects_bad_codes(tmp_path):
    folder = tmp_path / "pbs"
    folder.mkdir()
    good = folder / "good.yaml"
    good.write_text(_mine("a", "esim", "cancel", "regions: [CN, GB, UK, HK, US]"))
    ok = _cli("--config-dir", str(tmp_path / "none"), "validate", str(good))
    assert ok.returncode == 0, ok.stdout
    cases = {
        "unknown.yaml": ("regions: [CN, XX]", ":4: regions.1: 'XX' is not an ISO 3166"),
        "lower.yaml": ("regions: [cn]", ":4: regions.0: 'cn': write region codes in capitals (CN)"),
        "name.yaml": ("regions: [China]", ":4: regions.0: 'China' is not an ISO 3166"),
        "number.yaml": ("regions: [86]", ":4: regions.0: `86` is read as a number here"),
        "empty.yaml": ("regions: []", ":4: regions: [] should be non-empty"),
        "twice.yaml": ("regions: [CN, CN]", ":4: regions: ['CN', 'CN'] has non-unique"),
    }
    for name, (line, _) in cases.items():
        (folder / name).write_text(_mine(name[:-5], "esim", "cancel", line))
    bad = _cli("--config-dir", str(tmp_path / "none"), "validate", str(folder))
    assert bad.returncode == 1
    for name, (_, message) in cases.items():
        assert f"{folder / name}{message}" in bad.stdout, bad.stdout
    assert str(good) not in bad.stdout


def test_the_regions_with_phone_numbers_are_phonenumbers_own_list():
    """tui.library.regions writes the list out so that reading a card's region imports no
    phonenumbers at start; it must be the installed phonenumbers' list."""
    import phonenumbers

    from tui.library.regions import PHONE_REGIONS, is_region_code

    assert frozenset(phonenumbers.SUPPORTED_REGIONS) == PHONE_REGIONS
    assert is_region_code("XX") and is_region_code("CN") and not is_region_code("ZZ")
