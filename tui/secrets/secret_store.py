"""Where card numbers, ICCID, EID and port-out PINs are kept: the OS keyring (through
python keyring's own backend resolution) or the encrypted-file vault.

Every backend call runs in a daemon thread with a timeout: a locked keyring can put
an unlock prompt on another screen, or a D-Bus call can hang, and the caller must
get an answer either way; a call that never answers is left behind and never keeps
the process from exiting (see tui/base/background.py).
"""

from __future__ import annotations

import os
import sys
import threading
from dataclasses import dataclass

from tui.base.background import NoAnswer, call_with_timeout
from tui.base.errors import CardoffError

SERVICE = "cardoff-tui"
DEFAULT_TIMEOUT = 15.0


class SecretError(CardoffError):
    """`key` is a UI string key; `detail` is the backend's own words (the string's
    one parameter)."""

    def __init__(self, key: str, detail: str = "") -> None:
        super().__init__(key, detail=detail)
        self.args = (f"{key}: {detail}" if detail else key,)
        self.detail = detail


def username(card_id: str, field: str) -> str:
    return f"card/{card_id}/{field}"


def _translate(exc: Exception, values: tuple[str, ...] = ()) -> SecretError:
    """A SecretError for what a backend raised. Its `detail` (the backend's own words,
    shown to the user) goes through tui.base.redact.redact with `values`, the identifier
    being stored, as known: a backend may put the value in its message."""
    from keyring import errors

    from tui.base.redact import redact
    from tui.secrets.vault import VaultError

    if isinstance(exc, VaultError):
        return SecretError(exc.key, redact(exc.detail, values))
    if isinstance(exc, errors.KeyringLocked):
        return SecretError("secrets.locked", redact(str(exc), values))
    if isinstance(exc, errors.NoKeyringError | errors.InitError):
        return SecretError("secrets.unavailable", redact(str(exc), values))
    return SecretError("secrets.failed", redact(f"{type(exc).__name__}: {exc}", values))


class SecretStore:
    """A keyring backend (or the vault), with timeouts and errors the UI can explain."""

    def __init__(self, backend, name: str, kind: str, timeout: float = DEFAULT_TIMEOUT):
        self.backend = backend
        self.name = name
        self.kind = kind  # "keyring" or "vault": recorded with each identifier
        self.timeout = timeout
        # one call at a time reaches the backend (as python keyring expects)
        self._one_at_a_time = threading.Lock()

    def _call(self, method: str, *args: str, secret: str = ""):
        """Call the backend's `method` in a daemon thread, waiting `timeout` seconds at
        most; `secret` is the value being stored, if any. Raises SecretError, with
        nothing of `secret` (or any digit run) in it."""
        serial = self._one_at_a_time
        call = getattr(self.backend, method)

        def one_call():
            with serial:
                return call(*args)

        try:
            return call_with_timeout(one_call, self.timeout, name=f"secrets-{method}")
        except NoAnswer:
            # the stuck call keeps its thread (and the old lock); later calls go on
            self._one_at_a_time = threading.Lock()
            raise SecretError("secrets.timeout", f"no answer in {self.timeout:g} s") from None
        except SecretError:
            raise
        except Exception as exc:  # every backend failure becomes a SecretError
            raise _translate(exc, (secret,) if secret else ()) from exc

    def get(self, card_id: str, field: str) -> str | None:
        return self._call("get_password", SERVICE, username(card_id, field))

    def set(self, card_id: str, field: str, value: str) -> None:
        self._call("set_password", SERVICE, username(card_id, field), value, secret=value)

    def delete(self, card_id: str, field: str) -> None:
        from keyring.errors import PasswordDeleteError

        try:
            self._call("delete_password", SERVICE, username(card_id, field))
        except SecretError as exc:
            if not isinstance(exc.__cause__, PasswordDeleteError):
                raise  # a missing item is already what we want

    # items that belong to no card (the attachments' data key), under their own user
    def get_item(self, user: str) -> str | None:
        """The value kept under the user name `user` (not a card's), or None."""
        return self._call("get_password", SERVICE, user)

    def set_item(self, user: str, value: str) -> None:
        self._call("set_password", SERVICE, user, value, secret=value)

    def delete_item(self, user: str) -> None:
        """Remove the item; one already missing is fine."""
        from keyring.errors import PasswordDeleteError

        try:
            self._call("delete_password", SERVICE, user)
        except SecretError as exc:
            if not isinstance(exc.__cause__, PasswordDeleteError):
                raise

    def round_trip(self) -> None:
        """Store, read back and delete a throwaway item; raises SecretError if any fails."""
        from tui.base import tokens as _random

        probe = f"doctor-{_random.token_hex(4)}"
        value = _random.token_hex(8)
        self.set(probe, "probe", value)
        try:
            if self.get(probe, "probe") != value:
                raise SecretError("secrets.failed", "read back a different value")
        finally:
            self.delete(probe, "probe")


@dataclass(frozen=True)
class SystemKeyring:
    """What python keyring resolved to: a usable backend, or why there is none."""

    backend: object | None
    name: str
    reason: str = ""  # in English, or the system's own words
    reason_key: str = ""  # the UI string of `reason` (parameters: timeout, detail)

    def reason_words(self, t, timeout: float = DEFAULT_TIMEOUT) -> str:
        """Why there is no keyring, in the language of catalog `t`: the UI string
        `reason_key`, with keyring's own words (`reason`) only as its {detail}."""
        if not self.reason_key:
            return self.reason
        return t(self.reason_key, timeout=f"{timeout:g}", detail=self.reason)


def keyring_chosen_by_user() -> bool:
    """PYTHON_KEYRING_BACKEND or keyring's own config file names a backend."""
    if os.environ.get("PYTHON_KEYRING_BACKEND"):
        return True
    base = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    return os.path.exists(os.path.join(base, "python_keyring", "keyringrc.cfg"))


def no_session_bus() -> bool:
    """Linux (or another D-Bus system) with no session bus: as over SSH, in cron or CI.

    Then every backend python keyring would find on its own (Secret Service, libsecret,
    KWallet) needs that bus, and keyring answers fail.Keyring. Importing keyring to
    learn that costs ~65 ms and ~20 MB, so the answer is given here instead.
    """
    return (
        sys.platform not in ("darwin", "win32")
        and not os.environ.get("DBUS_SESSION_BUS_ADDRESS")
        and not keyring_chosen_by_user()
    )


def system_keyring(timeout: float = DEFAULT_TIMEOUT) -> SystemKeyring:
    """keyring's own choice (PYTHON_KEYRING_BACKEND, keyringrc.cfg, then auto-selection).

    Looking may touch D-Bus (a backend's priority check, or its set-up), which can hang:
    it runs in a daemon thread, and after `timeout` seconds without an answer the
    result is "no keyring", with that reason.
    """
    if no_session_bus():
        return SystemKeyring(
            None,
            "fail.Keyring",
            "no D-Bus session, so no Secret Service or KWallet to ask",
            "keyring_reason.no_bus",
        )
    try:
        return call_with_timeout(_resolve, timeout, name="secrets-resolve")
    except NoAnswer:
        said = f"the keyring did not answer in {timeout:g} s"
        return SystemKeyring(None, "", said, "keyring_reason.no_answer")


def _resolve() -> SystemKeyring:
    try:
        import keyring
        from keyring.backends import chainer, fail, null

        backend = keyring.get_keyring()
    except Exception as exc:  # keyring raises RuntimeError and others for a forced backend
        said = f"{type(exc).__name__}: {exc}"
        return SystemKeyring(None, "", said, "keyring_reason.backend_failed")
    name = f"{type(backend).__module__}.{type(backend).__name__}".removeprefix("keyring.backends.")
    if isinstance(backend, fail.Keyring):
        said = "no recommended keyring backend is available"
        return SystemKeyring(None, name, said, "keyring_reason.none_recommended")
    if isinstance(backend, null.Keyring):  # keyring's documented way to turn it off
        said = "the keyring is turned off (null backend)"
        return SystemKeyring(None, name, said, "keyring_reason.turned_off")
    if isinstance(backend, chainer.ChainerBackend) and not backend.backends:
        return SystemKeyring(
            None, name, "no keyring backend is available", "keyring_reason.none"
        )
    chosen = os.environ.get("PYTHON_KEYRING_BACKEND", "")
    if "keyrings.alt" in type(backend).__module__ and "keyrings.alt" not in chosen:
        # auto-selected keyrings.alt may keep values in plain text: never use it unasked
        said = "only keyrings.alt was found, which may store plain text"
        return SystemKeyring(None, name, said, "keyring_reason.only_alt")
    return SystemKeyring(backend, name)
