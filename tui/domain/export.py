"""Exports: a Markdown report to keep or hand to an issuer, complete versioned JSON,
a CSV row per card (plain UTF-8, or with a BOM for Excel), and the follow-ups as
calendar events (ICS). The list of formats is tui.domain.export_formats.

Identifiers appear masked only: a serial (card number, ICCID, EID) by its last 4, a
secret (a port-out PIN) only as set; full values never leave the keyring or the
encrypted file.

Every export is safe to print to a terminal, even from a data file written before
text was cleaned on its way in (tui.base.sanitiser): Markdown, CSV and ICS show control
characters as symbols (ESC as ␛) and bidi overrides as U+FFFD; JSON escapes them
(\u001b), so it stays complete. CSV cells that a spreadsheet would run as a formula
(=, +, -, @, tab, CR first) get a leading single quote, and every text cell is quoted.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

from tui.base.clock import dated_day, dated_text
from tui.base.errors import TrackerError
from tui.base.i18n import Catalog, Phrase
from tui.base.money import amounts_text, money_text
from tui.base.sanitiser import for_terminal, json_for_terminal, spreadsheet_cell
from tui.domain.card_view import CardView
from tui.domain.csv_format import EXPORT_COLUMNS
from tui.domain.export_formats import DEFAULT_FORMAT, FORMATS
from tui.domain.log_words import entry_words, evidence_words
from tui.domain.money_owed import still_owed
from tui.domain.shared_text import for_others
from tui.domain.tracker import Tracker
from tui.library.content import english
from tui.records.household import tags_text
from tui.records.identifiers import Identifier
from tui.records.log_events import LOG_EVENTS
from tui.records.model import LogEntry

EXPORT_FORMAT = "cardoff-tui-export"
EXPORT_VERSION = 1


def identifier_shown(identifier: Identifier, t: Catalog) -> str:
    """'•••• 1234' for a serial; for a secret only that it is set, and where."""
    if identifier.masked is not None:
        return identifier.masked
    kept_in = identifier.kept_in or ""
    place = t(f"place.{kept_in}") if kept_in in ("keyring", "vault") else kept_in
    return t("report.secret_set", place=place)


def _views(tracker: Tracker, card_id: str | None) -> list[CardView]:
    views = tracker.views()
    if card_id is not None:
        views = [v for v in views if v.card.id == card_id]
        if not views:
            raise TrackerError(
                "error.no_card_with_id", card_id=card_id, hint=Phrase("error.card_ids_hint")
            )
    return views


def to_json(tracker: Tracker, card_id: str | None = None) -> str:
    cards = []
    for view in _views(tracker, card_id):
        cards.append(
            {
                "card": view.card.to_doc(),
                "status": view.status.value,
                "progress": tracker.progress(view.card.id),
                # the marks of the intents it had before, which come back if it is
                # switched back: "kind/intent" -> step id -> mark
                "kept_progress": tracker.kept_progress(view.card.id),
                "log": [e.to_doc() for e in reversed(tracker.log(view.card.id))],
            }
        )
    doc = {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "exported": tracker.clock().isoformat(),
        "cards": cards,
    }
    return json_for_terminal(json.dumps(doc, ensure_ascii=False, indent=2)) + "\n"




def to_csv(tracker: Tracker, card_id: str | None = None) -> str:
    """A row per card; text cells quoted and guarded (see spreadsheet_cell)."""
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_NONNUMERIC)
    writer.writerow(EXPORT_COLUMNS)
    for view in _views(tracker, card_id):
        card = view.card
        cells = [
            card.id,
            card.label,
            card.kind.value,
            card.intent.value,
            card.issuer,
            card.region,
            view.status.value,
            view.done_count,
            view.step_count,
            card.follow_up,
            card.notes,
            card.created.isoformat(),
            card.updated.isoformat(),
            card.network,
            "yes" if card.carried else "no",
            card.owner,
            tags_text(card.tags),
            "yes" if card.registered else "no",
        ]
        writer.writerow([spreadsheet_cell(c) if isinstance(c, str) else c for c in cells])
    return out.getvalue()


def _is_iso_day(text: object) -> bool:
    try:
        dt.date.fromisoformat(str(text))
    except ValueError:
        return False
    return True


def _log_line(entry: LogEntry, t: Catalog) -> str | None:
    """The line a report keeps for a log entry: every kind in
    tui/records/log_events.py, in the report's words where it has its own
    (`report.<kind>`: proof, calls, refunds, ...) and in the log's otherwise
    (tui.domain.log_words), dates with a four-digit year. None only for a kind this
    version does not know (written by a newer one)."""
    if entry.event not in LOG_EVENTS:
        return None
    params = entry.params
    if entry.event == "evidence.recorded":
        return t("report.proof", evidence=evidence_words(params, t, dated=True))
    if entry.event == "lost.called":
        return t("report.called", number=params.get("number"), reference=params.get("reference"))
    if entry.event == "lost.reported":
        return t("report.reported", reference=params.get("reference"))
    if entry.event == "money.refunded":
        note = t("text.aside", text=params.get("note")) if params.get("note") else ""
        amount = money_text(str(params.get("amount")), str(params.get("currency", "")), t.lang)
        return t("report.refunded_line", amount=amount, note=note)
    if entry.event == "followup.set" and params.get("date"):
        return t("report.followup_set", date=_day_shown(params["date"]))
    if entry.event == "attachment.added":
        return t("report.attached", name=params.get("name"), size=params.get("size"))
    if entry.event in ("card.added", "card.added_from_bundle"):
        return t("report.added")
    if entry.event == "card.all_done":
        return t("report.all_done")
    return entry_words(entry, t, dated_day, dated=True)


def _day_shown(day: object) -> str:
    """A stored day (ISO 8601) as the report writes days (dated_day); anything else as
    it is."""
    return dated_day(dt.date.fromisoformat(str(day))) if _is_iso_day(day) else str(day)


def to_markdown(
    tracker: Tracker, card_id: str | None = None, lang: str = "en", catalog: Catalog | None = None
) -> str:
    """The report in `catalog`'s language (English when None; `lang` names the
    language of the playbooks' step titles when no catalog is given). Times are in the
    user's time zone with it, and days, in one style formatted by Babel for the
    locale (tui.base.clock.dated_text and dated_day: "Nov 30, 2026, 10:38:00 AM
    +0800", "Dec 25, 2026"): the export's time, the steps', the log's, a proof's
    when and the follow-up date alike."""
    t = catalog or english()
    lang = t.lang if catalog is not None else lang
    now = dated_text(tracker.clock())
    lines = [f"# {t('report.title')}", "", t("report.exported", when=now), ""]
    totals = tracker.owed_total() if card_id is None else {}
    if totals:
        amounts = amounts_text(totals, t.lang, t("money.separator"))
        lines += [t("report.owed_line", name=t("report.still_owed"), amounts=amounts), ""]
    for view in _views(tracker, card_id):
        card = view.card
        lines += [f"## {for_others(card.label, card)}", ""]
        status = t(
            "report.status_value",
            status=t(f"status.{view.status.value}"),
            done=view.done_count,
            total=view.step_count,
        )
        facts = [
            (t("report.kind"), t(f"kind.{card.kind.value}")),
            (t("report.intent"), t(f"intent.{card.intent.value}")),
            (t("report.issuer"), for_others(card.issuer, card) or "—"),
            (t("report.region"), card.region or "—"),
            *([(t("report.network"), t(f"network.{card.network}"))] if card.network else []),
            *([(t("report.owner"), for_others(card.owner, card))] if card.owner else []),
            *([(t("report.tags"), tags_text(card.tags))] if card.tags else []),
            (t("report.status"), status),
        ]
        for name, identifier in card.identifiers.items():
            label = t(f"field.{name}") if t.has(f"field.{name}") else name.replace("_", " ")
            facts.append((label, identifier_shown(identifier, t)))
        if card.follow_up:
            facts.append((t("report.follow_up"), _day_shown(card.follow_up)))
        if card.money:
            currency = card.money.get("currency", "")

            def shown(amount: object, currency: str = currency) -> str:
                return money_text(str(amount), currency, t.lang)

            for key in ("balance", "deposit", "refunded"):
                if card.money.get(key) and card.money[key] not in ("0", "0.00"):
                    facts.append((t(f"report.{key}"), shown(card.money[key])))
            if left := still_owed(view):  # nothing for what is gone with a lost card
                facts.append((t("report.still_owed"), shown(left)))
        lines += [t("report.fact", name=k, value=v) for k, v in facts]
        progress = tracker.progress(card.id)
        done = [item for item in view.items if item.done]
        if done:
            lines += ["", f"### {t('report.steps_done')}", ""]
            for item in done:
                mark = progress.get(item.step_id, {})
                when = dated_text(dt.datetime.fromisoformat(mark["at"])) if "at" in mark else ""
                title = item.title.get(lang)
                line = f"- {when} — {title}" + (f" {t('report.retired')}" if item.retired else "")
                if mark.get("evidence"):
                    line += f" — {evidence_words(mark['evidence'], t, dated=True)}"
                lines.append(line)
        record = [(e, _log_line(e, t)) for e in reversed(tracker.log(card.id))]
        record = [(e, text) for e, text in record if text]
        if record:
            lines += ["", f"### {t('report.record')}", ""]
            lines += [f"- {dated_text(e.at)} — {text}" for e, text in record]
        if card.notes:
            lines += ["", f"### {t('report.notes')}", "", card.notes]
        lines.append("")
    return for_terminal("\n".join(lines))


def to_ics(
    tracker: Tracker,
    card_id: str | None = None,
    catalog: Catalog | None = None,
    abroad: bool = False,
) -> bytes:
    """Each follow-up as an all-day event a calendar can import, its words in
    `catalog`'s language (English when None), with the number the app offers from
    where the user is (`abroad`, or at home) in the app's words (offer_words)."""
    from icalendar import Calendar, Event

    from tui.domain.hotline_choice import first_usable
    from tui.domain.hotline_text import offer_words

    t = catalog or english()

    calendar = Calendar()
    calendar.add("prodid", "-//cardoff-tui//follow-ups//EN")
    calendar.add("version", "2.0")
    stamp = tracker.clock()
    for view in _views(tracker, card_id):
        card = view.card
        if not card.follow_up:
            continue
        offer = first_usable(tracker.calls_for(card, abroad, t.lang))
        event = Event()
        event.add("uid", f"{card.id}-{card.follow_up}@cardoff-tui")
        event.add("dtstamp", stamp)
        day = dt.date.fromisoformat(card.follow_up)
        event.add("dtstart", day)
        event.add("dtend", day + dt.timedelta(days=1))
        label = for_others(card.label, card)  # a calendar is often kept by a service
        event.add("summary", for_terminal(t("report.ics_summary", label=label)))
        what = t(
            "report.kind_intent",
            kind=t(f"kind.{card.kind.value}"),
            intent=t(f"intent.{card.intent.value}"),
        )
        details = [what, t("report.ics_issuer", issuer=for_others(card.issuer, card) or "—")]
        if offer is not None:
            details.append(t("report.ics_hotline", number=offer_words(offer, t)))
        event.add("description", for_terminal("\n".join(details)))
        calendar.add_component(event)
    return calendar.to_ical()


def export(
    tracker: Tracker,
    fmt: str = DEFAULT_FORMAT,
    card_id: str | None = None,
    lang: str = "en",
    catalog: Catalog | None = None,
    abroad: bool = False,
) -> bytes:
    """The export in format `fmt` (a key of FORMATS) as the bytes of a file: UTF-8,
    the report's and the calendar's words in `catalog`'s language (English when None),
    with a BOM for csv-excel (Excel reads a CSV without one in the system's code page,
    GBK on Chinese Windows); the calendar's numbers from where the user is (`abroad`).
    Raises TrackerError("error.no_card_with_id") for an unknown card id, ValueError
    for an unknown format."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; one of {', '.join(FORMATS)}")
    if fmt == "ics":
        return to_ics(tracker, card_id, catalog, abroad)
    text = {
        "md": lambda: to_markdown(tracker, card_id, lang, catalog),
        "json": lambda: to_json(tracker, card_id),
        "csv": lambda: to_csv(tracker, card_id),
        "csv-excel": lambda: to_csv(tracker, card_id),
    }[fmt]()
    return text.encode("utf-8-sig" if fmt == "csv-excel" else "utf-8")


def write_report(
    tracker: Tracker, lang: str = "en", catalog: Catalog | None = None, abroad: bool = False
) -> list[Path] | None:
    """Write the Markdown report and the follow-ups' ICS into `exports/` beside the
    data file, each atomically, named by the local time (cardoff-report-YYYYMMDD-HHMM).
    Returns the files written; None when the data is held in memory (nothing to write
    beside). Raises TrackerError("data.report_not_written") when the disk refuses
    (full, read-only, no permission): what was written before is as it was."""
    from tui.base.private_files import private_dir, write_atomically
    from tui.storage.store import StoreWriteError

    path = tracker.data_path
    if path is None:
        return None
    stamp = tracker.clock().astimezone().strftime("%Y%m%d-%H%M")
    written = []
    try:
        folder = private_dir(path.parent / "exports")
        for fmt in ("md", "ics"):
            target = folder / f"cardoff-report-{stamp}.{fmt}"
            data = export(tracker, fmt, lang=lang, catalog=catalog, abroad=abroad)
            write_atomically(target, data)
            written.append(target)
    except OSError as exc:
        refused = StoreWriteError(path.parent / "exports", exc)
        raise TrackerError(
            "data.report_not_written",
            problem=Phrase(f"disk.{refused.problem}"),
            folder=str(path.parent),
            detail=refused.detail,
        ) from exc
    return written
