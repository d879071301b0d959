"""config.yaml: language and key map; a broken file never stops the app."""

from __future__ import annotations

from tui.domain.config import load_config


def test_missing_file_gives_defaults(tmp_path):
    config = load_config(tmp_path / "config.yaml")
    assert (config.lang, config.keymap, config.problems) == (None, {}, ())


def test_lang_and_keymap(tmp_path):
    path = tmp_path / "config.yaml"
    path.write_text("lang: zh-CN\nkeymap:\n  app.add: n\n  steps.toggle: 'space,enter'\n")
    config = load_config(path)
    assert config.lang == "zh-CN"
    assert config.keymap == {"app.add": "n", "steps.toggle": "space,enter"}
    assert config.problems == ()


def test_problems_are_reported_with_lines_and_the_file_kept(tmp_path):
    path = tmp_path / "config.yaml"
    text = "lang: klingon\nkeymap:\n  app.add: 3\n  app.quit: q\n"
    path.write_text(text)
    config = load_config(path)
    assert config.lang is None and config.keymap == {"app.quit": "q"}
    assert [p.split(": ")[0] for p in config.problems] == [f"{path}:1", f"{path}:3"]
    assert path.read_text() == text


def test_unparseable_file(tmp_path):
    path = tmp_path / "config.yaml"
    path.write_text("lang: [en\n")
    config = load_config(path)
    assert config.lang is None and "invalid YAML" in config.problems[0]
    assert load_config(_write(tmp_path, "- a list\n")).problems


def _write(tmp_path, text):
    path = tmp_path / "other.yaml"
    path.write_text(text)
    return path


async def test_config_problems_show_in_the_status_line(make_app, tmp_path):
    from tui.ui.status_line import StatusLine

    path = _write(tmp_path, "lang: klingon\n")
    app = make_app(notices=load_config(path).problems)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "unknown lang 'klingon'" in app.query_one(StatusLine).message


def test_backups_setting(tmp_path):
    path = _write(tmp_path, "backups: 12\n")
    assert load_config(path).backups == 12
    bad = load_config(_write(tmp_path, "backups: lots\n"))
    assert bad.backups == 5 and "backups must be a whole number" in bad.problems[0]


def test_clipboard_and_idle_lock_settings(tmp_path):
    defaults = load_config(tmp_path / "missing.yaml")
    assert (defaults.clipboard_clear, defaults.vault_idle_lock) == (30, 600)
    config = load_config(_write(tmp_path, "clipboard_clear: 0\nvault_idle_lock: 120\n"))
    assert (config.clipboard_clear, config.vault_idle_lock, config.problems) == (0, 120, ())
    path = _write(tmp_path, "lang: en\nclipboard_clear: off\nvault_idle_lock: -5\n")
    bad = load_config(path)
    assert (bad.clipboard_clear, bad.vault_idle_lock) == (30, 600)
    assert bad.problems == (
        f"{path}:2: clipboard_clear must be a whole number of seconds from 0 (off) to 3600; "
        "using 30",
        f"{path}:3: vault_idle_lock must be a whole number of seconds from 0 (off) to 86400; "
        "using 600",
    )


def test_the_command_line_hands_them_to_the_app(tmp_path):
    import gc

    from tui.base.paths import Paths
    from tui.cli.open_app import build_app
    from tui.cli.parser import build_parser

    (tmp_path / "config.yaml").write_text("clipboard_clear: 5\nvault_idle_lock: 0\n")
    args = build_parser().parse_args(["--demo"])
    try:
        app, store, _mouse = build_app(args, Paths(tmp_path / "data", tmp_path))
    finally:  # build_app freezes what exists and turns the cycle collector off, for
        gc.unfreeze()  # the session it starts (its first frame turns it back on)
        gc.enable()
    assert (app.clipboard_clear, app.vault_idle_lock) == (5, 0)
    store.close()


def test_home_is_a_country_code(tmp_path):
    """`home: CN` says where the user lives (it wins over the guess from their cards);
    any case, UK read as GB."""
    assert load_config(tmp_path / "missing.yaml").home == ""
    for written, home in (("CN", "CN"), ("us", "US"), ("UK", "GB"), ("' hk '", "HK")):
        config = load_config(_write(tmp_path, f"home: {written}\n"))
        assert (config.home, config.problems) == (home, ()), written


def test_a_bad_home_is_reported_and_the_guess_used(tmp_path):
    for written, shown in (("China", "'China'"), ("XX", "'XX'"), ("ZZ", "'ZZ'"), ("86", "86"),
                           ("[CN]", '["CN"]'), ("", "empty")):
        path = _write(tmp_path, f"lang: en\nhome: {written}\n")
        config = load_config(path)
        assert config.home == "", written
        assert config.problems == (
            f"{path}:2: home must be a two-letter country code such as CN or US, not {shown}; "
            "using the country most of your own cards are from",
        ), written


def _deep_config(tmp_path, text: str):
    """A config.yaml as deep in folders as a real one can be, whose path alone fills
    the status line at 80 columns."""
    folder = tmp_path / "home" / "someone-with-a-long-name" / ".config" / "cardoff-tui"
    folder.mkdir(parents=True)
    path = folder / "config.yaml"
    path.write_text(text)
    return path


async def test_a_config_problem_on_the_status_line_says_the_reason_first(make_app, tmp_path):
    """The status line cuts a long message: what is wrong comes first, the file last (the
    messages screen, `M`, has it whole)."""
    from tui.ui.status_line import StatusLine

    path = _deep_config(tmp_path, "mouse: off\n")
    reasons = {"en": "mouse must be true or false", "zh-CN": "mouse 应为 true 或 false"}
    for lang, reason in reasons.items():
        app = make_app(notices=load_config(path).problems, lang=lang)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            status = app.query_one(StatusLine)
            assert status._message_text().plain.startswith(reason), lang
            whole = status.said[-1].text
            assert whole.startswith(reason) and f"{path}:1" in whole, lang
            assert whole.index(reason) < whole.index(str(path)), lang


async def test_config_problems_come_before_the_demo_notice(make_app, tmp_path):
    """A problem is a warning: in the demo too it is what the status line shows first."""
    from tui.ui.status_line import StatusLine

    path = _deep_config(tmp_path, "mouse: off\n")
    app = make_app(notices=load_config(path).problems, demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.query_one(StatusLine).message.startswith("mouse must be true or false")
