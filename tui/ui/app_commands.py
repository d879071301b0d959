"""The help screen and the command palette's commands: a mixin for the app, built
from its bindings and actions."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from textual.actions import SkipAction
from textual.app import SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from tui.base.i18n import KeyName
from tui.ui.actions import ACTIONS
from tui.ui.card_table import CardTable
from tui.ui.key_names import key_name, mapped_key
from tui.ui.log_pane import LogList

# Textual's own palette commands, by (title, callback name): the catalog key that
# names them in the user's language (`<key>_help` says what they do); others as they are
TEXTUAL_COMMANDS = {
    ("Theme", "action_change_theme"): "palette.textual_theme",
    ("Quit", "action_quit"): "palette.textual_quit",
    ("Keys", "action_show_help_panel"): "palette.textual_keys_show",
    ("Keys", "action_hide_help_panel"): "palette.textual_keys_hide",
    ("Maximize", "action_maximize"): "palette.textual_maximize",
    ("Minimize", "action_minimize"): "palette.textual_minimize",
    ("Screenshot", "<lambda>"): "palette.textual_screenshot",
}


class AppCommands:
    def action_help(self) -> None:
        from tui.ui.help_screen import HelpScreen, binding_rows

        t = self.t
        sections = [
            (t("help.everywhere"), binding_rows(self, self)),
            (t("help.cards"), binding_rows(self, self.query_one(CardTable))),
            (t("help.steps"), binding_rows(self, self.steps.checklist)),
            (t("help.log"), binding_rows(self, self.query_one(LogList))),
            (t("help.other"), self._moving_rows()),
        ]
        self.push_screen(HelpScreen(sections))

    def _moving_rows(self) -> list[tuple[str, str]]:
        """The help's `Moving around`: keys that work in several places, each as its
        binding has it now (config.yaml's keymap applied), named as the key bar does."""
        t, keymap = self.t, getattr(self, "_keymap", {}) or {}

        def keys(*binding_ids: str, joined: str = " / ") -> str:
            return joined.join(mapped_key(binding_id, keymap, t) for binding_id in binding_ids)

        return [
            (keys("app.next_pane", "app.previous_pane"), t("help.focus")),
            (self.get_key_display(Binding("ctrl+q", "quit")), t("help.quit_anywhere")),
            (keys("app.back"), t("help.escape")),
            (
                keys("hotline.previous", "hotline.next", "hotline.page_up", "hotline.page_down",
                     joined=" "),
                t("help.hotline_move"),
            ),
            (keys("hotline.first", "hotline.last"), t("help.hotline_ends")),
        ]

    def get_key_display(self, binding: Binding) -> str:
        """A key as every place names it (tui.ui.key_names: `Esc`, `^p`, `Enter`, in the
        user's language): the key bar, the key panel, the help and the palette, as the
        messages do."""
        if binding.key_display:
            return binding.key_display
        return key_name(binding.key, getattr(self, "t", None))

    def action_command_palette(self) -> None:
        """Textual's palette, with a key bar of its own (commands_screen.py)."""
        from textual.command import CommandPalette

        from tui.ui.commands_screen import CommandsScreen

        if self.use_command_palette and not CommandPalette.is_open(self):
            placeholder = self.t("palette.placeholder")
            self.push_screen(CommandsScreen(id="--command-palette", placeholder=placeholder))

    def search_themes(self) -> None:
        """Textual's theme picker (the palette's "Theme"), in the user's language and
        with the palette's key bar."""
        from textual.theme import ThemeProvider

        from tui.ui.commands_screen import CommandsScreen

        placeholder = self.t("palette.theme_placeholder")
        self.push_screen(CommandsScreen(providers=[ThemeProvider], placeholder=placeholder))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Every action of ACTIONS offered in the palette now (Action.offered_when), each
        with its keys as currently mapped (`Help: every key · key: ? / f1`), then
        Textual's own commands in the user's language (its "Keys" is the key panel,
        not our help)."""
        t = self.t
        for action in ACTIONS:
            if action.offered_when and not getattr(self, action.offered_when)():
                continue
            if action.palette:
                run = _unless_skipped(self, action.name)
                about = t(f"palette.{action.id}_help")
                if keys := self.keys_of(action):
                    about = t("palette.with_keys", help=about, keys=KeyName(keys))
                yield SystemCommand(t(f"palette.{action.id}"), about, run)
        yield SystemCommand(t("data.palette"), t("data.palette_help"), self.action_damaged_records)
        for command in super().get_system_commands(screen):
            key = TEXTUAL_COMMANDS.get((command.title, command.callback.__name__))
            if key is not None:
                about = t(f"{key}_help")
                if key == "palette.textual_quit":  # its keys, as the app's own commands say
                    about = t("palette.with_keys", help=about, keys=KeyName(self._quit_keys()))
                command = command._replace(title=t(key), help=about)
            yield command

    def _quit_keys(self) -> str:
        """The keys that quit, as mapped and as the footer shows them: `q / ^q`."""
        quit_action = next(action for action in ACTIONS if action.id == "quit")
        anywhere = self.get_key_display(Binding("ctrl+q", "quit"))
        return " / ".join(dict.fromkeys(filter(None, [self.keys_of(quit_action), anywhere])))

    def action_help_quit(self) -> None:
        """Textual's answer to ctrl+c where nothing copies (it quits no more): how to
        quit, in the user's language."""
        for active in self.active_bindings.values():
            if active.binding.action in ("quit", "app.quit"):
                keys = KeyName(self.get_key_display(active.binding))
                self.notify(self.t("textual_key.help_quit_said", keys=keys))
                return

    def _on_delivery_complete(self, event) -> None:
        """Textual's word that the palette's Screenshot was saved, in the user's language
        (Textual's own handler is skipped)."""
        if event.name == "screenshot":
            event.prevent_default()
            path = "" if event.path is None else str(event.path)
            self.notify(self.t("palette.screenshot_saved", path=path))

    def _on_delivery_failed(self, event) -> None:
        if event.name == "screenshot":
            event.prevent_default()
            self.notify(self.t("palette.screenshot_failed"), severity="error")

    def keys_of(self, action) -> str:
        """The keys of `action` (an Action) as currently mapped (config.yaml's keymap
        replaces them), as the footer shows them: "? / f1"; "" when it has none."""
        keys = (getattr(self, "_keymap", {}) or {}).get(f"app.{action.id}", action.keys)
        if not keys:
            return ""
        shown = [self.get_key_display(Binding(key.strip(), action.name)) for key in keys.split(",")]
        return " / ".join(dict.fromkeys(shown))


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
