"""Issuer hotline lookup (`h`, and from the command palette): results as you type,
each number with its purpose, hours and where it came from; Enter copies it.

The search field keeps the focus while the keys that move in a list move in the
results, as in every list: ↑↓, PageUp/PageDown. Home and End are the list's first and
last result while the field is empty, and move in the typed text once it holds some
(where a text field's Home and End are expected).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from rich.text import Text as RichText
from textual import events, on
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.command import Hit, Hits, Provider
from textual.containers import Vertical
from textual.widgets import Input, Static
from textual.widgets.input import Selection

from tui.domain.hotline_choice import Offer, Situation, first_usable, offers_of
from tui.domain.hotline_text import copy_notes, left_out_text
from tui.library.issuers import REPORT_LOST, Issuer
from tui.library.regions import GLOBAL
from tui.records.kinds import Kind
from tui.ui.call_lines import offer_line, procedure_lines
from tui.ui.dialog_screen import DialogScreen
from tui.ui.hotline_list import HotlineList
from tui.ui.labels import localise_bindings
from tui.ui.repaint import SizedByContainer

# how the screen searches: (query, limit, region, kind, place) → issuers, best first
# (IssuerDirectory.search, handed in by the app)
IssuerSearch = Callable[[str, int, str, str, str], list[Issuer]]
WordsLeftOut = Callable[[str, str], list[str]]


def hotline_lines(issuer: Issuer, offer: Offer | None, t) -> RichText:
    """Name, then the number with what it is for, who can dial it, hours, note and
    where it came from (tui.ui.call_lines), or that no number is sourced."""
    names = " · ".join(issuer.name.every(t.lang))
    mine = f" · {t('hotline.yours')}" if issuer.from_user else ""
    region = issuer.region if issuer.region != GLOBAL else t("hotline.worldwide")
    text = RichText(f"{names} · {region}{mine}\n", style="bold")
    if offer is None:
        text.append("  " + t("hotline.no_number"), style="italic")
        return text
    return text.append_text(offer_line(offer, t))


class HotlineQuery(SizedByContainer, Input):
    """The search field: as wide as the box, so a typed key never lays out the screen
    (Textual's Input does, as its text's width changes; see tui.ui.filter_input)."""

    DEFAULT_CSS = """
    HotlineQuery {
        overflow-x: hidden;
    }
    """


class HotlineDetail(Static):
    """The highlighted result's website, source and procedures. It keeps the tallest
    height it has had while the screen is open, up to KEPT_LINES, so the list above it
    does not grow and shrink with every keystroke (each change draws the list and the
    box once more); a taller detail still takes what it needs."""

    KEPT_LINES = 6

    def show(self, text: RichText | str) -> None:
        """Show `text`; the screen is laid out again only when the detail's height
        changes (a layout pass costs about as much as the rest of a keystroke)."""
        width = self.content_region.width
        if width <= 0 or not self.size.height:
            self.update(text)  # not laid out yet
            return
        rich = text if isinstance(text, RichText) else RichText(text)
        lines = len(rich.wrap(self.app.console, width)) if rich.plain else 0
        floor = self.styles.min_height
        same = max(lines, int(floor.value) if floor is not None else 0) == self.size.height
        self.update(text, layout=not same)

    def _on_resize(self, event: events.Resize) -> None:
        floor = self.styles.min_height
        kept = min(event.size.height, self.KEPT_LINES)
        if floor is None or kept > floor.value:
            self.styles.min_height = kept


class HotlineScreen(DialogScreen[None]):
    BINDINGS = [
        Binding("escape", "close", "Close", id="hotline.close"),
        # the search field's own Enter, named in the key bar (it copies the number)
        Binding("enter", "copy", "Copy number", id="hotline.copy", priority=True),
        # moving in the results: in the key panel, with the catalogs' words (key.hotline.*)
        Binding("down", "move(1)", "Next result", show=False, priority=True, id="hotline.next"),
        Binding("up", "move(-1)", "Previous result", show=False, priority=True,
                id="hotline.previous"),
        Binding("pagedown", "page(1)", "Page down", show=False, priority=True,
                id="hotline.page_down"),
        Binding("pageup", "page(-1)", "Page up", show=False, priority=True,
                id="hotline.page_up"),
        Binding("home", "end_of_list(False)", "First result", show=False, priority=True,
                id="hotline.first"),
        Binding("end", "end_of_list(True)", "Last result", show=False, priority=True,
                id="hotline.last"),
        Binding("ctrl+l", "link", "Link to the card", id="hotline.link"),
    ]

    _hint = ""  # what the hint line shows

    def __init__(
        self,
        search: IssuerSearch,
        query: str = "",
        region: str = "",
        situation: Situation | None = None,
        card_id: str | None = None,
        place: str = "",
        left_out: WordsLeftOut | None = None,
        guessed: bool = False,
    ) -> None:
        """`search`: how to search the directory (the app's `search_issuers`);
        `left_out(query, region)`: the query's words its search left out
        (IssuerDirectory.left_out), said in place of the hint;
        `region`: the card's ISO region, whose issuers come first; `situation`:
        what the card is being done for, which orders each issuer's numbers;
        `card_id`: the card it was opened from, which ctrl+l links to the issuer;
        `place`: its region as typed (上海), whose issuers come first; `guessed`:
        `query` is the card's issuer as typed, which links to no issuer, so its results
        are guesses: none is highlighted (Enter copies nothing) until the user chooses
        one or types. An empty query highlights none either: its results are the
        directory in order, not a match."""
        super().__init__(classes="dialog")
        self.search = search
        self.left_out = left_out
        self.ask(query, region, situation, card_id, place, guessed)

    def ask(
        self,
        query: str = "",
        region: str = "",
        situation: Situation | None = None,
        card_id: str | None = None,
        place: str = "",
        guessed: bool = False,
    ) -> None:
        """What to search for the next time the screen is shown (see __init__). The app
        builds the screen once and shows it again for each search: what it showed
        last time goes, and the field holds `query`, all of it selected (typing
        replaces it), as in a screen just built."""
        self.card_id = card_id
        self.place = place
        self.query_text = query
        self.card_region = region
        self.situation = situation
        self.guessed = guessed
        self._results: list[tuple[Issuer, Offer | None]] = []
        self._keys: list[tuple[str, int]] = []  # each result's (issuer id, its nth number)
        self._detail_of: tuple[str, int] | None = None  # the result the detail shows
        self._dialog_answered = False
        if not self.is_mounted:
            return  # compose and on_mount draw it
        self._show_hint()
        self.query_one("#hotline-results", HotlineList).forget()
        detail = self.query_one("#hotline-detail", HotlineDetail)
        detail.styles.min_height = None
        detail.update("")  # what the last search highlighted (none may be now)
        field = self.query_one("#hotline-query", Input)
        if field.value == query:
            self._search(query)
        else:
            field.value = query  # searched by the watcher
        field.selection = Selection(0, len(query))

    def compose(self) -> ComposeResult:
        t = self.app.t
        localise_bindings(self, t)
        with Vertical(classes="dialog-box hotline-box") as box:
            box.border_title = t("hotline.title")
            yield HotlineQuery(
                self.query_text, placeholder=t("hotline.placeholder"), id="hotline-query"
            )
            yield HotlineList(id="hotline-results")
            yield HotlineDetail(id="hotline-detail")
            yield Static(id="hotline-hint", classes="dialog-hint")

    def on_mount(self) -> None:
        query = self.query_one("#hotline-query", Input)
        self.set_focus(query)
        self._show_hint()
        self._search(self.query_text)
        # searched as the key changes the text, so the field and the results are
        # drawn in one go (Input.Changed would come a turn later: a second drawing)
        self.watch(query, "value", self._search, init=False)

    def on_screen_resume(self) -> None:
        self.set_focus(self.query_one("#hotline-query", Input))

    def _show_hint(self, query: str = "", found: bool = False) -> None:
        """The keys' hint; or, when the search of `query` left some of its words out
        (`apple watch`), which ones: the results are what the others find."""
        t = self.app.t
        left = self.left_out(query, self.card_region) if found and self.left_out else []
        hint = left_out_text(left, t) or t(self._hint_key(found))
        if hint != self._hint:
            self._hint = hint
            self.query_one("#hotline-hint", Static).update(hint)

    def _hint_key(self, found: bool) -> str:
        """The keys' hint for what the list shows: results none of which is
        highlighted say so (see __init__), and how to choose one."""
        if found and self._highlighted_index() is None:
            return "hotline.hint_unlinked" if self.guessed else "hotline.hint_none_chosen"
        return "hotline.hint_card" if self.card_id else "hotline.hint"

    def _search(self, query: str) -> None:
        """Search the directory for `query`: every number of the first 20 issuers, in
        the order that fits the situation; an issuer with none shows that it has none.
        Only what the list shows is drawn (tui.ui.hotline_list)."""
        results: list[tuple[Issuer, Offer | None]] = []
        situation = self.situation or Situation(REPORT_LOST, Kind.OTHER, self.app.abroad)
        kind = self.situation.kind.value if self.situation else ""
        found = self.search(query, 20, self.card_region, kind, self.place)
        keys: list[tuple[str, int]] = []
        for issuer in found:
            offers: list[Offer | None] = list(offers_of(issuer, situation))
            if not issuer.hotlines:
                offers.append(None)
            results += [(issuer, offer) for offer in offers]
            keys += [(issuer.id, n) for n in range(len(offers))]
        self._results, self._keys = results, keys
        listing = self.query_one("#hotline-results", HotlineList)
        chosen = bool(query.strip()) and not (self.guessed and query == self.query_text)
        listing.show(self._keys, self._lines, self.app.t("hotline.none", query=query), chosen)
        self._show_hint(query, bool(found))
        self._show_detail()

    def _lines(self, index: int) -> RichText:
        """The text of the `index`th result; the list keeps it by the result's key
        while the screen is open (the situation, and so each issuer's offers, stay
        the same)."""
        issuer, offer = self._results[index]
        return hotline_lines(issuer, offer, self.app.t)

    def _highlighted_index(self) -> int | None:
        index = self.query_one("#hotline-results", HotlineList).highlighted
        return index if index is not None and 0 <= index < len(self._results) else None

    def highlighted(self) -> tuple[Issuer, Offer | None] | None:
        index = self._highlighted_index()
        return None if index is None else self._results[index]

    def _show_detail(self) -> None:
        """The highlighted result's website, source and procedures; drawn again only
        when another result is highlighted."""
        t = self.app.t
        index = self._highlighted_index()
        shown = None if index is None else self._keys[index]
        if shown == self._detail_of:
            return
        self._detail_of = shown
        detail = self.query_one("#hotline-detail", HotlineDetail)
        if index is None:
            detail.show("")
            return
        issuer, offer = self._results[index]
        # which result this is about: the list's last line stands right above it, and
        # a source read under that line would be taken for that line's
        name = issuer.name.get(t.lang)
        heading = (
            t("hotline.detail_number", name=name, number=offer.hotline.shown)
            if offer is not None
            else t("hotline.detail_issuer", name=name)
        )
        lines = [
            RichText(heading, style="bold"),
            RichText(t("hotline.website", url=issuer.website or "—")),
        ]
        if offer is not None and offer.hotline.source:
            lines.append(RichText(t("hotline.source_url", url=offer.hotline.source)))
        # addresses come from content files, the user's own included: shown as text,
        # never read as markup ("https://[/bold]x" would otherwise stop the screen)
        detail.show(RichText("\n").join(lines + procedure_lines(issuer, t)))

    @on(HotlineList.Highlighted, "#hotline-results")
    def _highlight(self) -> None:
        self._show_detail()
        self._show_hint(self.query_one("#hotline-query", Input).value, bool(self._results))

    def action_move(self, step: int) -> None:
        listing = self.query_one("#hotline-results", HotlineList)
        if step > 0:
            listing.action_cursor_down()
        else:
            listing.action_cursor_up()

    def action_page(self, pages: int) -> None:
        listing = self.query_one("#hotline-results", HotlineList)
        if pages > 0:
            listing.action_page_down()
        else:
            listing.action_page_up()

    def action_end_of_list(self, last: bool) -> None:
        """Home/End: the first or last result, unless the search field holds text and
        has the focus (then they move in the text)."""
        field = self.query_one("#hotline-query", Input)
        if self.focused is field and field.value:
            raise SkipAction()
        listing = self.query_one("#hotline-results", HotlineList)
        if last:
            listing.action_last()
        else:
            listing.action_first()

    @on(Input.Submitted, "#hotline-query")
    @on(HotlineList.Selected, "#hotline-results")
    def _copy(self) -> None:
        if self.answered:
            return  # Enter pressed again before the first one closed the dialog
        t = self.app.t
        chosen = self.highlighted()
        if chosen is None or chosen[1] is None:
            self.app.bell()
            return
        issuer, offer = chosen
        hotline = offer.hotline
        name = issuer.name.get(t.lang)
        self.dismiss(None)  # first: a Not copied dialog opens over the panes, not this one
        copied = t("hotline.copied", number=hotline.shown, name=name)
        by_hand = hotline.shown + t("text.aside", text=name)
        self.app.copy_for_user(hotline.shown, copied, by_hand, copy_notes(offer, t))

    def action_copy(self) -> None:
        self._copy()

    def action_link(self) -> None:
        """Link the card this was opened from to the highlighted issuer."""
        chosen = self.highlighted()
        if self.card_id is None or chosen is None or self.answered:
            self.app.bell()
            return
        self.dismiss(None)
        self.app.link_issuer(self.card_id, chosen[0].id)

    def action_close(self) -> None:
        self.dismiss(None)


class HotlineCommands(Provider):
    """Command palette: type an issuer's name to open its hotlines."""

    async def search(self, query: str) -> Hits:
        app = self.app
        if len(query.strip()) < 2 or not hasattr(app, "search_issuers"):
            return
        for rank, issuer in enumerate(app.search_issuers(query, limit=5)):
            offer = first_usable(offers_of(issuer, Situation(REPORT_LOST, Kind.OTHER, app.abroad)))
            first = offer.hotline.shown if offer else "—"
            name = issuer.name.get(app.t.lang)
            label = app.t("hotline.palette", name=name, number=first)
            yield Hit(
                1.0 - rank * 0.1,
                RichText(label),  # an issuer's name is text, never markup ("[/b]x")
                partial(app.open_hotlines, name),
                text=label,
                help=app.t("hotline.palette_help"),
            )
