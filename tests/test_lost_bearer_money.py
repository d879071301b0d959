"""A lost card that cannot be reported lost (a bearer card: the standard Shanghai
transport card, no name on it) takes what it held with it, as its row in the
lost-wallet list says. Found by a tester: after `L` its balance was still "owed to
you" in the header, asked back in its refund letter, and counted in the report. One
rule (tui.domain.money_owed) decides whether a card's balance counts as owed, and
every figure of what is owed follows it."""

from __future__ import annotations

from decimal import Decimal

import pytest
from textual.widgets import Static

from tests.helpers.pilot import settle, wait_shown, wait_until
from tui.base.i18n import Catalog
from tui.domain.export import export
from tui.domain.letter_text import write_letter
from tui.domain.money_owed import balance_counts, still_owed
from tui.domain.tracker import Tracker
from tui.library.letters import load_letters
from tui.records.card_fields import CardFields
from tui.records.kinds import Intent
from tui.storage.store import DB_FILENAME, Store
from tui.ui.status_line import StatusLine

SIZE = (80, 24)
METRO = CardFields("Metro card", "transit", "cancel", "Shanghai transport card", "CN",
                   carried=True)
DEBIT = CardFields("ICBC debit", "bank", "cancel", "ICBC", "CN", carried=True)


def _tracker(store, content, clock) -> Tracker:
    return Tracker(store, content.playbooks, clock, issuers=content.issuers)


def _wallet(store, content, clock) -> tuple[Tracker, str, str]:
    """A Shanghai metro card holding CN¥50 and a CN¥20 deposit, and a bank card whose
    issuer holds CN¥10: both carried in the wallet."""
    tracker = _tracker(store, content, clock)
    metro = tracker.add_card(METRO).id
    debit = tracker.add_card(DEBIT).id
    tracker.set_money(metro, "50", "20", "CNY")
    tracker.set_money(debit, "10", "", "CNY")
    return tracker, metro, debit


def test_the_rule_a_lost_bearer_card_s_balance_is_not_owed(content, clock):
    tracker, metro, debit = _wallet(Store.in_memory(), content, clock)
    card, bank = tracker.store.card(metro), tracker.store.card(debit)
    issuer, bank_issuer = tracker.issuer_for(card), tracker.issuer_for(bank)
    assert balance_counts(card, issuer, lost=False)  # in your hand, it can be refunded
    assert not balance_counts(card, issuer, lost=True)  # gone with the card
    assert balance_counts(bank, bank_issuer, lost=True)  # a bank reports it: still yours


def test_reporting_the_wallet_lost_leaves_the_bearer_card_s_money_out(content, clock):
    store = Store.in_memory()
    tracker, metro, debit = _wallet(store, content, clock)
    assert tracker.owed_total() == {"CNY": Decimal("80.00")}
    tracker.report_lost([metro, debit])
    view = tracker.view(metro)
    assert view.balance_gone and still_owed(view) == 0
    assert not tracker.view(debit).balance_gone
    assert tracker.owed_total() == {"CNY": Decimal("10.00")}
    assert store.card(metro).money["balance"] == "50.00"  # what it held stays on record
    assert store.card(metro).intent is Intent.CANCEL  # not switched (it cannot be)
    tracker.report_lost([metro])  # the list opened again: said once
    assert [e.event for e in store.log(metro)].count("lost.gone") == 1


def test_a_bearer_card_added_as_lost_holds_nothing_owed(content, clock):
    tracker = _tracker(Store.in_memory(), content, clock)
    fields = CardFields("Metro card", "transit", "report-lost", "Shanghai transport card", "CN")
    card = tracker.add_card(fields)
    tracker.set_money(card.id, "50", "", "CNY")
    assert tracker.view(card.id).balance_gone and tracker.owed_total() == {}


@pytest.mark.parametrize(("lang", "owed"), [("en", "owed to you: CN¥80.00"),
                                            ("zh-CN", "¥80.00")])
async def test_the_header_stops_counting_it_once_the_wallet_is_lost(
    make_app, content, clock, lang, owed
):
    from tui.ui.lost_wallet import LostWalletScreen

    store = Store.in_memory()
    _wallet(store, content, clock)
    app = make_app(store, lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        assert owed in app.sub_title, app.sub_title
        await pilot.press("L")
        await wait_until(pilot, lambda: app.screen.query("#lost-cards"), "the picks")
        await pilot.press("enter", "y")
        await wait_until(pilot, lambda: isinstance(app.screen, LostWalletScreen), "the calls")
        await settle(pilot)
        assert "¥10.00" in app.sub_title and "80" not in app.sub_title, app.sub_title


@pytest.mark.parametrize(("lang", "words"), [
    ("en", "no refund letter"),
    ("zh-CN", "没有退款申请可写"),
])
def test_its_refund_letter_is_not_written_and_it_says_why(content, clock, lang, words):
    """Nothing is owed on it, so no letter asks for it back (it said "CN¥0.00 is still
    to be refunded" and asked how the refund would be paid)."""
    from tui.base.errors import TrackerError

    tracker, metro, debit = _wallet(Store.in_memory(), content, clock)
    tracker.report_lost([metro, debit])
    letters, _problems = load_letters(content_dir(), None)
    t = Catalog(content.strings, lang)
    with pytest.raises(TrackerError) as refused:
        write_letter(tracker, metro, letters, t, "refund")
    assert words in t(refused.value.key, **refused.value.params)
    bank = write_letter(tracker, debit, letters, t, "refund")
    assert "¥10.00" in bank.body and bank.caution == ""


def test_the_report_counts_only_what_can_come_back(content, clock):
    tracker, metro, debit = _wallet(Store.in_memory(), content, clock)
    tracker.report_lost([metro, debit])
    report = export(tracker, "md").decode()
    assert "**Still owed to you:** CN¥10.00" in report, report
    metro_part = report.split("## Metro card")[1].split("## ")[0]
    assert "Balance" in metro_part and "Still owed to you" not in metro_part, metro_part


def test_the_command_line_letter_and_export_say_the_same(tmp_path, content, clock):
    from tests.conftest import run_cli

    store = Store.open(tmp_path / DB_FILENAME)
    tracker, metro, debit = _wallet(store, content, clock)
    tracker.report_lost([metro, debit])
    store.close()
    config = tmp_path / "config"
    letter = run_cli("letter", "Metro card", "--kind", "refund", data=tmp_path, config=config)
    assert letter.returncode != 0 and letter.stdout == "", letter.stdout
    assert "no refund letter" in letter.stderr, letter.stderr
    letter = run_cli("letter", "Metro card", data=tmp_path, config=config)
    assert letter.returncode == 0, letter.stderr
    assert "I do not ask for it back" in letter.stdout, letter.stdout
    report = run_cli("export", "--format", "md", data=tmp_path, config=config)
    assert "**Still owed to you:** CN¥10.00" in report.stdout, report.stdout


async def test_the_refund_dialog_says_nothing_is_still_held(make_app, content, clock):
    from tui.ui.followup_screens import MoneyScreen

    store = Store.in_memory()
    tracker, metro, debit = _wallet(store, content, clock)
    tracker.report_lost([metro, debit])
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        app.refresh_all(select=metro)
        await settle(pilot)
        app.ask_money(refund=True)
        await wait_shown(pilot, MoneyScreen, "the dialog")
        await settle(pilot)
        said = " ".join(str(box.render()) for box in app.screen.query(Static))
        assert "What came back" in said and "Still held" not in said, said
        await pilot.press("escape")
        app.refresh_all(select=debit)
        await settle(pilot)
        app.ask_money(refund=True)  # a bank card's money is still held
        await wait_shown(pilot, MoneyScreen, "the dialog")
        await settle(pilot)
        said = " ".join(str(box.render()) for box in app.screen.query(Static))
        assert "Still held: CN¥10.00" in said, said


def content_dir():
    from tui.base.paths import content_dir as shipped

    return shipped()


async def test_the_due_view_and_due_count_the_same(make_app, tmp_path, content, clock):
    """The metro card still due (its follow-up date has come): `D` shows it, and the
    header counts none of what it held; `due` lists it, and nothing of it as owed."""
    from tests.conftest import run_cli

    store = Store.open(tmp_path / DB_FILENAME)
    tracker, metro, debit = _wallet(store, content, clock)
    tracker.set_follow_up(metro, tracker.today())
    tracker.report_lost([metro, debit])
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("D")
        await settle(pilot)
        assert app.inventory.table.row_count == 1  # the metro card alone
        assert "owed to you: CN¥10.00" in app.sub_title, app.sub_title
    store.close()
    due = run_cli("due", data=tmp_path, config=tmp_path / "config")
    line = next(line for line in due.stdout.splitlines() if "Metro card" in line)
    assert "¥" not in line, line


def _dialog_text(app) -> str:
    return " ".join(" ".join(str(box.render()).split()) for box in app.screen.query(Static))


MONEY_WORDS = {
    "en": {
        "comes_back": "come back before or with the cancellation",
        "note": "The standard Shanghai card is a bearer card and cannot be reported lost",
        "not_owed": "not counted as owed to you",
        "refund_kept": "kept in its log and report",
        "saved_gone": "Refund recorded for Metro card",
        "unchanged": "the total owed is unchanged",
        "amounts_gone": "Saved the amounts of Metro card; not counted as owed",
    },
    "zh-CN": {
        "comes_back": "注销前或注销时应退还",
        "note": "上海普通交通卡为不记名卡，不能挂失",
        "not_owed": "不计为应退给你的款项",
        "refund_kept": "保留在它的日志和报告中",
        "saved_gone": "已记录 Metro card 的退款",
        "unchanged": "应退总额不变",
        "amounts_gone": "已保存 Metro card 的金额，但不计为应退款项",
    },
}


async def _open_money(app, pilot, card_id: str, refund: bool) -> None:
    from tui.ui.followup_screens import MoneyScreen

    app.refresh_all(select=card_id)
    await settle(pilot)
    if refund:
        app.action_refund()
    else:
        await pilot.press("m")
    await wait_shown(pilot, MoneyScreen, "the dialog")
    await settle(pilot)


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
async def test_the_money_dialog_tells_the_truth_of_a_lost_bearer_card(
    make_app, content, clock, lang
):
    """`m` on the lost metro card said its balance and deposit "come back before or
    with the cancellation": it says what its issuer's source says (a bearer card,
    gone with the card) and that what it held is kept on record, not owed. The bank
    card lost beside it, which its bank can block, keeps the usual words."""
    words = MONEY_WORDS[lang]
    store = Store.in_memory()
    tracker, metro, debit = _wallet(store, content, clock)
    tracker.report_lost([metro, debit])
    app = make_app(store, lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        await _open_money(app, pilot, metro, refund=False)
        said = _dialog_text(app)
        assert words["comes_back"] not in said, said
        assert words["note"] in said and words["not_owed"] in said, said
        await pilot.press("escape")
        await _open_money(app, pilot, debit, refund=False)
        said = _dialog_text(app)
        assert words["comes_back"] in said and words["not_owed"] not in said, said


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
async def test_a_refund_recorded_on_it_is_kept_and_said_and_the_totals_follow_the_rule(
    make_app, content, clock, lang
):
    """Money came back for the lost metro card all the same (a refund the user
    reports): it is kept (the card's amounts, its log, the report), the dialog said
    before it was typed that the card's money is not counted, the status line says
    that the total owed is unchanged, and the header still counts only the bank
    card's CN¥10, as the one rule says."""
    words = MONEY_WORDS[lang]
    store = Store.in_memory()
    tracker, metro, debit = _wallet(store, content, clock)
    tracker.report_lost([metro, debit])
    app = make_app(store, lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        await _open_money(app, pilot, metro, refund=True)
        said = _dialog_text(app)
        assert words["not_owed"] in said and words["refund_kept"] in said, said
        await pilot.press(*"30", "enter", *"station", "ctrl+s")
        await settle(pilot)
        message = app.query_one(StatusLine).message
        assert words["saved_gone"] in message and words["unchanged"] in message, message
        assert "¥10.00" in app.sub_title and "80" not in app.sub_title, app.sub_title
    assert store.card(metro).money["refunded"] == "30.00"
    refunds = [e for e in store.log(metro) if e.event == "money.refunded"]
    assert [(e.params["amount"], e.params["note"]) for e in refunds] == [("30.00", "station")]
    assert tracker.owed_total() == {"CNY": Decimal("10.00")}
    assert still_owed(tracker.view(metro)) == 0
    report = export(tracker, "md").decode()
    metro_part = report.split("## Metro card")[1].split("## ")[0]
    assert "Refunded" in metro_part and "Still owed to you" not in metro_part, metro_part


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
async def test_amounts_saved_on_it_say_they_are_not_owed(make_app, content, clock, lang):
    words = MONEY_WORDS[lang]
    store = Store.in_memory()
    tracker, metro, debit = _wallet(store, content, clock)
    tracker.report_lost([metro, debit])
    app = make_app(store, lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        await _open_money(app, pilot, metro, refund=False)
        field = app.screen.query_one("#money-balance")
        field.value = "60"
        await pilot.press("ctrl+s")
        await settle(pilot)
        message = app.query_one(StatusLine).message
        assert message.startswith(words["amounts_gone"]), message
        assert "¥10.00" in app.sub_title and "60" not in app.sub_title, app.sub_title
    assert store.card(metro).money["balance"] == "60.00"


@pytest.mark.parametrize(("lang", "words"), [("en", "gone with it"), ("zh-CN", "随卡丢失")])
def test_its_cancellation_letter_says_the_same_as_its_refund_letter(content, clock, lang, words):
    """The lost metro card keeps its cancel checklist (it cannot be reported lost), so
    `w` gives a cancellation letter, which asks for what is still held (nothing): it
    says why, as the refund letter does."""
    tracker, metro, debit = _wallet(Store.in_memory(), content, clock)
    tracker.report_lost([metro, debit])
    letters, _problems = load_letters(content_dir(), None)
    t = Catalog(content.strings, lang)
    letter = write_letter(tracker, metro, letters, t)
    assert letter.letter == "cancel" and words in letter.caution, letter.caution
    assert write_letter(tracker, debit, letters, t, "cancel").caution == ""
