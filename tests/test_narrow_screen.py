"""At 80x24 (and 60x20, 120x40) with real card names, long ones, in English and
Chinese, what matters stays on screen: the header keeps every figure (words go
first), and each card's status, due date and progress are whole (the label gives
way, with "…")."""

from __future__ import annotations

import datetime as dt

import pytest
from babel.numbers import format_currency

from tui.domain.totals import Totals
from tui.domain.tracker import Tracker
from tui.library.playbook import StepType
from tui.records.card_fields import CardFields
from tui.storage.store import Store
from tui.ui.card_table import CardTable
from tui.ui.header import AppHeader
from tui.ui.labels import status_cell

CARDS = {
    "en": (
        ("Shanghai Public Transportation Card (old, with balance)", "transit", "cancel", "CN"),
        ("ICBC debit card ending 4321 — salary account", "bank", "cancel", "CN"),
        ("Shanghai social-security card (moving away)", "social-security", "cancel", "CN"),
        ("China Mobile eSIM — keep the number 138…", "esim", "port-out", "CN"),
        ("Chase Sapphire credit card (US, travel)", "bank", "cancel", "US"),
    ),
    "zh-CN": (
        ("上海公共交通卡（旧卡，有余额，要退）", "transit", "cancel", "CN"),
        ("工商银行借记卡 尾号4321 工资卡", "bank", "cancel", "CN"),
        ("上海社保卡（搬走了）", "social-security", "cancel", "CN"),
        ("中国移动 eSIM 保留号码 138", "esim", "port-out", "CN"),
        ("美国 Chase 信用卡（旅行用）", "bank", "cancel", "US"),
    ),
}
ISSUERS = ("Shanghai transport card", "ICBC", "Shanghai HRSS Bureau", "China Mobile", "Chase")


def fill(tracker: Tracker, lang: str) -> None:
    """Five cards as a person who moved away from Shanghai has them: four waiting (one
    due today, one 10 days late, one due later), money held in two currencies."""
    ids = []
    for (label, kind, intent, region), issuer in zip(CARDS[lang], ISSUERS, strict=True):
        ids.append(tracker.add_card(CardFields(label, kind, intent, issuer, region)).id)
    for card_id in ids[:4]:
        for item in tracker.view(card_id).items:
            if item.step is not None and item.step.type == StepType.WAIT:
                break
            tracker.toggle_step(card_id, item.step_id)
    today = tracker.today()
    tracker.set_follow_up(ids[0], today)
    tracker.set_follow_up(ids[1], today - dt.timedelta(days=10))
    tracker.set_follow_up(ids[3], today + dt.timedelta(days=5))
    tracker.set_money(ids[0], "87.50", "20", "CNY")
    tracker.set_money(ids[4], "12.30", "", "USD")


def shown(amount: str, currency: str, lang: str) -> str:
    """An amount as Babel formats it for the UI language's locale (CN¥107.50, ¥107.50)."""
    return format_currency(amount, currency, locale={"en": "en_US", "zh-CN": "zh_CN"}[lang])


def screen_lines(app) -> list[str]:
    return [strip.text for strip in app.screen._compositor.render_strips()]


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
@pytest.mark.parametrize("size", [(80, 24), (60, 20), (120, 40)])
async def test_what_matters_stays_on_screen(make_app, content, clock, lang, size):
    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock)
    fill(tracker, lang)
    views = tracker.views()
    totals = Totals(views).overview
    app = make_app(store, lang=lang)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        lines = screen_lines(app)
        header = lines[0]
        # every figure of the header, whole
        for figure in (
            f"{totals.cards_done}/{totals.cards}",
            f"{totals.steps_done}/{totals.steps}",
            shown("107.50", "CNY", lang),
            shown("12.30", "USD", lang),
        ):
            assert figure in header, (figure, header)
        assert "…" not in header
        if size[0] >= 120:  # room for every word
            assert header.strip().startswith("≡")
            assert app.query_one(AppHeader).shown_form[0] == app.title
            amounts = app.t("money.separator").join(
                [shown("107.50", "CNY", lang), shown("12.30", "USD", lang)])
            assert app.t("money.owed", amounts=amounts) in header
        # every card's status (with its due date) and progress, whole, on its row
        today = tracker.today()
        rows_shown = app.query_one(CardTable).size.height - 1  # under its heading
        assert rows_shown >= 4
        for view in views[:rows_shown]:
            status = status_cell(view, today, app.t).plain
            progress = f"{view.done_count}/{view.step_count}"
            row = next((line for line in lines if status in line and progress in line), None)
            assert row is not None, (status, progress, "\n".join(lines))
        if size[0] <= 80:  # the labels gave way
            assert sum("…" in line for line in lines[3:8]) >= 3


async def test_the_header_picks_its_form_again_when_the_terminal_is_resized(
    make_app, content, clock
):
    store = Store.in_memory()
    fill(Tracker(store, content.playbooks, clock), "en")
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        header = app.query_one(AppHeader)
        await pilot.pause()
        assert header.shown_form[0] == app.title
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert header.shown_form[0] == "" and "CN¥107.50" in screen_lines(app)[0]
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert header.shown_form[0] == app.title


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
async def test_amounts_in_many_currencies_are_never_cut_in_the_header(
    make_app, content, clock, lang, size
):
    """Four currencies owed: every amount whole when they fit, else the first whole and
    how many more (the fourth was cut to `HKD 5…` at 60 columns)."""
    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock)
    owed = (("CNY", "120.50"), ("HKD", "50"), ("USD", "30"), ("EUR", "10.25"))
    for currency, amount in owed:
        card = tracker.add_card(CardFields(f"Card {currency}", "transit", "cancel"))
        tracker.set_money(card.id, amount, "", currency)
    app = make_app(store, lang=lang)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        header = screen_lines(app)[0]
        assert "…" not in header, header
        if all(shown(amount, currency, lang) in header for currency, amount in owed):
            return
        first = shown("120.50", "CNY", lang)
        assert app.t("money.owed_more", first=first, count=3) in header, header


async def test_with_many_currencies_the_header_keeps_its_words_when_they_fit(
    make_app, content, clock
):
    """Six currencies at 80 columns: not every amount fits, but the words do
    (`0/6 cards · 0/60 steps · owed CN¥120.50 +5 more`), as with one currency."""
    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock)
    for currency in ("CNY", "HKD", "USD", "EUR", "GBP", "JPY"):
        card = tracker.add_card(CardFields(f"Card {currency}", "transit", "cancel"))
        tracker.set_money(card.id, "120" if currency == "JPY" else "120.50", "", currency)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        header = screen_lines(app)[0]
        assert app.t("money.owed_short", amounts=app.t(
            "money.owed_more", first="CN¥120.50", count=5)) in header, header
