"""Keys remapped in config.yaml (keymap) are the keys that messages and hints name, and
keep their place in the key bar."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from textual.binding import Binding

from tests.helpers.pilot import settle, wait_until
from tests.test_key_bar import bar
from tui.base.i18n import Catalog
from tui.domain.tracker import Tracker
from tui.records.card_fields import CardFields
from tui.storage.store import Store
from tui.ui.key_names import DIALOG_KEYS, key_name, key_names, key_words
from tui.ui.status_line import StatusLine
from tui.ui.steady_footer import SteadyFooter

SIZE = (80, 24)
KEYMAP = {
    "app.add": "N",
    "app.hotlines": "H",
    "app.due": "ctrl+d",
    "lost.search": "s",
    "steps.toggle": "enter,space",
}


def test_key_words_name_keys_as_a_message_writes_them(content):
    assert key_words("question_mark,f1") == "?"
    assert key_words("slash") == "/"
    assert key_words("ctrl+p") == "^p"  # as the key bar draws it
    assert key_words("L") == "L"
    assert key_words("enter,space") == "⏎"  # without a catalog: as Textual draws it
    zh = Catalog(content.strings, "zh-CN")
    assert (key_words("enter", zh), key_words("space,x", zh)) == ("回车", "空格")


def test_the_dialogs_keys_named_here_are_the_dialogs_own():
    """DIALOG_KEYS repeats the defaults of bindings that live with their screens."""
    from tui.ui.app import CardoffApp
    from tui.ui.attachment_screen import PathScreen
    from tui.ui.bundle_dialogs import BundleCardPicks, BundleChecklist
    from tui.ui.card_form import CardForm
    from tui.ui.checklist import Checklist
    from tui.ui.damaged_screen import DamagedScreen
    from tui.ui.dialogs import ConfirmDialog, NotCopiedDialog, StepDetailScreen
    from tui.ui.filter_input import FilterInput
    from tui.ui.followup_screens import EvidenceScreen, MoneyScreen
    from tui.ui.help_screen import HelpScreen
    from tui.ui.hotline_screen import HotlineScreen
    from tui.ui.letter_screen import LetterPathScreen, LetterScreen
    from tui.ui.lost_wallet import LostWalletScreen
    from tui.ui.lost_wallet_pick import CardPicks, LostWalletPick
    from tui.ui.messages_screen import MessagesScreen
    from tui.ui.reference_dialog import ReferenceScreen
    from tui.ui.secrets_screens import PassphraseScreen

    declared = {
        b.id: b.key
        for screen in (HotlineScreen, LostWalletScreen, Checklist, CardForm, EvidenceScreen,
                       MoneyScreen, LostWalletPick, CardPicks, BundleChecklist, BundleCardPicks,
                       PathScreen, LetterScreen, LetterPathScreen, CardoffApp, FilterInput,
                       StepDetailScreen, HelpScreen, MessagesScreen, DamagedScreen,
                       NotCopiedDialog, PassphraseScreen, ReferenceScreen, ConfirmDialog)
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
    assert "^w" in catalog("form.hint") and "^w" in catalog("session.draft_restored",
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
        assert "N add a card" in app.query_one(StatusLine).idle
        assert "^d shows what is due" in t("due.overdue_notice", count=2)
        assert "s searches" in t("lost.suggest", names="ICBC")
        assert "Work through it: Enter checks a step" in t("steps.welcome")
        shown = bar(app)
        assert shown[0] == ("N", "Add") and shown[1] == ("e", "Edit"), shown
        assert shown.index(("H", "Hotlines")) < shown.index(("L", "Lost wallet")), shown
        await pilot.press("H")  # the remapped key does what the hint says
        await wait_until(pilot, lambda: type(app.screen).__name__ == "HotlineScreen", "hotlines")


async def test_in_chinese_the_messages_name_the_remapped_keys(make_app):
    app = make_app(lang="zh-CN", keymap=KEYMAP)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "按 H 搜索目录" in app.t("steps.no_issuer")
        assert "N 添加卡片" in app.query_one(StatusLine).idle


async def test_without_a_keymap_the_messages_name_the_default_keys(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.t("steps.no_issuer") == "No issuer set: h searches the directory, e sets one"
        assert app.query_one(StatusLine).idle == "? keys · a add a card · ^p every command"


def test_a_remapped_key_in_a_real_terminal(tmux, tmp_path):
    config = tmp_path / "config"
    config.mkdir()
    (config / "config.yaml").write_text("keymap:\n  app.add: N\n  app.hotlines: H\n")
    home = tmp_path / "home"
    tmux.env.update(HOME=str(home), XDG_STATE_HOME=str(home / "state"))
    tmux.env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    tmux.start([sys.executable, "-m", "tui", "--data-dir", str(tmp_path / "data"),
                "--config-dir", str(config)])
    tmux.wait_for("No cards yet. Press N to add")
    screen = tmux.wait_for(" N Add  e Edit")  # the list's keys, once it has the focus
    assert "Press a to" not in screen
    bottom = screen.rstrip("\n").split("\n")[-1]
    assert bottom.lstrip().startswith("N Add  e Edit"), bottom
    assert bottom.index("H Hotlines") < bottom.index("L Lost wallet"), bottom



# one name per key: the key bar, the key panel, the help, the palette and every message

NAMED_ELSEWHERE = {"en": {"escape": "Esc", "enter": "Enter", "tab": "Tab", "space": "space"},
                   "zh-CN": {"escape": "Esc", "enter": "回车", "tab": "Tab", "space": "空格"}}


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
async def test_a_key_has_one_name_in_the_key_bar_the_help_and_the_messages(make_app, lang):
    """The key bar said `esc`, the help `escape` and `esc`, the hints `Escape` (`Esc` in
    Chinese) for the same key: each key is named by one function (key_names.key_words),
    from the catalog's words, wherever it shows."""
    app = make_app(lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        t = app.t
        for key, name in NAMED_ELSEWHERE[lang].items():
            assert key_words(key, t) == name
        for key in ("escape", "enter", "tab", "space", "shift+tab", "ctrl+s", "ctrl+q", "up",
                    "pagedown", "question_mark", "f1", "home"):
            assert app.get_key_display(Binding(key, "x")) == key_words(key, t), key
        await pilot.press("a")  # the card form: its hint and its key bar name Esc alike
        await settle(pilot)
        escape = key_words("escape", t)
        [footer] = app.screen.query(SteadyFooter)
        shown = [(display, words) for _key, display, words, *_ in footer.row.wanted[0]]
        assert (escape, t("key.form.cancel")) in shown, shown
        assert escape in t("form.hint") and key_words("enter", t) in t("form.hint")


# a key's name written into a message instead of coming from the key it names (its
# binding's `{key_<id>}`, or `{key_name_<key>}` for a key no binding of ours holds)
WRITTEN_KEY = {
    "en": re.compile(
        r"(?<![\w-])(Esc|Escape|escape|esc|Enter|Return|Tab|tab|space|Space|ctrl\+\w|PgUp|PgDn"
        r"|pageup|pagedown|⏎|↑|↓|j/k)(?![\w-])"
    ),
    "zh-CN": re.compile(
        r"(?<![A-Za-z{])(Esc|Escape|escape|esc|Enter|enter|Tab|tab|ctrl\+\w|PgUp|PgDn|⏎|↑|↓|j/k)"
        r"(?![A-Za-z}])|(回车|空格键|按空格)"
    ),
}
# sections of words that are not the app's own keys: the command line, the checks,
# CSV words, Textual's key words, config.yaml's syntax; the names themselves
NOT_KEYS = ("cli.", "doctor.", "csv_import.", "argparse.", "config_problem.", "textual_key.",
            "key_name.", "serve.")


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_no_message_writes_a_keys_name_itself(content, lang):
    written = {
        key: text
        for key, text in content.strings[lang].items()
        if not key.startswith(NOT_KEYS)
        and WRITTEN_KEY[lang].search(str(text).replace("some space", "").replace("to enter", ""))
    }
    assert not written, written


async def test_the_help_names_each_key_as_mapped_and_as_the_key_bar_does(make_app):
    """The help's `Moving around` wrote `tab / shift+tab`, `escape`, `↑ ↓ pageup pagedown`
    and `home / end` as text: they are the bindings' keys as mapped now."""
    from tui.ui.help_screen import HelpScreen

    keymap = {"app.next_pane": "f6", "hotline.next": "ctrl+n", "hotline.first": "f7"}
    app = make_app(keymap=keymap)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen), "the help")
        cells = [keys for _title, rows in app.screen.sections for keys, _words in rows]
        for written in ("escape", "esc", "pageup", "pagedown", "tab", "⏎", "ctrl+q"):
            assert not any(written in cell.split(" ") for cell in cells), (written, cells)
        moving = dict(app.screen.sections[-1][1])
        assert any(cell.startswith("f6 / ") for cell in moving), moving
        assert any("^n" in cell.split(" ") for cell in moving), moving
        assert any(cell.startswith("f7 / ") for cell in moving), moving
        assert "Esc" in moving and "^q" in moving, moving


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
async def test_the_hotline_hint_names_its_moving_keys_as_mapped(make_app, lang):
    """The hotline search's hint wrote `↑↓ PgUp PgDn`, stale once a key is remapped: it
    names the screen's own bindings, as mapped, as the key bar does."""
    from tui.ui.hotline_screen import HotlineScreen

    keymap = {"hotline.next": "ctrl+n", "hotline.previous": "ctrl+b",
              "hotline.page_down": "ctrl+f", "hotline.page_up": "ctrl+u"}
    for mapped in ({}, keymap):
        app = make_app(lang=lang, keymap=mapped)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("h")
            await wait_until(
                pilot, lambda app=app: isinstance(app.screen, HotlineScreen), "hotlines"
            )
            await pilot.press(*"visa")  # a search: its first result chosen, the usual hint
            await settle(pilot)
            hint = str(app.screen.query_one("#hotline-hint").render())
            assert "PgUp" not in hint and "↑↓" not in hint, hint
            defaults = ("up", "down", "pageup", "pagedown")
            names = ["^b", "^n", "^u", "^f"] if mapped else [
                app.get_key_display(Binding(key, "x")) for key in defaults
            ]
            assert " ".join(names) in hint, (names, hint)
            await pilot.press("ctrl+n" if mapped else "down")  # it does what the hint says
            await settle(pilot)


# the README names keys as the app does: the spellings key_name gives, nothing else

README = Path(__file__).resolve().parents[1] / "README.md"
# a key written in another spelling than the app's (outside backticks, in prose);
# `Escape sequences` is the name of a section, not a key
OTHER_SPELLING = re.compile(
    r"(?<![`\w])(?:Escape(?!\s+sequences?)|F\d+|Home|End|PageUp|PageDown|PgUp|PgDn"
    r"|shift\+tab|[Cc]trl\+\S+|Alt\+\w+)(?![\w`])"
)
KEY_CONNECTORS = {"or", "/", "(", ")", "anywhere"}


def _readme_sections(upto: str) -> str:
    """The README up to the heading `upto`, without its fenced blocks (config.yaml,
    shell commands: written in their own syntax)."""
    text = README.read_text(encoding="utf-8").split(f"\n## {upto}\n")[0]
    return re.sub(r"```.*?```", "", text, flags=re.S)


def _app_keys() -> set[str]:
    from textual.app import App

    from tui.ui.actions import ACTIONS
    from tui.ui.app import CardoffApp
    from tui.ui.card_table import CardTable
    from tui.ui.log_pane import LogList
    from tui.ui.steps_pane import Checklist

    keys = {key for action in ACTIONS if action.keys for key in action.keys.split(",")}
    keys |= {key for value in DIALOG_KEYS.values() for key in value.split(",")}
    for cls in (App, CardoffApp, CardTable, Checklist, LogList):  # App: ctrl+q
        keys |= {key for binding in cls.BINDINGS for key in binding.key.split(",")}
    return {key.strip() for key in keys}


def test_the_readme_names_each_key_as_the_app_does(content):
    """The README said `F1`, `Home/End`, `PageUp/PageDown`, `Escape`, `ctrl+p` and
    `tab / shift+tab` where the help, the key bar and the key panel say `f1`, `home`,
    `end`, `pgup`, `pgdn`, `Esc`, `^p`, `Tab` and `shift+Tab` (key_names.key_name)."""
    t = Catalog(content.strings, "en")
    named = {key_name(key, t) for key in _app_keys()}
    text = _readme_sections("Where your data lives")
    table = text.split("\n## Keys\n")[1]
    rows = [line.split(" | ")[0].lstrip("| ") for line in table.splitlines()
            if line.startswith("| ") and not line.startswith(("| Key |", "| --- |"))]
    assert len(rows) > 20, rows
    for cell in rows:
        written = re.findall(r"`([^`]+)`", cell)
        assert written and set(written) <= named, (cell, set(written) - named)
        rest = re.sub(r"`[^`]+`", " ", cell).replace("(", " ( ").replace(")", " ) ")
        assert set(rest.split()) <= KEY_CONNECTORS, cell
    prose = _readme_sections("Command line")
    assert OTHER_SPELLING.findall(prose) == []
