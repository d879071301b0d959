"""The README's performance tables are what `make bench` wrote: drawn by
benchmarks/report.py from benchmarks/results.json, never edited by hand. And the
harness itself runs: a smoke run on 20 cards (no speed is asserted anywhere here)."""

from __future__ import annotations

import copy
import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "benchmarks"


def _report():
    spec = importlib.util.spec_from_file_location("bench_report", BENCH / "report.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _results() -> dict:
    return json.loads((BENCH / "results.json").read_text(encoding="utf-8"))


def test_readme_tables_are_drawn_from_the_committed_results():
    report = _report()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert readme.count(report.BEGIN) == 1 and readme.count(report.END) == 1
    assert report.readme_part(readme) == report.render(_results()), (
        "README.md's performance tables differ from what benchmarks/report.py draws from "
        "benchmarks/results.json: run `make bench` (or `python benchmarks/report.py` "
        "after changing report.py) instead of editing them")


def test_the_tables_cover_every_concern_with_its_target():
    text = _report().render(_results())
    for what in ("cursor move `j`", "step toggle (space)", "filter keystroke",
                 "Escape out of the filter", "hotline keystroke",
                 "open the hotline search `h`", "peak RSS", "pane change (tab)",
                 "first step toggle", "idle, main screen", "idle, filter open",
                 "idle, hotline search open",
                 "orjson + atomic write", "How it grows", "cores, load average"):
        assert what in text, what


def test_a_figure_over_its_target_is_missed_and_under_it_met():
    report = _report()
    results = _results()
    results = copy.deepcopy(results)
    size = "1000" if "1000" in results["sets"] else next(iter(results["sets"]))
    toggles = results["sets"][size]["toggle_ours"]
    for cpu, word in ((19.0, "met"), (21.0, "**missed**")):
        toggles["cpu"] = [cpu]
        line = next(x for x in report.storage_table({"1000": results["sets"][size]})
                    if x.startswith("| 1,000 |"))
        assert line.endswith(f"≤ 20 ms — {word} |"), line


def test_writing_the_readme_replaces_only_the_part_between_the_markers(tmp_path):
    report = _report()
    readme = tmp_path / "README.md"
    readme.write_text(f"before\n{report.BEGIN}\nold table\n{report.END}\nafter\n",
                      encoding="utf-8")
    report.write_readme(_results(), readme)
    text = readme.read_text(encoding="utf-8")
    assert text.startswith(f"before\n{report.BEGIN}\n") and text.endswith(f"{report.END}\nafter\n")
    assert "old table" not in text
    assert report.readme_part(text) == report.render(_results())


@pytest.mark.slow
def test_the_harness_runs_on_a_tiny_data_set(tmp_path):
    """A smoke run: 20 cards and 100 issuers, the installed app and the bare app in a
    pty; every figure the tables need is recorded and the README is left alone."""
    readme = (ROOT / "README.md").read_bytes()
    out = tmp_path / "results.json"
    run = subprocess.run(
        [sys.executable, str(BENCH / "run.py"), "--tiny", "--out", str(out), "--no-readme"],
        capture_output=True, text=True, timeout=300,
        env={"PATH": "/usr/bin:/bin", "HOME": str(Path.home()),
             "XDG_CACHE_HOME": str(tmp_path / "cache")},
    )
    assert run.returncode == 0, run.stderr
    results = json.loads(out.read_text(encoding="utf-8"))
    data = results["sets"]["20"]
    for key in ("start_ours", "start_bare", "move_ours", "move_bare", "move_floor", "pane_ours",
                "first_toggle_ours", "toggle_ours", "filter_key", "filter_escape"):
        assert data[key]["cpu"] and all(n > 0 for n in data[key]["bytes"]), key
    assert data["rss_ours"][0] > 0 and data["rss_bare"][0] > 0
    assert data["toggle_ours"]["disk"][0] > 0  # a toggle reaches the disk
    assert results["hotline"]["key"]["cpu"] and results["hotline"]["scan"]
    assert "| 20 |" in run.stdout  # the tables were printed
    assert (ROOT / "README.md").read_bytes() == readme


def test_every_row_of_every_table_has_its_tables_columns():
    """A row with a cell fewer than its heading shifts its figures under the wrong
    column (the idle rows lacked the cells-changed column)."""
    report = _report()
    table: int | None = None
    for line in report.render(_results()).splitlines():
        if not line.startswith("|"):
            table = None
            continue
        cells = line.count("|") - 1
        if table is None:
            table = cells
        assert cells == table, line
