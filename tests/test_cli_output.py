"""What the installed command prints: a reader that goes away early (`| head -1`) and
a locale that cannot encode every character (zh_CN.GBK, en_US.ISO-8859-1) end
nothing badly. Each test runs the console script in a subprocess, as a user does."""

from __future__ import annotations

import dataclasses
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import IN_CI, START, require_tool
from tests.helpers.in_process import run_main
from tui.records.card_fields import CardFields
from tui.records.model import Card
from tui.storage.store import DB_FILENAME, Store

CLI = str(Path(sys.executable).parent / "cardoff-tui")
LABELS = [("工行借记卡", "bank", "ICBC"), ("Phone 😀 eSIM", "esim", ""), ("Metro", "transit", "")]


def _seed(data: Path, extra: int = 0) -> None:
    """LABELS, then `extra` more cards, all with a follow-up in the past (so `due`
    lists every one), written in one transaction."""
    store = Store.open(data / DB_FILENAME)
    rows = LABELS + [(f"Card {n}", "other", "") for n in range(extra)]
    with store.transaction():
        for label, kind, issuer in rows:
            card = Card.create(CardFields(label, kind, "cancel", issuer), START)
            store.save_card(dataclasses.replace(card, follow_up="2026-01-01"))
    store.close()


@pytest.fixture(scope="module")
def places(tmp_path_factory):
    """--data-dir and --config-dir of three cards due, one with a Chinese label and
    one with an emoji; a CSV file to import; and a state dir for crash reports."""
    base = tmp_path_factory.mktemp("cli-output")
    _seed(base / "data")
    (base / "cards.csv").write_text("label,kind\nNew card,bank\n", encoding="utf-8")
    return base


def _env(base: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LC_") and k != "LANG"}
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)  # doctor: no keyring to wait for
    env.update(XDG_STATE_HOME=str(base / "state"), **extra)
    return env


def _crash_reports(base: Path) -> list[Path]:
    return sorted((base / "state").rglob("crash-*"))


PRINTING = [
    ["due"],
    ["hotline", "octopus"],
    ["hotline", "--json", "ICBC"],
    ["export"],
    ["export", "--format", "json"],
    ["export", "--format", "csv"],
    ["export", "--format", "csv-excel"],
    ["doctor"],
    ["restore"],
    ["validate"],
    ["--help"],
    ["export", "--help"],
    ["--version"],
]


@pytest.mark.parametrize("command", PRINTING, ids=" ".join)
def test_a_closed_pipe_ends_every_command_quietly(places, command):
    """The reader has gone before the first write (`| head -0`, a pager quit at once):
    no traceback, no crash report, exit 141 as for any Unix tool in a pipe."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        result = subprocess.run(
            [CLI, "--data-dir", str(places / "data"), "--config-dir", str(places), *command],
            stdout=write_end,
            stderr=subprocess.PIPE,
            env=_env(places),
            timeout=60,
        )
    finally:
        os.close(write_end)
    assert result.stderr == b"", result.stderr.decode()
    if "--help" in command or "--version" in command:
        assert result.returncode == 0  # argparse prints these and ignores an OSError itself
    else:
        assert result.returncode == 141
    assert _crash_reports(places) == []


def test_import_with_stdout_and_stderr_on_a_closed_pipe(places, tmp_path):
    """`cardoff-tui import f 2>&1 | head -0`: the cards go in, nothing is reported."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    data = tmp_path / "data"
    try:
        result = subprocess.run(
            [CLI, "--data-dir", str(data), "import", str(places / "cards.csv")],
            stdout=write_end,
            stderr=write_end,
            env=_env(places),
            timeout=60,
        )
    finally:
        os.close(write_end)
    assert result.returncode == 141 and _crash_reports(places) == []
    store = Store.open(data / DB_FILENAME)
    assert [c.label for c in store.cards()] == ["New card"]
    store.close()


@pytest.mark.parametrize("command", [c for c in PRINTING if c[0] != "doctor"], ids=" ".join)
def test_a_closed_stdout_is_no_error(places, command):
    """`cardoff-tui due >&-`: the shell closed stdout, so Python has no sys.stdout. The
    command does its work, its output goes nowhere, and there is no traceback. The
    installed command runs for `due`; the others run the command line's `main` in this
    process with sys.stdout None, as Python starts them (tests.helpers.in_process)."""
    args = ["--data-dir", str(places / "data"), "--config-dir", str(places), *command]
    done = 1 if command == ["due"] else 0  # due: the cards here are overdue
    if command == ["due"]:
        result = subprocess.run(
            ["sh", "-c", '"$@" >&-', "sh", CLI, *args],
            stderr=subprocess.PIPE, env=_env(places), timeout=60,
        )
        said = result.stderr.decode()
    else:
        result = run_main(args, _env(places), closed_stdout=True)
        said = result.stderr
    assert "Traceback" not in said and result.returncode == done, said
    assert _crash_reports(places) == []


def test_import_with_stdout_closed_imports_and_says_nothing_wrong(places, tmp_path):
    data = tmp_path / "data"
    args = [CLI, "--data-dir", str(data), "import", str(places / "cards.csv")]
    result = subprocess.run(
        ["sh", "-c", '"$@" >&-', "sh", *args], stderr=subprocess.PIPE, env=_env(places),
        timeout=60,
    )
    assert result.returncode == 0 and b"Traceback" not in result.stderr, result.stderr.decode()
    store = Store.open(data / DB_FILENAME)
    assert [c.label for c in store.cards()] == ["New card"]
    store.close()


def test_due_piped_to_head_stops_at_the_first_line(tmp_path):
    """More lines than a pipe holds (64 KiB): `due` is still writing when the reader,
    like `head -1`, takes one line and closes."""
    _seed(tmp_path / "data", extra=2500)
    process = subprocess.Popen(
        [CLI, "--data-dir", str(tmp_path / "data"), "--config-dir", str(tmp_path), "due"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_env(tmp_path),
    )
    first = process.stdout.readline()
    process.stdout.close()
    with process.stderr:
        stderr = process.stderr.read()
    assert process.wait(timeout=60) == 141
    assert b"late" in first and stderr == b"", stderr.decode()
    assert _crash_reports(tmp_path) == []


@pytest.fixture(scope="module")
def locales(tmp_path_factory):
    """zh_CN.GBK and en_US.ISO-8859-1 compiled by localedef into a folder of this run
    (LOCPATH), so the real C library encoding path is used whatever the host has."""
    localedef = require_tool("localedef")
    if not Path("/usr/share/i18n/locales/zh_CN").exists():
        message = "the glibc locale sources (package locales) are not installed"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    folder = tmp_path_factory.mktemp("locales")
    for source, charmap in (("zh_CN", "GBK"), ("en_US", "ISO-8859-1")):
        subprocess.run(
            [localedef, "-i", source, "-f", charmap, str(folder / f"{source}.{charmap}")],
            check=True,
            capture_output=True,
            timeout=120,
        )
    return folder


def _in_locale(places, locales, lang: str, *args: str | bytes):
    env = _env(places, LANG=lang, LOCPATH=str(locales))
    command = [CLI, "--data-dir", str(places / "data"), "--config-dir", str(places), *args]
    return subprocess.run(command, capture_output=True, env=env, timeout=60)


def test_the_locales_really_change_the_encoding(places, locales):
    for lang, expected in (("zh_CN.GBK", "gbk"), ("en_US.ISO-8859-1", "iso8859-1")):
        env = _env(places, LANG=lang, LOCPATH=str(locales))
        probe = [sys.executable, "-c", "import sys; print(sys.stdout.encoding)"]
        shown = subprocess.run(probe, capture_output=True, text=True, env=env, check=True)
        assert shown.stdout.strip() == expected


def test_due_in_gbk_replaces_the_emoji_and_lists_every_card(places, locales):
    result = _in_locale(places, locales, "zh_CN.GBK", "due")
    assert result.returncode == 1, result.stderr.decode("gbk", "replace")  # overdue
    lines = result.stdout.decode("gbk").splitlines()
    assert len(lines) == 3
    assert any("工行借记卡（ICBC）" in line for line in lines)  # the catalog's aside
    assert any("Phone ? eSIM" in line for line in lines)
    assert any("Metro" in line for line in lines)


def test_due_in_latin1_replaces_chinese_and_lists_every_card(places, locales):
    result = _in_locale(places, locales, "en_US.ISO-8859-1", "due")
    assert result.returncode == 1, result.stderr.decode("latin-1")  # overdue
    text = result.stdout.decode("latin-1")
    assert "????? (ICBC)" in text and "Phone ? eSIM" in text and "Metro" in text
    assert len(text.splitlines()) == 3


def test_utf8_output_is_unchanged(places):
    env = _env(places, LANG="C.UTF-8")
    command = [CLI, "--data-dir", str(places / "data"), "--config-dir", str(places), "due"]
    result = subprocess.run(command, capture_output=True, env=env, timeout=60)
    text = result.stdout.decode("utf-8")
    assert "工行借记卡 (ICBC)" in text and "Phone 😀 eSIM" in text


@pytest.mark.parametrize(
    ("lang", "encoding"), [("zh_CN.GBK", "gbk"), ("en_US.ISO-8859-1", "latin-1")]
)
def test_hotline_doctor_help_and_stderr_in_a_narrow_locale(places, locales, lang, encoding):
    found = _in_locale(places, locales, lang, "hotline", "工行".encode(encoding, "replace"))
    if encoding == "gbk":  # the query is typed in the terminal's own encoding
        shown = found.stdout.decode(encoding)
        assert found.returncode == 0 and "95588" in shown
        assert "出处：" in shown and "查阅日期：" in shown  # a zh_CN locale reads Chinese
    missing = _in_locale(places, locales, lang, "hotline", "nothing-😀".encode(encoding, "replace"))
    # the locale's language; what its encoding lacks (the emoji, latin-1's “ ”) becomes ?
    said = {"gbk": "没有发卡方匹配“nothing-?”。", "latin-1": "No issuer matches ?nothing-??."}
    assert missing.returncode == 1
    assert missing.stderr == f"cardoff-tui: {said[encoding]}\n".encode(encoding)
    assert b"Traceback" not in missing.stderr
    other_lang = ["--lang", "en" if encoding == "gbk" else "zh-CN"]
    for args in (
        ["hotline", "--help"],
        ["hotline", "--json", "ICBC"],
        [*other_lang, "hotline", "ICBC"],  # Chinese labels in latin-1
        [*other_lang, "hotline", "suica"],  # ⚠, – and Japanese names in GBK
        ["doctor"],
    ):
        result = _in_locale(places, locales, lang, *args)
        assert result.returncode in (0, 1), (args, result.stderr.decode(encoding, "replace"))
        assert result.stdout and b"Traceback" not in result.stderr
        assert b"unexpected error" not in result.stderr
    assert _crash_reports(places) == []


def test_export_to_a_gbk_terminal_is_in_gbk_and_to_a_pipe_stays_utf8(places, locales):
    piped = _in_locale(places, locales, "zh_CN.GBK", "export")
    assert "工行借记卡".encode() in piped.stdout  # a file: UTF-8, as with -o
    env = _env(places, LANG="zh_CN.GBK", LOCPATH=str(locales))
    parent, child = pty.openpty()
    command = [CLI, "--data-dir", str(places / "data"), "--config-dir", str(places), "export"]
    process = subprocess.Popen(command, stdout=child, stderr=child, env=env)
    os.close(child)
    shown = b""
    while True:
        try:
            chunk = os.read(parent, 65536)
        except OSError:  # EIO: the command has ended and closed the terminal
            break
        if not chunk:
            break
        shown += chunk
    os.close(parent)
    assert process.wait(timeout=60) == 0
    assert "工行借记卡".encode("gbk") in shown and "工行借记卡".encode() not in shown
