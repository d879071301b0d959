"""Quitting never drops what was typed in an open dialog without a word (a mixin for
CardoffApp).

`^q` quits from anywhere, `q` from the card list, *Quit* from the palette. While an
open dialog holds what was typed or changed in it and not saved (the rule Escape asks
by before closing a dialog: `typed_keeper.holds_typed`; a card form, proof, a
lost-wallet reference, a follow-up date, a path, a bundle's cards), quitting asks
first, as Escape does: Enter or y quits, Escape or n goes back to the dialog with
everything in it as it was. With nothing typed it quits at once, as it always did.
(A session ended from outside, SIGTERM or SIGHUP, cannot ask: it keeps the card form
as a draft instead, session_end.py.)

`^q` never waits behind other keys (type_ahead.py), so in a burst (a slow SSH link,
tmux send-keys: `招行卡` then `^q`) it came before the text typed ahead of it had
reached the form, and quit: the quit is decided once the keys typed before it have
been handled. Keys set aside for what comes after a question the user did not ask for
(the form the keyring question stands in front of) were typed too: quitting asks.
"""

from __future__ import annotations

import time

from tui.ui.type_ahead import HOLD_LIMIT_SECONDS, RETRY_SECONDS


class QuitAsks:
    """Needs: TypeAhead and Textual's App after it, and a catalog `t`."""

    _quit_question = None  # the question while it is shown
    _quit_waits = False  # the quit waits for the keys typed before it
    _quit_since: float | None = None  # when the quit began waiting for them

    async def action_quit(self) -> None:
        self._quit_or_ask()

    def _quit_or_ask(self) -> None:
        # typed before the quit, still on their way: waited for, HOLD_LIMIT_SECONDS
        # at most (a key whose arrival is never confirmed must not keep the app open:
        # the fuzz found ctrl+q ignored for good, now and then, after a burst)
        if self.keys_pending:
            now = time.monotonic()
            if self._quit_since is None:
                self._quit_since = now
            if now - self._quit_since < HOLD_LIMIT_SECONDS:
                if not self._quit_waits:
                    self._quit_waits = True
                    self.set_timer(RETRY_SECONDS, self._handled_then_quit)
                return
        self._quit_since = None
        # when first needed: what it reads loads TextArea, which start-up leaves out
        from tui.ui.typed_keeper import holds_typed

        if not (holds_typed(self.screen_stack) or self.keys_set_aside):
            self.exit()
            return
        if self._quit_question is not None and self._quit_question in self.screen_stack:
            return  # asked already: the question on screen answers it
        from tui.ui.dialogs import ConfirmDialog  # when first needed

        def answered(quit_anyway: bool | None) -> None:
            self._quit_question = None
            if quit_anyway:
                self.exit()

        self._quit_question = ConfirmDialog(self.t("discard.quit_question"), enter_yes=True)
        self.push_screen(self._quit_question, answered)

    def _handled_then_quit(self) -> None:
        self._quit_waits = False
        self._quit_or_ask()
