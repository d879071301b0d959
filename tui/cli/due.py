"""`cardoff-tui due`: the cards whose follow-up date has come, for a login script,
without opening the app (for a calendar instead: `cardoff-tui export --format ics`)."""

from __future__ import annotations

import argparse
import datetime as dt
import sys


def run_due(args: argparse.Namespace, paths) -> int:
    """A line per card whose follow-up date is today or past, most overdue first,
    with the first number that works from where the user is. Exit status 0 (nothing
    printed when nothing is due, or there is no data file yet); 1 when the data
    cannot be opened."""
    from tui.cli.open_data import catalog_for, open_tracker, refuse_file_as_data_dir

    catalog = catalog_for(args, paths)
    if refuse_file_as_data_dir(paths, catalog):
        return 1
    if not paths.db_path.exists():
        return 0
    tracker = open_tracker(paths, catalog=catalog)
    if tracker is None:
        return 1
    from tui.base.clock import configure_dates, dated_day
    from tui.domain.config import load_config
    from tui.domain.hotline_choice import first_usable

    configure_dates(catalog.lang)  # the follow-up dates in the language and the locale

    config = load_config(paths.config_file)
    for problem in config.problems:
        print(f"cardoff-tui: {problem}", file=sys.stderr)
    t = catalog
    rows = []
    for view, days in tracker.due():
        when = t("cli.due_today") if days == 0 else t("cli.due_late", count=days)
        offers = tracker.calls_for(view.card, config.abroad)
        offer = first_usable(offers)
        if offer is not None:
            key = "cli.due_call" if offer.hotline.verified else "cli.due_call_unverified"
            call = t(key, number=offer.hotline.shown)
        elif offers:  # numbers there are, none that works from where you are
            call = t("cli.due_none_works", number=offers[0].hotline.shown)
        else:
            call = ""
        card = view.card
        shown = dated_day(dt.date.fromisoformat(card.follow_up))
        issuer = card.issuer or t(f"kind.{card.kind.value}")
        rows.append((shown, when, f"{card.label} ({issuer}){call}"))
    # the date and the lateness in columns: padded to the widest of each, in terminal
    # cells (a Chinese character takes 2: "2026年11月21日" is 14 cells, 11 characters)
    day_width = max((_cells(day) for day, _, _ in rows), default=0)
    when_width = max((_cells(when) for _, when, _ in rows), default=0)
    for day, when, rest in rows:
        print(f"{_padded(day, day_width)}  {_padded(when, when_width)}  {rest}")
    tracker.close()
    return 0


def _cells(text: str) -> int:
    """How many terminal cells `text` takes (a Chinese character takes 2)."""
    from rich.cells import cell_len

    return cell_len(text)


def _padded(text: str, cells: int) -> str:
    """`text` padded with spaces to `cells` terminal cells."""
    return text + " " * max(0, cells - _cells(text))
