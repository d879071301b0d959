"""Key bars at 80x24, 60x20 and 120x40, in English and Chinese: every key shown whole
(never `L Lost wa`), the keys that matter where the user is still there (the lost-wallet
list's `a Abroad/home`, the hotline search's Enter), and `…` where keys did not fit."""

from __future__ import annotations

import pytest
from rich.cells import cell_len
from textual.widgets._footer import FooterKey

from tests.helpers.pilot import lookup_answered, resize_to, settle, wait_until
from tests.test_identifiers_app import no_keyring
from tui.domain.tracker import Tracker
from tui.records.card_fields import CardFields
from tui.secrets.secrets_setup import SecretsSetup
from tui.storage.store import DB_FILENAME, Store
from tui.ui.dialog_screen import DialogScreen
from tui.ui.key_bar_fit import MORE, fit_keys, key_width
from tui.ui.steady_footer import MoreKeys, SteadyFooter

SIZES = [(80, 24), (60, 20), (120, 40)]
LANGS = ["en", "zh-CN"]


def _key(key: str, words: str, action: str = "") -> tuple:
    return (key, key, words, action or words.lower(), False, "")


def test_the_least_important_keys_go_first_and_a_sign_says_so():
    """Ranks: smaller stays longer; on a tie the rightmost goes first; `…` stands before
    the help key; a key gone for a wider one comes back when it fits again."""
    keys = [
        (_key("a", "Add"), 3),
        (_key("e", "Edit"), 9),
        (_key("L", "Lost wallet"), 1),
        (_key("?", "Help", "help"), 0),
        (_key("q", "Quit"), 9),
    ]
    palette = (_key("^p", "Commands"), 5)
    every = sum(key_width(key) for key, _rank in keys)
    assert fit_keys(keys, palette, 200) == (tuple(k for k, _r in keys), palette[0])
    row, kept_palette = fit_keys(keys, None, every - 1)  # one key must go: Quit
    assert [k[2] for k in row] == ["Add", "Edit", "Lost wallet", "", "Help"]
    assert row[3] == MORE
    row, kept_palette = fit_keys(keys, palette, every)  # Quit and Edit go, not the palette
    assert kept_palette == palette[0] and [k[2] for k in row] == ["Add", "Lost wallet", "",
                                                                   "Help"]
    row, _palette = fit_keys(keys, None, key_width(keys[3][0]) + 1)
    assert row == (MORE, keys[3][0])  # the help, and the sign that keys went
    row, _palette = fit_keys([(_key("esc", "Close"), 0), (_key("x", "Other"), 1)], None, 12)
    assert row == (_key("esc", "Close"), MORE)  # no help key: the sign at the end


def shown_keys(app) -> list[tuple[str, str, str]]:
    """(key, words, action) of each key the key bar on top shows, `…` as ("", "…", "")."""
    footers = list(app.screen.query(SteadyFooter))
    assert len(footers) == 1, f"{app.screen} has {len(footers)} key bars"
    row = footers[0].row
    assert row is not None and row.wanted is not None
    keys, palette = row.wanted
    shown = [(k, words or display, action) for k, display, words, action, *_ in keys]
    if palette is not None:
        shown.append((palette[0], palette[2], palette[3]))
    return shown


def bar_line(app) -> str:
    """The bottom line of the screen as drawn."""
    return app.screen._compositor.render_strips()[-1].text


def assert_whole(app, size) -> str:
    """Every key of the bar is drawn whole on the bottom line, inside the screen; the
    line as drawn. A failure names the size."""
    line = bar_line(app)
    assert cell_len(line) <= size[0], (size, line)
    footer = app.screen.query_one(SteadyFooter)
    for key in footer.row.query(FooterKey):
        if not key.display:
            continue
        text = key.key_display + (f" {key.description}" if key.description else "")
        assert text in line, f"at {size}: {text!r} is not whole in the key bar: {line!r}"
        region = key.region
        assert region.right <= size[0], f"at {size}: {text!r} ends past the screen: {line!r}"
        if isinstance(key, MoreKeys):
            assert key.key_display == "…"
    return line


def cards(content, clock, count: int = 3) -> Store:
    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock, issuers=content.issuers)
    wallet = [
        CardFields("Debit", "bank", "report-lost", "ICBC", "CN", carried=True),
        CardFields("Visa", "bank", "report-lost", "", "US", network="visa", carried=True),
        CardFields("Phone", "esim", "cancel", "China Mobile", "CN"),
    ]
    for fields in wallet[:count]:
        tracker.add_card(fields)
    return store


async def opened(app, pilot, *keys: str) -> None:
    await settle(pilot)
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


async def at_each_size(pilot):
    """Each size of SIZES in turn, the running app's terminal resized to it and what it
    draws settled: the bar is fitted to the width the screen has now, as a user who
    resizes the window gets it (one app per language checks every size)."""
    for size in SIZES:
        await resize_to(pilot, size)
        yield size


@pytest.mark.parametrize("lang", LANGS)
async def test_the_main_bar_keeps_help_and_the_urgent_keys(make_app, content, clock, lang):
    app = make_app(cards(content, clock), lang=lang)
    async with app.run_test(size=SIZES[0]) as pilot:
        await opened(app, pilot)
        async for size in at_each_size(pilot):
            shown = shown_keys(app)
            actions = {action for _key, _words, action in shown}
            assert {"help", "lost_wallet", "hotlines", "add_card"} <= actions, (size, shown)
            line = assert_whole(app, size)
            if size[0] >= 120:
                assert MORE[1] not in line, (size, line)  # everything fits: nothing missing
            if ("", "…", "") in shown:
                helps = [i for i, (_k, _w, action) in enumerate(shown) if action == "help"]
                assert shown[helps[0] - 1] == ("", "…", ""), (size, shown)  # `… ? Help`


@pytest.mark.parametrize("lang", LANGS)
async def test_the_lost_wallet_bar_keeps_abroad_copy_and_record(make_app, content, clock, lang):
    app = make_app(cards(content, clock, 2), lang=lang)
    async with app.run_test(size=SIZES[0]) as pilot:
        await settle(pilot)
        app.open_lost_calls(app.tracker.views())
        await settle(pilot)
        async for size in at_each_size(pilot):
            actions = {action for _key, _words, action in shown_keys(app)}
            assert {"close", "abroad", "called", "copy"} <= actions, (size, shown_keys(app))
            assert_whole(app, size)


# each dialog, the key that opens it from the card list and the actions its bar keeps
DIALOGS = [
    ("h", {"close", "copy"}),  # the hotline search: Enter copies the number
    ("L", {"cancel", "go", "select"}),  # the pick: space picks, Enter goes on
    ("e", {"cancel", "save", "enter_key"}),  # the card form
    ("m", {"cancel", "save", "enter_key"}),  # the money dialog
    ("n", {"cancel", "save", "enter_key"}),  # the proof dialog
    ("M", {"close"}),  # the messages said lately
    ("question_mark", {"close"}),  # the help
    ("slash", {"app.enter_key", "app.escape_key"}),  # the filter line
    ("d", {"answer(True)", "answer(False)"}),  # a question
]


@pytest.mark.parametrize("lang", LANGS)
async def test_every_dialog_bar_keeps_its_own_keys_whole(make_app, content, clock, lang):
    """Each dialog opened in turn from the card list in one app, seen at each size, and
    closed with Escape before the next: the bar is the dialog's own, every key whole.
    The first dialog opens at 80x24, the others at 120x40 (where the one before left
    the terminal); each is then resized down and up again."""
    app = make_app(cards(content, clock), lang=lang)
    async with app.run_test(size=SIZES[0]) as pilot:
        await opened(app, pilot)
        main = app.screen
        for key, wanted in DIALOGS:
            await opened(app, pilot, key)
            async for size in at_each_size(pilot):
                actions = {action for _key, _words, action in shown_keys(app)}
                assert wanted <= actions, (key, size, shown_keys(app))
                assert_whole(app, size)
            await opened(app, pilot, "escape")
            assert app.screen is main and not app.inventory.filtering, key


@pytest.mark.parametrize("lang", LANGS)
async def test_the_command_palette_has_its_own_keys(make_app, content, clock, lang):
    app = make_app(cards(content, clock), lang=lang)
    async with app.run_test(size=SIZES[0]) as pilot:
        await opened(app, pilot, "ctrl+p")
        await wait_until(pilot, lambda: app.screen.id == "--command-palette", "the palette")
        await settle(pilot)
        async for size in at_each_size(pilot):
            shown = shown_keys(app)
            keys = {key for key, _words, _action in shown}
            assert {"escape", "enter"} <= keys, (size, shown)
            assert not {"add", "lost_wallet"} & {action for *_rest, action in shown}, (
                size,
                shown,
            )
            assert_whole(app, size)


@pytest.mark.parametrize("lang", LANGS)
async def test_the_keyring_question_names_the_encrypted_file(make_app, tmp_path, lang):
    setup = SecretsSetup(tmp_path / "identifiers.vault", resolver=no_keyring)
    app = make_app(Store.open(tmp_path / DB_FILENAME), secrets=setup, lang=lang)
    async with app.run_test(size=SIZES[0]) as pilot:
        await lookup_answered(pilot)
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(app.screen, DialogScreen), "the question")
        await settle(pilot)
        async for size in at_each_size(pilot):
            shown = shown_keys(app)
            words = app.t("secrets.offer_yes")
            assert ("y", words, "answer(True)") in shown, (size, shown)
            assert {"answer(False)", "back"} <= {action for *_rest, action in shown}, (
                size,
                shown,
            )
            assert_whole(app, size)


@pytest.mark.parametrize("lang", LANGS)
def test_the_lost_wallet_bar_in_a_real_terminal(tmux, tmp_path, content, lang):
    """At 80x24 in tmux: the calls list's bar names Escape, the reference, copy and
    abroad/at home, each whole."""
    from tests.test_lost_wallet_tmux import WALLET, WORDS, _start
    from tui.base.i18n import Catalog
    from tui.ui.key_names import key_words

    t = Catalog(content.strings, lang)
    words = WORDS[lang]
    _start(tmux, tmp_path, lang, WALLET[:2])
    tmux.wait_for("ICBC debit")
    tmux.keys("L")
    tmux.wait_for(words["pick"])
    tmux.keys("Enter")
    tmux.wait_for(words["confirm"])
    tmux.keys("y")
    tmux.wait_for(words["title"])
    close = f"Esc {t('key.lost.close')}"
    screen = tmux.wait_until(
        "the calls list's key bar", lambda s: close in s.text.rstrip("\n").split("\n")[-1]
    )
    bottom = screen.text.rstrip("\n").split("\n")[-1]
    for key, binding_id in (("space", "called"), ("c", "copy"), ("a", "abroad")):
        label = f"{key_words(key, t)} {t(f'key.lost.{binding_id}')}"
        assert label in bottom, f"{label!r} is not whole in {bottom!r}"
    assert cell_len(bottom.rstrip()) <= 80, bottom
    tmux.keys("Escape")
    tmux.wait_without(words["title"])
    tmux.keys("C-q")
    tmux.wait_gone()
