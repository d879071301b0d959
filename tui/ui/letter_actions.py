"""The letter for the selected card (`w`): a mixin for the app that opens the preview
(tui/ui/letter_screen.py) and writes the letter to a file the user names.

Needs: self.tracker, self.t, self.notify, self.push_screen, self._selected_card,
self.tell_failure."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from tui.base.errors import TrackerError

if TYPE_CHECKING:  # loaded on the first `w`, not by the first frame
    from tui.domain.letter_text import LetterText
    from tui.library.letters import LetterBook


class LetterActions:
    # (shipped content folder, the user's config dir or None): where templates load
    # from (tui.library.letters); build_app sets it, None: the shipped ones only
    letter_dirs: tuple[Path, Path | None] | None = None
    _letters: LetterBook | None = None

    def letter_book(self) -> LetterBook:
        """The templates, loaded on the first letter; a template that fails its checks
        is said once (`cardoff-tui validate` names each) and left out."""
        if self._letters is None:
            from tui.base.paths import content_dir
            from tui.library.letters import load_letters

            shipped, user = self.letter_dirs or (content_dir(), None)
            self._letters, problems = load_letters(shipped, user)
            if problems:
                self.notify(
                    self.t("letter.templates_left_out", count=len(problems)), severity="warning"
                )
        return self._letters

    def action_letter(self) -> None:
        """The selected card's letter for its intent, in a preview to copy or save."""
        card = self._selected_card()
        if card is None:
            return
        from tui.domain.letter_text import write_letter
        from tui.ui.letter_screen import LetterScreen

        def write(kind: str | None) -> LetterText:
            return write_letter(self.tracker, card.id, self.letter_book(), self.t, kind)

        try:
            letter = write(None)
        except TrackerError as exc:  # no template fits, or the card went
            self.tell_failure(exc)
            return
        self.push_screen(LetterScreen(letter, write, self.ask_letter_path))
        if letter.caution:  # a cancel letter for a port-out, a refund of what is gone
            self.notify(letter.caution, severity="warning")

    def ask_letter_path(self, letter: LetterText) -> None:
        """Ask where to write `letter`; a file there already is replaced only after a
        yes to the question that names it."""
        from tui.ui.letter_screen import LetterPathScreen

        def save(values: Mapping[str, str]) -> tuple[Path, bool]:
            typed = values["path"].strip()
            if not typed:
                raise TrackerError("letter.path_required")
            path = Path(typed).expanduser().absolute()
            try:
                from tui.domain.letter_text import save_letter

                save_letter(path, letter.text)
            except TrackerError as exc:
                if exc.key != "letter.exists":
                    raise  # shown in the dialog, which keeps the path typed
                return path, False  # something is there: asked below
            self.notify(self.t("letter.written", path=str(path)))
            return path, True

        def saved(result: tuple[Path, bool] | None) -> None:
            if result is not None and not result[1]:
                self._ask_replace(result[0], letter)

        self.push_screen(LetterPathScreen(_suggested(letter), save), saved)

    def _ask_replace(self, path: Path, letter: LetterText) -> None:
        from tui.ui.dialogs import ConfirmDialog

        def answered(yes: bool | None) -> None:
            if not yes:
                self.notify(self.t("letter.left_as_it_was", path=str(path)))
                return
            from tui.domain.letter_text import save_letter

            try:
                save_letter(path, letter.text, replace=True)
            except TrackerError as exc:
                self.tell_failure(exc)
                return
            self.notify(self.t("letter.written", path=str(path)))

        question = ConfirmDialog(self.t("letter.replace", path=str(path)), unasked=True)
        self.push_screen(question, answered)


def _suggested(letter: LetterText) -> str:
    """The path first offered: letter-<kind>.txt in the folder the app was started in."""
    return str(Path.cwd() / f"letter-{letter.letter}.txt")
