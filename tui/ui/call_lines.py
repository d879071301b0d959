"""How a number is shown wherever it is offered (steps, lost wallet, hotline search):
the number as it is dialled from where it works, what it is for, who can dial it,
why it will not work now, and where it came from (sourced, or a third party's page,
or sources that disagree)."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text as RichText

from tui.base.i18n import Catalog
from tui.domain.hotline_choice import Offer
from tui.domain.hotline_text import (
    ProcedureWords,
    entry_words,
    offer_parts,
    procedure_words,
    source_text,
)
from tui.library.issuers import Issuer, Procedure


def offer_line(offer: Offer, t: Catalog, short: bool = False) -> RichText:
    """'☎ 95588 (report lost) · only within mainland China', then (unless `short`) the
    hours, the note, the source and any disagreement between sources, a line each."""
    hotline = offer.hotline
    glyph, *parts = offer_parts(offer, t, short)
    line = RichText(glyph[0], style=glyph[1])  # the whole line bold, as the glyph
    for text, style in parts:
        line.append(text, style or None)
    if short:
        return line
    source, style = source_text(hotline, t)
    lines = [line]
    hours = hotline.hours.get(t.lang)
    note = hotline.note.get(t.lang)
    if hours or note:
        lines.append(RichText("  " + " · ".join(filter(None, (hours, note)))))
    lines.append(RichText(f"  {source}", style))
    if conflict := hotline.conflict.get(t.lang):
        lines.append(RichText("  ⚠ " + t("hotline.conflict", text=conflict), "yellow"))
    return RichText("\n").join(lines)


def issuer_line_parts(offer: Offer, t: Catalog) -> tuple[RichText, RichText, RichText]:
    """The short line of `offer` for the steps pane's issuer line, in three parts: what
    it says of the number ('☎ 95588 (report lost) · from abroad'), which may be cut at
    its end; where it came from, then a ⚠ with words where its sources disagree
    (' · visa.com ⚠ sources disagree'), which is never cut; and that end with the ⚠
    alone (' · visa.com ⚠'), for a pane too narrow for the words."""
    glyph, *parts = offer_parts(offer, t, short=True)
    source, source_style = parts.pop()  # where it came from: the short line's last part
    body = RichText(glyph[0], style=glyph[1])
    for text, style in parts:
        body.append(text, style or None)
    end = RichText(source, style=source_style or None)
    short_end = end.copy()
    if offer.hotline.conflict.get(t.lang):
        end.append(" ⚠ " + t("hotline.conflict_short"), "yellow")
        short_end.append(" ⚠", "yellow")
    return body, end, short_end


def procedure_lines(issuer: Issuer, t: Catalog) -> list[RichText]:
    """The issuer's procedures (how it is done without a number) and what could not
    be found, a line each with its source."""
    return [_procedure_line(words) for words in procedure_words(issuer, t, short=True)]


def these_procedure_lines(procedures: Iterable[Procedure], t: Catalog) -> list[RichText]:
    """Some of an issuer's procedures (those lost_wallet_calls.report_way puts
    first), a line each with its source, as procedure_lines says them."""
    return [_procedure_line(entry_words(entry, t, short=True)) for entry in procedures]


def _procedure_line(words: ProcedureWords) -> RichText:
    """'Reporting it lost: ' in bold, how it is done, then where it came from."""
    text = RichText(words.said, style="bold")
    text.append(words.note)
    if words.source:
        source, style = words.source
        text.append(f" {source}", style)
    return text
