"""The card form's issuer field suggests names from the directory as they are typed,
within the card's region and kind; → takes the suggestion, and the card links."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from tests.helpers.pilot import settle, wait_until
from tui.domain.tracker import Tracker
from tui.records.model import CardFields
from tui.storage.store import Store
from tui.ui.card_form import CardForm

SIZE = (80, 24)


@pytest.mark.parametrize(
    ("typed", "region", "kind", "lang", "suggested"),
    [
        ("shang", "CN", "transit", "en", "Shanghai Public Transportation Card"),
        ("SHANG", "CN", "transit", "en", "Shanghai Public Transportation Card"),
        ("上海", "CN", "transit", "zh-CN", "上海公共交通卡"),
        ("上海", "CN", "social-security", "zh-CN", "上海社会保障卡"),
        ("ic", "CN", "bank", "en", "ICBC"),
        ("china m", "CN", "esim", "en", "China Mobile"),
        ("vis", "CN", "bank", "en", "Visa"),  # worldwide issuers come after the region's
        ("ic", "US", "bank", "en", ""),  # ICBC is not a US bank
        ("shang", "CN", "bank", "en", "Shanghai Pudong Development Bank"),  # of the kind
        ("s", "CN", "transit", "en", ""),  # one letter: too little to guess from
        ("icbc", "CN", "bank", "en", ""),  # nothing left to complete
    ],
)
def test_the_directory_completes_a_name_within_the_region_and_kind(
    content, typed, region, kind, lang, suggested
):
    assert content.issuers.completion(typed, region, kind, lang) == suggested


async def _issuer_field(pilot) -> Input:
    """Open the edit form on the selected card and move to its issuer field."""
    await pilot.press("e")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, CardForm), "the form")
    await pilot.press("tab", "tab", "tab")  # kind, intent, issuer
    field = pilot.app.screen.query_one("#issuer", Input)
    assert pilot.app.focused is field
    return field


@pytest.mark.parametrize("region", ["CN", "上海"])
async def test_typing_an_issuer_suggests_the_directorys_name_and_right_takes_it(
    make_app, content, clock, region
):
    suggested = "Shanghai Public Transportation Card"
    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock, issuers=content.issuers)
    card = tracker.add_card(CardFields("Metro", "transit", "suspend", "", region))
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        field = await _issuer_field(pilot)
        await pilot.press(*"shang")
        await wait_until(pilot, lambda: field._suggestion == suggested, "the suggestion")
        await pilot.press("right")
        assert field.value == suggested
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not isinstance(app.screen, CardForm), "the save")
    saved = store.card(card.id)
    assert saved.issuer == suggested
    assert tracker.issuer_for(saved).id == "shanghai-transit-card"


async def test_the_suggestion_follows_the_region_typed_in_the_form(make_app, content, clock):
    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock, issuers=content.issuers)
    tracker.add_card(CardFields("Debit", "bank", "cancel", "", "GB"))
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        field = await _issuer_field(pilot)
        await pilot.press(*"ic")
        await settle(pilot)
        assert field._suggestion == ""  # no British bank begins so
        await pilot.press("tab")  # to the region: GB becomes CN
        region = app.screen.query_one("#region", Input)
        region.value = "CN"
        await pilot.press("shift+tab", "end", "backspace", "c")  # the issuer again: "ic"
        await wait_until(pilot, lambda: field._suggestion == "ICBC", "the suggestion")
