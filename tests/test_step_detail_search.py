"""h in a step's detail opens the hotline search for the card, as h does in the list:
every text that says "h searches" is shown where h works, the key bar names h there,
and a link made in the search shows in the detail at once."""

from __future__ import annotations

import pytest

from tests.helpers.pilot import settle, wait_until
from tests.test_key_bar import bar
from tui.domain.tracker import Tracker
from tui.records.card_fields import CardFields
from tui.storage.store import Store
from tui.ui.dialogs import StepDetailScreen
from tui.ui.hotline_screen import HotlineScreen

SIZE = (80, 24)


async def _open_call_step(pilot) -> StepDetailScreen:
    """Enter on the card, the first call step highlighted, Enter: its detail."""
    app = pilot.app
    await pilot.press("enter")
    await settle(pilot)
    items = app.steps.view.items
    call = next(n for n, item in enumerate(items) if item.step and item.step.type.value == "call")
    app.steps.checklist.highlighted = call
    await settle(pilot)
    await pilot.press("enter")
    await wait_until(pilot, lambda: isinstance(app.screen, StepDetailScreen), "the step's detail")
    await settle(pilot)
    return app.screen


def _detail_text(screen: StepDetailScreen) -> str:
    return str(screen.query_one("#detail-body").render())


@pytest.mark.parametrize(
    ("issuer", "said", "lang", "key"),
    [
        ("Bank of Nowhere", "“Bank of Nowhere”: not in the directory", "en", "h"),
        ("", "No issuer set: h searches", "en", "h"),
        ("China bank", "h searches, and ^l there links one", "en", "h"),
        ("Bank of Nowhere", "“Bank of Nowhere”", "zh-CN", "h"),
        # a key remapped for the app's hotlines: the same key here, and named so
        ("Bank of Nowhere", "not in the directory for this region · H searches", "en", "H"),
    ],
)
async def test_h_in_the_step_detail_searches_and_a_link_made_there_shows_at_once(
    make_app, content, clock, issuer, said, lang, key
):
    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock, issuers=content.issuers)
    tracker.add_card(CardFields("Debit", "bank", "report-lost", issuer, "CN"))
    app = make_app(store, lang=lang, keymap={"app.hotlines": key} if key != "h" else None)
    async with app.run_test(size=SIZE) as pilot:
        detail = await _open_call_step(pilot)
        assert said in _detail_text(detail), _detail_text(detail)
        assert (key, app.t("key.app.hotlines")) in bar(app), bar(app)
        hint = str(detail.query_one(".dialog-hint").render())
        assert "{" not in hint and (lang != "en" or f"{key} search hotlines" in hint), hint
        await pilot.press(key)
        await wait_until(pilot, lambda: isinstance(app.screen, HotlineScreen), "the search")
        query = app.screen.query_one("#hotline-query")
        assert query.value == issuer
        query.value = ""
        await pilot.press(*"ICBC")
        await settle(pilot)
        await pilot.press("ctrl+l")
        await wait_until(pilot, lambda: app.screen is detail, "back on the detail")
        await settle(pilot)
        shown = _detail_text(detail)
        assert "95588" in shown and said not in shown, shown
