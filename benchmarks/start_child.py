"""Child process for bench_terminal.py: start an app headless, note when it is ready,
exit. Prints: seconds-to-ready peak-RSS-KiB.

    start_child.py ours|bare DATA_FILE
"""

from __future__ import annotations

import sys
import time

STARTED = time.perf_counter()

import resource  # noqa: E402
from pathlib import Path  # noqa: E402


def bare_app(cards: list[tuple[str, str, str, str]]):
    """A plain Textual app with the same widgets and rows, for a baseline."""
    from textual.app import App
    from textual.containers import Horizontal
    from textual.widgets import DataTable, Footer, Header, OptionList, Static

    class Bare(App):
        CSS = "DataTable { height: 40%; } Horizontal { height: 1fr; }"

        def compose(self):
            yield Header()
            yield DataTable()
            with Horizontal():
                yield OptionList(*[f"[ ] step {i}" for i in range(10)])
                yield OptionList(*[f"log entry {i}" for i in range(20)])
            yield Static("status")
            yield Footer()

        def on_mount(self):
            table = self.query_one(DataTable)
            table.add_columns("Card", "Kind", "Issuer", "Status")
            for row in cards:
                table.add_row(*row)

    return Bare()


def main() -> None:
    which, data = sys.argv[1], Path(sys.argv[2])
    ready: list[float] = []

    async def on_ready(pilot) -> None:
        ready.append(time.perf_counter())
        pilot.app.exit()

    if which == "bare":
        import json

        raw = json.loads(data.read_bytes())
        rows = [(c["label"], c["kind"], c["issuer"], "active") for c in raw["cards"].values()]
        app = bare_app(rows)
    else:  # exactly what `cardoff-tui --data-dir FOLDER` builds
        from tui.cli.open_app import build_app
        from tui.cli.parser import build_parser
        from tui.paths import Paths

        args = build_parser().parse_args(["--data-dir", str(data.parent)])
        app, _store, _mouse = build_app(args, Paths.resolve(args.data_dir, str(data.parent)))
    app.run(headless=True, size=(80, 24), auto_pilot=on_ready)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"{ready[0] - STARTED:.4f} {rss}")


if __name__ == "__main__":
    main()
