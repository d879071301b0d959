"""Shared fixtures: a fixed clock, stores, the real content, and the app factory."""

from __future__ import annotations

import gc
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

# Snapshots and colours must not depend on the developer's terminal settings.
for _name in list(os.environ):
    if _name.startswith("TEXTUAL_SNAPSHOT_"):
        continue  # the snapshot plugin's own (its report folder, shared with xdist workers)
    if _name.startswith("TEXTUAL_") or _name in ("NO_COLOR", "FORCE_COLOR", "COLORTERM"):
        del os.environ[_name]
os.environ["TERM"] = "xterm-256color"  # what SSH gives; fewer colours change the theme
os.environ["TZ"] = "UTC"
os.environ["LC_ALL"] = "C.UTF-8"  # dates in the language's usual form, whatever the host
# the parsed-content cache (content_cache.py), and any data, config or state a test
# forgets to point elsewhere, go to folders of this process (each xdist worker has its
# own), never the user's
for _kind in ("CACHE", "DATA", "CONFIG", "STATE"):
    os.environ[f"XDG_{_kind}_HOME"] = tempfile.mkdtemp(prefix=f"cardoff-tests-{_kind.lower()}-")
time.tzset()

from tests.helpers.parsed_css import parse_css_once_per_process  # noqa: E402
from tui.base.paths import content_dir  # noqa: E402
from tui.domain.tracker import Tracker  # noqa: E402
from tui.library.content import load_content  # noqa: E402
from tui.storage.store import Store  # noqa: E402

parse_css_once_per_process()  # ~2,000 apps start in a test run: see parsed_css.py

START = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


class FixedClock:
    """Starts at START; each call moves one minute on, so log order is visible."""

    def __init__(self, start: datetime = START) -> None:
        self.now = start

    def __call__(self) -> datetime:
        moment = self.now
        self.now += timedelta(minutes=1)
        return moment


def require_tool(name: str) -> str:
    """The tool's path; skip when it is missing, but fail under CI."""
    path = shutil.which(name)
    if path is None:
        message = f"{name} is not installed"
        if IN_CI:
            pytest.fail(f"{message} (CI must install it in .ci/run)")
        pytest.skip(message)
    return path


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(autouse=True)
def english_dates():
    """Every test starts with dates in English and no locale variables: the app and
    some tests set the date locale for the process, and a test after them in the same
    worker read "12/31/9999" as Chinese dates (which test ran before it decided)."""
    from tui.base.clock import configure_dates

    configure_dates("en", {})
    yield


@pytest.fixture(autouse=True)
def no_screen_kept_after_its_test():
    """Textual memoizes a widget's background styles under the widget's line cache
    (StylesCache.get_inner_outer, an lru_cache of 1,024 entries on a method), which kept
    the last thousand widgets' drawn lines alive from test to test: some 200,000 objects
    (Strips and their caches) that every full collection of the cycle collector walked
    again. Emptied after each test; what it returns is worked out again from the colours
    when asked, as for a widget it has not seen."""
    yield
    from textual._styles_cache import StylesCache

    StylesCache.get_inner_outer.cache_clear()


@pytest.fixture(scope="session")
def content():
    loaded = load_content(content_dir(), check_shipped=True)
    assert not loaded.errors, [str(e) for e in loaded.errors]
    gc.collect()
    gc.freeze()  # kept for the whole run: see pytest_collection_finish
    return loaded


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock()


@pytest.fixture
def store() -> Store:
    return Store.in_memory()


@pytest.fixture
def tracker(store, content, clock) -> Tracker:
    return Tracker(store, content.playbooks, clock, issuers=content.issuers)


@pytest.fixture
def timers(clock):
    """The app's timers, moved only by `await timers.advance(seconds)` (which moves the
    clock as far): no Pilot test waits on the wall clock."""
    from tests.helpers.pilot import ManualTimers

    return ManualTimers(clock)


@pytest.fixture
def make_app(content, clock, timers):
    """Build the app the way the CLI does, around a given store, on the test's clock and
    timers."""
    from tui.ui.app import create_app

    def build(store: Store | None = None, lang: str = "en", **kwargs):
        return create_app(
            store if store is not None else Store.in_memory(),
            lang=lang,
            clock=clock,
            content=kwargs.pop("content", content),
            timers=kwargs.pop("timers", timers),
            **kwargs,
        )

    return build


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    path = tmp_path / "data"
    path.mkdir()
    return path


@pytest.fixture(scope="session")
def secret_service_env(tmp_path_factory):
    """A real Secret Service: a private D-Bus session with gnome-keyring unlocked on it.

    Follows ../shared/FINDINGS.md: throwaway HOME and XDG_RUNTIME_DIR, the password
    written without a newline, wait until the name has an owner, then check that the
    default collection is really unlocked (--unlock exits 0 even with a wrong password).
    """
    import subprocess

    for tool in ("dbus-daemon", "dbus-send", "gnome-keyring-daemon"):
        require_tool(tool)
    base = tmp_path_factory.mktemp("secret-service")
    home, runtime = base / "home", base / "run"
    home.mkdir()
    runtime.mkdir(mode=0o700)
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "DBUS_SESSION_BUS_ADDRESS")}
    env.update(HOME=str(home), XDG_RUNTIME_DIR=str(runtime))
    bus = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--nopidfile", "--print-address=1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=env,
        text=True,
    )
    env["DBUS_SESSION_BUS_ADDRESS"] = bus.stdout.readline().strip()
    daemon = subprocess.Popen(
        ["gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets"],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    daemon.stdin.write(b"test keyring password")
    daemon.stdin.close()

    def ask(*args: str) -> str:
        command = ["dbus-send", "--session", "--print-reply", *args]
        return subprocess.run(command, env=env, capture_output=True, text=True).stdout

    try:
        deadline = time.monotonic() + 120  # only a hang gets this far
        while "boolean true" not in ask(
            "--dest=org.freedesktop.DBus",
            "/org/freedesktop/DBus",
            "org.freedesktop.DBus.NameHasOwner",
            "string:org.freedesktop.secrets",
        ):
            if time.monotonic() > deadline or daemon.poll() is not None:
                pytest.fail("gnome-keyring-daemon did not take org.freedesktop.secrets")
            time.sleep(0.05)
        locked = ask(
            "--dest=org.freedesktop.secrets",
            "/org/freedesktop/secrets/aliases/default",
            "org.freedesktop.DBus.Properties.Get",
            "string:org.freedesktop.Secret.Collection",
            "string:Locked",
        )
        assert "boolean false" in locked, f"the keyring is still locked: {locked}"
        yield env
    finally:
        daemon.terminate()
        bus.terminate()
        daemon.wait(10)
        bus.wait(10)


@pytest.fixture
def secret_service(secret_service_env, monkeypatch):
    """The real Secret Service for this test, through keyring's own resolution."""
    import keyring.core

    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", secret_service_env["DBUS_SESSION_BUS_ADDRESS"])
    keyring.core.init_backend()  # resolve afresh, now that a bus is there
    yield secret_service_env


def run_cli(*args: str, data=None, config=None, env=None) -> subprocess.CompletedProcess:
    """`python -m tui [--data-dir D] [--config-dir C] ARGS`, output captured as text."""

    command = [sys.executable, "-m", "tui", *_dirs(data, config), *args]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)


def run_cli_here(*args: str, data=None, config=None, env=None) -> subprocess.CompletedProcess:
    """What run_cli runs, through the command line's `main` in this process
    (tests.helpers.in_process): for the variants of a claim that run_cli shows once."""
    from tests.helpers.in_process import run_main

    return run_main([*_dirs(data, config), *args], env)


def _dirs(data, config) -> list[str]:
    dirs = [] if data is None else ["--data-dir", str(data)]
    return dirs + ([] if config is None else ["--config-dir", str(config)])


@pytest.fixture
def tmux(tmp_path):
    """A tmux server of the test's own (skips without tmux, fails under CI)."""
    from tests.helpers.terminal import Tmux

    session = Tmux(tmp_path)
    yield session
    session.kill()


def pytest_collection_finish(session):
    """Python's cycle collector leaves alone what every test of this process shares,
    as the app's own start-up does for a session (tui.ui.app.collector_back_on): the
    modules imported before the first test (Textual's, Rich's, the app's; some 75,000
    objects), and the shipped content once loaded (the `content` fixture). Each full
    collection walked them all again; the objects a test makes are collected as before.
    A test that undoes the app's freeze (gc.unfreeze) undoes this one too: the rest of
    its process is slower, not different."""
    import tui.ui.app  # noqa: F401  (what make_app builds every app from)

    gc.collect()
    gc.freeze()
