"""The header: Textual's, with a title line that repaints in place and keeps the
figures on a narrow screen.

Textual's Header updates its title with `Static.update`, which asks for a layout
pass of the whole screen; a layout pass repaints the scroll bars of every list and
table on screen (~1 KB over SSH at 80x24, each time the overview in the header
changes). The title line is always one line high, so it needs no layout.

The app gives the header its title in several forms, most words first (`set_forms`);
the title line shows the first that fits its width, so on a narrow screen the words go
before the numbers do: `cardoff-tui — 0/5 cards closed · 24/52 steps · owed to you:
CN¥107.50` becomes `0/5 cards · 24/52 steps · owed CN¥107.50`, then
`0/5 · 24/52 · CN¥107.50`; amounts in several currencies that do not all fit give
way to the first and how many more (`0/5 cards · 24/52 steps · owed CN¥107.50 +3
more`, then `0/5 · 24/52 · CN¥107.50 +3 more`). Only the last form is ever cut
(with "…").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.content import Content
from textual.visual import VisualType
from textual.widgets import Header
from textual.widgets._header import HeaderTitle

from tui.base.i18n import Catalog
from tui.base.money import amounts_text, money_text
from tui.domain.totals import Overview
from tui.ui.mount_guard import SkipsMountWhileEnding

TitleForm = tuple[str, str]  # (title, subtitle): shown as "title — subtitle"
WORDED_FORMS = 2  # title_forms' forms with every word: with the app's name, without


class TitleLine(HeaderTitle):
    def update(self, content: VisualType = "", *, layout: bool = False) -> None:
        super().update(content, layout=False)  # one line whatever it says

    def on_resize(self) -> None:
        header = self.parent
        if isinstance(header, AppHeader):
            self.update(header.format_title())


class AppHeader(SkipsMountWhileEnding, Header):
    _forms: tuple[TitleForm, ...] = ()

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            yield TitleLine() if type(widget) is HeaderTitle else widget

    def set_forms(self, forms: Sequence[TitleForm]) -> None:
        """The title's forms, most words first (see title_forms)."""
        self._forms = tuple(forms)
        if self.is_mounted:
            self.query_one(TitleLine).update(self.format_title())

    @property
    def shown_form(self) -> TitleForm | None:
        """The form the title line shows now (None: Textual's own title)."""
        if not self._forms:
            return None
        width = self.query_one(TitleLine).content_region.width
        if width <= 0:
            return self._forms[0]
        return next((f for f in self._forms if _cells(f) <= width), self._forms[-1])

    def format_title(self) -> Content:
        form = self.shown_form
        if form is None:
            return super().format_title()
        title, sub_title = form
        if not title:
            return Content(sub_title).stylize("dim")
        return self.app.format_title(title, sub_title)


def _cells(form: TitleForm) -> int:
    title, sub_title = form
    return cell_len(f"{title} — {sub_title}" if title else sub_title)


def title_forms(
    t: Catalog,
    title: str,
    overview: Overview,
    owed: Mapping[str, Decimal],
    damaged: int,
    demo: bool = False,
    abroad: bool = False,
) -> list[TitleForm]:
    """The header's forms, most words first: the app's name and every figure in words;
    the figures in words; in fewer words; the figures alone. The damaged-records marker
    keeps its word in every form (it asks for action), and so does `abroad`'s (the
    numbers offered are those for calling from abroad: config.yaml's `abroad`, or `a`
    in the lost-wallet list). `owed`: currency → amount, each
    shown as tui.base.money.money_text gives it (`¥12,000`, `CN¥1,234.50`), never cut."""
    counts = dict(
        done=overview.cards_done,
        cards=overview.cards,
        steps_done=overview.steps_done,
        steps=overview.steps,
    )
    amounts = amounts_text(owed, t.lang, t("money.separator"))
    marker = [t("data.damaged_marker", count=damaged)] if damaged else []
    demo_marker = [t("app.demo_marker")] if demo else []
    abroad_marker = [t("app.abroad_marker")] if abroad else []

    def joined(*parts: str) -> str:
        return " · ".join(part for part in parts if part)

    full = joined(t("app.overview", **counts), amounts and t("money.owed", amounts=amounts))
    short = joined(
        t("app.overview_short", **counts), amounts and t("money.owed_short", amounts=amounts)
    )
    figures = joined(t("app.overview_figures", **counts), amounts)
    forms = [
        (title, joined(*abroad_marker, full, *marker)),
        ("", joined(*demo_marker, *abroad_marker, full, *marker)),
        ("", joined(*demo_marker, *abroad_marker, short, *marker)),
        ("", joined(*demo_marker, *abroad_marker, figures, *marker)),
    ]
    if len(owed) > 1:  # the first amount and how many more, rather than one cut
        code = min(owed)
        first = money_text(owed[code], code, t.lang)
        more = t("money.owed_more", first=first, count=len(owed) - 1)
        forms += [
            ("", joined(*demo_marker, *abroad_marker, t("app.overview_short", **counts),
                        t("money.owed_short", amounts=more), *marker)),
            ("", joined(*demo_marker, *abroad_marker, t("app.overview_figures", **counts), more,
                        *marker)),
        ]
    return forms


def with_owner_progress(
    forms: Sequence[TitleForm], t: Catalog, owners: Sequence[tuple[str, int, int]]
) -> list[TitleForm]:
    """The header's forms with each owner's cards done of cards after the figures
    (`me 3/5 · Mum 1/4`), when the cards have more than one owner: only on the forms
    with every word (the first two of title_forms: with the app's name and without),
    then every form without them. So a narrowing screen drops the owners' counts
    first, then the words, then cuts the last form (the README's order). `owners`:
    (owner, done, cards) as Totals.by_owner gives them ("" is the user's own, shown
    as the catalog's owner.me)."""
    if len(owners) < 2:
        return list(forms)
    part = " · ".join(
        t("owner.progress", owner=owner or t("owner.me"), done=done, cards=cards)
        for owner, done, cards in owners
    )
    worded = forms[:WORDED_FORMS]
    return [(title, f"{sub} · {part}") for title, sub in worded] + list(forms)
