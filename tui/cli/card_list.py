"""`cardoff-tui list`: every card on a line (name, kind, what to do, issuer, how it is
done, status, steps done of steps, follow-up) in the user's language, or `--json` for scripts
(tui.domain.card_summary; identifiers masked, as in the exports)."""

from __future__ import annotations

import argparse
import datetime as dt

LIST_FORMAT = "cardoff-tui-list"
LIST_VERSION = 1


def read_views(paths, catalog):
    """(views, today) of the user's cards, read the way the app opens them; ([], today)
    when there is no data file yet; None when the data cannot be used (the reason is
    said on stderr, in `catalog`'s language)."""
    from tui.cli.open_data import open_tracker, refuse_file_as_data_dir

    if refuse_file_as_data_dir(paths, catalog):
        return None
    if not paths.db_path.exists():
        return [], dt.datetime.now().astimezone().date()
    tracker = open_tracker(paths, catalog=catalog)
    if tracker is None:
        return None
    try:
        return tracker.views(), tracker.today()
    finally:
        tracker.close()


def due_text(late: int | None, follow_up: str, t) -> str:
    """The follow-up column: 'due today', '3 days late', the date still to come, or ''."""
    from tui.base.clock import dated_day

    if late is None:
        return ""
    if late < 0:
        return dated_day(dt.date.fromisoformat(follow_up))
    return t("cli.due_today") if late == 0 else t("cli.due_late", count=late)


def list_lines(views, today: dt.date, t) -> list[str]:
    """A heading, then a line per card, the columns lined up by terminal cells (a
    Chinese character takes 2); no line ends in spaces. When the cards are more than
    one person's, an Owner column comes first (owner.me for the user's own). How: the
    easiest way the card's issuer gives for its intent, as the app's card list says it
    (short_how; blank where the issuer's procedures do not say)."""
    from rich.cells import cell_len

    from tui.domain.card_summary import days_late
    from tui.domain.channels import short_how

    columns = ("label", "kind", "intent", "issuer", "how", "status", "progress", "due")
    owners = len({view.card.owner for view in views}) > 1  # a column only when it tells
    rows = [[t(f"cli.list.{name}") for name in ("owner",) * owners + columns]]
    for view in views:
        card = view.card
        rows.append([
            *([card.owner or t("owner.me")] if owners else []),
            card.label,
            t(f"kind.{card.kind.value}"),
            t(f"intent.{card.intent.value}"),
            card.issuer or "—",
            short_how(view.channels, t),
            t(f"status.{view.status.value}"),
            f"{view.done_count}/{view.step_count}",
            due_text(days_late(view, today), card.follow_up, t),
        ])
    widths = [max(cell_len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for row in rows:
        pairs = zip(row, widths, strict=True)
        cells = [cell + " " * (width - cell_len(cell)) for cell, width in pairs]
        lines.append("  ".join(cells).rstrip())
    return lines


def picked(views, owner: str | None, tags: list[str]) -> list:
    """The views whose card is `owner`'s (as typed: any case, "me" for the user's own;
    None: anyone's) and carries every one of `tags` (any case)."""
    from tui.records.household import has_tags, is_owner

    return [
        view
        for view in views
        if (owner is None or is_owner(view.card.owner, owner)) and has_tags(view.card.tags, tags)
    ]


def run_list(args: argparse.Namespace, paths) -> int:
    """Print the cards (oldest first, as the app lists them): text, or with
    `args.json` a document {"format": "cardoff-tui-list", "version": 1, "today":
    YYYY-MM-DD, "cards": [card_summary, ...]}; only those `args.owner` and `args.tag`
    pick (see picked). Exit status 0; 1 when the data
    cannot be used (nothing is printed on stdout then)."""
    from tui.base.clock import configure_dates
    from tui.cli.open_data import catalog_for
    from tui.cli.terminal_output import print_json
    from tui.domain.card_summary import card_summary

    catalog = catalog_for(args, paths)
    read = read_views(paths, catalog)
    if read is None:
        return 1
    views, today = read
    views = picked(views, args.owner, args.tag)
    if args.json:
        cards = [card_summary(view, today) for view in views]
        print_json({"format": LIST_FORMAT, "version": LIST_VERSION,
                    "today": today.isoformat(), "cards": cards})
        return 0
    if not views:
        filtered = args.owner is not None or args.tag
        print(catalog("cli.list.no_match" if filtered else "cli.list.none"))
        return 0
    configure_dates(catalog.lang)  # follow-up dates in the language and the locale
    print("\n".join(list_lines(views, today, catalog)))
    return 0
