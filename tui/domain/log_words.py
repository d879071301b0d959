"""What a log entry says, in words from the catalogs (`event.<name>`, its parameters
put in words too: kinds, intents, fields, a step's title, a proof's parts, a date).
The log pane (tui/ui/labels.py) and the exported report (tui/domain/export.py) both
say an entry through `entry_words`, so every kind in tui/records/log_events.py reads
the same in each, in each language.

Parts that are joined in code (a proof's labelled parts, a list of fields) are joined
with the catalog's own marks (`text.labelled`, `text.aside`, `log.separator`, `log.list_separator`):
full-width `：` and `；` in Chinese, `: ` and `; ` in English."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from tui.base.i18n import Catalog
from tui.base.money import money_text
from tui.library.playbook import Text
from tui.records.attachments import size_worded
from tui.records.model import LogEntry

# log entries of a card switching checklist: they say whether its marks are kept
SWITCHES = ("card.intent_changed", "lost.started")
EVIDENCE_PARTS = ("reference", "agent", "when", "note")


def evidence_words(evidence: dict, t: Catalog, *, dated: bool = False) -> str:
    """A proof's parts (`evidence`: reference, agent, when, note; each optional) as
    "Reference: RB-001; When: 11/30/26, 2:34 PM" (zh: "受理编号：RB-001；时间：…");
    `dated`: the when with a four-digit year (for what is kept, such as a report)."""
    from tui.base.typed_moment import shown_text  # only proof holds a typed moment

    shown = dict(evidence)
    if shown.get("when"):
        shown["when"] = shown_text(str(shown["when"]), dated=dated)
    return t("log.separator").join(
        t("text.labelled", label=t(f"evidence.{key}"), value=shown[key])
        for key in EVIDENCE_PARTS
        if shown.get(key)
    )


def _iso_day(text: object) -> dt.date | None:
    """The day an ISO date string names; None for anything else (a date written by
    hand or by another version, then shown as it is)."""
    if not isinstance(text, str):
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def _field_words(name: str, now: dict, t: Catalog) -> str:
    """A field an edit changed, by its name ("Notes"); a yes/no one whose new value
    the entry keeps (`now`) with both values, "Registered: yes → no" (entries written
    before those were kept name the field alone)."""
    field = t(f"field.{name}")
    value = now.get(name)
    if not isinstance(value, bool):
        return field
    was, is_now = t("log.no" if value else "log.yes"), t("log.yes" if value else "log.no")
    return t("log.field_now", field=field, was=was, now=is_now)


def entry_words(
    entry: LogEntry, t: Catalog, day_text: Callable[[dt.date], str], *, dated: bool = False
) -> str:
    """The words of a log entry (without its time or card) in `t`'s language: its
    `event.<name>` text with each parameter in words; `day_text` writes a date (the
    follow-up's) as the place showing it writes dates (tui.base.clock.local_date on
    screen, dated_day in a report); `dated`: a proof's when with a four-digit year.
    An entry of a kind this version does not know says its catalog key's fallback."""
    params = dict(entry.params)
    if entry.event == "evidence.recorded":
        params = {"details": evidence_words(params, t, dated=dated)}
    if isinstance(params.get("title"), dict):
        params["title"] = Text.from_doc(params["title"]).get(t.lang)
    if isinstance(params.get("fields"), list):
        now = params.get("now") if isinstance(params.get("now"), dict) else {}
        params["fields"] = t("log.list_separator").join(
            _field_words(name, now, t) for name in params["fields"]
        )
    if entry.event == "card.playbook_changed" and "title" not in params:
        params["title"] = params.get("playbook", "")  # written before titles were kept
    day = _iso_day(params.get("date")) if entry.event == "followup.set" else None
    if day is not None:
        params["date"] = day_text(day)
    if entry.event in ("money.set", "money.refunded"):  # amounts shown in their currency
        currency = str(params.get("currency") or "")
        for name in ("balance", "deposit", "amount"):
            if name in params:
                params[name] = money_text(str(params[name] or "0"), currency, t.lang)
    if entry.event == "attachment.added" and isinstance(params.get("size"), str):
        params["size"] = size_worded(params["size"], t)  # kept as "512 B"
    if entry.event == "money.refunded" and params.get("note"):
        params["note"] = t("text.aside", text=params["note"])
    for name, prefix in (
        ("kind", "kind"),
        ("intent", "intent"),
        ("from_intent", "intent"),
        ("field", "field"),
        ("place", "place"),
    ):
        if isinstance(params.get(name), str):
            params[name] = t(f"{prefix}.{params[name]}")
    text = t(f"event.{entry.event}", **params)
    if entry.event in SWITCHES and entry.params.get("kept") != 0:
        text += t("log.marks_kept", from_intent=params["from_intent"])
    return text
