"""The offer to keep identifiers in an encrypted file, when there is no keyring, reads
wholly in Chinese in zh-CN: why there is no keyring is our own sentence (keyring's
words, when it has any, only as a detail), and so is the reason given later when
identifier fields are off."""

from __future__ import annotations

import re

import pytest
from textual.widgets import Button, Static

from tests.helpers.pilot import lookup_answered, settle
from tui.secrets.secret_store import SystemKeyring
from tui.secrets.secrets_setup import SecretsSetup
from tui.storage.store import DB_FILENAME, Store
from tui.ui.secrets_screens import SecretsOffer

SIZE = (80, 24)
FOUND = {
    "none_recommended": SystemKeyring(
        None,
        "fail.Keyring",
        "no recommended keyring backend is available",
        "keyring_reason.none_recommended",
    ),
    "backend_failed": SystemKeyring(
        None,
        "",
        "RuntimeError: Unable to initialize SecretService: Environment variable "
        "DBUS_SESSION_BUS_ADDRESS is unset",
        "keyring_reason.backend_failed",
    ),
    "no_answer": SystemKeyring(
        None, "", "the keyring did not answer in 15 s", "keyring_reason.no_answer"
    ),
}


def english_words(text: str) -> list[str]:
    """English words of three letters or more outside the names we keep (keyring's
    own detail, placeholders' values, product and protocol names)."""
    kept = {
        "cardoff",
        "tui",
        "SSH",
        "eSIM",
        "ICCID",
        "EID",
        "python",
        "keyring",
        "ctrl",
        "PYTHON_KEYRING_BACKEND",
    }
    return [w for w in re.findall(r"[A-Za-z_]{3,}", text) if w not in kept]


@pytest.mark.parametrize("why", list(FOUND))
async def test_the_offer_reads_in_chinese(make_app, content, tmp_path, why):
    found = FOUND[why]
    store = Store.open(tmp_path / DB_FILENAME)
    setup = SecretsSetup(tmp_path / "identifiers.vault", resolver=lambda: found)
    app = make_app(store, lang="zh-CN", secrets=setup)
    zh = content.strings["zh-CN"]
    async with app.run_test(size=SIZE) as pilot:
        await lookup_answered(pilot)
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, SecretsOffer)
        body = str(app.screen.query_one(".dialog-question", Static).render())
        reason = zh[found.reason_key].split("{")[0]
        assert reason in body, body
        shown = body.replace(found.reason, "") if why == "backend_failed" else body
        if why == "backend_failed":  # keyring's words only as the detail
            assert found.reason in body and body.index(reason) < body.index(found.reason)
        else:
            assert found.reason not in body, body
        assert english_words(shown) == [], body
        labels = [str(b.label) for b in app.screen.query(Button)]
        assert labels == [zh["secrets.offer_yes"], zh["secrets.offer_no"]]
        await pilot.press("escape")  # not now: the fields are off, and the form says why
        await settle(pilot)
        off = app.identifiers_off_reason()
        assert reason in off and found.reason_key not in off, off


def test_an_encrypted_file_the_disk_refuses_is_told_in_chinese(content, tmp_path):
    """The system's words ("Not a directory") stay only as the detail of our sentence."""
    from tui.base.errors import describe
    from tui.base.i18n import Catalog
    from tui.secrets.vault import MIN_PASSPHRASE, Vault, VaultError

    (tmp_path / "file").write_text("x")
    vault = Vault(tmp_path / "file" / "identifiers.vault")
    with pytest.raises(VaultError) as caught:
        vault.create("p" * (MIN_PASSPHRASE + 2))
    said = describe(caught.value, Catalog(content.strings, "zh-CN"))
    zh = content.strings["zh-CN"]
    assert said.startswith(zh["vault.unwritable"].split("{")[0]), said
    assert zh["os_error.not_folder"].split("（")[0] in said, said
    assert said.index("Not a directory") > said.index(zh["os_error.not_folder"].split("（")[0])
