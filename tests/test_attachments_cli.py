"""`cardoff-tui attach` and `export-attachments`, run as the installed command against
gnome-keyring's real Secret Service (tests/conftest.py), and without any keyring."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tui.domain.tracker import Tracker
from tui.records.card_fields import CardFields
from tui.storage.store import DB_FILENAME, Store

COMMAND = Path(sys.executable).parent / "cardoff-tui"


def _run(env: dict, data: Path, config: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(COMMAND), "--data-dir", str(data), "--config-dir", str(config), "--lang", "en", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )


@pytest.fixture
def cards(data_dir, content, clock) -> str:
    tracker = Tracker(Store.open(data_dir / DB_FILENAME), content.playbooks, clock)
    card = tracker.add_card(CardFields("Old debit", "bank", "cancel", issuer="ICBC"))
    tracker.close()
    return card.id


def _grep(folder: Path, needle: bytes) -> list[str]:
    return [
        f"{root}/{name}"
        for root, _dirs, files in os.walk(folder)
        for name in files
        if needle in (Path(root) / name).read_bytes()
    ]


@pytest.mark.slow
def test_attach_and_export_from_the_installed_command_with_the_real_keyring(
    secret_service_env, cards, data_dir, tmp_path
):
    assert COMMAND.exists(), "the project is installed into the venv (make .venv/.installed)"
    env = dict(secret_service_env)
    config = tmp_path / "config"
    config.mkdir()
    marker = os.urandom(64)
    source = tmp_path / "closure letter 6222021234567890.pdf"
    source.write_bytes(b"%PDF " + marker)

    done = _run(env, data_dir, config, "attach", "old debit", str(source))
    assert done.returncode == 0, done.stderr
    assert done.stdout == (
        "Attached closure letter [redacted].pdf (69 B) to Old debit, encrypted.\n"
    )
    assert _grep(data_dir, marker) == [] and _grep(data_dir, b"6222021234567890") == []
    assert _grep(Path(env["HOME"]), marker) == []  # nor in the keyring's own files

    out = tmp_path / "out"
    exported = _run(env, data_dir, config, "export-attachments", cards, str(out))
    assert exported.returncode == 0, exported.stderr
    written = out / source.name
    assert exported.stdout == f"{written}\n" and written.read_bytes() == source.read_bytes()
    assert f"Wrote 1 file of Old debit, decrypted, into {out}." in exported.stderr

    # the size limit of config.yaml, named in the refusal; nothing attached
    (config / "config.yaml").write_text("attachment_max_mb: 1\n")
    big = tmp_path / "scan.jpg"
    big.write_bytes(b"\0" * 1_000_001)
    refused = _run(env, data_dir, config, "attach", cards, str(big))
    assert refused.returncode == 1 and refused.stdout == ""
    assert "at most 1 MB (attachment_max_mb in config.yaml)" in refused.stderr
    assert "Nothing was attached" in refused.stderr

    # a card the command line does not know
    unknown = _run(env, data_dir, config, "attach", "no such card", str(source))
    assert unknown.returncode == 1 and "no card has the id or name no such card" in unknown.stderr

    # no keyring at all (plain SSH: no D-Bus session) and no encrypted file: said, and
    # what is kept stays readable once the keyring is back
    bare = {k: v for k, v in env.items() if k != "DBUS_SESSION_BUS_ADDRESS"}
    no_key = _run(bare, data_dir, config, "export-attachments", cards, str(tmp_path / "o2"))
    assert no_key.returncode == 1
    assert "encrypted with a key kept in the keyring or the encrypted file" in no_key.stderr
    assert "nothing is lost" in no_key.stderr
    again = _run(env, data_dir, config, "export-attachments", cards, str(tmp_path / "o3"))
    assert again.returncode == 0, again.stderr
