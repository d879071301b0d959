"""Terminal sizes, resizing, colours and mouse (issue 7, the terminal part)."""

from __future__ import annotations

import re
import sys

import pytest
from textual.widgets import Static

from tests.conftest import run_cli
from tests.helpers.terminal import detail_opening, read_cells
from tui.domain.config import load_config
from tui.domain.tracker import Tracker
from tui.records.card_fields import CardFields
from tui.storage.store import Store
from tui.ui.inventory_pane import CardTable


async def test_too_small_says_so_and_resizing_keeps_state(make_app, content, clock):
    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock)
    for label in ("One", "Two", "Three"):
        tracker.add_card(CardFields(label, "bank", "cancel"))
    app = make_app(store)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("j", "j")
        assert not app.screen.has_class("-too-small")
        await pilot.resize_terminal(50, 15)
        await pilot.pause()
        assert app.screen.has_class("-too-small")
        message = str(app.query_one("#too-small", Static).render())
        assert "50x15" in message and "60x20" in message
        assert not app.query_one("#inventory").display
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert not app.screen.has_class("-too-small")
        assert app.query_one(CardTable).cursor_row == 2  # where the user left it


async def test_every_size_from_80x24_down_to_60x20_shows_the_panes(make_app):
    for size in ((80, 24), (70, 22), (60, 20)):
        app = make_app()
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            assert not app.screen.has_class("-too-small"), size
            assert app.query_one("#inventory").region.height >= 5


async def test_no_color_still_marks_focus_and_progress(make_app, content, clock, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    store = Store.in_memory()
    Tracker(store, content.playbooks, clock).add_card(CardFields("One", "bank", "cancel"))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        # the focused pane has a heavy border, the others round: readable without colour
        assert app.query_one("#inventory").styles.border_top[0] == "heavy"
        assert app.query_one("#steps").styles.border_top[0] == "round"


def test_mouse_can_be_turned_off_in_config(tmp_path):
    path = tmp_path / "config.yaml"
    path.write_text("mouse: false\n")
    assert load_config(path).mouse is False
    path.write_text("mouse: sometimes\n")
    config = load_config(path)
    assert config.mouse is True and "mouse must be true or false" in config.problems[0]


# The xterm default palette: what 16-colour output looks like on a terminal nobody set up.
XTERM_16 = {
    "black": (0, 0, 0), "red": (205, 0, 0), "green": (0, 205, 0), "brown": (205, 205, 0),
    "blue": (0, 0, 238), "magenta": (205, 0, 205), "cyan": (0, 205, 205),
    "white": (229, 229, 229), "brightblack": (127, 127, 127), "brightred": (255, 0, 0),
    "brightgreen": (0, 255, 0), "brightbrown": (255, 255, 0), "brightblue": (92, 92, 255),
    "brightmagenta": (255, 0, 255), "brightcyan": (0, 255, 255),
    "brightwhite": (255, 255, 255),
}
COLOUR_CODE = re.compile(r"\x1b\[([0-9;]*)m")


def rgb(colour: str, default: tuple[int, int, int]) -> tuple[int, int, int]:
    if colour == "default":
        return default
    if colour in XTERM_16:
        return XTERM_16[colour]
    return tuple(int(colour[i : i + 2], 16) for i in (0, 2, 4))


def contrast(one: tuple[int, int, int], two: tuple[int, int, int]) -> float:
    """WCAG contrast ratio: 1 (invisible) to 21 (black on white)."""

    def luminance(colour):
        channels = [c / 255 for c in colour]
        r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    high, low = sorted((luminance(one), luminance(two)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize(
    ("name", "env"),
    [("256 colours", {"TERM": "xterm-256color"}), ("16 colours", {"TERM": "screen"}),
     ("NO_COLOR", {"TERM": "xterm-256color", "NO_COLOR": "1"})],
)
def test_readable_in_a_real_terminal(tmux, tmp_path, content, name, env):
    """In tmux: every letter stands out from its background (contrast >= 3:1, with the
    xterm palette for 16 colours), the cursor row looks different from the others,
    the colour depth is respected, and Escape closes a dialog."""
    data, config = tmp_path / "data", tmp_path / "config"
    cards = tmp_path / "cards.csv"
    cards.write_text("label,kind,issuer\nFirst card,bank,Test Bank\nSecond card,transit,Metro\n")
    assert run_cli("import", str(cards), data=data, config=config).returncode == 0
    settings = [f"{key}={value}" for key, value in env.items()]
    tmux.env.pop("DBUS_SESSION_BUS_ADDRESS", None)  # no keyring: the status line is known
    tmux.start(["env", *settings, sys.executable, "-m", "tui", "--data-dir", str(data),
                "--config-dir", str(config)])
    tmux.wait_for(f"0/{len(content.playbooks.get('bank-cancel').steps)} done")
    tmux.wait_for("┏━ Cards")  # the card list has the focus
    tmux.wait_for("identifiers: off")  # the keyring lookup has answered: all drawn
    captured = tmux.painted()
    codes = {code for found in COLOUR_CODE.findall(captured) for code in found.split(";")}
    if name == "NO_COLOR":  # no colour: bold, dim, italic, underline, reverse and resets
        # (NO_COLOR asks for no colour, not for plain type: the first card's issuer text
        # links to no issuer, and the line suggesting one is italic)
        styles = {"", "0", "1", "2", "3", "4", "7", "22", "23", "24", "27", "39", "49"}
        assert codes <= styles, codes
        # that line (a suggestion, or that none links), however it wraps
        assert "searches" in captured
    if name == "16 colours":  # no 256-colour or RGB sequences
        assert "38" not in codes and "48" not in codes, codes

    rows = read_cells(captured)
    faint = set()
    for row in rows:
        for cell in row:
            if not cell.data.isalnum():
                continue
            fg, bg = rgb(cell.fg, (229, 229, 229)), rgb(cell.bg, (0, 0, 0))
            if cell.reverse:
                fg, bg = bg, fg
            if contrast(fg, bg) < 3:
                faint.add((cell.data, cell.fg, cell.bg, cell.reverse))
    assert not faint, f"{name}: letters hard to read: {sorted(faint)[:10]}"

    def look(label: str):
        [row] = [r for r in rows if label in "".join(c.data for c in r)]
        text = "".join(c.data for c in row)
        cell = row[text.index(label)]
        return cell.fg, cell.bg, cell.reverse, cell.bold, cell.underscore

    cursor = look("First card")
    assert cursor != look("Second card"), f"{name}: the cursor row is not marked"
    assert cursor != look("Kind"), f"{name}: the cursor row looks like the header row"

    tmux.keys("?")
    tmux.wait_for("Everything works from the keyboard")
    tmux.keys("Escape")
    screen = tmux.wait_without("Everything works from the keyboard")
    assert "Second card" in screen
    tmux.keys("q")
    tmux.wait_gone()


def test_partial_repaints_leave_the_screen_as_a_full_redraw_would(tmux, tmp_path, content):
    """The panes repaint only the lines that change (bytes over SSH). After a run of
    toggles, moves and view changes, the real terminal must hold exactly what a full
    redraw (forced by a resize) then paints: nothing stale, nothing missing."""
    data, config = tmp_path / "data", tmp_path / "config"
    cards = tmp_path / "cards.csv"
    cards.write_text(
        "label,kind,issuer\nFirst card,bank,Test Bank\nSecond card,transit,Metro\n"
        "Third card,esim,Carrier\n"
    )
    assert run_cli("import", str(cards), data=data, config=config).returncode == 0
    tmux.env.pop("DBUS_SESSION_BUS_ADDRESS", None)  # no keyring: a status line that stays
    tmux.start([sys.executable, "-m", "tui", "--data-dir", str(data), "--config-dir",
                str(config)])
    tmux.wait_for("┏━ Cards")  # the card list has the focus
    tmux.wait_for("identifiers: off (no keyring)")  # the lookup has answered
    bank, transit, esim = (
        content.playbooks.get(name) for name in ("bank-cancel", "transit-cancel", "esim-cancel")
    )

    every = len(bank.steps) + len(transit.steps) + len(esim.steps)

    def steps_of(playbook) -> str:  # the steps pane's title while it shows that playbook
        return f"Steps · {playbook.title.get('en')}"

    def press(key: str, shows: str = "", hides: str = "") -> None:
        """Send a key, then wait for what only that key brings about."""
        tmux.keys(key)
        if shows:
            tmux.wait_for(shows)
        if hides:
            tmux.wait_without(hides)

    press("Enter", shows="┏━ " + steps_of(bank))  # toggles and moves in the steps
    press("Space", shows=f"1/{len(bank.steps)} done")
    press("j", shows=detail_opening(bank, 2))
    press("Space", shows=f"2/{len(bank.steps)} done")
    press("j", shows=detail_opening(bank, 3))
    press("Space", shows=f"3/{len(bank.steps)} done")
    press("k", shows=detail_opening(bank, 2))
    press("Space", shows=f"2/{len(bank.steps)} done")
    press("j", shows=detail_opening(bank, 3))
    dialog_hint = "space check/uncheck · h search hotlines · Esc close"
    press("Enter", shows=dialog_hint)  # the step's own dialog, over the panes
    for total in (1, 2, 1):  # checked there: the title line has the total
        press("Space", shows=f"· {total}/{every} steps")
    press("Escape", hides=dialog_hint, shows=f"1/{len(bank.steps)} done")
    press("BTab", shows="┏━ Cards")  # another card
    press("j", shows=steps_of(transit))
    press("Enter", shows="┏━ " + steps_of(transit))
    for done in (1, 0, 1):
        press("Space", shows=f"{done}/{len(transit.steps)} done")
    press("BTab", shows="┏━ Cards")
    press("k", shows=steps_of(bank))
    press("t", shows="Log · all cards")  # log scope both ways
    press("t", shows="Log · this card")
    press("j", shows=steps_of(transit))  # moves
    press("j", shows=steps_of(esim))
    press("k", shows=steps_of(transit))
    before = tmux.painted_steady()

    tmux.run("resize-window", "-t", "app", "-x", "81", "-y", "24")
    tmux.wait_until(
        "the app to redraw at 81 columns",
        lambda screen: any(len(line) == 81 for line in screen.text.splitlines()),
    )
    tmux.run("resize-window", "-t", "app", "-x", "80", "-y", "24")
    # the screen at 81 columns cut to 80 is not the one before: only the app's full
    # redraw at 80 can match it
    try:
        tmux.wait_until("a full redraw at 80 columns", lambda now: now == before, tmux.painted)
    except AssertionError as failed:
        after = tmux.painted().splitlines()
        lines = [n for n, line in enumerate(before.splitlines()) if after[n : n + 1] != [line]]
        raise AssertionError(
            f"partial repaints left the screen different from a full redraw, on lines "
            f"{lines}: {failed}"
        ) from None
    tmux.keys("q")
    tmux.wait_gone()
