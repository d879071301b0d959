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


class CardErrors(CardError):
    """Several fields the user typed are not acceptable, each said at once beside its
    own field: `errors`, one CardError a field, in the order they were read. As a
    CardError it is the first of them (its `field`, `key` and `params`), for a caller
    that shows one."""

    def __init__(self, errors: list[CardError]) -> None:
        first = errors[0]
        super().__init__(first.field, first.message_key, **first.params)
        self.errors = tuple(errors)


class FieldChecks:
    """Reads the fields of one save, keeping each field's CardError rather than stopping
    at the first, so that a dialog can show every refusal beside its field:

        checks = FieldChecks()
        balance = checks.read(parse_amount, typed, "balance")
        ...
        checks.done()  # raises the one CardError, or CardErrors for several
    """

    def __init__(self) -> None:
        self.errors: list[CardError] = []

    def read(self, check, *args, **kwargs):
        """What `check(*args, **kwargs)` gives; None when it raises a CardError, which is
        kept for done()."""
        try:
            return check(*args, **kwargs)
        except CardError as exc:
            self.errors.append(exc)
            return None

    def refuse(self, error: CardError) -> None:
        """Keep `error` for done() (a rule checked by the caller)."""
        self.errors.append(error)

    def failed(self, field_name: str) -> bool:
        return any(error.field == field_name for error in self.errors)

    def done(self) -> None:
        """Raise what was kept: the CardError alone, or CardErrors for several."""
        if len(self.errors) == 1:
            raise self.errors[0]
        if self.errors:
            raise CardErrors(self.errors)
