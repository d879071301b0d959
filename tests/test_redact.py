"""What may be an identifier is taken out of text that leaves the app: an error's
message in a crash report, a keyring backend's own words on screen."""

from __future__ import annotations

import pytest

from tests.helpers.odd_keyring import OddKeyring
from tui.base.redact import REDACTED, redact
from tui.secrets.secret_store import SecretError, SecretStore

ICCID = "89860033221100998877"
NUMBER = "4111 1111 1111 1111"
PIN = "7391"
PASSPHRASE = "lantern orchard pebble"


@pytest.mark.parametrize(
    ("message", "gone"),
    [
        (f"cannot store {ICCID}", ICCID),
        (f"number {NUMBER} refused", "1111"),
        ("number 4111-1111-1111-1111 refused", "1111"),
        (f"pin={PIN}", PIN),
        ("EID 89049032000001000000012345678901", "8904"),
        ("serial AB12CD34EF refused", "AB12CD34EF"),
        ("passphrase 'Lantern Orchard Pebble' is wrong", "Orchard"),
        ("passphrase 'lantern-orchard-pebble'", "orchard"),
    ],
)
def test_redaction_takes_out_what_may_be_an_identifier(message, gone):
    out = redact(message, known=[PASSPHRASE, "lantern-orchard-pebble"])
    assert gone not in out and REDACTED in out


def test_redaction_keeps_what_explains_the_error():
    for message in (
        "[Errno 28] No space left on device",
        "'bytes' object has no attribute 'encode'",
        "the card Old phone eSIM has no playbook",
    ):
        assert redact(message, known=["ab", ""]) == message  # too short to look for


def test_a_keyring_error_holding_the_value_is_shown_without_it():
    secrets = SecretStore(OddKeyring(), "odd", "keyring")
    with pytest.raises(SecretError) as caught:
        secrets.set("card-1", "port_pin", PIN)
    assert caught.value.key == "secrets.failed" and "RuntimeError" in caught.value.detail
    assert PIN not in caught.value.detail and PIN not in str(caught.value)
