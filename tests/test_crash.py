"""Errors nobody expected end in a short crash report, never in a traceback: no values
of variables anywhere, messages redacted, the report private, and one line saying
where it is. Through the app (a worker, the passphrase dialog, a dead input thread),
the command line, and a keyring backend's own words."""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from textual.widgets import Input, Static
from textual.worker import WorkerFailed

from tests.helpers.pilot import lookup_answered, wait_shown, wait_until
from tui import cli
from tui.base import crash
from tui.cli import due
from tui.secrets.secret_store import SystemKeyring
from tui.secrets.secrets_setup import SecretsSetup
from tui.storage.store import DB_FILENAME, Store
from tui.ui.card_form import CardForm
from tui.ui.secrets_screens import PassphraseScreen

ICCID = "89860033221100998877"
NUMBER = "4111 1111 1111 1111"
PIN = "7391"


def shows_pin(text: str) -> bool:
    """The PIN standing alone: not inside a longer run of digits, such as the
    microseconds in a crash report's file name or a timestamp."""
    return re.search(rf"(?<![0-9]){PIN}(?![0-9])", text) is not None
PASSPHRASE = "lantern orchard pebble"
SIZE = (80, 24)


@pytest.fixture
def reports(tmp_path, monkeypatch) -> Path:
    """Where this test's reports go (the user log dir, under a state home of its own)."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    return crash.report_dir()


def only_report(folder: Path) -> Path:
    found = sorted(folder.glob("crash-*.txt"))
    assert len(found) == 1, found
    return found[0]


def assert_private(report: Path) -> None:
    assert stat.S_IMODE(report.stat().st_mode) == 0o600
    assert stat.S_IMODE(report.parent.stat().st_mode) == 0o700


def test_report_holds_frames_and_redacted_messages_but_no_values(reports):
    def save(identifiers: dict[str, str]) -> None:
        secret_value = identifiers["iccid"]  # a local a traceback with locals would show
        raise RuntimeError(f"cannot save {secret_value}")

    try:
        try:
            save({"iccid": ICCID, "port_pin": PIN})
        except RuntimeError as exc:
            raise ValueError(f"while saving pin {PIN}") from exc
    except ValueError as exc:
        reported = crash.report(crash.failures_of(exc), where="a test")
    text = reported.path.read_text()
    assert reported.error == "ValueError" and reported.path.parent == reports
    assert ICCID not in text and not shows_pin(text) and "secret_value =" not in text
    assert "RuntimeError: cannot save [redacted]" in text
    assert "ValueError: while saving pin [redacted]" in text
    assert "direct cause" in text and text.index("RuntimeError") < text.index("ValueError:")
    assert 'raise RuntimeError(f"cannot save {secret_value}")' in text  # the code line
    assert "in save" in text and "While running: a test" in text


@pytest.mark.parametrize("umask", [0o000, 0o022, 0o277])
def test_reports_are_private_whatever_the_umask(reports, umask):
    old = os.umask(umask)
    try:
        reported = crash.report([crash.Failure("RuntimeError", "boom")])
    finally:
        os.umask(old)
    assert_private(reported.path)


def test_an_existing_report_folder_is_made_private_and_old_reports_pruned(reports):
    reports.mkdir(parents=True, mode=0o755)
    os.chmod(reports, 0o755)
    for n in range(crash.KEEP_REPORTS + 3):
        (reports / f"crash-2020010{n:02d}T000000000000Z-1.txt").write_text("old")
    reported = crash.report([crash.Failure("RuntimeError", "boom")])
    assert_private(reported.path)
    kept = sorted(reports.glob("crash-*.txt"))
    assert len(kept) == crash.KEEP_REPORTS and reported.path in kept


def test_a_report_that_cannot_be_written_says_why(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    reported = crash.report([crash.Failure("RuntimeError", "boom")], folder=blocker / "log")
    assert reported.path is None and reported.problem
    assert "No report could be written" in crash.command_line_message(reported)


def test_crash_modules_import_no_textual_or_rich():
    code = (
        "import sys, tui.base.crash, tui.base.redact\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


# the command line
def test_the_command_line_reports_an_unexpected_error_in_one_line(
    reports, tmp_path, monkeypatch, capsys
):
    def broken(args, paths):
        raise RuntimeError(f"lost track of {NUMBER}")

    monkeypatch.setattr(due, "run_due", broken)
    status = cli.main(["--data-dir", str(tmp_path / "data"), "due"])
    err = capsys.readouterr().err
    report = only_report(reports)
    assert status == 70 and err.count("\n") == 1
    assert "unexpected error (RuntimeError)" in err and str(report) in err
    assert "Traceback" not in err and "1111" not in err
    text = report.read_text()
    assert "RuntimeError: lost track of [redacted]" in text and "1111" not in text
    assert "While running: cardoff-tui due" in text
    assert_private(report)


# the app
class MemoryKeyring:
    def __init__(self) -> None:
        self.values: dict[tuple[str, str], str] = {}

    def set_password(self, service, username, password):
        self.values[(service, username)] = password

    def get_password(self, service, username):
        return self.values.get((service, username))

    def delete_password(self, service, username):
        self.values.pop((service, username), None)


def keyring_of(backend):
    return lambda: SystemKeyring(backend, "memory")


async def typed(pilot, text: str) -> None:
    await pilot.press(*[c if c != " " else "space" for c in text])


async def test_an_unexpected_error_while_saving_ends_in_a_report_not_a_screen_of_locals(
    make_app, tmp_path, reports, monkeypatch, capsys
):
    """The worst case: typed identifiers on the stack, and in the error's own message."""
    store = Store.open(tmp_path / DB_FILENAME)
    setup = SecretsSetup(tmp_path / "vault", resolver=keyring_of(MemoryKeyring()))
    app = make_app(store, secrets=setup)

    def broken_add(fields, identifiers):
        raise RuntimeError(f"cannot file {identifiers}")

    monkeypatch.setattr(app.tracker, "add_card", broken_add)
    with pytest.raises(WorkerFailed):
        async with app.run_test(size=SIZE) as pilot:
            await lookup_answered(pilot)
            await pilot.press("a")
            await wait_until(pilot, lambda: isinstance(app.screen, CardForm), "the card form")
            await typed(pilot, "Old eSIM")
            app.screen.query_one("#id-iccid", Input).focus()
            await typed(pilot, ICCID)
            app.screen.query_one("#id-port_pin", Input).focus()
            await typed(pilot, PIN)
            await pilot.press("ctrl+s")
            await wait_until(pilot, lambda: app.crash_report is not None, "the crash report")
    err = capsys.readouterr().err
    report = only_report(reports)
    assert app.return_code == 1
    assert ICCID not in err and not shows_pin(err) and "Traceback" not in err
    assert err.count("\n") == 1 and f"A report without your identifiers is in {report}\n" in err
    text = report.read_text()
    assert ICCID not in text and not shows_pin(text) and "RuntimeError: cannot file" in text
    assert_private(report)
    store.close()


async def test_an_unexpected_error_behind_the_passphrase_goes_to_the_same_handler(
    make_app, tmp_path, reports, monkeypatch, capsys
):
    """The dialog handles VaultError; anything else ends the app through the crash
    handler, and the passphrase (letters only: no pattern finds it) is not printed."""
    setup = SecretsSetup(tmp_path / "identifiers.vault", resolver=lambda: SystemKeyring(None, ""))

    def broken_create(passphrase: str):
        raise ValueError(f"the KDF refused {passphrase!r}")

    monkeypatch.setattr(setup, "create", broken_create)
    app = make_app(Store.in_memory(), secrets=setup)
    with pytest.raises(WorkerFailed):
        async with app.run_test(size=SIZE) as pilot:
            await lookup_answered(pilot)
            await pilot.press("a")
            await pilot.press("enter")  # "Use an encrypted file"
            await wait_shown(pilot, PassphraseScreen, "dialog")
            await typed(pilot, PASSPHRASE)
            await pilot.press("enter")
            await typed(pilot, PASSPHRASE)
            await pilot.press("enter")
            await wait_until(pilot, lambda: app.crash_report is not None, "the crash report")
    err = capsys.readouterr().err
    text = only_report(reports).read_text()
    for word in PASSPHRASE.split():
        assert word not in err and word not in text
    assert "ValueError: the KDF refused '[redacted]'" in text


async def test_a_dead_input_thread_is_reported_like_any_other_error(make_app, reports, capsys):
    """Textual's driver hands its input thread's error to App.panic with a traceback of
    its own (one byte that is not UTF-8 is enough): that goes to the handler too."""
    from rich.traceback import Traceback

    app = make_app(Store.in_memory())
    async with app.run_test(size=SIZE) as pilot:
        try:
            (ICCID.encode() + b"\xff").decode("utf-8")
        except UnicodeDecodeError:
            trace = Traceback()
        app.call_later(app.panic, trace)
        await wait_until(pilot, lambda: app.crash_report is not None, "the crash report")
    err = capsys.readouterr().err
    text = only_report(reports).read_text()
    assert "UnicodeDecodeError" in err and "Traceback" not in err and ICCID not in err
    assert "UnicodeDecodeError: 'utf-8' codec can't decode byte 0xff" in text
    assert "test_a_dead_input_thread" in text and ICCID not in text
    assert app.return_code == 1


async def test_the_crash_line_speaks_the_users_language(make_app, reports, capsys):
    from textual.css.query import NoMatches

    app = make_app(Store.in_memory(), lang="zh-CN")
    with pytest.raises(NoMatches):
        async with app.run_test(size=SIZE) as pilot:
            app.call_later(app.query_one, "#no-such-widget", Static)
            await wait_until(pilot, lambda: app.crash_report is not None, "the crash report")
    err = capsys.readouterr().err
    assert "意外错误（textual.css.query.NoMatches）" in err and "不含你的标识号的报告在" in err
