"""The letter preview (`w` on a card): the cancellation, loss-report or refund letter
for the selected card (tui.domain.letter_text), to read, copy (OSC 52, as every copy
of the app: CardoffApp.copy_for_user) or write to a file (a path dialog; a file there
already is replaced only when the user says so). `t` shows the next kind of letter."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text as RichText
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from tui.domain.letter_text import LetterText
from tui.library.letters import LETTER_KINDS
from tui.ui.field_dialog import FieldDialog, Save
from tui.ui.labels import localise_bindings, set_content
from tui.ui.reading_screen import ReadingScreen, reading_bindings

Write = Callable[[str], LetterText]  # letter kind -> the letter (TrackerError: none fits)


class LetterScreen(ReadingScreen):
    """Shows `letter`; `write(kind)` gives the card's letter of another kind."""

    BINDINGS = [
        *reading_bindings("letter", "escape,q"),
        Binding("c", "copy", "Copy", id="letter.copy"),
        Binding("s", "save", "Save to file", id="letter.save"),
        Binding("t", "next_kind", "Other letter", id="letter.kind"),
    ]
    # the key bar keeps these longest (tui/ui/key_bar_fit.py), the first named last to go
    KEY_BAR_KEEPS = ("letter.close", "letter.copy", "letter.save", "letter.kind")

    def __init__(
        self, letter: LetterText, write: Write, save: Callable[[LetterText], None]
    ) -> None:
        super().__init__(classes="dialog")
        self.letter = letter
        self._write = write
        self._save = save

    def compose(self) -> ComposeResult:
        t = self.app.t
        localise_bindings(self, t)
        with Vertical(classes="dialog-box letter-box") as box:
            box.border_title = self.letter.title
            with VerticalScroll(id="letter-scroll"):
                yield Static(RichText(self.letter.text), id="letter-body", markup=False)
            yield Static(t("letter.hint"), classes="dialog-hint", markup=False)

    @property
    def text(self) -> str:
        """The letter as copied or written: subject, blank line, body."""
        return self.letter.text

    def action_copy(self) -> None:
        t = self.app.t
        copied = t("letter.copied", title=self.letter.title)
        self.app.copy_for_user(self.text, copied, by_hand=t("letter.by_hand"))

    def action_save(self) -> None:
        self._save(self.letter)

    def action_next_kind(self) -> None:
        """The card's next kind of letter (cancel, report-lost, refund, and round)."""
        from tui.base.errors import TrackerError, describe

        at = LETTER_KINDS.index(self.letter.letter) if self.letter.letter in LETTER_KINDS else -1
        for step in range(1, len(LETTER_KINDS)):
            kind = LETTER_KINDS[(at + step) % len(LETTER_KINDS)]
            try:
                self.letter = self._write(kind)
            except TrackerError as exc:  # no template for that one: try the next
                last = exc
                continue
            self.query_one(".letter-box").border_title = self.letter.title
            set_content(self.query_one("#letter-body", Static), RichText(self.letter.text))
            self.query_one("#letter-scroll", VerticalScroll).scroll_home(animate=False)
            if self.letter.caution:  # a refund asked of what is gone with a lost card
                self.app.notify(self.letter.caution, severity="warning")
            return
        self.app.notify(describe(last, self.app.t), severity="warning")


class LetterPathScreen(FieldDialog):
    """The file to write the letter to: one path field (`~` is the home folder)."""

    prefix = "letter-path"
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="letter_path.cancel"),
        Binding("ctrl+s", "save", "Save", id="letter_path.save"),
        Binding("enter", "enter_key", "Save", show=False, id="letter_path.enter", priority=True),
    ]

    def __init__(self, suggested: str, save: Save) -> None:
        super().__init__(("path",), save)
        self.suggested = suggested

    def compose(self) -> ComposeResult:
        t = self.app.t
        localise_bindings(self, t)
        with Vertical(classes="dialog-box form-box") as box:
            box.border_title = t("letter.path_title")
            yield Static(t("letter.path_body"), classes="dialog-question", markup=False)
            yield from self.field_rows(
                lambda _name: t("letter.path_label"), lambda _n: self.suggested
            )
            yield self.error_line()
            yield Static(t("letter.path_hint"), classes="dialog-hint", markup=False)
