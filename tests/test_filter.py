"""The card list's filter (`/`): what it shows after each key, where the selection
goes, that Escape gives the list back as it was, and that opening, typing and closing
touch only what they change (no layout pass of the screen for a keystroke, the key
bar's keys kept, no row's cells built again)."""

from __future__ import annotations

import pytest
from textual.screen import Screen
from textual.widgets import Footer, Input
from textual.widgets._footer import FooterKey

from tests.helpers.pilot import settle, wait_until
from tui.domain.tracker import Tracker
from tui.records.card_fields import CardFields
from tui.storage.store import Store
from tui.ui.inventory_pane import CardTable, InventoryPane
from tui.ui.steady_footer import SteadyFooter

SIZE = (80, 24)
WORDS = ("alpha", "beta", "gamma")
KINDS = ("bank", "transit", "esim")


def _cards(content, clock, count: int = 24) -> tuple[Store, list[str]]:
    """`count` cards, labels "Card 00 alpha", "Card 01 beta", …; kinds in turn; a few
    with a step checked (status "In progress")."""
    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock)
    ids = []
    for n in range(count):
        fields = CardFields(f"Card {n:02} {WORDS[n % 3]}", KINDS[n % 3], "cancel", f"Issuer {n}")
        card = tracker.add_card(fields)
        if n % 4 == 0:
            tracker.toggle_step(card.id, tracker.view(card.id).items[0].step_id)
        ids.append(card.id)
    return store, ids


def _matching(app, text: str) -> list[str]:
    """The cards the filter should show for `text`, worked out here from the tracker:
    every word of it in the card's label, issuer, region, kind or status, in the data's
    words or the user's language, casefolded; in the list's order."""
    words = text.casefold().split()
    shown = []
    for view in app.tracker.views():
        card = view.card
        fields = (
            card.label,
            card.issuer,
            card.region,
            card.kind.value,
            app.t(f"kind.{card.kind.value}"),
            app.t(f"status.{view.status.value}"),
        )
        haystack = " ".join(fields).casefold()
        if all(word in haystack for word in words):
            shown.append(card.id)
    return shown


def _state(app) -> tuple:
    pane = app.query_one(InventoryPane)
    table = app.query_one(CardTable)
    return table.keys_shown, app.selected_id, table.cursor_row, pane.border_subtitle


async def _type(pilot, text: str) -> None:
    await pilot.press(*[c if c != " " else "space" for c in text])
    await settle(pilot)


@pytest.mark.parametrize("start", [0, 7, 23])
@pytest.mark.parametrize("query", ["alpha", "card 1", "zz", "in progress", "card"])
async def test_escape_gives_the_list_back_as_it_was(make_app, content, clock, start, query):
    store, ids = _cards(content, clock)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.query_one(CardTable).move_cursor(start)
        app.query_one(InventoryPane).post_message(InventoryPane.Selected(ids[start]))
        await settle(pilot)
        rows, selected, _, subtitle = before = _state(app)
        assert rows == ids and selected == ids[start] and subtitle == "24 cards"
        await pilot.press("slash")
        await _type(pilot, query)
        # the selection, key by key: kept while its card is shown, else the first card
        # shown (never the card that happens to be in its row); none when nothing is
        expected: str | None = ids[start]
        for typed in range(1, len(query) + 1):
            now = _matching(app, query[:typed])
            if expected not in now:
                expected = now[0] if now else None
        matching = _matching(app, query)
        shown, selected_now, cursor_now, subtitle_now = _state(app)
        assert shown == matching
        assert subtitle_now == f"{len(matching)} of 24 shown"
        assert selected_now == expected
        if matching and ids[start] not in matching:
            assert cursor_now == matching.index(expected)
        await pilot.press("escape")
        await settle(pilot)
        # every row back, in order; the selection is the card selected last (the one
        # selected before the filter when the filter showed none)
        expected_selection = selected_now or ids[start]
        assert _state(app) == (ids, expected_selection, ids.index(expected_selection), subtitle)
        assert app.focused is app.query_one(CardTable)
        box = app.query_one("#filter", Input)
        assert box.value == "" and not box.display
        if selected_now in (None, ids[start]):
            assert _state(app) == before


async def test_each_key_shows_the_cards_with_every_word(make_app, content, clock):
    store, _ = _cards(content, clock)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        typed = ""
        for key in "card 1 bet":
            typed += key
            await _type(pilot, key)
            assert app.query_one(CardTable).keys_shown == _matching(app, typed), typed
        for _ in range(4):
            typed = typed[:-1]
            await pilot.press("backspace")
            await settle(pilot)
            assert app.query_one(CardTable).keys_shown == _matching(app, typed), typed


async def test_the_selection_follows_a_card_the_user_moves_to_in_the_filter(
    make_app, content, clock
):
    store, ids = _cards(content, clock)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await _type(pilot, "gamma")
        await pilot.press("enter", "j", "j")  # to the list, two cards down
        await settle(pilot)
        gamma = _matching(app, "gamma")
        assert app.selected_id == gamma[2]
        await pilot.press("slash", "escape")
        await settle(pilot)
        assert app.query_one(CardTable).keys_shown == ids
        assert app.selected_id == gamma[2]


async def test_escape_in_the_list_clears_the_filter_that_narrows_it(make_app, content, clock):
    """Back in the list after Enter, the filter still narrows it: Escape there clears
    it too (as in the filter line), keeping the card selected; with no filter, Escape
    in the list changes nothing."""
    store, ids = _cards(content, clock)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("escape")  # no filter: nothing happens
        await settle(pilot)
        assert app.query_one(CardTable).keys_shown == ids
        await pilot.press("slash")
        await _type(pilot, "gamma")
        await pilot.press("enter", "j")
        await settle(pilot)
        chosen = app.selected_id
        assert app.focused is app.query_one(CardTable)
        await pilot.press("escape")
        await settle(pilot)
        assert app.query_one(CardTable).keys_shown == ids
        assert app.selected_id == chosen and app.focused is app.query_one(CardTable)
        assert not app.query_one("#filter", Input).display


async def test_a_filter_key_lays_out_nothing(make_app, content, clock, monkeypatch):
    """The filter line is one row as wide as its pane: what is typed into it never lays
    out the screen (Textual's Input does, each key)."""
    store, _ = _cards(content, clock, count=3)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await settle(pilot)
        await pilot.pause()
        passes = []  # a scroll (the line's text moving) is not a layout pass
        real = Screen._refresh_layout
        monkeypatch.setattr(
            Screen,
            "_refresh_layout",
            lambda self, *a, **k: (k.get("scroll") or passes.append(1)) or real(self, *a, **k),
        )
        await _type(pilot, "card 0")
        await pilot.pause()
        assert app.query_one(CardTable).row_count == 3
        assert app.query_one("#filter", Input).value == "card 0"
        assert passes == []
        await _type(pilot, " card 0" * 12)  # longer than the line: it scrolls, no layout
        box = app.query_one("#filter", Input)
        assert app.query_one(CardTable).row_count == 3
        assert box.scroll_x == box.max_scroll_x > 0  # the end, where the cursor is
        assert passes == []


def _keys(footer) -> list[tuple[str, str]]:
    """The keys a footer shows (ours: those of the row of keys it shows)."""
    if isinstance(footer, SteadyFooter):
        footer = footer.row
    return [(key.key_display, key.description) for key in footer.query(FooterKey) if key.display]


async def test_the_key_bar_shows_what_textual_s_would_and_keeps_its_keys(make_app, content, clock):
    """Opening the filter hides the hints of the keys it takes (they type into it) and
    Escape brings them back, as Textual's Footer shows them; each set of keys is built
    once and shown again, not removed and mounted again. (At 120 columns, where every
    key fits: a narrower bar drops some, test_key_bar_fit.py.)"""
    store, _ = _cards(content, clock, count=3)
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        ours = app.screen.query_one(SteadyFooter)
        plain = Footer(id="plain")
        await app.screen.mount(plain)
        app.screen.refresh_bindings()  # what a focus change does

        async def same_as_plain(what: str) -> list[tuple[str, str]]:
            await wait_until(pilot, lambda: _keys(plain) == _keys(ours), what)
            return _keys(ours)

        on_list = await same_as_plain("the key bar, on the list")
        built = list(ours.row.query(FooterKey))
        await pilot.press("slash")
        in_filter = await same_as_plain("the key bar, in the filter")
        assert ("a", "Add") in on_list and ("a", "Add") not in in_filter
        assert ("?", "Help") in on_list and ("f1", "Help") in in_filter
        await pilot.press("escape")
        assert await same_as_plain("the key bar, back on the list") == on_list
        assert list(ours.row.query(FooterKey)) == built
        await pilot.press("tab")  # the steps: a key of their own
        await same_as_plain("the key bar, on the steps")
        await pilot.press("shift+tab")
        assert await same_as_plain("the key bar, on the list again") == on_list
        built = list(ours.query(FooterKey))
        for key in ("slash", "escape", "tab", "shift+tab", "slash"):
            await pilot.press(key)
            await same_as_plain(f"the key bar after {key}")
        assert list(ours.query(FooterKey)) == built


async def test_a_focus_change_repaints_what_it_changes_not_the_screen(
    make_app, content, clock, monkeypatch
):
    store, _ = _cards(content, clock, count=3)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        wholes = []
        real = Screen.refresh
        monkeypatch.setattr(
            Screen,
            "refresh",
            lambda self, *regions, **kw: (
                (not regions and wholes.append(1)) or real(self, *regions, **kw)
            ),
        )
        for key in ("slash", "escape", "tab", "shift+tab"):
            await pilot.press(key)
            await settle(pilot)
        assert wholes == []
        assert app.query_one("#inventory").has_pseudo_class("focus-within")
        assert not app.query_one("#steps").has_pseudo_class("focus-within")


async def test_rows_already_drawn_are_not_built_again_when_the_filter_changes(
    make_app, content, clock, monkeypatch
):
    store, _ = _cards(content, clock)
    built = []
    real = InventoryPane._row_cells
    monkeypatch.setattr(
        InventoryPane, "_row_cells", lambda self, key: built.append(key) or real(self, key)
    )
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        shown = app.query_one(CardTable).keys_shown
        built.clear()
        await pilot.press("slash")
        await _type(pilot, "alpha")
        await settle(pilot)
        alpha = _matching(app, "alpha")
        assert built and set(built) <= set(alpha)  # only rows not on screen before
        assert not set(built) & set(shown[:2])
        built.clear()
        await pilot.press("escape")
        await settle(pilot)
        await pilot.pause()
        assert built == []  # every row on screen again was drawn before


async def test_the_filter_reads_full_width_letters_as_the_letters_they_are(
    make_app, content, clock
):
    """An input method in full-width mode types `ｉｃｂｃ`: the filter finds the ICBC card,
    and `icbc` finds a card whose name was typed `ＩＣＢＣ 借记卡` (a name keeps the
    forms typed), as the hotline search reads them (tui.base.wide_forms)."""
    from tests.helpers.pilot import type_text

    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock)
    plain = tracker.add_card(CardFields("Debit card", "bank", "cancel", "ICBC"))
    wide = tracker.add_card(CardFields("ＩＣＢＣ 借记卡", "bank", "cancel"))
    tracker.add_card(CardFields("Metro card", "transit", "cancel"))
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        for typed in ("ｉｃｂｃ", "icbc"):
            await pilot.press("slash")
            await type_text(pilot, typed)
            await settle(pilot)
            assert app.query_one(CardTable).keys_shown == [plain.id, wide.id], typed
            await pilot.press("escape")
            await settle(pilot)
