"""What the status line says, and for how long (a mixin for CardoffApp).

A message says what the last command did, so it goes when it no longer does: when
the next command starts (a key or palette entry that does something: `f` after a
proof was recorded no longer leaves "Proof recorded in the log." beside the
follow-up), or after a while (MESSAGE_SECONDS, by the app's timers: one repaint, no
timer while nothing is shown). Inside a dialog, every key the dialog or its widgets
handle counts as the next command too (space picking a card after "No card is picked",
Enter, y), except moving around and the screens that only show messages or help
(DialogScreen.keeps_message). Moving around (cursor keys, tab, `t`, `/`) keeps it. Every
message said lately, whole, is on the messages screen (`M`, or the palette)."""

from __future__ import annotations

import datetime as dt

from textual.dom import DOMNode

from tui.base.clock import local_text
from tui.ui.actions import ACTIONS
from tui.ui.dialog_screen import DialogScreen
from tui.ui.status_line import StatusLine

# seconds a message stays, by severity: warnings and errors longer, to be read
MESSAGE_SECONDS = {"information": 10.0, "warning": 30.0, "error": 60.0}
# the commands that end the last one's message: the app's actions (but those that only
# change what is shown: a screen over the panes, the log's scope, the filter line, a
# redraw), and checking a step (in the list or its detail)
KEEP_MESSAGE = frozenset(
    {"help", "command_palette", "messages", "quit", "toggle_log_scope", "filter", "redraw"}
)
COMMANDS = frozenset({a.name for a in ACTIONS} - KEEP_MESSAGE | {"toggle"})
# a dialog's actions (its own or its widgets') that only move around: the message stays
MOVING = frozenset(
    {
        "cursor_up",
        "cursor_down",
        "cursor_left",
        "cursor_right",
        "cursor_home",
        "cursor_end",
        "first",
        "last",
        "page_up",
        "page_down",
        "scroll_up",
        "scroll_down",
        "scroll_left",
        "scroll_right",
        "scroll_home",
        "scroll_end",
        "focus_next",
        "focus_previous",
        "scroll",
        "scroll_to",
        "scroll_to_end",
        "page",
        "redraw",
    }
)


def ends_message(target: object, name: str) -> bool:
    """True when action `name` run on `target` (the app, a screen or a widget) starts a
    command that ends the last one's message: an app command (COMMANDS), or any action
    but moving around (MOVING) handled inside a dialog that does not keep messages."""
    if name in COMMANDS:
        return True
    if name in MOVING or not isinstance(target, DOMNode):
        return False
    dialog = next(
        (n for n in target.ancestors_with_self if isinstance(n, DialogScreen)), None
    )
    return dialog is not None and not dialog.keeps_message


class StatusMessages:
    """Needs: self._status (the StatusLine), self.timers, Textual's App after it."""

    _message_timer = None

    @property
    def status_line(self) -> StatusLine:
        return self._status

    def notify(self, message: str, *, severity: str = "information", **_: object) -> None:
        """Messages go to the status line (see status_line.py for why not toasts), until
        the next command or MESSAGE_SECONDS[severity]."""
        when = local_text(dt.datetime.now(dt.UTC))
        self._status.say(str(message), severity, when)
        if self._message_timer is not None:
            self._message_timer.stop()
        seconds = MESSAGE_SECONDS.get(severity, MESSAGE_SECONDS["information"])
        self._message_timer = self.timers.once(self, seconds, self.clear_message)

    def clear_message(self) -> None:
        """The status line back to its idle hint."""
        if self._message_timer is not None:
            self._message_timer.stop()
            self._message_timer = None
        self._status.clear()

    async def run_action(self, action, default_namespace=None, namespaces=None) -> bool:
        """A command (see ends_message) clears the last one's message before it runs."""
        if self._status.showing_message:
            namespace = self if default_namespace is None else default_namespace
            target, name, _ = self._parse_action(action, namespace, namespaces)
            if ends_message(target, name):
                self.clear_message()
        return await super().run_action(action, default_namespace, namespaces)

    def before_command(self, name: str) -> None:
        """A command run from the palette (not through run_action): as a key's."""
        if name in COMMANDS:
            self.clear_message()

    def action_messages(self) -> None:
        """The messages said lately, whole, newest first."""
        from tui.ui.messages_screen import MessagesScreen

        self.push_screen(MessagesScreen(list(self._status.said)))
