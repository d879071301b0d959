"""The number offered for a card is one for what the card is to do (found by a tester:
a Shanghai social-security card being cancelled offered 12333, a line its sources give
for reporting the card lost). A lost-card line is no answer to a cancel, a freeze or a
replacement, any more than to a port-out: where an issuer has no line for what the
card is to do, the app says so, names what its numbers are for, and offers none (the
hotline search, `h`, still lists every one with its purpose)."""

from __future__ import annotations

import dataclasses
import json

import pytest

from tests.conftest import run_cli
from tests.helpers.pilot import settle
from tui.domain.hotline_choice import Situation, first_usable, offers_for
from tui.domain.tracker import Tracker
from tui.records.model import CardFields, Intent, Kind
from tui.storage.store import DB_FILENAME, Store

# what a number's purpose may be for each intent: a general line serves every intent
FITTING = {
    Intent.REPORT_LOST: {"report-lost", "fraud", "credit-card", "customer-service"},
    Intent.PORT_OUT: {"port-out", "customer-service"},
    Intent.CANCEL: {"customer-service", "credit-card", "prepaid"},
    Intent.SUSPEND: {"customer-service", "credit-card", "prepaid"},
    Intent.REPLACE: {"customer-service", "credit-card", "prepaid"},
}
SOCIAL_CANCEL = CardFields("Shanghai social security", "social-security", "cancel",
                           "Shanghai social security card", "CN")


@pytest.mark.parametrize("abroad", [False, True])
def test_no_kind_and_intent_is_offered_a_number_for_another_purpose(content, abroad):
    """Every issuer of the directory, for every kind it issues and every intent that
    kind has a checklist for, at home and abroad: the number offered first (and every
    number that counts as usable) is one for that intent."""
    wrong = []
    for issuer in content.issuers.issuers.values():
        for kind in map(Kind, issuer.kinds):
            for intent in content.playbooks.intents_for(kind):
                situation = Situation.for_card(kind, intent, abroad)
                offers = offers_for(content.issuers, issuer, situation, "visa", issuer.region)
                wrong += [
                    (issuer.id, kind.value, intent.value, o.hotline.number, o.hotline.purpose)
                    for o in offers
                    if o.usable and o.hotline.purpose not in FITTING[intent]
                ]
    assert not wrong, wrong[:10]


def test_the_social_security_card_being_cancelled_is_offered_no_lost_card_line(content):
    issuer = content.issuers.get("shanghai-social-security-card")
    cancel = Situation.for_card(Kind.SOCIAL_SECURITY, Intent.CANCEL)
    offers = offers_for(content.issuers, issuer, cancel)
    assert offers and first_usable(offers) is None  # every number it has is for a loss
    lost = Situation.for_card(Kind.SOCIAL_SECURITY, Intent.REPORT_LOST)
    assert first_usable(offers_for(content.issuers, issuer, lost)).hotline.number == "12333"


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", "no sourced number for this, only for report lost"),
        ("zh-CN", "没有适用于此事的有出处号码：现有号码用于挂失"),
    ],
)
async def test_the_steps_pane_says_there_is_no_number_for_a_cancel(
    make_app, content, clock, lang, words
):
    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock, issuers=content.issuers)
    card = tracker.add_card(SOCIAL_CANCEL)
    app = make_app(store, lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        app.refresh_all(select=card.id)
        await settle(pilot)
        line = app.query_one("#issuer-line")
        said = " ".join(str(line.render()).split())
        assert "12333" not in said and "☎" not in said, said
        bare = "".join(said.replace("…", "").split())  # wrapped across rows
        assert "".join(words[:24].split()) in bare, said
        lost = dataclasses.replace(SOCIAL_CANCEL, intent="report-lost")
        tracker.edit_card(card.id, lost)
        app.refresh_all(select=card.id)
        await settle(pilot)
        said = " ".join(str(app.query_one("#issuer-line").render()).split())
        assert "☎ 12333" in said, said  # reported lost, the lost-card line is the one


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", "no sourced number for this, only for report lost"),
        ("zh-CN", "没有适用于此事的有出处号码：发卡方现有号码用于挂失"),
    ],
)
def test_due_says_the_same(tmp_path, content, clock, lang, words):
    store = Store.open(tmp_path / DB_FILENAME)
    tracker = Tracker(store, content.playbooks, clock, issuers=content.issuers)
    card = tracker.add_card(SOCIAL_CANCEL)
    tracker.set_follow_up(card.id, tracker.today())
    store.close()
    config = tmp_path / "config"
    plain = run_cli("--lang", lang, "due", data=tmp_path, config=config)
    line = next(line for line in plain.stdout.splitlines() if "Shanghai social" in line)
    assert "12333" not in line and words in line, line
    doc = json.loads(run_cli("--lang", lang, "due", "--json", data=tmp_path,
                             config=config).stdout)
    assert doc["cards"][0]["call"] is None


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", "no sourced number for this, only for port out"),
        ("zh-CN", "没有适用于此事的有出处号码：现有号码用于携号转网"),
    ],
)
async def test_the_lost_wallet_list_offers_no_port_out_line_for_a_lost_phone(
    make_app, clock, tmp_path, lang, words
):
    """A carrier of the user's own whose one line is for porting a number out: the
    lost phone's row says what that line is for, and offers nothing to copy."""
    from tests.test_lost_wallet_rows import _rows
    from tui.base.paths import content_dir
    from tui.library.content import load_content

    folder = tmp_path / "issuers"
    folder.mkdir()
    (folder / "mine.yaml").write_text(
        "issuers:\n"
        "  - id: tiny-mobile\n"
        "    name: {en: Tiny Mobile, zh-CN: 小小移动}\n"
        "    region: GB\n"
        "    kinds: [esim]\n"
        "    hotlines:\n"
        "      - {number: '+44 20 7946 0000', purpose: port-out, reachable: any-phone}\n",
        encoding="utf-8",
    )
    mine = load_content(content_dir(), tmp_path)
    assert not mine.errors
    store = Store.in_memory()
    tracker = Tracker(store, mine.playbooks, clock, issuers=mine.issuers)
    tracker.add_card(CardFields("Phone", "esim", "cancel", "Tiny Mobile", "GB", carried=True))
    app = make_app(store, content=mine, lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("L", "enter", "y")
        await settle(pilot)
        [row] = _rows(app.screen)
        assert "7946" not in row and "".join(words.split()) in "".join(row.split()), row


async def test_the_call_step_says_it_whole(make_app, content, clock):
    """At 80 columns the issuer line cuts the words at its end: the call step's
    detail (Enter on the step) holds them whole, as it does a number's line."""
    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock, issuers=content.issuers)
    card = tracker.add_card(SOCIAL_CANCEL)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        app.refresh_all(select=card.id)
        await settle(pilot)
        said = app.steps.call_text.plain if app.steps.call_text else ""
        assert "only for report lost; h shows them" in said, said
