"""Hostile YAML in the user's config dir: each file is refused with a message naming it
(and its line), and everything else still loads, in `validate`, `hotline`, `doctor`
and the app. A command that does not finish within HANG_SECONDS fails the test (a
hang, never a speed check: the slowest of these takes a second or two)."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.helpers.pilot import wait_until
from tui.config import load_config
from tui.content import ContentError, YamlDoc, load_content, parse_yaml, read_yaml
from tui.paths import content_dir
from tui.store import Store
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


# file (under the config dir) -> (bytes, what the error says, its line or None)
HOSTILE: dict[str, tuple[bytes, str, int | None]] = {
    "issuers/laughs.yaml": (LAUGHS.encode(), "anchors and aliases are not allowed", 1),
    "issuers/merge.yaml": (
        b"base: &base {region: GB}\nissuers:\n  - <<: *base\n",
        "anchors and aliases are not allowed",
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
        _issuer(
            "date", verified="true", source="https://example.com", checked="2026-13-45"
        ).encode(),
        "date: checked: '2026-13-45' is not a date",
        11,
    ),
    "issuers/markup-number.yaml": (
        _issuer("markup", number='"[b]95588"').encode(),
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


def _cli(*args: str, config: Path, data: Path) -> subprocess.CompletedProcess:
    """The installed `cardoff-tui` (else `python -m tui`), failing the test on a hang."""
    installed = Path(sys.executable).parent / "cardoff-tui"
    command = [str(installed)] if installed.exists() else [sys.executable, "-m", "tui"]
    env = {k: v for k, v in os.environ.items() if k != "DBUS_SESSION_BUS_ADDRESS"}
    env["PYTHONPATH"] = str(ROOT)
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


def test_each_hostile_file_is_refused_by_the_loader_and_the_rest_loads(tmp_path):
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
    assert len(loaded.issuers) == len(shipped.issuers) + 2
    assert loaded.strings == shipped.strings  # both user catalogs were refused
    assert len(loaded.playbooks) == len(shipped.playbooks)
    assert not (config / "PWNED").exists() and not Path("PWNED").exists()


def test_validate_names_every_hostile_file_and_line(tmp_path):
    config = _hostile_dir(tmp_path)
    result = _cli("validate", config=config, data=tmp_path / "data")
    assert result.returncode == 1
    _expect_each_error(result.stdout, config)
    assert f" {_error_count(config)} error(s)" in result.stdout
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
    assert f" file(s), {_error_count(config)} error(s): " in result.stdout
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
        await wait_until(pilot, lambda: "problem(s) in content" in status.message, "the notice")
        assert f"{_error_count(config)} problem(s) in content files" in status.message
        await pilot.press("h", *"credit union")
        await wait_until(pilot, lambda: isinstance(app.screen, HotlineScreen), "the hotlines")
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.clipboard == "+44 20 7946 0000", "the copied number")


def test_yes_and_no_keys_in_an_i18n_override_are_errors_with_their_lines(tmp_path):
    config = _config_dir(tmp_path, {"i18n/en.yaml": b"dialog:\n  yes: Sure\n  'no': Never\n"})
    errors = load_content(content_dir(), config).errors
    assert [(e.path.name, e.line) for e in errors] == [("en.yaml", 2)]
    quoted = _config_dir(tmp_path, {"i18n/en.yaml": b"dialog:\n  'yes': Sure\n"})
    loaded = load_content(content_dir(), quoted)
    assert loaded.errors == [] and loaded.strings["en"]["dialog.yes"] == "Sure"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{en: true}", "`true` is read as true or false here"),
        ("{en: 12}", "`12` is read as a number here"),
        ("{en: ~}", "`~` is read as nothing (null) here"),
        ("{en: 'yes'}", None),
        ("{en: 9:30}", None),  # YAML 1.1 read this as 570; it is text
        ("{en: 2026-11-24}", None),  # and this as a date
    ],
)
def test_values_read_as_something_other_than_text_say_so(tmp_path, text, message):
    playbook = (
        f"id: mine\nkind: bank\nintent: cancel\ntitle: {text}\n"
        "steps:\n  - {id: a, type: call, title: {en: Call}}\n"
    )
    config = _config_dir(tmp_path, {"playbooks/mine.yaml": playbook.encode()})
    loaded = load_content(content_dir(), config)
    if message is None:
        assert loaded.errors == [] and loaded.playbooks.get("mine").title.get("en")
    else:
        assert [e.line for e in loaded.errors] == [4] and message in loaded.errors[0].message


@pytest.mark.parametrize(
    "files",
    [
        {"config.yaml": b"lang: en\n"},
        {"issuers/.keep": b""},
        {"issuers/empty.yaml": b""},
        {"issuers/notes.yaml": b"# my issuers go here\n", "i18n/en.yaml": b"# none yet\n"},
        {"playbooks/notes.yaml": b"---\n# later\n", "config.yaml": b""},
        {},
    ],
    ids=["only-config", "empty-issuers-dir", "empty-file", "only-comments", "doc-start", "none"],
)
def test_an_empty_or_partial_config_dir_is_normal(tmp_path, files):
    from tui.doctor import _content
    from tui.paths import Paths

    config = _config_dir(tmp_path, files)
    config.mkdir(exist_ok=True)
    assert load_content(content_dir(), config).errors == []
    check = _content(Paths.resolve(str(tmp_path / "data"), str(config)))
    assert check.ok and check.text.endswith("no errors"), check.text
    result = _cli("validate", config=config, data=tmp_path / "data")
    assert result.returncode == 0 and " 0 error(s)" in result.stdout, result.stdout


def test_validate_reports_config_yaml_problems(tmp_path):
    config = _config_dir(tmp_path, {"config.yaml": b"lang: en\nmouse: off\n"})
    result = _cli("validate", config=config, data=tmp_path / "data")
    assert result.returncode == 1
    assert f"{config / 'config.yaml'}:2: mouse must be true or false, not 'off'" in result.stdout


def test_a_config_file_that_is_a_pipe_is_refused_not_waited_on(tmp_path):
    pipe = tmp_path / "config.yaml"
    os.mkfifo(pipe)
    done: list = []
    worker = threading.Thread(target=lambda: done.append(load_config(pipe)), daemon=True)
    worker.start()
    worker.join(HANG_SECONDS)
    assert done, "reading a pipe as config.yaml hung"
    assert "not a regular file" in done[0].problems[0]
    assert "not a regular file" in str(read_yaml(pipe))


def test_shipped_content_reads_the_same_under_the_strict_loader():
    """The shipped files use nothing the loader refuses (no anchors, no yes/no)."""
    for name in ("playbooks", "issuers", "i18n", "schema"):
        for path in sorted((content_dir() / name).glob("*.yaml")):
            doc = read_yaml(path)
            assert not isinstance(doc, type(None)) and not hasattr(doc, "message"), doc
            assert doc.problems == (), [str(p) for p in doc.problems]


HOSTILE_ADDRESSES = [
    "https://[/bold]evil.example",
    "https://evil.example/[/]",
    "https://x:port/",
    "[@click=app.quit]x",
    "https://[::1",
]


@pytest.mark.parametrize("address", HOSTILE_ADDRESSES)
async def test_the_hotline_screen_shows_any_address_as_text(make_app, content, clock, address):
    """Whatever reaches the screen (content checked by an older version, or a check
    missed), an address, a name or a number is shown as text and never stops it."""
    from dataclasses import replace

    from textual.command import CommandPalette
    from textual.widgets import OptionList, Static

    from tests.helpers.pilot import palette_choice
    from tui.issuers import Hotline, Issuer, IssuerDirectory
    from tui.model import CardFields
    from tui.playbook import Text
    from tui.tracker import Tracker
    from tui.ui.hotline_screen import HotlineScreen

    hotline = Hotline("[b]95588", "report-lost", True, "CN", source=address, short_code=True)
    issuer = Issuer(
        "evil", Text({"en": "[/bold]Evil [b]Bank"}), "CN", ("bank",), (hotline,), website=address
    )
    odd = replace(content, issuers=IssuerDirectory.of([*content.issuers.issuers.values(), issuer]))
    store = Store.in_memory()
    Tracker(store, odd.playbooks, clock).add_card(
        CardFields("Debit", "bank", "report-lost", "evil")
    )
    app = make_app(store, content=odd)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        issuer_line = str(app.query_one("#issuer-line", Static).render())
        assert "[b]95588" in issuer_line
        await pilot.press("h")
        await wait_until(pilot, lambda: isinstance(app.screen, HotlineScreen), "the hotlines")
        first = str(app.screen.query_one(OptionList).get_option_at_index(0).prompt)
        assert "[/bold]Evil [b]Bank" in first
        detail = str(app.screen.query_one("#hotline-detail", Static).render())
        assert f"website: {address}" in detail and f"source: {address}" in detail
        await pilot.press("escape", "ctrl+p", *"Evil")
        assert isinstance(app.screen, CommandPalette)
        await wait_until(
            pilot, lambda: "Evil" in palette_choice(pilot), "the issuer in the palette"
        )
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, HotlineScreen), "its hotlines")
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.clipboard == "[b]95588", "the number copied")


async def test_screen_markup_in_an_i18n_override_is_refused_and_the_screen_opens(
    tmp_path, make_app
):
    from tui.ui.hotline_screen import HotlineScreen

    config = _config_dir(
        tmp_path,
        {"i18n/en.yaml": b"hotline:\n  hint: '[/b]oops'\n  title: '[@click=app.quit]x'\n"},
    )
    loaded = load_content(content_dir(), config)
    assert [(e.line, e.message.split(":")[0]) for e in loaded.errors] == [
        (2, "hotline.hint"),
        (3, "hotline.title"),
    ]
    escaped = _config_dir(tmp_path, {"i18n/en.yaml": b"hotline:\n  hint: 'a \\[/b] bracket'\n"})
    assert load_content(content_dir(), escaped).errors == []
    app = make_app(content=loaded)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h")
        await wait_until(pilot, lambda: isinstance(app.screen, HotlineScreen), "the hotlines")
        assert app.screen.query_one(".dialog-hint").render()


def test_the_installed_app_starts_in_a_terminal_on_hostile_content(tmux, tmp_path):
    """The real start-up, in tmux at 80x24: the app opens, says how many problems it
    skipped, finds the user's good issuer, and quits."""
    config = _hostile_dir(tmp_path)
    installed = Path(sys.executable).parent / "cardoff-tui"
    command = [str(installed)] if installed.exists() else [sys.executable, "-m", "tui"]
    tmux.env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    tmux.env["PYTHONPATH"] = str(ROOT)
    tmux.start([*command, "--config-dir", str(config), "--data-dir", str(tmp_path / "data")])
    tmux.wait_for(f"{_error_count(config)} problem(s) in content files", timeout=HANG_SECONDS)
    tmux.keys("h")
    tmux.wait_focus("Issuer name")  # the search field, ready for typing
    tmux.keys("credit union", literal=True)
    tmux.wait_for("My Credit Union · GB · yours")
    tmux.keys("Enter")
    tmux.wait_for("Copied +44 20 7946 0000")
    tmux.keys("q")
    tmux.wait_gone()


YAML_PIECES = st.sampled_from(
    [
        "a",
        "b: ",
        "- ",
        "  ",
        "\n",
        "&x ",
        "*x",
        "!!str ",
        "!!python/name:os.system ",
        "yes",
        "no",
        "on",
        "~",
        "010",
        "9:30",
        "2026-13-45",
        "true",
        "[",
        "]",
        "{",
        "}",
        ", ",
        "? ",
        "<<: ",
        "'",
        '"',
        "|\n",
        "#",
        "---\n",
        "\ufeff",
        "\x85",
        "工行",
        "1e9999",
        ".nan",
    ]
)


@settings(max_examples=300, deadline=None)
@given(text=st.lists(YAML_PIECES, max_size=40).map("".join) | st.text(max_size=200))
def test_the_reader_never_raises_and_gives_only_plain_values(text):
    doc = parse_yaml(text, Path("fuzz.yaml"))
    if isinstance(doc, ContentError):
        assert doc.message and doc.path.name == "fuzz.yaml"
        return
    stack = [doc.data]
    while stack:
        value = stack.pop()
        assert isinstance(value, dict | list | str | int | float | bool | type(None))
        if isinstance(value, dict):
            assert all(isinstance(key, str) for key in value)
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)


@settings(max_examples=100, deadline=None)
@given(raw=st.binary(max_size=300))
def test_the_reader_takes_any_bytes(tmp_path_factory, raw):
    path = tmp_path_factory.mktemp("bytes") / "any.yaml"
    path.write_bytes(raw)
    doc = read_yaml(path)
    assert isinstance(doc, YamlDoc) or doc.message
