"""The error a card field the user typed raises: which field, and the catalog key
saying why (tui.base.errors' family, shown by its one handler)."""

from __future__ import annotations

from tui.base.errors import CardoffError


class CardError(CardoffError, ValueError):
    """A card field the user typed is not acceptable; `field` names which one and
    `message_key` (the same as `key`) says why."""

    def __init__(self, field_name: str, message_key: str, **params: object) -> None:
        super().__init__(message_key, **params)
        self.args = (f"{field_name}: {message_key} {params}",)
        self.field = field_name
        self.message_key = message_key
