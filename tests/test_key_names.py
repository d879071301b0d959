"""Keys remapped in config.yaml (keymap) are the keys that messages and hints name, and
keep their place in the key bar."""

from __future__ import annotations

import re
import sys

import pytest
from textual.binding import Binding

from tests.helpers.pilot import settle, wait_until
from tests.test_key_bar import bar
from tui.base.i18n import Catalog
from tui.domain.tracker import Tracker
from tui.records.card_fields import CardFields
from tui.storage.store import Store
from tui.ui.key_names import DIALOG_KEYS, key_names, key_words
from tui.ui.status_line import StatusLine

SIZE = (80, 24)
KEYMAP = {
    "app.add": "n",
    "app.hotlines": "H",
    "app.due": "ctrl+d",
    "lost.search": "s",
    "steps.toggle": "enter,space",
}


def test_key_words_name_keys_as_a_message_writes_them(content):
    assert key_words("question_mark,f1") == "?"
    assert key_words("slash") == "/"
    assert key_words("ctrl+p") == "ctrl+p"
    assert key_words("L") == "L"
    assert key_words("enter,space") == "⏎"  # as the key bar draws it
    zh = Catalog(content.strings, "zh-CN")
    assert (key_words("enter", zh), key_words("space,x", zh)) == ("回车", "空格")


def test_the_dialogs_keys_named_here_are_the_dialogs_own():
    """DIALOG_KEYS repeats the defaults of bindings that live with their screens."""
    from tui.ui.attachment_screen import PathScreen
    from tui.ui.bundle_dialogs import BundleCardPicks, BundleChecklist
    from tui.ui.card_form import CardForm
    from tui.ui.checklist import Checklist
    from tui.ui.followup_screens import EvidenceScreen, MoneyScreen
    from tui.ui.hotline_screen import HotlineScreen
    from tui.ui.letter_screen import LetterPathScreen, LetterScreen
    from tui.ui.lost_wallet import LostWalletScreen
    from tui.ui.lost_wallet_pick import CardPicks, LostWalletPick

    declared = {
        b.id: b.key
        for screen in (HotlineScreen, LostWalletScreen, Checklist, CardForm, EvidenceScreen,
                       MoneyScreen, LostWalletPick, CardPicks, BundleChecklist, BundleCardPicks,
                       PathScreen, LetterScreen, LetterPathScreen)
        for b in screen.BINDINGS
        if isinstance(b, Binding) and b.id
    }
    assert {k: declared[k] for k in DIALOG_KEYS} == DIALOG_KEYS


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_every_message_that_names_a_key_names_one_that_exists(content, lang):
    names = key_names()
    catalog = Catalog(content.strings, lang)
    catalog.name_keys(names)
    for key, text in content.strings[lang].items():
        for field in re.findall(r"\{(key_\w+)\}", text):
            assert field in names, f"{lang} {key}: {{{field}}} names no key"


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_the_dialogs_hints_name_their_own_keys_as_mapped(content, lang):
    """The card form, the proof and the money dialogs each save with a key of their own
    (form.save, evidence.save, money.save: ctrl+s unless config.yaml maps another): their
    hints name that key, never `ctrl+s` as written."""
    written = {
        key: text for key, text in content.strings[lang].items() if "ctrl+s" in text.lower()
    }
    assert not written, written
    catalog = Catalog(content.strings, lang)
    mapped = {"form.save": "ctrl+w", "evidence.save": "f2", "money.save": "f3"}
    catalog.name_keys(key_names(mapped, catalog))
    assert "ctrl+w" in catalog("form.hint") and "ctrl+w" in catalog("session.draft_restored",
                                                                     signal="SIGHUP")
    assert "f2" in catalog("evidence.hint") and "f3" in catalog("money.hint")


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_no_message_names_a_remappable_key_by_its_default(content, lang):
    """The messages that named keys as letters (`h searches`, `press a`, `D shows`,
    `ctrl+p →`) name them by placeholder, in both languages."""
    said = re.compile(
        r"(按 ?|Press |press )a\b|"  # `a`, also a word: only where a key is pressed
        r"(按 ?|Press |press |; |: |· |\()([ehDrLuMtc]|ctrl\+[pl])"
        r"( (to|searches|sets|shows|adds|hides|undoes|toggles|reveal|copy|link)\b|[ :：，,)）]|$)"
    )
    wrong = {
        key: text
        for key, text in content.strings[lang].items()
        if said.search(text) and not key.startswith(("cli.", "help.", "doctor.", "palette."))
    }
    assert not wrong, wrong


async def test_messages_and_hints_name_the_remapped_keys(make_app, content, clock):
    store = Store.in_memory()
    Tracker(store, content.playbooks, clock).add_card(CardFields("Metro card", "transit", "cancel"))
    app = make_app(store, keymap=KEYMAP)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        t = app.t
        assert t("steps.no_issuer").startswith("No issuer set: H searches the directory")
        assert "n add a card" in app.query_one(StatusLine).idle
        assert "ctrl+d shows what is due" in t("due.overdue_notice", count=2)
        assert "s searches" in t("lost.suggest", names="ICBC")
        assert "Work through it: Enter checks a step" in t("steps.welcome")
        shown = bar(app)
        assert shown[0] == ("n", "Add") and shown[1] == ("e", "Edit"), shown
        assert shown.index(("H", "Hotlines")) < shown.index(("L", "Lost wallet")), shown
        await pilot.press("H")  # the remapped key does what the hint says
        await wait_until(pilot, lambda: type(app.screen).__name__ == "HotlineScreen", "hotlines")


async def test_in_chinese_the_messages_name_the_remapped_keys(make_app):
    app = make_app(lang="zh-CN", keymap=KEYMAP)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "按 H 搜索目录" in app.t("steps.no_issuer")
        assert "n 添加卡片" in app.query_one(StatusLine).idle


async def test_without_a_keymap_the_messages_name_the_default_keys(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.t("steps.no_issuer") == "No issuer set: h searches the directory, e sets one"
        assert app.query_one(StatusLine).idle == "? keys · a add a card · ctrl+p every command"


def test_a_remapped_key_in_a_real_terminal(tmux, tmp_path):
    config = tmp_path / "config"
    config.mkdir()
    (config / "config.yaml").write_text("keymap:\n  app.add: n\n  app.hotlines: H\n")
    home = tmp_path / "home"
    tmux.env.update(HOME=str(home), XDG_STATE_HOME=str(home / "state"))
    tmux.env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    tmux.start([sys.executable, "-m", "tui", "--data-dir", str(tmp_path / "data"),
                "--config-dir", str(config)])
    tmux.wait_for("No cards yet. Press n to add")
    screen = tmux.wait_for(" n Add  e Edit")  # the list's keys, once it has the focus
    assert "Press a to" not in screen
    bottom = screen.rstrip("\n").split("\n")[-1]
    assert bottom.lstrip().startswith("n Add  e Edit"), bottom
    assert bottom.index("H Hotlines") < bottom.index("L Lost wallet"), bottom

