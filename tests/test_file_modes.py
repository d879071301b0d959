"""What cardoff-tui creates is its owner's only: folders 0700 and files 0600 under any
umask (000 would make them world-writable, 022 world-readable), and `doctor` names
what is wider, with the chmod that fixes it."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.helpers.pilot import wait_until
from tui.base.private_files import private_dir, write_output
from tui.storage.store import DB_FILENAME, Store

ROOT = Path(__file__).resolve().parent.parent
PASS = "correct horse battery"

# Every path the command line, the store, the vault and the content cache create,
# run in one process under the umask given as the first argument.
UNDER_UMASK = """
import os, sys
from pathlib import Path
os.umask(int(sys.argv[1], 8))
base = Path(sys.argv[2])
from tui.cli import main
data = base / "new" / "nested" / "data"
assert main(["--data-dir", str(data), "import", str(base / "cards.csv")]) == 0
assert main(["--data-dir", str(data), "import", str(base / "more.csv")]) == 0  # a backup
assert main(["--data-dir", str(data), "export", "-o", str(base / "out" / "report.md")]) == 0
from tui.secrets.vault import Vault
vault = Vault(base / "vault-home" / "identifiers.vault")
vault.create("{passphrase}")
vault.set_password("cardoff-tui", "card/x/iccid", "89860077665544332211")
from tui.library.content import load_content
from tui.base.paths import content_dir
load_content(content_dir())  # stores the parse in XDG_CACHE_HOME/cardoff-tui
""".replace("{passphrase}", PASS)


def mode(path: Path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


def created_under(base: Path, before: set[Path]) -> list[Path]:
    return sorted(p for p in base.rglob("*") if p not in before)


@pytest.mark.parametrize("umask", ["000", "022"])
def test_everything_created_is_private_whatever_the_umask(tmp_path, umask):
    (tmp_path / "cards.csv").write_text("label,kind\nOld card,bank\n")
    (tmp_path / "more.csv").write_text("label,kind\nOther card,bank\n")  # a second change
    (tmp_path / "out").mkdir(mode=0o755)  # the user's own folder for the export
    before = set(tmp_path.rglob("*"))
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache" / "home")}
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    result = subprocess.run(
        [sys.executable, "-c", UNDER_UMASK, umask, str(tmp_path)],
        capture_output=True, text=True, timeout=120, cwd=ROOT, env=env,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    made = created_under(tmp_path, before)
    data = tmp_path / "new" / "nested" / "data"
    expected = {
        tmp_path / "new", data, data / DB_FILENAME, data / f"{DB_FILENAME}.lock",
        data / "backups", tmp_path / "out" / "report.md",
        tmp_path / "vault-home" / "identifiers.vault",
        tmp_path / "vault-home" / "identifiers.vault.lock",
        tmp_path / "cache" / "home" / "cardoff-tui",
    }
    assert expected <= set(made), sorted(expected - set(made))
    assert any(p.parent == data / "backups" for p in made)
    assert any(p.name.startswith("content-") for p in made)
    wrong = {str(p): oct(mode(p)) for p in made if mode(p) != (0o700 if p.is_dir() else 0o600)}
    assert not wrong, wrong


async def test_the_apps_export_is_private(tmp_path, make_app):
    store = Store.open(tmp_path / "data" / DB_FILENAME)
    app = make_app(store)
    old = os.umask(0)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            app.action_export()
            await wait_until(pilot, lambda: (tmp_path / "data" / "exports").exists(), "exports")
    finally:
        os.umask(old)
        store.close()
    exports = tmp_path / "data" / "exports"
    assert mode(exports) == 0o700
    assert sorted(mode(p) for p in exports.iterdir()) == [0o600, 0o600]


def test_existing_folders_and_outputs_keep_their_mode(tmp_path):
    mine = tmp_path / "shared"
    mine.mkdir(mode=0o755)
    os.chmod(mine, 0o755)
    private_dir(mine / "data")
    assert mode(mine) == 0o755 and mode(mine / "data") == 0o700
    existing = tmp_path / "report.md"
    existing.write_text("old")
    os.chmod(existing, 0o640)
    write_output(existing, b"new")
    assert existing.read_bytes() == b"new" and mode(existing) == 0o640


def doctor(data: Path):
    env = {k: v for k, v in os.environ.items() if k not in ("DBUS_SESSION_BUS_ADDRESS", "TMUX")}
    return run_cli("doctor", data=data, config=data / "config", env=env)


def test_doctor_warns_about_a_wide_data_dir_and_file(tmp_path):
    data = tmp_path / "my data"
    Store.open(data / DB_FILENAME).close()
    os.chmod(data, 0o755)
    os.chmod(data / DB_FILENAME, 0o644)
    result = doctor(data)
    assert result.returncode == 0, result.stdout + result.stderr  # a warning, not a failure
    [line] = [line for line in result.stdout.splitlines() if "file modes" in line]
    assert line.startswith("WARN")
    assert f"{data} (0755)" in line and f"{data / DB_FILENAME} (0644)" in line
    assert f"chmod 700 '{data}'" in line and f"chmod 600 '{data / DB_FILENAME}'" in line
    assert "1 warning" in result.stdout


def test_doctor_is_quiet_about_private_files(tmp_path):
    data = tmp_path / "data"
    Store.open(data / DB_FILENAME).close()
    result = doctor(data)
    [line] = [line for line in result.stdout.splitlines() if "file modes" in line]
    assert line.startswith("ok") and "only you" in line
    assert "warning" not in result.stdout
