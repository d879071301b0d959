"""The baseline app: plain Textual with the widgets cardoff-tui shows (a header, the
card table with the same columns and rows, a steps list, a log list, a status line and
the footer) and nothing else, reading the same cards with orjson.

    python benchmarks/bare_app.py EXPORT.json

EXPORT.json is the cardoff-tui export the data set was imported from (fixtures.py): the
same cards, progress and log the app reads from its data file. Keys: j/k move in the
table (the steps and log lists then show the highlighted card's, as cardoff-tui's panes
do), tab changes the pane, enter goes to the steps, space checks a step (its line and
its card's progress cell change), ctrl+q quits.
"""

from __future__ import annotations

import sys
from pathlib import Path

import orjson
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import DataTable, Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

STEPS = 10


def bar(done: int, total: int, width: int = 6) -> str:
    filled = round(width * done / total) if total else 0
    return f"{done}/{total} " + "━" * filled + "╌" * (width - filled)


class Cards(DataTable):
    BINDINGS = [Binding("j", "cursor_down", show=False), Binding("k", "cursor_up", show=False)]


class Steps(OptionList):
    BINDINGS = [Binding("space", "toggle", "Check"), Binding("j", "cursor_down", show=False),
                Binding("k", "cursor_up", show=False)]

    def action_toggle(self) -> None:
        self.app.toggle(self.highlighted or 0)


class Bare(App):
    CSS = """
    Cards { height: 40%; border: round $primary; }
    Horizontal { height: 1fr; }
    OptionList { width: 1fr; border: round $primary; }
    Cards:focus, OptionList:focus { border: heavy $accent; }
    """
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", priority=True)]

    def __init__(self, entries: list[dict]) -> None:
        super().__init__()
        self.entries = entries
        self.checked: set[int] = set()

    def compose(self) -> ComposeResult:
        yield Header()
        yield Cards(cursor_type="row")
        with Horizontal():
            yield Steps()
            yield OptionList(id="log")
        yield Static("status")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(Cards)
        table.add_columns("Card", "Kind", "Issuer", "Status", "Progress")
        for n, entry in enumerate(self.entries):
            card = entry["card"]
            done = len(entry["progress"])
            table.add_row(card["label"], card["kind"], card["issuer"][:20], "In progress",
                          bar(done, STEPS), key=str(n))
        table.focus()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        entry = self.entries[event.cursor_row]
        titles = [step["title"]["en"] for step in entry["progress"].values()]
        steps = self.query_one(Steps)
        steps.clear_options()
        steps.add_options([Option(f"[x] {n + 1}. {title}") for n, title in enumerate(titles)]
                          + [Option(f"[ ] {n + 1}. step {n + 1}")
                             for n in range(len(titles), STEPS)])
        log = self.query_one("#log", OptionList)
        log.clear_options()
        log.add_options([Option(f"{e['at'][:16]} {e['event']}") for e in entry["log"]])
        self.checked.clear()

    def on_data_table_row_selected(self) -> None:
        self.query_one(Steps).focus()

    def toggle(self, index: int) -> None:
        self.checked ^= {index}
        mark = "x" if index in self.checked else " "
        steps = self.query_one(Steps)
        prompt = str(steps.get_option_at_index(index).prompt)
        steps.replace_option_prompt_at_index(index, f"[{mark}]" + prompt[3:])
        table = self.query_one(Cards)
        row = table.cursor_row
        done = len(self.entries[row]["progress"]) + len(self.checked)
        table.update_cell_at((row, 4), bar(min(done, STEPS), STEPS))
        self.query_one(Static).update(f"checked step {index + 1}")


def main() -> None:
    entries = orjson.loads(Path(sys.argv[1]).read_bytes())["cards"]
    Bare(entries).run()


if __name__ == "__main__":
    main()
