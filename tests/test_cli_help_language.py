"""`cardoff-tui --help`, each command's `--help` and argparse's own words (usage,
options, its errors) come from the catalogs, in the language the commands speak
(--lang, then config.yaml's `lang`, then the locale); English reads as it always has.
The installed command runs in a subprocess, as a user runs it, for the help and a
mistake in Chinese chosen each way (--lang, config.yaml, the user config dir, LANG) and
for English; the other helps and mistakes run through the command line's `main` in
this process (tests.helpers.in_process), which prints the same words."""

from __future__ import annotations

import argparse
import ast
import inspect
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import tui.cli.parser as parser_module
from tests.helpers.in_process import run_main
from tui.cli.argparse_words import COUNTED, MESSAGES, speaking
from tui.cli.help_layout import cells
from tui.domain.csv_format import CSV_FIELDS

CLI = str(Path(sys.executable).parent / "cardoff-tui")
COMMANDS = [
    "validate", "hotline", "list", "export", "import", "due", "restore", "serve", "doctor",
    "completion", "man", "notify",
]
# what argparse says in English, which no Chinese help or error may hold
ARGPARSE_ENGLISH = ["usage:", "options:", "positional arguments", "show this help", "error:"]


@pytest.fixture(scope="module")
def home(tmp_path_factory) -> Path:
    """A home of its own: no config.yaml in the user config dir, unless a test puts one."""
    return tmp_path_factory.mktemp("cli-help")


def cli(home: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    """The installed cardoff-tui with `args`, in no locale unless `env` names one, 80
    columns wide, with the user config dir under `home`."""
    return subprocess.run(
        [CLI, *args], env=_env(home, env), capture_output=True, text=True, encoding="utf-8",
        timeout=60,
    )


def cli_here(home: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    """What cli() runs, through the command line's `main` in this process: for the
    variants of what a test shows once with the installed command."""
    return run_main(args, _env(home, env))


def _env(home: Path, env: dict[str, str]) -> dict[str, str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("LC_") and k != "LANG"}
    clean.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
        XDG_STATE_HOME=str(home / "state"),
        COLUMNS="80",
        **env,
    )
    return clean


def english_help_texts(content) -> list[str]:
    """The English catalog's cli_help texts, as far as one line of help shows them."""
    cut = [
        text.split(" (")[0][:30]
        for key, text in content.strings["en"].items()
        if key.startswith("cli_help.") and not key.startswith("cli_help.argparse.")
    ]
    return [text for text in cut if len(text) > 12]


def assert_chinese(text: str, content) -> None:
    assert "用法：" in text, text
    for english in ARGPARSE_ENGLISH + english_help_texts(content):
        assert english not in text, (english, text)


def test_top_help_in_chinese_with_lang(home, content):
    result = cli(home, "--lang", "zh-CN", "--help")
    assert result.returncode == 0 and result.stderr == ""
    out = result.stdout
    assert_chinese(out, content)
    zh = content.strings["zh-CN"]
    for key in ("description", "validate", "doctor", "no_mouse", "argparse.help"):
        assert "".join(zh[f"cli_help.{key}"].split()) in "".join(out.split()), key
    assert "位置参数" in out and "选项" in out


@pytest.mark.parametrize("command", COMMANDS)
def test_each_commands_help_in_chinese_with_lang(home, content, command):
    result = cli_here(home, "--lang", "zh", command, "--help")
    assert result.returncode == 0, result.stderr
    assert_chinese(result.stdout, content)
    about = content.strings["zh-CN"][f"cli_help.{command}_about"]
    about = about.replace("{columns}", "、".join(CSV_FIELDS))  # import's, from the format
    assert "".join(about.split()) in "".join(result.stdout.split())


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_help_fits_80_columns(home, lang, command):
    """Wrapped by terminal cells (a Chinese character takes two), breaking between
    Chinese characters but never before a full-width comma or after an opening bracket."""
    out = cli_here(home, "--lang", lang, *([command] if command else []), "--help").stdout
    for line in out.splitlines():
        if not line.lstrip().startswith(("--format {", "usage:", "-o FILE")):
            assert cells(line) <= 80, line
        assert not line.lstrip().startswith(("、", "，", "。", "）", "；", "：")), line
        assert not line.endswith("（"), line


def test_export_help_in_chinese_names_the_formats(home, content):
    out = cli_here(home, "--lang", "zh-CN", "export", "--help").stdout
    zh = content.strings["zh-CN"]
    assert_chinese(out, content)
    assert "  md         Markdown 报告，可自己保存或交给发卡机构（默认）" in out
    for name in ("json", "csv", "csv-excel", "ics"):
        assert zh[f"cli_help.format.{name}"] in out, name
    assert "下列格式之一（默认：md）" in out


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["export", "--format", "nope"], "参数 --format：无效的选择：'nope'（可选："),
        (["serve", "--port", "x"], "参数 --port：必须是 1 到 65535 之间的整数，而不是“x”"),
        (["serve", "--port", "70000"], "而不是“70000”"),
        (["hotline"], "缺少以下参数：查询词"),
        (["import"], "缺少以下参数：文件"),
        (["--bogus"], "无法识别的参数：--bogus"),
        (["--d"], "选项有歧义：--d 可能是 --data-dir, --debug, --demo"),
        (["restore", "x"], "参数 序号：必须是整数"),
        (["--data-dir"], "参数 --data-dir：需要一个参数值"),
        (["frobnicate"], "参数 命令：无效的选择：'frobnicate'"),
    ],
)
def test_mistakes_are_told_in_chinese_with_status_2(home, content, args, said):
    run = cli if args == ["--bogus"] else cli_here  # one by the installed command
    result = run(home, "--lang", "zh-CN", *args)
    assert result.returncode == 2 and result.stdout == ""
    assert said in result.stderr, result.stderr
    assert "：错误：" in result.stderr
    assert_chinese(result.stderr, content)


# every command, with what it needs before an option can be read
EVERY_COMMAND = [
    ["validate"], ["hotline", "icbc"], ["list"], ["export"], ["import", "cards.csv"],
    ["due"], ["restore"], ["serve"], ["doctor"], ["completion", "bash"], ["man"],
    ["notify"], ["attach", "c1", "scan.pdf"], ["export-attachments", "c1", "out"],
    ["letter", "c1"],
]


@pytest.mark.parametrize("command", EVERY_COMMAND, ids=lambda command: command[0])
@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_an_unknown_option_is_the_commands_mistake(home, command, lang):
    """`cardoff-tui due --bogus` names `due` and --bogus under `due`'s own usage, in the
    user's language, with status 2 (it showed the top-level usage and named no command)."""
    run = cli if command == ["due"] else cli_here  # the installed command once
    result = run(home, "--lang", lang, *command, "--bogus")
    assert result.returncode == 2 and result.stdout == ""
    usage, error = ("usage: ", ": error: ") if lang == "en" else ("用法：", "：错误：")
    assert result.stderr.startswith(f"{usage}cardoff-tui {command[0]} "), result.stderr
    unrecognized = "unrecognized arguments: " if lang == "en" else "无法识别的参数："
    assert f"cardoff-tui {command[0]}{error}{unrecognized}--bogus\n" in result.stderr


@pytest.mark.parametrize(
    ("args", "named", "reason"),
    [
        (["--data-dir", "", "list"], "--data-dir", "folder_refused"),
        (["--data-dir=", "due"], "--data-dir", "folder_refused"),
        (["--config-dir", " ", "doctor"], "--config-dir", "folder_refused"),
        (["--config-dir", ""], "--config-dir", "folder_refused"),  # the app
        (["validate", ""], "path", "given_path_refused"),
        (["import", ""], "file", "given_file_refused"),
        (["attach", "c1", ""], "file", "given_file_refused"),
        (["export-attachments", "c1", ""], "folder", "given_folder_refused"),
    ],
)
@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_an_empty_path_is_refused_naming_the_option(tmp_path, content, args, named, reason, lang):
    """`--data-dir ""` was taken as no --data-dir (the usual data dir), `import ""` read
    the current folder: an empty or blank path is a mistake on the command line, named
    by its option, in the user's language, status 2, and nothing is read or made."""
    run = cli if args[0] == "--data-dir" and lang == "en" else cli_here
    result = run(tmp_path, "--lang", lang, *args)
    assert result.returncode == 2 and result.stdout == ""
    words = content.strings[lang]
    if not named.startswith("--"):
        named = words[f"cli_help.metavar.{named}"]
    argument = words["cli_help.argparse.argument"] % {
        "argument_name": named,
        "message": words[f"cli_help.{reason}"],
    }
    assert argument in result.stderr, result.stderr
    assert not (tmp_path / "data").exists() and not (tmp_path / "config").exists()


@pytest.fixture
def chinese_config(tmp_path) -> Path:
    folder = tmp_path / "conf"
    folder.mkdir()
    (folder / "config.yaml").write_text("lang: zh-CN\n", encoding="utf-8")
    return folder


def test_config_dirs_language_is_the_helps(home, content, chinese_config):
    out = cli(home, "--config-dir", str(chinese_config), "export", "--help").stdout
    assert_chinese(out, content)
    error = cli_here(home, "--config-dir", str(chinese_config), "export", "--format", "nope")
    assert error.returncode == 2 and "无效的选择" in error.stderr
    # --lang wins over config.yaml, as for the commands
    english = cli_here(home, "--config-dir", str(chinese_config), "--lang", "en", "--help")
    assert english.stdout.startswith("usage: cardoff-tui")


def test_the_user_config_dirs_language_and_the_locale(tmp_path, content):
    (tmp_path / "config" / "cardoff-tui").mkdir(parents=True)
    (tmp_path / "config" / "cardoff-tui" / "config.yaml").write_text("lang: zh-CN\n")
    assert_chinese(cli(tmp_path, "--help").stdout, content)
    assert_chinese(cli(tmp_path / "none", "due", "--help", LANG="zh_CN.UTF-8").stdout, content)
    # a --lang argparse refuses does not hide config.yaml's language
    assert "无效的选择：'xx'" in cli_here(tmp_path, "--lang", "xx").stderr


ENGLISH_EXPORT_HELP = """\
usage: cardoff-tui export [-h] [--format {md,json,csv,csv-excel,ics}]
                          [--card ID] [-o FILE] [--json]

Export your cards. Identifiers appear masked only.

options:
  -h, --help            show this help message and exit
  --format {md,json,csv,csv-excel,ics}
                        one of the formats below (default: md)
  --card ID             only this card
  -o FILE, --output FILE
                        write here (default: stdout)
  --json                print JSON: without -o the export itself (--format
                        json), with -o what was written (path, format, cards,
                        bytes)

formats:
  md         a Markdown report to keep or hand to an issuer (the default)
  json       complete data, versioned, for `cardoff-tui import` to read back
  csv        a row per card, UTF-8 without BOM, for scripts and other programs
  csv-excel  the same with a BOM, so Excel shows 工行 and not mojibake
  ics        the follow-up dates as calendar events

exit status:
  0    exported
  1    your data could not be opened, no card has that id, or the file could
       not be written
  2    a mistake on the command line (an unknown option, a missing value)
  70   an error cardoff-tui did not expect; a crash report was written (the
       line on stderr says where)
  141  whatever read the output stopped early (as head -1 does); nothing is
       wrong
"""

ENGLISH_TOP_HELP_START = """\
usage: cardoff-tui [-h] [--version] [--data-dir PATH] [--config-dir PATH]
                   [--lang {en,zh-CN}] [--no-mouse] [--debug] [--demo]
                   COMMAND ...

Track closing your cards and eSIMs: an inventory, a checklist per card, and a
dated log. Run without a command to open the app.

positional arguments:
  COMMAND
    validate          check playbook and string files; exit 1 on errors
"""


@pytest.mark.parametrize("lang", [[], ["--lang", "en"]], ids=["default", "en"])
def test_english_reads_as_before(home, lang):
    run = cli if lang == [] else cli_here  # the installed command once, with no --lang
    assert run(home, *lang, "export", "--help").stdout == ENGLISH_EXPORT_HELP
    top = cli_here(home, *lang, "--help").stdout
    assert top.startswith(ENGLISH_TOP_HELP_START)
    assert "  -h, --help          show this help message and exit\n" in top
    wrong = cli_here(home, *lang, "export", "--format", "nope")
    assert wrong.returncode == 2
    assert wrong.stderr.endswith(
        "cardoff-tui export: error: argument --format: invalid choice: 'nope' (choose from "
        "'md', 'json', 'csv', 'csv-excel', 'ics')\n"
    )
    port = cli_here(home, *lang, "serve", "--port", "x").stderr
    assert port.endswith(
        "cardoff-tui serve: error: argument --port: must be a whole number from 1 to 65535, "
        "not 'x'\n"
    )


def test_a_normal_start_loads_no_catalog_and_reads_no_config():
    """Only help and mistakes need words: parsing a good command line imports neither
    the content loader nor the config reader."""
    code = textwrap.dedent(
        """
        import sys
        from tui.cli.parser import parse_command_line
        args = parse_command_line(["--lang", "zh-CN", "export", "--format", "csv"])
        assert args.command == "export" and args.format == "csv", args
        loaded = [m for m in ("tui.library.content", "tui.domain.config", "yaml")
                  if m in sys.modules]
        print(loaded)
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert result.stdout == "[]\n", result.stderr


def _literal(node: ast.AST) -> bool:
    """A string written in the code that holds a word (not "\\n" or a format spec)."""
    return (
        isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and any(char.isalpha() for char in node.value)
    )


def test_every_help_text_in_the_parser_is_a_catalog_lookup():
    """help=, description= and epilog= in tui/cli/parser.py, and the reason a --port
    is refused, are looked up in the catalog (t("cli_help...")), never written there."""
    tree = ast.parse(inspect.getsource(parser_module))
    checked = 0
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        for keyword in node.keywords:
            if keyword.arg in ("help", "description", "epilog"):
                checked += 1
                assert not any(_literal(part) for part in ast.walk(keyword.value)
                               if not _inside_lookup(part, keyword.value)), ast.unparse(node)
        if isinstance(node.func, ast.Attribute) and node.func.attr == "ArgumentTypeError":
            checked += 1
            assert not any(
                _literal(part) and not _inside_lookup(part, node)
                for arg in node.args
                for part in ast.walk(arg)
            ), ast.unparse(node)
    assert checked > 30


def _inside_lookup(part: ast.AST, value: ast.expr) -> bool:
    """Whether `part` is an argument of a call to t (a key, or a name filled in)."""
    for call in ast.walk(value):
        if isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id == "t":
            if any(part is node for arg in call.args for node in ast.walk(arg)):
                return True
    return False


def test_the_messages_are_argparses():
    """Each message id tui.cli.argparse_words translates is one this Python's argparse
    asks gettext for (a new Python that rewords one fails here, not silently)."""
    from tui.cli import help_layout
    from tui.cli.argparse_words import OUR_FORMATTERS

    source = inspect.getsource(argparse)
    for message in OUR_FORMATTERS:
        assert repr(message)[1:-1] in inspect.getsource(help_layout), message
    for message in [*MESSAGES, *COUNTED]:
        if message in OUR_FORMATTERS:
            continue
        assert repr(message)[1:-1] in source or message.replace("'", "\\'") in source, message
    assert callable(argparse._) and callable(argparse.ngettext)


def test_speaking_puts_argparses_words_back_after_an_exit(content):
    from tui.base.i18n import Catalog

    before = argparse._, argparse.ngettext
    with pytest.raises(SystemExit), speaking(Catalog(content.strings, "zh-CN")):
        assert argparse._("usage: ") == "用法："
        assert argparse.ngettext("expected %s argument", "expected %s arguments", 2) == (
            "需要 %s 个参数值"
        )
        assert argparse._("%(prog)s: error: %(message)s\n").endswith("\n")
        argparse.ArgumentParser(prog="x").parse_args(["-h"])
    assert (argparse._, argparse.ngettext) == before
