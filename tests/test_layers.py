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


# the app and the parts it is made of (tui/ui/app.py's CardoffApp and its mixins) are
# the one door from the screens to the tracker; every other module of tui/ui (the
# main screen's panes and lists, the dialogs and screens, the palette's providers) is
# given its data, or a narrow function of the app's, and never asks the tracker itself
def _the_app_and_its_parts() -> set[str]:
    from tui.ui.app import CardoffApp

    return {
        cls.__module__.removeprefix("tui.ui.")
        for cls in CardoffApp.__mro__
        if cls.__module__.startswith("tui.ui.")
    }


def test_only_the_app_reaches_the_tracker():
    import ast

    app_parts = _the_app_and_its_parts()
    assert {"app", "main_panes", "hotline_actions"} <= app_parts
    screens = sorted(
        path for path in (ROOT / "tui" / "ui").glob("*.py") if path.stem not in app_parts
    )
    assert {"hotline_screen", "lost_wallet", "inventory_pane", "steps_pane"} <= {
        path.stem for path in screens
    }
    for path in screens:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        reached = [
            node.lineno
            for node in ast.walk(tree)
            if isinstance(node, ast.Attribute) and node.attr == "tracker"
        ]
        assert reached == [], f"tui/ui/{path.name} reaches the tracker at lines {reached}"
