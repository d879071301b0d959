"""What the package declares matches what its code imports and what the docs say."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def _name(requirement: str) -> str:
    """The canonical distribution name of a requirement string ("PyYAML>=6" -> "pyyaml")."""
    name = re.match(r"[A-Za-z0-9._-]+", requirement).group(0)
    return re.sub(r"[-_.]+", "-", name).lower()


def imported_modules(path: Path) -> set[str]:
    """Top-level names of the absolute imports in a file, at any depth of the code."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found - set(sys.stdlib_module_names) - {"tui", "__future__"}


def test_every_imported_module_is_declared():
    """A module that only arrives through another package's dependencies (cryptography
    through keyring's Linux backends) is missing on other systems: declare it."""
    distributions = packages_distributions()
    required = {_name(r) for r in PROJECT["dependencies"]}
    serve = required | {_name(r) for r in PROJECT["optional-dependencies"]["serve"]}
    missing = []
    for path in sorted((ROOT / "tui").rglob("*.py")):
        allowed = serve if path.name == "serve.py" else required
        for module in sorted(imported_modules(path)):
            names = {_name(d) for d in distributions.get(module, [module])}
            if not names & allowed:
                missing.append(f"{path.relative_to(ROOT)} imports {module} ({', '.join(names)})")
    assert not missing, "imported but not declared in pyproject.toml:\n" + "\n".join(missing)


def test_the_python_versions_said_agree():
    """pyproject's requires-python, the Makefile's check and the README say the same."""
    wanted = re.fullmatch(r">=3\.(\d+)", PROJECT["requires-python"])
    assert wanted, "requires-python has an upper bound or an unexpected form"
    minor = int(wanted.group(1))
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert f"sys.version_info[:2] >= (3, {minor})" in makefile
    assert f"needs Python 3.{minor} or newer" in makefile
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    head = readme[: readme.index("\n## ")]
    assert f"Needs Python 3.{minor} or newer" in head
