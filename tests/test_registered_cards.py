"""A registered (named, 记名, 已登记) card of an issuer whose source says only the
unregistered card cannot be reported lost (Issuer.bearer: Oyster, the Shanghai
transport card, 北京一卡通, ICOCA) can be reported lost. Found by a tester: every card
of such an issuer was "cannot be reported lost", so a person whose registered Oyster
or Yikatong was in a lost wallet was told there was nothing to call, lost-wallet mode
did not switch it, and what it held was counted as gone. The card form asks whether a
transit card is registered; the mark is kept, exported and imported like *carried in
my wallet*; an unregistered card's row says how to mark it."""

from __future__ import annotations

import csv
import json
from dataclasses import replace

import pytest
from textual.widgets import Input, OptionList, Select, Static

from tests.helpers.pilot import settle, wait_shown, wait_until
from tui.domain.drafts import FormDraft
from tui.domain.export import to_csv, to_json
from tui.domain.importer import import_file
from tui.domain.money_owed import still_owed
from tui.domain.reportable import cannot_be_reported, registered_asked
from tui.domain.tracker import Tracker
from tui.records.card_fields import CardFields
from tui.records.kinds import Intent
from tui.storage.store import DB_FILENAME, Store

SIZE = (80, 24)
SHANGHAI = CardFields("Shanghai card", "transit", "cancel", "Shanghai transport card", "CN",
                      carried=True, registered=True)
OYSTER = CardFields("Oyster", "transit", "cancel", "Oyster card", "GB", carried=True)

WORDS = {
    "en": {
        "question": "report-lost checklist: 1 (Shanghai card)",
        "marked": "Marked lost with the wallet",
        "hint": "press e on the card, tick “Registered (named) card”, and L then reports it",
        "count": "1 of 1 still to call",
    },
    "zh-CN": {
        "question": "将改用挂失清单的卡：1 张（Shanghai card）",
        "marked": "标记为随钱包丢失",
        "hint": "在这张卡上按 e 勾选“记名卡（已登记）”，再按 L 即可挂失",
        "count": "还有 1/1 个电话要打",
    },
}


def _tracker(store, content, clock) -> Tracker:
    return Tracker(store, content.playbooks, clock, issuers=content.issuers)


def _rows(screen) -> list[str]:
    listing = screen.query_one(OptionList)
    return [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]


@pytest.mark.parametrize(
    "fields",
    [
        SHANGHAI,
        replace(OYSTER, registered=True),
        CardFields("一卡通", "transit", "cancel", "北京一卡通", "CN", registered=True),
    ],
    ids=["shanghai", "oyster", "yikatong"],
)
def test_a_registered_card_of_a_bearer_issuer_can_be_reported_lost(content, clock, fields):
    tracker = _tracker(Store.in_memory(), content, clock)
    registered = tracker.add_card(fields)
    bearer = tracker.add_card(replace(fields, label="Standard", registered=False))
    issuer = tracker.issuer_for(registered)
    assert issuer is not None and issuer.bearer.by_lang  # the issuer's note is there
    assert registered.registered and not cannot_be_reported(registered, issuer)
    assert cannot_be_reported(bearer, tracker.issuer_for(bearer))
    assert tracker.lost_switches([registered.id, bearer.id]) == [registered.id]


def test_what_a_lost_registered_card_held_still_counts_as_owed(content, clock):
    tracker = _tracker(Store.in_memory(), content, clock)
    registered = tracker.add_card(SHANGHAI).id
    bearer = tracker.add_card(replace(SHANGHAI, label="Standard", registered=False)).id
    for card_id in (registered, bearer):
        tracker.set_money(card_id, "50", "20", "CNY")
    tracker.report_lost([registered, bearer])
    assert str(still_owed(tracker.view(registered))) == "70.00"  # may come back
    assert tracker.view(bearer).balance_gone  # gone with the card, as before
    events = [e.event for e in tracker.store.log(registered)]
    assert "lost.started" in events and "lost.gone" not in events


def test_only_a_card_that_can_be_registered_keeps_the_mark(content, clock):
    """Asked of a transit card, or of a card whose issuer has a bearer note (the rule in
    tui.domain.reportable); a bank card marked registered (a CSV, a draft) keeps no
    mark."""
    tracker = _tracker(Store.in_memory(), content, clock)
    bank = tracker.add_card(CardFields("Debit", "bank", "cancel", "ICBC", "CN", registered=True))
    assert bank.registered is False
    shanghai = tracker.issuers.match("Shanghai transport card", "CN", "transit")
    assert registered_asked("transit", None) and registered_asked("other", shanghai)
    assert not registered_asked("bank", tracker.issuers.match("ICBC", "CN", "bank"))
    assert tracker.asks_registered("Oyster", "GB", "transit")
    assert not tracker.asks_registered("ICBC", "CN", "bank")


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
async def test_lost_wallet_switches_and_calls_a_registered_card_only(
    make_app, content, clock, lang
):
    """L, Enter, y: the registered Shanghai card is switched and gets a call row; the
    unregistered Oyster card is `[-]`, not switched (the question names it as marked
    lost with the wallet), and says how to mark it."""
    from tui.ui.dialogs import ConfirmDialog
    from tui.ui.lost_wallet import LostWalletScreen
    from tui.ui.lost_wallet_pick import LostWalletPick

    words = WORDS[lang]
    store = Store.in_memory()
    tracker = _tracker(store, content, clock)
    shanghai = tracker.add_card(SHANGHAI).id
    oyster = tracker.add_card(OYSTER).id
    app = make_app(store, lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("L")
        await wait_until(pilot, lambda: isinstance(app.screen, LostWalletPick), "the picks")
        await pilot.press("enter")
        await wait_shown(pilot, ConfirmDialog, "the question")
        question = str(app.screen.query_one(".dialog-question", Static).render())
        # the Oyster card is not switched: it is named among those marked lost
        marked = question.split(words["marked"], 1)
        assert words["question"] in marked[0] and "Oyster" not in marked[0], question
        assert "Oyster" in marked[1], question
        await pilot.press("y")
        await wait_until(pilot, lambda: isinstance(app.screen, LostWalletScreen), "the calls")
        screen = app.screen
        assert [v.card.id for v in screen.views] == [shanghai, oyster]
        registered_row, bearer_row = _rows(screen)
        assert registered_row.startswith("[ ] Shanghai card"), registered_row
        assert "☎" in registered_row, registered_row
        assert bearer_row.startswith("[-] Oyster"), bearer_row
        joined = bearer_row.replace("\n    ", " " if lang == "en" else "")  # wrapped lines
        assert words["hint"] in joined, bearer_row
        assert words["count"] in str(screen.query_one("#lost-count", Static).render())
    assert store.card(shanghai).intent is Intent.REPORT_LOST
    assert store.card(oyster).intent is Intent.CANCEL


async def test_the_steps_pane_of_an_unregistered_card_says_how_to_mark_it(
    make_app, content, clock
):
    """A card set to report it lost: unregistered, the call step's detail quotes the
    issuer's note and names the key of the form; registered, it offers the number."""
    from tui.ui.steps_pane import StepsPane

    store = Store.in_memory()
    tracker = _tracker(store, content, clock)
    card = tracker.add_card(replace(OYSTER, intent="report-lost"))
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        steps = app.query_one(StepsPane)
        said = steps.call_text.plain
        assert "An unregistered Oyster card cannot be reported lost" in said, said
        assert "Press e and tick “Registered (named) card”" in said, said
        app.tracker.edit_card(card.id, replace(OYSTER, intent="report-lost", registered=True))
        app.refresh_all(select=card.id)
        await settle(pilot)
        said = steps.call_text.plain
        assert "☎" in said and "cannot be reported lost" not in said, said


async def test_the_form_asks_a_transit_card_and_keeps_the_answer(make_app, content, clock):
    """The question shows for a transit card only; ticked and saved, the card is
    registered in the store; `e` shows it ticked, and unticked it is an edit logged."""
    from tui.ui.card_form import CardForm
    from tui.ui.pick_marks import TickBox

    store = Store.in_memory()
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(app.screen, CardForm), "the form")
        form = app.screen
        box = form.query_one("#registered", TickBox)
        assert not box.display  # an eSIM, the form's first kind
        await pilot.press(*"Oyster")
        form.query_one("#kind", Select).value = "transit"
        await pilot.pause()
        assert box.display
        form.query_one("#kind", Select).value = "bank"
        await pilot.pause()
        assert not box.display
        form.query_one("#kind", Select).value = "transit"
        form.query_one("#region", Input).value = "GB"
        form.query_one("#issuer", Input).value = "Oyster card"
        await pilot.pause()
        box.focus()
        await pilot.press("space")
        assert box.value is True
        await pilot.press("ctrl+s")
        await settle(pilot)
        await wait_until(pilot, lambda: not isinstance(app.screen, CardForm), "the save")
        [card] = store.cards()
        assert card.registered is True and card.issuer == "Oyster card"
        await pilot.press("e")
        await wait_until(pilot, lambda: isinstance(app.screen, CardForm), "the edit form")
        box = app.screen.query_one("#registered", TickBox)
        assert box.display and box.value is True
        box.focus()
        await pilot.press("space", "ctrl+s")
        await settle(pilot)
        await wait_until(pilot, lambda: not isinstance(app.screen, CardForm), "the save")
    assert store.card(card.id).registered is False
    assert store.log(card.id)[0].params["fields"] == ["registered"]


def test_an_old_record_without_the_mark_reads_as_not_registered(tmp_path, content, clock):
    """A data file written before the question was asked has no `registered`: it opens
    as it was (no damaged record), not registered, and cannot be reported lost."""
    path = tmp_path / DB_FILENAME
    store = Store.open(path)
    card = _tracker(store, content, clock).add_card(replace(SHANGHAI, registered=False))
    store.close()
    data = json.loads(path.read_text(encoding="utf-8"))
    [doc] = data["cards"].values()
    del doc["registered"]
    path.write_text(json.dumps(data), encoding="utf-8")
    store = Store.open(path)
    try:
        tracker = _tracker(store, content, clock)
        read = store.card(card.id)
        assert read is not None and read.registered is False
        assert not store.damaged()
        assert cannot_be_reported(read, tracker.issuer_for(read))
    finally:
        store.close()


def test_a_draft_keeps_the_mark_and_an_old_draft_reads_as_not_registered():
    draft = FormDraft(None, SHANGHAI, "SIGHUP")
    assert FormDraft.from_doc(draft.to_doc()).fields.registered is True
    doc = draft.to_doc()
    del doc["fields"]["registered"]
    assert FormDraft.from_doc(doc).fields.registered is False


def test_json_export_and_import_carry_the_mark(tracker, tmp_path, content, clock):
    card = tracker.add_card(SHANGHAI).id
    doc = json.loads(to_json(tracker))
    assert doc["cards"][0]["card"]["registered"] is True
    path = tmp_path / "out.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    other = _tracker(Store.in_memory(), content, clock)
    assert import_file(other, path).written
    assert other.store.card(card).registered is True
    del doc["cards"][0]["card"]["registered"]  # an export written before it was asked
    path.write_text(json.dumps(doc), encoding="utf-8")
    older = _tracker(Store.in_memory(), content, clock)
    assert import_file(older, path).written
    assert older.store.card(card).registered is False


def test_csv_export_and_import_carry_the_mark(tracker, tmp_path, content, clock):
    tracker.add_card(SHANGHAI)
    tracker.add_card(OYSTER)
    header, first, second = list(csv.reader(to_csv(tracker).splitlines()))[:3]
    assert header[-1] == "registered"  # added last: scripts that count columns still work
    assert (first[-1], second[-1]) == ("yes", "no")
    path = tmp_path / "cards.csv"
    path.write_text(
        "label,kind,issuer,region,registered\n"
        "A,transit,Oyster card,GB,yes\n"
        "B,transit,Oyster card,GB,\n"
        "C,transit,北京一卡通,CN,是\n"
        "D,transit,Oyster card,GB,maybe\n"
        "E,bank,ICBC,CN,yes\n",
        encoding="utf-8",
    )
    other = _tracker(Store.in_memory(), content, clock)
    result = import_file(other, path, strings=content.strings)
    assert result.written
    assert {c.label: c.registered for c in other.cards()} == {
        "A": True,
        "B": False,
        "C": True,
        "D": False,
        "E": False,  # a bank card is not asked: no mark kept
    }
    [(line, note)] = result.notes
    assert line == 5 and "registered 'maybe' is neither yes nor no" in note


def test_the_log_says_which_way_registered_went_and_a_kind_that_drops_it(content, clock):
    """Ticking and unticking "Registered" logged the same "edited: Registered"; a card
    made a bank card lost its mark with only "Saved …" said. The entry now gives the
    new value, and the tracker says when the mark was dropped rather than unticked."""
    from tui.base.i18n import Catalog
    from tui.domain.log_words import entry_words

    tracker = _tracker(Store.in_memory(), content, clock)
    plain = replace(SHANGHAI, registered=False)
    card = tracker.add_card(plain)
    ticked = tracker.edit_card(card.id, SHANGHAI)
    unticked = tracker.edit_card(card.id, plain)
    assert not tracker.registered_dropped(ticked, unticked)  # the user unticked it
    bank = tracker.edit_card(card.id, SHANGHAI)
    bank = tracker.edit_card(card.id, replace(SHANGHAI, kind="bank", issuer="ICBC"))
    assert not bank.registered and tracker.registered_dropped(ticked, bank)
    edits = [e for e in reversed(tracker.store.log(card.id)) if e.event == "card.edited"]
    assert [e.params["now"] for e in edits] == [
        {"registered": True}, {"registered": False}, {"registered": True},
        {"registered": False},  # with the kind and the issuer, which are not yes/no
    ]
    words = {
        lang: [entry_words(e, Catalog(content.strings, lang), str) for e in edits[:2]]
        for lang in ("en", "zh-CN")
    }
    assert words["en"] == ["edited: Registered: no → yes", "edited: Registered: yes → no"]
    assert words["zh-CN"][0].endswith("记名卡：否 → 是"), words["zh-CN"]
    assert "Kind, Issuer" in entry_words(edits[-1], Catalog(content.strings, "en"), str)
