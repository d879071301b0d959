"""Work that may wait (on a keyring, scrypt, the disk) runs off the UI thread, and its
failure reaches the user in one place.

`off_ui_thread` is Textual's thread worker (exclusive within its group) with one rule
added: an error the user is told about (a CardoffError, or an IdentifierError: the card
saved without an identifier) is handed to the node's `tell_failure` on the UI thread,
instead of ending the app. The app's `tell_failure` (FailureTelling) says it on the
status line in the user's language (tui.base.errors.describe); a screen that can show it
better, beside the field it concerns, has its own. Any other error is a bug: it still
goes to the crash handler (tui/ui/crash_handling.py), as Textual does by default.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TypeVar

from textual import work

from tui.base.errors import CardoffError, IdentifierError, describe

Method = TypeVar("Method", bound=Callable[..., None])

TOLD = (CardoffError, IdentifierError)


def off_ui_thread(group: str, description: str | None = None) -> Callable[[Method], Method]:
    """Decorate a method of an App or a Screen that has `tell_failure(error)`: it runs
    in a thread worker of `group` (a new call cancels the group's running one), and a
    CardoffError or IdentifierError it raises is passed to `tell_failure` on the UI
    thread. `description` replaces Textual's default, the call with its arguments, where
    the arguments hold what the user typed (a passphrase, an identifier)."""

    def decorate(method: Method) -> Method:
        @functools.wraps(method)
        def body(self, *args, **kwargs) -> None:
            try:
                method(self, *args, **kwargs)
            except TOLD as error:
                self.app.call_from_thread(self.tell_failure, error)

        return work(thread=True, exclusive=True, group=group, description=description)(body)

    return decorate


class FailureTelling:
    """For the App (needs self.t and self.notify): a failure the user is told about, on
    the status line."""

    def tell_failure(self, error: CardoffError | IdentifierError) -> None:
        """Say `error` in the user's language, as an error (of an IdentifierError, why
        the identifier was not stored)."""
        told = error.error if isinstance(error, IdentifierError) else error
        self.notify(describe(told, self.t), severity="error")
