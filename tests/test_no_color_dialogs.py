"""Under NO_COLOR (and any ANSI theme: TERM=screen) the screen behind a dialog stays
visible in a real terminal: it went blank, as Textual draws an ANSI background with
alpha as a solid colour."""

from __future__ import annotations

import sys

import pytest

from tests.test_terminals import run_cli


@pytest.mark.parametrize(
    ("env", "key", "dialog"),
    [
        ({"NO_COLOR": "1", "TERM": "xterm-256color"}, "d", "and its progress?"),
        ({"NO_COLOR": "1", "TERM": "xterm-256color"}, "?", "Everything works from the keyboard"),
        ({"NO_COLOR": "1", "TERM": "xterm-256color"}, "m", "Money held for"),
        ({"TERM": "screen"}, "d", "and its progress?"),
    ],
)
def test_the_panes_stay_visible_behind_a_dialog(tmux, tmp_path, env, key, dialog):
    data, config = tmp_path / "data", tmp_path / "config"
    cards = tmp_path / "cards.csv"
    cards.write_text("label,kind,issuer\nFirst card,bank,Test Bank\nSecond card,transit,Metro\n")
    assert run_cli("import", str(cards), data=data, config=config).returncode == 0
    settings = [f"{name}={value}" for name, value in env.items()]
    tmux.env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    tmux.start(["env", *settings, sys.executable, "-m", "tui", "--data-dir", str(data),
                "--config-dir", str(config)])
    tmux.wait_for("┏━ Cards")
    tmux.wait_for("identifiers: off")  # all drawn
    tmux.keys(key)
    screen = tmux.wait_for(dialog)
    # the header and the panes' bottom edges: outside every dialog's box
    lines = screen.splitlines()
    assert "cardoff-tui" in lines[0] and "0/2 cards closed" in lines[0], screen
    assert any(" done ─" in line and "t card/all" in line for line in lines), screen
