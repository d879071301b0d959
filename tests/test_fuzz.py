"""The fuzz in CI: 2,000 random keys, bursts typed ahead and resizes between 40x10
and 250x80, and bytes that are not UTF-8, sent to the installed app in a real tmux
(fuzz/tmux_fuzz.py), with a
fixed seed: no crash, no traceback, and ctrl+q still ends the app."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import require_tool

REPO = Path(__file__).resolve().parent.parent
SEED = 13


@pytest.mark.slow
def test_two_thousand_random_keys_crash_nothing(tmp_path):
    require_tool("tmux")
    assert (Path(sys.executable).parent / "cardoff-tui").exists(), "run make .venv/.installed"
    result = subprocess.run(
        [
            sys.executable,
            str(REPO / "fuzz" / "tmux_fuzz.py"),
            "--seed",
            str(SEED),
            "--keys",
            "2000",
            "--shrink-runs",
            "10",
            "--out",
            str(tmp_path / "findings"),
            "--json",
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode in (0, 1), result.stderr
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    assert summary["crashes"] == 0, result.stdout + result.stderr
    assert summary["runs"][0]["keys"] >= 2000
