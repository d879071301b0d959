"""ID documents (national ID card, passport, driving licence, residence permit): a
card kind of their own, reported lost and then replaced, with playbooks that say
what to do and where to find the numbers (the directory holds none for them)."""

from __future__ import annotations

import re

from textual.widgets import Select

from tests.conftest import run_cli
from tests.helpers.pilot import settle
from tests.test_app import type_text
from tui.domain.tracker import Tracker
from tui.records.card_fields import CardFields
from tui.records.kinds import Intent, Kind
from tui.storage.store import Store

SIZE = (80, 24)


def _texts(playbook, lang: str) -> str:
    """Every text of a playbook in one language, joined."""
    parts = [playbook.title.get(lang), playbook.summary.get(lang)]
    for step in playbook.steps:
        parts += [step.title.get(lang), step.detail.get(lang)]
        parts += [w.get(lang) for w in step.warnings] + [n.get(lang) for n in step.needs]
    return "\n".join(p for p in parts if p)


def test_an_id_document_is_reported_lost_or_replaced_never_cancelled(content):
    assert content.playbooks.intents_for(Kind.ID_DOCUMENT) == [Intent.REPORT_LOST, Intent.REPLACE]
    for intent in (Intent.REPORT_LOST, Intent.REPLACE):
        playbook = content.playbooks.find(Kind.ID_DOCUMENT, intent, region="CN")
        assert playbook is not None and playbook.id == f"id-document-{intent.value}"
        for step in playbook.steps:  # every step in both languages
            for text in (step.title, step.detail, *step.needs, *step.warnings):
                assert text.by_lang.get("en") and text.by_lang.get("zh-CN"), (playbook.id, step.id)


def test_the_report_says_police_number_first_and_the_embassy_for_a_passport_abroad(content):
    playbook = content.playbooks.find(Kind.ID_DOCUMENT, Intent.REPORT_LOST)
    # no phone call: the lost-wallet list records the police report, the first step
    assert not [s for s in playbook.steps if s.type.value == "call"]
    report = playbook.steps[0]
    assert report.id == "police-report"
    assert "report number" in report.title.get("en")
    assert "报案编号" in report.title.get("zh-CN")
    en, zh = _texts(playbook, "en"), _texts(playbook, "zh-CN")
    assert "embassy or consulate" in en and "使领馆" in zh
    assert "lists no police numbers" in en  # says where to find one instead
    replace = _texts(content.playbooks.find(Kind.ID_DOCUMENT, Intent.REPLACE), "en")
    assert "police report" in replace and "what to bring" in replace.lower()


def test_no_number_is_made_up(content):
    """The directory has no police or passport-office numbers: the playbooks name
    none (no run of three digits in any text, in either language)."""
    for intent in (Intent.REPORT_LOST, Intent.REPLACE):
        playbook = content.playbooks.find(Kind.ID_DOCUMENT, intent)
        for lang in ("en", "zh-CN"):
            assert not re.search(r"\d{3}", _texts(playbook, lang)), (playbook.id, lang)


def test_validate_accepts_the_shipped_content(tmp_path):
    result = run_cli("validate", config=tmp_path / "config")
    assert result.returncode == 0, result.stdout + result.stderr
    assert " 0 errors" in result.stdout


def test_a_card_can_be_an_id_document(content, clock):
    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock)
    card = tracker.add_card(CardFields("Passport", "id-document", "report-lost", region="GB"))
    assert tracker.view(card.id).playbook.id == "id-document-report-lost"
    changed = tracker.edit_card(card.id, CardFields("Passport", "id-document", "replace"))
    assert tracker.view(changed.id).playbook.id == "id-document-replace"


async def test_the_form_offers_an_id_document_report_lost_and_replace(make_app):
    store = Store.in_memory()
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        await type_text(pilot, "Passport")
        await pilot.press("tab", "enter", "down", "enter")  # esim -> ID document
        assert app.screen.query_one("#kind", Select).value == "id-document"
        intent = app.screen.query_one("#intent", Select)
        assert [value for _, value in intent._options] == ["report-lost", "replace"]
        assert intent.value == "report-lost"  # cancel is not offered: the first that is
        await pilot.press("ctrl+s")
        await settle(pilot)
    [card] = store.cards()
    assert (card.kind, card.intent) == (Kind.ID_DOCUMENT, Intent.REPORT_LOST)
