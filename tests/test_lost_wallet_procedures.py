"""A registered card that is stopped in person or online, not by phone, shows its
issuer's report-lost procedure in the lost-wallet list. Found by a tester: a
registered ICOCA's row said "no number in the directory for this issuer" though the
directory says it is stopped at a JR West ticket window with photo ID, and a
registered Suica's row offered JR East's customer-service line as the call to make
though the directory says a Suica card cannot be reported by phone
(tui.domain.lost_wallet_calls.report_way)."""

from __future__ import annotations

import pytest
from textual.widgets import OptionList

from tests.helpers.pilot import settle
from tui.domain.lost_wallet_calls import report_way
from tui.domain.tracker import Tracker
from tui.records.card_fields import CardFields
from tui.storage.store import Store
from tui.ui.lost_wallet import LostWalletScreen
from tui.ui.reference_dialog import ReferenceScreen

ICOCA = CardFields("ICOCA", "transit", "report-lost", "ICOCA", "JP", registered=True)
SUICA = CardFields("Suica", "transit", "report-lost", "Suica", "JP", registered=True)


def _flat(text: str) -> str:
    return "".join(text.split())


def _way(tracker: Tracker, fields: CardFields, abroad: bool = False):
    card = tracker.add_card(fields)
    facts = tracker.issuer_facts(card, abroad)
    return facts, report_way(facts.issuer, facts.offers)


@pytest.mark.parametrize("abroad", [False, True])
def test_a_registered_icoca_is_stopped_at_a_ticket_window_not_left_with_no_number(
    tracker, abroad
):
    facts, way = _way(tracker, ICOCA, abroad)
    assert facts.issuer is not None and facts.issuer.id == "icoca-jp" and not facts.offers
    [procedure] = way.procedures
    assert procedure.purpose == "report-lost" and procedure.channels == ("in-person",)
    assert "JR West ticket window" in procedure.note.get("en")
    assert way.offer is None and way.number == ""


@pytest.mark.parametrize("abroad", [False, True])
def test_a_registered_suica_shows_its_station_window_before_the_customer_service_line(
    tracker, abroad
):
    facts, way = _way(tracker, SUICA, abroad)
    assert facts.issuer is not None and facts.issuer.id == "suica-jp"
    notes = [p.note.get("en") for p in way.procedures]
    assert any("station window" in note for note in notes), notes
    assert any("Mobile Suica member site" in note for note in notes), notes
    # the customer-service line stays, after them, and is not what the report is made on
    assert way.offer is not None and way.offer.hotline.purpose == "customer-service"
    assert way.number == ""


@pytest.mark.parametrize(
    ("fields", "number"),
    [  # a line for reporting a loss: the call is the way, its procedure says the same
        (CardFields("Octopus", "transit", "report-lost", "Octopus", "HK", registered=True),
         "+852 2266 2266"),
        # a procedure that says it is done by phone: the number that works is the call
        (CardFields("Phone", "esim", "report-lost", "Three UK", "GB"), "+44 333 338 1001"),
    ],
    ids=["octopus", "three"],
)
def test_a_number_stays_first_where_the_report_is_made_by_calling(tracker, fields, number):
    _, way = _way(tracker, fields)
    assert way.procedures == () and way.number == number


@pytest.mark.parametrize(
    ("lang", "icoca", "suica", "number", "no_number"),
    [
        ("en", "reporting it lost: Registered ICOCA only: go to a JR West ticket window",
         "reporting it lost: Suica card: no phone loss line.", "☎ +81 50-2016-1601",
         "no number in the directory"),
        ("zh-CN", "挂失：仅限记名 ICOCA：持带照片的证件到 ICOCA 区域内的 JR 西日本售票窗口办理",
         "挂失：Suica 卡：无电话挂失。", "☎ +81 50-2016-1601", "目录中没有这个发卡方的号码"),
    ],
)
async def test_the_rows_show_the_procedure_first_and_record_no_number(
    make_app, content, clock, lang, icoca, suica, number, no_number
):
    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock, issuers=content.issuers)
    icoca_id = tracker.add_card(ICOCA).id
    suica_id = tracker.add_card(SUICA).id
    app = make_app(store, lang=lang)
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_lost_calls(app.tracker.views())
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, LostWalletScreen)
        listing = screen.query_one(OptionList)
        rows = {  # without the spaces wrapping puts in or takes out
            v.card.id: "".join(str(listing.get_option_at_index(i).prompt).split())
            for i, v in enumerate(screen.views)
        }
        icoca_row, suica_row = rows[icoca_id], rows[suica_id]
        assert _flat(icoca) in icoca_row and _flat(no_number) not in icoca_row, icoca_row
        assert _flat(suica) in suica_row, suica_row
        # the customer-service line comes after the procedures, not before them
        assert suica_row.index(_flat(number)) > suica_row.index(_flat(suica)), suica_row
        listing.highlighted = [v.card.id for v in screen.views].index(icoca_id)
        await pilot.press("space")
        assert isinstance(app.screen, ReferenceScreen)
        await pilot.press(*"JRW-5", "enter")
        await settle(pilot)
    [entry] = [e for e in store.log(icoca_id) if e.event in ("lost.called", "lost.reported")]
    assert entry.event == "lost.reported" and entry.params.get("reference") == "JRW-5"
