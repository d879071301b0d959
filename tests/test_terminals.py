"""Terminal sizes, resizing, colours and mouse (issue 7, the terminal part)."""

from __future__ import annotations

from textual.widgets import Static

from tui.config import load_config
from tui.model import CardFields
from tui.store import Store
from tui.tracker import Tracker
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
