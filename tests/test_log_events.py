"""The kinds of log entries are one list (tui/records/log_events.py): whatever writes
a log entry writes one of them with the parameters it lists, every catalog says each
one, the log pane shows each one in words, and an exported report keeps exactly those
marked `in_report`."""

from __future__ import annotations

import ast
import string
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tui.base.i18n import SUPPORTED, Catalog
from tui.domain.export import _log_line
from tui.records.log_events import LOG_EVENTS
from tui.records.model import LogEntry

TUI = Path(__file__).resolve().parent.parent / "tui"


def _strings(node: ast.AST | None, names: dict[str, ast.AST]) -> set[str]:
    """The event names an argument can be: a string, either side of `a if c else b`, or
    a name assigned one of those in the module or the function."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {node.value}
    if isinstance(node, ast.IfExp):
        return _strings(node.body, names) | _strings(node.orelse, names)
    if isinstance(node, ast.Name) and node.id in names:
        return _strings(names[node.id], names)
    return set()


def _assigned(tree: ast.AST) -> dict[str, ast.AST]:
    return {
        target.id: node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign)
        for target in node.targets
        if isinstance(target, ast.Name)
    }


def _writes() -> list[tuple[str, str, set[str] | None]]:
    """(where, event, parameter names or None when given as **mapping) for every call
    that writes a log entry in tui/: `_log(card, event, **params)`,
    `log_event(card, event, **params)`, `LogEntry(at, id, label, event, params={...})`."""
    found = []
    for path in TUI.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        module_names = _assigned(tree)
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            names = {**module_names, **_assigned(function)}
            for call in ast.walk(function):
                if not isinstance(call, ast.Call):
                    continue
                func = call.func
                called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                if called in ("_log", "log_event") and len(call.args) >= 2:
                    event = call.args[1]
                    spread = any(k.arg is None for k in call.keywords)
                    params = None if spread else {k.arg for k in call.keywords}
                elif called == "LogEntry" and len(call.args) >= 4:
                    event = call.args[3]
                    given = next((k.value for k in call.keywords if k.arg == "params"), None)
                    params = (
                        {key.value for key in given.keys}
                        if isinstance(given, ast.Dict)
                        else (set() if given is None else None)
                    )
                else:
                    continue
                where = f"{path.relative_to(TUI.parent)}:{call.lineno}"
                for name in _strings(event, names):
                    found.append((where, name, params))
    return found


def test_every_entry_written_is_in_the_list_with_the_parameters_it_lists():
    writes = _writes()
    assert len(writes) >= 15  # the scan finds the writers (it cannot pass by finding none)
    for where, event, params in writes:
        assert event in LOG_EVENTS, f"{where}: {event!r} is not in tui/records/log_events.py"
        if params is not None:
            assert params <= set(LOG_EVENTS[event].params), (where, event, params)


def test_every_kind_in_the_list_is_written_somewhere():
    written = {event for _, event, _ in _writes()}
    assert set(LOG_EVENTS) - written == set(), "drop a kind nothing writes any more"


def _fields(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field}


@pytest.mark.parametrize("lang", SUPPORTED)
def test_each_catalog_says_every_kind_and_only_those(content, lang):
    said = {
        key.removeprefix("event."): text
        for key, text in content.strings[lang].items()
        if key.startswith("event.")
    }
    assert set(said) == set(LOG_EVENTS)
    for name, text in said.items():
        # the log pane sums a proof's parts up as {details}
        shown = {*LOG_EVENTS[name].params, *(["details"] if name == "evidence.recorded" else [])}
        assert _fields(text) <= shown, (lang, name, text)


def _entry(name: str) -> LogEntry:
    params: dict = {p: "x" for p in LOG_EVENTS[name].params}
    if "title" in params:
        params["title"] = {"en": "Call the bank"}
    if "fields" in params:
        params["fields"] = ["label"]
    at = datetime(2026, 11, 30, 12, tzinfo=UTC)
    return LogEntry(at, "c1", "Debit", name, params=params)


@pytest.mark.parametrize("lang", SUPPORTED)
def test_the_log_pane_says_every_kind_in_words(content, lang):
    from tui.ui.labels import log_text

    catalog = Catalog(content.strings, lang)
    for name in LOG_EVENTS:
        text = log_text(_entry(name), catalog, with_card=True)
        assert "event." not in text and "{" not in text, (lang, name, text)


@pytest.mark.parametrize("lang", SUPPORTED)
def test_a_report_says_every_kind_in_words(content, lang):
    t = Catalog(content.strings, lang)
    for name in LOG_EVENTS:
        line = _log_line(_entry(name), t)
        assert line, (lang, name)
        for leftover in ("report.", "event.", "log.", "{", "}"):
            assert leftover not in line, (lang, name, line)
    newer = LogEntry(datetime(2026, 11, 30, tzinfo=UTC), "c1", "Debit", "from.a.newer.app")
    assert _log_line(newer, t) is None  # a kind this version does not know: left out


@pytest.mark.parametrize(
    ("lang", "back"),
    [("en", "what to do: Report lost → Cancel"), ("zh-CN", "要做什么：挂失 → 注销")],
)
def test_a_report_shows_a_switch_back_between_two_switches_to_report_lost(
    content, clock, lang, back
):
    from tui.domain.export import to_markdown
    from tui.domain.tracker import Tracker
    from tui.records.card_fields import CardFields
    from tui.storage.store import Store

    t = Catalog(content.strings, lang)
    tracker = Tracker(Store.in_memory(), content.playbooks, clock, issuers=content.issuers)
    card = tracker.add_card(CardFields("Debit", "bank", "cancel", "ICBC", "CN"))
    tracker.report_lost([card.id])
    tracker.edit_card(card.id, CardFields("Debit", "bank", "cancel", "ICBC", "CN"))
    tracker.report_lost([card.id])
    record = to_markdown(tracker, catalog=t).split(t("report.record"))[1]
    lines = [line for line in record.splitlines() if line.startswith("- ")]
    said = [line.split(" — ", 1)[1] for line in lines]
    switched = t("event.lost.started", from_intent=t("intent.cancel"))
    # switched, the edit (its fields), switched back, switched again
    assert said[-4].startswith(switched) and said[-1].startswith(switched), said
    assert said[-2] == back, said
