"""The layers inside tui/ point one way: import-linter's contracts (pyproject.toml,
[tool.importlinter]) hold, and every module of tui/ is under one of them or named as
part of the command line."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# modules that may show or run things: the command line, its messages, the server
COMMAND_LINE = {
    "__init__",
    "__main__",
    "cli",
    "cli_data",
    "cli_hotline",
    "crash",
    "doctor",
    "serve",
    "terminal_output",
}


def _contracts() -> list[dict]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return config["tool"]["importlinter"]["contracts"]


def test_the_import_contracts_hold():
    script = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(script), "--config", str(ROOT / "pyproject.toml")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert f"{len(_contracts())} kept, 0 broken" in result.stdout


def test_every_module_is_under_a_contract_or_the_command_line():
    [domain] = [c for c in _contracts() if "tui.ui" in c["forbidden_modules"]]
    covered = {name.removeprefix("tui.") for name in domain["source_modules"]}
    modules = {path.stem for path in (ROOT / "tui").glob("*.py")}
    assert modules - covered - COMMAND_LINE == set(), "add each new module to a contract"
    assert not (covered & COMMAND_LINE)
