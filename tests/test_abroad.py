"""Where the user is: `abroad: true` in config.yaml, and `a` in the lost-wallet list,
change which number is offered first (tui.domain.hotline_choice)."""

from __future__ import annotations

from textual.widgets import OptionList, Static

from tests.helpers.pilot import issuer_line, settle
from tui.domain.config import load_config
from tui.domain.tracker import Tracker
from tui.records.card_fields import CardFields
from tui.storage.store import Store

SIZE = (100, 30)


def test_config_says_abroad_and_a_bad_value_is_reported(tmp_path):
    path = tmp_path / "config.yaml"
    path.write_text("abroad: true\n", encoding="utf-8")
    assert load_config(path).abroad is True
    path.write_text("abroad: maybe\n", encoding="utf-8")
    config = load_config(path)
    assert config.abroad is False and "abroad must be true or false" in config.problems[0]
    assert load_config(tmp_path / "none.yaml").abroad is False


def _rows(screen) -> list[str]:
    listing = screen.query_one(OptionList)
    return [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]


async def test_a_in_the_lost_wallet_list_puts_lines_for_abroad_first(make_app, content, clock):
    from tui.ui.lost_wallet import LostWalletScreen

    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock, issuers=content.issuers)
    tracker.add_card(CardFields("Debit", "bank", "cancel", "工行", "CN", carried=True))
    tracker.add_card(CardFields("Phone", "esim", "cancel", "EE", "UK", carried=True))
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("L", "enter", "y")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, LostWalletScreen)
        debit, phone = _rows(screen)
        assert "☎ 95588 (report lost)" in debit  # at home: the short code
        assert "150 " not in phone and "+44 7953 966250" in phone  # never the lost SIM's 150
        assert "at home" in str(screen.query_one("#lost-abroad", Static).render())
        await pilot.press("a")
        await settle(pilot)
        assert app.abroad
        debit, phone = _rows(screen)
        assert "☎ 95588 (" not in debit and "from abroad" in debit  # +86 10 95588
        assert "abroad" in str(screen.query_one("#lost-abroad", Static).render())
        await pilot.press("escape")
        await settle(pilot)
        # the steps pane follows: the selected card's line is the one for abroad
        line = issuer_line(app)
        assert "☎ 95588" not in line


async def test_config_abroad_starts_the_app_abroad(make_app, content, clock):
    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock, issuers=content.issuers)
    tracker.add_card(CardFields("Debit", "bank", "report-lost", "工行", "CN"))
    app = make_app(store, abroad=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        line = issuer_line(app)
        assert "☎ 95588 (" not in line and "from abroad" in line, line
    home = make_app(store)
    async with home.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "☎ 95588 (" in issuer_line(home)


async def test_a_generic_name_is_suggested_and_linked_only_when_confirmed(make_app, content, clock):
    from tui.ui.hotline_screen import HotlineScreen

    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock, issuers=content.issuers)
    card = tracker.add_card(CardFields("Transit", "transit", "cancel", "交通卡", "上海"))
    assert tracker.issuer_for(card) is None  # a generic name links to nothing by itself
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "Did you mean" in issuer_line(app)
        await pilot.press("h")
        await settle(pilot)
        assert isinstance(app.screen, HotlineScreen)
        query = app.screen.query_one("#hotline-query")
        assert query.value == "交通卡"
        query.value = ""
        await pilot.press(*"shanghai")
        await settle(pilot)
        await pilot.press("ctrl+l")
        await settle(pilot)
        assert not isinstance(app.screen, HotlineScreen)
    linked = tracker.issuer_for(store.card(card.id))
    assert linked is not None and linked.id == "shanghai-transit-card"
    entry = [e for e in store.log(card.id) if e.event == "card.issuer_linked"][-1]
    assert entry.params["was"] == "交通卡"


async def test_the_lost_wallet_suggests_for_a_generic_name(make_app, content, clock):
    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock, issuers=content.issuers)
    tracker.add_card(CardFields("Transit", "transit", "cancel", "交通卡", "上海", carried=True))
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("L", "enter", "y")
        await settle(pilot)
        [row] = _rows(app.screen)
        assert "perhaps Shanghai Public Transportation Card" in row, row


async def test_the_steps_pane_marks_an_issuer_of_your_own(make_app, clock, tmp_path):
    from tui.base.paths import content_dir
    from tui.library.content import load_content

    folder = tmp_path / "issuers"
    folder.mkdir()
    (folder / "mine.yaml").write_text(
        "issuers:\n"
        "  - id: icbc\n"
        "    name: {en: ICBC (mine), zh-CN: 工行（我的）}\n"
        "    region: CN\n"
        "    kinds: [bank]\n"
        "    hotlines:\n"
        "      - {number: '95588', purpose: report-lost, verified: false}\n",
        encoding="utf-8",
    )
    mine = load_content(content_dir(), tmp_path)
    assert not mine.errors
    store = Store.in_memory()
    tracker = Tracker(store, mine.playbooks, clock, issuers=mine.issuers)
    tracker.add_card(CardFields("Debit", "bank", "report-lost", "ICBC (mine)", "CN", carried=True))
    app = make_app(store, content=mine)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        line = issuer_line(app)
        assert line.startswith("ICBC (mine) (yours) ☎ 95588"), line
        await pilot.press("L", "enter")
        await settle(pilot)
        [row] = _rows(app.screen)
        assert "ICBC (mine) (yours)" in row, row


def test_due_follows_abroad_and_says_when_nothing_works_from_there(tmp_path):
    import dataclasses
    import datetime as dt

    from tests.conftest import run_cli
    from tui.records.model import Card
    from tui.storage.store import DB_FILENAME

    data = tmp_path / "data"
    store = Store.open(data / DB_FILENAME)
    now = dt.datetime(2026, 11, 1, 9, 0, tzinfo=dt.UTC)
    for fields in (
        CardFields("Debit", "bank", "report-lost", "工行", "CN"),
        CardFields("Phone", "esim", "report-lost", "Telstra", "AU"),
    ):
        card = Card.create(fields, now)
        store.save_card(dataclasses.replace(card, follow_up="2026-01-01"))
    store.close()
    home = run_cli("due", data=data, config=tmp_path).stdout
    assert "call 95588" in home
    (tmp_path / "config.yaml").write_text("abroad: true\n", encoding="utf-8")
    abroad = run_cli("due", data=data, config=tmp_path)
    # the app's words: who can dial it, and that a third party's page gives it
    assert "call +86 10 95588 (report lost) · from abroad ⚠ unverified" in abroad.stdout
    telstra = next(line for line in abroad.stdout.splitlines() if "Phone" in line)
    assert "no sourced number works from here" in telstra
    assert "✗ works only within Australia, and you are abroad" in telstra
    (tmp_path / "config.yaml").write_text("abroad: yes\n", encoding="utf-8")
    broken = run_cli("due", data=data, config=tmp_path)
    assert "abroad must be true or false" in broken.stderr and "call 95588" in broken.stdout


async def test_the_lost_wallet_lists_move_with_j_and_k(make_app, content, clock):
    from textual.widgets import SelectionList

    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock, issuers=content.issuers)
    for label in ("One", "Two", "Three"):
        tracker.add_card(CardFields(label, "bank", "cancel", "工行", "CN", carried=True))
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("L")
        await settle(pilot)
        picks = app.screen.query_one(SelectionList)
        await pilot.press("j", "j")
        assert picks.highlighted == 2
        await pilot.press("g")
        assert picks.highlighted == 0
        await pilot.press("enter", "y")
        await settle(pilot)
        calls = app.screen.query_one(OptionList)
        await pilot.press("G")
        assert calls.highlighted == 2
        await pilot.press("k")
        assert calls.highlighted == 1
