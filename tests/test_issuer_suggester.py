"""The card form's issuer field suggests names from the directory as they are typed,
of the card's kind, within the card's region and the place typed there (上海: that
city's issuers first, another city's never); → takes the suggestion, and the card
links. A name begins with what is typed (`shang` → Shanghai Public Transportation
Card), or one of its words does (`mobile` → China Mobile); an alias or a generic
name the issuer goes by (`工行`, `社保`) shows the directory's name it stands for
after an arrow (`工行 → 中国工商银行`), which → takes. The region is asked before the
issuer, so that what a new card's region says counts while its issuer is typed."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from textual.widgets import Input, Select

from tests.helpers.pilot import settle, wait_until
from tui.domain.tracker import Tracker
from tui.records.card_fields import CardFields
from tui.storage.store import Store
from tui.ui.card_form import CardForm

SIZE = (80, 24)
ICBC_EN = "Industrial and Commercial Bank of China"


@pytest.mark.parametrize(
    ("typed", "region", "kind", "lang", "suggested"),
    [
        ("shang", "CN", "transit", "en", "Shanghai Public Transportation Card"),
        ("SHANG", "CN", "transit", "en", "Shanghai Public Transportation Card"),
        ("上海", "CN", "transit", "zh-CN", "上海公共交通卡"),
        ("上海", "CN", "social-security", "zh-CN", "上海社会保障卡"),
        ("ic", "CN", "bank", "en", "ICBC"),
        ("china m", "CN", "esim", "en", "China Mobile"),
        ("vis", "CN", "bank", "en", "Visa"),
        ("ic", "US", "bank", "en", ""),  # ICBC is not a US bank
        ("shang", "CN", "bank", "en", "Shanghai Pudong Development Bank"),  # of the kind
        ("s", "CN", "transit", "en", ""),  # one letter: too little to guess from
        ("china mobile", "CN", "esim", "en", ""),  # the name whole: nothing to add
        ("中国移动", "CN", "esim", "zh-CN", ""),
        # a short form or alias typed whole: the directory's name it stands for
        ("工行", "CN", "bank", "zh-CN", "中国工商银行"),
        ("工行", "", "bank", "zh-CN", "中国工商银行"),
        ("工行", "CN", "bank", "en", ICBC_EN),
        ("ICBC", "CN", "bank", "en", ICBC_EN),
        ("icbc", "CN", "bank", "zh-CN", "中国工商银行"),
        ("移动", "CN", "esim", "zh-CN", "中国移动"),
        ("CMB", "CN", "bank", "en", "China Merchants Bank"),  # not CMBC: CMB is a name
        ("工商", "CN", "bank", "zh-CN", "工商银行"),  # the beginning of an alias
        ("ＩＣ", "CN", "bank", "en", "ICBC"),  # full-width, from a Chinese input method
        # a word of the name, not only its beginning
        ("mobile", "CN", "esim", "en", "China Mobile"),
        ("commercial", "CN", "bank", "en", ICBC_EN),
        ("pudong", "CN", "bank", "en", "Shanghai Pudong Development Bank"),
        # only issuers of the card's kind: the bank is no eSIM's issuer
        ("ICBC", "CN", "esim", "en", ""),
        ("工行", "CN", "esim", "zh-CN", ""),
        ("社保", "CN", "transit", "zh-CN", ""),
        ("china mob", "CN", "bank", "en", ""),
    ],
)
def test_the_directory_completes_a_name_within_the_region_and_kind(
    content, typed, region, kind, lang, suggested
):
    assert content.issuers.completion(typed, region, kind, lang) == suggested


@pytest.mark.parametrize(
    ("typed", "place", "lang", "suggested"),
    [
        ("社保", "上海", "zh-CN", "上海社会保障卡"),  # the tester's: not Beijing's
        ("社保", "上海市", "zh-CN", "上海社会保障卡"),
        ("社保", "Shanghai", "zh-CN", "上海社会保障卡"),
        ("社保", "北京", "zh-CN", "北京市人力资源和社会保障局"),
        ("社保卡", "广州", "zh-CN", "广州社会保障卡"),
        ("social", "Shanghai", "en", "Shanghai social security card"),
        ("社保", "CN", "zh-CN", "人力资源和社会保障部"),  # no city: the national line
        ("社保", "", "zh-CN", "人力资源和社会保障部"),
        ("上海", "北京", "zh-CN", ""),  # another city's issuer is never suggested
        ("人社部", "上海", "zh-CN", "人力资源和社会保障部"),  # a national one still is
    ],
)
def test_a_place_typed_as_the_region_suggests_its_own_issuers(
    content, typed, place, lang, suggested
):
    issuers = content.issuers
    region = issuers.region_of(place)
    got = issuers.completion(typed, region, "social-security", lang, place=place)
    assert got == suggested


def test_a_full_width_name_links_as_typed(content):
    found = content.issuers.match("ＩＣＢＣ", "CN", "bank")
    assert found is not None and found.id == "icbc"


async def test_the_form_asks_the_region_before_the_issuer(make_app):
    app = make_app(Store.in_memory())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(app.screen, CardForm), "the form")
        ids = [w.id for w in app.screen.query("Input, Select, TextArea")]
        assert ids[:5] == ["label", "kind", "intent", "region", "issuer"], ids


async def _issuer_field(pilot) -> Input:
    """Open the edit form on the selected card and move to its issuer field."""
    await pilot.press("e")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, CardForm), "the form")
    await pilot.press("tab", "tab", "tab", "tab")  # kind, intent, region, issuer
    field = pilot.app.screen.query_one("#issuer", Input)
    assert pilot.app.focused is field
    return field


@pytest.mark.parametrize("region", ["CN", "上海"])
async def test_typing_an_issuer_suggests_the_directorys_name_and_right_takes_it(
    make_app, content, clock, region
):
    suggested = "Shanghai Public Transportation Card"
    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock, issuers=content.issuers)
    card = tracker.add_card(CardFields("Metro", "transit", "suspend", "", region))
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        field = await _issuer_field(pilot)
        await pilot.press(*"shang")
        await wait_until(pilot, lambda: field._suggestion == suggested, "the suggestion")
        await pilot.press("right")
        assert field.value == suggested
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not isinstance(app.screen, CardForm), "the save")
    saved = store.card(card.id)
    assert saved.issuer == suggested
    assert tracker.issuer_for(saved).id == "shanghai-transit-card"


async def test_the_suggestion_follows_the_region_typed_in_the_form(make_app, content, clock):
    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock, issuers=content.issuers)
    tracker.add_card(CardFields("Debit", "bank", "cancel", "", "GB"))
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        field = await _issuer_field(pilot)
        await pilot.press(*"ic")
        await settle(pilot)
        assert field._suggestion == ""  # no British bank begins so
        await pilot.press("shift+tab")  # back to the region: GB becomes CN
        region = app.screen.query_one("#region", Input)
        assert app.focused is region
        region.value = "CN"
        await pilot.press("tab", "end", "backspace", "c")  # the issuer again: "ic"
        await wait_until(pilot, lambda: field._suggestion == "ICBC", "the suggestion")


async def _new_card_issuer(pilot, kind: str, region: str) -> Input:
    """Open the add form, choose `kind`, type `region` and move to the issuer field,
    as a user adding a card does."""
    app = pilot.app
    await pilot.press("a")
    await wait_until(pilot, lambda: isinstance(app.screen, CardForm), "the form")
    await pilot.press(*"Card")
    app.screen.query_one("#kind", Select).value = kind
    await settle(pilot)
    await pilot.press("tab", "tab", "tab")  # kind, intent, region
    assert app.focused is app.screen.query_one("#region", Input)
    await pilot.press(*region)
    await pilot.press("tab")
    field = app.screen.query_one("#issuer", Input)
    assert app.focused is field
    return field


@pytest.mark.parametrize(
    ("lang", "kind", "region", "typed", "name", "linked"),
    [
        ("zh-CN", "social-security", "上海", "社保", "上海社会保障卡",
         "shanghai-social-security-card"),
        ("zh-CN", "bank", "CN", "工行", "中国工商银行", "icbc"),
        ("en", "esim", "CN", "mobile", "China Mobile", "china-mobile"),
    ],
)
async def test_a_short_form_shows_the_name_it_stands_for_and_right_takes_it(
    make_app, content, clock, lang, kind, region, typed, name, linked
):
    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock, issuers=content.issuers)
    app = make_app(store, lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        field = await _new_card_issuer(pilot, kind, region)
        await pilot.press(*typed)
        shown = f"{typed} → {name}"
        await wait_until(pilot, lambda: field._suggestion == shown, "the suggestion")
        assert field.render_line(0).text.rstrip().startswith(shown)  # as the field draws it
        await pilot.press("right")
        assert field.value == name and field.cursor_position == len(name)
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not isinstance(app.screen, CardForm), "the save")
    [card] = store.cards()
    assert card.issuer == name and tracker.issuer_for(card).id == linked


async def test_an_alias_of_another_kind_is_not_offered_for_an_esim(make_app, content, clock):
    app = make_app(Store.in_memory())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        field = await _new_card_issuer(pilot, "esim", "CN")
        await pilot.press(*"ICB")
        await settle(pilot)
        assert field._suggestion == ""
        await pilot.press("backspace", "backspace", "backspace", *"中国")
        await wait_until(pilot, lambda: field._suggestion != "", "a suggestion")
        assert field._suggestion.startswith("中国") and "银行" not in field._suggestion


@settings(max_examples=300, deadline=None)
@given(
    typed=st.text("abcimoSs 上海社保工行中国（(-ＩＣ", max_size=12),
    kind=st.sampled_from(["bank", "esim", "transit", "social-security", "other", ""]),
    place=st.sampled_from(["", "CN", "上海", "北京", "Shanghai", "GB", "火星"]),
    lang=st.sampled_from(["en", "zh-CN"]),
)
def test_whatever_is_typed_only_a_name_that_links_the_card_is_offered(
    content, typed, kind, place, lang
):
    issuers = content.issuers
    region = issuers.region_of(place)
    offered = issuers.completion(typed, region, kind, lang, place=place)
    if offered:  # a name that links a card of this kind and region to its issuer
        found = issuers.match(offered, region, kind)
        assert found is not None, (typed, offered)
        assert not kind or kind in found.kinds
