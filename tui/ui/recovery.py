"""Shown instead of the app when the data file cannot be used: say what is wrong,
keep the file, and let the user choose what happens next."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from tui.base.i18n import Catalog
from tui.ui.crash_handling import CrashHandling
from tui.ui.mount_guard import SkipsMountWhileEnding
from tui.ui.terminal_quirks import TerminalQuirks
from tui.ui.text_guard import LINE_FILTER


class RecoveryApp(SkipsMountWhileEnding, CrashHandling, TerminalQuirks, App[str]):
    """Returns "backup", "fresh" or "quit"."""

    CSS = """
    Screen { align: center middle; }
    #box { width: 76; max-width: 100%; height: auto; border: heavy $error; padding: 0 1; }
    #buttons { height: auto; margin-top: 1; }
    #buttons Button { margin-right: 1; }
    """
    # its three choices are its buttons and keys: no command palette (Textual's own,
    # with commands in English that have nothing to do here)
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [
        Binding("b", "choose('backup')", "Open the newest good backup", id="recover.backup"),
        Binding("n", "choose('fresh')", "Start a new empty file", id="recover.fresh"),
        Binding("q,escape", "choose('quit')", "Quit", id="recover.quit"),
    ]

    def __init__(self, catalog: Catalog, path: str, reason: str, backup: str | None) -> None:
        super().__init__()
        self.t = catalog
        self.path = path
        self.reason = reason
        self.backup = backup

    def compose(self) -> ComposeResult:
        t = self.t
        with Vertical(id="box") as box:
            box.border_title = t("recover.title")
            # a path or a parser's message may hold brackets: text, not markup
            yield Static(t("recover.body", path=self.path, reason=self.reason), markup=False)
            if self.backup:
                yield Static(t("recover.has_backup", backup=self.backup), markup=False)
            else:
                yield Static(t("recover.no_backup"))
            with Horizontal(id="buttons"):
                if self.backup:  # no backup: no key or button offering one
                    yield Button(t("recover.backup"), id="backup")
                yield Button(t("recover.fresh"), id="fresh")
                yield Button(t("recover.quit"), id="quit", variant="primary")

    def get_line_filters(self):
        """A path may hold anything: no control character of it reaches the terminal."""
        return [*super().get_line_filters(), LINE_FILTER]

    def on_mount(self) -> None:
        self.query_one("#backup" if self.backup else "#quit", Button).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`b` is a key only when there is a backup to open (the box says there is none)."""
        if action == "choose" and parameters == ("backup",) and not self.backup:
            return False
        return super().check_action(action, parameters)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_choose(event.button.id)

    def action_choose(self, choice: str) -> None:
        if choice == "backup" and not self.backup:
            return
        self.exit(choice)
