"""The baseline for bench_hotline_screen.py: a bare Textual app with the same widgets
and rows as the hotline screen, and a fair search (the query casefolded once, a
substring scan over names casefolded once at start). `h` opens it, Escape closes it.

    bare_hotline_app.py ISSUERS_FOLDER
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml
from textual.app import App
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Footer, Input, OptionList, Static


def read_issuers(folder: Path) -> list[tuple[str, str, list[str]]]:
    """(name, casefolded search text, number lines) of each issuer in the folder."""
    found = []
    for path in sorted(folder.glob("*.yaml")):
        for doc in yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)["issuers"]:
            names = " · ".join(doc["name"].values())
            keys = [doc["id"], *doc["name"].values(), *doc.get("aliases", ())]
            numbers = [
                f"☎ {h['number']} ({h['purpose']}) · {h.get('source', '')}"
                for h in doc.get("hotlines", ())
            ]
            found.append((f"{names} · {doc['region']}", "\n".join(keys).casefold(), numbers))
    return found


class Search(ModalScreen):
    CSS = """
    Search { align: center middle; background: $background 60%; }
    Vertical { width: 90%; max-width: 100; height: 90%; border: round $accent; }
    OptionList { height: 1fr; }
    Static { height: auto; }
    """
    BINDINGS = [("escape", "dismiss", "Close")]

    def __init__(self, issuers) -> None:
        super().__init__()
        self.issuers = issuers

    def compose(self):
        with Vertical():
            yield Input(placeholder="Name, alias or number")
            yield OptionList()
            yield Static(id="detail")
            yield Static("Enter copies · Esc closes")

    def on_mount(self) -> None:
        self.query_one(Input).cursor_blink = False
        self.search("")

    def on_input_changed(self, event: Input.Changed) -> None:
        self.search(event.value)

    def search(self, query: str) -> None:
        q = query.casefold()
        found = [i for i in self.issuers if q in i[1]][:20]
        listing = self.query_one(OptionList)
        listing.clear_options()
        listing.add_options(f"{name}\n{line}" for name, _, lines in found for line in lines)
        if found:
            listing.highlighted = 0
        self.query_one("#detail", Static).update(found[0][0] if found else "")


class Bare(App):
    BINDINGS = [("h", "search", "Hotlines"), ("q", "quit", "Quit")]

    def __init__(self, issuers) -> None:
        super().__init__()
        self.issuers = issuers

    def compose(self):
        yield DataTable()
        yield Footer()

    def action_search(self) -> None:
        self.push_screen(Search(self.issuers))


if __name__ == "__main__":
    Bare(read_issuers(Path(sys.argv[1]))).run(mouse=False)
