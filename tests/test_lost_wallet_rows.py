"""Faults found in the lost-wallet list, each as the user met it, in English and
Chinese: `j` on the last row went round to the first and a space after it replaced a
recorded reference without a word; a card that cannot be reported lost counted as a
call and asked for a reference; a reference had no length limit; `c` on a row with no
number said nothing; wrapped lines went back to the left edge."""

from __future__ import annotations

import pytest
from textual.widgets import Input, OptionList, Static

from tests.helpers.pilot import resize_to, settle, wait_shown, wait_until
from tui.domain.demo import fill_demo
from tui.domain.tracker import Tracker
from tui.records.card_fields import LINE_MAX, CardFields
from tui.storage.store import Store
from tui.ui.dialogs import ConfirmDialog
from tui.ui.followup_screens import EvidenceScreen
from tui.ui.line_breaks import hanging
from tui.ui.lost_wallet import LostWalletScreen
from tui.ui.lost_wallet_pick import CardPicks, LostWalletPick
from tui.ui.reference_dialog import ReferenceScreen
from tui.ui.status_line import StatusLine

SIZE = (80, 24)

WORDS = {
    "en": {
        "called_icbc": "Called about ICBC debit card",
        "called_chase": "Called about Chase credit",
        "recorded": "Recorded already: ICBC-2026120100123",
        "replace": "Replace the recorded reference ICBC-2026120100123 with ICBC-NEW?",
        "kept": "Reference kept for ICBC debit card.",
        "row_reference": "reference ICBC-NEW · ",
        "one_left": "1 of 1 still to call",
        "none_to_call": "nothing to call: unlink any automatic top-up",
        "no_call_said": "No call to make for Metro card: it cannot be reported lost",
        "bearer": "cannot be reported lost: The standard",
        "copy_no_call": "No number to copy for Metro card: it cannot be reported lost",
        "too_long": "Reference: at most 500 characters. Nothing was saved",
        "proof_too_long": "Note: at most 500 characters. Nothing was saved",
        "copy_id": "No number to copy for Passport: an ID document is reported to the police",
        "copy_none": "No number to copy for Store card: h searches the directory",
    },
    "zh-CN": {
        "called_icbc": "已为 ICBC debit card 致电",
        "called_chase": "已为 Chase credit 致电",
        "recorded": "已记录过受理编号：ICBC-2026120100123",
        "replace": "用 ICBC-NEW 替换已记录的受理编号 ICBC-2026120100123 吗？",
        "kept": "已保留 ICBC debit card 的受理编号",
        "row_reference": "受理编号：ICBC-NEW · ",
        "one_left": "还有 1/1 个电话要打",
        "none_to_call": "无需致电：解除它绑定的自动充值",
        "no_call_said": "Metro card 无法挂失，没有电话要打",
        "bearer": "无法挂失：上海",
        "copy_no_call": "Metro card 没有可复制的号码：它无法挂失",
        "too_long": "受理编号：最多 500 个字符。尚未保存",
        "proof_too_long": "备注：最多 500 个字符。尚未保存",
        "copy_id": "Passport 没有可复制的号码：证件丢失要向警方报案",
        "copy_none": "Store card 没有可复制的号码：按 h 搜索号码目录",
    },
}


def _tracker(store, content, clock) -> Tracker:
    return Tracker(store, content.playbooks, clock, issuers=content.issuers)


def _rows(screen) -> list[str]:
    listing = screen.query_one(OptionList)
    return [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]


def _count(screen) -> str:
    return str(screen.query_one("#lost-count", Static).render())


def _said(app) -> str:
    return app.query_one(StatusLine).message


def _body(app) -> str:
    return str(app.screen.query_one(Static).render())


async def _calls(app, pilot) -> LostWalletScreen:
    """L, Enter (the carried cards are picked), y when a card switches (there is no
    question when none does): the list of whom to call."""
    await pilot.press("L")
    await wait_until(pilot, lambda: isinstance(app.screen, LostWalletPick), "the pick dialog")
    await pilot.press("enter")
    await wait_until(
        pilot, lambda: isinstance(app.screen, ConfirmDialog | LostWalletScreen), "the question"
    )
    if isinstance(app.screen, ConfirmDialog):
        await pilot.press("y")
    await wait_until(pilot, lambda: isinstance(app.screen, LostWalletScreen), "the calls")
    return app.screen


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
async def test_j_on_the_last_row_stays_and_a_recorded_reference_is_not_replaced_silently(
    make_app, content, clock, lang
):
    words = WORDS[lang]
    store = Store.in_memory()
    tracker = _tracker(store, content, clock)
    icbc = tracker.add_card(CardFields("ICBC debit card", "bank", "cancel", "ICBC", "CN",
                                       carried=True))
    tracker.add_card(CardFields("Chase credit", "bank", "cancel", "Chase", "US", carried=True))
    app = make_app(store, lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _calls(app, pilot)
        listing = screen.query_one(OptionList)
        await pilot.press("space")
        assert isinstance(app.screen, ReferenceScreen)
        assert words["called_icbc"] in str(app.screen.query_one(".dialog-box").border_title)
        await pilot.press(*"ICBC-2026120100123", "enter")
        await settle(pilot)
        assert app.screen is screen and listing.highlighted == 1  # on to Chase
        await pilot.press("j")  # the last row: the cursor stays on it
        assert listing.highlighted == 1
        await pilot.press("space")
        assert words["called_chase"] in str(app.screen.query_one(".dialog-box").border_title)
        await pilot.press("escape")
        await pilot.press("k", "k")  # the first row: k stays on it too
        assert listing.highlighted == 0
        # the reference recorded shows, in the field and in words; Enter keeps it
        await pilot.press("space")
        assert isinstance(app.screen, ReferenceScreen)
        field = app.screen.query_one(Input)
        assert field.value == "ICBC-2026120100123"
        assert words["recorded"] in _body(app)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen and words["kept"] in _said(app)
        # another one replaces it only once the user says so
        await pilot.press("space")
        await pilot.press("ctrl+u", *"ICBC-NEW", "enter")
        assert isinstance(app.screen, ConfirmDialog)
        assert words["replace"] in str(app.screen.query_one(Static).render())
        await pilot.press("n")  # no: back in the dialog, with what was typed
        assert isinstance(app.screen, ReferenceScreen)
        assert app.screen.query_one(Input).value == "ICBC-NEW"
        await pilot.press("enter")
        await wait_shown(pilot, ConfirmDialog, "the question again")
        await pilot.press("y")  # once it shows: a y typed before it is no answer
        await settle(pilot)
        assert app.screen is screen
        assert words["row_reference"] in _rows(screen)[0]
    references = [e.params["reference"] for e in store.log(icbc.id) if e.event == "lost.called"]
    assert references == ["ICBC-NEW", "ICBC-2026120100123"]  # newest first; none lost


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
async def test_a_lost_phone_row_offers_the_number_any_phone_can_call_at_home_and_abroad(
    make_app, content, clock, lang
):
    """China Mobile's row showed `☎ 10086` (reach unknown: it may need the lost SIM) at
    home; the number any phone can call came only after `a`."""
    store = Store.in_memory()
    _tracker(store, content, clock).add_card(
        CardFields("China Mobile eSIM", "esim", "report-lost", "China Mobile", "CN"))
    app = make_app(store, lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        app.open_lost_calls(app.tracker.views())
        await wait_until(pilot, lambda: isinstance(app.screen, LostWalletScreen), "the calls")
        await settle(pilot)
        for _where in ("home", "abroad"):
            [row] = _rows(app.screen)
            assert "☎ +86 138 0010 0186" in row and "☎ 10086" not in row, row
            await pilot.press("a")
            await settle(pilot)


async def test_the_pick_dialog_stops_at_either_end(make_app, content, clock):
    store = Store.in_memory()
    tracker = _tracker(store, content, clock)
    for label in ("One", "Two", "Three"):
        tracker.add_card(CardFields(label, "bank", "cancel", "ICBC", "CN"))
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("L")
        await wait_until(pilot, lambda: isinstance(app.screen, LostWalletPick), "the dialog")
        picks = app.screen.query_one(CardPicks)
        assert picks.highlighted == 0
        await pilot.press("k")
        assert picks.highlighted == 0
        await pilot.press("G", "j", "space")  # j on the last stays: space picks the last
        assert picks.highlighted == 2
        assert list(picks.selected) == [picks.get_option_at_index(2).value]


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
async def test_a_card_that_cannot_be_reported_lost_is_no_call_and_asks_nothing(
    make_app, content, clock, lang
):
    """--demo, L, Enter: the standard Shanghai transport card is a bearer card (it does
    not switch, and the demo's other carried card reports lost already: no question)."""
    words = WORDS[lang]
    store = Store.in_memory()
    fill_demo(_tracker(store, content, clock))
    app = make_app(store, lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _calls(app, pilot)
        assert words["one_left"] in _count(screen)  # the debit card only
        labels = [v.card.label for v in screen.views]
        metro = labels.index("Metro card")
        row = _rows(screen)[metro]
        assert row.startswith("[-] Metro card") and words["none_to_call"] in row, row
        assert words["bearer"] in row.replace("\n", " "), row  # one space in English, none after ：
        screen.query_one(OptionList).highlighted = metro
        await pilot.press("space")
        await settle(pilot)
        assert app.screen is screen  # no reference asked
        assert words["no_call_said"] in _said(app)
        await pilot.press("c")
        await settle(pilot)
        assert app.clipboard == "" and words["copy_no_call"] in _said(app)
        assert words["one_left"] in _count(screen)


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
async def test_a_reference_past_the_limit_is_refused_as_a_note_of_proof_is(
    make_app, content, clock, lang
):
    words = WORDS[lang]
    store = Store.in_memory()
    tracker = _tracker(store, content, clock)
    card = tracker.add_card(CardFields("Debit", "bank", "report-lost", "ICBC", "CN"))
    pasted = "R" * 600
    app = make_app(store, lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        app.open_lost_calls(app.tracker.views())
        await wait_until(pilot, lambda: isinstance(app.screen, LostWalletScreen), "the calls")
        await pilot.press("space")
        dialog = app.screen
        assert isinstance(dialog, ReferenceScreen)
        dialog.query_one(Input).value = pasted
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is dialog and dialog.query_one(Input).value == pasted  # kept
        error = str(dialog.query_one("#ref-reference-error", Static).render())
        assert words["too_long"] in error and str(LINE_MAX) in error, error
        # the dialog (what was typed is discarded once the user says so), then the list
        await pilot.press("escape", "y", "escape")
        await settle(pilot)
        # the proof dialog (n, for the card) says the same of the same text
        await pilot.press("n")
        await wait_shown(pilot, EvidenceScreen, "the proof")
        app.screen.field("note").value = pasted
        await pilot.press("ctrl+s")
        await settle(pilot)
        proof = str(app.screen.query_one("#ev-note-error", Static).render())
        assert words["proof_too_long"] in proof
        label_end = "：" if lang == "zh-CN" else ": "  # the catalog's text.labelled
        assert proof.split(label_end, 1)[1] == error.split(label_end, 1)[1]  # one message
    assert not [e for e in store.log(card.id) if e.event.startswith("lost.")]


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
async def test_c_on_a_row_with_no_number_says_so_and_what_to_do(make_app, content, clock, lang):
    words = WORDS[lang]
    store = Store.in_memory()
    tracker = _tracker(store, content, clock)
    tracker.add_card(CardFields("Store card", "other", "report-lost", "Zz"))
    tracker.add_card(CardFields("Passport", "id-document", "report-lost", "", "GB"))
    app = make_app(store, lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        app.open_lost_calls(app.tracker.views())
        await wait_until(pilot, lambda: isinstance(app.screen, LostWalletScreen), "the calls")
        await pilot.press("c")  # the store card: no number known
        await settle(pilot)
        assert app.clipboard == "" and words["copy_none"] in _said(app), _said(app)
        await pilot.press("j", "c")  # the passport
        await settle(pilot)
        assert app.clipboard == "" and words["copy_id"] in _said(app), _said(app)


def _listed_lines(listing) -> list[str]:
    """The list's lines as drawn (every row fits in it here)."""
    return [listing.render_line(y).text.rstrip() for y in range(listing.size.height)]


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
async def test_wrapped_lines_of_a_row_start_under_its_text(make_app, content, clock, lang):
    """At 80x24 the Visa network's line wraps (`from abroad · eu.review.visa.com` went
    to the left edge): each wrapped line starts under the text of the line it
    continues."""
    store = Store.in_memory()
    tracker = _tracker(store, content, clock)
    tracker.add_card(CardFields("Visa card", "bank", "report-lost", "", "DE", network="visa"))
    tracker.add_card(CardFields("Phone", "esim", "report-lost", "中国移动", "CN"))
    app = make_app(store, lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        app.open_lost_calls(app.tracker.views())
        await wait_until(pilot, lambda: isinstance(app.screen, LostWalletScreen), "the calls")
        await settle(pilot)
        listing = app.screen.query_one(OptionList)
        text = "\n".join(str(listing.get_option_at_index(i).prompt) for i in range(2))
        shown = [line for line in _listed_lines(listing) if line.strip()]
        wrapped = 0
        for line, pieces in zip(text.split("\n"), _pieces(text, shown), strict=True):
            for piece in pieces[1:]:
                wrapped += 1  # under the text after `    ☎ `, or after `[ ] `
                assert piece.startswith(" " * max(hanging(line), 4)), (line, pieces)
        assert wrapped, shown  # something wraps at 80 columns


def _pieces(logical: str, shown: list[str]) -> list[list[str]]:
    """The lines shown for each line of `logical` text, in order (a line's pieces,
    joined without their spaces, read as the line does)."""
    out, at = [], 0
    for line in logical.split("\n"):
        want, got, pieces = "".join(line.split()), "", []
        while at < len(shown) and got != want:
            pieces.append(shown[at])
            got += "".join(shown[at].split())
            at += 1
        assert got == want, (line, shown)
        out.append(pieces)
    return out


@pytest.mark.parametrize(("lang", "query"), [("en", "visa"), ("zh-CN", "社保")])
async def test_wrapped_lines_of_a_hotline_result_start_under_its_text(
    make_app, content, lang, query
):
    """`▊ from abroad · eu.review.visa.com` and `▊ 局` started at the left edge."""
    from tui.ui.hotline_list import HotlineList

    app = make_app(lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h", *query)
        listing = app.screen.query_one(HotlineList)
        await wait_until(pilot, lambda: listing.entry_count > 0, "results")
        await settle(pilot)
        wrapped = 0
        for index in range(listing.option_count):
            text = listing.get_option_at_index(index).prompt.plain
            shown = [strip.text.rstrip() for strip in listing._lines_of(index)]
            shown = [line for line in shown if line.strip()]
            for line, pieces in zip(text.split("\n"), _pieces(text, shown), strict=True):
                for piece in pieces[1:]:
                    wrapped += 1
                    assert piece.startswith(" " * max(hanging(line), 2)), (line, pieces)
        assert wrapped, "no result wraps at 80x24"


async def test_the_reference_dialog_never_splits_the_number_called(make_app, content, clock):
    """`…the report on +86` / `10 95588`: the number called broke across lines. The
    dialog, opened at 60 columns, is drawn at each width in turn."""
    store = Store.in_memory()
    tracker = _tracker(store, content, clock)
    tracker.add_card(CardFields("ICBC debit card", "bank", "report-lost", "ICBC", "CN"))
    app = make_app(store, abroad=True)
    async with app.run_test(size=(60, 24)) as pilot:
        app.open_lost_calls(app.tracker.views())
        await wait_until(pilot, lambda: isinstance(app.screen, LostWalletScreen), "the calls")
        await settle(pilot)
        number = app.screen._offer(0).hotline.shown
        assert " " in number  # +86 10 95588: one that could break
        await pilot.press("space")
        await wait_until(pilot, lambda: isinstance(app.screen, ReferenceScreen), "the dialog")
        await settle(pilot)
        for width in (60, 64, 70, 80):
            await resize_to(pilot, (width, 24))
            body = app.screen.query_one(Static)
            lines = [body.render_line(y).text for y in range(body.size.height)]
            assert any(number in line.replace("\u00a0", " ") for line in lines), (width, lines)


ANY_PHONE = {"en": "(report lost) · any phone", "zh-CN": "（挂失） · 任意电话可拨"}
FROM_ABROAD = {"en": "· from abroad", "zh-CN": "· 境外拨打"}


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
async def test_a_lost_phone_s_row_says_any_phone_can_call_its_number(
    make_app, content, clock, lang
):
    """China Mobile's +86 138 0010 0186 was labelled "from abroad" in the row of a lost
    eSIM, though its source says any phone can call it: the reader, without their
    phone, skipped it at home. The label goes on a lost phone's rows only: on every row
    it pushed the ⚠ of a narrow row out of sight. The list is seen at 60x20, then
    resized to 80x24."""
    store = Store.in_memory()
    tracker = _tracker(store, content, clock)
    tracker.add_card(CardFields("Phone", "esim", "report-lost", "China Mobile", "CN"))
    tracker.add_card(CardFields("Debit", "bank", "report-lost", "ICBC", "CN"))
    app = make_app(store, lang=lang)
    async with app.run_test(size=(60, 20)) as pilot:
        app.open_lost_calls(app.tracker.views())
        await wait_until(pilot, lambda: isinstance(app.screen, LostWalletScreen), "the calls")
        await settle(pilot)
        for size in ((60, 20), (80, 24)):
            await resize_to(pilot, size)
            for where in ("home", "abroad"):  # `a` twice: back at home for the next size
                case = (size, where)
                debit, phone = _rows(app.screen)
                assert "☎ +86 138 0010 0186" in phone, (case, phone)
                assert ANY_PHONE[lang] in phone and FROM_ABROAD[lang] not in phone, (case, phone)
                assert "any phone" not in debit and "任意电话" not in debit, (case, debit)
                if where == "abroad":  # ICBC's line for abroad keeps its label and its ⚠
                    assert FROM_ABROAD[lang] in debit, (case, debit)
                    drawn = "".join(_listed_lines(app.screen.query_one(OptionList)))
                    assert "⚠" in drawn, (case, drawn)
                await pilot.press("a")
                await settle(pilot)
