"""The wheel, installed into a fresh virtualenv, works from outside the checkout."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run(*args, cwd: Path, timeout: int = 600) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [str(a) for a in args], cwd=cwd, capture_output=True, text=True, timeout=timeout
    )
    assert result.returncode == 0, f"{args}\n{result.stdout}\n{result.stderr}"
    return result


@pytest.mark.slow
def test_wheel_installs_and_runs_outside_the_checkout(tmp_path):
    dist = tmp_path / "dist"
    run(sys.executable, "-m", "build", "--wheel", "--outdir", dist, ROOT, cwd=tmp_path)
    [wheel] = dist.glob("cardoff_tui-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "tui/content/playbooks/esim-cancel.yaml" in names
    assert "tui/content/i18n/zh-CN.yaml" in names
    assert "tui/content/schema/playbook.schema.yaml" in names
    assert "tui/ui/app.tcss" in names

    venv = tmp_path / "venv"
    run(sys.executable, "-m", "venv", venv, cwd=tmp_path)
    run(venv / "bin" / "python", "-m", "pip", "install", "--quiet", wheel, cwd=tmp_path)

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    version = run(venv / "bin" / "cardoff-tui", "--version", cwd=elsewhere)
    assert version.stdout.startswith("cardoff-tui ")
    checked = run(
        venv / "bin" / "cardoff-tui", "--config-dir", elsewhere / "cfg", "validate", cwd=elsewhere
    )
    assert " 0 error(s)" in checked.stdout and not checked.stdout.startswith("0 file")
    located = run(
        venv / "bin" / "python",
        "-c",
        "import tui.paths; print(tui.paths.content_dir())",
        cwd=elsewhere,
    )
    assert str(venv) in located.stdout and str(ROOT) not in located.stdout
    module = run(venv / "bin" / "python", "-m", "tui", "--version", cwd=elsewhere)
    assert module.stdout == version.stdout
