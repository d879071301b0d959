"""Dialogs for identifier storage: the offer of the encrypted file, its passphrase,
and picking which identifier to copy. They call back into the app; none of them
touches the keyring or the vault file itself."""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, OptionList, Static
from textual.widgets.option_list import Option

from tui.base.errors import CardoffError, describe
from tui.secrets.vault import MIN_PASSPHRASE
from tui.ui.background_work import off_ui_thread
from tui.ui.dialog_screen import DialogScreen
from tui.ui.labels import localise_bindings
from tui.ui.list_ends import StopList


class SecretsOffer(DialogScreen[bool]):
    """No keyring here: offer the encrypted file (True), or go on without identifiers
    (False, `n`). Escape backs out (None): nothing is decided. Keys typed before it
    showed are for what comes after it (`question_shown`, type_ahead.py)."""

    BINDINGS = [
        Binding("y", "answer(True)", "Use an encrypted file", id="offer.yes"),
        Binding("n", "answer(False)", "Not now", id="offer.no"),
        Binding("escape", "back", "Back", id="offer.back"),
    ]

    def __init__(self, reason: str) -> None:
        super().__init__(classes="dialog")
        self.reason = reason

    def compose(self) -> ComposeResult:
        t = self.app.t
        localise_bindings(self, t)
        with Vertical(classes="dialog-box") as box:
            box.border_title = t("secrets.offer_title")
            # the reason is keyring's own words ("[Errno 2] …"): text, not markup
            yield Static(
                t("secrets.offer_body", reason=self.reason), classes="dialog-question", markup=False
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("secrets.offer_yes"), id="yes", variant="primary")
                yield Button(t("secrets.offer_no"), id="no")

    def on_mount(self) -> None:
        self.app.question_shown()
        self.set_focus(self.query_one("#yes", Button))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)

    def action_back(self) -> None:
        self.dismiss(None)


class PassphraseScreen(DialogScreen[bool]):
    """Asks the vault passphrase (twice when creating). `submit` raises VaultError when
    it is refused; the dialog then says why and lets the user try again. True: open;
    False: "Not now" (the button); None: Escape, backing out. Keys typed before it
    showed are not typed into it (`question_shown`, type_ahead.py)."""

    BINDINGS = [
        Binding("escape", "cancel", "Back", id="passphrase.cancel"),
        # priority, so the focus has moved before the next typed key is handled
        Binding("enter", "enter_key", "Next", show=False, priority=True, id="passphrase.next"),
        Binding("tab", "app.focus_next", "Next", show=False, priority=True),
        Binding("shift+tab", "app.focus_previous", "Previous", show=False, priority=True),
    ]

    def __init__(self, submit: Callable[[str], object], create: bool, path: str) -> None:
        super().__init__(classes="dialog")
        self._submit = submit
        self.create = create
        self.path = path

    def compose(self) -> ComposeResult:
        t = self.app.t
        localise_bindings(self, t)
        mode = "create" if self.create else "unlock"
        with Vertical(classes="dialog-box") as box:
            box.border_title = t(f"secrets.{mode}_title")
            yield Static(  # a path may hold brackets: text, not markup
                t(f"secrets.{mode}_body", path=self.path, n=MIN_PASSPHRASE), markup=False
            )
            yield Input(password=True, id="passphrase", placeholder=t("secrets.passphrase"))
            if self.create:
                yield Input(password=True, id="again", placeholder=t("secrets.passphrase_again"))
            yield Static("", id="passphrase-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t(f"secrets.{mode}_button"), id="ok", variant="primary")
                yield Button(t("secrets.offer_no"), id="cancel")

    def on_mount(self) -> None:
        self.app.question_shown()
        self.set_focus(self.query_one("#passphrase", Input))

    def action_enter_key(self) -> None:
        if not isinstance(self.focused, Input):
            raise SkipAction()
        if self.create and self.focused.id == "passphrase":
            # set_focus is immediate (widget.focus() waits a turn), so type-ahead lands here
            self.set_focus(self.query_one("#again", Input))
        else:
            self._try()

    @on(Button.Pressed, "#ok")
    def _ok(self) -> None:
        self._try()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.dismiss(False)

    def action_cancel(self) -> None:
        self.dismiss(None)

    # the passphrase fields' values when the error under them was shown (None: no
    # error, or a line that is no error: "opening the file"): the error goes once
    # either holds something else
    _error_at: tuple[str, ...] | None = None

    def _error(self, message: str, typed: tuple[str, ...] | None = None) -> None:
        """`message` under the fields; an error about what they hold (`typed`, their
        values after the refusal) stays until one of them changes."""
        error = self.query_one("#passphrase-error", Static)
        error.update(message)
        error.add_class("visible")
        self._error_at = typed

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        values = tuple(box.value for box in self.query(Input))
        if self._error_at is not None and values != self._error_at:
            self._error_at = None
            error = self.query_one("#passphrase-error", Static)
            error.update("")
            error.remove_class("visible")

    def _try(self) -> None:
        t = self.app.t
        if self.query_one("#ok", Button).disabled:
            return  # already working on it
        passphrase = self.query_one("#passphrase", Input).value
        if self.create and passphrase != self.query_one("#again", Input).value:
            self.query_one("#again", Input).value = ""
            self._error(t("vault.mismatch"), tuple(box.value for box in self.query(Input)))
            self.set_focus(self.query_one("#again", Input))
            return
        self._error(t("secrets.working"))
        self.query_one("#ok", Button).disabled = True
        self.hold_keys(True)  # keys typed now are for what comes after the file opens
        self._run(passphrase)

    # the description keeps the passphrase out of the worker's repr (Textual's default
    # is the call with its arguments). A VaultError goes to tell_failure; any other
    # error ends the app through its crash handler (tui/ui/crash_handling.py), which
    # prints no values.
    @off_ui_thread(group="passphrase", description="opening the file")
    def _run(self, passphrase: str) -> None:
        self._submit(passphrase)
        self.app.call_from_thread(self.dismiss, True)

    def tell_failure(self, exc: CardoffError) -> None:
        """The file refused (a VaultError, say): why, under the fields, emptied for
        another try."""
        self.hold_keys(False)
        self.query_one("#ok", Button).disabled = False
        for box in self.query(Input):
            box.value = ""
        self._error(describe(exc, self.app.t), tuple("" for _ in self.query(Input)))
        self.set_focus(self.query_one("#passphrase", Input))


class CopyPicker(DialogScreen[str | None]):
    """Which identifier to copy, when a card has several."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="pick.cancel")]

    def __init__(self, choices: list[tuple[str, str]]) -> None:
        super().__init__(classes="dialog")
        self.choices = choices

    def compose(self) -> ComposeResult:
        t = self.app.t
        localise_bindings(self, t)
        with Vertical(classes="dialog-box") as box:
            box.border_title = t("secrets.copy_title")
            yield StopList(*(Option(label, id=name) for name, label in self.choices))

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
