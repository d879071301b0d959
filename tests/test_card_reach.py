"""Where the user is, compared with each card's region: a user living in China holds a
US Chase Visa card and an ICBC card. At home the Chase card is "from abroad" for them
(its US toll-free lines usually cannot be dialled from China); abroad, both are. The
home region is read from the user's own cards (tui.domain.home_region)."""

from __future__ import annotations

import pytest

from tests.helpers.pilot import settle, wait_until
from tui.domain.home_region import home_region
from tui.domain.hotline_choice import HOME_ONLY, OTHER_REGION, first_usable
from tui.domain.tracker import Tracker
from tui.records.card_fields import CardFields
from tui.storage.store import Store

SIZE = (80, 24)
CHASE_TOLL_FREE = ("1-800-432-3117", "1-800-935-9935")


def test_home_is_the_region_most_own_cards_are_from_a_tie_settled_by_the_language():
    assert home_region(["CN", "US", "CN"]) == "CN"
    assert home_region(["CN", "US"], "zh-CN") == "CN"
    assert home_region(["CN", "US"], "en") == ""  # not known: nothing is guessed
    assert home_region(["", "XX"]) == ""


def _wallet(content, clock, *, mobile: bool = True):
    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock, issuers=content.issuers)
    chase = tracker.add_card(
        CardFields("Chase Visa", "bank", "report-lost", "Chase", "US", network="visa"))
    icbc = tracker.add_card(CardFields("ICBC debit", "bank", "report-lost", "ICBC", "CN"))
    if mobile:
        tracker.add_card(CardFields("China Mobile", "esim", "report-lost", "China Mobile", "CN"))
    # someone else's US card does not say where the user lives
    tracker.add_card(CardFields("Mum's Citi", "bank", "report-lost", "Citi", "US", owner="Mum"))
    return store, tracker, chase, icbc


@pytest.mark.parametrize(("mobile", "lang"), [(True, "en"), (False, "zh-CN")])
def test_a_us_card_of_a_user_living_in_china_offers_no_us_toll_free_line_at_home(
    content, clock, mobile, lang
):
    _store, tracker, chase, icbc = _wallet(content, clock, mobile=mobile)
    assert tracker.home_region(lang) == "CN"
    offers = tracker.calls_for(chase, abroad=False, lang=lang)
    first = first_usable(offers)
    assert first is not None and first.hotline.number not in CHASE_TOLL_FREE
    blocked = {o.hotline.number: o.blocked for o in offers if o.issuer.id == "chase-us"}
    assert blocked["1-800-432-3117"] == OTHER_REGION and blocked["1-800-935-9935"] == OTHER_REGION
    assert blocked["1-302-594-8200"] == ""  # the line for calling from abroad is offered
    # the ICBC card is at home: 95588 first, nothing blocked
    first = first_usable(tracker.calls_for(icbc, abroad=False, lang=lang))
    assert first is not None and first.hotline.number == "95588" and first.hotline.verified


@pytest.mark.parametrize(("mobile", "lang"), [(True, "en"), (False, "zh-CN")])
def test_abroad_both_cards_offer_their_lines_for_calling_from_abroad(content, clock, mobile, lang):
    _store, tracker, chase, icbc = _wallet(content, clock, mobile=mobile)
    offers = tracker.calls_for(chase, abroad=True, lang=lang)
    blocked = {o.hotline.number: o.blocked for o in offers if o.issuer.id == "chase-us"}
    assert blocked["1-800-432-3117"] == HOME_ONLY
    assert first_usable(offers).hotline.number not in CHASE_TOLL_FREE
    offers = tracker.calls_for(icbc, abroad=True, lang=lang)
    assert first_usable(offers).hotline.number == "+86 10 95588"
    assert {o.blocked for o in offers if o.hotline.number == "95588"} == {HOME_ONLY}


def test_a_us_user_at_home_is_offered_chase_s_own_toll_free_line(content, clock):
    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock, issuers=content.issuers)
    chase = tracker.add_card(
        CardFields("Chase Visa", "bank", "report-lost", "Chase", "US", network="visa"))
    tracker.add_card(CardFields("Citi", "bank", "report-lost", "Citi", "US"))
    first = first_usable(tracker.calls_for(chase, abroad=False, lang="en"))
    assert first is not None and first.hotline.number == "1-800-432-3117"


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
async def test_the_lost_wallet_rows_follow_each_card_s_region(make_app, content, clock, lang):
    from tui.ui.lost_wallet import LostWalletScreen

    store, _tracker, _chase, _icbc = _wallet(content, clock)
    app = make_app(store, lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        views = [v for v in app.tracker.views() if v.card.label in ("Chase Visa", "ICBC debit")]
        app.open_lost_calls(views)
        await wait_until(pilot, lambda: isinstance(app.screen, LostWalletScreen), "the calls")
        await settle(pilot)
        chase, icbc = _rows(app.screen)
        assert "+1 800-432-3117" not in chase, chase
        assert "☎ 95588" in icbc, icbc
        await pilot.press("a")
        await settle(pilot)
        chase, icbc = _rows(app.screen)
        assert "+1 800-432-3117" not in chase, chase
        assert "☎ +86 10 95588" in icbc and "⚠" in icbc, icbc


def _rows(screen) -> list[str]:
    from textual.widgets import OptionList

    listing = screen.query_one(OptionList)
    return [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]


def _due_wallet(tmp_path, content):
    """The wallet above in a data file, every card's follow-up date past."""
    import dataclasses
    import datetime as dt

    from tui.records.model import Card
    from tui.storage.store import DB_FILENAME

    data = tmp_path / "data"
    store = Store.open(data / DB_FILENAME)
    now = dt.datetime(2026, 11, 1, 9, 0, tzinfo=dt.UTC)
    for fields in (
        CardFields("Chase Visa", "bank", "report-lost", "Chase", "US", network="visa"),
        CardFields("ICBC debit", "bank", "report-lost", "ICBC", "CN"),
        CardFields("China Mobile", "esim", "report-lost", "China Mobile", "CN"),
    ):
        store.save_card(dataclasses.replace(Card.create(fields, now), follow_up="2026-01-01"))
    store.close()
    return data


def _app_words(content, data, abroad: bool) -> dict[str, str]:
    """What the app's row says of each card's first number, as plain text."""
    from tui.base.i18n import Catalog
    from tui.domain.hotline_text import offer_words
    from tui.storage.store import DB_FILENAME

    t = Catalog(content.strings, "en")
    store = Store.open(data / DB_FILENAME)
    tracker = Tracker(store, content.playbooks, issuers=content.issuers)
    words = {
        card.label: offer_words(first_usable(tracker.calls_for(card, abroad, "en")), t)
        for card in store.cards()
    }
    store.close()
    return words


def test_due_says_what_the_app_says_of_each_number_at_home_and_abroad(tmp_path, content):
    from tests.conftest import run_cli_here

    data = _due_wallet(tmp_path, content)
    home = run_cli_here("--lang", "en", "due", data=data, config=tmp_path).stdout
    words = _app_words(content, data, abroad=False)
    for label, said in words.items():
        line = next(line for line in home.splitlines() if label in line)
        assert line.endswith(f"· call {said}"), (line, said)
    assert "+1 800-432-3117" not in home  # Chase's US toll-free line, from China
    (tmp_path / "config.yaml").write_text("abroad: true\n", encoding="utf-8")
    abroad = run_cli_here("--lang", "en", "due", data=data, config=tmp_path).stdout
    icbc = next(line for line in abroad.splitlines() if "ICBC" in line)
    assert "call +86 10 95588 (report lost) · from abroad ⚠ unverified" in icbc, icbc


def test_the_calendar_says_what_the_app_says_of_each_number(tmp_path, content):
    from icalendar import Calendar

    from tests.conftest import run_cli_here

    data = _due_wallet(tmp_path, content)
    (tmp_path / "config.yaml").write_text("abroad: true\n", encoding="utf-8")
    ics = run_cli_here("--lang", "en", "export", "--format", "ics", data=data, config=tmp_path)
    assert ics.returncode == 0, ics.stderr
    events = Calendar.from_ical(ics.stdout).walk("VEVENT")
    said = {str(e["summary"]): str(e["description"]) for e in events}
    icbc = next(text for summary, text in said.items() if "ICBC" in summary)
    assert "hotline: +86 10 95588 (report lost) · from abroad ⚠ unverified" in icbc, icbc


async def test_a_in_the_lost_wallet_list_is_kept_in_config(make_app, content, clock, tmp_path):
    from tui.domain.config import load_config
    from tui.ui.lost_wallet import LostWalletScreen

    store, *_ = _wallet(content, clock)
    config = tmp_path / "config.yaml"
    config.write_text("# mine\ntheme: nord\n", encoding="utf-8")
    app = make_app(store, config_file=config)
    async with app.run_test(size=SIZE) as pilot:
        app.open_lost_calls(app.tracker.views())
        await wait_until(pilot, lambda: isinstance(app.screen, LostWalletScreen), "the calls")
        await pilot.press("a")
        await wait_until(pilot, lambda: load_config(config).abroad is True, "abroad saved")
        await pilot.press("a")
        await wait_until(pilot, lambda: load_config(config).abroad is False, "at home saved")
    assert config.read_text(encoding="utf-8").startswith("# mine\ntheme: nord\n")


def test_due_says_a_network_s_line_is_the_network_s_with_its_source_and_disagreement(
    tmp_path, content
):
    """`due` said "Chase Visa (Chase) · call +1 303-967-1096": Visa's line, read as
    Chase's, with no source and not the ⚠ the app shows where sources disagree."""
    from tests.conftest import run_cli_here

    data = _due_wallet(tmp_path, content)
    for lang, whose, disagree in (("en", "the card network's line", "⚠ sources disagree"),
                                  ("zh-CN", "卡组织的热线", "⚠ ")):
        out = run_cli_here("--lang", lang, "due", data=data, config=tmp_path).stdout
        chase = next(line for line in out.splitlines() if "Chase Visa" in line)
        assert "+1 303-967-1096" in chase and whose in chase, chase
        assert "visa.com" in chase and disagree in chase, chase


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", ("+86 10 95588 (Industrial and Commercial Bank of China)",
                "(report lost) · from abroad",
                "⚠ unverified: from a third party's page (info.5y1.org")),
        ("zh-CN", ("+86 10 95588（中国工商银行）", "⚠ 未核实：来自第三方网页（info.5y1.org")),
    ],
)
async def test_the_copy_dialog_keeps_the_number_s_warning_and_source(
    make_app, content, clock, lang, words
):
    """"Copy it by hand: +86 10 95588 (ICBC)" dropped what the row said of it: a
    third party's page gives it (⚠ unverified)."""
    from tui.base.clipboard_reach import Reach
    from tui.ui.dialogs import NotCopiedDialog
    from tui.ui.lost_wallet import LostWalletScreen

    store, *_ = _wallet(content, clock)
    app = make_app(store, lang=lang, abroad=True)
    app.copy_reach = lambda: Reach(False, "screen")
    async with app.run_test(size=SIZE) as pilot:
        views = [v for v in app.tracker.views() if v.card.label == "ICBC debit"]
        app.open_lost_calls(views)
        await wait_until(pilot, lambda: isinstance(app.screen, LostWalletScreen), "the calls")
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, NotCopiedDialog)
        body = str(app.screen.query_one("#not-copied-body").render())
        for word in words:
            assert word in body, body



def test_china_mobile_s_plus_86_10086_is_not_called_home_only(content):
    """`hotline "china mobile"` said "+86 10086 report lost · only within mainland China"
    beside its note "10086 dialled from abroad": its source says it works from abroad."""
    from tests.conftest import run_cli_here

    out = run_cli_here("--lang", "en", "hotline", "china mobile").stdout
    dialled = next(line for line in out.splitlines() if "+86 10086 " in line)
    assert "from abroad" in dialled and "only within" not in dialled, out


@pytest.mark.parametrize("on_disk", [False, True])
def test_own_card_regions_read_from_the_records_match_the_cards(content, clock, tmp_path, on_disk):
    """home_region runs on every card the cursor reaches: it reads the regions from the
    stored records, not by building every card; both must say the same."""
    from tui.domain.tracker import Tracker as Tracked
    from tui.records.card_fields import CardFields as Fields
    from tui.storage.store import Store as Stored

    store = Stored.open(tmp_path / "cards.json") if on_disk else Stored.in_memory()
    tracker = Tracked(store, content.playbooks, clock, issuers=content.issuers)
    for region, owner in (("CN", ""), ("US", "Mum"), ("上海", ""), ("", ""), ("US", "")):
        tracker.add_card(Fields("Card", "bank", "cancel", region=region, owner=owner))
    mum = next(c for c in store.cards() if c.owner)
    tracker.edit_card(mum.id, Fields("Card", "bank", "cancel", region="US"), {})  # now mine
    assert store.own_card_regions() == [c.region for c in store.cards() if not c.owner]
    # CN and 上海 (CN) against US and the card that is now mine (US): a tie, settled
    # only by a language that names one of them
    assert (tracker.home_region("en"), tracker.home_region("zh-CN")) == ("", "CN")


def _us_and_cn(content, clock, home: str = "") -> tuple[Tracker, object]:
    """An English reader's own cards: one from the US, one from China (a tie)."""
    tracker = Tracker(Store.in_memory(), content.playbooks, clock, issuers=content.issuers)
    tracker.home_setting = home
    chase = tracker.add_card(
        CardFields("Chase Visa", "bank", "report-lost", "Chase", "US", network="visa"))
    tracker.add_card(CardFields("ICBC debit", "bank", "report-lost", "ICBC", "CN"))
    return tracker, chase


def test_home_in_config_wins_over_the_guess_from_the_cards(content, clock):
    tracker, chase = _us_and_cn(content, clock)
    assert tracker.home_region("en") == ""  # a tie, and English names no country
    first = first_usable(tracker.calls_for(chase, abroad=False, lang="en"))
    assert first is not None and first.hotline.number == "1-800-432-3117"  # as if at home
    tracker, chase = _us_and_cn(content, clock, home="CN")
    assert tracker.home_region("en") == "CN"
    first = first_usable(tracker.calls_for(chase, abroad=False, lang="en"))
    assert first is not None and first.hotline.number not in CHASE_TOLL_FREE
    # more US cards than Chinese ones: the setting still wins
    tracker.add_card(CardFields("Citi", "bank", "report-lost", "Citi", "US"))
    assert tracker.home_region("en") == "CN"


def test_home_in_config_reaches_due_and_the_app(tmp_path, content):
    import dataclasses
    import datetime as dt
    import gc

    from tests.conftest import run_cli_here
    from tui.base.paths import Paths
    from tui.cli.open_app import build_app
    from tui.cli.parser import build_parser
    from tui.records.model import Card
    from tui.storage.store import DB_FILENAME

    data = tmp_path / "data"
    store = Store.open(data / DB_FILENAME)
    now = dt.datetime(2026, 11, 1, 9, 0, tzinfo=dt.UTC)
    for fields in (
        CardFields("Chase Visa", "bank", "report-lost", "Chase", "US", network="visa"),
        CardFields("ICBC debit", "bank", "report-lost", "ICBC", "CN"),
    ):
        store.save_card(dataclasses.replace(Card.create(fields, now), follow_up="2026-01-01"))
    store.close()
    guessed = run_cli_here("--lang", "en", "due", data=data, config=tmp_path).stdout
    assert "call +1 800-432-3117" in guessed, guessed  # no home known: Chase as at home
    (tmp_path / "config.yaml").write_text("home: CN\n", encoding="utf-8")
    result = run_cli_here("--lang", "en", "due", data=data, config=tmp_path)
    chase = next(line for line in result.stdout.splitlines() if "Chase Visa" in line)
    assert "800-432-3117" not in chase and "800-935-9935" not in chase, chase
    assert result.stderr == "", result.stderr
    args = build_parser().parse_args(["--lang", "en"])
    try:
        app, store, _mouse = build_app(args, Paths(data, tmp_path))
    finally:  # build_app freezes what exists and turns the cycle collector off
        gc.unfreeze()
        gc.enable()
    assert app.tracker.home_region("en") == "CN"
    store.close()


@pytest.mark.parametrize(("lang", "said"), [("en", "(report lost) · any phone"),
                                            ("zh-CN", "（挂失） · 任意电话可拨")])
def test_due_says_a_lost_phone_s_number_works_from_any_phone(tmp_path, content, lang, said):
    """`due` said "+86 138 0010 0186 (report lost) · from abroad" for a lost China Mobile
    eSIM of someone at home in China: its source says any phone can call it."""
    from tests.conftest import run_cli_here

    data = _due_wallet(tmp_path, content)
    out = run_cli_here("--lang", lang, "due", data=data, config=tmp_path).stdout
    phone = next(line for line in out.splitlines() if "China Mobile" in line)
    assert "+86 138 0010 0186" in phone and said in phone, phone
