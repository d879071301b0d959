"""The kinds of log entries, in one list: what the tracker and the import write as a
LogEntry's `event`, with the parameters each carries. The log pane says each one
through the catalogs (content/i18n/<lang>.yaml, `event.<name>`, its {parameters}
filled in: tui/domain/log_words.py), and so does an exported report's record of a
card (tui/domain/export.py), every kind. tests/test_log_events.py holds that writers,
catalogs and the report agree with this list: a new kind of entry is one line here
and its words in each catalog."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LogEvent:
    """`name`: the entry's `event` ("card.added"); `params`: the names of what it
    carries in `params` (strings, except `title`: a step's title by language,
    `fields`: a list of field names, and `now`: field names to booleans)."""

    name: str
    params: tuple[str, ...] = ()


_EVIDENCE = ("reference", "agent", "when", "note")  # what a proof holds, each optional

LOG_EVENTS: dict[str, LogEvent] = {
    event.name: event
    for event in (
        LogEvent("card.imported", ("kind", "intent")),
        LogEvent("card.added", ("kind", "intent")),
        # `bundle`: the title of the bundle it came from, in the language it was added in
        LogEvent("card.added_from_bundle", ("kind", "intent", "bundle")),
        # `now`: for each yes/no field among `fields` (carried, registered, abandoned),
        # its new value (entries written before it was kept have none)
        LogEvent("card.edited", ("fields", "now")),
        # `kept`: how many checked steps the checklist left behind holds (entries
        # written before it was kept have none; the log then says they are kept)
        LogEvent("card.intent_changed", ("from_intent", "intent", "kept")),
        # `title`: the playbook's title by language; entries written before it was
        # kept name the playbook's id (`playbook`) instead
        LogEvent("card.playbook_changed", ("playbook", "title")),
        LogEvent("card.issuer_linked", ("issuer", "was")),
        LogEvent("card.deleted"),
        LogEvent("card.restored"),
        LogEvent("card.all_done"),
        LogEvent("step.checked", ("step", "title")),
        LogEvent("step.unchecked", ("step", "title")),
        LogEvent("identifier.stored", ("field", "place")),
        # written by the upgrade of a version 2 data file (tui/storage/migrations.py)
        LogEvent("identifier.secret_dropped", ("field",)),
        LogEvent("lost.started", ("from_intent", "kept")),
        LogEvent("lost.called", ("number", "reference")),
        # a report with no number to call (an ID document at a police station)
        LogEvent("lost.reported", ("reference",)),
        # a card that cannot be reported lost (a bearer card), picked in the lost-wallet
        # list: what it held no longer counts as owed (tui/domain/money_owed.py)
        LogEvent("lost.gone"),
        # that mark taken back: found again, or marked by mistake; what it held counts
        # as owed again (tui/domain/lost_wallet_work.py, LostWalletWork.found_again)
        LogEvent("lost.found"),
        LogEvent("evidence.recorded", ("step", *_EVIDENCE)),
        LogEvent("followup.set", ("date", "reason")),
        LogEvent("followup.cleared"),
        LogEvent("money.set", ("balance", "deposit", "currency")),
        LogEvent("money.refunded", ("amount", "currency", "note")),
        # a file attached (tui.domain.attachment_work): its shown name, its size in
        # words, and the step whose proof it backs ("" for the card)
        LogEvent("attachment.added", ("name", "size", "step")),
    )
}
