"""The layers inside tui/ point one way: import-linter's contracts (pyproject.toml,
[tool.importlinter]) hold, and every module and package of tui/ is the domain (under
its contract), one of the layers above it (tui.ui, the screens; tui.cli, the command
line, which opens them), or the package's own entry points."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# above the domain: the screens, and the command line that opens them (with its
# messages, `doctor`, `hotline`, `serve`); each is the source of a contract
LAYERS_ABOVE = {"ui", "cli"}
ENTRY_POINTS = {"__init__", "__main__"}  # `import tui`, `python -m tui`


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


def _modules_of_tui() -> set[str]:
    """The names of tui/'s modules and packages (tui/x.py, tui/x/__init__.py)."""
    files = {path.stem for path in (ROOT / "tui").glob("*.py")}
    return files | {path.parent.name for path in (ROOT / "tui").glob("*/__init__.py")}


def test_every_module_is_under_a_contract_or_a_layer_above():
    [domain] = [c for c in _contracts() if "tui.ui" in c["forbidden_modules"]]
    assert {"tui.ui", "tui.cli"} <= set(domain["forbidden_modules"])
    covered = {name.removeprefix("tui.") for name in domain["source_modules"]}
    modules = _modules_of_tui()
    assert modules - covered - LAYERS_ABOVE - ENTRY_POINTS == set(), (
        "add each new module to a contract"
    )
    assert not (covered & (LAYERS_ABOVE | ENTRY_POINTS))
    assert LAYERS_ABOVE <= modules


def test_the_screens_import_nothing_from_the_command_line():
    """The command line opens the app; the app never reaches back into it."""
    assert any(
        c["source_modules"] == ["tui.ui"] and "tui.cli" in c["forbidden_modules"]
        for c in _contracts()
    )


# the main screen's panes and the lists they are made of: given their data by the
# app (tui/ui/main_panes.py), they never ask the tracker themselves
GIVEN_THEIR_DATA = (
    "inventory_pane",
    "steps_pane",
    "log_pane",
    "card_table",
    "entry_list",
    "text_panel",
)


def test_the_panes_are_given_their_data_and_never_call_the_tracker():
    import ast

    for name in GIVEN_THEIR_DATA:
        tree = ast.parse((ROOT / "tui" / "ui" / f"{name}.py").read_text())
        reached = [
            node.lineno
            for node in ast.walk(tree)
            if isinstance(node, ast.Attribute) and node.attr == "tracker"
        ]
        assert reached == [], f"tui/ui/{name}.py reaches the tracker at lines {reached}"


# the tracker and the mixins it is made of (they share its store)
TRACKER_PARTS = {"tracker.py", "casework.py", "identifier_work.py", "card_transfer.py"}


def test_the_tracker_is_the_only_door_to_the_store():
    """Importers, exports and commands read and write cards through the tracker, never
    through its store (`tracker.store`)."""
    import ast

    found = []
    for path in sorted((ROOT / "tui").rglob("*.py")):
        if path.name in TRACKER_PARTS:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr == "store":
                owner = node.value
                name = owner.attr if isinstance(owner, ast.Attribute) else getattr(owner, "id", "")
                if name == "tracker":
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert found == [], f"the store reached around the tracker at {found}"
