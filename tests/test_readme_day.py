"""The README's "cardoff-tui in your day" does what it says: its cron line and its
systemd user service run as written (the command's path put in, a notify-send of the
test's own), stay silent on a day with nothing due and speak when a card is overdue;
the units pass `systemd-analyze verify`; the install lines name real commands."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
from pathlib import Path

import pytest

from tests.cli_cards import CLI, seed
from tests.conftest import require_tool

README = Path(__file__).parent.parent / "README.md"
PLACEHOLDER = "/home/you/.local/bin/cardoff-tui"  # where the README says: put yours


def day_section() -> str:
    text = README.read_text(encoding="utf-8")
    return text.split("## cardoff-tui in your day", 1)[1].split("\n## ", 1)[0]


def cron_line() -> str:
    [block] = re.findall(r"```cron\n(.*?)\n```", day_section(), re.S)
    [line] = [row for row in block.splitlines() if row and not row.startswith("#")]
    return line


def units() -> dict[str, str]:
    """The unit files the README shows, by name (from their first comment line)."""
    found = {}
    for block in re.findall(r"```ini\n(.*?)\n```", day_section(), re.S):
        first, _, body = block.partition("\n")
        found[Path(first.removeprefix("# ")).name] = body + "\n"
    return found


def _home(tmp_path: Path, days: int | None) -> dict[str, str]:
    """An environment whose user dirs are under tmp_path, the command at the path the
    README's units use (%h/.local/bin), and a data file holding one card whose
    follow-up is `days` from today (None: no data file)."""
    home = tmp_path / "home"
    (home / ".local" / "bin").mkdir(parents=True)
    (home / ".local" / "bin" / "cardoff-tui").symlink_to(CLI)
    if days is not None:
        seed(home / "data" / "cardoff-tui", ("Debit", "bank", "cancel", "ICBC", days))
    env = {k: v for k, v in os.environ.items() if not k.startswith("LC_") and k != "LANG"}
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    env.update(
        HOME=str(home),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_STATE_HOME=str(home / "state"),
        PATH="/usr/bin:/bin",  # cron's
    )
    return env


def test_the_cron_line_is_a_daily_entry_of_the_installed_command():
    line = cron_line()
    fields = line.split(None, 5)
    assert fields[:5] == ["0", "9", "*", "*", "*"]
    assert PLACEHOLDER in fields[5] and "%" not in fields[5]  # cron reads % as a newline


@pytest.mark.parametrize(
    ("days", "mailed"),
    [(None, ""), (5, ""), (0, "due today"), (-3, "3 days late")],
    ids=["no-data-yet", "later", "today", "overdue"],
)
def test_the_cron_line_prints_only_when_something_is_due(tmp_path, days, mailed):
    """cron mails what a job prints: nothing on a quiet day."""
    env = _home(tmp_path, days)
    command = cron_line().split(None, 5)[5].replace(PLACEHOLDER, CLI)
    result = subprocess.run(
        ["/bin/sh", "-c", command], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0 and result.stderr == ""
    assert (mailed in result.stdout) if mailed else result.stdout == ""
    if mailed:
        assert "Debit" in result.stdout


def test_the_cron_line_speaks_when_the_data_cannot_be_read(tmp_path):
    env = _home(tmp_path, None)
    Path(env["XDG_DATA_HOME"], "cardoff-tui").mkdir(parents=True)
    Path(env["XDG_DATA_HOME"], "cardoff-tui", "cardoff.json").write_text("not json")
    command = cron_line().split(None, 5)[5].replace(PLACEHOLDER, CLI)
    result = subprocess.run(["/bin/sh", "-c", command], env=env, capture_output=True,
                            text=True, timeout=120)
    assert "cannot open your data" in result.stdout


def test_the_readme_shows_a_service_and_its_timer():
    assert set(units()) == {"cardoff-tui-due.service", "cardoff-tui-due.timer"}
    assert "WantedBy=timers.target" in units()["cardoff-tui-due.timer"]


def _exec_start(home: Path) -> list[str]:
    """The service's ExecStart as systemd runs it: %h is the home folder, $$ a $."""
    [line] = [row for row in units()["cardoff-tui-due.service"].splitlines()
              if row.startswith("ExecStart=")]
    value = line.removeprefix("ExecStart=").replace("%h", str(home)).replace("$$", "$")
    return shlex.split(value)


@pytest.mark.parametrize(("days", "notified"), [(5, None), (-3, "3 days late")])
def test_the_service_notifies_only_when_something_is_due(tmp_path, days, notified):
    env = _home(tmp_path, days)
    fake = tmp_path / "fake-bin"
    fake.mkdir()
    said = tmp_path / "notified.txt"
    (fake / "notify-send").write_text(f'#!/bin/sh\nprintf "%s\\n" "$@" > {said}\n')
    (fake / "notify-send").chmod(0o755)
    env["PATH"] = f"{fake}:/usr/bin:/bin"  # the user manager's PATH holds notify-send
    result = subprocess.run(_exec_start(Path(env["HOME"])), env=env, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr  # the unit never fails for a reminder
    if notified is None:
        assert not said.exists()
    else:
        title, body = said.read_text().split("\n", 1)
        assert title == "cardoff-tui" and notified in body and "Debit" in body


def test_the_units_pass_systemd_analyze_verify(tmp_path):
    analyze = require_tool("systemd-analyze")
    env = _home(tmp_path, None)
    folder = Path(env["HOME"], ".config", "systemd", "user")
    folder.mkdir(parents=True)
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700)
    env["XDG_RUNTIME_DIR"] = str(runtime)  # a user manager's own, for --user

    def verify(files: dict[str, str]) -> subprocess.CompletedProcess:
        for name, text in files.items():
            (folder / name).write_text(text)
        paths = [str(folder / name) for name in files]
        return subprocess.run([analyze, "--user", "verify", *paths], env=env,
                              capture_output=True, text=True, timeout=120)

    result = verify(units())
    assert result.returncode == 0 and result.stdout + result.stderr == "", result.stderr
    broken = {  # the check itself speaks up on a unit it cannot use
        "cardoff-tui-due.service": units()["cardoff-tui-due.service"].replace(
            "Type=oneshot", "Type=oneshot-typo"
        )
    }
    assert "oneshot-typo" in verify(broken).stderr
    calendar = subprocess.run([analyze, "calendar", "*-*-* 09:00"], capture_output=True,
                              text=True, timeout=60)
    assert calendar.returncode == 0 and "09:00:00" in calendar.stdout


def test_the_install_lines_name_commands_that_work(tmp_path):
    """Each `cardoff-tui …` line of the section's code blocks parses (--help on it
    answers 0), so no line names a command or option that does not exist."""
    section = day_section()
    lines = set(re.findall(r"^\s*(?:mkdir -p \S+ && )?cardoff-tui ([^>|#\n]*)", section, re.M))
    assert {"completion bash ", "completion zsh ", "completion fish ", "man "} <= lines
    for line in lines:
        args = shlex.split(line)
        result = subprocess.run([CLI, *args, "--help"], capture_output=True, text=True,
                                timeout=60)
        assert result.returncode == 0, (line, result.stderr)
