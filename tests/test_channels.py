"""Where a card's procedure is done (in person, by phone, online, in an app, by post,
with a form, by SMS): the `channels` of the issuer files' procedure rows, filled in
only from each row's own note and source, checked by the schema, and shown in words
in the steps' detail and the lost-wallet list."""

from __future__ import annotations

import pytest
from textual.widgets import OptionList

from tests.helpers.pilot import settle, wait_until
from tui.base.i18n import Catalog
from tui.base.paths import content_dir
from tui.domain.channels import channels_for, channels_text
from tui.domain.tracker import Tracker
from tui.library.content import validate_path
from tui.records.card_fields import CardFields
from tui.records.kinds import Intent
from tui.storage.store import Store
from tui.ui.lost_wallet import LostWalletScreen

SIZE = (80, 24)

ISSUERS = """\
issuers:
- id: my-carrier
  name: {{en: My Carrier}}
  region: GB
  kinds: [esim]
  procedures:
  - purpose: cancel
    channels: [{channels}]
    source: https://example.com/leave
    source_kind: issuer
    checked: '2026-11-30'
    note: {{en: Cancel in a shop.}}
"""


def test_a_channel_not_in_the_list_is_an_error(tmp_path):
    folder = tmp_path / "issuers"
    folder.mkdir()
    (folder / "mine.yaml").write_text(ISSUERS.format(channels="in-person, fax"), encoding="utf-8")
    _count, errors = validate_path(tmp_path, content_dir())
    assert len(errors) == 1 and "channels.1" in str(errors[0]) and "'fax'" in str(errors[0])
    (folder / "mine.yaml").write_text(ISSUERS.format(channels="in-person"), encoding="utf-8")
    assert validate_path(tmp_path, content_dir())[1] == []


def test_every_shipped_channel_comes_with_its_rows_source_and_note(content):
    rows = [
        (issuer.id, procedure)
        for issuer in content.issuers.issuers.values()
        for procedure in issuer.procedures
        if procedure.channels
    ]
    assert len(rows) > 50
    for issuer_id, procedure in rows:
        assert procedure.source and procedure.note.get("en"), issuer_id


def test_china_mobile_cancels_in_person_and_says_nothing_it_does_not_know(content):
    mobile = content.issuers.get("china-mobile")
    assert channels_for(mobile, Intent.CANCEL) == ("in-person",)
    assert channels_for(mobile, Intent.SUSPEND) == ()  # no row for it: nothing said
    assert channels_for(None, Intent.CANCEL) == ()
    en, zh = Catalog(content.strings, "en"), Catalog(content.strings, "zh-CN")
    assert channels_text(("in-person",), en) == "in person"
    assert channels_text(("phone", "online"), en) == "phone or online"
    assert channels_text(("online", "app", "phone"), en) == "online, app or phone"
    assert channels_text(("phone", "online"), zh) == "电话或网上"


@pytest.mark.parametrize(
    ("lang", "words"), [("en", "How: in person"), ("zh-CN", "办理方式：到场办理")]
)
async def test_the_detail_says_china_mobile_cancels_in_person(
    make_app, content, clock, lang, words
):
    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock, issuers=content.issuers)
    tracker.add_card(CardFields("Old eSIM", "esim", "cancel", "China Mobile", "CN"))
    paused = tracker.add_card(CardFields("Paused", "esim", "suspend", "China Mobile", "CN"))
    app = make_app(store, lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        detail = app.query_one("#step-detail-box")
        await wait_until(pilot, lambda: words in detail.text, words)
        await pilot.press("j")  # suspending: the issuer's rows do not say where
        await wait_until(pilot, lambda: app.selected_id == paused.id, "the next card")
        await settle(pilot)
        assert words not in detail.text


async def test_the_lost_wallet_list_says_where_each_is_reported(make_app, content, clock):
    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock, issuers=content.issuers)
    tracker.add_card(CardFields("Metro", "transit", "report-lost", "八达通", "HK"))
    tracker.add_card(CardFields("Gym card", "other", "report-lost", "Gym"))
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        app.open_lost_calls(app.tracker.views())
        await settle(pilot)
        assert isinstance(app.screen, LostWalletScreen)
        listing = app.screen.query_one(OptionList)
        rows = [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]
        [metro] = [r for r in rows if "Metro" in r]
        [gym] = [r for r in rows if "Gym card" in r]
        assert "How: online or phone" in metro  # Octopus: "online or by phone"
        assert "How:" not in gym
