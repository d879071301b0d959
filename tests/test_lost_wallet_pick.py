"""`L` picks the cards marked as carried in the wallet (none if none), leaves out the
cards already done, and asks before switching any card's intent, naming how many
switch and that their progress is kept. A card's "carried in the wallet" is asked in
its form and shown with its details; picked and unpicked rows, and checked and
unchecked boxes, differ without colour too (NO_COLOR)."""

from __future__ import annotations

import pytest
from textual.widgets import OptionList, Static

from tests.helpers.pilot import settle, wait_shown, wait_until
from tui.domain.tracker import Tracker
from tui.records.card_fields import CardFields
from tui.records.kinds import Intent
from tui.storage.store import Store

SIZE = (80, 24)


def _cards(content, clock) -> tuple[Store, dict[str, str]]:
    """Four open cards (two carried, one of them already report-lost) and a finished
    carried one."""
    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock, issuers=content.issuers)
    ids = {}
    for label, kind, intent, carried in (
        ("Debit", "bank", "cancel", True),
        ("Phone", "esim", "port-out", False),
        ("Metro", "transit", "cancel", False),
        ("Credit", "bank", "report-lost", True),
        ("Refunded", "transit", "cancel", True),
    ):
        card = tracker.add_card(CardFields(label, kind, intent, carried=carried))
        ids[label] = card.id
    for item in tracker.view(ids["Refunded"]).items:  # finished: every step checked
        tracker.toggle_step(ids["Refunded"], item.step_id)
    tracker.toggle_step(ids["Debit"], tracker.view(ids["Debit"]).items[0].step_id)
    return store, ids


def _rows(picks) -> list[str]:
    return [picks.render_line(y).text for y in range(picks.option_count)]


async def test_l_starts_with_the_carried_cards_picked_and_leaves_out_done_ones(
    make_app, content, clock
):
    from tui.ui.lost_wallet_pick import CardPicks

    store, ids = _cards(content, clock)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("L")
        picks = await _picks(pilot, CardPicks)
        labels = [
            str(picks.get_option_at_index(i).prompt).split(" · ")[0]
            for i in range(picks.option_count)
        ]
        assert labels == ["Debit", "Phone", "Metro", "Credit"]  # not the finished one
        assert sorted(picks.selected) == sorted([ids["Debit"], ids["Credit"]])


async def test_l_opened_again_picks_the_cards_still_being_reported_lost(
    make_app, content, clock
):
    """A card picked by hand (not carried) and switched to report lost comes back
    picked when `L` is opened again, so its call is not dropped from the list."""
    from tui.ui.lost_wallet import LostWalletScreen
    from tui.ui.lost_wallet_pick import CardPicks

    store, ids = _cards(content, clock)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("L")
        picks = await _picks(pilot, CardPicks)
        await pilot.press("j", "space")  # Phone: not carried, picked by hand
        await pilot.press("enter", "y")
        await wait_until(pilot, lambda: isinstance(app.screen, LostWalletScreen), "the calls")
        assert [v.card.label for v in app.screen.views] == ["Debit", "Credit", "Phone"]
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, LostWalletScreen), "closed")
        await pilot.press("L")
        picks = await _picks(pilot, CardPicks)
        assert sorted(picks.selected) == sorted([ids["Debit"], ids["Credit"], ids["Phone"]])
    assert store.card(ids["Metro"]).intent is Intent.CANCEL  # never picked: not switched


async def test_l_with_no_carried_card_picks_none_and_enter_switches_nothing(
    make_app, content, clock
):
    from tui.ui.lost_wallet_pick import CardPicks, LostWalletPick

    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock)
    card = tracker.add_card(CardFields("Debit", "bank", "cancel"))
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("L")
        picks = await _picks(pilot, CardPicks)
        assert picks.selected == []
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, LostWalletPick)  # nothing picked: nothing happens
        from tui.ui.status_line import StatusLine

        said = app.query_one(StatusLine).message
        assert said.startswith("No card is picked: space picks"), said
    assert store.card(card.id).intent is Intent.CANCEL


async def test_enter_asks_first_naming_how_many_switch_and_no_changes_nothing(
    make_app, content, clock
):
    from tui.ui.dialogs import ConfirmDialog
    from tui.ui.lost_wallet import LostWalletScreen
    from tui.ui.lost_wallet_pick import CardPicks, LostWalletPick

    store, ids = _cards(content, clock)
    debit_marks = store.progress(ids["Debit"])
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("L")
        await _picks(pilot, CardPicks)
        await pilot.press("enter")
        await wait_shown(pilot, ConfirmDialog, "the question")
        question = str(app.screen.query_one(".dialog-question", Static).render())
        # Credit follows report-lost already: only Debit switches
        assert "report-lost checklist: 1 (Debit)" in question
        assert "is kept, and comes back if you switch its intent back" in question
        await pilot.press("n")
        await wait_until(pilot, lambda: isinstance(app.screen, LostWalletPick), "the picks")
        assert store.card(ids["Debit"]).intent is Intent.CANCEL
        await pilot.press("enter", "y")
        await wait_until(pilot, lambda: isinstance(app.screen, LostWalletScreen), "the calls")
        assert [v.card.label for v in app.screen.views] == ["Debit", "Credit"]
    assert store.card(ids["Debit"]).intent is Intent.REPORT_LOST
    assert store.card(ids["Phone"]).intent is Intent.PORT_OUT
    assert store.checklists(ids["Debit"])["bank/cancel"] == debit_marks


async def test_the_question_is_in_chinese_too(make_app, content, clock):
    from tui.ui.dialogs import ConfirmDialog
    from tui.ui.lost_wallet_pick import CardPicks

    store, _ids = _cards(content, clock)
    app = make_app(store, lang="zh-CN")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("L")
        await _picks(pilot, CardPicks)
        await pilot.press("enter")
        await wait_shown(pilot, ConfirmDialog, "the question")
        question = str(app.screen.query_one(".dialog-question", Static).render())
        assert (
            "将改用挂失清单的卡：1 张（Debit）" in question
            and "改回原来的办理事项时恢复" in question
        )
        # Chinese sentences follow each other with no space between them
        assert "恢复。现在切换吗？" in question and "。 " not in question, question


async def test_under_no_color_picked_and_unpicked_rows_differ(
    make_app, content, clock, monkeypatch
):
    from tui.ui.lost_wallet_pick import CardPicks

    monkeypatch.setenv("NO_COLOR", "1")
    store, _ids = _cards(content, clock)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("L")
        picks = await _picks(pilot, CardPicks)
        rows = _rows(picks)
        assert rows[0].startswith("▐X▌ Debit") and rows[3].startswith("▐X▌ Credit"), rows
        assert rows[1].startswith("▐ ▌ Phone") and rows[2].startswith("▐ ▌ Metro"), rows
        await pilot.press("j", "space")  # Phone picked now
        await pilot.pause()
        assert _rows(picks)[1].startswith("▐X▌ Phone")


async def test_the_form_asks_carried_and_the_card_shows_it(make_app, content, clock, monkeypatch):
    from tui.ui.card_form import CardForm
    from tui.ui.pick_marks import TickBox

    monkeypatch.setenv("NO_COLOR", "1")
    store = Store.in_memory()
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(app.screen, CardForm), "the form")
        await pilot.press(*"Wallet debit")
        box = app.screen.query_one("#carried", TickBox)
        assert box.value is False and str(box.render()).startswith("▐ ▌")
        box.focus()
        await pilot.press("space")
        assert box.value is True and str(box.render()).startswith("▐X▌")
        await pilot.press("ctrl+s")
        await settle(pilot)
        await wait_until(pilot, lambda: not isinstance(app.screen, CardForm), "the save")
        [card] = store.cards()
        assert card.carried is True
        line = str(app.query_one("#identifiers", Static).render())
        assert line.startswith("carried in the wallet"), line
        await pilot.press("e")
        await wait_until(pilot, lambda: isinstance(app.screen, CardForm), "the edit form")
        box = app.screen.query_one("#carried", TickBox)
        assert box.value is True
        box.focus()
        await pilot.press("space", "ctrl+s")
        await settle(pilot)
        await wait_until(pilot, lambda: not isinstance(app.screen, CardForm), "the save")
    assert store.cards()[0].carried is False
    assert store.log()[0].params["fields"] == ["carried"]


async def _picks(pilot, kind):
    await wait_until(pilot, lambda: pilot.app.screen.query(kind), "the picks")
    return pilot.app.screen.query_one(kind)


@pytest.mark.parametrize(
    ("lang", "whose", "kind"), [("en", "Mum: Visa", "Bank"), ("zh-CN", "Mum：Visa", "银行卡")]
)
async def test_someone_elses_card_says_whose_in_the_pick_the_question_and_the_calls(
    make_app, content, clock, lang, whose, kind
):
    """A household's cards mix in one list: a row of someone else's card names them
    (as `due` does), so a picked row is never read as the user's own; the user's own
    cards keep their label alone."""
    from tui.ui.dialogs import ConfirmDialog
    from tui.ui.lost_wallet import LostWalletScreen
    from tui.ui.lost_wallet_pick import CardPicks

    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock)
    tracker.add_card(CardFields("Debit", "bank", "cancel", carried=True))
    tracker.add_card(CardFields("Visa", "bank", "cancel", carried=True, owner="Mum"))
    app = make_app(store, lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("L")
        picks = await _picks(pilot, CardPicks)
        prompts = [str(picks.get_option_at_index(i).prompt) for i in range(picks.option_count)]
        assert prompts[0].startswith("Debit · ") and prompts[1] == f"{whose} · {kind}"
        await pilot.press("enter")
        await wait_shown(pilot, ConfirmDialog, "the question")
        question = str(app.screen.query_one(".dialog-question", Static).render())
        assert whose in question, question
        await pilot.press("y")
        await wait_until(pilot, lambda: isinstance(app.screen, LostWalletScreen), "the calls")
        rows = [
            str(app.screen.query_one(OptionList).get_option_at_index(i).prompt)
            for i in range(2)
        ]
        assert rows[0].startswith("[ ] Debit · ") and rows[1].startswith(f"[ ] {whose} · ")


@pytest.mark.parametrize(("lang", "word"), [("en", "ABROAD"), ("zh-CN", "身在境外")])
async def test_the_header_says_when_the_numbers_are_those_for_abroad(
    make_app, content, clock, lang, word
):
    """`a` in the lost-wallet list (or config.yaml's abroad) changes every number the
    app offers; the main screen said nothing of it once the list was closed."""
    from tui.ui.dialogs import ConfirmDialog
    from tui.ui.header import AppHeader
    from tui.ui.lost_wallet import LostWalletScreen
    from tui.ui.lost_wallet_pick import CardPicks

    store = Store.in_memory()
    Tracker(store, content.playbooks, clock).add_card(
        CardFields("Debit", "bank", "cancel", carried=True)
    )
    app = make_app(store, lang=lang)

    def header() -> str:
        return str(app.query_one(AppHeader).format_title())

    async with app.run_test(size=(60, 20)) as pilot:
        assert word not in header()
        await pilot.press("L")
        await _picks(pilot, CardPicks)
        await pilot.press("enter")
        await wait_shown(pilot, ConfirmDialog, "the question")
        await pilot.press("y")
        await wait_until(pilot, lambda: isinstance(app.screen, LostWalletScreen), "the calls")
        await pilot.press("a")
        await wait_until(pilot, lambda: app.abroad, "abroad on")
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, LostWalletScreen), "closed")
        assert word in header()  # at 60 columns too: it keeps its word in every form
    app = make_app(store, lang=lang, abroad=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert word in header()
