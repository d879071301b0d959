"""One family of errors the user is told about (tui/base/errors.py): a field typed
(CardError), the keyring or vault (SecretError) and a change the tracker refuses
(TrackerError) each carry a string key and its parameters, told by `describe` in
the user's language."""

from __future__ import annotations

import pytest

from tui.base.errors import CardoffError, TrackerError, describe
from tui.base.i18n import Catalog
from tui.records.card_error import CardError
from tui.secrets.secret_store import SecretError


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_each_kind_is_told_from_its_string_in_the_users_language(content, lang):
    t = Catalog(content.strings, lang)
    for error in (
        CardError("label", "error.too_long", limit=60),
        SecretError("secrets.not_found"),
        TrackerError("error.no_such_card", card_id="c1"),
    ):
        assert isinstance(error, CardoffError)
        assert t.has(error.key), error.key
        told = describe(error, t)
        assert told == t(error.key, **error.params) and error.key not in told
    assert "60" in describe(CardError("label", "error.too_long", limit=60), t)


def test_the_kinds_keep_what_their_callers_read():
    card = CardError("label", "error.too_long", limit=60)
    assert isinstance(card, ValueError)  # code that reads a bad value as ValueError
    assert (card.field, card.message_key, card.params) == ("label", "error.too_long", {"limit": 60})
    secret = SecretError("secrets.elsewhere", "vault")
    assert (secret.detail, secret.params) == ("vault", {"detail": "vault"})
    assert str(secret) == "secrets.elsewhere: vault"
