"""Pilot tests: every key of the app, checked against what the store holds after."""

from __future__ import annotations

import subprocess
import sys

from textual.command import CommandPalette
from textual.widgets import Input

from tests.helpers.pilot import palette_choice, settle, wait_until
from tui.domain.tracker import Tracker
from tui.records.card_fields import CardFields
from tui.storage.store import Store
from tui.ui.card_form import CardForm
from tui.ui.dialogs import ConfirmDialog, StepDetailScreen
from tui.ui.help_screen import HelpScreen
from tui.ui.inventory_pane import CardTable
from tui.ui.log_pane import LogList
from tui.ui.steps_pane import Checklist

SIZE = (80, 24)


def seed(store: Store, content, clock, *cards: CardFields) -> list[str]:
    tracker = Tracker(store, content.playbooks, clock)
    return [tracker.add_card(fields).id for fields in cards]


ESIM = CardFields("Old eSIM", "esim", "cancel", "Carrier A", "CN")
BANK = CardFields("Debit card", "bank", "report-lost", "Bank B", "HK")
METRO = CardFields("Metro card", "transit", "cancel", "Metro C")


async def type_text(pilot, text: str) -> None:
    await pilot.press(*[c if c != " " else "space" for c in text])


def test_start_up_loads_only_what_the_first_frame_needs(tmp_path):
    """Opening the app on an existing data file imports no slow library and no dialog:
    they load when first used."""
    Store.open(tmp_path / "cardoff.json").close()
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from tui.storage.store import Store\n"
        "from tui.ui.app import create_app\n"
        f"create_app(Store.open(Path({str(tmp_path / 'cardoff.json')!r})))\n"
        "slow = ('keyring', 'phonenumbers', 'rapidfuzz', 'jsonschema', 'icalendar', 'babel',\n"
        "        'filelock', 'tui.domain.export', 'tui.domain.demo', 'tui.ui.card_form',\n"
        "        'tui.ui.dialogs',\n"
        "        'tui.ui.help_screen', 'tui.ui.hotline_screen', 'tui.ui.lost_wallet',\n"
        "        'tui.ui.followup_screens', 'tui.ui.secrets_screens')\n"
        "print(sorted(m for m in sys.modules if m in slow or m.split('.')[0] in slow))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_the_first_frame_on_cards_loads_no_slow_library(tmp_path, content, clock):
    """Drawn on cards in several regions, with their logs, the first frame imports no
    phone-number, search or keyring library and no dialog (Babel, for the log's dates,
    is the one that loads; YAML only when the shipped content's parse is not cached)."""
    path = tmp_path / "cardoff.json"
    store = Store.open(path)
    tracker = Tracker(store, content.playbooks, clock, issuers=content.issuers)
    for region in ("CN", "UK", "Hong Kong", "上海", "JP", ""):
        tracker.add_card(CardFields(f"Card {region}", "bank", "report-lost", "Bank", region))
    store.close()
    code = (
        "import asyncio, sys\n"
        "from pathlib import Path\n"
        "from tui.storage.store import Store\n"
        "from tui.ui.app import create_app\n"
        f"app = create_app(Store.open(Path({str(path)!r})))\n"
        "async def first_frame():\n"
        "    async with app.run_test(size=(80, 24)) as pilot:\n"
        "        await pilot.pause()\n"
        "        assert app.inventory.table.row_count == 6\n"
        "asyncio.run(first_frame())\n"
        "slow = ('keyring', 'phonenumbers', 'rapidfuzz', 'jsonschema', 'icalendar',\n"
        "        'tui.domain.export', 'tui.ui.dialogs', 'tui.ui.hotline_screen',\n"
        "        'tui.ui.lost_wallet')\n"
        "print(sorted(m for m in sys.modules if m in slow or m.split('.')[0] in slow))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"


async def test_first_launch_explains_what_to_do(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        hint = app.query_one("#empty-hint")
        assert hint.display and "Press a" in str(hint.render())
        assert "Welcome" in app.query_one("#step-detail-box").text
        assert app.focused is app.query_one(CardTable)


async def test_toggle_steps_with_space_and_x(make_app, content, clock):
    store = Store.in_memory()
    [card_id] = seed(store, content, clock, ESIM)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("tab")
        assert app.focused is app.query_one(Checklist)
        await pilot.press("space", "j", "x", "j", "space")
        await pilot.pause()
        first_three = [i.step_id for i in app.steps.view.items[:3]]
        assert list(store.progress(card_id)) == first_three
        await pilot.press("k", "space")  # uncheck the second
        await pilot.pause()
        assert list(store.progress(card_id)) == [first_three[0], first_three[2]]
        assert "[x]" in str(app.query_one(Checklist).get_option_at_index(0).prompt)
    events = [e.event for e in store.log(card_id)]
    assert events[:4] == ["step.unchecked", "step.checked", "step.checked", "step.checked"]


async def test_enter_opens_step_detail_and_space_checks_there(make_app, content, clock):
    store = Store.in_memory()
    [card_id] = seed(store, content, clock, ESIM)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # on a card: go to its steps
        assert app.focused is app.query_one(Checklist)
        await pilot.press("G", "enter")
        assert isinstance(app.screen, StepDetailScreen)
        last = app.screen.item.step_id
        await pilot.press("space")
        await pilot.pause()
        assert last in store.progress(card_id)
        await pilot.press("escape")
        assert not isinstance(app.screen, StepDetailScreen)


async def test_delete_asks_and_undo_restores(make_app, content, clock):
    store = Store.in_memory()
    card_id, _ = seed(store, content, clock, ESIM, BANK)
    tracker = Tracker(store, content.playbooks, clock)
    tracker.toggle_step(card_id, tracker.view(card_id).items[0].step_id)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        assert store.card(card_id) is not None
        await pilot.press("d", "y")
        await settle(pilot)
        assert store.card(card_id) is None
        assert app.query_one(CardTable).row_count == 1
        await pilot.press("u")
        await settle(pilot)
        assert store.card(card_id) is not None and store.progress(card_id)
        assert app.selected_id == card_id
        await pilot.press("u")  # nothing left: says so, changes nothing
        await pilot.pause()
    assert [e.event for e in store.log(card_id)][:2] == ["card.restored", "card.deleted"]
    assert len(store.cards()) == 2


async def test_tab_moves_between_panes_and_jk_move_within(make_app, content, clock):
    store = Store.in_memory()
    seed(store, content, clock, ESIM, BANK, METRO)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        table = app.query_one(CardTable)
        await pilot.press("j", "j")
        assert table.cursor_row == 2 and app.selected_id == store.cards()[2].id
        await pilot.press("g")
        assert table.cursor_row == 0
        await pilot.press("G")
        assert table.cursor_row == 2
        await pilot.press("k")
        assert app.selected_id == store.cards()[1].id
        await pilot.press("tab")
        checklist = app.query_one(Checklist)
        assert app.focused is checklist
        await pilot.press("j", "j", "G")
        assert checklist.highlighted == checklist.option_count - 1
        await pilot.press("g")
        assert checklist.highlighted == 0
        await pilot.press("tab")  # the step's detail, scrollable with the keyboard
        assert app.focused is app.query_one("#step-detail-box")
        await pilot.press("tab")
        assert app.focused is app.query_one(LogList)
        await pilot.press("shift+tab", "shift+tab", "shift+tab")
        assert app.focused is table


async def test_filter_with_slash(make_app, content, clock):
    store = Store.in_memory()
    seed(store, content, clock, ESIM, BANK, METRO)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        table = app.query_one(CardTable)
        await pilot.press("slash")
        assert app.focused is app.query_one("#filter", Input)
        await type_text(pilot, "metro")
        await pilot.pause()
        assert table.row_count == 1
        assert app.selected_id == store.cards()[2].id
        await type_text(pilot, "xyz")
        await pilot.pause()
        assert table.row_count == 0 and app.query_one("#empty-hint").display
        await pilot.press("escape")
        await pilot.pause()
        assert table.row_count == 3 and app.focused is table


async def test_log_pane_shows_card_then_all_with_t(make_app, content, clock):
    store = Store.in_memory()
    seed(store, content, clock, ESIM, BANK)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        log = app.query_one(LogList)
        assert log.option_count == 1
        await pilot.press("t")
        assert log.option_count == 2
        assert "Debit card" in str(log.get_option_at_index(0).prompt)  # newest first
        await pilot.press("t")
        assert log.option_count == 1


async def test_help_lists_every_key(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = " ".join(
            f"{keys} {description}" for _, rows in app.screen.sections for keys, description in rows
        )
        for expected in ("Add", "Edit", "Delete", "Undo delete", "Filter", "Quit", "Check"):
            assert expected in text
        for key in ("space", "j", "G", "^p", "^q", "Tab"):
            assert key in text
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)


async def test_command_palette_runs_app_actions(make_app):
    store = Store.in_memory()
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await type_text(pilot, "Add card")
        await wait_until(pilot, lambda: "Add card" in palette_choice(pilot), "'Add card' found")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, CardForm), "the card form")


async def test_q_quits(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0 and not app.is_running


async def test_mouse_click_selects_a_card(make_app, content, clock):
    store = Store.in_memory()
    ids = seed(store, content, clock, ESIM, BANK, METRO)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.click(CardTable, offset=(3, 3))  # header row is 0
        await pilot.pause()
        assert app.selected_id == ids[2]


async def test_keymap_from_config_remaps_keys(make_app):
    store = Store.in_memory()
    app = make_app(store, keymap={"app.add": "N"})
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        assert not isinstance(app.screen, CardForm)
        await pilot.press("N")
        assert isinstance(app.screen, CardForm)


async def test_chinese_ui_and_labels(make_app, content, clock):
    store = Store.in_memory()
    seed(store, content, clock, CardFields("工行借记卡", "bank", "cancel", "工商银行"))
    app = make_app(store, lang="zh-CN")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.query_one("#inventory").border_title == "卡片"
        row = app.query_one(CardTable).get_row_at(0)
        assert str(row[0]) == "工行借记卡" and row[1] == "银行卡"
        assert (str(row[3]), str(row[4])) == ("电话等", "未开始")  # how: phone, or in person
        assert "注销" in app.steps.border_title


async def test_demo_is_marked_and_kept_in_memory(make_app, data_dir):
    app = make_app(demo=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "DEMO" in app.title
        assert app.query_one(CardTable).row_count >= 4
    assert list(data_dir.iterdir()) == []


async def test_messages_go_to_the_status_line(make_app, content, clock):
    from tui.ui.status_line import StatusLine

    store = Store.in_memory()
    seed(store, content, clock, ESIM)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        status = app.query_one(StatusLine)
        assert "? keys" in status.message
        await pilot.press("d", "y")
        await settle(pilot)
        assert status.message == "Deleted Old eSIM. Press u to undo."
        await pilot.press("u")
        await settle(pilot)
        assert status.message.startswith("Restored Old eSIM")
        await pilot.press("u")
        assert status.message == "Nothing to undo in this session."


async def test_broken_user_content_is_reported_and_the_rest_loads(make_app, tmp_path):
    from tui.base.paths import content_dir
    from tui.library.content import load_content
    from tui.ui.status_line import StatusLine

    (tmp_path / "playbooks").mkdir()
    (tmp_path / "playbooks" / "bad.yaml").write_text("id: [", encoding="utf-8")
    app = make_app(content=load_content(content_dir(), tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        message = app.query_one(StatusLine).message
        assert "1 problem in content files" in message and "validate" in message
        await pilot.press("a")
        assert isinstance(app.screen, CardForm)


async def test_brackets_in_a_label_are_text_not_markup(make_app, content, clock):
    """'[/]' or '[x]' typed into a label or an issuer shows as typed: read as markup,
    '[/]' stopped the app at start and '[x]' vanished."""
    store = Store.in_memory()
    seed(store, content, clock, CardFields("Visa [/] old [x]", "bank", "cancel", "[red]Bank"))
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")  # the log of all cards names the card
        await pilot.pause()
        row = app.query_one(CardTable).render_line(1).text
        assert "Visa [/] old [x]" in row and "[red]Bank" in row
        log = app.query_one(LogList)
        lines = "".join(log.render_line(y).text for y in range(log.size.height))
        assert "Visa" in lines and "[/]" in lines and "[x]" in lines
