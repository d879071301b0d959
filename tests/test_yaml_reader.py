"""The YAML reader's rules one by one: YAML 1.2 values and the 1.1 forms it reports,
empty and partial config dirs, config.yaml, and any text or bytes (hypothesis)."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.test_hostile_yaml import HANG_SECONDS, _cli, _cli_here, _config_dir
from tui.base.paths import content_dir
from tui.domain.config import load_config
from tui.library.content import ContentError, YamlDoc, load_content, parse_yaml, read_yaml


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
    from tui.base.paths import Paths
    from tui.cli.doctor import _content, english

    config = _config_dir(tmp_path, files)
    config.mkdir(exist_ok=True)
    assert load_content(content_dir(), config).errors == []
    check = _content(Paths.resolve(str(tmp_path / "data"), str(config)), english())
    assert check.ok and check.text.endswith("no errors"), check.text
    result = _cli_here("validate", config=config, data=tmp_path / "data")
    assert result.returncode == 0 and " 0 errors" in result.stdout, result.stdout


def test_validate_reports_config_yaml_problems(tmp_path):
    """The installed command (the other tests here run its `main` in this process)."""
    config = _config_dir(tmp_path, {"config.yaml": b"lang: en\nmouse: off\n"})
    result = _cli("validate", config=config, data=tmp_path / "data")
    assert result.returncode == 1
    assert f"{config / 'config.yaml'}:2: mouse must be true or false, not 'off'" in result.stdout


@pytest.mark.parametrize(
    "text", [b"mouse: no\n", b"a: &x [1]\nb: *x\n", b"lang: [unclosed\n"],
    ids=["yaml11-boolean", "alias", "not-yaml"],
)
def test_doctor_names_what_validate_reports_in_config_yaml(tmp_path, text):
    """doctor and validate read config.yaml the same way: what validate reports as an
    error, doctor names as a warning on the config dir line (the app runs on defaults)."""
    config = _config_dir(tmp_path, {"config.yaml": text})
    assert _cli_here("validate", config=config, data=tmp_path / "data").returncode == 1
    out = _cli_here("doctor", config=config, data=tmp_path / "data").stdout
    [line] = [line for line in out.splitlines() if " config dir " in line]
    assert line.startswith("WARN") and "config.yaml" in line, line


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


def test_a_pipe_named_as_content_is_refused_by_validate_not_waited_on(tmp_path):
    from tui.library.content import validate_path

    pipe = tmp_path / "mine.yaml"
    os.mkfifo(pipe)
    done: list = []
    worker = threading.Thread(
        target=lambda: done.append(validate_path(pipe, content_dir())), daemon=True
    )
    worker.start()
    worker.join(HANG_SECONDS)
    assert done, "validating a pipe hung"
    checked, errors = done[0]
    assert checked == 1 and [e.message for e in errors] == [
        "not a regular file; content files are YAML files"
    ]


def test_a_folder_that_cannot_be_listed_is_reported_and_the_rest_loads(tmp_path, monkeypatch):
    """Root reads every folder, so the refusal a user meets (no permission) is made here
    by the one call that lists a folder."""
    config = _config_dir(
        tmp_path, {"issuers/x.yaml": b"", "i18n/en.yaml": b"pane: {cards: Mine}\n"}
    )
    listing = Path.iterdir

    def refuse(folder: Path):
        if folder == config / "issuers":
            raise PermissionError(13, "Permission denied")
        return listing(folder)

    monkeypatch.setattr(Path, "iterdir", refuse)
    loaded = load_content(content_dir(), config)
    assert [str(e) for e in loaded.errors] == [
        f"{config / 'issuers'}: cannot list: Permission denied"
    ]
    assert loaded.strings["en"]["pane.cards"] == "Mine"


@pytest.mark.parametrize("libyaml", [True, False], ids=["libyaml", "pure-python"])
def test_both_parsers_read_the_same_way(monkeypatch, libyaml):
    """PyYAML without libyaml (some installs) gets the same rules."""
    import yaml

    from tui.library import yaml_reader

    monkeypatch.setattr(yaml, "__with_libyaml__", libyaml and yaml.__with_libyaml__)
    yaml_reader._loader.cache_clear()
    try:
        doc = parse_yaml("a: 010\nb: 9:30\nc: true\nd: 'no'\ne: [1.5, ~]\n", Path("x.yaml"))
        assert doc.data == {"a": 10, "b": "9:30", "c": True, "d": "no", "e": [1.5, None]}
        refused = parse_yaml("a: &x 1\nb: *x\n", Path("x.yaml"))
        assert isinstance(refused, ContentError) and refused.line == 1
        deep = parse_yaml("[" * 40 + "]" * 40, Path("x.yaml"))
        assert "nested more than 32 levels deep" in deep.message
        assert [p.line for p in parse_yaml("a: yes\nb: off\n", Path("x.yaml")).problems] == [1, 2]
    finally:
        yaml_reader._loader.cache_clear()
