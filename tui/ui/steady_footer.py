"""The key bar at the bottom: one row of keys for each set of keys shown, built once
and shown again instead of built or changed on every focus change.

Textual's Footer removes every key it shows and mounts them again whenever the
bindings may have changed, which is on every focus change: a style pass for each
key and two more layout passes of the whole screen, about 30 ms of CPU at 80x24
for opening or closing the filter, even when the same keys come back. Showing and
hiding the keys already built (as this bar first did) still measured, laid out and
drew each key again, and a key that changed its width (`?` gives way to `f1` for
Help while a text field takes the printable keys) or a row that no longer
overflowed asked for a second layout pass: about a third of closing the filter.

Here each set of keys (list, filter line, form field…) is a row of Textual's own
keys (a `KeyRow`, a Footer that never builds itself again), made the first time
that set is wanted and kept, its keys measured and drawn, for the next time: a
focus change shows one row and hides another, and the screen's one layout pass
draws the kept row's lines as they were. Any change of what is shown (a key
remapped, a binding enabled or disabled, another language) is another set, so
another row; the rows used least lately are dropped past ROWS_KEPT.

Which keys fit the bar's width is chosen before the row is built (key_bar_fit.py):
whole keys, the least important gone first, `…` where they went; a resize chooses
again.
"""

from __future__ import annotations

from collections import OrderedDict, defaultdict

from textual import events
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from tui.ui.key_bar_fit import MORE, Shown, fit_keys
from tui.ui.mount_guard import SkipsMountWhileEnding

Wanted = tuple[tuple[Shown, ...], Shown | None]  # the keys in order, the palette's key

ROWS_KEPT = 8  # sets of keys kept built: the list, the filter, each pane, a form field…


class KeyRow(Footer):
    """The keys of one set, as Textual's Footer shows them; never built again.
    `wanted` None: the keys are grouped, and built from the screen's bindings as
    Textual's Footer builds them."""

    def __init__(self, wanted: Wanted | None) -> None:
        super().__init__()
        self.wanted = wanted
        self.set_reactive(Footer._bindings_ready, True)

    def on_mount(self, event: events.Mount) -> None:
        event.prevent_default()  # Footer's would build the keys again on every change
        parent = self.parent
        if isinstance(parent, SteadyFooter):
            parent.row_ready(self)  # its keys are there: it can take the old row's place

    def compose(self) -> ComposeResult:
        if self.wanted is None:
            yield from super().compose()
            return
        keys, palette = self.wanted
        for shown in keys:
            if shown == MORE:
                yield MoreKeys("", "…", "", "")
                continue
            key, display, words, action, disabled, tooltip = shown
            yield FooterKey(
                key, display, words, action, disabled=disabled, tooltip=tooltip
            ).data_bind(compact=Footer.compact)
        if palette is not None:
            key, display, words, action, disabled, tooltip = palette
            yield FooterKey(
                key,
                display,
                words,
                action,
                classes="-command-palette",
                disabled=disabled,
                tooltip=tooltip,
            )


class MoreKeys(FooterKey):
    """`…`: some keys did not fit the bar (key_bar_fit.py); a click does nothing."""

    def on_mouse_down(self) -> None:
        pass


class SteadyFooter(SkipsMountWhileEnding, Widget):
    """The key bar: a row of keys for each set of keys shown (see the module)."""

    DEFAULT_CSS = """
    SteadyFooter {
        dock: bottom;
        height: 1;
    }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._rows: OrderedDict[Wanted, KeyRow] = OrderedDict()
        self._shown: KeyRow | None = None
        self._coming: KeyRow | None = None  # a new row being mounted, to show when ready
        self._fitted_width = 0  # the width the keys shown were chosen for

    def on_mount(self) -> None:
        # told at once, not after the next repaint as Footer is: the row changes in the
        # same pass as the focus
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed, immediate=True)

    def on_resize(self, event: events.Resize) -> None:
        # another width may fit other keys (the row for each set is kept as before)
        if self._shown is not None and event.size.width != self._fitted_width:
            self.bindings_changed(self.screen)

    @property
    def row(self) -> KeyRow | None:
        """The row of keys shown now (None before the bindings are first known)."""
        return self._shown

    def bindings_changed(self, screen: Screen) -> None:
        # as Footer: not while the terminal has lost the focus (it says again on return)
        if not screen.app.app_focus or not self.is_attached or screen is not self.screen:
            return
        wanted = self._wanted()
        row = self._rows.get(wanted) if wanted is not None else None
        coming, self._coming = self._coming, None  # what is wanted now decides
        if coming is not None and coming is not row:
            if coming.wanted is None:
                coming.remove()
            elif coming is not self._shown:
                # superseded before it was shown (the first row shows as it comes):
                # hidden, or it stays under the row shown, and the edges of its keys
                # cut the wide characters of the keys over it (`Esc   消` for `Esc 取消`)
                coming.display = False
        if row is not None and row is self._shown:
            self._rows.move_to_end(wanted)
            return
        if row is None or row is coming:
            if row is None:
                row = KeyRow(wanted)
                row.display = self._shown is None  # the first row shows as it comes
                if wanted is not None:
                    self._rows[wanted] = row
                self.mount(row)
            # the row shown stays until the new one has its keys: no frame with none
            self._coming = row
            return
        self._rows.move_to_end(wanted)
        self._show(row)

    @property
    def row_coming(self) -> bool:
        """Whether a new row of keys is being built to take the shown one's place."""
        return self._coming is not None

    def row_ready(self, row: KeyRow) -> None:
        """A new row has mounted its keys: shown now if it is still the one wanted."""
        if row is self._coming:
            self._coming = None
            self._show(row)

    def _show(self, row: KeyRow) -> None:
        row.display = True
        if self._shown is not None and self._shown is not row:
            if self._shown.wanted is None:  # grouped keys: built again each time
                self._shown.remove()
            else:
                self._shown.display = False
        self._shown = row
        while len(self._rows) > ROWS_KEPT:
            _wanted, dropped = self._rows.popitem(last=False)
            if dropped is not self._shown:
                dropped.remove()

    def _wanted(self) -> Wanted | None:
        """The keys Footer.compose would show now, in its order, and the command
        palette's key, those that fit the bar's width (key_bar_fit.py); None when it
        would group some of them."""
        by_action: defaultdict[str, list] = defaultdict(list)
        bindings = self.screen.active_bindings
        active = bindings.values()
        if self.app._keymap:
            active = in_declared_order(active)
        for _node, binding, enabled, tooltip in active:
            if binding.show:
                by_action[binding.action].append((binding, enabled, tooltip))
        keeps = keeps_of(node for node, *_rest in bindings.values())
        keys: list[tuple[Shown, int]] = []
        for (binding, enabled, tooltip), *_others in by_action.values():
            if binding.group is not None:
                return None
            display = self.app.get_key_display(binding)
            words, action = binding.description, binding.action
            shown = (binding.key, display, words, action, not enabled, tooltip)
            keys.append((shown, keeps.get(binding.id or "", len(keeps))))
        palette: tuple[Shown, int] | None = None
        if self.app.ENABLE_COMMAND_PALETTE:
            found = bindings.get(self.app.COMMAND_PALETTE_BINDING)
            if found is not None:
                _node, binding, enabled, _tooltip = found
                shown = (
                    binding.key,
                    self.app.get_key_display(binding),
                    binding.description,
                    binding.action,
                    not enabled,
                    binding.tooltip or binding.description,
                )
                palette = (shown, keeps.get(binding.id or "", len(keeps)))
        width = self.size.width or self.app.size.width
        self._fitted_width = width
        return fit_keys(keys, palette, width)


def keeps_of(nodes) -> dict[str, int]:
    """Binding id → its place in the order of importance that the nodes name in their
    `KEY_BAR_KEEPS` (the first node's first); the nodes as the bindings come, the
    focused widget's first."""
    keeps: dict[str, int] = {}
    for node in dict.fromkeys(nodes):
        for binding_id in getattr(node, "KEY_BAR_KEEPS", ()):
            keeps.setdefault(binding_id, len(keeps))
    return keeps


def in_declared_order(active):
    """The active bindings (Textual's ActiveBinding tuples) in the order their widgets
    declare them. Textual applies a keymap by taking a remapped binding out and adding
    it back under its new keys, at the end: with `app.add: n` in config.yaml, Add moved
    from the first key of the bar to the last. Here each node's bindings keep the order
    of its BINDINGS (the nodes keep theirs: the focused widget's first)."""
    nodes: dict[int, int] = {}
    places: dict[int, dict[str, int]] = {}
    ordered = []
    for position, found in enumerate(active):
        node, binding = found[0], found[1]
        rank = nodes.setdefault(id(node), len(nodes))
        place = places.get(id(node))
        if place is None:
            place = places[id(node)] = {}
            for index, (_key, declared) in enumerate(node._bindings):
                place.setdefault(declared.id or declared.action, index)
        ordered.append((rank, place.get(binding.id or binding.action, position), position, found))
    return [found for *_order, found in sorted(ordered, key=lambda item: item[:3])]
