"""A few SVG snapshots of the layout, at 80x24 and 120x40, in English and Chinese.

Regenerate only on purpose: `make test PYTEST_ARGS="tests/test_snapshots.py --snapshot-update"`,
then look at the SVGs before committing them.
"""

from __future__ import annotations

import pytest
from textual.widgets import Input, TextArea

from tui.domain.tracker import Tracker
from tui.records.card_fields import CardFields
from tui.storage.store import Store

CARDS = {
    "en": [
        (CardFields("Old phone eSIM", "esim", "cancel", "China Mobile", "CN"), 3),
        (CardFields("Metro card", "transit", "cancel", "Shanghai transit", "CN"), 2),
        (CardFields("Lost debit card", "bank", "report-lost", "ICBC", "CN"), 0),
    ],
    "zh-CN": [
        (CardFields("旧手机 eSIM", "esim", "cancel", "中国移动", "CN"), 3),
        (CardFields("上海交通卡", "transit", "cancel", "上海公共交通卡", "CN"), 2),
        (CardFields("丢失的借记卡", "bank", "report-lost", "工商银行", "CN"), 0),
    ],
}


def _seeded(content, clock, lang: str) -> Store:
    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock)
    for fields, checked in CARDS[lang]:
        card = tracker.add_card(fields)
        for item in tracker.view(card.id).items[:checked]:
            tracker.toggle_step(card.id, item.step_id)
    return store


def _no_blink(pilot) -> None:
    for widget in pilot.app.screen.query("Input, TextArea"):
        if isinstance(widget, Input | TextArea):
            widget.cursor_blink = False


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_main_layout(snap_compare, make_app, content, clock, lang, size):
    app = make_app(_seeded(content, clock, lang), lang=lang)
    assert snap_compare(app, terminal_size=size)


def test_first_launch(snap_compare, make_app):
    assert snap_compare(make_app(), terminal_size=(80, 24))


def test_add_form_zh(snap_compare, make_app):
    app = make_app(lang="zh-CN")

    async def open_form(pilot):
        await pilot.press("a")
        await pilot.pause()
        _no_blink(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=open_form)
