"""The wheel, installed into a fresh virtualenv on each supported Python the machine
has (3.11, the oldest, and 3.13), works from outside the checkout. On 3.11 pip installs
it, as the README tells users to; on 3.13 uv does (the same wheel, its dependencies
resolved afresh from its metadata, in a fraction of pip's time)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import IN_CI

ROOT = Path(__file__).resolve().parent.parent
PYTHONS = ("3.11", "3.13")
INSTALLERS = {"3.11": "pip", "3.13": "uv"}


def run(*args, cwd: Path, timeout: int = 900) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [str(a) for a in args], cwd=cwd, capture_output=True, text=True, timeout=timeout
    )
    assert result.returncode == 0, f"{args}\n{result.stdout}\n{result.stderr}"
    return result


def python_for(version: str) -> str:
    """A working `python<version>`: on PATH, or one of pyenv's installed versions.
    Skips when there is none, and fails under CI."""
    candidates = [shutil.which(f"python{version}")]
    pyenv = shutil.which("pyenv")
    if pyenv:
        listed = subprocess.run([pyenv, "versions", "--bare"], capture_output=True, text=True)
        for name in listed.stdout.split():
            if name.startswith(f"{version}."):
                prefix = subprocess.run([pyenv, "prefix", name], capture_output=True, text=True)
                candidates.append(str(Path(prefix.stdout.strip()) / "bin" / f"python{version}"))
    for candidate in filter(None, candidates):
        probe = subprocess.run(
            [candidate, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
            capture_output=True,
            text=True,
        )
        if probe.returncode == 0 and probe.stdout.strip() == version:
            return candidate
    message = f"Python {version} is not installed"
    if IN_CI:
        pytest.fail(f"{message} (the wheel must be tried on {', '.join(PYTHONS)})")
    pytest.skip(message)


@pytest.fixture(scope="session")
def wheel(tmp_path_factory, worker_id) -> Path:
    """The wheel, built once a run: pytest-xdist's workers share it (their temporary
    folders sit in the run's own)."""
    from filelock import FileLock

    shared = tmp_path_factory.getbasetemp()
    if worker_id != "master":
        shared = shared.parent
    dist = shared / "dist"
    with FileLock(shared / "dist.lock"):
        if not dist.exists():
            building = shared / "dist-building"
            # the build's own isolated environment (hatchling) installed by uv, not pip
            build = [sys.executable, "-m", "build", "--installer", "uv", "--wheel"]
            run(*build, "--outdir", building, ROOT, cwd=shared)
            building.rename(dist)
    [built] = dist.glob("cardoff_tui-*.whl")
    names = zipfile.ZipFile(built).namelist()
    assert "tui/content/playbooks/esim-cancel.yaml" in names
    assert "tui/content/i18n/zh-CN.yaml" in names
    assert "tui/content/schema/playbook.schema.yaml" in names
    assert "tui/content/letters/cancel.yaml" in names
    assert "tui/content/schema/letter.schema.yaml" in names
    assert "tui/ui/app.tcss" in names
    return built


# every module of the package that an install without extras must be able to import
# (tui.cli.serve needs the `serve` extra and is imported only by `cardoff-tui serve`;
# tui.__main__ would start the app)
IMPORT_ALL = """
import pkgutil, importlib, tui
skip = ("tui.cli.serve", "tui.__main__")
names = [m.name for m in pkgutil.walk_packages(tui.__path__, "tui.") if m.name not in skip]
for name in names:
    importlib.import_module(name)
import tui.secrets.vault, cryptography  # the encrypted file works without a keyring's dependencies
print(len(names))
"""


@pytest.mark.slow
@pytest.mark.parametrize("version", PYTHONS)
def test_wheel_installs_and_runs_outside_the_checkout(tmp_path, wheel, version):
    venv = tmp_path / "venv"
    python = venv / "bin" / "python"
    # a venv of this Python with nothing in it (no pip of its own to bootstrap: pip runs
    # from the test's environment, under this Python, with --python); no byte-compiling of
    # every dependency (a third of pip's time; uv never does): the imports below compile
    # what they load, so a module this Python cannot read still fails
    run(python_for(version), "-m", "venv", "--without-pip", venv, cwd=tmp_path)
    if INSTALLERS[version] == "pip":
        pip = [sys.executable, "-m", "pip", "--python", python, "install"]
        run(*pip, "--quiet", "--no-compile", wheel, cwd=tmp_path)
    else:
        from uv import find_uv_bin

        run(find_uv_bin(), "pip", "install", "--quiet", "--python", python, wheel, cwd=tmp_path)

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    version_line = run(venv / "bin" / "cardoff-tui", "--version", cwd=elsewhere)
    assert version_line.stdout.startswith("cardoff-tui ")
    checked = run(
        venv / "bin" / "cardoff-tui", "--config-dir", elsewhere / "cfg", "validate", cwd=elsewhere
    )
    assert " 0 errors" in checked.stdout and not checked.stdout.startswith("0 file")
    where = "import tui.base.paths; print(tui.base.paths.content_dir())"
    located = run(python, "-c", where, cwd=elsewhere)
    assert str(venv) in located.stdout and str(ROOT) not in located.stdout
    imported = run(python, "-c", IMPORT_ALL, cwd=elsewhere)
    assert int(imported.stdout) > 20
    hotline = run(
        venv / "bin" / "cardoff-tui", "--config-dir", elsewhere / "cfg", "hotline", "icbc",
        cwd=elsewhere,
    )
    assert "95588" in hotline.stdout
    notify_config = elsewhere / "notify-cfg"  # apprise came with the wheel and loads
    notify_config.mkdir()
    (notify_config / "config.yaml").write_text("notify:\n  - json://127.0.0.1:9/due\n")
    notify = run(
        venv / "bin" / "cardoff-tui", "--data-dir", elsewhere / "data", "--config-dir",
        notify_config, "notify", "--dry-run", cwd=elsewhere,
    )
    assert "entry 1 (JSON): json://127.0.0.1:9/due" in notify.stdout
    module = run(python, "-m", "tui", "--version", cwd=elsewhere)
    assert module.stdout == version_line.stdout
