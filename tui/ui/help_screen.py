"""Every key, grouped by where it works, built from the live bindings (so a
remapped key shows as remapped)."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text as RichText
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from tui.ui.labels import localise_bindings
from tui.ui.line_breaks import HangingText
from tui.ui.reading_screen import ReadingScreen, reading_bindings


class HelpScreen(ReadingScreen):
    # j k g G move through the keys as in every list (the arrows, Home/End and the page
    # keys too, whatever has the focus)
    BINDINGS = reading_bindings("help", "escape,q,question_mark,f1")

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
                # wrapped between Chinese characters too (line_breaks.py): Rich breaks
                # only at spaces, and cut a Chinese description at the box's edge
                table.add_row(keys, HangingText(RichText(description)))
            table.add_row("", "")
        with Vertical(classes="dialog-box help-box") as box:
            box.border_title = t("help.title")
            with VerticalScroll():
                yield Static(t("help.intro"), classes="help-intro")
                yield Static(table, id="help-keys")
            yield Static(t("help.hint"), classes="dialog-hint")


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
