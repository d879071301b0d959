"""A card typed with an issuer's usual name links to it when the issuer serves cards of
the card's kind. The directory's kinds say which cards an issuer serves: a phone
maker's row (Find My, deleting an eSIM from the handset) serves a lost phone, which the
app keeps as an eSIM card (its report-lost playbook starts at the maker's find-my-device
service); a telecoms regulator's rules on cancelling, porting and replacing SIMs serve
eSIM cards; Apple Card is a credit card, and "Apple" is what its holders type."""

from __future__ import annotations

import pytest

from tui.records.card_fields import CardFields
from tui.records.kinds import Kind

# (typed issuer, card kind, card region, the directory entry it should link to)
USUAL_NAMES = [
    ("Apple", "bank", "US", "apple-card-us"),  # Apple Card, by its maker's name
    ("Apple Card", "bank", "US", "apple-card-us"),
    ("Google Fi", "esim", "US", "google-fi-us"),
    ("Google Fi", "esim", "", "google-fi-us"),
    ("Apple", "esim", "", "apple"),  # a lost iPhone: Find My, then the carrier
    ("Apple", "esim", "CN", "apple"),
    ("苹果 (Apple)", "esim", "GB", "apple"),
    ("Google", "esim", "GB", "google"),  # a lost Android phone: Find My Device
    ("Samsung", "esim", "", "samsung"),
    ("Samsung Australia", "esim", "AU", "samsung-au"),
    ("OFCA", "esim", "HK", "ofca"),  # Hong Kong's rules on SIMs and porting
    ("通讯办", "esim", "HK", "ofca"),
    ("NCC", "esim", "TW", "ncc"),  # Taiwan's rules on replacing a SIM or eSIM
    ("通傳會", "esim", "TW", "ncc"),
    ("Apple", "other", "", "apple"),  # a handset kept as an "other" card still links
    ("Samsung", "other", "AU", "samsung"),
]


@pytest.mark.parametrize(("text", "kind", "region", "linked"), USUAL_NAMES)
def test_a_card_typed_with_an_issuers_usual_name_links_to_it(tracker, text, kind, region, linked):
    card = tracker.add_card(CardFields("Card", kind, "report-lost", text, region))
    issuer = tracker.issuer_for(card)
    assert issuer is not None and issuer.id == linked, (text, kind, region, issuer)
    assert tracker.issuer_facts(card).other_kind is None  # no "another kind of card"


def test_apple_typed_on_a_us_credit_card_offers_apple_cards_number(tracker):
    card = tracker.add_card(CardFields("Apple Card", "bank", "report-lost", "Apple", "US"))
    offers = tracker.issuer_facts(card).offers
    assert any(offer.issuer.id == "apple-card-us" for offer in offers), offers


def test_apple_on_a_card_of_a_kind_apple_serves_nowhere_still_links_to_none(content):
    # Apple Card is a US card: "Apple" on a British bank card names no bank of Britain
    assert content.issuers.match("Apple", "GB", "bank") is None
    assert content.issuers.match("Apple", "", "transit") is None


# what only a SIM or eSIM card can use: a number or procedure to take the number away,
# or to delete the profile from the handset
SIM_ONLY = {"port-out", "delete-esim"}


def test_an_issuer_with_a_sim_only_procedure_serves_esim_cards(content):
    hiding = []
    for issuer in content.issuers.issuers.values():
        purposes = {entry.purpose for entry in (*issuer.procedures, *issuer.not_found)}
        purposes |= {hotline.purpose for hotline in issuer.hotlines}
        if purposes & SIM_ONLY and Kind.ESIM.value not in issuer.kinds:
            hiding.append((issuer.id, issuer.kinds, sorted(purposes & SIM_ONLY)))
    assert hiding == []


@pytest.mark.parametrize(
    ("lang", "intent", "said", "also"),
    [
        ("en", "report-lost", "Apple: reporting it lost: Mark the iPhone as lost", "Delete eSIM"),
        ("zh-CN", "report-lost", "苹果（Apple）：挂失：", "iPhone"),
        ("en", "cancel", "Apple: ", "Mark the iPhone as lost"),
    ],
)
async def test_a_maker_with_no_number_shows_how_it_is_done(
    make_app, tracker, store, lang, intent, said, also
):
    """A lost iPhone's eSIM linked to Apple, whose sources give no number but say how:
    the steps pane's issuer line gives that, the one for the card's intent first, and
    the call step's detail gives every one, not a bare 'no sourced number'."""
    from tests.helpers.pilot import settle
    from tui.ui.card_lines import IssuerLine

    tracker.add_card(CardFields("Old iPhone", "esim", intent, "Apple", "GB"))
    app = make_app(store, lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        line = app.query_one("#issuer-line", IssuerLine)._whole.plain
        assert said in line and "no sourced number" not in line, line
        detail = app.steps.call_text.plain
        assert also in detail, detail
