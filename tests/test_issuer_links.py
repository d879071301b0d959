"""A card's issuer text links to the directory by the hotline search's own measure,
within the card's region: when one issuer is clearly the one it names, never when two
read alike, and a card whose issuer links to nothing says in its steps how to search."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.helpers.pilot import issuer_line, settle
from tui.domain.tracker import Tracker
from tui.records.card_fields import CardFields
from tui.storage.store import Store

SIZE = (80, 24)
LETTERS = "abc 上海交通卡-"


@pytest.mark.parametrize(
    ("text", "kind", "linked"),
    [
        ("Shanghai transport card", "transit", "shanghai-transit-card"),
        ("Shanghai HRSS Bureau", "social-security", "shanghai-social-security-card"),
        # siblings: Chinese names, case, spacing, punctuation
        ("上海公共交通卡", "transit", "shanghai-transit-card"),
        ("上海公交卡", "transit", "shanghai-transit-card"),
        ("上海 公共交通卡", "transit", "shanghai-transit-card"),
        ("上海公共交通卡。", "transit", "shanghai-transit-card"),
        ("SHANGHAI TRANSPORT CARD", "transit", "shanghai-transit-card"),
        ("  shanghai   transport-card. ", "transit", "shanghai-transit-card"),
        ("Shanghai Transportation Card", "transit", "shanghai-transit-card"),
        ("shanghai hrss bureau.", "social-security", "shanghai-social-security-card"),
        ("上海市人社局", "social-security", "shanghai-social-security-card"),
        ("Shanghai social security", "social-security", "shanghai-social-security-card"),
        ("Beijing HRSS Bureau", "social-security", "beijing-hrss"),
        ("Bank of Shangai", "bank", "bank-of-shanghai"),
    ],
)
def test_an_issuer_typed_loosely_links_to_the_one_it_clearly_names(content, text, kind, linked):
    found = content.issuers.match(text, "CN", kind)
    assert found is not None and found.id == linked, text


@pytest.mark.parametrize(
    ("text", "kind", "region"),
    [
        # two or more issuers read alike: the user chooses
        ("Social security card", "social-security", "CN"),
        ("Shangzhen social security card", "social-security", "CN"),
        ("China bank", "bank", "CN"),
        # close to an issuer, but not it: a wrong number is worse than none
        ("Beijing transport card", "transit", "CN"),
        ("Shanghai bank", "bank", "CN"),
        ("Some small bank", "bank", "CN"),
        ("Shanghai", "transit", "CN"),  # a place is no issuer's name
        ("交通卡", "transit", "CN"),  # generic names only suggest
        ("Vodafone.", "esim", "GB"),  # reads as Vodafone UK, but as the generic name too
        # of another kind, or another region, than the card
        ("Shanghai transport card", "bank", "CN"),
        ("Shanghai social security", "transit", "CN"),
        ("Shanghai transport card", "transit", "GB"),
    ],
)
def test_text_that_does_not_clearly_name_one_issuer_links_to_none(content, text, kind, region):
    assert content.issuers.match(text, region, kind) is None, text


def test_the_tracker_offers_the_linked_issuers_number_with_its_source(content, clock):
    tracker = Tracker(Store.in_memory(), content.playbooks, clock, issuers=content.issuers)
    card = tracker.add_card(
        CardFields("Metro", "transit", "cancel", "Shanghai transport card", "CN")
    )
    facts = tracker.issuer_facts(card)
    assert facts.issuer is not None and facts.issuer.id == "shanghai-transit-card"
    hotline = tracker.number_to_call(card)
    assert hotline is not None and hotline.source_host  # the page it came from


async def _call_step_text(pilot) -> str:
    """Move to the first call step of the selected card; what its detail says."""
    app = pilot.app
    await pilot.press("enter")
    await settle(pilot)
    items = app.steps.view.items
    call = next(n for n, item in enumerate(items) if item.step and item.step.type.value == "call")
    app.steps.checklist.highlighted = call
    await settle(pilot)
    return app.steps.query_one("#step-detail-box").text


@pytest.mark.parametrize(
    ("fields", "name", "number"),
    [
        (
            CardFields("Metro", "transit", "suspend", "Shanghai transport card", "CN"),
            "Shanghai Public Transportation Card",
            "6361 1100",
        ),
        (
            CardFields("SSC", "social-security", "report-lost", "Shanghai HRSS Bureau", "CN"),
            "Shanghai social security card",
            "12333",
        ),
    ],
)
async def test_the_steps_show_the_linked_issuers_number_and_source(
    make_app, content, clock, fields, name, number
):
    store = Store.in_memory()
    Tracker(store, content.playbooks, clock, issuers=content.issuers).add_card(fields)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        line = issuer_line(app)
        assert name[:15] in line and number in line, line  # a long name is shortened
        detail = await _call_step_text(pilot)
        assert number in detail, detail
        # where the number came from is said with it: a third party's page here
        assert "third party" in detail or "source:" in detail, detail


@pytest.mark.parametrize(
    ("issuer", "hint"),
    [
        ("Beijing transport card", "“Beijing transport card”: not in the directory"),
        ("", "No issuer set: h searches"),
    ],
)
async def test_a_card_whose_issuer_links_to_none_says_h_searches_in_its_call_step(
    make_app, content, clock, issuer, hint
):
    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock, issuers=content.issuers)
    tracker.add_card(CardFields("Metro", "transit", "suspend", issuer, "CN"))
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        detail = await _call_step_text(pilot)
        assert hint in detail and "h searches" in detail, detail


async def test_a_bank_card_offered_its_networks_line_still_says_its_issuer_is_unknown(
    make_app, content, clock
):
    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock, issuers=content.issuers)
    tracker.add_card(
        CardFields("Debit", "bank", "report-lost", "Some small bank", "CN", network="visa")
    )
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        detail = await _call_step_text(pilot)
        assert "Visa" in detail and "“Some small bank”: not in the directory" in detail, detail


@settings(max_examples=300, deadline=None)
@given(
    a=st.text("abc 上海交通卡-", min_size=1, max_size=40), b=st.text("abc 上海交通卡-", max_size=70)
)
def test_the_link_measure_is_the_searchs_rapidfuzz_ratio(a, b):
    from rapidfuzz import fuzz

    from tui.library.hotline_search import common_length

    masks: dict[str, int] = {}
    for i, char in enumerate(a):
        masks[char] = masks.get(char, 0) | 1 << i
    ours = 200 * common_length(masks, len(a), b) / (len(a) + len(b))
    assert ours == pytest.approx(fuzz.ratio(a, b))
