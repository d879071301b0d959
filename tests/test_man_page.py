"""`cardoff-tui man`: the manual page made from the parser, rendered by the real
`man -l` (the roff text checked directly where man is missing): every command with
its options, and the exit statuses of each, in English and in Chinese."""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess

import pytest

from tests.cli_cards import cli
from tests.conftest import IN_CI
from tui.cli.exit_codes import ANY_COMMAND, EXIT_CODES
from tui.cli.parser import build_parser, users_catalog


def rendered(tmp_path, lang: str) -> tuple[str, str]:
    """(the page as man shows it, as plain text; what man said on stderr), or the roff
    text itself when man is not installed (a skip under no CI would hide nothing the
    roff check does not see)."""
    result = cli(tmp_path, "--lang", lang, "man")
    assert result.returncode == 0 and result.stderr == "", result.stderr
    page = tmp_path / "cardoff-tui.1"
    page.write_text(result.stdout, encoding="utf-8")
    assert result.stdout.startswith(".TH CARDOFF\\-TUI \"1\"")
    man = shutil.which("man")
    if man is None:
        if IN_CI:
            pytest.fail("man is not installed (CI must install man-db in .ci/run)")
        return result.stdout.replace("\\-", "-"), ""
    env = {**os.environ, "MANWIDTH": "80", "MANPAGER": "cat", "PAGER": "cat",
           "LANG": "C.UTF-8", "MAN_KEEP_FORMATTING": ""}
    shown = subprocess.run([man, "-l", str(page)], env=env, capture_output=True,
                           text=True, timeout=120)
    assert shown.returncode == 0, shown.stderr
    return shown.stdout, shown.stderr


def _flat(text: str) -> str:
    """Text with its line breaks, hyphenation and spaces taken out (man wraps and
    hyphenates; Chinese has no spaces)."""
    return "".join(text.replace("‐\n", "").replace("\u2010", "-").split())


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_the_page_has_every_command_option_and_exit_status(tmp_path, lang):
    text, warnings = rendered(tmp_path, lang)
    if lang == "en":
        assert warnings == ""  # troff found nothing it could not lay out
    flat = _flat(text)
    t = users_catalog(["--lang", lang])
    parser = build_parser(t)
    commands = parser._subparsers._group_actions[0].choices
    assert set(commands) | {None} == set(EXIT_CODES)
    for name, command in commands.items():
        assert _flat(f"cardoff-tui {name}") in flat, name
        for action in command._actions:
            if isinstance(action, argparse._HelpAction):
                continue  # argparse-manpage leaves -h out: the page is the help
            for option in action.option_strings:
                assert option in flat, (name, option)
    assert _flat(t("cli_help.exit.man_section")).upper() in flat
    for codes in [*EXIT_CODES.values(), ANY_COMMAND]:
        for status, key in codes:
            assert f"{status}{_flat(t(f'cli_help.exit.{key}'))}" in flat, (status, key)
    assert _flat(t("cli_help.man_summary")) in flat


def test_the_page_escapes_what_roff_would_run(tmp_path):
    """No line of the text begins with a roff request it did not mean (a `.` or `'`
    from a help text)."""
    page = cli(tmp_path, "man").stdout
    requests = {line.split()[0] for line in page.splitlines() if line.startswith((".", "'"))}
    assert requests <= {".TH", ".SH", ".SS", ".TP", ".B", ".PP", ".IP", ".RS", ".RE", ".br"}
