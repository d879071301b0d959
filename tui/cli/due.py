"""`cardoff-tui due`: the cards whose follow-up date has come, for a login script,
without opening the app (for a calendar instead: `cardoff-tui export --format ics`)."""

from __future__ import annotations

import argparse
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
    from tui.domain.config import load_config
    from tui.domain.hotline_choice import first_usable

    config = load_config(paths.config_file)
    for problem in config.problems:
        print(f"cardoff-tui: {problem}", file=sys.stderr)
    for view, days in tracker.due():
        when = "due today" if days == 0 else f"{days} day(s) late"
        offers = tracker.calls_for(view.card, config.abroad)
        offer = first_usable(offers)
        if offer is not None:
            unverified = "" if offer.hotline.verified else " (unverified)"
            call = f" · call {offer.hotline.shown}{unverified}"
        elif offers:  # numbers there are, none that works from where you are
            call = f" · no sourced number works from here ({offers[0].hotline.shown} does not)"
        else:
            call = ""
        card = view.card
        print(f"{card.follow_up}  {when:<16} {card.label} ({card.issuer or card.kind.value}){call}")
    tracker.close()
    return 0
