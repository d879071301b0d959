"""Households in the app: the card form's owner and tags, the list's order (`s`) and
grouping by owner (`o`), kept in config.yaml; the filter reading owner, tags and notes;
and the header's progress per owner at 80 and 60 columns."""

from __future__ import annotations

import pytest
from textual.widgets import Input, Static

from tests.helpers.pilot import settle, wait_until
from tests.test_narrow_screen import fill, screen_lines
from tui.domain.config import load_config
from tui.domain.tracker import Tracker
from tui.records.card_fields import CardFields
from tui.records.household import TAG_MAX
from tui.storage.store import Store
from tui.ui.card_form import CardForm
from tui.ui.inventory_pane import CardTable, InventoryPane

SIZE = (80, 24)


def _household(content, clock) -> tuple[Store, dict[str, str]]:
    """Four cards of three owners, added in this order: label -> id."""
    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock)
    ids = {}
    for label, kind, owner, tags, notes in [
        ("Zed bank", "bank", "Mum", "moving", ""),
        ("Alpha transit", "transit", "", "", "refund at the kiosk"),
        ("Mid eSIM", "esim", "Dad", "2026", ""),
        ("Beta bank", "bank", "Mum", "", ""),
    ]:
        fields = CardFields(label, kind, "cancel", owner=owner, tags=tags, notes=notes)
        ids[label] = tracker.add_card(fields).id
    first = tracker.view(ids["Mid eSIM"]).items[0].step_id
    tracker.toggle_step(ids["Mid eSIM"], first)  # in progress: first by status
    return store, ids


def _labels(app, ids: dict[str, str]) -> list[str]:
    """The list's rows: a card's label, or the heading's text."""
    by_id = {card_id: label for label, card_id in ids.items()}
    table = app.query_one(CardTable)
    return [
        by_id.get(key) or table.get_row_at(number)[0].plain
        for number, key in enumerate(table.keys_shown)
    ]


async def test_the_form_edits_owner_and_tags_and_keeps_what_was_typed_on_a_bad_tag(make_app):
    store = Store.in_memory()
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("a", *"Mum's card")
        form = app.screen
        assert isinstance(form, CardForm)
        form.set_focus(form.query_one("#owner", Input))
        await pilot.press(*"Mum", "tab", *"moving", "space", *("x" * (TAG_MAX + 1)))
        await pilot.press("ctrl+s")
        await settle(pilot)
        error = form.query_one("#form-error", Static)
        assert app.screen is form and error.has_class("visible")
        said = str(error.render())
        assert app.t("field.tags") in said and str(TAG_MAX) in said
        assert app.focused is form.query_one("#tags", Input)  # at the field it is about
        rows = list(form.query_one(".form-box").children)
        tags_row = form.query_one("#tags").parent
        assert rows.index(error) == rows.index(tags_row) + 1  # right under it
        assert form.query_one("#owner", Input).value == "Mum"  # nothing typed is lost
        assert form.query_one("#tags", Input).value == "moving " + "x" * (TAG_MAX + 1)
        assert store.cards() == []
        await pilot.press(*["backspace"] * (TAG_MAX + 1), *"2026", "ctrl+s")
        await settle(pilot)
        [card] = store.cards()
        assert (card.label, card.owner, card.tags) == ("Mum's card", "Mum", ("moving", "2026"))
        await pilot.press("e")
        await settle(pilot)
        assert app.screen.query_one("#owner", Input).value == "Mum"
        assert app.screen.query_one("#tags", Input).value == "moving, 2026"


async def test_s_cycles_the_order_which_is_kept_in_config(make_app, content, clock, tmp_path):
    store, ids = _household(content, clock)
    config = tmp_path / "config.yaml"
    config.write_text("# mine\nabroad: false\n", encoding="utf-8")
    app = make_app(store, config_file=config)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        added = ["Zed bank", "Alpha transit", "Mid eSIM", "Beta bank"]
        assert _labels(app, ids) == added
        expected = {
            "status": ["Mid eSIM", "Alpha transit", "Beta bank", "Zed bank"],
            "due": ["Alpha transit", "Beta bank", "Mid eSIM", "Zed bank"],
            "issuer": ["Alpha transit", "Beta bank", "Mid eSIM", "Zed bank"],
            "owner": ["Alpha transit", "Mid eSIM", "Beta bank", "Zed bank"],
            "label": ["Alpha transit", "Beta bank", "Mid eSIM", "Zed bank"],
            "none": added,
        }
        selected = app.selected_id
        for order, labels in expected.items():
            await pilot.press("s")
            await settle(pilot)
            assert _labels(app, ids) == labels, order
            assert app.selected_id == selected  # the selected card stays selected
            subtitle = str(app.query_one(InventoryPane).border_subtitle)
            assert (app.t(f"order.{order}") in subtitle) == (order != "none"), subtitle
            await wait_until(pilot, lambda o=order: load_config(config).sort == o, "saved")
        await pilot.press("s")
        await settle(pilot)
        await wait_until(pilot, lambda: load_config(config).sort == "status", "saved")
    text = config.read_text(encoding="utf-8")
    assert text.startswith("# mine\nabroad: false\n") and "sort: status" in text
    again = make_app(store, list_order=(load_config(config).sort, False))
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert _labels(again, ids) == expected["status"]


async def test_a_step_checked_does_not_move_its_card_in_a_sorted_list(make_app, content, clock):
    store, ids = _household(content, clock)
    app = make_app(store, list_order=("status", False))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("G")  # Zed bank, not started, last by status
        await settle(pilot)
        assert app.selected_id == ids["Zed bank"]
        before = _labels(app, ids)
        await pilot.press("enter", "space")  # to its steps, check the first
        await settle(pilot)
        assert app.tracker.view(ids["Zed bank"]).done_count == 1
        assert _labels(app, ids) == before and app.selected_id == ids["Zed bank"]


async def test_o_groups_by_owner_and_the_cursor_passes_over_the_headings(
    make_app, content, clock, tmp_path
):
    store, ids = _household(content, clock)
    config = tmp_path / "config.yaml"
    app = make_app(store, config_file=config, list_order=("label", False))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        me, dad, mum = (
            app.t("order.heading", owner=app.t("owner.me"), count=1),
            app.t("order.heading", owner="Dad", count=1),
            app.t("order.heading", owner="Mum", count=2),
        )
        assert _labels(app, ids) == [
            me, "Alpha transit", dad, "Mid eSIM", mum, "Beta bank", "Zed bank"
        ]
        await wait_until(pilot, lambda: load_config(config).group == "owner", "saved")
        table = app.query_one(CardTable)
        await pilot.press("g")
        assert (table.cursor_row, app.selected_id) == (1, ids["Alpha transit"])
        seen = [app.selected_id]
        for _ in range(4):
            await pilot.press("j")
            seen.append(app.selected_id)
        labels = ["Alpha transit", "Mid eSIM", "Beta bank", "Zed bank", "Zed bank"]
        assert seen == [ids[label] for label in labels]  # never a heading, never None
        for _ in range(4):
            await pilot.press("k")
        assert (table.cursor_row, app.selected_id) == (1, ids["Alpha transit"])
        assert table.scroll_y == 0  # the first heading stays in view
        await pilot.press("/", *"mum")  # a filter keeps the headings of what it shows
        await settle(pilot)
        assert _labels(app, ids) == [mum, "Beta bank", "Zed bank"]
        assert app.selected_id == ids["Beta bank"]
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        assert _labels(app, ids) == ["Alpha transit", "Beta bank", "Mid eSIM", "Zed bank"]
        await wait_until(pilot, lambda: load_config(config).group == "none", "saved")


@pytest.mark.parametrize(
    ("query", "shown"),
    [
        ("mum", ["Zed bank", "Beta bank"]),  # owner
        ("moving", ["Zed bank"]),  # a tag
        ("2026", ["Mid eSIM"]),
        ("kiosk", ["Alpha transit"]),  # notes
        ("me", ["Alpha transit"]),  # the user's own, in the screen's words
        ("bank mum", ["Zed bank", "Beta bank"]),  # every word, in any field
    ],
)
async def test_the_filter_reads_owner_tags_and_notes(make_app, content, clock, query, shown):
    store, ids = _household(content, clock)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("/", *[c if c != " " else "space" for c in query])
        await settle(pilot)
        assert _labels(app, ids) == shown


async def test_the_filter_reads_me_in_chinese(make_app, content, clock):
    store, ids = _household(content, clock)
    app = make_app(store, lang="zh-CN")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("/", "我")
        await settle(pilot)
        assert _labels(app, ids) == ["Alpha transit"]


def _two_owners(content, clock, money: bool) -> Store:
    """The five cards of test_narrow_screen (with their money, or without), two of
    them Mum's."""
    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock)
    fill(tracker, "en")
    for view in tracker.views()[:2]:
        fields = view.card.fields()
        tracker.edit_card(view.card.id, CardFields(**{**fields.__dict__, "owner": "Mum"}))
    if not money:
        for view in tracker.views():
            tracker.set_money(view.card.id, "", "", "")
    return store


@pytest.mark.parametrize("width", [80, 60])
@pytest.mark.parametrize("money", [False, True])
async def test_the_header_shows_progress_per_owner_and_gives_way_whole(
    make_app, content, clock, width, money
):
    store = _two_owners(content, clock, money)
    app = make_app(store)
    async with app.run_test(size=(width, 24)) as pilot:
        await settle(pilot)
        header = screen_lines(app)[0]
        totals = app._totals
        assert totals.by_owner == [("", 0, 3), ("Mum", 0, 2)]
        owners = "me 0/3 · Mum 0/2"
        figures = [f"{totals.cards_done}/{totals.cards}", f"{totals.steps_done}/{totals.steps}"]
        for figure in figures:
            assert figure in header, header
        assert "…" not in header, header  # nothing cut
        if money:
            assert "CN¥107.50" in header, header
        words = app.t(
            "app.overview", done=totals.cards_done, cards=totals.cards,
            steps_done=totals.steps_done, steps=totals.steps,
        )
        if owners in header:  # only beside every word: the owners give way first
            assert words in header, header
        else:  # given way, whole
            assert "Mum" not in header, header
        if width == 80 and not money:  # room for every word and the owners
            assert owners in header, header


async def test_one_owner_shows_no_progress_per_owner(make_app, content, clock):
    store = Store.in_memory()
    fill(Tracker(store, content.playbooks, clock), "en")
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "me 0/" not in screen_lines(app)[0]


def _fifteen_cards(content, clock) -> Store:
    """Fifteen cards of three owners: twelve the user's, one Grandma Wang's, two Mum's."""
    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock)
    owners = [""] * 12 + ["Grandma Wang", "Mum", "Mum"]
    for number, owner in enumerate(owners):
        tracker.add_card(CardFields(f"Card {number}", "bank", "cancel", owner=owner))
    return store


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
async def test_the_owners_progress_gives_way_before_the_words(make_app, content, clock, lang):
    store = _fifteen_cards(content, clock)
    app = make_app(store, lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        header = screen_lines(app)[0]
        t = app.t
        totals = app._totals
        counts = dict(
            done=totals.cards_done, cards=totals.cards,
            steps_done=totals.steps_done, steps=totals.steps,
        )
        words = t("app.overview", **counts)
        grandma = t("owner.progress", owner="Grandma Wang", done=0, cards=1)
        # the README: the counts per owner give way first, then the words
        assert words in header, header
        if grandma in header:  # room for both
            assert t("owner.progress", owner=t("owner.me"), done=0, cards=12) in header
        assert "…" not in header, header
        if lang == "en":  # as the tester saw it: 80 columns drop the owners, whole
            assert grandma not in header and "Mum" not in header, header


async def test_a_fields_error_goes_when_the_field_changes(make_app):
    store = Store.in_memory()
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("a", *"Mum's card")
        form = app.screen
        form.set_focus(form.query_one("#tags", Input))
        await pilot.press(*("averyvery" * 3), "ctrl+s")
        error = form.query_one("#form-error", Static)
        await wait_until(pilot, lambda: error.has_class("visible"), "the tag's error")
        assert "averyvery" in str(error.render())
        await pilot.press("backspace")  # another field's change would leave it
        await wait_until(pilot, lambda: not error.has_class("visible"), "the error gone")
        assert store.cards() == []  # nothing saved meanwhile
        await pilot.press(*"x" * 9, "ctrl+s")  # too long again: said again
        await wait_until(pilot, lambda: error.has_class("visible"), "the tag's error again")
        form.set_focus(form.query_one("#owner", Input))
        await pilot.press(*"Mum")
        await settle(pilot)
        assert error.has_class("visible")  # about the tags, which did not change
