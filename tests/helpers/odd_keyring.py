"""Keyring backends that misbehave as third-party backends can, chosen from outside
the app the way a user chooses one:

    PYTHON_KEYRING_BACKEND=tests.helpers.odd_keyring.OddKeyring  (with the checkout on
    PYTHONPATH)

NeverAnswersKeyring and NeverStartsKeyring (below) wait forever. OddKeyring keeps
values in memory, for the life of the process, and
- refuses to store a port-out PIN with a RuntimeError whose message holds the value;
- answers get_password with bytes, not the str keyring's API promises: the app is not
  ready for that, so using a value read back (copying it) is an unexpected error.
"""

from __future__ import annotations

import os
import threading

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError


class OddKeyring(KeyringBackend):
    # below every real backend (and not chained with them: keyring chains those above 0)
    # wherever this module is imported: it is used only where it is named
    priority = -1

    def __init__(self) -> None:
        super().__init__()
        self._values: dict[tuple[str, str], str] = {}

    def set_password(self, service: str, username: str, password: str) -> None:
        if username.endswith("/port_pin"):
            raise RuntimeError(f"this keyring cannot store the value {password}")
        self._values[(service, username)] = password

    def get_password(self, service: str, username: str):
        value = self._values.get((service, username))
        return None if value is None else value.encode()

    def delete_password(self, service: str, username: str) -> None:
        if self._values.pop((service, username), None) is None:
            raise PasswordDeleteError(username)


class NeverAnswersKeyring(KeyringBackend):
    """A keyring whose every call waits forever, as a locked collection does when its
    unlock prompt never completes (over SSH, no one sees the prompt):

        PYTHON_KEYRING_BACKEND=tests.helpers.odd_keyring.NeverAnswersKeyring
    """

    priority = -1

    def _wait_forever(self) -> None:
        threading.Event().wait()

    def set_password(self, service: str, username: str, password: str) -> None:
        self._wait_forever()

    def get_password(self, service: str, username: str):
        self._wait_forever()

    def delete_password(self, service: str, username: str) -> None:
        self._wait_forever()


class NeverStartsKeyring(NeverAnswersKeyring):
    """A keyring that never finishes setting itself up, as a backend whose D-Bus
    connection never completes: keyring's own lookup (get_keyring) waits forever.

    Only when named in PYTHON_KEYRING_BACKEND: keyring's auto-detection makes an
    instance of every backend class imported in the process, this one too."""

    def __init__(self) -> None:
        super().__init__()
        if os.environ.get("PYTHON_KEYRING_BACKEND", "").endswith(type(self).__name__):
            self._wait_forever()
