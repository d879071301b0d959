"""The key bar at the bottom, built once instead of on every focus change.

Textual's Footer removes every key it shows and mounts them again whenever the
bindings may have changed, which is on every focus change: a style pass for each
key and two more layout passes of the whole screen, about 30 ms of CPU at 80x24
for opening or closing the filter, even when the same keys come back. Here the keys
are built once; a focus change that hides some of them (a text field takes the
printable keys, so their hints go) or brings them back shows or hides the keys
already there, in the same pass as the focus change. Any other change (a key
remapped, a binding enabled or disabled, keys in groups) builds the bar again as
Textual does, once for the changes that come before the build (at start-up, Textual's
Footer builds its keys three times, ~5 ms each here).
"""

from __future__ import annotations

from collections import defaultdict

from textual import events
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

Shown = tuple[str, str, str, str, bool, str]  # key, display, words, action, disabled, tip


class SteadyFooter(Footer):
    """A Footer that shows and hides its keys instead of building them again."""

    _rebuild_queued = False  # a build of the keys is on its way

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                widget.steady_shown = _of_key(widget)
            yield widget

    def on_mount(self, event: events.Mount) -> None:
        # instead of Footer's, which hears of a change only after the next repaint, and
        # so lays out the screen once more
        event.prevent_default()
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed, immediate=True)

    def bindings_changed(self, screen: Screen) -> None:
        if (
            self._bindings_ready
            and screen.app.app_focus
            and self.is_attached
            and screen is self.screen
            and self._show_only(self._wanted())
        ):
            return
        # built again as Footer does, from the footer's own messages (where it builds
        # its keys); once for any number of changes that come before it is built (at
        # start-up three do, and Footer builds the bar three times)
        if not self._rebuild_queued:
            self._rebuild_queued = True
            self.call_next(self._rebuild, screen)

    def _rebuild(self, screen: Screen) -> None:
        """Textual 8.2.8's Footer.bindings_changed, with the build queued once: it reads
        the bindings as they are when it runs."""
        self._bindings_ready = True
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            self.call_after_refresh(self._build_keys)
        else:
            self._rebuild_queued = False

    async def _build_keys(self) -> None:
        self._rebuild_queued = False  # a change from now on is not in this build
        await self.recompose()

    def _wanted(self) -> list[Shown] | None:
        """The keys Footer.compose would show now, in its order; None when it would
        group some of them (those are always built again)."""
        by_action: defaultdict[str, list] = defaultdict(list)
        for _node, binding, enabled, tooltip in self.screen.active_bindings.values():
            if binding.show:
                by_action[binding.action].append((binding, enabled, tooltip))
        wanted: list[Shown] = []
        for (binding, enabled, tooltip), *_others in by_action.values():
            if binding.group is not None:
                return None
            key_display = self.app.get_key_display(binding)
            wanted.append(
                (
                    binding.key,
                    key_display,
                    binding.description,
                    binding.action,
                    not enabled,
                    tooltip or "",
                )
            )
        if self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE:
            palette = self.screen.active_bindings.get(self.app.COMMAND_PALETTE_BINDING)
            if palette is not None:
                _node, binding, enabled, _tooltip = palette
                wanted.append(
                    (
                        binding.key,
                        self.app.get_key_display(binding),
                        binding.description,
                        binding.action,
                        not enabled,
                        binding.tooltip or binding.description,
                    )
                )
        return wanted

    def _show_only(self, wanted: list[Shown] | None) -> bool:
        """Show exactly the keys `wanted`, in their order, with the keys already built:
        one per action, hidden, shown, or given another key or words (`?` gives way to
        `f1` for Help while a text field takes printable keys). False (nothing changed)
        when an action has no key built yet, or the order differs."""
        built = {getattr(child, "steady_shown", (None,) * 6)[3]: child for child in self.children}
        if wanted is None or None in built or len(built) != len(self.children):
            return False
        actions = [shown[3] for shown in wanted]
        if len(set(actions)) != len(actions) or not set(actions) <= built.keys():
            return False
        if [action for action in built if action in set(actions)] != actions:
            return False
        for shown in wanted:
            key = built.pop(shown[3])
            if key.steady_shown != shown:
                _reword(key, shown)
            key.display = True
        for key in built.values():
            key.display = False
        return True


def _of_key(key: FooterKey) -> Shown:
    tooltip = key.tooltip if isinstance(key.tooltip, str) else ""
    return (key.key, key.key_display, key.description, key.action, key._disabled, tooltip)


def _reword(key: FooterKey, shown: Shown) -> None:
    """Give a built key another key, words or state (its action stays)."""
    key.key, key.key_display, key.description, _action, disabled, tooltip = shown
    key._disabled = disabled
    key.set_class(disabled, "-disabled")
    key.tooltip = tooltip or None
    key.steady_shown = shown
    key.refresh(layout=True)  # its width follows its words
