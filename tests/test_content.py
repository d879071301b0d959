"""Content loading and checking: shipped files, broken files, user overrides."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.base.i18n import Catalog, message_keys, normalise_lang, resolve_lang
from tui.base.paths import content_dir
from tui.library.content import (
    ContentError,
    YamlDoc,
    flatten,
    load_content,
    parse_yaml,
    read_yaml,
)
from tui.library.content_checks import check_strings
from tui.records.kinds import Intent, Kind

GOOD = textwrap.dedent(
    """\
    id: my-esim-cancel
    kind: esim
    intent: cancel
    title: {en: My way, zh-CN: 我的办法}
    steps:
      - id: one
        type: call
        title: {en: Call them}
    """
)


def _user_dir(tmp_path: Path, files: dict[str, str]) -> Path:
    folder = tmp_path / "config"
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder


def test_fast_start_loads_the_same_shipped_content(content):
    fast = load_content(content_dir())
    assert [p.id for p in fast.playbooks] == [p.id for p in content.playbooks]
    assert fast.strings == content.strings and len(fast.issuers) == len(content.issuers)


def test_shipped_content_loads_clean(content):
    assert len(content.playbooks) >= 16
    for playbook in content.playbooks:
        for step in playbook.steps:
            assert step.title.get("en") and step.title.by_lang.get("zh-CN"), (playbook.id, step.id)


def test_a_step_done_by_text_message_is_tagged_so_and_every_tag_has_words(content):
    """The step's tag (its type's words) agrees with its title: a step whose title says
    it is done by SMS reads "Text message" / "发短信", not "Online" (the tag said
    Online over "Check eligibility by SMS" while the issuer's How line said SMS)."""
    from tui.base.i18n import Catalog
    from tui.library.playbook import StepType

    by_text = [
        (p.id, s.id, s.type)
        for p in content.playbooks
        for s in p.steps
        if re.search(r"\bSMS\b|\btext\b", s.title.get("en"), re.I) or "短信" in s.title.get("zh-CN")
    ]
    assert len(by_text) >= 3
    assert all(kind is StepType.SMS for *_, kind in by_text), by_text
    for lang in ("en", "zh-CN"):
        words = {Catalog(content.strings, lang)(f"step_type.{kind.value}") for kind in StepType}
        assert len(words) == len(StepType), (lang, words)  # each tag its own words


def test_shipped_playbooks_carry_the_facts_users_get_wrong(content):
    text = {
        p.id: yaml.safe_dump(yaml.safe_load(p.source.read_text(encoding="utf-8"))).lower()
        for p in content.playbooks
    }
    assert "profile" in text["esim-cancel"] and "port" in text["esim-cancel"]
    assert "refund" in text["transit-cancel"] or "balance" in text["transit-cancel"]
    assert "chip" in text["bank-cancel"]
    for playbook in content.playbooks:
        if playbook.intent in (Intent.CANCEL, Intent.REPORT_LOST):
            types = {s.type.value for s in playbook.steps}
            assert "record" in types, f"{playbook.id} has no step to keep proof"


def test_shipped_content_has_no_phone_numbers():
    import re

    # Ofcom's text-to-switch short codes, the same on every UK network (UK port-out)
    allowed = {"esim-port-out-gb.yaml": {"65075", "75075"}}
    for path in (content_dir() / "playbooks").glob("*.yaml"):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip().startswith("wait_days"):
                continue
            found = set(re.findall(r"\d{3,}", line)) - allowed.get(path.name, set())
            assert not found, f"{path.name}:{number}: {line}"


def test_string_catalogs_have_the_same_keys():
    folder = content_dir() / "i18n"
    en = flatten(yaml.safe_load((folder / "en.yaml").read_text(encoding="utf-8")))
    zh = flatten(yaml.safe_load((folder / "zh-CN.yaml").read_text(encoding="utf-8")))
    assert message_keys(en) == message_keys(zh)  # a counting message's forms are one
    for path in folder.glob("*.yaml"):
        doc = read_yaml(path)
        assert not isinstance(doc, ContentError) and check_strings(doc) == []


def test_no_sourced_number_reads_so_in_chinese():
    """"no sourced number" is 没有有出处的号码, as every such message says: not
    没有出处的号码, "a number with no source", which says the opposite."""
    folder = content_dir() / "i18n"
    en, zh = (
        flatten(yaml.safe_load((folder / f"{lang}.yaml").read_text(encoding="utf-8")))
        for lang in ("en", "zh-CN")
    )
    keys = [key for key, text in en.items() if "no sourced number" in str(text)]
    assert len(keys) >= 5
    assert {key: zh[key] for key in keys if not re.search("有出处的?号码", zh[key])} == {}
    assert not [key for key, text in zh.items() if "没有出处的号码" in str(text)]


def test_every_key_the_code_uses_is_in_the_catalog(content):
    import re

    catalog = Catalog(content.strings, "zh-CN")
    source = "\n".join(p.read_text() for p in Path("tui").rglob("*.py"))
    literal_keys = set(re.findall(r"""\bt\(\s*["']([a-z_]+\.[a-z_.-]+)["']""", source))
    literal_keys |= set(re.findall(r'"(error\.[a-z_]+)"', source))
    assert literal_keys, "the pattern found no keys"
    missing = sorted(k for k in literal_keys if not catalog.has(k))
    assert missing == []
    for kind in Kind:
        assert catalog.has(f"kind.{kind.value}")
    for intent in Intent:
        assert catalog.has(f"intent.{intent.value}")


def test_broken_file_reports_path_and_line_and_the_rest_loads(tmp_path):
    bad = GOOD.replace("type: call", "type: telegram")
    user = _user_dir(tmp_path, {"playbooks/bad.yaml": bad, "playbooks/good.yaml": GOOD})
    loaded = load_content(content_dir(), user)
    assert len(loaded.errors) == 1
    error = loaded.errors[0]
    assert error.path.name == "bad.yaml" and error.line == 7
    assert str(error).startswith(f"{error.path}:7: steps.0.type")
    assert loaded.playbooks.get("my-esim-cancel") is not None
    assert loaded.playbooks.get("esim-cancel") is not None


def test_invalid_yaml_gives_line(tmp_path):
    user = _user_dir(tmp_path, {"playbooks/broken.yaml": "id: x\nsteps: [\n  - a: b\n"})
    errors = load_content(content_dir(), user).errors
    assert len(errors) == 1 and errors[0].line is not None
    assert "invalid YAML" in errors[0].message


def test_duplicate_step_ids_are_rejected(tmp_path):
    twice = GOOD + "  - id: one\n    type: wait\n    title: {en: Again}\n"
    errors = load_content(content_dir(), _user_dir(tmp_path, {"playbooks/x.yaml": twice})).errors
    assert [e.line for e in errors] == [9] and "duplicate step id" in errors[0].message


def test_user_playbook_replaces_shipped_by_id_and_wins_generic(tmp_path):
    mine = GOOD.replace("id: my-esim-cancel", "id: esim-cancel")
    loaded = load_content(content_dir(), _user_dir(tmp_path, {"playbooks/mine.yaml": mine}))
    playbook = loaded.playbooks.find(Kind.ESIM, Intent.CANCEL)
    assert playbook.from_user and [s.id for s in playbook.steps] == ["one"]


def test_user_strings_override(tmp_path):
    user = _user_dir(tmp_path, {"i18n/en.yaml": "pane:\n  cards: My cards\n"})
    catalog = Catalog(load_content(content_dir(), user).strings, "en")
    assert catalog("pane.cards") == "My cards"
    assert catalog("pane.steps") == "Steps"


yaml_text = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(GOOD.splitlines()), max_size=12).map("\n".join),
    st.builds(lambda a, b: a + b, st.sampled_from([GOOD, ""]), st.text(max_size=40)),
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=yaml_text)
def test_loader_never_crashes_on_garbage(tmp_path, text):
    user = _user_dir(tmp_path, {"playbooks/fuzz.yaml": text})
    loaded = load_content(content_dir(), user)
    for error in loaded.errors:
        assert error.path.name == "fuzz.yaml" and error.message
    fuzz = [p for p in loaded.playbooks if p.from_user]
    parsed = parse_yaml(text, Path("fuzz.yaml"))
    holds_nothing = isinstance(parsed, YamlDoc) and parsed.data is None and not parsed.problems
    # a file loads, or is reported; one that holds nothing (empty, comments) is neither
    assert bool(fuzz) != bool(loaded.errors) or (holds_nothing and not loaded.errors)


def _cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "tui", *args], capture_output=True, text=True, cwd=cwd
    )


def test_validate_cli(tmp_path):
    folder = _user_dir(tmp_path, {"playbooks/good.yaml": GOOD})
    ok = _cli("--config-dir", str(tmp_path / "none"), "validate", str(folder))
    assert ok.returncode == 0 and "1 file checked, 0 errors" in ok.stdout
    (folder / "playbooks" / "bad.yaml").write_text(GOOD.replace("kind: esim", "kind: x"))
    bad = _cli("validate", str(folder))
    assert bad.returncode == 1
    assert f"{folder / 'playbooks' / 'bad.yaml'}:2: kind:" in bad.stdout
    shipped = _cli("--config-dir", str(tmp_path / "none"), "validate")
    assert shipped.returncode == 0, shipped.stdout
    missing = _cli("validate", str(tmp_path / "nope"))
    assert missing.returncode == 1 and "no such file or folder" in missing.stdout


def test_language_resolution():
    assert normalise_lang("zh_CN.UTF-8") == "zh-CN"
    assert normalise_lang("en_GB.utf8") == "en"
    assert resolve_lang("zh-CN", "en", {}) == "zh-CN"
    assert resolve_lang(None, "zh-CN", {"LANG": "en_US.UTF-8"}) == "zh-CN"
    assert resolve_lang(None, None, {"LC_ALL": "zh_CN.UTF-8", "LANG": "en_US"}) == "zh-CN"
    assert resolve_lang(None, None, {"LANG": "de_DE.UTF-8"}) == "en"
    assert resolve_lang(None, None, {}) == "en"


def test_catalog_never_crashes_on_missing_key_or_param():
    catalog = Catalog({"en": {"a": "Hello {name}"}}, "zh-CN")
    assert catalog("a", name="x") == "Hello x"
    assert catalog("a") == "Hello {name}"
    assert catalog("a", other=1) == "Hello {name}"
    assert catalog("missing.key") == "missing.key"


def test_chinese_text_has_no_spaces_from_yaml_line_folding(content):
    import re

    folded = re.compile(r"[\u4e00-\u9fff\uff00-\uffef] [\u4e00-\u9fff\uff00-\uffef]")
    texts = [v for v in content.strings.get("zh-CN", {}).values()]
    for playbook in content.playbooks:
        for step in playbook.steps:
            texts += [step.title.get("zh-CN"), step.detail.get("zh-CN")]
            texts += [w.get("zh-CN") for w in (*step.warnings, *step.needs)]
    bad = [t for t in texts if folded.search(t)]
    assert bad == []


def _same_content(a, b) -> None:
    assert list(a.playbooks) == list(b.playbooks)
    assert a.strings == b.strings
    assert a.issuers.issuers == b.issuers.issuers


def test_shipped_content_parses_once_and_loads_the_same_from_the_cache(tmp_path, monkeypatch):
    import tui.library.content
    import tui.library.content_cache

    monkeypatch.setattr(tui.library.content_cache, "cache_dir", lambda: tmp_path / "cache")
    first = load_content(content_dir())
    assert len(list((tmp_path / "cache").glob("content-*.json"))) == 1

    def no_yaml(text):
        raise AssertionError("the YAML was parsed again")

    monkeypatch.setattr(tui.library.content, "_parse_shipped", no_yaml)
    again = load_content(content_dir())
    _same_content(again, first)
    _same_content(again, load_content(content_dir(), check_shipped=True))


def test_a_changed_shipped_file_is_parsed_again(tmp_path, monkeypatch):
    import shutil

    import tui.library.content_cache

    monkeypatch.setattr(tui.library.content_cache, "cache_dir", lambda: tmp_path / "cache")
    shipped = tmp_path / "content"
    shutil.copytree(content_dir(), shipped)
    before = load_content(shipped).playbooks.get("bank-cancel").title.get("en")
    path = shipped / "playbooks" / "bank-cancel.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(before, "Changed title", 1), "utf-8")
    assert load_content(shipped).playbooks.get("bank-cancel").title.get("en") == "Changed title"
    (tmp_path / "a-file").write_text("")  # a cache folder that cannot be made only costs time
    unmakeable = tmp_path / "a-file" / "cache"
    monkeypatch.setattr(tui.library.content_cache, "cache_dir", lambda: unmakeable)
    path.write_text(path.read_text(encoding="utf-8").replace("Changed", "Again"), "utf-8")
    assert load_content(shipped).playbooks.get("bank-cancel").title.get("en") == "Again title"


def _doctor_content(paths):
    from tui.cli.doctor import run_doctor

    [check] = [c for c in run_doctor(paths, environ={}) if c.label == "content"]
    return check


def _files_checked(monkeypatch) -> list[Path]:
    """The content files checked from now on (each check of one appends its path)."""
    import tui.library.content

    real_check = tui.library.content.checked_file
    checked: list[Path] = []

    def counting(path, *args):
        checked.append(path)
        return real_check(path, *args)

    monkeypatch.setattr(tui.library.content, "checked_file", counting)
    return checked


def test_doctor_checks_unchanged_shipped_content_once_and_a_changed_byte_again(
    tmp_path, monkeypatch
):
    """doctor's content check of the shipped files is remembered while they pass and
    their bytes are the same; a changed file is checked again, and its error is
    reported every time (never remembered)."""
    import shutil

    import tui.cli.doctor
    import tui.library.content
    import tui.library.content_cache
    from tui.base.paths import Paths

    monkeypatch.setattr(tui.library.content_cache, "cache_dir", lambda: tmp_path / "cache")
    shipped = tmp_path / "content"
    shutil.copytree(content_dir(), shipped)
    monkeypatch.setattr(tui.cli.doctor, "content_dir", lambda: shipped)
    paths = Paths(tmp_path / "data", tmp_path / "config")
    first = _doctor_content(paths)
    assert first.ok and first.text.endswith(", no errors"), first.text
    checked_again = _files_checked(monkeypatch)
    again = _doctor_content(paths)
    assert (again.ok, again.text) == (first.ok, first.text) and checked_again == []
    # the parse cache (written when the content is loaded) and the check's record are
    # kept side by side
    tui.library.content.load_content(shipped)
    assert len(list((tmp_path / "cache").glob("content-*.json"))) == 1
    assert len(list((tmp_path / "cache").glob("checked-*.json"))) == 1
    path = shipped / "playbooks" / "bank-cancel.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("id: bank-cancel", "id: 7", 1))
    for _ in range(2):
        broken = _doctor_content(paths)
        assert not broken.ok and "bank-cancel.yaml" in broken.text, broken.text
    assert checked_again.count(path) == 2  # every file checked, each time


def test_validate_checks_unchanged_shipped_content_once_and_says_a_note_every_time(
    tmp_path, monkeypatch
):
    """`validate` took 1.3 s checking the shipped files on every run, which doctor
    checks once while they pass; now it remembers the same pass. A shipped file with a
    note (a control character in a string, removed when it loads) is never remembered:
    the note is said on every run."""
    import shutil

    import tui.base.paths
    import tui.library.content
    import tui.library.content_cache
    from tests.helpers.in_process import run_main

    cache = tmp_path / "cache"
    monkeypatch.setattr(tui.library.content_cache, "cache_dir", lambda: cache)
    shipped = tmp_path / "content"
    shutil.copytree(content_dir(), shipped)
    monkeypatch.setattr(tui.base.paths, "content_dir", lambda: shipped)
    config = tmp_path / "config"
    first = run_main(["--config-dir", str(config), "validate"])
    assert first.returncode == 0 and first.stdout.endswith(" 0 errors\n"), first.stdout
    assert len(list(cache.glob("checked-*.json"))) == 1
    checked_again = _files_checked(monkeypatch)
    again = run_main(["--config-dir", str(config), "validate"])
    assert (again.returncode, again.stdout) == (first.returncode, first.stdout)
    assert checked_again == []
    path = shipped / "playbooks" / "bank-cancel.yaml"
    text = path.read_text(encoding="utf-8")
    # a double-quoted YAML string's escape: a BEL, which loading removes with a note
    belled = text.replace("  en: Cancel a bank card\n", '  en: "Cancel a bank card\\a"\n', 1)
    path.write_text(belled, encoding="utf-8")
    assert path.read_text(encoding="utf-8") != text
    for run in range(2):
        noted = run_main(["--config-dir", str(config), "validate"])
        assert noted.returncode == 0 and "bank-cancel.yaml" in noted.stdout, (run, noted.stdout)
    assert checked_again.count(path) == 2  # checked again each time: never remembered
