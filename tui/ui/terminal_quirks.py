"""The app's answers to what terminals do differently: input that is not UTF-8, and
copies that tmux, GNU screen or the Linux console drop.

A mixin for CardoffApp (and RecoveryApp, the damaged-file screen, which needs only
the input part), kept apart so app.py stays about the panes.

- Input: the driver (terminal_input.py) reads bytes that are not UTF-8 as U+FFFD and
  posts NotUtf8; the first time, the user is asked to set the terminal to UTF-8 (under
  the card form's fields when it is open, else on the status line). Mouse reports are
  not counted: they are not the terminal's encoding.
- Copies: `copy_for_user` is the one way the app copies for the user. It says "copied"
  only when the copy can have reached the clipboard (tui/base/clipboard_reach.py); otherwise
  it writes nothing and opens a dialog that shows what to copy by hand (never an
  identifier's value: then how to show it) and how to let copies through.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.base.clipboard_reach import Reach


class TerminalQuirks:
    """Needs: self.t (the catalog), self.notify, self.screen, self.push_screen and
    App.copy_to_clipboard further along the classes."""

    _told_not_utf8 = False

    def get_driver_class(self):
        default = super().get_driver_class()
        if sys.platform == "win32":  # Textual's Windows driver reads UTF-16 from the console
            return default
        from tui.ui.terminal_input import driver_class

        return driver_class(default)

    def on_not_utf8(self, _message) -> None:
        if self._told_not_utf8:
            return
        self._told_not_utf8 = True
        hint = self.t("terminal.not_utf8")
        show_note = getattr(self.screen, "show_note", None)
        if show_note is not None:
            show_note(hint)
        else:
            self.notify(hint, severity="warning")

    def copy_reach(self) -> Reach:
        """Where a copy goes now. A headless app (tests) draws on no terminal: Textual
        keeps its copies in `app.clipboard`."""
        from tui.base.clipboard_reach import Reach, clipboard_reach  # loaded for a copy

        if self.is_headless:
            return Reach(True, "terminal")
        return clipboard_reach(os.environ, web=self.is_web)

    def copy_for_user(
        self, text: str, copied: str, by_hand: str | None, notes: Sequence[tuple[str, str]] = ()
    ) -> bool:
        """Copy `text` and say `copied` when the copy can reach the clipboard; else copy
        nothing and show the Not copied dialog, with `by_hand` (what the user may copy
        from the screen: a number and whose it is, with `notes`: its use, source and ⚠)
        or, for a secret (None), how to show it. Returns whether it copied. Runs tmux
        once inside tmux (clipboard_reach)."""
        reach = self.copy_reach()
        if reach.can_work:
            self.copy_to_clipboard(text)
            self.notify(copied)
            return True
        from tui.ui.dialogs import NotCopiedDialog

        self.push_screen(NotCopiedDialog(reach, by_hand, notes))
        return False
