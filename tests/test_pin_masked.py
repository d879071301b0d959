"""The port-out PIN is typed masked, like a password, with a key that shows it while
the field has focus; a card number stays readable as typed; the notes say they are
kept in clear."""

from __future__ import annotations

import html
import re

from textual.widgets import Input, TextArea

from tests.helpers.pilot import settle
from tui.secrets.secrets_setup import SecretsSetup
from tui.secrets.vault import VAULT_FILENAME
from tui.storage.store import DB_FILENAME, Store
from tui.ui.card_form import CardForm

PIN = "739214"
ICCID = "8986001234567890123"
SIZE = (80, 24)


def shown(app) -> str:
    """The characters on screen, from a screenshot (its text runs, not its markup)."""
    svg = app.export_screenshot()
    text = html.unescape("".join(re.findall(r"<text[^>]*>(.*?)</text>", svg, re.S)))
    return text.replace("\xa0", " ")


async def test_the_pin_is_masked_while_typed_and_shown_on_request(make_app, tmp_path):
    store = Store.open(tmp_path / DB_FILENAME)
    setup = SecretsSetup(tmp_path / VAULT_FILENAME)
    setup.create("correct horse battery")
    app = make_app(store, secrets=setup)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("a")
        assert isinstance(app.screen, CardForm)
        form = app.screen
        form.query_one("#kind").value = "esim"
        await pilot.pause()
        form.query_one("#id-iccid", Input).focus()
        await pilot.press(*ICCID)
        pin = form.query_one("#id-port_pin", Input)
        pin.focus()
        await pilot.press(*PIN)
        await pilot.pause()
        assert pin.value == PIN and pin.password
        text = shown(app)
        assert PIN not in text and ICCID in text  # the number stays readable
        await pilot.press("ctrl+r")  # shown on request…
        await pilot.pause()
        assert PIN in shown(app)
        await pilot.press("ctrl+r")  # …and masked again
        await pilot.pause()
        assert PIN not in shown(app)
        form.query_one("#id-iccid", Input).focus()
        await pilot.press("ctrl+r")  # not a PIN field: nothing changes
        assert pin.password and not form.query_one("#id-iccid", Input).password
        notes = form.query_one("#notes", TextArea)
        assert "not encrypted" in str(notes.placeholder)
    store.close()
