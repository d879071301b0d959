"""Turning domain values into the words and marks the panes show."""

from __future__ import annotations

from dataclasses import replace

from rich.text import Text as RichText
from textual.dom import DOMNode

from tui.base.clock import local_date, local_text
from tui.base.i18n import Catalog
from tui.domain.card_view import CardView
from tui.domain.log_words import entry_words
from tui.records.identifiers import Identifier
from tui.records.model import Card, LogEntry
from tui.ui.line_breaks import kept_whole

BAR_WIDTH = 6


def whose_label(card: Card, t: Catalog) -> str:
    """The card's label, with whose card it is when it is not the user's own
    ('Mum: Visa debit'; the catalog's `owner.card`), for lists that mix people's cards
    without grouping them (the lost-wallet pick and calls)."""
    if not card.owner:
        return card.label
    return t("owner.card", owner=card.owner, card=card.label)


def progress_cell(view: CardView) -> RichText:
    """'3/9 ━━╌╌╌╌': counts, then a bar that reads without colour too; right-aligned
    in its column, so every row's bar ends in the same place."""
    done, total = view.done_count, view.step_count
    filled = round(BAR_WIDTH * done / total) if total else 0
    cell = RichText(f"{done}/{total} ", justify="right")
    cell.append("━" * filled, style="green")
    cell.append("╌" * (BAR_WIDTH - filled), style="dim")
    return cell


def status_cell(view: CardView, today, t: Catalog) -> RichText:
    """The status, with its follow-up date: 'due today', 'N days late', or the date to
    come (a card not waiting yet has one too: a day the user set to come back to it);
    none for a card done or abandoned (nothing to follow up, as Tracker.due counts)."""
    import datetime as dt

    cell = RichText(t(f"status.{view.status.value}"))
    follow_up = view.card.follow_up
    if follow_up and view.status.value not in ("done", "abandoned"):
        days = (today - dt.date.fromisoformat(follow_up)).days
        if days > 0:
            cell.append(" " + t("due.late", days=days), style="bold red")
        elif days == 0:
            cell.append(" " + t("due.today"), style="bold yellow")
        else:
            cell.append(" " + local_date(dt.date.fromisoformat(follow_up)), style="dim")
    return cell


def identifier_text(identifier: Identifier, t: Catalog) -> str:
    """How an identifier shows: '•••• 1234' for a serial; for a secret (a PIN), only
    that it is set and where it is kept, e.g. 'set (encrypted file)'."""
    if identifier.masked is not None:
        return identifier.masked
    return t("secrets.secret_set", place=t(f"place.{identifier.kept_in}"))


# a log entry's parameters that are never broken across lines: a number dialled, a
# reference an issuer gave
WHOLE_PARAMS = ("number", "reference")


def log_text(entry: LogEntry, t: Catalog, with_card: bool) -> str:
    """A log line: the entry's local time, its card's label (`with_card`), and its
    words (tui.domain.log_words, dates as the card list shows them)."""
    text = entry_words(entry, t, local_date)
    for name in WHOLE_PARAMS:  # never broken across lines (line_breaks.kept_whole)
        value = entry.params.get(name)
        if isinstance(value, str) and value and kept_whole(value) != value:
            text = text.replace(value, kept_whole(value))
    when = local_text(entry.at)
    if with_card:
        text = t("text.labelled", label=entry.card_label, value=text)
    return f"{when}  {text}"


def localise_bindings(node: DOMNode, t: Catalog) -> None:
    """Show each binding's description in the user's language (looked up by binding id).

    Textual copies the class bindings into each node; replacing descriptions on that
    copy leaves key maps (App.set_keymap) working as before.
    """
    bindings = node._bindings.key_to_bindings
    for key, found in bindings.items():
        bindings[key] = [
            replace(b, description=t(f"key.{b.id}")) if b.id and t.has(f"key.{b.id}") else b
            for b in found
        ]


def set_content(widget, content, layout: bool = True) -> bool:
    """Update a Static only when what it shows changes (every update repaints, and a
    repaint is bytes over SSH); returns whether it changed.

    With `layout`, the screen is laid out again only if the Static's height changes
    (never for a Static of fixed height): a layout pass repaints the scroll bar of
    every list and table on screen."""
    key = (
        repr(content) if not isinstance(content, RichText) else (content.plain, repr(content.spans))
    )
    if getattr(widget, "_shown_key", None) == key:
        return False
    widget._shown_key = key
    size = widget.size
    widget.update(content, layout=layout and not size)
    height = widget.styles.height
    if layout and size and (height is None or height.is_auto):
        width_auto = widget.styles.width is not None and widget.styles.width.is_auto
        if width_auto or widget.get_content_height(size, size, size.width) != size.height:
            widget.refresh(layout=True)
    return True
