"""`cardoff-tui notify [--dry-run]`: what is due (the cards `due` lists) sent through
the notification services named in config.yaml's `notify:` list (apprise URLs:
mailto://, ntfy://, tgram://, matrix://, json://, …), for cron or a systemd timer.

Exit status: 0 when every service took the reminder, or nothing is due (nothing is
sent then); 1 when a service failed (the others are still sent to) or the data cannot
be read; 2 when `notify:` is missing or an entry of it cannot be used (the usable
ones are still sent to). When more than one applies, the most serious wins: the data
unreadable (1, nothing was sent), then a service that failed (1), then the config (2).
Messages go to stderr, what was sent to stdout.
"""

from __future__ import annotations

import argparse

from tui.cli.open_data import say

ALL_SENT = 0  # every service took it, or nothing was due
FAILED = 1  # a service did not take it, or the data could not be read
CONFIG_ERROR = 2  # no services configured, or an entry that cannot be used


def run_notify(args: argparse.Namespace, paths) -> int:
    """Send (or with --dry-run print) the reminder of what is due to every service of
    config.yaml's `notify:`, each on its own: a failing one is reported with apprise's
    reason and does not stop the others. See the module for the exit status."""
    from tui.cli.open_data import catalog_for, refuse_file_as_data_dir
    from tui.domain.config import load_config

    t = catalog_for(args, paths)
    if refuse_file_as_data_dir(paths, t):
        return FAILED
    config = load_config(paths.config_file)
    for problem in config.problems:  # notify's own among them, each naming its entry
        say(problem.worded(t))
    due = _what_is_due(paths, t)  # first: unreadable data outranks the config's faults
    if due is None:
        return FAILED
    if not config.notify.services:
        say(t("notify.none", path=str(paths.config_file)))
        return CONFIG_ERROR
    status = CONFIG_ERROR if config.notify.problems else ALL_SENT
    from tui.cli.notify_services import Refused, prepare

    ready = []
    for service in prepare(config.notify.services):
        if isinstance(service, Refused):
            entry = service.entry
            say(
                t(
                    "notify.refused",
                    where=f"{paths.config_file}:{entry.line}",
                    service=_entry_name(entry, t),
                    reason=service.reason or t("notify.no_reason"),
                )
            )
            status = CONFIG_ERROR
        else:
            ready.append(service)
    if not ready:
        say(t("notify.none_usable"))
        return CONFIG_ERROR
    if args.dry_run:
        return _dry_run(ready, due, t, status)
    if not due:
        print(t("notify.nothing_due"))
        return status
    sent = _send_to_each(ready, _reminder(due, t), t)
    return FAILED if sent == FAILED else status


def _what_is_due(paths, t) -> list | None:
    """Tracker.due() of the user's data ([] with no data file yet); None when the data
    cannot be opened (open_tracker has said why)."""
    from tui.cli.open_data import open_tracker

    if not paths.db_path.exists():
        return []
    tracker = open_tracker(paths, catalog=t)
    if tracker is None:
        return None
    try:
        return tracker.due()
    finally:
        tracker.close()


def _reminder(due, t):
    from tui.base.clock import configure_dates
    from tui.domain.reminder_text import reminder

    configure_dates(t.lang)  # the follow-up dates in the language and the locale
    return reminder(due, t, t.lang)


def _dry_run(ready, due, t, status: int) -> int:
    """Print to whom the reminder would go (URLs masked) and the reminder itself."""
    print(t("notify.would_send", count=len(ready)))
    for service in ready:
        print(t("notify.service_url", service=_service_name(service, t), url=service.shown))
    if not due:
        print(t("notify.nothing_due_dry"))
        return status
    message = _reminder(due, t)
    print()
    print(message.title)
    print(message.body)
    print()
    print(t("notify.dry_run_done"))
    return status


def _send_to_each(ready, message, t) -> int:
    """Send to each service in turn; ALL_SENT, or FAILED when any did not take it."""
    from tui.cli.notify_services import send

    failed = False
    for service in ready:
        outcome = send(service, message)
        name = _service_name(service, t)
        if outcome.sent:
            print(t("notify.sent", service=name))
        else:
            failed = True
            say(t("notify.failed", service=name, reason=outcome.reason or t("notify.no_reason")))
    return FAILED if failed else ALL_SENT


def _entry_name(entry, t) -> str:
    """The name the user gave the entry, else "entry N"."""
    return entry.name or t("notify.entry", number=entry.number)


def _service_name(service, t) -> str:
    """The service as messages name it: "My mail (E-Mail)", "entry 2 (ntfy)"."""
    return _entry_name(service.entry, t) + t("text.aside", text=service.kind)
