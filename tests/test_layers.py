"""The layers inside tui/ point one way: import-linter's contracts (pyproject.toml,
[tool.importlinter]) hold, and every module of tui/ sits in a package that is one of
the layers (tui/base/ at the bottom up to tui/cli/ at the top), except the package's
own entry points."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENTRY_POINTS = {"__init__.py", "__main__.py"}  # `import tui`, `python -m tui`
ABOVE_THE_DOMAIN = {"ui", "cli"}  # the screens, and the command line that opens them


def _contracts() -> dict[str, dict]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return {c["id"]: c for c in config["tool"]["importlinter"]["contracts"]}


def _layers() -> list[str]:
    """The layers' packages, top first; siblings in one layer ("a | b") one by one."""
    return [
        name.strip() for layer in _contracts()["layers"]["layers"] for name in layer.split("|")
    ]


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


def test_every_module_sits_in_a_layer():
    """tui/ holds the layers' packages and its entry points, nothing else: a new module
    goes into the package of its layer (a new package, into the layers contract)."""
    entries = {
        path.name
        for path in (ROOT / "tui").iterdir()
        if path.suffix == ".py" or (path / "__init__.py").exists()
    }
    assert entries - ENTRY_POINTS == set(_layers()), "put each module in a layer's package"
    assert _contracts()["layers"]["containers"] == ["tui"]


def test_the_layers_stand_in_order():
    """The command line above the screens above the domain; the records and the base
    at the bottom. What a layer may import follows from this order."""
    layers = _layers()
    assert layers[:3] == ["cli", "ui", "domain"]
    assert layers[-3:] == ["storage", "records", "base"]
    assert set(layers[3:-3]) == {"library", "secrets"}


def test_below_the_screens_nothing_imports_textual_or_rich():
    no_textual = _contracts()["no-textual-below-the-screens"]
    below = {f"tui.{name}" for name in _layers()} - {f"tui.{n}" for n in ABOVE_THE_DOMAIN}
    assert set(no_textual["source_modules"]) == below
    assert {"textual", "rich", "tui.ui", "tui.cli"} <= set(no_textual["forbidden_modules"])


def test_the_screens_reach_the_data_file_only_through_the_tracker():
    through_the_tracker = _contracts()["screens-through-the-tracker"]
    assert through_the_tracker["source_modules"] == ["tui.ui"]
    assert through_the_tracker["forbidden_modules"] == ["tui.storage"]


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


# the tracker and the mixins it is made of (they share its store)
TRACKER_PARTS = {
    "tracker.py", "casework.py", "lost_wallet_work.py", "identifier_work.py", "card_transfer.py"
}


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
