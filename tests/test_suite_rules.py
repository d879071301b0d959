"""The suite's own rules, as the README states them: Pilot tests never sleep, and
terminal tests never sleep between keys (they wait for a state instead)."""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent
TERMINAL_FIXTURES = {"tmux", "sshd"}


def _calls(function: ast.AST):
    for node in ast.walk(function):
        if isinstance(node, ast.Call):
            yield node, ast.unparse(node.func)


def _functions():
    for path in sorted(TESTS.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                yield path.relative_to(TESTS), node


def test_no_pilot_test_sleeps():
    """In async tests and their helpers: no pilot.pause(seconds), no sleep of any kind.
    Waiting is for a state (a screen, a focused widget, a finished worker), and the app's
    timers are moved by hand."""
    found = []
    for path, function in _functions():
        if not isinstance(function, ast.AsyncFunctionDef):
            continue
        for call, name in _calls(function):
            delayed_pause = name.endswith(".pause") and (call.args or call.keywords)
            if delayed_pause or name.endswith("sleep") or name.endswith("wait_for_timeout"):
                found.append(f"{path}:{call.lineno} {function.name}: {ast.unparse(call)}")
    assert not found, "Pilot code that sleeps:\n" + "\n".join(found)


def test_no_terminal_test_sleeps_between_keys():
    """A test driving a real terminal sends the next key once the state it waits for is
    on the screen; polling lives in the waiting helpers, not in the tests."""
    found = []
    for path, function in _functions():
        arguments = {a.arg for a in function.args.args}
        if not function.name.startswith("test_") or not arguments & TERMINAL_FIXTURES:
            continue
        for call, name in _calls(function):
            if name.endswith("sleep"):
                found.append(f"{path}:{call.lineno} {function.name}: {ast.unparse(call)}")
    assert not found, "terminal tests that sleep:\n" + "\n".join(found)


def test_pilot_waits_come_from_one_helper():
    """Waiting for workers has one home (tests/helpers/pilot.py: settle, wait_until): a
    copy in a test file misses what the helper learned (a worker cancelled because its
    screen closed has finished; a wait gives up, naming what it waited for)."""
    found = []
    for path, function in _functions():
        if path.parts[0] == "helpers":
            continue
        if function.name in ("settle", "wait_until"):
            found.append(f"{path}:{function.lineno} defines {function.name}")
        for call, name in _calls(function):
            if name.endswith("wait_for_complete"):
                found.append(f"{path}:{call.lineno} {function.name}: {ast.unparse(call)}")
    assert not found, "use tests/helpers/pilot.py instead:\n" + "\n".join(found)
