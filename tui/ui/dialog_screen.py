"""The base of every dialog: it closes once, it has the focus as soon as it is shown,
and it can ask for the keys typed while it works to wait (see type_ahead.py).

Textual's `Screen.dismiss` pops whatever screen is on top: a second dismiss of the
same dialog (Enter pressed twice before the first closed it, a save answering after
Escape) would close the screen under it, or raise ScreenStackError when that is the
main screen. Here a dialog's result is given once; a later dismiss does nothing.

A dialog has a key bar of its own, at the bottom where the app's is: the keys that work
in the dialog (a modal screen's bindings stop at the screen: the app's keys do nothing
there). The app's key bar, under the dialog, showed the main screen's keys instead.
"""

from __future__ import annotations

from typing import TypeVar

from textual.app import ScreenStackError
from textual.await_complete import AwaitComplete
from textual.binding import Binding
from textual.screen import ModalScreen

from tui.ui.key_panel import follow_key_panel
from tui.ui.mount_guard import SkipsMountWhileEnding
from tui.ui.resized_whole import ResizedRepaintedWhole
from tui.ui.steady_footer import SteadyFooter

ResultType = TypeVar("ResultType")


class DialogScreen(SkipsMountWhileEnding, ResizedRepaintedWhole, ModalScreen[ResultType]):
    """A modal dialog. Subclasses focus their first field in `on_mount` with
    `self.set_focus(...)` (at once; `widget.focus()` waits a turn); a dialog that
    focuses nothing gets its first focusable widget."""

    # a dialog hides the app's keys from Textual; ctrl+l draws the screen again in one
    # too (a dialog's own ctrl+l, as the hotline search's, comes first). The app's id:
    # its words in the key panel, and a keymap that moves Redraw moves it here too
    BINDINGS = [Binding("ctrl+l", "app.redraw", "Redraw", show=False, id="app.redraw")]

    # True for a dialog that only shows things (help, the messages): its keys leave the
    # status line's message as it is (see status_messages.py)
    keeps_message = False

    # True for a dialog shown instead of what its key usually does (a copy that could
    # not reach the clipboard; the proof or amounts that space asks for when it checks
    # a record or balance step): the keys typed before it showed were typed for what
    # the key usually does, so they never act in it (an Enter typed twice closed the
    # "Not copied" dialog before it could be read, a `j` typed after space went into
    # the proof's first field); they are dropped when it closes, as what they were
    # typed for did not happen (`question_shown`, `question_over`, type_ahead.py)
    unasked = False

    _dialog_answered = False
    _dialog_holds_keys = False

    def mount_skipped(self) -> bool:
        """A key the app handles first (a priority binding, a quit) may close a dialog
        before its Mount is handled: its widgets are gone by then, and a handler that
        looked one up crashed (NoMatches; the key fuzzer found it). Every dialog's own
        on_mount (and on_screen_resume) is skipped then, whichever dialog it is, as it
        is while the app ends (mount_guard.py)."""
        return self.closed or super().mount_skipped()

    @property
    def closed(self) -> bool:
        """True once the dialog has given its result or left the app's screens."""
        if self._dialog_answered:
            return True
        try:
            return self not in self.app.screen_stack
        except ScreenStackError:  # the app is closing
            return True

    @property
    def answered(self) -> bool:
        """True once the dialog has given its result (it may still be on screen)."""
        return self._dialog_answered

    @property
    def holds_keys(self) -> bool:
        """True while the dialog works on an answer (a save, a passphrase): the app
        keeps the keys typed meanwhile until it has closed, or until it shows why not."""
        return self._dialog_holds_keys and not self._dialog_answered

    def hold_keys(self, holding: bool) -> None:
        self._dialog_holds_keys = holding

    def _extend_compose(self, widgets: list) -> None:
        """Textual's hook that adds its own widgets to what `compose` yields (the
        tooltip, the notifications): the dialog's key bar too, so every dialog has one
        whatever its `compose` yields."""
        super()._extend_compose(widgets)
        widgets.append(SteadyFooter())

    def _on_mount(self) -> None:
        # runs after the subclass's on_mount (Textual calls handlers up the class tree)
        if self.mount_skipped():
            return  # closed before it was shown, or the app ends: nothing to focus, no
            # question to count
        if self.focused is None:
            self.focus_next()
        if self.unasked and hasattr(self.app, "question_shown"):
            self.app.question_shown()

    def _on_screen_resume(self) -> None:
        # runs with a subclass's own on_screen_resume (one handler per class)
        follow_key_panel(self)

    def _on_top(self) -> bool:
        try:
            return self.app.screen is self
        except ScreenStackError:  # the app is closing
            return False

    def dismiss(self, result: ResultType | None = None) -> AwaitComplete:
        """Close with `result`, once: when this dialog has closed already, or is not
        the screen on top, nothing happens."""
        if self._dialog_answered or not self._on_top():
            return AwaitComplete.nothing()
        self._dialog_answered = True
        done = super().dismiss(result)
        if self.unasked and hasattr(self.app, "question_over"):
            self.app.question_over(keep=False)
        return done
