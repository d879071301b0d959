"""The help screen and the command palette's commands: a mixin for the app, built
from its bindings and actions."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from textual.actions import SkipAction
from textual.app import SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from tui.ui.actions import ACTIONS
from tui.ui.card_table import CardTable
from tui.ui.log_pane import LogList


class AppCommands:
    def action_help(self) -> None:
        from tui.ui.help_screen import HelpScreen, binding_rows

        t = self.t
        sections = [
            (t("help.everywhere"), binding_rows(self, self)),
            (t("help.cards"), binding_rows(self, self.query_one(CardTable))),
            (t("help.steps"), binding_rows(self, self.steps.checklist)),
            (t("help.log"), binding_rows(self, self.query_one(LogList))),
            (
                t("help.other"),
                [
                    ("tab / shift+tab", t("help.focus")),
                    (self.get_key_display(Binding("ctrl+q", "quit")), t("help.quit_anywhere")),
                    ("escape", t("help.escape")),
                ],
            ),
        ]
        self.push_screen(HelpScreen(sections))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        t = self.t
        for action in ACTIONS:
            if action.palette:
                run = _unless_skipped(self, action.name)
                yield SystemCommand(t(f"palette.{action.id}"), t(f"palette.{action.id}_help"), run)
        yield SystemCommand(t("data.palette"), t("data.palette_help"), self.action_damaged_records)
        yield from super().get_system_commands(screen)


def _unless_skipped(app, name: str) -> Callable[[], None]:
    """The app's action `name` run from the palette: it ends the last command's message
    as its key would (status_messages.py); one that does not apply where the focus is
    now raises SkipAction, which only a key binding may raise (from a callback it
    stopped the app); there it does nothing, as the key would."""
    action = getattr(app, f"action_{name}")

    def run() -> None:
        app.before_command(name)
        try:
            action()
        except SkipAction:
            pass

    return run
