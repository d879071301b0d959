"""A keyring that never answers (a locked collection whose unlock prompt never
completes, over SSH no one sees it) must not keep cardoff-tui running: `q` ends the
app and every command exits once its own work is done, whatever a call in the
background is doing.

The keyring is chosen from outside, as a user chooses one: PYTHON_KEYRING_BACKEND
names a backend in tests/helpers/odd_keyring.py whose calls (or whose set-up) wait
forever. The waits below are limits for a hang, not speed checks."""

from __future__ import annotations

import os
import queue
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tui.records.card_fields import CardFields
from tui.records.identifiers import Identifier
from tui.records.model import Card
from tui.storage.store import DB_FILENAME, Store

ROOT = Path(__file__).resolve().parent.parent
NOW = datetime(2026, 1, 1, tzinfo=UTC)
HANG = 60.0  # seconds after its work is done that only a process that will never end takes
BACKENDS = "tests.helpers.odd_keyring"


def keyring_env(backend: str) -> dict[str, str]:
    env = {**os.environ, "PYTHON_KEYRING_BACKEND": f"{BACKENDS}.{backend}"}
    env["PYTHONPATH"] = str(ROOT)
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    return env


def installed_command() -> list[str]:
    """The `cardoff-tui` script installed next to this Python (else `python -m tui`)."""
    script = Path(sys.executable).with_name("cardoff-tui")
    return [str(script)] if script.exists() else [sys.executable, "-m", "tui"]


def card_in_keyring(data: Path) -> None:
    """A card whose ICCID the cards file says is in the keyring."""
    store = Store.open(data / DB_FILENAME)
    card = Card.create(CardFields("Old eSIM", "esim", "cancel"), NOW, card_id="c1")
    store.save_card(card.with_identifier("iccid", Identifier("6677", "keyring"), NOW))
    store.close()


@pytest.mark.slow
@pytest.mark.parametrize(
    ("backend", "says"),
    [
        ("NeverAnswersKeyring", "no answer in"),  # the round trip's first call waits
        ("NeverStartsKeyring", "did not answer in"),  # keyring's own lookup waits
    ],
)
def test_doctor_exits_after_its_report_whatever_the_keyring_does(tmp_path, backend, says):
    data = tmp_path / "data"
    card_in_keyring(data)
    doctor = subprocess.Popen(
        [*installed_command(), "--data-dir", str(data), "--config-dir", str(tmp_path), "doctor"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**keyring_env(backend), "PYTHONUNBUFFERED": "1"},  # each line as printed
        text=True,
    )
    lines: queue.Queue[str | None] = queue.Queue()

    def read() -> None:
        for line in doctor.stdout:
            lines.put(line)
        lines.put(None)

    threading.Thread(target=read, daemon=True).start()
    try:
        report = []
        while True:  # the report, up to its summary line (the keyring's time-outs first)
            line = lines.get(timeout=HANG + 60)  # raises on a hang
            if line is None:
                break
            report.append(line)
            summary = line.split(";")[0].endswith(("problem", "problems"))
            if summary or "everything cardoff-tui needs" in line:
                break
        reported = time.monotonic()
        status = doctor.wait(timeout=HANG)  # raises on a hang
        after = time.monotonic() - reported
    finally:
        doctor.kill()
    text = "".join(report)
    keyring_line = next(line for line in report if " keyring " in line)
    assert keyring_line.startswith("FAIL") and says in keyring_line, text
    assert status == 1, text  # the card's ICCID is in a keyring that does not answer
    print(f"doctor ({backend}) exited {after:.2f} s after printing its report")


def test_a_command_exits_when_a_stuck_call_is_left_behind(tmp_path):
    """The same from inside one process: a call that never returns, left behind by the
    secrets layer after its time-out, and exit is not held up."""
    program = (
        "from tests.helpers.odd_keyring import NeverAnswersKeyring\n"
        "from tui.secrets.secret_store import SecretError, SecretStore\n"
        "store = SecretStore(NeverAnswersKeyring(), 'never', 'keyring', timeout=0.2)\n"
        "try:\n"
        "    store.get('c1', 'iccid')\n"
        "except SecretError as exc:\n"
        "    print(exc.key, flush=True)\n"
    )
    child = subprocess.Popen(
        [sys.executable, "-c", program],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        said = child.stdout.readline()
        status = child.wait(timeout=HANG)  # raises on a hang
    finally:
        child.kill()
    assert said.strip() == "secrets.timeout" and status == 0


def test_quit_while_the_keyring_lookup_hangs(tmux, tmp_path):
    """keyring's own lookup never answers (the app's lookup worker waits); q quits."""
    tmux.env.update(keyring_env("NeverStartsKeyring"))
    data = tmp_path / "data"
    tmux.start([*installed_command(), "--data-dir", str(data), "--config-dir", str(tmp_path)])
    tmux.wait_for("No cards yet")
    tmux.wait_for("identifiers: looking for a keyring")  # the lookup is under way
    tmux.keys("q")
    tmux.wait_gone()  # fails only after terminal.TIMEOUT: a hang


@pytest.mark.slow
def test_quit_after_a_keyring_call_that_never_answered(tmux, tmp_path):
    """`r` asks the keyring for the card's ICCID; it never answers, the app says so
    after its time-out and goes on; q then quits, the stuck call left behind."""
    tmux.env.update(keyring_env("NeverAnswersKeyring"))
    data = tmp_path / "data"
    card_in_keyring(data)
    tmux.start([*installed_command(), "--data-dir", str(data), "--config-dir", str(tmp_path)])
    tmux.wait_for("Old eSIM")
    tmux.wait_for("identifiers: keyring")  # the lookup has answered
    tmux.keys("r")
    tmux.wait_for("The keyri")  # "The keyring did not answer" (cut short by the status
    # line); the call is still stuck in its thread
    tmux.keys("q")
    tmux.wait_gone()  # fails only after terminal.TIMEOUT: a hang
