"""Every key, grouped by where it works, built from the live bindings (so a
remapped key shows as remapped)."""

from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from tui.ui.dialog_screen import DialogScreen
from tui.ui.labels import localise_bindings


class HelpScreen(DialogScreen[None]):
    keeps_message = True  # only shows: the status line's message stays
    # j k g G move through the keys as in every list (the arrows, Home/End and the page
    # keys too, whatever has the focus)
    BINDINGS = [
        Binding("escape,q,question_mark,f1", "close", "Close", id="help.close"),
        Binding("j,down", "scroll(1)", "Down", show=False, id="help.down"),
        Binding("k,up", "scroll(-1)", "Up", show=False, id="help.up"),
        Binding("g,home", "scroll_to_end(False)", "First", show=False, id="help.first"),
        Binding("G,end", "scroll_to_end(True)", "Last", show=False, id="help.last"),
        Binding("pagedown,space", "page(1)", "Page down", show=False, id="help.page_down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="help.page_up"),
    ]

    def __init__(self, sections: list[tuple[str, list[tuple[str, str]]]]) -> None:
        super().__init__(classes="dialog")
        self.sections = sections

    def compose(self) -> ComposeResult:
        t = self.app.t
        localise_bindings(self, t)
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        for title, rows in self.sections:
            table.add_row(f"[underline]{title}[/]", "")
            for keys, description in rows:
                table.add_row(keys, description)
            table.add_row("", "")
        with Vertical(classes="dialog-box help-box") as box:
            box.border_title = t("help.title")
            with VerticalScroll():
                yield Static(t("help.intro"), classes="help-intro")
                yield Static(table, id="help-keys")
            yield Static(t("help.hint"), classes="dialog-hint")

    def action_close(self) -> None:
        self.dismiss(None)

    @property
    def _scroller(self) -> VerticalScroll:
        return self.query_one(VerticalScroll)

    def action_scroll(self, lines: int) -> None:
        scroller = self._scroller
        scroller.scroll_to(y=scroller.scroll_y + lines, animate=False)

    def action_page(self, pages: int) -> None:
        scroller = self._scroller
        height = max(scroller.scrollable_content_region.height - 1, 1)
        scroller.scroll_to(y=scroller.scroll_y + pages * height, animate=False)

    def action_scroll_to_end(self, last: bool) -> None:
        scroller = self._scroller
        scroller.scroll_to(y=scroller.max_scroll_y if last else 0, animate=False)


def binding_rows(app, node) -> list[tuple[str, str]]:
    """(keys, description) for each binding of `node` with an id, as the keymap has them."""
    keymap = getattr(app, "_keymap", {}) or {}
    rows: dict[str, tuple[list[str], str]] = {}
    for key, bindings in node._bindings.key_to_bindings.items():
        for binding in bindings:
            if not isinstance(binding, Binding) or not binding.id:
                continue
            keys, _ = rows.setdefault(binding.id, ([], binding.description))
            shown = app.get_key_display(Binding(key, binding.action))
            if binding.id not in keymap and shown not in keys:
                keys.append(shown)
    for binding_id, remapped in keymap.items():
        if binding_id in rows:
            keys, _ = rows[binding_id]
            keys[:] = [app.get_key_display(Binding(k.strip(), "")) for k in remapped.split(",")]
    return [(" / ".join(keys), description) for keys, description in rows.values()]
