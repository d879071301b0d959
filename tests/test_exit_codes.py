"""Every exit status the README's table and each `--help` promise (tui.cli.exit_codes)
is what the installed command exits with: each row of the table is run here, or named
below with the test that runs it elsewhere. The rows run here go through the command
line's `main` in this process (tests.helpers.in_process), and the installed command
runs in a subprocess once for each status, to show that a shell sees what `main`
returns. The table, the README and the parser's commands are held to one another."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.cli_cards import cli, cli_main, seed
from tui.cli.exit_codes import ANY_COMMAND, EXIT_CODES
from tui.cli.parser import build_parser

README = Path(__file__).parent.parent / "README.md"
CSV_GOOD = "label,kind\nNew card,bank\n"
CSV_BAD = "label,kind\nNew card,bank\nOther,wallet\n"


def _prepare(base: Path, setup: str) -> Path | None:
    """The data dir for a case (None: base/data as cli() takes it)."""
    if setup == "overdue":
        seed(base / "data", ("Debit", "bank", "cancel", "ICBC", -3), ("Metro", "transit",
                                                                       "cancel", "", 0))
    elif setup == "today":
        seed(base / "data", ("Metro", "transit", "cancel", "", 0), ("Later", "other",
                                                                    "cancel", "", 5))
    elif setup == "later":
        seed(base / "data", ("Later", "other", "cancel", "", 5), ("None", "bank", "cancel",
                                                                  "", None))
    elif setup == "cards":
        seed(base / "data", ("Debit", "bank", "cancel", "ICBC", None))
    elif setup == "file":  # the data dir is a file: nothing can be read
        blocker = base / "not-a-folder"
        blocker.write_text("my notes\n")
        return blocker
    (base / "good.csv").write_text(CSV_GOOD)
    (base / "bad.csv").write_text(CSV_BAD)
    (base / "bad.yaml").write_text("id: [unclosed\n")
    return None


# (command, status, setup, arguments, what stdout or stderr must hold)
CASES = [
    (None, 1, "file", [], "is a file, not a folder"),
    ("validate", 0, "", ["validate"], "0 errors"),
    ("validate", 1, "", ["validate", "{base}/bad.yaml"], "bad.yaml"),
    ("hotline", 0, "", ["hotline", "ICBC"], "95588"),
    ("hotline", 1, "", ["hotline", "zzqqxxnothing"], "zzqqxxnothing"),
    ("hotline", 2, "", ["hotline", " "], ""),
    ("list", 0, "cards", ["list"], "Debit"),
    ("list", 1, "file", ["list"], "is a file, not a folder"),
    ("export", 0, "cards", ["export"], "Debit"),
    ("export", 1, "cards", ["export", "--card", "no-such-card"], "no-such-card"),
    ("import", 0, "", ["import", "{base}/good.csv"], "imported 1 card"),
    ("import", 1, "", ["import", "{base}/bad.csv"], "wallet"),
    ("due", 0, "later", ["due"], "Nothing is due."),
    ("due", 1, "overdue", ["due"], "3 days late"),
    ("due", 3, "today", ["due"], "due today"),
    ("due", 4, "file", ["due"], "is a file, not a folder"),
    ("restore", 0, "", ["restore"], "no backups"),
    ("restore", 1, "", ["restore", "3"], "no backups"),
    ("doctor", 0, "", ["doctor"], "everything cardoff-tui needs works"),
    ("doctor", 1, "file", ["doctor"], "FAIL"),
    ("letter", 0, "cards", ["letter", "Debit"], "Debit"),
    ("letter", 1, "cards", ["letter", "no-such-card"], "no-such-card"),
    ("completion", 0, "", ["completion", "bash"], "_shtab_cardoff_tui"),
    ("man", 0, "", ["man"], ".TH CARDOFF"),
    ("*", 2, "", ["list", "--no-such-option"], "--no-such-option"),
]

# rows run by a test of their own elsewhere (a terminal, a signal, a server, a crash)
ELSEWHERE = {
    (None, 0): "tests/test_exit_codes.py::test_the_app_exits_0_when_you_quit",
    (None, 129): "tests/test_signals.py::"
    "test_dropped_ssh_connection_ends_the_app_and_keeps_the_form",
    (None, 143): "tests/test_signals.py::test_kill_leaves_the_terminal_usable_and_keeps_the_form",
    ("serve", 0): "tests/test_exit_codes.py::test_serve_exits_0_when_stopped_with_ctrl_c",
    ("serve", 1): "tests/test_serve.py::test_serve_on_a_busy_port_says_so_and_starts_nothing",
    ("serve", 2): "tests/test_serve.py::test_serve_without_textual_serve_says_how_to_install",
    ("notify", 0): "tests/test_notify.py::test_nothing_due_sends_nothing_and_says_so",
    ("notify", 1): "tests/test_notify.py::"
    "test_delivery_reaches_the_receivers_and_the_down_one_is_reported",
    ("notify", 2): "tests/test_notify.py::test_no_usable_service_is_a_config_error",
    ("attach", 0): "tests/test_attachments_cli.py::"
    "test_attach_and_export_from_the_installed_command_with_the_real_keyring",
    ("attach", 1): "tests/test_attachments_cli.py::"
    "test_attach_and_export_from_the_installed_command_with_the_real_keyring",
    ("export-attachments", 0): "tests/test_attachments_cli.py::"
    "test_attach_and_export_from_the_installed_command_with_the_real_keyring",
    ("export-attachments", 1): "tests/test_attachments_cli.py::"
    "test_attach_and_export_from_the_installed_command_with_the_real_keyring",
    ("*", 70): "tests/test_crash.py::test_the_command_line_reports_an_unexpected_error_in_one_line",
    ("*", 141): "tests/test_cli_output.py::test_a_closed_pipe_ends_every_command_quietly",
}


@pytest.mark.parametrize(
    ("command", "status", "setup", "args", "said"),
    CASES,
    ids=[f"{c[0] or 'app'}-{c[1]}" for c in CASES],
)
def test_the_command_exits_with_the_status_its_help_promises(
    tmp_path, command, status, setup, args, said
):
    _exits_with(cli_main, tmp_path, status, setup, args, said)


# a case of each status (quick ones), run by the installed command in a subprocess
SHELL_CASES = [c for c in CASES if c[:2] in {("hotline", 0), ("hotline", 1), ("hotline", 2),
                                             ("due", 3), ("due", 4)}]


@pytest.mark.parametrize(
    ("command", "status", "setup", "args", "said"),
    SHELL_CASES,
    ids=[f"{c[0] or 'app'}-{c[1]}" for c in SHELL_CASES],
)
def test_a_shell_sees_the_status(tmp_path, command, status, setup, args, said):
    assert {c[1] for c in SHELL_CASES} == {c[1] for c in CASES}  # every status once
    _exits_with(cli, tmp_path, status, setup, args, said)


def _exits_with(run, base: Path, status: int, setup: str, args: list[str], said: str) -> None:
    data = _prepare(base, setup)
    args = [a.format(base=base) for a in args]
    result = run(base, *args, data=data)
    assert result.returncode == status, (args, result.stdout, result.stderr)
    assert said in result.stdout + result.stderr, args
    assert "Traceback" not in result.stderr, args


def _rows() -> set[tuple[str | None, int]]:
    rows = {(command, status) for command, codes in EXIT_CODES.items() for status, _ in codes}
    return rows | {("*", status) for status, _ in ANY_COMMAND}


def test_every_row_of_the_table_is_run_by_a_test():
    run_here = {(command, status) for command, status, *_ in CASES}
    missing = _rows() - run_here - set(ELSEWHERE)
    assert not missing, f"exit statuses no test runs: {sorted(missing, key=str)}"
    assert not (run_here | set(ELSEWHERE)) - _rows(), "a case for a status the table lacks"
    for place in ELSEWHERE.values():
        path, _, name = place.partition("::")
        text = (Path(__file__).parent.parent / path).read_text()
        assert not name or re.search(rf"def {name}\b", text), place


def test_every_command_has_its_exit_statuses():
    parser = build_parser()
    commands = parser._subparsers._group_actions[0].choices
    assert set(commands) | {None} == set(EXIT_CODES)


def test_the_readme_table_is_the_table():
    """The README's table (`| command | status | meaning |` rows) lists the same
    statuses for the same commands, the words in English as `--help` gives them."""
    from tui.cli.parser import english

    t = english()
    section = README.read_text().split("### Exit status", 1)[1].split("\n## ", 1)[0]
    found = {}
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 3 and cells[1].isdigit():
            found[(cells[0].strip("`"), int(cells[1]))] = cells[2]
    expected = {}
    for command, codes in EXIT_CODES.items():
        name = f"cardoff-tui {command}" if command else "cardoff-tui (the app)"
        for status, key in codes:
            expected[(name, status)] = t(f"cli_help.exit.{key}")
    for status, key in ANY_COMMAND:
        expected[("any command", status)] = t(f"cli_help.exit.{key}")
    assert found == expected


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_each_commands_help_ends_with_its_statuses(tmp_path, lang):
    from tui.cli.parser import users_catalog

    t = users_catalog(["--lang", lang])
    for command, codes in EXIT_CODES.items():
        args = ["--lang", lang, *([command] if command else []), "--help"]
        out = cli_main(tmp_path, *args).stdout  # the real help: test_cli_help_language
        flat = "".join(out.split())  # wrapped lines joined, Chinese or English
        for status, key in codes:
            said = "".join(t(f"cli_help.exit.{key}").split())
            assert f"{status}{said}" in flat, (command, status)


def test_the_app_exits_0_when_you_quit(tmux, tmp_path):
    """`q` in a real terminal: the shell that started the app sees status 0."""
    from tests.cli_cards import CLI

    shown = f"{CLI} --demo --data-dir {tmp_path}/data; echo app-exit-status=$?; sleep 60"
    tmux.start(["sh", "-c", shown])
    tmux.wait_for("Quit")  # the key bar: the app is up
    tmux.keys("q")
    tmux.wait_for("app-exit-status=0")


def test_serve_exits_0_when_stopped_with_ctrl_c(tmp_path):
    """`cardoff-tui serve`, then Ctrl+C (SIGINT) once it listens: status 0."""
    import signal
    import subprocess

    from tests.cli_cards import CLI
    from tests.conftest import free_port

    pytest.importorskip("textual_serve", reason="textual-serve (the serve extra) is missing")
    command = [CLI, "--data-dir", str(tmp_path / "data"), "--config-dir", str(tmp_path)]
    process = subprocess.Popen(
        [*command, "serve", "--port", str(free_port())],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        for line in process.stdout:  # until it says where it listens
            if "http://127.0.0.1:" in line:
                break
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=60) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
