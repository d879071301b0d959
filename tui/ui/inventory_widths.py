"""The card list's column widths, for the inventory pane (a mixin): the widest cell of
each column among the cards shown, in terminal cells, which the table
(tui.ui.table_lines) turns into widths for the screen's width.

Worked out when the rows change (new cards, the filter, the due view), never on a
cursor move: every card's widths at once when the cards come (each column measured
once per different value), and under a filter from each card's widths, measured
once per view and kept.
"""

from __future__ import annotations

import datetime as dt

from rich.cells import cell_len

from tui.domain.card_view import CardView
from tui.domain.channels import short_how
from tui.ui.labels import BAR_WIDTH, status_cell
from tui.ui.table_lines import GOES

COLUMNS = ("label", "kind", "issuer", "how", "status", "progress")
# cells of an issuer's name a narrow screen keeps before the label goes below its
# LABEL_MIN: a short name whole (China Mobile, 中国工商银行: 12 cells)
ISSUER_KEPT = 12
# on a narrow screen the label gives way first (down to LABEL_MIN, 16), then the
# issuer down to ISSUER_KEPT, then the label down to 12 (4 cells of a label are worth
# less than a short issuer's whole name: at 80 columns in Chinese, China Mobile was
# "China…" beside a 16-cell label), then How goes whole (a word cut to "in p…" says
# nothing; the room it frees goes back to the label first), then the issuer and the
# label again, then the kind, which goes whole, and last the issuer goes whole (long
# statuses at 60 columns); the status, with its due date, and the progress never give
# way. A floor of 12 for the label alone would keep How at 80 columns in English and
# cut the issuer to 8 cells there ("China…" again), so the label gives its 4 cells
# only for the issuer's.
GIVE_WAY = (
    (COLUMNS.index("issuer"), ISSUER_KEPT),
    (0, ISSUER_KEPT),
    (COLUMNS.index("how"), GOES),
    (COLUMNS.index("issuer"), 8),
    (0, 8),
    (COLUMNS.index("kind"), 6),
    (COLUMNS.index("kind"), GOES),
    (COLUMNS.index("issuer"), GOES),
)


class InventoryWidths:
    """Needs (InventoryPane): self.app.t, self._columns, self._today."""

    def widths_reset(self) -> None:
        self._widths: list[int] = []  # the widest cell of each column, of the rows shown
        self._widths_all: list[int] = []  # the same, of every card
        self._text_cells: dict[str, int] = {}  # a label's or issuer's width, measured once
        self._measured: dict[tuple, int] = {}  # (column, value) -> its cell's width
        # card id -> (the view and date its cells were measured for, their widths)
        self._row_widths: dict[str, tuple[CardView, dt.date, tuple[int, ...]]] = {}

    def _widest(self, views: list[CardView]) -> list[int]:
        """The widest cell of each column among `views` (the rows shown), headings
        included, in terminal cells: each column measured once per different value (a
        few kinds, ways and statuses, the issuers, the follow-up dates, the totals;
        a label or an issuer once ever), not once per card. How is 0 (left out) when
        none of these cards' issuers says how. The progress column is as wide as the
        largest total's "total/total": it does not move as steps are checked."""
        t = self.app.t
        # How's heading counts only with a way to show under it (see _how_width)
        headings = [0 if key == "how" else cell_len(t(f"column.{key}")) for key in self._columns]
        statuses: dict[tuple, CardView] = {}
        for view in views:  # a status's width depends on these alone (status_cell)
            statuses.setdefault((view.status, view.card.follow_up), view)
        cards = [view.card for view in views]
        found = [
            max(map(self._text_width, {card.label for card in cards}), default=0),
            max(map(self._kind_width, {card.kind.value for card in cards}), default=0),
            max(map(self._text_width, {card.issuer or "—" for card in cards}), default=0),
            max(map(self._how_width, {view.channels for view in views}), default=0),
            max(map(self._status_width, statuses.values()), default=0),
            _progress_width(max((view.step_count for view in views), default=0)) if views else 0,
        ]
        return [max(a, b) for a, b in zip(headings, found, strict=True)]

    def _widest_shown(self, views: list[CardView]) -> list[int]:
        """_widest's answer for the cards a filter or the due view shows: from each
        card's cell widths, measured once per view (_widths_of) and kept, so that a
        keystroke in the filter measures only the cards it has not measured yet."""
        t = self.app.t
        kept, today = self._row_widths, self._today
        rows = []
        for view in views:
            known = kept.get(view.card.id)
            if known is None or known[0] is not view or known[1] != today:
                known = kept[view.card.id] = (view, today, self._widths_of(view))
            rows.append(known[2])
        headings = [0 if key == "how" else cell_len(t(f"column.{key}")) for key in self._columns]
        if not rows:
            return headings
        columns = zip(*rows, strict=True)
        return [max(heading, *column) for heading, column in zip(headings, columns, strict=True)]

    def _widths_of(self, view: CardView) -> tuple[int, int, int, int, int, int]:
        """The width of a card's label, kind, issuer, how, status and progress cells,
        without building them (a status with a follow-up date is built: its words
        vary); each kind, way and status measured once a day."""
        card = view.card
        measured = self._measured
        kind, channels = card.kind.value, view.channels
        status = ("status", view.status, card.follow_up, self._today)
        kind_width = measured.get(("kind", kind))
        if kind_width is None:
            kind_width = measured["kind", kind] = self._kind_width(kind)
        how_width = measured.get(("how", channels))
        if how_width is None:
            how_width = measured["how", channels] = self._how_width(channels)
        status_width = measured.get(status)
        if status_width is None:
            status_width = measured[status] = self._status_width(view)
        return (
            self._text_width(card.label),
            kind_width,
            self._text_width(card.issuer or "—"),
            how_width,
            status_width,
            _progress_width(view.step_count),
        )

    def _text_width(self, text: str) -> int:
        """The cells of a label or an issuer, measured once for the pane's life."""
        width = self._text_cells.get(text)
        if width is None:
            width = self._text_cells[text] = cell_len(text)
        return width

    def _how_width(self, channels: tuple[str, ...]) -> int:
        """The How cell's width, its heading's at least; 0 for a card whose issuer
        does not say (the column is left out when no card's says)."""
        t = self.app.t
        words = short_how(channels, t)
        return max(cell_len(words), cell_len(t("column.how"))) if words else 0

    def _kind_width(self, kind: str) -> int:
        return cell_len(self.app.t(f"kind.{kind}"))

    def _status_width(self, view: CardView) -> int:
        t = self.app.t
        if view.card.follow_up:
            return cell_len(status_cell(view, self._today, t).plain)
        return cell_len(t(f"status.{view.status.value}"))


def _progress_width(total: int) -> int:
    """A progress cell's width for `total` steps, whatever is done ("10/12 ━━━━╌╌" as
    wide as "12/12 ━━━━━━"): the column does not move by a cell as steps are checked."""
    return len(f"{total}/{total} ") + BAR_WIDTH
