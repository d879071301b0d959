"""`cardoff-tui completion bash|zsh|fish`: the script the installed command prints,
loaded into the real shell, completes a partial command line with what the parser
has (commands, options, choices, files). bash through its own `complete` machinery,
fish through `complete -C`, zsh typed into a real terminal (tmux) with Tab."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.cli_cards import CLI, cli
from tests.conftest import require_tool

BASH_COMPLETE = r"""
source "$1"
fn=$(complete -p cardoff-tui | sed -E 's/.*-F ([^ ]+).*/\1/')
shift
COMP_WORDS=("$@")
COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
COMP_LINE="$*"
COMP_POINT=${#COMP_LINE}
COMPREPLY=()
"$fn" cardoff-tui "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
printf '%s\n' "${COMPREPLY[@]}"
"""


@pytest.fixture(scope="module")
def scripts(tmp_path_factory) -> Path:
    """A folder holding the three scripts as `completion` prints them, a file and a
    folder to complete (cards.csv, backups/)."""
    folder = tmp_path_factory.mktemp("completion")
    for shell in ("bash", "zsh", "fish"):
        result = cli(folder, "completion", shell)
        assert result.returncode == 0 and result.stderr == "", result.stderr
        (folder / f"cardoff-tui.{shell}").write_text(result.stdout)
    (folder / "cards.csv").write_text("label,kind\n")
    (folder / "backups").mkdir()
    return folder


def bash_candidates(scripts: Path, line: str) -> list[str]:
    """What bash offers for `line` (its last word, "" after a space, is completed)."""
    bash = require_tool("bash")
    words = line.split(" ")
    result = subprocess.run(
        [bash, "--norc", "--noprofile", "-c", BASH_COMPLETE, "bash",
         str(scripts / "cardoff-tui.bash"), *words],
        cwd=scripts, capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 0 and result.stderr == "", result.stderr
    return result.stdout.split()


@pytest.mark.parametrize(
    ("line", "offered"),
    [
        ("cardoff-tui hot", ["hotline"]),
        ("cardoff-tui l", ["list", "letter"]),
        ("cardoff-tui export --", ["--help", "--format", "--card", "--output", "--json"]),
        ("cardoff-tui export --format ", ["md", "json", "csv", "csv-excel", "ics"]),
        ("cardoff-tui due --", ["--help", "--json"]),
        ("cardoff-tui completion ", ["bash", "zsh", "fish"]),
        ("cardoff-tui --lang ", ["en", "zh-CN"]),
    ],
)
def test_bash_completes_commands_options_and_choices(scripts, line, offered):
    assert bash_candidates(scripts, line) == offered


def test_bash_completes_files_and_folders_where_a_path_goes(scripts):
    assert "cards.csv" in bash_candidates(scripts, "cardoff-tui import ")
    assert "cards.csv" in bash_candidates(scripts, "cardoff-tui export -o ")
    assert bash_candidates(scripts, "cardoff-tui --data-dir ") == ["backups"]


def test_every_command_is_offered(scripts):
    from tui.cli.exit_codes import EXIT_CODES

    commands = {name for name in EXIT_CODES if name}
    assert set(bash_candidates(scripts, "cardoff-tui ")) == commands


def fish_candidates(scripts: Path, line: str) -> list[str]:
    fish = require_tool("fish")
    result = subprocess.run(
        [fish, "--no-config", "-c", f"source cardoff-tui.fish; complete -C '{line}'"],
        cwd=scripts, capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 0 and result.stderr == "", result.stderr
    return [row.split("\t")[0] for row in result.stdout.splitlines()]


def test_fish_completes_commands_options_choices_and_files(scripts):
    assert fish_candidates(scripts, "cardoff-tui hot") == ["hotline"]
    assert set(fish_candidates(scripts, "cardoff-tui export --")) == {
        "--card", "--format", "--help", "--json", "--output",
    }
    assert fish_candidates(scripts, "cardoff-tui export --format ") == [
        "md", "json", "csv", "csv-excel", "ics",
    ]
    assert "cards.csv" in fish_candidates(scripts, "cardoff-tui import ")
    assert fish_candidates(scripts, "cardoff-tui --data-dir ") == ["backups/"]


def test_zsh_completes_a_partial_command_in_a_terminal(scripts, tmux):
    zsh = require_tool("zsh")
    (scripts / "zfunc").mkdir(exist_ok=True)
    (scripts / "zfunc" / "_cardoff-tui").write_text((scripts / "cardoff-tui.zsh").read_text())
    tmux.env["PATH"] = f"{Path(CLI).parent}:{tmux.env['PATH']}"
    tmux.start([zsh, "-f"])
    setup = f"fpath=({scripts}/zfunc $fpath); autoload -Uz compinit; compinit -u; PS1='zsh> '"
    tmux.keys(setup, literal=True)
    tmux.keys("Enter")
    tmux.wait_for("zsh> ")
    tmux.keys("cardoff-tui hot", literal=True)
    tmux.keys("Tab")
    tmux.wait_for("zsh> cardoff-tui hotline")
    tmux.keys("C-u")
    tmux.keys("cardoff-tui export --format ", literal=True)
    tmux.keys("Tab")
    tmux.wait_for("csv-excel")


def test_the_help_it_carries_is_in_the_users_language(tmp_path):
    script = cli(tmp_path, "--lang", "zh-CN", "completion", "zsh").stdout
    assert "打印你的卡" in script  # list's help, in Chinese
