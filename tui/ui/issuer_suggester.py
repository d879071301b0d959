"""The card form's issuer field offers a name from the directory as the user types
(Textual's Input suggester: it shows dimmed after the cursor, and → takes it), of the
card's kind, within the region and the place the form holds at that moment.

A name that begins with what is typed shows as its rest (`shang` + `hai Public
Transportation Card`). A name the text stands for but does not begin (an alias or a
short form typed whole, `工行`; a later word, `mobile`; a generic name, `社保`) shows
after an arrow (`工行 → 中国工商银行`), and → puts the name in place of the text:
Textual's Input would have drawn the name's characters past the typed text's length
(`工行工商银行`) and taken the name as it is, so the field here is an IssuerInput."""

from __future__ import annotations

from collections.abc import Callable

from textual.suggester import Suggester
from textual.widgets import Input

# (what is typed, the region as typed in the form, the kind's value) → the directory
# name to offer, or "" (the app's `complete_issuer`)
IssuerCompletion = Callable[[str, str, str], str]
KEPT = 64  # arrow suggestions remembered for → (the latest few keystrokes' are enough)


class IssuerSuggester(Suggester):
    """Asks `complete` for a name, with the form's region and kind from `context`
    (called on every keystroke, so a region changed meanwhile counts). Not cached: the
    same text completes differently in another region. `arrow(name)` is what follows
    the typed text when the name does not begin with it (" → 中国工商银行")."""

    def __init__(
        self,
        complete: IssuerCompletion,
        context: Callable[[], tuple[str, str]],
        arrow: Callable[[str], str],
    ):
        super().__init__(use_cache=False, case_sensitive=True)
        self._complete = complete
        self._context = context
        self._arrow = arrow
        self._stands_for: dict[str, str] = {}  # a suggestion shown with an arrow → its name

    async def get_suggestion(self, value: str) -> str | None:
        region, kind = self._context()
        name = self._complete(value, region, kind)
        if not name:
            return None
        if name.casefold().startswith(value.casefold()) and len(name) > len(value):
            return name  # Textual shows its rest after the text
        shown = value + self._arrow(name)
        if len(self._stands_for) >= KEPT:
            self._stands_for.clear()
        self._stands_for[shown] = name
        return shown

    def taken(self, suggestion: str) -> str:
        """What → puts in the field for `suggestion`: the name it shows."""
        return self._stands_for.get(suggestion, suggestion)


class IssuerInput(Input):
    """The issuer field: → at the end of the text takes the name the suggestion shows,
    which may not begin with the text (`工行 → 中国工商银行` becomes 中国工商银行)."""

    def action_cursor_right(self, select: bool = False) -> None:
        suggester = self.suggester
        if (
            not select
            and self.cursor_at_end
            and self._suggestion
            and isinstance(suggester, IssuerSuggester)
        ):
            self.value = suggester.taken(self._suggestion)
            self.cursor_position = len(self.value)
            return
        super().action_cursor_right(select)
