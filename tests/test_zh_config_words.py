"""With --lang zh-CN, what the commands say of a bad config.yaml, of a bad content
file (`validate`) and the man page's headings are Chinese: no English sentence is left
(a run of 3 or more English words, outside quoted values, URLs and paths)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tests.cli_cards import cli, cli_main, seed

BAD_CONFIG = """\
lang: xx
notify:
  - ntfy://ntfy.sh/cards
  - url: json://x y
  - not a url
  - {url: 'ntfy://ntfy.sh/other', name: 7, colour: red}
  - ntfy://ntfy.sh/cards
  - [a, list]
sort: sideways
group: colour
attachment_max_mb: lots
backups: 0
clipboard_clear: -1
vault_idle_lock: forever
mouse: off
home: Shanghai
theme: 3
keymap: [a]
"""

BAD_BUNDLE = """\
id: mine-bad
title: {en: Mine, zh-CN: 我的}
summary: {en: "Mine\\u0007\\u0007", zh-CN: 我的}
cards: []
"""

BAD_KIND = """\
id: mine-kind
title: {en: Mine, zh-CN: 我的}
summary: {en: Mine, zh-CN: 我的}
cards:
  - label: {en: Ship, zh-CN: 船}
    kind: spaceship
    intent: cancel
"""

CONTROLS = """\
id: mine-controls
title: {en: Mine, zh-CN: 我的}
summary: {en: "Mine\\u0007\\u0007", zh-CN: 我的}
cards:
  - label: {en: Card, zh-CN: 卡}
    kind: bank
    intent: cancel
"""

# a quoted value, a URL or scheme, a path, a file:line, `code`
_NOT_WORDS = re.compile(
    r"'[^']*'|\"[^\"]*\"|`[^`]*`|\[[^\]]*'[^\]]*\]|[A-Za-z][\w+.-]*://\S*|\S*/\S*|--?[\w-]+"
)
_ENGLISH_RUN = re.compile(r"[A-Za-z]+(?:[ ,;]+[A-Za-z]+){2,}")


def english_sentences(text: str) -> list[str]:
    """Runs of 3 or more English words in `text`, quoted values, URLs and paths aside."""
    return _ENGLISH_RUN.findall(_NOT_WORDS.sub(" § ", text))


def test_the_check_finds_english():
    assert english_sentences("cardoff-tui: C1/config.yaml:5: notify entry 3: not a service URL")
    assert not english_sentences("cardoff-tui: /a/config.yaml:5：notify 第 3 项 'x y z'")


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    base = tmp_path_factory.mktemp("zh-config")
    seed(base / "data", ("Debit", "bank", "cancel", "ICBC", -1))
    (base / "config").mkdir()
    (base / "config" / "config.yaml").write_text(BAD_CONFIG, encoding="utf-8")
    return base


@pytest.mark.parametrize(
    ("args", "run"),
    # one command as a user runs it (a process of its own); the others' words through
    # the command line's main in this process: what is said, not how a process ends
    [(["notify", "--dry-run"], cli), (["doctor"], cli_main), (["due"], cli_main),
     (["hotline", "ICBC"], cli_main), (["validate"], cli_main)],
    ids=["notify", "doctor", "due", "hotline", "validate"],
)
def test_config_warnings_are_in_chinese(base, args, run):
    result = run(base, "--lang", "zh-CN", *args)
    # hotline's stdout is the directory's own (issuers' English names among it)
    said = result.stderr + ("" if args[0] == "hotline" else result.stdout)
    assert "sort" in said or args[0] == "notify", said  # the warnings are there
    assert "home 应为两个字母的国家或地区代码" in said, said
    assert english_sentences(said) == [], said


def test_validate_words_schema_errors_in_chinese(tmp_path):
    bundles = tmp_path / "bundles"
    bundles.mkdir(parents=True)
    (bundles / "bad.yaml").write_text(BAD_BUNDLE, encoding="utf-8")
    (bundles / "kind.yaml").write_text(BAD_KIND, encoding="utf-8")
    (bundles / "controls.yaml").write_text(CONTROLS, encoding="utf-8")
    result = cli_main(tmp_path, "--lang", "zh-CN", "validate", str(tmp_path))
    said = result.stdout + result.stderr
    assert result.returncode == 1
    assert "cards" in said and "spaceship" in said and "删除了 2 个控制字符" in said, said
    assert english_sentences(said) == [], said


def test_man_page_headings_are_in_chinese(base):
    page = cli_main(base, "--lang", "zh-CN", "man").stdout
    headings = re.findall(r"^\.SH (.*)$", page, re.M)
    assert headings[:3] == ["名称", "概述", "描述"], headings
    assert not any(re.match(r"[A-Z]{3,}", h) for h in headings), headings


@pytest.mark.parametrize(
    "config",
    [BAD_CONFIG, "lang: xx\n", "notify: ntfy://ntfy.sh/one\n", "- a list\n", "a: [b\n",
     "keymap: {app.quit: '  '}\n", "mouse:\n"],
    ids=["many", "lang", "notify-not-list", "not-mapping", "unreadable", "keymap-keys", "empty"],
)
def test_each_config_warnings_english_is_the_catalogs(tmp_path, content, config):
    """A warning about config.yaml carries its English (for logs and plain-text callers)
    and a catalog key with values (for the user's language): the two say the same, so
    the English catalog is the only place its words are changed."""
    from tui.base.i18n import Catalog
    from tui.domain.config import load_config

    path = tmp_path / "config.yaml"
    path.write_text(config, encoding="utf-8")
    problems = load_config(path).problems
    assert problems, config
    english = Catalog(content.strings, "en")
    for found in problems:
        assert english.has(found.key), found.key
        assert found.worded(english) == str(found)


def test_validate_says_why_a_file_cannot_be_read_in_chinese(tmp_path):
    """Found by a tester: `validate` said `no such file or folder`, `not a regular
    file…` and `invalid YAML: …` in English under --lang zh-CN (the YAML parser's own
    reason stays in its words, inside a Chinese sentence)."""
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "broken.yaml").write_text("id: x\n  bad: [\n", encoding="utf-8")
    for target, words in (
        (tmp_path / "nothing-here", "没有这个文件或文件夹"),
        (Path(os.devnull), "不是普通文件"),
        (bad, "YAML 格式错误（解析器的原话："),
    ):
        result = cli_main(tmp_path, "--lang", "zh-CN", "validate", str(target))
        said = result.stdout + result.stderr
        assert result.returncode == 1 and words in said, said
        # the parser's own reason aside, no English sentence is left
        assert english_sentences(said.split("原话：")[0]) == [], said


def test_each_missing_field_is_named_once(tmp_path):
    """A playbook missing kind, intent and steps said `kind` three times."""
    (tmp_path / "playbooks").mkdir()
    (tmp_path / "playbooks" / "pb.yaml").write_text("id: pb\ntitle: {en: x}\n", encoding="utf-8")
    for lang, template in (("en", "{} is a required property"), ("zh-CN", "缺少必填项 {}")):
        said = cli_main(tmp_path, "--lang", lang, "validate", str(tmp_path)).stdout
        for name in ("kind", "intent", "steps"):
            assert said.count(template.format(name)) == 1, said


def test_a_config_yaml_that_is_a_folder_is_said_in_chinese(tmp_path):
    (tmp_path / "config" / "config.yaml").mkdir(parents=True)
    said = cli_main(tmp_path, "--lang", "zh-CN", "doctor").stdout
    assert "config.yaml: 不是普通文件" in said and "改用默认设置" in said, said
    assert english_sentences(said.split("\n", 1)[0]) == [], said
