"""A card links only to an issuer of its own kind (issue 16: an eSIM whose issuer was
typed "ICBC" linked to the bank, and its steps offered the bank's number for a phone).
A name or alias typed exactly links like any other text: within the card's region and
of the card's kind. Text that names an issuer of another kind links to none, and the
steps, the call step and the lost-wallet list say so, with h to search; linking such an
issuer by hand (ctrl+l in the search) is refused and changes nothing."""

from __future__ import annotations

import pytest

from tests.helpers.pilot import issuer_line, settle, wait_until
from tui.base.errors import TrackerError
from tui.domain.tracker import Tracker
from tui.records.card_fields import CardFields
from tui.storage.store import Store

SIZE = (80, 24)


@pytest.mark.parametrize(
    ("text", "kind", "region"),
    [
        ("ICBC", "esim", "CN"),  # the tester's
        ("工行", "esim", "CN"),
        ("icbc", "esim", ""),
        ("ICBC", "transit", "CN"),
        ("ICBC", "social-security", "CN"),
        ("ICBC", "other", "CN"),
        ("China Mobile", "bank", "CN"),
        ("中国移动", "transit", "CN"),
        ("Visa", "esim", ""),  # a card network is a bank card's
        ("Shanghai HRSS Bureau", "transit", "CN"),
        ("上海公共交通卡", "social-security", "CN"),
        ("Apple", "transit", ""),  # a phone's maker (or Apple Card) is no transit card
    ],
)
def test_a_name_or_alias_of_another_kind_links_to_none(content, text, kind, region):
    assert content.issuers.match(text, region) is not None, text  # it is in the directory
    assert content.issuers.match(text, region, kind) is None, (text, kind)


@pytest.mark.parametrize(
    ("text", "kind", "linked"),
    [
        ("ICBC", "bank", "icbc"),
        ("工行", "bank", "icbc"),
        ("China Mobile", "esim", "china-mobile"),
        ("移动", "esim", "china-mobile"),
        ("上海社保卡", "social-security", "shanghai-social-security-card"),
        ("Apple", "other", "apple"),
    ],
)
def test_a_name_or_alias_of_the_cards_kind_still_links(content, text, kind, linked):
    found = content.issuers.match(text, "CN", kind)
    assert found is not None and found.id == linked


def test_the_tracker_offers_no_number_of_an_issuer_of_another_kind(tracker):
    card = tracker.add_card(CardFields("Old eSIM", "esim", "cancel", "ICBC", "CN"))
    assert tracker.issuer_for(card) is None
    facts = tracker.issuer_facts(card)
    assert facts.issuer is None and facts.other_kind is not None
    assert facts.other_kind.id == "icbc"
    assert all(offer.issuer.id != "icbc" for offer in facts.offers)
    assert tracker.number_to_call(card) is None
    assert tracker.channels_of(card) == ()  # ICBC's "in person" is not the eSIM's


def test_a_card_of_the_right_kind_says_nothing_of_another_kind(tracker):
    card = tracker.add_card(CardFields("Debit", "bank", "cancel", "ICBC", "CN"))
    facts = tracker.issuer_facts(card)
    assert facts.issuer is not None and facts.issuer.id == "icbc"
    assert facts.other_kind is None


def test_linking_an_issuer_of_another_kind_is_refused_and_changes_nothing(tracker, store):
    card = tracker.add_card(CardFields("Old eSIM", "esim", "cancel", "my carrier", "CN"))
    with pytest.raises(TrackerError) as refused:
        tracker.link_issuer(card.id, "icbc")
    assert refused.value.key == "error.link_other_kind"
    assert store.card(card.id).issuer == "my carrier"
    assert [entry for entry in store.log(card.id) if entry.event == "card.issuer_linked"] == []
    linked = tracker.link_issuer(card.id, "china-mobile")  # a carrier links
    assert tracker.issuer_for(linked).id == "china-mobile"


WORDS = {
    "en": {
        "hint": "“ICBC”: in the directory for another kind of card · h searches",
        "refused": "is not an issuer of eSIM cards; nothing was changed",
    },
    "zh-CN": {
        "hint": "“ICBC”：目录中是另一类卡的发卡方 · 按 h 搜索",
        "refused": "不是“eSIM”类卡片的发卡方；没有做任何更改",
    },
}


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


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
async def test_the_steps_of_an_esim_typed_icbc_say_it_is_another_kind_and_h_searches(
    make_app, content, clock, lang
):
    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock, issuers=content.issuers)
    tracker.add_card(CardFields("Lost phone", "esim", "report-lost", "ICBC", "CN"))
    app = make_app(store, lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        line = issuer_line(app)
        assert line == WORDS[lang]["hint"], line
        assert "95588" not in line
        detail = await _call_step_text(pilot)
        assert WORDS[lang]["hint"] in " ".join(detail.split()), detail
        assert "95588" not in detail


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
async def test_the_lost_wallet_row_of_an_esim_typed_icbc_offers_no_bank_number(
    make_app, content, clock, lang
):
    from textual.widgets import OptionList

    from tui.ui.dialogs import ConfirmDialog
    from tui.ui.lost_wallet import LostWalletScreen
    from tui.ui.lost_wallet_pick import LostWalletPick

    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock, issuers=content.issuers)
    tracker.add_card(CardFields("Phone", "esim", "report-lost", "ICBC", "CN", carried=True))
    app = make_app(store, lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("L")
        await wait_until(pilot, lambda: isinstance(app.screen, LostWalletPick), "the picks")
        await pilot.press("enter")
        await wait_until(
            pilot, lambda: isinstance(app.screen, ConfirmDialog | LostWalletScreen), "asked"
        )
        if isinstance(app.screen, ConfirmDialog):
            await pilot.press("y")
        await wait_until(pilot, lambda: isinstance(app.screen, LostWalletScreen), "the list")
        await settle(pilot)
        listing = app.screen.query_one(OptionList)
        row = " ".join(str(listing.get_option_at_index(0).prompt).split())
        assert "95588" not in row, row
        assert "ICBC" in row and ("h searches" in row or "按 h 搜索" in row), row


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
async def test_ctrl_l_on_a_bank_from_an_esims_search_is_refused_in_words(
    make_app, content, clock, lang
):
    from tui.ui.hotline_screen import HotlineScreen
    from tui.ui.status_line import StatusLine

    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock, issuers=content.issuers)
    card = tracker.add_card(CardFields("Old eSIM", "esim", "cancel", "ICBC", "CN"))
    app = make_app(store, lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("h")
        await wait_until(pilot, lambda: isinstance(app.screen, HotlineScreen), "the search")
        await settle(pilot)
        # the eSIM's issuer links to none (a bank, not a carrier): nothing is chosen
        # for the user; they choose the bank "ICBC" names
        assert app.screen.highlighted() is None
        await pilot.press("down")
        await settle(pilot)
        chosen = app.screen.highlighted()
        assert chosen is not None and chosen[0].id == "icbc"  # what "ICBC" names
        await pilot.press("ctrl+l")
        await wait_until(pilot, lambda: not isinstance(app.screen, HotlineScreen), "closed")
        await settle(pilot)
        said = " ".join(app.query_one(StatusLine).message.split())
        assert WORDS[lang]["refused"] in said, said
    assert store.card(card.id).issuer == "ICBC"
