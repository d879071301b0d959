"""In zh-CN nothing a user reaches from the keyboard at 80x24 shows English: not
Textual's own words (the command palette's search field and its no-match line, the
theme picker, the key panel, a drop-down's `esc Dismiss menu`), nor words of ours
written outside the catalogs (a dialog's key bar, a file's size, a reference put after
its label without a colon).

An English word is a run of 3 or more ASCII letters that is none of the names we keep:
the product's, key names as the key bar shows them, field terms (ICCID, EID, PIN, PAC),
card networks, issuers' and themes' names, config.yaml."""

from __future__ import annotations

import re

from textual.command import CommandList, CommandPalette
from textual.widgets import Select
from textual.widgets._select import SelectOverlay

from tests.helpers.pilot import lookup_answered, palette_choice, settle, wait_until
from tui.base.clipboard_reach import Reach
from tui.base.i18n import Catalog
from tui.domain.log_words import entry_words
from tui.domain.tracker import Tracker
from tui.records.attachments import size_text
from tui.records.card_fields import CardFields
from tui.records.card_networks import CARD_NETWORKS
from tui.storage.store import Store
from tui.ui.dialogs import NotCopiedDialog

SIZE = (80, 24)
KEPT = {
    # the product, and a file the user edits
    "cardoff", "tui", "config", "yaml",
    # key names, as the key bar and the help show them
    "ctrl", "alt", "esc", "enter", "tab", "shift", "super", "home", "end", "pgup", "pgdn", "del",
    "space",
    # field and card terms
    "esim", "iccid", "eid", "pin", "pac", "mms",
}  # fmt: skip
ENGLISH = re.compile(r"[A-Za-z]{3,}")
HOSTS = re.compile(r"\b[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}\b")


def screen_text(app) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def english_words(app, text: str, also: set[str] = frozenset()) -> list[str]:
    """English words of 3 letters or more in `text`, the names we keep aside (themes'
    and issuers' names among them, and `also`: what the test typed)."""
    kept = KEPT | {w.lower() for w in also} | {n.lower() for n in CARD_NETWORKS}
    for theme in app.available_themes:
        kept |= set(theme.lower().split("-"))
    text = HOSTS.sub(" ", text)  # a source's address (icbc.com.cn) is a name, not words
    return [w for w in ENGLISH.findall(text) if w.lower() not in kept]


def test_the_check_finds_english(make_app):
    app = make_app(lang="zh-CN")
    assert english_words(app, "🔎 Search for commands…") == ["Search", "for", "commands"]
    assert english_words(app, "esc 关闭菜单 · ctrl+p 命令 · ICCID · nord · Visa") == []


async def _palette(pilot) -> None:
    await pilot.press("ctrl+p")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, CommandPalette), "the palette")
    commands = pilot.app.screen.query_one(CommandList)
    await wait_until(pilot, lambda: commands.option_count > 10, "the palette's commands")
    await settle(pilot)


async def _run_from_palette(pilot, title: str) -> None:
    """Open the palette and run the command titled `title`, highlighted as moving down
    to it highlights it (the line's words are the claim, not the moves through the list)."""
    await _palette(pilot)
    commands = pilot.app.screen.query_one(CommandList)
    prompts = [str(commands.get_option_at_index(i).prompt) for i in range(commands.option_count)]
    commands.highlighted = next(i for i, p in enumerate(prompts) if p.startswith(title))
    await pilot.pause()
    assert palette_choice(pilot).startswith(title), palette_choice(pilot)
    await pilot.press("enter")
    await settle(pilot)


async def test_the_palette_the_theme_picker_and_the_key_panel_read_in_chinese(
    make_app, content, clock, timers
):
    store = Store.in_memory()
    Tracker(store, content.playbooks, clock).add_card(CardFields("借记卡", "bank", "cancel"))
    app = make_app(store, lang="zh-CN")
    t = app.t
    async with app.run_test(size=SIZE) as pilot:
        await lookup_answered(pilot)
        await _palette(pilot)
        shown = screen_text(app)
        assert t("palette.placeholder") in shown
        assert english_words(app, shown) == [], shown
        # a search that finds nothing says so, half a second after the last key
        await pilot.press(*"zzqq")
        await settle(pilot)
        await timers.advance(0.5)
        await wait_until(pilot, lambda: t("palette.no_matches") in screen_text(app), "no match")
        shown = screen_text(app)
        assert english_words(app, shown, {"zzqq"}) == [], shown
        await pilot.press("escape")
        await settle(pilot)

        # the theme picker: its own placeholder and the palette's key bar
        await _run_from_palette(pilot, t("palette.textual_theme"))
        assert isinstance(app.screen, CommandPalette)
        shown = screen_text(app)
        assert t("palette.theme_placeholder") in shown, shown
        assert t("key.commands.close") in shown.splitlines()[-1], shown
        assert english_words(app, shown) == [], shown
        await pilot.press("escape")
        await settle(pilot)

        # Textual's key panel
        await _run_from_palette(pilot, t("palette.textual_keys_show"))
        await wait_until(pilot, lambda: bool(app.screen.query("HelpPanel")), "the key panel")
        await settle(pilot)
        shown = screen_text(app)
        assert t("textual_key.quit") in shown, shown
        assert english_words(app, shown) == [], shown
        # the keys of the steps, then of the filter field (Textual's Input's)
        for keys, words in ((("tab",), "key.steps.toggle"), (("/",), "textual_key.group_input")):
            await pilot.press(*keys)
            await settle(pilot)
            await wait_until(pilot, lambda: t(words) in screen_text(app), words)  # noqa: B023
            shown = screen_text(app)
            assert english_words(app, shown) == [], shown


async def test_the_card_forms_drop_downs_read_in_chinese(make_app):
    app = make_app(lang="zh-CN")
    t = app.t
    async with app.run_test(size=SIZE) as pilot:
        await lookup_answered(pilot)
        await pilot.press("a")
        await settle(pilot)
        shown = screen_text(app)
        assert english_words(app, shown) == [], shown
        for select in ("kind", "intent"):
            app.screen.query_one(f"#{select}", Select).focus()
            await pilot.press("enter")
            overlay = app.screen.query_one(f"#{select}", Select).query_one(SelectOverlay)
            await wait_until(pilot, lambda: overlay.has_focus, "the drop-down")  # noqa: B023
            await settle(pilot)
            shown = screen_text(app)
            assert t("textual_key.dismiss") in shown.splitlines()[-1], shown
            assert english_words(app, shown) == [], shown
            await pilot.press("escape")
            await settle(pilot)


async def test_the_not_copied_dialog_reads_in_chinese(make_app, content, clock):
    store = Store.in_memory()
    fields = CardFields("Debit", "bank", "cancel", "工行", "CN", carried=True)
    Tracker(store, content.playbooks, clock).add_card(fields)
    app = make_app(store, lang="zh-CN")
    app.copy_reach = lambda: Reach(False, "screen")
    async with app.run_test(size=SIZE) as pilot:
        await lookup_answered(pilot)
        await pilot.press("L", "enter", "y")
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, NotCopiedDialog)
        shown = screen_text(app)
        assert app.t("key.not_copied.close") in shown.splitlines()[-1], shown
        # GNU screen is the terminal's name; the card's label is the user's own
        assert english_words(app, shown, {"GNU", "screen", "Debit"}) == [], shown
        assert "(" not in shown.replace("(800)", ""), shown


def test_sizes_and_references_read_in_chinese(content, clock):
    zh = Catalog(content.strings, "zh-CN")
    assert size_text(512, zh) == "512 字节"
    assert size_text(12_345, zh) == "12.3 KB"
    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock)
    card = tracker.add_card(CardFields("Debit", "bank", "cancel"))
    tracker._log(card, "attachment.added", name="slip.pdf", size="512 B", step="")
    tracker._log(card, "lost.reported", reference="PR-77")
    words = [entry_words(entry, zh, str) for entry in store.log(card.id)]
    assert any("（512 字节）" in said for said in words), words
    assert any("受理编号：PR-77" in said for said in words), words


async def test_textuals_own_messages_read_in_chinese(make_app, tmp_path):
    """ctrl+c where nothing is selected (Textual says how to quit instead), and the
    palette's Screenshot once saved."""
    from textual import events

    from tui.ui.status_line import StatusLine

    app = make_app(lang="zh-CN")
    async with app.run_test(size=SIZE) as pilot:
        await lookup_answered(pilot)
        status = app.query_one(StatusLine)
        await pilot.press("ctrl+c")
        await settle(pilot)
        said = app.t("textual_key.help_quit_said", keys="§").split("§")[0]
        await wait_until(pilot, lambda: status.message.startswith(said), "how to quit")
        path = tmp_path / "shot.svg"
        app.post_message(events.DeliveryComplete(key="k", path=path, name="screenshot"))
        said = app.t("palette.screenshot_saved", path=str(path))
        await wait_until(pilot, lambda: said in status.message, "the screenshot's message")
        assert english_words(app, status.message.replace(str(path), "")) == []


# Every binding of ours shows words from the catalogs wherever a screen lists its keys
# (the key bar, Textual's key panel): its id names `key.<id>` in both catalogs, or its
# action is one of Textual's, worded by tui/ui/textual_words.py. A binding with neither
# showed its English description (the hotline search's `Next`, `Page down`, `First`,
# the card form's `Next field`), or nothing at all (a dialog's ctrl+l).


def _our_bindings():
    import importlib
    import inspect
    import pkgutil

    from textual.binding import Binding
    from textual.dom import DOMNode

    import tui.ui

    for found in pkgutil.iter_modules(tui.ui.__path__):
        module = importlib.import_module(f"tui.ui.{found.name}")
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if not (issubclass(cls, DOMNode) and cls.__module__ == module.__name__):
                continue
            for binding in cls.__dict__.get("BINDINGS", []):
                if isinstance(binding, Binding):
                    yield cls.__name__, binding
        for binding in getattr(module, "LIST_KEYS", []):
            yield found.name, binding


def test_every_binding_of_ours_has_words_from_the_catalogs(content):
    from tui.ui.textual_words import TEXTUAL_KEYS

    catalogs = [Catalog(content.strings, lang) for lang in ("en", "zh-CN")]
    bindings = list(_our_bindings())
    assert len(bindings) > 60
    wordless = sorted(
        f"{owner}: {binding.key} {binding.action}"
        for owner, binding in bindings
        if not (binding.id and all(t.has(f"key.{binding.id}") for t in catalogs))
        and binding.action not in TEXTUAL_KEYS
    )
    assert wordless == [], wordless


KEY_BAR_WORD = re.compile(r"[A-Za-z]{2,}")
KEY_NAMES = re.compile(r"f\d{1,2}|[jkgG]/[jkgG]", re.IGNORECASE)


def key_bar_words(app, text: str) -> list[str]:
    """The ASCII words of a key bar or a key panel (two letters or more: `Up` too) that
    are not key names (esc, enter, ctrl+…, f1, j/k) or names we keep."""
    return english_words(app, KEY_NAMES.sub(" ", KEY_BAR_WORD.sub(_two_or_more, text)))


def _two_or_more(match: re.Match) -> str:
    word = match.group()
    return word if len(word) > 2 else f"{word}{word}"  # `Up` is a word: counted as one


def test_the_key_bar_check_finds_short_english_words(make_app):
    app = make_app(lang="zh-CN")
    assert key_bar_words(app, "esc 关闭  ↑ Up  ⏎ 复制号码") == ["UpUp"]
    assert key_bar_words(app, "j/k 滚动 · f1 帮助 · ctrl+l 重绘 · pgdn 下一页") == []


def _key_panel_text(app) -> str:
    table = app.screen.query_one("BindingsTable").render_bindings_table()
    keys, words = (list(column.cells) for column in table.columns)
    return "\n".join(f"{k} {w}" for k, w in zip(keys, words, strict=True))


async def test_the_key_bars_and_the_key_panel_of_every_dialog_read_in_chinese(
    make_app, content, clock
):
    """The hotline search, the reading screens (help, messages, the letter, a step's
    detail, the damaged records) and the other dialogs: their key bar and Textual's key
    panel, which follows from screen to screen once shown (it showed the main screen's
    keys, greyed, behind a dialog), hold no English word."""
    from tui.ui.attachment_screen import PathScreen
    from tui.ui.bundle_dialogs import BundleChoice
    from tui.ui.card_form import CardForm
    from tui.ui.damaged_screen import DamagedScreen
    from tui.ui.dialogs import ConfirmDialog, StepDetailScreen
    from tui.ui.followup_screens import EvidenceScreen, FollowUpScreen, MoneyScreen
    from tui.ui.help_screen import HelpScreen
    from tui.ui.hotline_screen import HotlineScreen
    from tui.ui.letter_screen import LetterScreen
    from tui.ui.lost_wallet import LostWalletScreen
    from tui.ui.lost_wallet_pick import LostWalletPick
    from tui.ui.messages_screen import MessagesScreen

    store = Store.in_memory()
    fields = CardFields("借记卡", "bank", "cancel", "工行", "CN", carried=True)
    Tracker(store, content.playbooks, clock).add_card(fields)
    app = make_app(store, lang="zh-CN")
    t = app.t
    walk = [
        (("question_mark",), HelpScreen),
        (("h",), HotlineScreen),
        (("w",), LetterScreen),
        (("M",), MessagesScreen),
        (("tab", "enter"), StepDetailScreen),
        (("d",), ConfirmDialog),
        (("a",), CardForm),
        (("b",), BundleChoice),
        (("f",), FollowUpScreen),
        (("m",), MoneyScreen),
        (("n",), EvidenceScreen),
        (("A",), PathScreen),
        ((), DamagedScreen),
        (("L",), LostWalletPick),
        (("enter", "y"), LostWalletScreen),
    ]
    async with app.run_test(size=SIZE) as pilot:
        await lookup_answered(pilot)
        await _run_from_palette(pilot, t("palette.textual_keys_show"))
        await wait_until(pilot, lambda: bool(app.screen.query("HelpPanel")), "the key panel")
        for keys, screen in walk:
            if screen is DamagedScreen:
                app.action_damaged_records()
            await pilot.press(*keys)
            await wait_until(pilot, lambda: isinstance(app.screen, screen), screen.__name__)  # noqa: B023
            await wait_until(pilot, lambda: bool(app.screen.query("BindingsTable")), "its keys")
            await settle(pilot)
            bar = screen_text(app).splitlines()[-1]
            assert key_bar_words(app, bar) == [], (screen.__name__, bar)
            panel = _key_panel_text(app)
            assert key_bar_words(app, panel) == [], (screen.__name__, panel)
            if screen is HotlineScreen:  # its own keys to move in the results are there
                assert t("key.hotline.page_down") in panel, panel
            if screen not in (LostWalletPick, LostWalletScreen):  # the calls follow the pick
                app.pop_screen()
                await wait_until(pilot, lambda: not isinstance(app.screen, screen), "closed")  # noqa: B023
                await settle(pilot)
        # Escape hides the panel in a dialog as on the main screen, and the dialog stays;
        # the next Escape closes it, and the main screen has no panel either
        assert isinstance(app.screen, LostWalletScreen)
        await pilot.press("escape")
        await wait_until(pilot, lambda: not app.screen.query("HelpPanel"), "the panel hidden")
        assert isinstance(app.screen, LostWalletScreen)
        await pilot.press("escape")
        await wait_until(pilot, lambda: len(app.screen_stack) == 1, "the main screen")
        await settle(pilot)
        assert not app.screen.query("HelpPanel")
        # and a dialog opened now has none
        await pilot.press("h")
        await wait_until(pilot, lambda: isinstance(app.screen, HotlineScreen), "the search")
        await settle(pilot)
        assert not app.screen.query("HelpPanel")
