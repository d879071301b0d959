"""A fault of Textual 8.2.8 (pinned in pyproject.toml) worked around in one place.

PageUp or PageDown on any OptionList that has no room on screen yet (a drop-down just
opened in a burst of keys, a list in a dialog at 40x10, the lost-wallet list while the
terminal is too small) raised KeyError: `OptionList._move_page` looks up the line of
the highlighted option, and the line table is only filled once the list has a size.
That takes down the whole app. It touches every list, Textual's own included (the
Select drop-down, SelectionList, the command palette), so it is fixed on the class:
with nothing laid out there is no page to move by, and the key does nothing.

Re-check on a Textual upgrade: `apply()` fails loudly if the method is gone.
"""

from __future__ import annotations

from textual.widgets import OptionList

_original_move_page = OptionList._move_page


def _move_page(self: OptionList, direction) -> None:
    highlighted = self.highlighted or 0
    if not self._lines or highlighted not in self._index_to_line:
        return  # not laid out yet: nothing to page through
    _original_move_page(self, direction)


def apply() -> None:
    """Install the fixes (idempotent)."""
    if OptionList._move_page is not _move_page:
        OptionList._move_page = _move_page
