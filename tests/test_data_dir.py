"""A data dir that cannot be written (a read-only mount), or that is a file: every
command and the app say what happened, that nothing changed and what to do, and exit
1; `doctor` finds out by writing a probe file. Stale temp files of this app are
cleaned on open, and nothing else."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from tests.conftest import IN_CI, run_cli
from tui.base.writable import PROBE_PREFIX
from tui.domain.tracker import Tracker
from tui.records.card_fields import CardFields
from tui.storage.json_storage import STALE_BACKUP_TEMP
from tui.storage.store import DB_FILENAME, Store

ROOT = Path(__file__).resolve().parent.parent
CSV = "label,kind\nNew card,bank\n"


def _seeded(data: Path, content, clock) -> bytes:
    """A data file with one card and one backup; returns its bytes."""
    store = Store.open(data / DB_FILENAME)
    tracker = Tracker(store, content.playbooks, clock)
    tracker.add_card(CardFields("Debit", "bank", "cancel"))
    store.close()
    return (data / DB_FILENAME).read_bytes()


def _everything(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


# --- a data dir that is a file ---------------------------------------------------------


@pytest.mark.parametrize("nested", [False, True], ids=["the-file", "under-the-file"])
def test_a_data_dir_that_is_a_file_is_refused_by_every_command(tmp_path, nested):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("my notes\n")
    data = blocker / "sub" if nested else blocker
    csv = tmp_path / "cards.csv"
    csv.write_text(CSV)
    commands = [["export"], ["import", str(csv)], ["due"], ["restore"], ["restore", "1"], []]
    commands += [["list"], ["list", "--json"], ["due", "--json"]]
    for command in commands:
        result = run_cli(*command, data=data, config=tmp_path / "config")
        unusable = 4 if command[0:1] == ["due"] else 1  # due's 1 means a card is overdue
        assert result.returncode == unusable, (command, result.stdout, result.stderr)
        assert "Traceback" not in result.stderr
        assert "is a file, not a folder" in result.stderr, (command, result.stderr)
        assert "Nothing was read or changed" in result.stderr
        assert "--data-dir" in result.stderr  # what to do
    doctor = run_cli("doctor", data=data, config=tmp_path / "config")
    assert doctor.returncode == 1
    assert "FAIL data dir" in doctor.stdout and "FAIL database" in doctor.stdout
    assert blocker.read_text() == "my notes\n"


def test_the_refusal_speaks_chinese_too(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = run_cli("--lang", "zh-CN", "due", data=blocker, config=tmp_path / "config")
    assert result.returncode == 4 and "是一个文件而不是文件夹" in result.stderr


# --- a read-only data dir ----------------------------------------------------------------


def _read_only_mounts() -> str | None:
    """Why a read-only bind mount cannot be made here (None when it can): tests run as
    root, which ignores mode bits, so only a read-only mount really refuses writes."""
    if not (shutil.which("unshare") and shutil.which("mount")):
        return "unshare or mount is not installed (util-linux)"
    probe = subprocess.run(
        ["unshare", "-m", "sh", "-c", "mount --bind / /mnt && mount -o remount,ro,bind /mnt"],
        capture_output=True,
        text=True,
    )
    if probe.returncode != 0:
        return f"cannot make a read-only mount here: {probe.stderr.strip()}"
    return None


@pytest.fixture
def read_only(tmp_path):
    """run(args, data) runs `python -m tui ARGS` with `data` mounted read-only."""
    reason = _read_only_mounts()
    if reason is not None:
        if IN_CI:
            pytest.fail(f"{reason} (CI must be able to test a read-only data dir)")
        pytest.skip(reason)

    def run(argv: list[str], data: Path) -> subprocess.CompletedProcess:
        script = 'mount --bind "$1" "$1" && mount -o remount,ro,bind "$1" && shift && exec "$@"'
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        return subprocess.run(
            ["unshare", "-m", "sh", "-c", script, "sh", str(data), *argv],
            capture_output=True,
            text=True,
            timeout=120,
            env=env,
        )

    return run


def _cli(data: Path, config: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "tui", "--data-dir", str(data), "--config-dir", str(config)] + [
        *args
    ]


def test_commands_on_a_read_only_data_dir_say_so_and_change_nothing(
    tmp_path, read_only, content, clock
):
    data, config = tmp_path / "data", tmp_path / "config"
    _seeded(data, content, clock)
    csv = tmp_path / "cards.csv"
    csv.write_text(CSV)
    before = _everything(data)
    result = read_only(_cli(data, config, "import", str(csv)), data)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert "read-only" in result.stderr and "Nothing was imported" in result.stderr
    result = read_only(_cli(data, config, "restore", "1"), data)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert "read-only" in result.stderr and "Backup 1 was not put back" in result.stderr
    for reading in (["export"], ["due"], ["restore"]):  # reading still works
        result = read_only(_cli(data, config, *reading), data)
        assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    doctor = read_only(_cli(data, config, "doctor"), data)
    assert doctor.returncode == 1
    assert "FAIL data dir" in doctor.stdout and "Read-only file system" in doctor.stdout
    assert _everything(data) == before


def test_opening_a_new_data_file_in_a_read_only_dir_says_what_to_do(tmp_path, read_only):
    data = tmp_path / "data"
    data.mkdir()
    result = read_only(_cli(data, tmp_path / "config", "import", str(tmp_path / "x.csv")), data)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "read-only" in result.stderr and "Nothing was changed" in result.stderr
    assert list(data.iterdir()) == []


APP_SCRIPT = textwrap.dedent(
    """
    import asyncio, json, sys
    from pathlib import Path
    from tui.storage.store import Store
    from tui.ui.app import create_app
    from tests.helpers.pilot import settle, wait_until

    async def main():
        app = create_app(Store.open(Path(sys.argv[1]) / "cardoff.json"))
        said = []
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            status = app.query_one("#status-line")
            for keys in (["enter", "space"], ["tab", "d", "y"]):
                await pilot.press(*keys)
                await settle(pilot)
                said.append(status.message)
            app.action_export()
            await settle(pilot)
            said.append(status.message)
            said.append(app.is_running)
        print(json.dumps(said))

    asyncio.run(main())
    """
)


def test_the_app_on_a_read_only_data_dir_says_not_saved_and_goes_on(
    tmp_path, read_only, content, clock
):
    data = tmp_path / "data"
    _seeded(data, content, clock)
    before = _everything(data)
    result = read_only([sys.executable, "-c", APP_SCRIPT, str(data)], data)
    assert result.returncode == 0, result.stderr
    toggle, delete, report, running = json.loads(result.stdout.strip().splitlines()[-1])
    for message in (toggle, delete):
        assert "Not saved" in message and "read-only" in message, message
    assert "report was not written" in report and "read-only" in report
    assert running
    assert _everything(data) == before


START_SCRIPT = textwrap.dedent(
    """
    import asyncio, json, sys
    from pathlib import Path
    from tui.base.paths import Paths
    from tui.cli.open_app import open_or_recover
    from tui.ui.app import create_app
    from tests.helpers.pilot import settle

    async def main(lang):
        paths = Paths.resolve(sys.argv[1], sys.argv[2])
        store, message = open_or_recover(paths, 5, lang)
        app = create_app(store, lang=lang, notices=[message] if message else [])
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            line = app.query_one("#status-line")
            at_start = line.render_line(0).text
            await pilot.press("enter", "space")
            await settle(pilot)
            after_toggle = line.render_line(0).text
        store.close()
        return [message, at_start, after_toggle]

    print(json.dumps([asyncio.run(main(lang)) for lang in ("en", "zh-CN")]))
    """
)


def test_the_app_on_a_read_only_data_dir_warns_at_start(tmp_path, read_only, content, clock):
    """On a read-only data dir the app said nothing until a change was refused, and then
    `Not saved, because the disk is…` was cut before the reason at 80 columns: it now
    says at start that nothing can be saved and why, and both messages give the reason
    before the status line cuts them (M shows them whole), in either language."""
    data = tmp_path / "data"
    _seeded(data, content, clock)
    before = _everything(data)
    argv = [sys.executable, "-c", START_SCRIPT, str(data), str(tmp_path / "config")]
    result = read_only(argv, data)
    assert result.returncode == 0, result.stderr
    (en, zh) = json.loads(result.stdout.strip().splitlines()[-1])
    message, at_start, after_toggle = en
    assert message.startswith(f"Cannot save: the disk is read-only: {data}. ")
    assert "start cardoff-tui again" in message
    assert at_start.startswith("Cannot save: the disk is read-only"), at_start
    assert after_toggle.startswith("Not saved: the disk is read-only"), after_toggle
    message, at_start, after_toggle = zh
    assert message.startswith(f"无法保存：磁盘是只读的：{data}。"), message
    assert at_start.startswith("无法保存：磁盘是只读的"), at_start
    assert after_toggle.startswith("没有保存：磁盘是只读的"), after_toggle
    assert _everything(data) == before


def test_no_warning_at_start_on_a_writable_data_dir(tmp_path):
    from tui.cli.open_data import read_only_message

    assert read_only_message(lambda key, **_: key, tmp_path) is None
    assert read_only_message(lambda key, **_: key, tmp_path / "not-made-yet") is None


# --- doctor's probe --------------------------------------------------------------------


def test_doctor_probes_a_writable_data_dir_and_leaves_nothing_behind(tmp_path, content, clock):
    data = tmp_path / "data"
    _seeded(data, content, clock)
    before = sorted(p.name for p in data.iterdir())
    result = run_cli("doctor", data=data, config=tmp_path / "config")
    assert "ok   data dir" in result.stdout and "writable (a test file" in result.stdout
    assert sorted(p.name for p in data.iterdir()) == before
    assert not list(data.glob(f"{PROBE_PREFIX}*"))


# --- stale temp files ----------------------------------------------------------------------


def test_stale_temp_files_of_this_app_are_cleaned_on_open_and_nothing_else(
    tmp_path, content, clock
):
    data = tmp_path / "data"
    _seeded(data, content, clock)
    backups = data / "backups"
    old = time.time() - STALE_BACKUP_TEMP - 60
    stale = [backups / f".cardoff-20261124T101010{n:06d}Z.json.{n:08x}.tmp" for n in range(14)]
    fresh = backups / ".cardoff-20261124T101010999999Z.json.0badf00d.tmp"
    others = [
        backups / "notes.tmp",
        backups / ".cardoff-20261124T101010000001Z.json.not-hex!.tmp",
        data / ".identifiers.vault.1a2b3c4d.tmp",  # the encrypted file's: not the store's
        data / ".cardoff.json.lock.1a2b3c4d.tmp",  # not a name the store makes
        data / "cardoff.json.bak",
    ]
    beside = data / ".cardoff.json.1a2b3c4d.tmp"
    for path in [*stale, fresh, *others, beside]:
        path.write_bytes(b"partial")
    for path in [*stale, *others, beside]:
        os.utime(path, (old, old))
    store = Store.open(data / DB_FILENAME)
    assert not any(p.exists() for p in stale) and not beside.exists()
    assert fresh.exists() and all(p.exists() for p in others)
    assert [c.label for c in store.cards()] == ["Debit"]
    assert len(list(backups.glob("cardoff-*.json"))) == 1  # backups themselves untouched
