"""A card number, an ICCID and a 4-digit PIN typed into the form in a real terminal are
found nowhere after a crash: not in the data dir, its backups, the cache, the exports of
every format, the crash report, or the terminal's scrollback.

The trouble comes from outside, as a user would meet it: the keyring backend named in
PYTHON_KEYRING_BACKEND (tests/helpers/odd_keyring.py) refuses the PIN with the PIN in
its message, and hands values back as bytes, which the app is not ready for: copying
one is the unexpected Python exception that ends the app."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from tui.storage.store import DB_FILENAME

ROOT = Path(__file__).resolve().parent.parent
NUMBER = "4556737586899855"
ICCID = "89860011223344556677"
PIN = "7391"
# the PIN as a value of its own: not four digits inside a longer run of digits or hex
# (a random card id, the microseconds of a time), which can hold them by chance
PIN_ALONE = re.compile(rf"(?<![0-9A-Fa-f]){PIN}(?![0-9A-Fa-f])")


def leaks(text: str) -> list[str]:
    found = [v for v in (NUMBER, ICCID, NUMBER[:-4], ICCID[:-4]) if v in text]
    return found + PIN_ALONE.findall(text)


def test_typed_identifiers_leak_nowhere_after_a_crash(tmux, tmp_path):
    homes = {
        kind: tmp_path / f"{kind.lower()}-home" for kind in ("DATA", "CONFIG", "CACHE", "STATE")
    }
    tmux.env.update({f"XDG_{kind}_HOME": str(path) for kind, path in homes.items()})
    tmux.env.update(
        PYTHON_KEYRING_BACKEND="tests.helpers.odd_keyring.OddKeyring", PYTHONPATH=str(ROOT)
    )
    tmux.env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    data, config = tmp_path / "data", tmp_path / "config"
    dirs = ["--data-dir", str(data), "--config-dir", str(config)]
    tmux.start([sys.executable, "-m", "tui", *dirs])
    tmux.run("set-option", "-t", "app", "remain-on-exit", "on")
    tmux.run("set-option", "-s", "set-clipboard", "on")  # so `c` below really copies
    tmux.wait_for("No cards yet")
    tmux.wait_for("identifiers: keyring")  # the backend named from outside is in use

    # a bank card with its number
    tmux.keys("a")
    tmux.wait_focus("Name")
    tmux.keys("Lost debit card", literal=True)
    tmux.wait_typed("Lost debit card")
    tmux.keys("Tab")
    tmux.wait_focus("Kind")
    tmux.keys("Enter")  # open the kind list
    tmux.wait_highlight("eSIM")
    tmux.keys("Up")
    tmux.wait_highlight("Social sec.")
    tmux.keys("Up")
    tmux.wait_highlight("Bank")
    tmux.keys("Enter")
    tmux.wait_until(
        "the kind list closed, Bank chosen",
        lambda s: (
            "Social sec." not in s.text
            and any("Kind" in line and "Bank" in line for line in s.text.splitlines())
        ),
    )
    for field in ("What to do", "Region", "Issuer", "Card network", "Card number"):
        tmux.keys("Tab")
        tmux.wait_focus(field)
    tmux.keys(NUMBER, literal=True)
    tmux.wait_typed(NUMBER)
    tmux.keys("C-s")
    tmux.wait_for("Card number •••• 9855")  # saved; the steps pane shows it masked

    # an eSIM with its ICCID and port-out PIN; the keyring refuses the PIN
    tmux.keys("a")
    tmux.wait_focus("Name")
    tmux.keys("Old eSIM", literal=True)
    tmux.wait_typed("Old eSIM")
    for field in ("Kind", "What to do", "Region", "Issuer", "ICCID"):
        tmux.keys("Tab")
        tmux.wait_focus(field)
    tmux.keys(ICCID, literal=True)
    tmux.wait_typed(ICCID)
    for field in ("EID", "Port-out PIN"):
        tmux.keys("Tab")
        tmux.wait_focus(field)
    tmux.keys(PIN, literal=True)
    tmux.wait_typed("•" * len(PIN))  # typed masked, as a password is
    tmux.keys("C-s")
    screen = tmux.wait_for("RuntimeError")  # the keyring's own words, in the form
    assert "Port-out PIN was not stored" in " ".join(screen.split())
    assert not PIN_ALONE.findall(screen), screen  # masked in its field, not in the message
    tmux.keys("Escape")  # the card is saved with its ICCID; the PIN is still unstored
    tmux.wait_for("Discard what you typed?")  # the PIN typed is not kept anywhere
    tmux.keys("y")
    tmux.wait_without("Edit card")

    # copy the ICCID: the backend hands back bytes, and the app stops
    tmux.keys("c")

    def pane_dead() -> bool:  # tmux's own flag: the "Pane is dead" banner can lag
        return tmux.run("display-message", "-p", "-t", "app", "#{pane_dead}").stdout.strip() == "1"

    tmux.wait_until("the app to stop", lambda dead: dead, pane_dead)
    scrollback = tmux.run("capture-pane", "-p", "-J", "-S", "-", "-t", "app").stdout
    [report] = (homes["STATE"] / "cardoff-tui" / "log").glob("crash-*.txt")
    said = " ".join(scrollback.split())
    assert "stopped on an unexpected error (AttributeError)" in said, scrollback
    assert f"A report without your identifiers is in {report}" in said, scrollback
    assert "Traceback" not in scrollback and not leaks(scrollback), scrollback
    assert "AttributeError: 'bytes' object has no attribute 'encode'" in report.read_text()

    exports = tmp_path / "exports"
    exports.mkdir()
    for fmt in ("md", "json", "csv", "ics"):
        target = exports / f"cards.{fmt}"
        command = [sys.executable, "-m", "tui", *dirs, "export", "--format", fmt, "-o", target]
        result = subprocess.run(command, env=tmux.env, capture_output=True, text=True)
        assert result.returncode == 0 and target.exists(), result.stderr
    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert any(p.name == DB_FILENAME for p in files) and any("backups" in p.parts for p in files)
    assert report in files and any(p.is_relative_to(homes["CACHE"]) for p in files)
    for path in files:
        assert not leaks(path.read_bytes().decode("utf-8", "replace")), path
