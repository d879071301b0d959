"""Textual's floor: the least a Textual app can do for a key. One line of text, and `j`
changes it (a counter goes up); ctrl+q quits.

    python benchmarks/floor_app.py

Given `j` in the same run as cardoff-tui and the bare app, its CPU time per key is what
any Textual app on this machine spends to take a key and draw one changed line: the
part of every figure in the key table that no app built on Textual can go below.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Static


class Floor(App):
    BINDINGS = [Binding("j", "count", show=False),
                Binding("ctrl+q", "quit", "Quit", priority=True)]

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def compose(self) -> ComposeResult:
        yield Static("card 0 (the floor: j counts)", id="line")

    def action_count(self) -> None:
        self.count += 1
        self.query_one("#line", Static).update(f"card {self.count} (the floor: j counts)")


if __name__ == "__main__":
    Floor().run()
