"""Shared fixtures: a fixed clock, stores, the real content, and the app factory."""

from __future__ import annotations

import os
import shutil
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

# Snapshots and colours must not depend on the developer's terminal settings.
for _name in list(os.environ):
    if _name.startswith("TEXTUAL_") or _name in ("NO_COLOR", "FORCE_COLOR", "COLORTERM"):
        del os.environ[_name]
os.environ["TZ"] = "UTC"
time.tzset()

from tui.content import load_content  # noqa: E402
from tui.paths import content_dir  # noqa: E402
from tui.store import Store  # noqa: E402
from tui.tracker import Tracker  # noqa: E402

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


@pytest.fixture(scope="session")
def content():
    loaded = load_content(content_dir())
    assert not loaded.errors, [str(e) for e in loaded.errors]
    return loaded


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock()


@pytest.fixture
def store() -> Store:
    return Store.in_memory()


@pytest.fixture
def tracker(store, content, clock) -> Tracker:
    return Tracker(store, content.playbooks, clock)


@pytest.fixture
def make_app(content, clock):
    """Build the app the way the CLI does, around a given store."""
    from tui.ui.app import create_app

    def build(store: Store | None = None, lang: str = "en", **kwargs):
        return create_app(
            store if store is not None else Store.in_memory(),
            lang=lang,
            clock=clock,
            content=kwargs.pop("content", content),
            **kwargs,
        )

    return build


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    path = tmp_path / "data"
    path.mkdir()
    return path
