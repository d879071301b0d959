"""Textual calls a message handler (`on_mount`, `_on_resize`…) of every class of a
widget in turn, the subclass's first: a handler that also calls `super()`'s runs the
base's twice (the lost-wallet reference dialog ran its base's on_mount, which
focuses its field, twice). A handler that hands on to its base's itself stops
Textual's walk with `prevent_default()`."""

from __future__ import annotations

import ast
from pathlib import Path

import tui

HANDED_ON = ("on_event",)  # not a handler Textual walks the classes for


def test_no_handler_calls_its_bases_own_without_prevent_default():
    found = []
    for path in sorted(Path(tui.__file__).parent.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            name = node.name
            if not name.lstrip("_").startswith("on_") or name.lstrip("_") in HANDED_ON:
                continue
            source = ast.unparse(node)
            if f"super().{name}(" in source and "prevent_default()" not in source:
                found.append(f"{path.name}:{node.lineno} {name}")
    assert found == [], found
