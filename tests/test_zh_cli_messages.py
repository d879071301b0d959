"""A Chinese user meets no English in what the commands say when something goes wrong:
a data file that cannot be opened (damaged, not ours, a folder, from a newer version,
on a read-only disk), a JSON or CSV import that fails, an OS error (the system's words
stay, but only as the detail of our own sentence), and argparse's help and errors.

The command line's `main` runs in this process (tests.helpers.in_process), in Chinese
chosen each way a user can choose it (--lang, config.yaml's `lang`, LANG); the real
command runs in a subprocess once for each way, on a data file it cannot open, and for
the read-only disk and serve. Each output is checked for the English of the catalog's
messages (every run of words between placeholders) and for the Chinese one
(test_cli_help_language runs the real command for each command's help and for
argparse's errors).
"""

from __future__ import annotations

import datetime
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.in_process import run_main
from tests.test_data_dir import CSV, _everything, _seeded, read_only  # noqa: F401
from tui.base.paths import content_dir
from tui.domain.csv_format import CSV_FIELDS
from tui.domain.tracker import Tracker
from tui.records.card_fields import CardFields
from tui.storage.store import DB_FILENAME, Store

SECTIONS = (
    "store_problem.",
    "os_error.",
    "json_import.",
    "csv_import.",
    "probe.",
    "cli.",
    "serve.",
)
ARGPARSE_ENGLISH = re.compile(
    r"usage:|options:|positional arguments|error:|show this help|invalid int value"
    r"|(?<![-\w])(PATH|COMMAND|QUERY|REGION|FILE|NAME|ID|N|PORT|HOST)\b"
)


def english_fragments(content) -> list[str]:
    """Every run of three or more words between placeholders in the English messages of
    SECTIONS: none may show in a Chinese output."""
    fragments = []
    for key, text in content.strings["en"].items():
        if not key.startswith(SECTIONS):
            continue
        for part in re.split(r"\{[^}]*\}|[()'\"`:;]", text):
            part = part.strip(" ,.")
            if len(part.split()) >= 3:
                fragments.append(part)
    return fragments


def assert_no_english(text: str, content) -> None:
    for fragment in english_fragments(content):
        assert fragment not in text, (fragment, text)


def chinese(content, key: str) -> str:
    """The zh-CN message `key` up to its first placeholder (what an output shows whole)."""
    return re.split(r"\{", content.strings["zh-CN"][key])[0].strip()


WAYS = ["--lang", "config", "LANG"]


def _chinese_by(way: str, config: Path) -> tuple[list[str], dict[str, str]]:
    """The options and the environment that choose Chinese `way`: --lang, config.yaml's
    `lang` (written into `config`) or LANG=zh_CN.UTF-8."""
    config.mkdir(exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("LC_") and k != "LANG"}
    env["COLUMNS"] = "80"
    if way == "--lang":
        return ["--lang", "zh-CN"], env
    if way == "config":
        (config / "config.yaml").write_text("lang: zh-CN\n")
    else:
        env["LANG"] = "zh_CN.UTF-8"
    return [], env


@pytest.fixture(params=WAYS)
def zh(request, tmp_path):
    """run(*args, data=...) calls the command line's `main(ARGS)` in this process
    (tests.helpers.in_process) in Chinese, chosen by --lang, config.yaml's `lang` or
    LANG=zh_CN.UTF-8, and returns its status and what it printed."""
    config = tmp_path / "config"
    lang, env = _chinese_by(request.param, config)

    def run(*args: str, data: Path) -> subprocess.CompletedProcess:
        argv = [*lang, "--data-dir", str(data), "--config-dir", str(config), *args]
        return run_main(argv, env)

    return run


def run_in_chinese(way: str, tmp_path: Path, *args: str, data: Path):
    """`python -m tui ARGS` in a subprocess, in Chinese chosen `way`."""
    config = tmp_path / "config"
    lang, env = _chinese_by(way, config)
    command = [sys.executable, "-m", "tui", *lang, "--data-dir", str(data)]
    command += ["--config-dir", str(config), *args]
    return subprocess.run(
        command, env=env, capture_output=True, text=True, encoding="utf-8", timeout=120
    )


def damaged(folder: Path, how: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "cardoff.json"
    if how == "not_json":
        path.write_text('{"cards": {"1": ')
    elif how == "not_ours":
        path.write_text("[1, 2, 3]")
    elif how == "newer":
        path.write_text(json.dumps({"meta": {"1": {"schema_version": 999}}}))
    elif how == "bad_version":
        path.write_text(json.dumps({"meta": {"1": {"schema_version": "2"}}}))
    elif how == "is_folder":
        path.mkdir()
    return path


@pytest.mark.parametrize("how", ["not_json", "not_ours", "newer", "bad_version", "is_folder"])
@pytest.mark.parametrize("command", [["due"], ["export", "--format", "json"]])
def test_a_data_file_that_cannot_be_opened_is_told_in_chinese(zh, content, tmp_path, how, command):
    damaged(tmp_path / "data", how)
    _told_in_chinese(zh(*command, data=tmp_path / "data"), content, how, command)


@pytest.mark.parametrize("way", WAYS)
def test_each_way_of_choosing_chinese_reaches_the_real_command(content, tmp_path, way):
    """The installed command, as a user runs it, in Chinese chosen each way (the tests
    above run the same `main` in this process for every message)."""
    damaged(tmp_path / "data", "is_folder")
    for command in (["due"], ["export", "--format", "json"]):
        result = run_in_chinese(way, tmp_path, *command, data=tmp_path / "data")
        _told_in_chinese(result, content, "is_folder", command)


def _told_in_chinese(result, content, how: str, command: list[str]) -> None:
    unusable = 4 if command == ["due"] else 1  # due's 1 means a card is overdue
    assert result.returncode == unusable and "Traceback" not in result.stderr, result.stderr
    said = result.stderr
    assert chinese(content, "cli.cannot_open") in said, said
    key = "unreadable" if how == "is_folder" else how
    assert chinese(content, f"store_problem.{key}") in said, said
    if how == "is_folder":  # the system's words stay, after our own sentence
        assert chinese(content, "os_error.is_folder") in said and "Is a directory" in said
    assert_no_english(said, content)


def test_the_system_words_are_only_a_detail(content):
    """Each errno we name has a sentence in both catalogs, and the system's words come
    after it, as its detail."""
    import errno

    from tui.base.i18n import Catalog
    from tui.base.os_problem import OS_PROBLEMS, os_problem

    zh, en = Catalog(content.strings, "zh-CN"), Catalog(content.strings, "en")
    for number in [*OS_PROBLEMS, errno.EXDEV]:
        error = OSError(number, os.strerror(number), "x")
        said = zh("cli.cannot_write", path="out.md", **os_problem(error))
        assert said.endswith(f"{os.strerror(number)}）"), said
        assert not said.startswith(os.strerror(number))
        assert en("cli.cannot_write", path="out.md", **os_problem(error)) != said


def test_export_to_a_folder_that_is_not_there_is_told_in_chinese(zh, content, tmp_path, clock):
    data = tmp_path / "data"
    _seeded(data, content, clock)
    result = zh("export", "-o", str(tmp_path / "missing" / "out.md"), data=data)
    assert result.returncode == 1, result.stderr
    assert chinese(content, "os_error.missing") in result.stderr, result.stderr
    assert_no_english(result.stderr, content)


def test_json_imports_that_fail_are_told_in_chinese(zh, content, tmp_path, clock):
    data = tmp_path / "data"
    _seeded(data, content, clock)
    files = {
        "broken.json": ('{"format": ', "json_import.not_json"),
        "other.json": ('{"cards": 5}', "json_import.not_export"),
        "utf16.json": ("\ufeff{}".encode("utf-16-le"), "json_import.not_utf8"),
        "missing.json": (None, "json_import.cannot_read"),
    }
    export = zh("export", "--format", "json", data=data)
    assert export.returncode == 0, export.stderr
    files["again.json"] = (export.stdout, "json_import.already")
    doc = json.loads(export.stdout)
    doc["version"] = 99
    files["future.json"] = (json.dumps(doc), "json_import.bad_version")
    for name, (text, key) in files.items():
        path = tmp_path / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        elif text is not None:
            path.write_text(text, encoding="utf-8")
        result = zh("import", str(path), data=data)
        assert result.returncode == 1, (name, result.stderr)
        said = result.stdout + result.stderr
        assert chinese(content, key) in said, (name, said)
        assert content.strings["zh-CN"]["csv_import.nothing"] in said, (name, said)
        assert_no_english(said, content)


def test_a_csv_without_its_columns_names_every_column_in_chinese(zh, content, tmp_path):
    path = tmp_path / "cards.csv"
    path.write_text("name,type\nDebit,bank\n", encoding="utf-8")
    result = zh("import", str(path), data=tmp_path / "data")
    said = result.stdout + result.stderr
    assert result.returncode == 1, said
    assert "、".join(CSV_FIELDS) in said and "carried" in said, said
    assert_no_english(said, content)


def test_a_csv_with_a_byte_order_mark_is_named_in_chinese(zh, content, tmp_path):
    path = tmp_path / "cards.csv"
    path.write_bytes(b"\xef\xbb\xbf" + CSV.encode())
    result = zh("import", str(path), data=tmp_path / "data")
    assert result.returncode == 0, result.stderr
    assert "带 BOM 的 UTF-8" in result.stdout and "with BOM" not in result.stdout


def test_a_read_only_data_dir_is_told_in_chinese(read_only, content, tmp_path, clock):  # noqa: F811
    data, config = tmp_path / "data", tmp_path / "config"
    _seeded(data, content, clock)
    csv = tmp_path / "cards.csv"
    csv.write_text(CSV)
    before = _everything(data)
    base = [sys.executable, "-m", "tui", "--lang", "zh-CN", "--data-dir", str(data)]
    base += ["--config-dir", str(config)]
    result = read_only([*base, "import", str(csv)], data)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert "只读" in result.stderr and "没有导入任何内容" in result.stderr, result.stderr
    assert_no_english(result.stderr, content)
    doctor = read_only([*base, "doctor"], data)
    assert doctor.returncode == 1
    assert chinese(content, "probe.unwritable") in doctor.stdout, doctor.stdout
    assert chinese(content, "os_error.read_only") in doctor.stdout, doctor.stdout
    assert f"{data}: " not in doctor.stdout  # a full-width colon after the path
    assert _everything(data) == before


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["hotline", "--help"],
        ["import", "--help"],
        ["export", "--help"],
        ["restore", "--help"],
        ["validate", "--help"],
        ["serve", "--help"],
        ["serve", "--port", "x"],
        ["due", "--help"],
        ["doctor", "--help"],
        ["list", "--help"],
        ["completion", "--help"],
        ["man", "--help"],
        ["completion"],
        ["completion", "tcsh"],
        ["--bogus"],
        ["hotline"],
        ["import"],
        ["restore", "x"],
        ["frobnicate"],
    ],
    ids=" ".join,
)
def test_the_command_line_speaks_chinese(zh, content, tmp_path, args):
    result = zh(*args, data=tmp_path / "data")
    out = result.stdout + result.stderr
    assert result.returncode in (0, 2), out
    assert "用法：" in out, out
    found = ARGPARSE_ENGLISH.search(out)
    assert found is None, (found, out)
    if args == ["--help"]:
        assert "选项：" in out and "位置参数：" in out and "命令" in out
    if args[:1] == ["hotline"] and "--help" in args:
        assert "查询词" in out and "地区" in out
    if args == ["import", "--help"]:
        assert "、".join(CSV_FIELDS) in "".join(out.split())
    if args == ["restore", "x"]:
        assert content.strings["zh-CN"]["cli_help.number_refused"].split("（")[0] in out


def test_words_the_code_joins_use_chinese_punctuation(zh, content, tmp_path, clock):
    """Text the code puts together around catalog words (a user's own issuer in the
    hotline list, the report's owed line and the calendar's kind and intent) takes its
    punctuation from the catalog too."""
    issuers = tmp_path / "config" / "issuers"
    issuers.mkdir(parents=True)
    (issuers / "mine.yaml").write_text(
        "issuers:\n  - id: my-credit-union\n    name: {en: My Credit Union}\n"
        "    region: GB\n    kinds: [bank]\n    hotlines:\n"
        '      - number: "+44 20 7946 0000"\n        purpose: customer-service\n'
        "        verified: false\n",
        encoding="utf-8",
    )
    result = zh("hotline", "My Credit", data=tmp_path / "data")
    assert result.returncode == 0, result.stderr
    assert "GB（你添加的）" in result.stdout, result.stdout
    data = tmp_path / "data"
    store = Store.open(data / DB_FILENAME)
    tracker = Tracker(store, content.playbooks, clock)
    card = tracker.add_card(CardFields("Debit", "bank", "cancel"))
    tracker.set_follow_up(card.id, datetime.date(2026, 12, 1))
    tracker.set_money(card.id, "20", "0", "CNY")
    store.close()
    ics = zh("export", "--format", "ics", data=data)
    assert ics.returncode == 0, ics.stderr
    assert "银行卡，注销" in ics.stdout.replace("\\,", "，").replace("，，", "，"), ics.stdout
    report = zh("export", data=data)
    assert "**尚未退还给你：** ¥20.00" in report.stdout, report.stdout


def test_serve_on_a_busy_port_says_so_in_chinese(content, tmp_path):
    """In a subprocess: serve sets up logging and signal handlers for its process."""
    pytest.importorskip("textual_serve", reason="serve needs the optional textual-serve")
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = run_in_chinese("LANG", tmp_path, "serve", "--port", str(port),
                                data=tmp_path / "data")
    assert result.returncode == 1, result.stderr
    assert chinese(content, "serve.cannot_listen") in result.stderr, result.stderr
    assert chinese(content, "os_error.in_use") in result.stderr, result.stderr
    assert_no_english(result.stderr, content)


def test_a_refused_browser_is_told_in_chinese(content):
    """What the server answers a page without the key, in the user's language."""
    pytest.importorskip("textual_serve", reason="serve needs the optional textual-serve")
    import asyncio

    from aiohttp.test_utils import TestClient, TestServer

    from tui.base.i18n import Catalog
    from tui.cli.serve import make_server

    zh = Catalog(content.strings, "zh-CN")
    server = make_server("true", 8000, "k", say=lambda line: None, t=zh)

    async def ask() -> str:
        async with TestClient(TestServer(await server._make_app())) as client:
            answer = await client.get("/")
            return await answer.text()

    text = asyncio.run(ask())
    assert text.strip() == zh("serve.needs_key"), text


# What the code puts in brackets beside a name (an issuer beside its card in `due`, a
# folder's mode in doctor, a service's kind in notify) goes through the catalog's one
# rule for it, `text.aside` (` (公安局)` was printed with ASCII brackets in Chinese);
# a value the user gave (a region typed, a port, a setting in config.yaml, a key of
# their YAML) is put between the language's quotes by `text.quoted`, never as Python's
# repr ('火星').


def test_due_puts_the_issuer_beside_its_card_in_chinese_brackets(zh, content, tmp_path, clock):
    from tests.test_zh_punctuation import ascii_beside_chinese

    data = tmp_path / "data"
    store = Store.open(data / DB_FILENAME)
    tracker = Tracker(store, content.playbooks, clock)
    for fields in (
        CardFields("身份证", "id-document", "report-lost", "公安局", "CN"),
        CardFields("旧号", "esim", "cancel"),
    ):
        card = tracker.add_card(fields)
        tracker.set_follow_up(card.id, datetime.date(2026, 2, 1))
    store.close()
    data.chmod(0o755)  # wider than the app makes it: doctor names it, with its mode
    result = zh("due", data=data)
    assert "身份证（公安局）" in result.stdout and "旧号（eSIM）" in result.stdout, result.stdout
    assert ascii_beside_chinese(result.stdout) == [], result.stdout
    doctor = zh("doctor", data=data)
    assert f"{data}（0755）" in doctor.stdout, doctor.stdout


def test_a_typed_value_is_quoted_in_chinese_not_as_python_writes_it(zh, tmp_path):
    result = zh("hotline", "--region", "火星", "工行", data=tmp_path / "data")
    assert "不认识地区“火星”" in result.stderr, result.stderr
    assert "'" not in result.stderr, result.stderr
    restore = zh("restore", "第一", data=tmp_path / "data")
    assert "而不是“第一”" in restore.stderr and "'" not in restore.stderr, restore.stderr
    # a control character typed is shown, not obeyed, and not as Python escapes it
    hostile = zh("hotline", "--region", "\x1b[2J火星", "工行", data=tmp_path / "data")
    assert "“␛[2J火星”" in hostile.stderr and "\x1b" not in hostile.stderr, hostile.stderr


def test_settings_and_content_quote_what_the_user_wrote_in_chinese(content, tmp_path):
    from tui.base.i18n import Catalog
    from tui.domain.config import load_config
    from tui.library.content import load_content
    from tui.library.yaml_reader import worded

    path = tmp_path / "config.yaml"
    path.write_text(
        "lang: 火星语\nmouse: 关\nhome: 中国\nsort: 价格\nbackups: 3\n"
        "notify:\n  - {url: 'json://localhost', 颜色: 红}\n",
        encoding="utf-8",
    )
    zh, en = Catalog(content.strings, "zh-CN"), Catalog(content.strings, "en")
    problems = load_config(path).problems
    said = [worded(problem, zh) for problem in problems]
    for typed in ("火星语", "关", "中国", "价格", "颜色"):
        assert any(f"“{typed}”" in line for line in said), (typed, said)
    assert not any("'" in line.split(": ", 1)[1] for line in said), said
    english = [worded(problem, en) for problem in problems]
    assert any("not '价格'" in line for line in english), english
    # a key of the user's own YAML content, and the value it holds
    bundles = tmp_path / "mine" / "bundles"
    bundles.mkdir(parents=True)
    (bundles / "bad.yaml").write_text(
        "id: mine\ntitle: {en: Mine}\ncards:\n  - label: {en: X}\n    kind: 飞船\n"
        "    intent: cancel\n",
        encoding="utf-8",
    )
    [error] = load_content(content_dir(), tmp_path / "mine").errors
    line = worded(error, zh)
    assert "“飞船” 不在允许的取值" in line or "“飞船”不在允许的取值" in line, line
    assert "['" not in line and "'飞船'" not in line, line


def test_one_catalog_rule_puts_words_in_brackets_beside_a_name(content):
    """No message but `text.aside` is a name with words in brackets beside it alone
    (`{name}（{kind}）`): code that needs one uses `text.aside`."""
    aside = re.compile(r"^\{\w+\} ?[(（]\{\w+\}[)）]$")
    for lang in ("en", "zh-CN"):
        found = [key for key, text in content.strings[lang].items() if aside.match(str(text))]
        assert found == [], (lang, found)
    zh = content.strings["zh-CN"]
    assert zh["text.aside"] == "（{text}）" and zh["text.quoted"] == "“{text}”"


@pytest.mark.parametrize(("lang", "colon"), [("en", ": "), ("zh-CN", "：")])
def test_a_procedure_line_follows_its_colon_as_the_language_writes(lang, colon, tmp_path, capsys):
    """`hotline 银联`: 挂失：请通过… with no space after the Chinese colon (English keeps
    one after its own), in the command's output and in the app's lines alike."""
    from tui.base.i18n import Catalog
    from tui.cli import main
    from tui.library.content import load_content
    from tui.ui.call_lines import procedure_lines

    main(["--config-dir", str(tmp_path), "--lang", lang, "hotline", "unionpay"])
    out = capsys.readouterr().out
    t = Catalog(load_content(content_dir()).strings, lang)
    said = t("hotline.procedure", what=t("procedure.report-lost"))
    assert said.endswith(colon) and said in out, out
    assert "： " not in out and "：  " not in out
    issuer = next(i for i in load_content(content_dir()).issuers.search("unionpay", 5)
                  if i.procedures)
    for line in procedure_lines(issuer, t):
        assert "： " not in line.plain and ":  " not in line.plain, line.plain
