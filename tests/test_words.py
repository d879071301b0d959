"""Words: counts in each language's plural forms (Babel's CLDR rules, never `card(s)`),
a step's heading that does not contradict itself, and a command line that speaks the
user's language: `due`, `hotline`, `doctor`, `export`, `restore` and `validate`, with
--lang zh-CN or config.yaml's lang, through the command line's `main` in this process,
and run as the installed `cardoff-tui` command for `due` each way and the report."""

from __future__ import annotations

import ast
import dataclasses
import datetime as dt
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from babel import Locale

from tests.helpers.pilot import settle
from tui.base.i18n import (
    LANGUAGES,
    SUPPORTED,
    Catalog,
    date_locale_of,
    plural_category,
    plural_forms,
)
from tui.base.paths import content_dir
from tui.domain.tracker import Tracker
from tui.records.card_fields import CardFields
from tui.storage.store import DB_FILENAME, Store

CLI = str(Path(sys.executable).parent / "cardoff-tui")
TUI = Path(__file__).resolve().parent.parent / "tui"
HAND_MADE_PLURAL = re.compile(r"\w\((s|es|ies)\)")


# -- plural forms ---------------------------------------------------------------------


def test_plural_categories_are_babels():
    assert [plural_category("en", n) for n in (0, 1, 2, 5, 21)] == ["other", "one"] + ["other"] * 3
    assert {plural_category("zh-CN", n) for n in (0, 1, 2, 5, 21)} == {"other"}
    for language in LANGUAGES:  # the kept rule gives what Babel gives
        rule = Locale.parse(date_locale_of(language.code)).plural_form
        assert all(plural_category(language.code, n) == rule(n) for n in range(0, 300))


@pytest.mark.parametrize("lang", SUPPORTED)
def test_each_counting_message_holds_the_forms_of_its_language(content, lang):
    """One form per CLDR category of the language: en `one` and `other`, zh-CN `other`."""
    wanted = Locale.parse(date_locale_of(lang)).plural_form.tags | {"other"}
    forms = plural_forms(content.strings[lang])
    assert "inventory.count" in forms and "log.count" in forms
    for key, held in forms.items():
        assert held == wanted, (lang, key)


def test_a_count_picks_its_form(content):
    en, zh = Catalog(content.strings, "en"), Catalog(content.strings, "zh-CN")
    assert [en("inventory.count", count=n) for n in (0, 1, 5)] == ["0 cards", "1 card", "5 cards"]
    entries = [en("log.count", count=n).split(" ·")[0] for n in (1, 4)]
    assert entries == ["1 entry", "4 entries"]
    assert en("steps.wait_days", count=1) == "about 1 day"
    assert [zh("inventory.count", count=n) for n in (1, 5)] == ["共 1 张", "共 5 张"]
    assert en.has("inventory.count") and not en.has("inventory.nothing")


def test_a_user_catalog_without_the_message_falls_back_to_englishs_forms(content):
    strings = {"en": content.strings["en"], "zh-CN": {}}
    assert Catalog(strings, "zh-CN")("inventory.count", count=1) == "1 card"


def _strings_of_files() -> list[tuple[str, str]]:
    found = []
    for path in sorted((content_dir() / "i18n").glob("*.yaml")):
        for line in path.read_text(encoding="utf-8").splitlines():
            found.append((path.name, line))
    return found


def test_no_string_file_makes_plurals_by_hand():
    bad = [(name, line) for name, line in _strings_of_files() if HAND_MADE_PLURAL.search(line)]
    assert bad == []


def test_no_message_in_the_code_makes_plurals_by_hand():
    """The command line's and the app's messages: no string in tui/ writes `card(s)`."""
    bad = []
    for path in sorted(TUI.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                if HAND_MADE_PLURAL.search(node.value):
                    bad.append(f"{path.relative_to(TUI)}:{node.lineno}")
    assert bad == []


async def _add(pilot, label: str) -> None:
    await pilot.press("a")
    await settle(pilot)
    for key in label:
        await pilot.press(key)
    await pilot.press("ctrl+s")
    await settle(pilot)


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", ["0 cards", "1 card", "1 entry ·", "2 cards"]),
        ("zh-CN", ["共 0 张", "共 1 张", "1 条 ·", "共 2 张"]),
    ],
)
async def test_the_card_list_and_the_log_count_in_words(make_app, lang, said):
    from tui.ui.inventory_pane import InventoryPane
    from tui.ui.log_pane import LogPane

    app = make_app(lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        inventory, log = app.query_one(InventoryPane), app.query_one(LogPane)
        assert inventory.border_subtitle == said[0]
        await _add(pilot, "Metro")
        assert inventory.border_subtitle == said[1]
        assert str(log.border_subtitle).startswith(said[2])
        await _add(pilot, "Bus")
        assert inventory.border_subtitle == said[3]


# -- a checked step's heading ---------------------------------------------------------


@pytest.mark.parametrize(("lang", "heading"), [("en", "Task · done"), ("zh-CN", "事项 · 已完成")])
def test_a_checked_tasks_heading_says_it_is_done(content, lang, heading):
    from tui.library.playbook import ChecklistItem, StepType
    from tui.ui.steps_pane import step_heading

    t = Catalog(content.strings, lang)
    playbook = next(iter(content.playbooks))
    step = next(s for s in playbook.steps if s.type == StepType.ACTION and not s.wait_days)
    item = ChecklistItem(step.id, step.title, step, True)
    assert step_heading(step, item, t).plain == heading
    assert "To do" not in step_heading(step, dataclasses.replace(item, done=False), t).plain


# -- the command line in the user's language --------------------------------------------

# words that stay as they are in Chinese: names, commands, settings and units of the
# machine, and the names of the cards and issuers the test made
KEPT = set(
    """
    cardoff tui cardoff-tui json journal vault identifiers backups restore doctor validate
    UTC GMT CST TERM COLORTERM xterm unset OSC SSH tmux set clipboard on conf NO_COLOR eSIM
    lang config yaml data dir D-Bus Bus Secret Service KWallet null keyrings alt md ics
    com www http https icbc cn en zh-CN report color
    Metro Debit Old Card ICBC Wang Industrial and Commercial Bank of China Mobile
    """.split()
)


def _english_left(text: str, tmp: Path) -> list[str]:
    """Runs of Latin letters in `text` that are neither names nor paths (KEPT)."""
    text = text.replace(str(tmp), "")
    for kept in (r"\S*/\S*", r"[\w.-]+\.(?:yaml|json|md|ics|com|cn|org|net)\b", r"`[^`]*`"):
        text = re.sub(kept, " ", text)  # paths, files, web sites, commands
    words = re.findall(r"[A-Za-z][A-Za-z_-]*[A-Za-z]", text)
    return sorted({w for w in words if w not in KEPT and w.lower() not in KEPT})


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    """A data dir with three cards: a bank card 3 days late with a checked step and
    proof, a transit card due today, an eSIM with nothing due."""
    from tui.library.content import load_content

    content = load_content(content_dir())
    base = tmp_path_factory.mktemp("words")
    store = Store.open(base / "data" / DB_FILENAME)
    tracker = Tracker(store, content.playbooks, issuers=content.issuers)
    debit = tracker.add_card(CardFields("Debit", "bank", "cancel", "ICBC", "CN"))
    tracker.set_follow_up(debit.id, tracker.today() - dt.timedelta(days=3))
    first = tracker.view(debit.id).items[0]
    tracker.record_evidence(debit.id, {"reference": "A-1", "agent": "Wang"}, first.step_id)
    metro = tracker.add_card(CardFields("Metro", "transit", "cancel"))
    tracker.set_follow_up(metro.id, tracker.today())
    tracker.add_card(CardFields("Old eSIM", "esim", "cancel", "China Mobile", "CN"))
    store.close()
    (base / "config").mkdir()
    return base


def _run(base: Path, *args: str, lang=None, config_lang=False, tz="UTC", here=False):
    """The installed cardoff-tui on `base`'s data; with `here`, the command line's
    `main` in this process instead (tests.helpers.in_process), for the variants of
    what the installed command shows once."""
    from tests.helpers.in_process import run_main

    env = {k: v for k, v in os.environ.items() if not k.startswith("LC_") and k != "LANG"}
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)  # doctor: no keyring to wait for
    env.update(TZ=tz, XDG_CACHE_HOME=str(base / "cache"))
    config = base / ("config-zh" if config_lang else "config")
    if config_lang:
        config.mkdir(exist_ok=True)
        (config / "config.yaml").write_text("lang: zh-CN\n", encoding="utf-8")
    command = ["--data-dir", str(base / "data"), "--config-dir", str(config)]
    command += ["--lang", lang] if lang else []
    if here:
        result = run_main([*command, *args], env)
    else:
        result = subprocess.run([CLI, *command, *args], env=env, capture_output=True,
                                text=True, timeout=120)
    assert "Traceback" not in result.stderr
    return result


COMMANDS = [
    ["due"],
    ["doctor"],
    ["export"],
    ["export", "--format", "ics"],
    ["restore"],
    ["restore", "9"],
    ["validate"],
    ["hotline", "工行"],
]


@pytest.mark.slow
@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
@pytest.mark.parametrize("how", ["--lang", "config.yaml"])
def test_the_command_line_speaks_chinese(seeded, args, how):
    # the installed command once for config.yaml's lang (and for --lang below)
    here = (args, how) != (["due"], "config.yaml")
    result = _run(seeded, *args, lang="zh-CN" if how == "--lang" else None,
                  config_lang=how == "config.yaml", here=here)
    said = result.stdout + result.stderr
    if "ics" in args:  # the calendar's own syntax stays; its words are the summaries
        lines = [line for line in said.splitlines() if line.startswith(("SUMMARY", "DESC"))]
        said = "\n".join(line.split(":", 1)[1] for line in lines)
    assert said.strip(), args
    assert re.search(r"[\u4e00-\u9fff]", said), said
    assert _english_left(said, seeded) == [], said


def test_due_speaks_chinese_with_four_digit_dates(seeded):
    lines = _run(seeded, "due", lang="zh-CN").stdout.splitlines()
    assert len(lines) == 2 and "逾期 3 天" in lines[0] and "今天到期" in lines[1]
    assert re.match(r"2026年\d+月\d+日 ", lines[0]), lines[0]
    assert "95588" in lines[0] and "请拨" in lines[0]


def test_due_and_doctor_in_english(seeded):
    lines = _run(seeded, "due", lang="en").stdout.splitlines()
    assert "3 days late" in lines[0] and "due today" in lines[1]
    assert re.match(r"[A-Z][a-z]{2} \d+, 2026 ", lines[0]), lines[0]
    doctor = _run(seeded, "doctor", lang="en").stdout
    assert "database" in doctor and "3 cards" in doctor and "(s)" not in doctor


@pytest.mark.parametrize(
    ("lang", "exported", "words"),
    [
        ("en", r"Exported [A-Z][a-z]+ \d+, 2026, \d+:\d\d:\d\d\s[AP]M \+0800\.", ["Steps done"]),
        ("zh-CN", r"导出于 2026年\d+月\d+日 \+0800 \d\d:\d\d:\d\d。", ["已完成的步骤", "受理编号"]),
    ],
)
def test_the_report_has_four_digit_years_and_the_time_zone(seeded, lang, exported, words):
    report = _run(seeded, "export", lang=lang, tz="Asia/Shanghai").stdout
    assert re.search(exported, report), report[:200]
    for word in words:
        assert word in report, word
    assert "A-1" in report and "Wang" in report
    assert not re.search(r"\d+/\d+/\d\d,", report)  # no two-digit year


def test_doctor_names_a_keyring_failure_in_words(monkeypatch, tmp_path, content):
    """A keyring that fails its round trip is said as the catalog says it, never as the
    error's key (`secrets.failed: ...`)."""
    from tui.base.paths import Paths
    from tui.cli import doctor
    from tui.secrets import secret_store

    class Broken:
        def set_password(self, *args):
            raise RuntimeError("the bus went away")

        def get_password(self, *args):
            return None

        def delete_password(self, *args):
            return None

    found = secret_store.SystemKeyring(Broken(), "Broken.Keyring")
    monkeypatch.setattr(doctor, "system_keyring", lambda: found)
    paths = Paths(data_dir=tmp_path / "data", config_dir=tmp_path / "config")
    for lang, words in (("en", "The keyring failed"), ("zh-CN", "密钥环")):
        t = Catalog(content.strings, lang)
        [check] = [c for c in doctor.run_doctor(paths, {}, catalog=t) if c.label == "keyring"]
        assert not check.ok and words in check.text and "secrets.failed" not in check.text


def test_the_strings_files_parse_and_keep_their_sections():
    """The new sections are in both files (a YAML error would leave all words out)."""
    for path in sorted((content_dir() / "i18n").glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert {"cli", "doctor", "report", "keyring_reason"} <= set(doc), path.name
