"""config.yaml: language and key map; a broken file never stops the app."""

from __future__ import annotations

from tui.config import load_config


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
