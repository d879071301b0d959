"""The domain's errors: each carries a UI string key and its parameters, so that the
screens and the command line say what happened in the user's language.

CardoffError is the family; TrackerError is a request the tracker cannot carry out,
IdentifierError a card saved without all of its identifiers."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from tui.base.i18n import Phrase

if TYPE_CHECKING:
    from tui.records.model import Card
    from tui.secrets.secret_store import SecretError
    from tui.storage.store import StoreWriteError


class CardoffError(Exception):
    """An error the user is told about: `key` is a UI string key, `params` fill it.
    CardError (a field typed), SecretError (the keyring or vault) and TrackerError
    are its kinds."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


def describe(error: CardoffError, t: Callable[..., str]) -> str:
    """What to tell the user of `error`, in the language of `t` (a Catalog): its
    string, filled with its parameters."""
    return t(error.key, **error.params)


class TrackerError(CardoffError):
    """A request the tracker cannot carry out; `key` is a UI string key."""


class IdentifierError(Exception):
    """The card was saved, but an identifier could not be stored: the secrets backend
    refused it (`error` a SecretError), or the card's record of it could not be saved
    (`error` a TrackerError, e.g. a full disk; the value may then be in the backend
    already, and a retry replaces it there).

    `card` is the card as saved (with the identifiers that did get stored); `field` is
    the first one that failed; `error` says why (`error.key` and `error.params` for the
    UI). Nothing the user typed is lost: the caller still holds the values and can retry.
    """

    def __init__(self, card: Card, field_name: str, error: SecretError | TrackerError) -> None:
        super().__init__(f"{field_name}: {error}")
        self.card = card
        self.field = field_name
        self.error = error


def not_saved(exc: StoreWriteError) -> TrackerError:
    """The TrackerError for a change the disk refused: key "error.not_saved", with
    `problem` the phrase "disk.<problem>" (see StoreWriteError), `folder` the data
    folder and `detail` the system's words."""
    return TrackerError(
        "error.not_saved",
        problem=Phrase(f"disk.{exc.problem}"),
        folder=str(exc.path.parent),
        detail=exc.detail,
    )
