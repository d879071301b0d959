"""`cardoff-tui doctor` on a machine with no session bus (as over SSH)."""

from __future__ import annotations

import json
import os
from datetime import timedelta, timezone
from pathlib import Path

from tests.conftest import run_cli
from tui.domain.tracker import Tracker
from tui.records.card_fields import CardFields
from tui.records.identifiers import Identifier
from tui.storage.json_storage import list_backups
from tui.storage.store import DB_FILENAME, Store

ROOT = str(Path(__file__).resolve().parent.parent)


def doctor(data: Path, config: Path | None = None, **env_extra: str):
    env = {k: v for k, v in os.environ.items() if k not in ("DBUS_SESSION_BUS_ADDRESS", "TMUX")}
    env.update(PYTHONPATH=ROOT, TERM="xterm-256color", SSH_TTY="/dev/pts/9", **env_extra)
    env.pop("COLORTERM", None)
    return run_cli("doctor", data=data, config=config or data / "config", env=env)


def test_fresh_machine_without_keyring_is_fine(tmp_path):
    result = doctor(tmp_path / "data")
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    assert "keyring         none" in out and "offered in the app" in out
    assert "colours         256 (TERM=xterm-256color, COLORTERM=unset)" in out
    assert "over SSH" in out and "not created yet" in out


def test_damaged_database_fails_and_is_kept(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / DB_FILENAME).write_text("{oops")
    result = doctor(data)
    assert result.returncode == 1 and "FAIL database" in result.stdout
    assert (data / DB_FILENAME).read_text() == "{oops"


def test_broken_user_content_fails(tmp_path):
    config = tmp_path / "config"
    (config / "playbooks").mkdir(parents=True)
    (config / "playbooks" / "x.yaml").write_text("id: x\n")
    (config / "config.yaml").write_text("lang: zh-CN\n")  # not a playbook: not checked as one
    result = doctor(tmp_path / "data", config)
    assert result.returncode == 1 and "故障 内容文件" in result.stdout  # config.yaml's lang
    assert "x.yaml:1: 'kind' is a required property" in result.stdout


def test_missing_vault_with_identifiers_in_it_fails(tmp_path, content, clock):
    data = tmp_path / "data"
    store = Store.open(data / DB_FILENAME)
    card = Tracker(store, content.playbooks, clock).add_card(CardFields("eSIM", "esim", "cancel"))
    store.save_card(card.with_identifier("iccid", Identifier("3333", "vault"), card.updated))
    store.close()
    result = doctor(data)
    assert result.returncode == 1
    assert "FAIL encrypted file" in result.stdout and "MISSING" in result.stdout


def test_doctor_does_not_upgrade_an_old_file(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    old = {
        "cards": {
            "1": {
                "id": "c1",
                "label": "Old",
                "kind": "bank",
                "intent": "cancel",
                "masked_id": "1234",
                "created": "2026-01-01T00:00:00+00:00",
                "updated": "2026-01-01T00:00:00+00:00",
            }
        },
        "meta": {"1": {"schema_version": 1}},
    }
    (data / DB_FILENAME).write_text(json.dumps(old))
    result = doctor(data)
    assert result.returncode == 0, result.stdout
    assert "schema 1, 1 card)" in result.stdout
    assert json.loads((data / DB_FILENAME).read_text()) == old


def test_a_bad_home_setting_is_reported(tmp_path):
    config = tmp_path / "config"
    config.mkdir()
    (config / "config.yaml").write_text("home: China\n", encoding="utf-8")
    result = doctor(tmp_path / "data", config)
    out = result.stdout
    assert "home must be a two-letter country code such as CN or US, not 'China'" in out, out
    assert "using the country most of your own cards are from" in out, out
    (config / "config.yaml").write_text("lang: zh-CN\nhome: China\n", encoding="utf-8")
    zh = doctor(tmp_path / "data", config).stdout
    assert "home 应为两个字母的国家或地区代码，例如 CN 或 US，而不是“China”" in zh, zh


def test_an_unknown_theme_and_an_unusable_keymap_are_reported(tmp_path):
    """`theme: nosuchtheme` and keymap entries the app leaves out were not named by
    doctor (the app said them at start): doctor names each, with what is used instead,
    as a warning."""
    config = tmp_path / "config"
    config.mkdir()
    (config / "config.yaml").write_text(
        "theme: nosuchtheme\nkeymap:\n  app.nothing: x\n  app.add: ctrl+\n", encoding="utf-8"
    )
    result = doctor(tmp_path / "data", config)
    out = result.stdout
    assert result.returncode == 0 and "WARN config dir" in out, out
    assert "config.yaml:1: theme 'nosuchtheme' is not one of the themes here; " in out, out
    assert "using the default theme (the themes: textual-dark, " in out and "nord" in out
    assert "keymap: app.nothing is no key binding of the app; left out" in out, out
    assert "keymap: app.add is not a key the app can use (ctrl+); it keeps a" in out, out
    (config / "config.yaml").write_text("lang: zh-CN\ntheme: nosuchtheme\n", encoding="utf-8")
    zh = doctor(tmp_path / "data", config).stdout
    assert "主题“nosuchtheme”不在可用主题中；使用默认主题（可用的主题：textual-dark、" in zh, zh
    (config / "config.yaml").write_text("theme: nord\n", encoding="utf-8")
    assert "ok   config dir" in doctor(tmp_path / "data", config).stdout


def test_a_config_dir_that_is_a_file_is_a_problem(tmp_path):
    """`--config-dir /dev/null` was reported ok: a config dir that is a file, or under
    one, is named with what is done instead (the defaults; settings changed in the app
    are not saved), in the user's language; the file is left as it was."""
    blocker = tmp_path / "afile"
    blocker.write_text("x\n")
    for config, said in (
        (
            Path(os.devnull),
            f"WARN config dir      {os.devnull}: the config dir is a file, not a folder: ",
        ),
        (blocker, f"{blocker}: the config dir is a file, not a folder: "),
        (blocker / "sub", f"the config dir cannot be made ({blocker} is a file): "),
    ):
        result = doctor(tmp_path / "data", config)
        assert said in result.stdout, result.stdout
        assert (
            "the default settings are used, and a setting changed in the app is not saved"
            in result.stdout
        )
        assert "FAIL content" not in result.stdout and "Traceback" not in result.stderr
    zh = doctor(tmp_path / "data", Path(os.devnull), LC_ALL="zh_CN.UTF-8").stdout
    assert (
        "配置目录是文件，不是文件夹：不会从中读取 config.yaml 或你自己的内容，使用默认设置" in zh
    ), zh
    assert blocker.read_text() == "x\n"
    due = run_cli("due", data=tmp_path / "data", config=blocker)  # a command says it too
    assert "the config dir is a file, not a folder" in due.stderr and due.returncode == 0


def test_restore_and_doctor_show_a_backups_time_alike_with_its_zone(tmp_path, content, clock):
    """`restore` listed a backup's local time with no zone while doctor said the same
    backup's time in UTC: both now say the user's local time and its offset from UTC,
    in either language."""
    data = tmp_path / "data"
    store = Store.open(data / DB_FILENAME)
    Tracker(store, content.playbooks, clock).add_card(CardFields("Debit", "bank", "cancel"))
    store.close()
    store = Store.open(data / DB_FILENAME)  # a second session's first change: a backup
    Tracker(store, content.playbooks, clock).add_card(CardFields("Credit", "bank", "cancel"))
    store.close()
    backup = list_backups(data / DB_FILENAME)[0]  # the newest: restore 1
    shanghai = backup.taken.astimezone(timezone(timedelta(hours=8)))
    when = f"{shanghai:%Y-%m-%d %H:%M:%S} UTC+08:00"
    env = {**os.environ, "TZ": "Asia/Shanghai", "PYTHONPATH": ROOT}
    for lang in ("en", "zh-CN"):
        listed = run_cli("--lang", lang, "restore", data=data, config=tmp_path / "c", env=env)
        assert f"  1  {when}  " in listed.stdout, listed.stdout
        checked = doctor(data, tmp_path / "c", TZ="Asia/Shanghai", LC_ALL=lang.replace("-", "_"))
        assert when in checked.stdout, checked.stdout
    in_utc = doctor(data, tmp_path / "c", TZ="UTC").stdout
    assert f"newest {backup.taken:%Y-%m-%d %H:%M:%S} UTC" in in_utc, in_utc
