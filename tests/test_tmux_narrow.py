"""In a real terminal (tmux at 80x24), with real card names in English and Chinese:
the header shows every figure, each card's status with its due date and its progress
are whole on screen without scrolling sideways, a message goes with the next command,
and a message too long for the line can be read whole."""

from __future__ import annotations

import sys

import pytest

from tests.test_narrow_screen import fill, shown
from tui.base.clock import system_clock
from tui.base.i18n import Catalog
from tui.domain.tracker import Tracker
from tui.storage.store import DB_FILENAME, Store
from tui.ui.key_names import key_names

REFERENCE = "REF-2026-1130"


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_80x24_shows_what_matters_and_messages_do_not_go_stale(tmux, tmp_path, content, lang):
    t = Catalog(content.strings, lang)
    t.name_keys(key_names())  # as the app does: the keys as mapped
    data, config = tmp_path / "data", tmp_path / "config"
    data.mkdir()
    store = Store.open(data / DB_FILENAME)
    tracker = Tracker(store, content.playbooks, system_clock)
    fill(tracker, lang)
    rows = [
        (f"{t('status.waiting')} {t('due.today')}", "6/10"),
        (f"{t('status.waiting')} {t('due.late', days=10)}", "7/11"),
    ]
    store.close()
    command = [sys.executable, "-m", "tui", "--lang", lang, "--data-dir", str(data)]
    tmux.env.pop("DBUS_SESSION_BUS_ADDRESS", None)  # as over SSH: no keyring
    tmux.start([*command, "--config-dir", str(config)])
    screen = tmux.wait_for(shown("12.30", "USD", lang))
    lines = screen.splitlines()
    assert shown("107.50", "CNY", lang) in lines[0] and shown("12.30", "USD", lang) in lines[0]
    for status, progress in rows:  # whole, on the card's row, without pressing →
        assert any(status in line and progress in line for line in lines), (status, screen)

    # a message goes when the next command starts
    tmux.keys("Enter")  # to the steps
    tmux.wait_for("┏━")  # a pane has the focus
    tmux.keys("n")
    tmux.wait_for(t("evidence.title", step="")[:6])
    tmux.keys(REFERENCE, literal=True)
    tmux.wait_typed(REFERENCE)
    tmux.keys("C-s")
    tmux.wait_for(t("evidence.saved"))
    tmux.keys("f")
    opening = t("followup.body").split("{")[0][:20]  # its words before the first date
    screen = tmux.wait_for(opening)
    assert t("evidence.saved") not in screen
    tmux.keys("Escape")
    tmux.wait_without(opening)

    # a long message (the report's paths): cut with a hint, read whole with M
    tmux.keys("C-p")
    # the palette, open, its placeholder in the screen's language
    tmux.wait_for("搜索命令" if lang == "zh-CN" else "Search for commands")
    tmux.keys(t("palette.export"), literal=True)
    tmux.wait_for(t("palette.export_help")[:20])
    tmux.keys("Enter")
    screen = tmux.wait_for(t("messages.cut_hint"))
    status_line = screen.splitlines()[-2]
    assert "…" in status_line and ".md" not in status_line
    tmux.keys("M")
    screen = tmux.wait_for(t("messages.title") + " ─")
    assert ".md" in screen and ".ics" in screen  # the whole message, folded
    tmux.keys("Escape")
    tmux.wait_without(t("messages.title") + " ─")
    tmux.keys("q")
    tmux.wait_gone()
