"""The screen in a real terminal: after Tab and step toggles it is the one a full
redraw gives, and ctrl+l draws again what another program wrote over (tui/ui/redraw.py)."""

from __future__ import annotations

import pytest


def _border_width(screen) -> int:
    """The width of the card pane's top border (0 while it is not drawn)."""
    line = next((row for row in screen.text.split("\n") if "Cards" in row), "")
    return len(line.rstrip())


@pytest.mark.slow
def test_in_tmux_tab_and_toggles_leave_the_screen_a_full_redraw_leaves(tmux, tmp_path):
    """In a real terminal: after Tab, two toggles and Shift+Tab, the screen (characters
    and colours) is the one a full redraw at the same size gives (a change of size
    sends every cell)."""
    import sys

    data, config = tmp_path / "data", tmp_path / "config"
    tmux.start([sys.executable, "-m", "tui", "--demo", "--data-dir", str(data),
                "--config-dir", str(config)])
    tmux.wait_for("┏━ Cards")
    tmux.keys("Tab")
    tmux.wait_for("┏━ Steps")
    tmux.wait_until("the key bar of the steps",
                    lambda s: s.text.rstrip("\n").split("\n")[-1].lstrip().startswith("space"))
    for _ in range(2):  # a step checked; the cursor moves on to the next
        done = next(row for row in tmux.screen().split("\n") if " done " in row)
        tmux.keys("Space")
        tmux.wait_until("the done count to change", lambda s, done=done: done not in s.text)
    tmux.keys("BTab")
    tmux.wait_for("┏━ Cards")
    shown = tmux.painted_steady()
    tmux.run("resize-window", "-t", "app", "-x", "100", "-y", "30")
    tmux.wait_until("the wider layout", lambda s: _border_width(s) == 100)
    tmux.run("resize-window", "-t", "app", "-x", "80", "-y", "24")
    # the header's title is centred anew after a resize (Textual's Header; the same
    # without this module): compared below the header
    below_header = shown.split("\n")[1:]
    tmux.wait_until("the screen as before the resize", lambda painted: painted.split("\n")[1:]
                    == below_header, read=tmux.painted)


@pytest.mark.slow
@pytest.mark.parametrize("dialog", [False, True])
def test_in_tmux_ctrl_l_draws_again_what_another_program_wrote_over(tmux, tmp_path, dialog):
    """Another program writes into the app's terminal (as `wall` or a background job
    would): the cells it wrote over stay wrong, since nothing changed for the app to
    send; ctrl+l sends every cell again, on the main screen and with a dialog open over
    it (the screen below the dialog included)."""
    import sys

    data, config = tmp_path / "data", tmp_path / "config"
    tmux.start([sys.executable, "-m", "tui", "--demo", "--data-dir", str(data),
                "--config-dir", str(config)])
    tmux.wait_until("every pane drawn", lambda s: "┏━ Cards" in s.text and " done ─" in s.text
                    and "Log · this card" in s.text and "Commands" in s.text)
    if dialog:
        tmux.keys("?")
        # its key bar comes with the help's next frame
        tmux.wait_until("the help over the panes, and its key bar",
                        lambda s: "Esc closes" in s.text
                        and "Close" in s.text.rstrip().split("\n")[-1])
    # the status line's message goes after a while (status_messages.py): compared
    # without it
    def without_status(text: str) -> list[str]:
        rows = text.split("\n")
        return [row for n, row in enumerate(rows) if n != len(rows) - 3]

    shown = without_status(tmux.screen())
    tty = tmux.run("display-message", "-p", "-t", "app", "#{pane_tty}").stdout.strip()
    with open(tty, "w") as terminal:  # straight into the terminal, past the app
        terminal.write("\x1b[3;3HSCRIBBLE-ONE\x1b[20;40HSCRIBBLE-TWO")
    tmux.wait_for("SCRIBBLE-TWO")
    tmux.keys("C-l")
    tmux.wait_until("the screen as before the scribbles",
                    lambda text: without_status(text) == shown, read=tmux.screen)
