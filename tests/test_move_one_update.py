"""A cursor move in the card list is one screen update: the list's cursor and the panes
that follow it (the card's steps and log) change together, never a frame with the
cursor on one card and the steps of another; the key runs its binding from the app
(with the user's keymap), and a key typed alone asks no widget whether it has been
handled until another key comes (issue 15: a move cost two updates, five message
hops and five rounds of questions to every widget)."""

from __future__ import annotations

import re

import pytest
from textual._compositor import CompositorUpdate

from tests.helpers.pilot import settle
from tui.domain.tracker import Tracker
from tui.records.card_fields import CardFields
from tui.storage.store import Store
from tui.ui.inventory_pane import InventoryPane
from tui.ui.steps_pane import StepsPane

SIZE = (80, 24)
# no issuer line, whose height can change from card to card: the screen is then laid
# out again, and Textual draws the scroll bars it resized in an update of their own
CARDS = (
    CardFields("Old phone eSIM", "esim", "cancel"),
    CardFields("Debit", "bank", "report-lost"),
    CardFields("Metro card", "transit", "cancel"),
    CardFields("Plain", "bank", "cancel"),
)


@pytest.fixture
def four_cards(content, clock) -> Store:
    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock)
    for fields in CARDS:
        tracker.add_card(fields)
    return store


def count_updates(app) -> list[str]:
    """The screen updates the app sends to the terminal from now on, each as the
    regions it repaints."""
    sent: list[str] = []
    real = app._display

    def display(screen, renderable) -> None:
        if isinstance(renderable, CompositorUpdate):
            sent.append(repr(getattr(renderable, "spans", renderable))[:300])
        real(screen, renderable)

    app._display = display
    return sent


@pytest.mark.parametrize("keys", [["j"], ["k"], ["G"], ["g"], ["down"], ["pagedown"]])
async def test_a_move_is_one_screen_update_with_the_steps_of_the_card_moved_to(
    make_app, four_cards, keys
):
    app = make_app(four_cards)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        if keys in (["k"], ["g"]):
            await pilot.press("G")
            await settle(pilot)
        inventory = app.query_one(InventoryPane)
        before = inventory.selected_id
        sent = count_updates(app)
        await pilot.press(*keys)
        await settle(pilot)
        await pilot.pause()
        moved_to = inventory.selected_id
        assert moved_to != before
        assert app.selected_id == moved_to
        assert app.query_one(StepsPane).view.card.id == moved_to
        # the key bar may follow in an update of its own when the card moved to has
        # other keys (a new row of keys shows once its keys are mounted)
        moves = [u for u in sent if set(re.findall(r"\((\d+), \d+, \d+\)", u)) != {"23"}]
        assert len(moves) == 1, f"{keys}: {len(moves)} screen updates for one move: {sent}"


async def test_a_click_on_another_card_shows_its_steps_in_the_same_update(make_app, four_cards):
    app = make_app(four_cards)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = app.query_one("#cards")
        sent = count_updates(app)
        await pilot.click("#cards", offset=(5, 3))  # the heading, then the third card
        await settle(pilot)
        await pilot.pause()
        assert table.cursor_row == 2
        assert app.query_one(StepsPane).view.card.id == app.query_one(InventoryPane).selected_id
        # Textual redraws the whole screen for the press and release themselves; of the
        # updates for the move, one has the list's cursor and the panes
        partial = [
            update for update in sent
            if not update.startswith("<LayoutUpdate")
            and set(re.findall(r"\((\d+), \d+, \d+\)", update)) != {"23"}  # the key bar
        ]
        assert len(partial) == 1, [update[-150:] for update in partial]


async def test_a_remapped_move_key_moves_the_cursor_and_the_old_one_does_not(
    make_app, four_cards
):
    """The card list's keys run from the app, but through the user's keymap."""
    app = make_app(four_cards, keymap={"cards.down": "n"})
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = app.query_one("#cards")
        await pilot.press("j")
        await settle(pilot)
        assert table.cursor_row == 0
        await pilot.press("n")
        await settle(pilot)
        assert table.cursor_row == 1
        assert app.query_one(StepsPane).view.card.id == app.query_one(InventoryPane).selected_id


async def test_a_key_typed_alone_asks_no_widget_and_the_next_asks_once(make_app, four_cards):
    """Whether a key has been handled is asked only when another key comes: one round
    of questions for the next key, none for a key on a settled screen."""
    app = make_app(four_cards)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        rounds = []
        real = app._start_round_now

        def counted(number: int) -> None:
            rounds.append(number)
            real(number)

        app._start_round_now = counted
        await pilot.press("j")
        await settle(pilot)
        assert rounds == []
        await pilot.press("j")
        await settle(pilot)
        assert len(rounds) == 1
        table = app.query_one("#cards")
        assert table.cursor_row == 2
