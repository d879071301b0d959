"""Escape in a dialog the user typed in (issue 16): what was typed is never dropped
without a word. Untouched, Escape closes at once; changed, it asks "Discard what you
typed?": n (or Escape) goes back to the dialog with everything as it was, y (or
Enter) closes it and nothing is saved. One test per dialog that takes typing: the
card form (add and edit), proof, the lost-wallet reference, balance and deposit, a
refund, the follow-up date, a file to attach, the letter's file and a bundle's cards."""

from __future__ import annotations

import pytest
from textual.widgets import Input, Static

from tests.helpers.pilot import settle, wait_until
from tests.test_app import SIZE, type_text
from tui.domain.tracker import Tracker
from tui.records.card_fields import CardFields
from tui.storage.store import Store
from tui.ui.dialogs import ConfirmDialog
from tui.ui.main_screen import MainScreen

QUESTION = {"en": "Discard what you typed?", "zh-CN": "放弃已输入的内容？"}
DEBIT = CardFields("Debit", "bank", "cancel", "ICBC", "CN", carried=True)


def _tracker(store, content, clock) -> Tracker:
    return Tracker(store, content.playbooks, clock, issuers=content.issuers)


def _asking(app) -> bool:
    return isinstance(app.screen, ConfirmDialog) and any(
        QUESTION[app.t.lang] in str(s.render()) for s in app.screen.query(Static)
    )


async def _shown(pilot, dialog_type) -> object:
    app = pilot.app
    await wait_until(pilot, lambda: isinstance(app.screen, dialog_type), dialog_type.__name__)
    await settle(pilot)
    return app.screen


async def _escape_asks_keeps_then_discards(pilot, dialog, field: str, value: str) -> None:
    """`dialog` holds `value` in its field `field` (a selector): Escape asks, n goes
    back to it with the value kept, Escape and y close it."""
    app = pilot.app
    box = dialog.query_one(field)
    assert getattr(box, "value", None) == value
    await pilot.press("escape")
    await wait_until(pilot, lambda: _asking(app), "the question")
    await pilot.press("n")
    await wait_until(pilot, lambda: app.screen is dialog, "the dialog again")
    assert dialog.query_one(field).value == value  # everything kept
    assert app.focused is box  # typing goes on where it was
    await pilot.press("escape")
    await wait_until(pilot, lambda: _asking(app), "the question again")
    await pilot.press("y")
    await wait_until(pilot, lambda: isinstance(app.screen, MainScreen), "the main screen")
    await settle(pilot)


async def _untouched_escape_closes(pilot, dialog) -> None:
    app = pilot.app
    await pilot.press("escape")
    await wait_until(pilot, lambda: app.screen is not dialog, "the dialog closed")
    assert isinstance(app.screen, MainScreen), app.screen  # no question came between


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
async def test_the_add_form_asks_before_dropping_a_typed_name(make_app, lang):
    from tui.ui.card_form import CardForm

    store = Store.in_memory()
    app = make_app(store, lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        form = await _shown(pilot, CardForm)
        await _untouched_escape_closes(pilot, form)
        await pilot.press("a")
        form = await _shown(pilot, CardForm)
        await type_text(pilot, "Old phone")
        await _escape_asks_keeps_then_discards(pilot, form, "#label", "Old phone")
    assert store.cards() == [] and store.log() == []


async def test_the_add_form_asks_when_only_a_choice_changed(make_app):
    """A kind picked (nothing typed in a field) is what the user put in too."""
    from textual.widgets import Select

    from tui.ui.card_form import CardForm

    store = Store.in_memory()
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        form = await _shown(pilot, CardForm)
        await pilot.press("tab", "enter", "up", "up", "enter")  # esim -> bank
        assert form.query_one("#kind", Select).value == "bank"
        await pilot.press("escape")
        await wait_until(pilot, lambda: _asking(app), "the question")
        await pilot.press("n")
        await wait_until(pilot, lambda: app.screen is form, "the form again")
        assert form.query_one("#kind", Select).value == "bank"
    assert store.cards() == []


async def test_the_edit_form_asks_before_dropping_a_changed_name(make_app, content, clock):
    from tui.ui.card_form import CardForm

    store = Store.in_memory()
    card = _tracker(store, content, clock).add_card(DEBIT)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("e")
        form = await _shown(pilot, CardForm)
        await _untouched_escape_closes(pilot, form)  # its own values: nothing changed
        await pilot.press("e")
        form = await _shown(pilot, CardForm)
        await type_text(pilot, " 2")
        await _escape_asks_keeps_then_discards(pilot, form, "#label", "Debit 2")
    assert store.card(card.id).label == "Debit"
    assert [e.event for e in store.log(card.id)] == ["card.added"]


async def test_the_proof_dialog_asks_before_dropping_a_typed_reference(make_app, content, clock):
    from tui.ui.followup_screens import EvidenceScreen

    store = Store.in_memory()
    card = _tracker(store, content, clock).add_card(DEBIT)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        dialog = await _shown(pilot, EvidenceScreen)
        await _untouched_escape_closes(pilot, dialog)  # its When, as it opened: no question
        await pilot.press("n")
        dialog = await _shown(pilot, EvidenceScreen)
        await type_text(pilot, "REF-42")
        await _escape_asks_keeps_then_discards(pilot, dialog, "#ev-reference", "REF-42")
    assert [e.event for e in store.log(card.id)] == ["card.added"]


async def test_the_reference_dialog_asks_before_dropping_a_typed_reference(
    make_app, content, clock
):
    from tui.ui.dialogs import ConfirmDialog
    from tui.ui.lost_wallet import LostWalletScreen
    from tui.ui.lost_wallet_pick import LostWalletPick
    from tui.ui.reference_dialog import ReferenceScreen

    store = Store.in_memory()
    card = _tracker(store, content, clock).add_card(DEBIT)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("L")
        await _shown(pilot, LostWalletPick)
        await pilot.press("enter")
        await _shown(pilot, ConfirmDialog)
        await pilot.press("y")
        calls = await _shown(pilot, LostWalletScreen)
        await pilot.press("space")
        dialog = await _shown(pilot, ReferenceScreen)
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is calls, "the calls, at once")
        await pilot.press("space")
        dialog = await _shown(pilot, ReferenceScreen)
        await type_text(pilot, "ICBC-1")
        field = "#ref-reference"
        assert dialog.query_one(field).value == "ICBC-1"
        await pilot.press("escape")
        await wait_until(pilot, lambda: _asking(app), "the question")
        await pilot.press("n")
        await wait_until(pilot, lambda: app.screen is dialog, "the dialog again")
        assert dialog.query_one(field).value == "ICBC-1"
        await pilot.press("escape", "y")
        await wait_until(pilot, lambda: app.screen is calls, "the calls")
        await settle(pilot)
    assert not [e for e in store.log(card.id) if e.event.startswith("lost.called")]


async def test_the_money_dialog_asks_before_dropping_a_typed_balance(make_app, content, clock):
    from tui.ui.followup_screens import MoneyScreen

    store = Store.in_memory()
    card = _tracker(store, content, clock).add_card(DEBIT)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("m")
        dialog = await _shown(pilot, MoneyScreen)
        await _untouched_escape_closes(pilot, dialog)  # the region's currency, as offered
        await pilot.press("m")
        dialog = await _shown(pilot, MoneyScreen)
        await type_text(pilot, "120")
        await _escape_asks_keeps_then_discards(pilot, dialog, "#money-balance", "120")
    assert store.card(card.id).money == {}


async def test_the_refund_dialog_asks_before_dropping_a_typed_amount(make_app, content, clock):
    from tui.ui.followup_screens import MoneyScreen

    store = Store.in_memory()
    card = _tracker(store, content, clock).add_card(DEBIT)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.action_refund()  # what the palette's "Record a refund" runs
        dialog = await _shown(pilot, MoneyScreen)
        await type_text(pilot, "20")
        await _escape_asks_keeps_then_discards(pilot, dialog, "#money-amount", "20")
    assert store.card(card.id).money == {}
    assert [e.event for e in store.log(card.id)] == ["card.added"]


async def test_the_follow_up_dialog_asks_before_dropping_a_typed_date(make_app, content, clock):
    from tui.ui.followup_screens import FollowUpScreen

    store = Store.in_memory()
    card = _tracker(store, content, clock).add_card(DEBIT)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f")
        dialog = await _shown(pilot, FollowUpScreen)
        await _untouched_escape_closes(pilot, dialog)
        await pilot.press("f")
        dialog = await _shown(pilot, FollowUpScreen)
        await type_text(pilot, "+7")
        await _escape_asks_keeps_then_discards(pilot, dialog, "#followup-date", "+7")
    assert store.card(card.id).follow_up == ""


async def test_the_attach_dialog_asks_before_dropping_a_typed_path(make_app, content, clock):
    from tui.ui.attachment_screen import PathScreen

    store = Store.in_memory()
    card = _tracker(store, content, clock).add_card(DEBIT)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("A")
        dialog = await _shown(pilot, PathScreen)
        await _untouched_escape_closes(pilot, dialog)
        await pilot.press("A")
        dialog = await _shown(pilot, PathScreen)
        await type_text(pilot, "slip.pdf")
        await _escape_asks_keeps_then_discards(pilot, dialog, "#at-path", "slip.pdf")
    assert store.card(card.id).attachments == ()


async def test_the_letter_file_dialog_asks_before_dropping_a_changed_path(
    make_app, content, clock, tmp_path, monkeypatch
):
    from tui.ui.letter_screen import LetterPathScreen, LetterScreen

    monkeypatch.chdir(tmp_path)  # where the letter's file is first offered
    store = Store.in_memory()
    _tracker(store, content, clock).add_card(DEBIT)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("w")
        letter = await _shown(pilot, LetterScreen)
        await pilot.press("s")
        dialog = await _shown(pilot, LetterPathScreen)
        offered = dialog.query_one("#letter-path-path", Input).value
        await pilot.press("escape")  # the path as offered: nothing typed
        await wait_until(pilot, lambda: app.screen is letter, "the letter, at once")
        await pilot.press("s")
        dialog = await _shown(pilot, LetterPathScreen)
        await pilot.press("end", *"x")
        field = "#letter-path-path"
        assert dialog.query_one(field, Input).value == offered + "x"
        await pilot.press("escape")
        await wait_until(pilot, lambda: _asking(app), "the question")
        await pilot.press("n")
        await wait_until(pilot, lambda: app.screen is dialog, "the dialog again")
        assert dialog.query_one(field, Input).value == offered + "x"
        await pilot.press("escape", "y")
        await wait_until(pilot, lambda: app.screen is letter, "the letter")
        await settle(pilot)
    assert list(tmp_path.iterdir()) == []  # no file written


async def test_the_bundle_dialog_asks_before_dropping_what_was_changed(make_app, content, clock):
    from tests.test_bundle_app import _open
    from tui.ui.bundle_dialogs import BundleCardPicks

    store = Store.in_memory()
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        checklist = await _open(pilot, "Moving abroad")
        await _untouched_escape_closes(pilot, checklist)
        checklist = await _open(pilot, "Moving abroad")
        await pilot.press("space")  # the first card unticked
        picks = checklist.query_one(BundleCardPicks)
        unticked = list(picks.selected)
        await pilot.press("escape")
        await wait_until(pilot, lambda: _asking(app), "the question")
        await pilot.press("n")
        await wait_until(pilot, lambda: app.screen is checklist, "the cards again")
        assert list(picks.selected) == unticked
        checklist.set_focus(checklist.query_one("#bundle-region", Input))
        await type_text(pilot, "GB")
        await _escape_asks_keeps_then_discards(pilot, checklist, "#bundle-region", "GB")
    assert store.cards() == []


async def test_enter_on_the_question_discards_and_escape_goes_back(make_app, content, clock):
    """Enter is the question's yes (its focused button), Escape its no."""
    from tui.ui.followup_screens import FollowUpScreen

    store = Store.in_memory()
    card = _tracker(store, content, clock).add_card(DEBIT)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f", *"+3")
        dialog = await _shown(pilot, FollowUpScreen)
        await pilot.press("escape")
        await wait_until(pilot, lambda: _asking(app), "the question")
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is dialog, "the dialog again")
        assert dialog.query_one("#followup-date", Input).value == "+3"
        await pilot.press("escape")
        await wait_until(pilot, lambda: _asking(app), "the question again")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, MainScreen), "the main screen")
        await settle(pilot)
    assert store.card(card.id).follow_up == ""


async def test_a_form_kept_from_the_last_session_asks_even_untouched(make_app, tmp_path):
    """A draft kept when the last session ended holds what was typed then, never saved:
    Escape on it asks too (closing it forgets the draft)."""
    from tui.domain.drafts import FormDraft, keep_draft, read_draft
    from tui.storage.store import DB_FILENAME
    from tui.ui.card_form import CardForm

    data = tmp_path / "data"
    store = Store.open(data / DB_FILENAME)
    keep_draft(data, FormDraft(None, CardFields("Half typed", "bank", "cancel"), "SIGTERM"))
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        form = await _shown(pilot, CardForm)
        await _escape_asks_keeps_then_discards(pilot, form, "#label", "Half typed")
    assert store.cards() == [] and read_draft(data) is None
    store.close()
