"""The steps' checklist (tui/ui/checklist.py), a line list that replaced Textual's
OptionList, behaves as that did: keys (g/G, Enter; but stopping at either end), the mouse
(a click highlights and opens a step), the highlight (the detail follows it, and
setting it from code does the same) and keys typed in a burst."""

from __future__ import annotations

from textual.widgets.option_list import Option

from tests.helpers.pilot import settle, wait_until
from tui.domain.tracker import Tracker
from tui.records.card_fields import CardFields
from tui.storage.store import Store
from tui.ui.checklist import Checklist
from tui.ui.dialogs import StepDetailScreen
from tui.ui.text_panel import TextPanel

SIZE = (80, 24)


def _one_card(content, clock) -> tuple[Store, str]:
    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock)
    card = tracker.add_card(CardFields("Old phone eSIM", "esim", "cancel", "EE", "UK"))
    return store, card.id


def _detail_heading(app) -> str:
    return app.query_one("#step-detail-box", TextPanel).text.splitlines()[0]


async def test_keys_stop_at_either_end(make_app, content, clock):
    """`j` on the last step then space checked the first step (Textual's OptionList
    went round): the cursor stays at the end instead."""
    store, _ = _one_card(content, clock)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        checklist = app.query_one(Checklist)
        assert app.focused is checklist and checklist.highlighted == 0
        last = checklist.option_count - 1
        await pilot.press("k")
        assert checklist.highlighted == 0
        await pilot.press("G", "j")
        assert checklist.highlighted == last
        await pilot.press("g")
        await pilot.press("down", "down", "up")
        assert checklist.highlighted == 1
        await pilot.press("G")
        assert checklist.highlighted == last
        await pilot.press("g")
        assert checklist.highlighted == 0
        await pilot.press("end", "home")
        assert checklist.highlighted == 0
        await pilot.press("pagedown")
        assert 0 < checklist.highlighted <= last


async def test_the_detail_follows_the_highlight_from_keys_and_from_code(make_app, content, clock):
    store, card_id = _one_card(content, clock)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        items = app.steps.view.items
        first = _detail_heading(app)
        await pilot.press("j", "j")
        await settle(pilot)
        assert app.steps.highlighted_item() is items[2]
        step = items[2].step
        assert app.t(f"step_type.{step.type.value}") in _detail_heading(app)
        app.steps.checklist.highlighted = 0
        await wait_until(pilot, lambda: _detail_heading(app) == first, "the first step's detail")
        app.steps.checklist.highlighted = 99  # past the end: the last step, as before
        await settle(pilot)
        assert app.steps.checklist.highlighted == len(items) - 1


async def test_a_click_on_a_step_highlights_and_opens_it(make_app, content, clock):
    store, _ = _one_card(content, clock)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.pause()
        checklist = app.query_one(Checklist)
        line = checklist._starts[2] - int(checklist.scroll_y)
        await pilot.click(Checklist, offset=(5, line))
        await wait_until(pilot, lambda: isinstance(app.screen, StepDetailScreen), "the step")
        assert checklist.highlighted == 2
        assert app.screen.item.step_id == app.steps.view.items[2].step_id
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, StepDetailScreen), "closed")
        await pilot.click(Checklist, offset=(5, 0))  # the first step, on its first line
        await wait_until(pilot, lambda: isinstance(app.screen, StepDetailScreen), "the step")
        assert checklist.highlighted == 0


async def test_enter_opens_and_space_checks_the_highlighted_step(make_app, content, clock):
    store, card_id = _one_card(content, clock)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "j", "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, StepDetailScreen), "the step")
        assert app.screen.item.step_id == app.steps.view.items[1].step_id
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, StepDetailScreen), "closed")
        await pilot.press("space")
        await settle(pilot)
        assert list(store.progress(card_id)) == [app.steps.view.items[1].step_id]
        assert str(app.steps.checklist.get_option_at_index(1).prompt).startswith("[x]")


async def test_keys_typed_in_a_burst_check_the_steps_meant(make_app, content, clock):
    """One press() call sends the keys at once: each goes where the key before left
    the cursor."""
    store, card_id = _one_card(content, clock)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        # the third k stays on the first step (no going round to the last)
        await pilot.press("enter", "space", "j", "j", "x", "k", "k", "k", "x", "G", "space")
        await settle(pilot)
        items = [i.step_id for i in app.steps.view.items]
        assert sorted(store.progress(card_id)) == sorted([items[2], items[-1]])


async def test_options_given_as_textual_options_read_as_text(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        checklist = app.query_one(Checklist)
        checklist.display = True
        checklist.set_options([Option("[b]not markup[/b]", id="a"), Option("two", id="b")])
        await settle(pilot)
        assert checklist.render_line(0).text.startswith("[b]not markup[/b]")
        assert checklist.highlighted_option.id == "a"
