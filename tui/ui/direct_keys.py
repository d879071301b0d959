"""A key bound on one of our line lists runs its binding at once (a mixin for the app).

Textual hands a key to the focused widget's message queue; from there it bubbles
through every ancestor's queue (the pane, its containers, the screen) to the app,
which then looks up the bindings from the focused widget up and runs the first
that matches. For `j` in the card list that is five hops through message queues,
each waking a task and running its idle handlers, before the cursor moves: a
third of what a cursor move cost. None of those widgets does anything with the key
on its way (they have no key handlers, only bindings), so for a widget listed in
DIRECT_KEY_WIDGETS whose own bindings (with the user's keymap) hold the key, the
app runs the bindings here, as Textual would once the key reached it. Any other
key, or a key for another widget (a field, a dialog), goes the usual way.
"""

from __future__ import annotations

from textual import events
from textual.widget import Widget


class DirectKeys:
    """Needs: Textual's App after it in the class order, and `direct_key_widgets`:
    the widget classes whose keys are bound, never handled by a key handler."""

    direct_key_widgets: tuple[type[Widget], ...] = ()

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded:
            if self._bound_on_focused(event.key):
                await self._run_bindings(event)
                return
        await super().on_event(event)

    def _bound_on_focused(self, key: str) -> bool:
        """The focused widget is one of ours and its own bindings hold `key`."""
        focused = self.focused
        if not isinstance(focused, self.direct_key_widgets) or focused.loading:
            return False
        screen = self.screen
        if screen.maximized is not None or focused.screen is not screen:
            return False
        bindings = focused._bindings
        keymap = self._keymap
        if keymap:
            bindings = bindings.copy()
            bindings.apply_keymap(keymap)
        return any(not binding.priority for binding in bindings.key_to_bindings.get(key, ()))

    async def _run_bindings(self, event: events.Key) -> None:
        """What Textual's App.on_event and then App._on_key do with a key for the
        focused widget, without its trip through the queues: the priority bindings
        (the app's own first), then those from the focused widget up. A key no binding
        took (an action it is not allowed now) goes on to the widget as usual."""
        if not self.app_focus:
            self.app_focus = True
        self.screen._clear_tooltip()
        if await self._check_bindings(event.key, priority=True):
            return
        if not await self._check_bindings(event.key):
            self.focused._forward_event(event)
