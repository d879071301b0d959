"""The kinds of log entries, in one list: what the tracker and the import write as a
LogEntry's `event`, with the parameters each carries. The log pane says each one
through the catalogs (content/i18n/<lang>.yaml, `event.<name>`, its {parameters}
filled in: tui/ui/labels.py), and an exported report keeps those marked `in_report`
(tui/domain/export.py). tests/test_log_events.py holds that writers, catalogs and the
report agree with this list: a new kind of entry is one line here, its words in each
catalog, and, when a report keeps it, its line in the report."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LogEvent:
    """`name`: the entry's `event` ("card.added"); `params`: the names of what it
    carries in `params` (strings, except `title`: a step's title by language, and
    `fields`: a list of field names); `in_report`: whether an exported Markdown report
    lists it in a card's record."""

    name: str
    params: tuple[str, ...] = ()
    in_report: bool = False


_EVIDENCE = ("reference", "agent", "when", "note")  # what a proof holds, each optional

LOG_EVENTS: dict[str, LogEvent] = {
    event.name: event
    for event in (
        LogEvent("card.imported", ("kind", "intent")),
        LogEvent("card.added", ("kind", "intent"), in_report=True),
        LogEvent("card.edited", ("fields",)),
        # `kept`: how many checked steps the checklist left behind holds (entries
        # written before it was kept have none; the log then says they are kept)
        LogEvent("card.intent_changed", ("from_intent", "intent", "kept")),
        # `title`: the playbook's title by language; entries written before it was
        # kept name the playbook's id (`playbook`) instead
        LogEvent("card.playbook_changed", ("playbook", "title")),
        LogEvent("card.issuer_linked", ("issuer", "was")),
        LogEvent("card.deleted"),
        LogEvent("card.restored"),
        LogEvent("card.all_done", in_report=True),
        LogEvent("step.checked", ("step", "title")),
        LogEvent("step.unchecked", ("step", "title")),
        LogEvent("identifier.stored", ("field", "place")),
        # written by the upgrade of a version 2 data file (tui/storage/migrations.py)
        LogEvent("identifier.secret_dropped", ("field",)),
        LogEvent("lost.started", ("from_intent", "kept"), in_report=True),
        LogEvent("lost.called", ("number", "reference"), in_report=True),
        # a report with no number to call (an ID document at a police station)
        LogEvent("lost.reported", ("reference",), in_report=True),
        LogEvent("evidence.recorded", ("step", *_EVIDENCE), in_report=True),
        LogEvent("followup.set", ("date", "reason"), in_report=True),
        LogEvent("followup.cleared"),
        LogEvent("money.set", ("balance", "deposit", "currency")),
        LogEvent("money.refunded", ("amount", "currency", "note"), in_report=True),
        # a file attached (tui.domain.attachment_work): its shown name, its size in
        # words, and the step whose proof it backs ("" for the card)
        LogEvent("attachment.added", ("name", "size", "step"), in_report=True),
    )
}
