"""With --lang zh-CN, what the commands say of a bad config.yaml, of a bad content
file (`validate`) and the man page's headings are Chinese: no English sentence is left
(a run of 3 or more English words, outside quoted values, URLs and paths)."""

from __future__ import annotations

import re

import pytest

from tests.cli_cards import cli, seed

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
    "args",
    [["notify", "--dry-run"], ["doctor"], ["due"], ["hotline", "ICBC"], ["validate"]],
)
def test_config_warnings_are_in_chinese(base, args):
    result = cli(base, "--lang", "zh-CN", *args)
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
    result = cli(tmp_path, "--lang", "zh-CN", "validate", str(tmp_path))
    said = result.stdout + result.stderr
    assert result.returncode == 1
    assert "cards" in said and "spaceship" in said and "删除了 2 个控制字符" in said, said
    assert english_sentences(said) == [], said


def test_man_page_headings_are_in_chinese(base):
    page = cli(base, "--lang", "zh-CN", "man").stdout
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
