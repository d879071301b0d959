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
"""

from __future__ import annotations

from tui.ui.typed_keeper import holds_typed


class QuitAsks:
    """Needs: Textual's App after it, and a catalog `t`."""

    _quit_question = None  # the question while it is shown

    async def action_quit(self) -> None:
        if not holds_typed(self.screen_stack):
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
