"""Names, numbers, addresses and strings from content reach the screen as text: the
hotline screen, the palette and the steps pane never stop on what they show, and a
string override holding screen markup is refused."""

from __future__ import annotations

import pytest

from tests.helpers.pilot import issuer_line, wait_until
from tests.test_hostile_yaml import _config_dir
from tui.base.paths import content_dir
from tui.library.content import load_content
from tui.storage.store import Store

HOSTILE_ADDRESSES = [
    "https://[/bold]evil.example",
    "https://evil.example/[/]",
    "https://x:port/",
    "[@click=app.quit]x",
    "https://[::1",
]


@pytest.mark.parametrize("address", HOSTILE_ADDRESSES)
async def test_the_hotline_screen_shows_any_address_as_text(make_app, content, clock, address):
    """Whatever reaches the screen (content checked by an older version, or a check
    missed), an address, a name or a number is shown as text and never stops it."""
    from dataclasses import replace

    from textual.command import CommandPalette
    from textual.widgets import Static

    from tests.helpers.pilot import palette_choice
    from tui.domain.tracker import Tracker
    from tui.library.issuers import Hotline, Issuer, IssuerDirectory
    from tui.library.playbook import Text
    from tui.records.card_fields import CardFields
    from tui.ui.hotline_list import HotlineList
    from tui.ui.hotline_screen import HotlineScreen

    hotline = Hotline("[b]95588", "report-lost", True, "CN", source=address, short_code=True)
    issuer = Issuer(
        "evil", Text({"en": "[/bold]Evil [b]Bank"}), "CN", ("bank",), (hotline,), website=address
    )
    odd = replace(content, issuers=IssuerDirectory.of([*content.issuers.issuers.values(), issuer]))
    store = Store.in_memory()
    Tracker(store, odd.playbooks, clock).add_card(
        CardFields("Debit", "bank", "report-lost", "evil")
    )
    app = make_app(store, content=odd)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        shown = issuer_line(app)
        assert "[b]95588" in shown
        await pilot.press("h")
        await wait_until(pilot, lambda: isinstance(app.screen, HotlineScreen), "the hotlines")
        first = str(app.screen.query_one(HotlineList).get_option_at_index(0).prompt)
        assert "[/bold]Evil [b]Bank" in first
        detail = str(app.screen.query_one("#hotline-detail", Static).render())
        assert f"website: {address}" in detail and f"source: {address}" in detail
        await pilot.press("escape", "ctrl+p", *"Evil")
        assert isinstance(app.screen, CommandPalette)
        await wait_until(
            pilot, lambda: "Evil" in palette_choice(pilot), "the issuer in the palette"
        )
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, HotlineScreen), "its hotlines")
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.clipboard == "[b]95588", "the number copied")


async def test_screen_markup_in_an_i18n_override_is_refused_and_the_screen_opens(
    tmp_path, make_app
):
    from tui.ui.hotline_screen import HotlineScreen

    config = _config_dir(
        tmp_path,
        {"i18n/en.yaml": b"hotline:\n  hint: '[/b]oops'\n  title: '[@click=app.quit]x'\n"},
    )
    loaded = load_content(content_dir(), config)
    assert [(e.line, e.message.split(":")[0]) for e in loaded.errors] == [
        (2, "hotline.hint"),
        (3, "hotline.title"),
    ]
    escaped = _config_dir(tmp_path, {"i18n/en.yaml": b"hotline:\n  hint: 'a \\[/b] bracket'\n"})
    assert load_content(content_dir(), escaped).errors == []
    app = make_app(content=loaded)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h")
        await wait_until(pilot, lambda: isinstance(app.screen, HotlineScreen), "the hotlines")
        assert app.screen.query_one(".dialog-hint").render()


@pytest.mark.parametrize(
    "text",
    ["'{label.nope}'", "'{count[0]}'", "'{label:>999999999}'", "'{label!r}'", "'{0}'", "'a { b'"],
)
def test_a_string_override_with_fields_the_app_cannot_fill_is_refused(tmp_path, text):
    """`{label.nope}` raised, `{label:>999999999}` built a 1 GB string, when filled in."""
    from tui.base.i18n import Catalog
    from tui.ui.key_names import key_names

    config = _config_dir(tmp_path, {"i18n/en.yaml": f"app:\n  deleted: {text}\n".encode()})
    loaded = load_content(content_dir(), config)
    assert [(e.path.name, e.line) for e in loaded.errors] == [("en.yaml", 2)]
    t = Catalog(loaded.strings, "en")
    t.name_keys(key_names())  # as the app does: the keys as mapped
    assert t("app.deleted", label="Visa") == "Deleted Visa. Press u to undo."  # the shipped one


def test_a_field_the_catalog_cannot_fill_is_shown_as_written():
    from tui.base.i18n import Catalog

    t = Catalog({"en": {"a": "{label.nope}", "b": "{count[0]}", "c": "{label}"}}, "en")
    assert (t("a", label="x"), t("b", count=1), t("c", label="x")) == (
        "{label.nope}",
        "{count[0]}",
        "x",
    )


def test_screen_markup_in_a_playbook_or_an_issuer_name_is_refused_with_its_line(tmp_path):
    """A step's title becomes a dialog's border title, which Textual reads as markup."""
    playbook = (
        b"id: mine\nkind: bank\nintent: cancel\ntitle: {en: Mine}\nsteps:\n"
        b"  - id: a\n    type: call\n    title: {en: '[/b]Call'}\n"
    )
    issuer = (
        b"issuers:\n  - id: x\n    name: {en: '[@click=app.quit]X'}\n"
        b"    region: GB\n    kinds: [bank]\n"
    )
    config = _config_dir(tmp_path, {"playbooks/mine.yaml": playbook, "issuers/x.yaml": issuer})
    errors = load_content(content_dir(), config).errors
    assert sorted((e.path.name, e.line, e.message.split(":")[0]) for e in errors) == [
        ("mine.yaml", 8, "steps.0.title.en"),
        ("x.yaml", 3, "issuers.0.name.en"),
    ]
