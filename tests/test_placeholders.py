"""A field's placeholder that does not fit is never cut in the middle of a word without
a sign: it shows whole, or up to a word with "…" (found at 60x20: the card form's
`e.g. Old phone eSIM, 工行 debit car`, `Whose card it is; empty: yours (e.g`)."""

from __future__ import annotations

import pytest
from rich.text import Text
from textual.widgets import Input

from tests.helpers.pilot import settle, wait_until
from tui.domain.tracker import Tracker
from tui.records.model import CardFields
from tui.storage.store import Store
from tui.ui.text_cuts import ELLIPSIS, SEPARATORS, boundaries

# the keys that open each dialog with fields, from the card list
DIALOGS = {
    "card form": ("a",),
    "proof": ("n",),
    "follow-up": ("f",),
    "money": ("m",),
    "hotlines": ("h",),
    "filter": ("slash",),
    "bundle": ("b", "enter"),
    "attach": ("A",),
}


def shown_placeholder(field: Input) -> str:
    """The placeholder as the empty field shows it: its first line, in the field's room."""
    first = field.render_line(0).text.split("\n")[0]
    text = Text(first)
    text.truncate(field.scrollable_content_region.width)
    return text.plain.rstrip()


def fits_or_cut_at_a_word(whole: str, shown: str) -> bool:
    if shown == whole:
        return True
    if not shown.endswith(ELLIPSIS):
        return False
    kept = shown[: -len(ELLIPSIS)]
    if not whole.startswith(kept) or not kept.strip():
        return False
    # the cut is where a word ends: at a boundary, the separators before it dropped
    rest = whole[len(kept):]
    ends = {b for b in boundaries(whole)}
    return len(kept) in ends or rest[:1] in SEPARATORS


async def _placeholder_problems(app, pilot, main, dialog: str) -> list:
    """Open `dialog` from the card list, empty each of its fields and check how its
    placeholder shows; what is wrong, each naming the dialog and the field."""
    for key in DIALOGS[dialog]:
        await pilot.press(key)
        await settle(pilot)
    if dialog == "filter":
        if not isinstance(app.focused, Input):
            return [(dialog, "the filter line did not open")]
    elif app.screen is main:
        return [(dialog, "did not open")]
    fields = [f for f in app.screen.query(Input) if f.display and f.region.width]
    if not fields:
        return [(dialog, "no field shown")]
    problems, checked = [], 0
    for field in fields:
        field.value = ""  # the placeholder shows (a field that opens filled is emptied)
        await pilot.pause()
        if not field.placeholder:
            continue
        shown = shown_placeholder(field)
        if not fits_or_cut_at_a_word(field.placeholder, shown):
            problems.append((dialog, field.id, shown))
        checked += 1
    if not (checked or dialog in ("proof", "money", "attach")):
        problems.append((dialog, "no placeholder checked"))
    return problems


async def _back_to_the_card_list(app, pilot, main, focused, dialog: str) -> None:
    """Close whatever `dialog` opened, nothing saved, and wait until the card list is
    back as it was (`focused` has the focus again), so that the next dialog starts from
    the same state."""
    while app.screen is not main:
        await app.pop_screen()
        await settle(pilot)
    if app.focused is not focused:  # the filter line, open on the card list
        await pilot.press("escape")
        await settle(pilot)
    await wait_until(
        pilot,
        lambda: app.screen is main and not app.inventory.filtering and app.focused is focused,
        f"{dialog} closed and the card list as it was",
    )


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
@pytest.mark.parametrize("size", [(60, 20), (80, 24)])
async def test_a_placeholder_shows_whole_or_cut_at_a_word_with_an_ellipsis(
    make_app, content, clock, lang, size
):
    """Each dialog with fields opened in turn from the card list in one app, and closed
    before the next; every dialog is checked, the failure names each one that is wrong."""
    store = Store.in_memory()
    Tracker(store, content.playbooks, clock).add_card(
        CardFields("工行借记卡", "bank", "cancel", "ICBC", "CN")
    )
    app = make_app(store, lang=lang)
    problems = []
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        main, focused = app.screen, app.focused
        before = store.cards()
        for dialog in DIALOGS:
            problems += await _placeholder_problems(app, pilot, main, dialog)
            await _back_to_the_card_list(app, pilot, main, focused, dialog)
            assert store.cards() == before, dialog  # nothing saved: the next starts the same
    assert problems == [], (lang, size, problems)


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
async def test_the_card_forms_placeholders_fit_whole_at_60x20(make_app, lang):
    """The card form's hints are written to fit its fields at 60 columns, the narrowest
    the app is made for: none needs the cut."""
    app = make_app(Store.in_memory(), lang=lang)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("a")
        await settle(pilot)
        for field in app.screen.query(Input):
            if field.display and field.region.width and field.placeholder:
                assert shown_placeholder(field) == field.placeholder, (field.id, lang)
