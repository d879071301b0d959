"""`cardoff-tui due`: the cards whose follow-up date has come, for a login script, cron
or a systemd timer, without opening the app (for a calendar instead: `cardoff-tui
export --format ics`). The exit status says what it found (tui.cli.exit_codes): 0
nothing is due, 1 something is overdue, 3 something is due today and nothing is
overdue, 4 the data cannot be read."""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from tui.cli.exit_codes import DUE_NOTHING, DUE_OVERDUE, DUE_TODAY, DUE_UNUSABLE

DUE_FORMAT = "cardoff-tui-due"
DUE_VERSION = 1


def due_status(days: list[int]) -> int:
    """The exit status for the days late of the cards due (0: due today)."""
    if any(late > 0 for late in days):
        return DUE_OVERDUE
    return DUE_TODAY if days else DUE_NOTHING


def run_due(args: argparse.Namespace, paths) -> int:
    """A line per card whose follow-up date is today or past, most overdue first,
    with the first number that works from where the user is, in the app's words; when
    nothing is due, a line that says so. With `args.json`, a document instead (see due_doc). Exit
    status: due_status, or DUE_UNUSABLE when the data cannot be opened (the reason on
    stderr, nothing on stdout)."""
    from tui.cli.open_data import catalog_for, open_tracker, refuse_file_as_data_dir

    catalog = catalog_for(args, paths)
    if refuse_file_as_data_dir(paths, catalog):
        return DUE_UNUSABLE
    if not paths.db_path.exists():
        return _say(args, paths, [], dt.datetime.now().astimezone().date(), None, catalog)
    tracker = open_tracker(paths, catalog=catalog)
    if tracker is None:
        return DUE_UNUSABLE
    try:
        return _say(args, paths, tracker.due(), tracker.today(), tracker, catalog)
    finally:
        tracker.close()


def _say(args, paths, due, today: dt.date, tracker, t) -> int:
    from tui.domain.config import load_config

    config = load_config(paths.config_file)
    for problem in config.problems:
        print(f"cardoff-tui: {problem.worded(t)}", file=sys.stderr)
    calls = [_call(tracker, view, config.abroad, t.lang) for view, _days in due]
    if args.json:
        from tui.cli.terminal_output import print_json

        print_json(due_doc(due, calls, today, t))
    elif not due:
        print(t("cli.due_nothing"))
    else:
        _print_lines(due, calls, t)
    return due_status([days for _view, days in due])


def _call(tracker, view, abroad: bool, lang: str):
    """(the first number that works from where the user is, or None; every number):
    the app's choice (Tracker.calls_for), for `abroad` and the user's home region."""
    from tui.domain.hotline_choice import first_usable

    offers = tracker.calls_for(view.card, abroad, lang)
    return first_usable(offers), offers


def due_doc(due, calls, today: dt.date, t) -> dict:
    """`due --json`: {"format": "cardoff-tui-due", "version": 1, "today": YYYY-MM-DD,
    "overdue": int, "due_today": int, "cards": [...]}, the cards most overdue first,
    each a tui.domain.card_summary.card_summary with "call": {"number", "verified",
    "reach", "reach_words"} for the first number that works from where the user is, or
    null. `reach`: who can dial it, a code that stays the same in every language
    (tui.domain.hotline_text.REACH_CODES: "any-phone", "from-abroad", "domestic-only",
    "own-network", "unknown"); `reach_words`: the same in the words of `t`, the
    catalog plain `due` speaks with ("" when not known); both built by reach_fields,
    as `hotline --json` builds them."""
    from tui.domain.card_summary import card_summary
    from tui.domain.hotline_text import reach_fields

    cards = []
    for (view, _days), (offer, _offers) in zip(due, calls, strict=True):
        doc = card_summary(view, today)
        doc["call"] = (
            {
                "number": offer.hotline.shown,
                "verified": offer.hotline.verified,
                **reach_fields(offer, t),
            }
            if offer is not None
            else None
        )
        cards.append(doc)
    return {
        "format": DUE_FORMAT,
        "version": DUE_VERSION,
        "today": today.isoformat(),
        "overdue": sum(1 for _view, days in due if days > 0),
        "due_today": sum(1 for _view, days in due if days == 0),
        "cards": cards,
    }


def _print_lines(due, calls, t) -> None:
    from tui.base.clock import configure_dates, dated_day
    from tui.domain.hotline_choice import none_fits
    from tui.domain.hotline_text import offer_words, purposes_text
    from tui.domain.shared_text import masked

    configure_dates(t.lang)  # the follow-up dates in the language and the locale
    rows = []
    for (view, days), (offer, offers) in zip(due, calls, strict=True):
        when = t("cli.due_today") if days == 0 else t("cli.due_late", count=days)
        # each number in the app's words: whose line, who can dial it, its source
        if offer is not None:
            call = t("cli.due_call", number=offer_words(offer, t))
        elif none_fits(offers):  # numbers there are, all for another purpose
            call = t("cli.due_none_fits", purposes=purposes_text(offers, t))
        elif offers:  # numbers there are, none that works from where you are
            call = t("cli.due_none_works", number=offer_words(offers[0], t))
        else:
            call = ""
        card = view.card
        shown = dated_day(dt.date.fromisoformat(card.follow_up))
        # these lines go out (mailed by cron, shown by notify-send): a number typed into
        # a label, an issuer or a name is masked as notify masks it (a control character
        # is shown as its symbol when printed)
        issuer = masked(card.issuer, card) if card.issuer else t(f"kind.{card.kind.value}")
        named = masked(card.label, card) + t("text.aside", text=issuer)
        if card.owner:  # someone else's card says whose
            named = t("cli.due_owner", owner=masked(card.owner, card), card=named)
        rows.append((shown, when, f"{named}{call}"))
    # the date and the lateness in columns: padded to the widest of each, in terminal
    # cells (a Chinese character takes 2: "2026年11月21日" is 14 cells, 11 characters)
    day_width = max((_cells(day) for day, _, _ in rows), default=0)
    when_width = max((_cells(when) for _, when, _ in rows), default=0)
    for day, when, rest in rows:
        print(f"{_padded(day, day_width)}  {_padded(when, when_width)}  {rest}")


def _cells(text: str) -> int:
    """How many terminal cells `text` takes (a Chinese character takes 2)."""
    from rich.cells import cell_len

    return cell_len(text)


def _padded(text: str, cells: int) -> str:
    """`text` padded with spaces to `cells` terminal cells."""
    return text + " " * max(0, cells - _cells(text))
