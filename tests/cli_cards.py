"""Cards written into a data dir, and the installed `cardoff-tui` run on it in a
subprocess, as a user, a script or cron runs it (for the command-line tests), or its
`main` run in the test's process for the variants of a claim."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import START
from tui.records.card_fields import CardFields
from tui.records.identifiers import Identifier
from tui.records.model import Card
from tui.storage.store import DB_FILENAME, Store

CLI = str(Path(sys.executable).parent / "cardoff-tui")
# a card number and a port-out PIN as a user types them: the data file keeps the
# number's last 4 and nothing of the PIN; no output may hold more
FULL_NUMBER = "6222020200112233"
PIN = "864209"


def today() -> dt.date:
    """Today where the tests run (TZ=UTC), as `due` counts days."""
    return dt.datetime.now().astimezone().date()


def seed(data: Path, *cards: tuple[str, str, str, str, int | None]) -> list[str]:
    """Write cards (label, kind, intent, issuer, follow-up in days from today or
    None) into the data file in `data`, in one transaction; the first card also gets
    a card number and a port-out PIN (kept in the keyring, as far as the file says).
    Returns the cards' ids in order."""
    store = Store.open(data / DB_FILENAME)
    ids = []
    with store.transaction():
        for number, (label, kind, intent, issuer, days) in enumerate(cards):
            card = Card.create(CardFields(label, kind, intent, issuer), START)
            if days is not None:
                follow_up = (today() + dt.timedelta(days=days)).isoformat()
                card = dataclasses.replace(card, follow_up=follow_up)
            if number == 0:
                kept = {
                    "number": Identifier.of("number", FULL_NUMBER, "keyring"),
                    "port_pin": Identifier.of("port_pin", PIN, "keyring"),
                }
                card = dataclasses.replace(card, identifiers=kept)
            store.save_card(card)
            ids.append(card.id)
    store.close()
    return ids


def cli(base: Path, *args: str, data: Path | None = None, **env: str):
    """The installed cardoff-tui with --data-dir (default base/data) and --config-dir
    base/config, no locale, no D-Bus session (doctor waits for no keyring), its user
    dirs under `base`; output as text."""
    argv, clean = _as_user(base, args, data, env)
    return subprocess.run(
        [CLI, *argv],
        env=clean,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )


def cli_main(base: Path, *args: str, data: Path | None = None, **env: str):
    """What cli() runs, through the command line's `main` in this process
    (tests.helpers.in_process): for the variants of a claim that cli() runs once."""
    from tests.helpers.in_process import run_main

    return run_main(*_as_user(base, args, data, env))


def _as_user(base: Path, args, data: Path | None, env: dict[str, str]):
    """cli()'s arguments and environment."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("LC_") and k != "LANG"}
    clean.pop("DBUS_SESSION_BUS_ADDRESS", None)
    clean.update(
        HOME=str(base),
        XDG_STATE_HOME=str(base / "state"),
        XDG_CONFIG_HOME=str(base / "xdg-config"),
        XDG_DATA_HOME=str(base / "xdg-data"),
        COLUMNS="80",
        **env,
    )
    dirs = ["--data-dir", str(data or base / "data"), "--config-dir", str(base / "config")]
    return [*dirs, *args], clean
