"""The card form's issuer field completes what is typed from the issuer directory
(Textual's Input suggester: the rest of the name shows dimmed after the cursor, and
→ or End takes it), within the region and kind the form holds at that moment."""

from __future__ import annotations

from collections.abc import Callable

from textual.suggester import Suggester

# (what is typed, the region as typed in the form, the kind's value) → a directory
# name that begins with it, or "" (the app's `complete_issuer`)
IssuerCompletion = Callable[[str, str, str], str]


class IssuerSuggester(Suggester):
    """Asks `complete` for a name, with the form's region and kind from `context`
    (called on every keystroke, so a region typed later counts). Not cached: the same
    text completes differently in another region."""

    def __init__(self, complete: IssuerCompletion, context: Callable[[], tuple[str, str]]):
        super().__init__(use_cache=False, case_sensitive=True)
        self._complete = complete
        self._context = context

    async def get_suggestion(self, value: str) -> str | None:
        region, kind = self._context()
        return self._complete(value, region, kind) or None
