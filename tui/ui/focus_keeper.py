"""The main screen always has a pane with the focus (a mixin for CardoffApp).

Textual takes the focus away from a widget that is hidden and gives it to a visible
sibling, or to nothing; it never gives it back when the widget shows again. Hiding
happens whenever the view changes: the "terminal too small" message hides every pane,
the Due view with nothing due hides the card list. Afterwards nothing had the focus,
and `j`, Enter and space did nothing until Tab.

When the hidden widget has a visible sibling that can take the focus, Textual gives
it to that sibling instead: the card list hidden by a filter that no longer matches
(its only card deleted, edited or closed out of it) gave the focus to the filter
line, which then took `u` (undo, as the status line offers) as a letter to filter by.

So: when the focus is lost on the main screen, or handed to a widget that is not a
pane because the focused one was hidden, it goes to the first pane that can take it
(cards, then steps, then log); once the widget that lost it can take it again, it
goes back there, unless the user has moved it meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.screen import Screen
from textual.widget import Widget


class FocusKeeper:
    """Needs: Textual's App after it in the class order, and `focus_preference`, the
    widgets to fall back on, most wanted first."""

    focus_preference: Callable[[], list[Widget]]
    _lost_focus: Widget | None = None  # had the focus when it was hidden
    _stand_in: Widget | None = None  # holds the focus until that one can have it back

    def keep_focus(self, screen: Screen) -> None:
        """Watch `screen` (the main screen) from now on."""
        self._kept_screen = screen
        self.watch(screen, "focused", self._focus_moved, init=False)
        screen.screen_layout_refresh_signal.subscribe(self, self._restore_focus)

    def _focus_moved(self, before: Widget | None, now: Widget | None) -> None:
        if now is None:
            if before is not None and before.is_attached:
                self._keep_lost(before)
            self.call_after_refresh(self._restore_focus)
        elif now is self._stand_in:
            return
        elif self._handed_on(before, now):
            self._keep_lost(before)
            self._stand_in = now  # until a pane can stand in
            self.call_after_refresh(self._restore_focus)
        else:
            self._lost_focus = self._stand_in = None  # the user (or the app) chose

    def _keep_lost(self, before: Widget) -> None:
        """`before` lost the focus: it gets it back when it can, unless it only stood in
        for another that lost it first (the card list hidden, the steps pane standing in,
        then hidden too as the next card is shown: the card list is the one wanted)."""
        if before is not self._stand_in or self._lost_focus is None:
            self._lost_focus = before

    def _handed_on(self, before: Widget | None, now: Widget) -> bool:
        """Whether Textual moved the focus from `before`, hidden or removed, to `now`,
        a widget of its choosing that is none of the panes (the filter line, the step
        detail): nobody chose it, and a field would take the next keys as text."""
        if before is None or not getattr(self._kept_screen, "handing_on", False):
            return False  # the user or the app chose (`/`, Enter in the filter)
        return now not in self.focus_preference()

    def _restore_focus(self, _screen: Screen | None = None) -> None:
        screen = self._kept_screen
        if not screen.is_attached:
            return
        lost, focused = self._lost_focus, screen.focused
        if lost is None and focused is not None:
            return  # the usual case: nothing to do
        chain = screen.focus_chain
        if lost is not None and lost in chain and focused in (None, self._stand_in):
            self._lost_focus = self._stand_in = None
            screen.set_focus(lost, scroll_visible=False)
            return
        panes = [w for w in self.focus_preference() if w in chain]
        if focused is None and chain:
            wanted = panes[0] if panes else chain[0]
        elif focused is not None and focused is self._stand_in and panes and focused not in panes:
            wanted = panes[0]  # a pane, not the widget Textual handed the focus to
        else:
            return
        self._stand_in = wanted
        screen.set_focus(wanted, scroll_visible=False)
