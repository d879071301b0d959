"""Hostile YAML in the user's config dir: each file is refused with a message naming it
(and its line), or, where only one line of an issuer is bad, that line is left out;
everything else still loads, in `validate`, `hotline`, `doctor`
and the app. A command that does not finish within HANG_SECONDS fails the test (a
hang, never a speed check: the slowest of these takes a second or two)."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import threading
from pathlib import Path

from tests.helpers.pilot import wait_until
from tui.base.paths import content_dir
from tui.library.content import load_content
from tui.storage.store import Store
from tui.ui.status_line import StatusLine

HANG_SECONDS = 120
ROOT = Path(__file__).resolve().parent.parent

GOOD_ISSUER = """\
issuers:
  - id: my-credit-union
    name: {en: My Credit Union}
    region: GB
    kinds: [bank]
    hotlines:
      - number: "+44 20 7946 0000"
        purpose: customer-service
        verified: false
"""

LAUGHS = "\n".join(
    [
        'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
        *(
            f"{name}: &{name} [{','.join(['*' + prev] * 9)}]"
            for prev, name in zip("abcdefgh", "bcdefghi", strict=True)
        ),
    ]
)


def _issuer(issuer_id: str, number: str = '"+44 20 7946 0000"', **fields: str) -> str:
    """An issuer file like GOOD_ISSUER with one hotline: `number`, then `fields`."""
    fields = {"purpose": "customer-service", "verified": "false", **fields}
    lines = "".join(f"        {key}: {value}\n" for key, value in fields.items())
    head = GOOD_ISSUER.split("      - number")[0].replace("my-credit-union", issuer_id)
    return f"{head}      - number: {number}\n{lines}"


# a good second line for the files whose first line is bad: a bad number, source or
# date leaves out only its own entry (tui.library.issuer_checks), so this one still loads
SECOND_LINE = """\
      - number: "+44 20 7946 0001"
        purpose: report-lost
        verified: false
"""

# file (under the config dir) -> (bytes, what the error says, its line or None)
HOSTILE: dict[str, tuple[bytes, str, int | None]] = {
    "issuers/laughs.yaml": (
        LAUGHS.encode(),
        "anchors and aliases (&name, *name) are not allowed",
        1,
    ),
    "issuers/merge.yaml": (
        b"base: &base {region: GB}\nissuers:\n  - <<: *base\n",
        "anchors and aliases (&name, *name) are not allowed",
        1,
    ),
    "issuers/deep.yaml": (b"[" * 5000 + b"]" * 5000, "invalid YAML", 1),
    "issuers/deep-block.yaml": (
        "".join(f"{'  ' * i}k:\n" for i in range(60)).encode() + b"  " * 60 + b"v\n",
        "nested more than 32 levels deep",
        33,
    ),
    "issuers/huge.yaml": (b"# padding\n" * 200_000, "larger than 1,000,000 bytes", None),
    "issuers/many.yaml": (b"- a\n" * 240_000, "more than 200,000 values", 200_000),
    "issuers/python.yaml": (
        b'issuers: !!python/object/apply:os.system ["touch PWNED"]\n',
        "the tag !!python/object/apply:os.system is not allowed",
        1,
    ),
    "issuers/twice.yaml": (
        GOOD_ISSUER.replace("    region: GB\n", "    region: GB\n    region: CN\n").encode(),
        "the key 'region' appears twice (first on line 4)",
        5,
    ),
    "issuers/gbk.yaml": (
        GOOD_ISSUER.replace("My Credit Union", "工行").encode("gbk"),
        "not UTF-8 text (byte 0xb9)",
        3,
    ),
    "issuers/utf16.yaml": (GOOD_ISSUER.encode("utf-16"), "UTF-16 text", 1),
    "issuers/url.yaml": (
        _issuer("url", verified="true", source="https://[/bold]evil.example").encode(),
        "url: source: 'https://[/bold]evil.example' is not a web address",
        10,
    ),
    "issuers/date.yaml": (
        (
            _issuer("date", verified="true", source="https://example.com", checked="2026-13-45")
            + SECOND_LINE
        ).encode(),
        "date: checked: '2026-13-45' is not a date",
        11,
    ),
    "issuers/markup-number.yaml": (
        (_issuer("markup", number='"[b]95588"') + SECOND_LINE).encode(),
        "should hold only digits",
        7,
    ),
    "issuers/true-key.yaml": (b"true: x\n", "the key `true` is read as true or false", 1),
    "i18n/en.yaml": (
        b"dialog:\n  yes: Sure\n  no: Never mind\n",
        "the unquoted key `yes` (under dialog) is true to YAML 1.1",
        2,
    ),
    "i18n/zh-CN.yaml": (
        b"pane:\n  cards: on\n",
        "pane.cards: unquoted `on` is true to YAML 1.1",
        2,
    ),
    "playbooks/number-title.yaml": (
        b"id: mine\nkind: bank\nintent: cancel\ntitle: {en: 010}\nsteps:\n"
        b"  - {id: a, type: call, title: {en: Call}}\n",
        "title.en: `010` is read as a number here; quote it ('010') if it is text",
        4,
    ),
}


def _config_dir(tmp_path: Path, files: dict[str, bytes]) -> Path:
    config = tmp_path / "config"
    for name, raw in files.items():
        path = config / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(raw)
    return config


def _hostile_dir(tmp_path: Path) -> Path:
    files = {name: raw for name, (raw, _, _) in HOSTILE.items()}
    files["issuers/mine.yaml"] = GOOD_ISSUER.encode()
    files["issuers/bom.yaml"] = b"\xef\xbb\xbf" + GOOD_ISSUER.replace("my-credit", "bom").encode()
    return _config_dir(tmp_path, files)


def _cli_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DBUS_SESSION_BUS_ADDRESS"}
    env["PYTHONPATH"] = str(ROOT)
    return env


def _cli_here(*args: str, config: Path, data: Path) -> subprocess.CompletedProcess:
    """What _cli runs, through the command line's `main` in this process (no hang
    guard: for content whose hang is not what the test is about)."""
    from tests.helpers.in_process import run_main

    argv = ["--config-dir", str(config), "--data-dir", str(data), *args]
    return run_main(argv, _cli_env(), cwd=config)


def _cli(*args: str, config: Path, data: Path) -> subprocess.CompletedProcess:
    """The installed `cardoff-tui` (else `python -m tui`), failing the test on a hang."""
    installed = Path(sys.executable).parent / "cardoff-tui"
    command = [str(installed)] if installed.exists() else [sys.executable, "-m", "tui"]
    env = _cli_env()
    try:
        return subprocess.run(
            [*command, "--config-dir", str(config), "--data-dir", str(data), *args],
            capture_output=True,
            text=True,
            env=env,
            cwd=config,
            timeout=HANG_SECONDS,
        )
    except subprocess.TimeoutExpired:
        raise AssertionError(f"cardoff-tui {' '.join(args)} hung on hostile YAML") from None


def _expect_each_error(output: str, config: Path) -> None:
    """Each hostile file is named with its line and what is wrong; the good ones not."""
    for name, (_, message, line) in HOSTILE.items():
        where = f"{config / name}:{line}:" if line else f"{config / name}:"
        said = [row for row in output.splitlines() if where in row]
        assert said and message in said[0], (name, said)
    assert "mine.yaml" not in output and "bom.yaml" not in output


def _error_count(config: Path) -> int:
    """Errors in the hostile config dir: one or more per hostile file (en.yaml has two)."""
    errors = load_content(content_dir(), config).errors
    assert len({e.path for e in errors}) == len(HOSTILE)
    return len(errors)


def test_each_hostile_file_or_line_is_refused_by_the_loader_and_the_rest_loads(tmp_path):
    config = _hostile_dir(tmp_path)
    done: list = []
    worker = threading.Thread(
        target=lambda: done.append(load_content(content_dir(), config)), daemon=True
    )
    worker.start()
    worker.join(HANG_SECONDS)
    assert done, "loading hostile YAML hung"
    loaded = done[0]
    _expect_each_error("\n".join(map(str, loaded.errors)), config)
    assert len({e.path for e in loaded.errors}) == len(HOSTILE)
    shipped = load_content(content_dir())
    assert loaded.issuers.get("my-credit-union").from_user
    assert loaded.issuers.get("bom-union").from_user  # a byte-order mark is fine
    # a bad number or date leaves out that line only: the issuer and its good line load
    for issuer_id in ("date", "markup"):
        issuer = loaded.issuers.get(issuer_id)
        assert issuer.from_user
        assert [(h.number, h.purpose) for h in issuer.hotlines] == [
            ("+44 20 7946 0001", "report-lost")
        ]
    # screen markup (the source of url.yaml) leaves out its line, as a bad number does
    assert loaded.issuers.get("url").from_user and loaded.issuers.get("url").hotlines == ()
    assert len(loaded.issuers) == len(shipped.issuers) + 5
    assert loaded.strings == shipped.strings  # both user catalogs were refused
    assert len(loaded.playbooks) == len(shipped.playbooks)
    assert not (config / "PWNED").exists() and not Path("PWNED").exists()


def test_validate_names_every_hostile_file_and_line(tmp_path):
    config = _hostile_dir(tmp_path)
    result = _cli("validate", config=config, data=tmp_path / "data")
    assert result.returncode == 1
    _expect_each_error(result.stdout, config)
    assert f" {_error_count(config)} errors" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_hotline_skips_hostile_files_and_finds_the_rest(tmp_path):
    config = _hostile_dir(tmp_path)
    mine = _cli("hotline", "My Credit Union", config=config, data=tmp_path / "data")
    assert mine.returncode == 0, mine.stderr
    assert "My Credit Union · GB (yours)" in mine.stdout
    _expect_each_error(mine.stderr, config)
    assert all(row.startswith("cardoff-tui: skipped ") for row in mine.stderr.splitlines())
    shipped = _cli("hotline", "工行", config=config, data=tmp_path / "data")
    assert shipped.returncode == 0 and "95588" in shipped.stdout


def test_doctor_reports_hostile_content_and_finishes(tmp_path):
    config = _hostile_dir(tmp_path)
    result = _cli("doctor", config=config, data=tmp_path / "data")
    assert result.returncode == 1
    assert f" files, {_error_count(config)} errors: " in result.stdout
    assert "FAIL content" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


async def test_app_starts_on_hostile_content_and_says_how_many_files_were_skipped(
    tmp_path, clock, timers
):
    from tui.ui.app import create_app
    from tui.ui.hotline_screen import HotlineScreen

    config = _hostile_dir(tmp_path)
    build = asyncio.to_thread(
        create_app, Store.in_memory(), user_dir=config, clock=clock, timers=timers
    )
    app = await asyncio.wait_for(build, HANG_SECONDS)
    async with app.run_test(size=(80, 24)) as pilot:
        status = app.query_one(StatusLine)
        await wait_until(pilot, lambda: "problems in content" in status.message, "the notice")
        assert f"{_error_count(config)} problems in content files" in status.message
        await pilot.press("h", *"credit union")
        await wait_until(pilot, lambda: isinstance(app.screen, HotlineScreen), "the hotlines")
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.clipboard == "+44 20 7946 0000", "the copied number")


def test_the_installed_app_starts_in_a_terminal_on_hostile_content(tmux, tmp_path):
    """The real start-up, in tmux at 80x24: the app opens, says how many problems it
    skipped, finds the user's good issuer, and quits."""
    config = _hostile_dir(tmp_path)
    installed = Path(sys.executable).parent / "cardoff-tui"
    command = [str(installed)] if installed.exists() else [sys.executable, "-m", "tui"]
    tmux.env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    tmux.env["PYTHONPATH"] = str(ROOT)
    tmux.start([*command, "--config-dir", str(config), "--data-dir", str(tmp_path / "data")])
    tmux.run("set-option", "-s", "set-clipboard", "on")  # so the copy below can reach tmux
    tmux.wait_for(f"{_error_count(config)} problems in content files", timeout=HANG_SECONDS)
    tmux.keys("h")
    from tui.library.content import english

    # the search field, ready for typing
    tmux.wait_focus(english()("hotline.placeholder").split(",")[0])
    tmux.keys("credit union", literal=True)
    tmux.wait_for("My Credit Union · GB · yours")
    tmux.keys("Enter")
    tmux.wait_for("Copied +44 20 7946 0000")
    tmux.keys("q")
    tmux.wait_gone()
