"""Small modal screens: a yes/no question and a step's full detail."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from rich.text import Text as RichText
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Static

from tui.library.playbook import ChecklistItem
from tui.ui.dialog_screen import DialogScreen
from tui.ui.key_names import key_name, keys_together, mapped_key
from tui.ui.labels import localise_bindings
from tui.ui.line_breaks import answers_kept_whole
from tui.ui.steps_pane import step_detail


class ConfirmDialog(DialogScreen[bool]):
    """Asks before something the user may regret: y yes, n or Escape no; Enter presses
    the focused button, No unless `enter_yes` (the question before dropping what was
    typed in a dialog, whose yes is the Escape the user already pressed). `unasked`:
    a question the keys that led to it did not expect (it comes only when something is
    there already: a reference recorded, a file of that name), so keys typed before it
    showed are not taken as its answer (DialogScreen.unasked): a `y` typed ahead never
    replaces what the user did not know was there."""

    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="confirm.yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm.no"),
    ]

    def __init__(self, question: str, enter_yes: bool = False, unasked: bool = False) -> None:
        super().__init__(classes="dialog")
        self.question = question
        self.enter_yes = enter_yes
        self.unasked = unasked
        if enter_yes:
            self._show_enter_and_escape()

    def _show_enter_and_escape(self) -> None:
        """Enter and Escape answer too, as the question says: each gets a binding of its
        own, first in the bar's order (Enter, then Esc), and the key bar shows each answer
        once with all its keys (`_name_answers`). Enter still presses the focused button
        (Yes as the question opens); its binding comes first (priority) only so that the
        bar shows it over the button's own, unshown one."""
        enter = Binding("enter", "press_focused", "Yes", id="discard.enter", priority=True)
        escape = Binding("escape", "keep", "No", id="discard.escape")
        found = self._bindings.key_to_bindings
        ordered = {"enter": [enter], "y": found.pop("y", [])}
        ordered["escape"] = [escape, *found.pop("escape", [])]
        ordered["n"] = found.pop("n", [])
        found_rest = dict(found)
        found.clear()
        found.update(ordered)
        found.update(found_rest)

    def _name_answers(self, t) -> None:
        """The key bar groups each answer with its keys, as the question does: `Enter/y
        Yes  Esc/n No` (`回车/y 是  Esc/n 否`), y and n as config.yaml maps them; y and n
        are not shown apart."""
        keymap = getattr(self.app, "_keymap", {}) or {}
        yes = keys_together([key_name("enter", t), mapped_key("confirm.yes", keymap, t)])
        no = keys_together([key_name("escape", t), mapped_key("confirm.no", keymap, t)])
        shown = {"discard.enter": yes, "discard.escape": no}
        found = self._bindings.key_to_bindings
        for key, bindings in found.items():
            found[key] = [
                replace(b, key_display=shown[b.id]) if b.id in shown
                else replace(b, show=False) if b.id in ("confirm.yes", "confirm.no") else b
                for b in bindings
            ]

    def compose(self) -> ComposeResult:
        t = self.app.t
        localise_bindings(self, t)
        if self.enter_yes:
            self._name_answers(t)
        with Vertical(classes="dialog-box"):
            # the question names the card: its label is text as typed, never markup
            question = answers_kept_whole(self.question)
            yield Static(question, classes="dialog-question", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("button.yes"), id="yes", variant="error")
                yield Button(t("button.no"), id="no", variant="primary")

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#yes" if self.enter_yes else "#no", Button))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)

    def action_press_focused(self) -> None:
        focused = self.focused
        self.dismiss(focused.id == "yes" if isinstance(focused, Button) else True)

    def action_keep(self) -> None:
        self.dismiss(False)


class StepDetailScreen(DialogScreen[None]):
    """The whole of one step; space checks it from here too, by the same rule as in the
    list (`check(step_id)`: the item as it is now, or None when checking it asked for
    something first, a dialog over this one). `current(step_id)` reads the item again
    when this screen is back on top, and `hotline()` what to call (the steps pane's
    issuer text: a link made in the hotline search shows at once). h opens the hotline
    search for the card (`search()`), as h does in the list: the call text says
    "h searches" when the card's issuer links to no directory entry."""

    BINDINGS = [
        Binding("escape,enter,q", "close", "Close", id="detail.close"),
        Binding("space,x", "toggle", "Check", id="detail.toggle"),
        # the app's id: a key remapped for app.hotlines (config keymap) is remapped here
        # too, so the "h searches" of the call text names the key that works here
        Binding("h", "hotlines", "Hotlines", id="app.hotlines"),
    ]

    def __init__(self, item: ChecklistItem, check, current, hotline=None, search=None) -> None:
        super().__init__(classes="dialog")
        self.item = item
        self._check = check
        self._current = current
        self._hotline = hotline if callable(hotline) else (lambda: hotline)
        self.hotline = self._hotline()
        self._search = search

    def compose(self) -> ComposeResult:
        t = self.app.t
        localise_bindings(self, t)
        with Vertical(classes="dialog-box detail-box") as box:
            box.border_title = self.item.title.get(t.lang) or self.item.step_id
            with VerticalScroll():
                yield Static(self._body(), id="detail-body")
            yield Static(t("detail.hint"), classes="dialog-hint")

    def _body(self) -> RichText:
        return step_detail(self.item.step, self.item, self.app.t, self.hotline)

    def action_close(self) -> None:
        self.dismiss(None)

    def action_toggle(self) -> None:
        self._show(self._check(self.item.step_id))

    def action_hotlines(self) -> None:
        """The hotline search for this card, over this dialog."""
        if self._search is None:
            self.app.bell()
            return
        self._search()

    def on_screen_resume(self) -> None:
        """Back on top (a dialog that checking opened has closed): show the step and
        what to call as they are now."""
        self.steps_shown()

    def steps_shown(self) -> None:
        """The steps pane under this dialog was shown again (an issuer linked in the
        hotline search, a change from another session): follow it."""
        if self.is_mounted:
            self._show(self._current(self.item.step_id))

    def _show(self, item: ChecklistItem | None) -> None:
        hotline = self._hotline()
        if item is not None and (item != self.item or hotline != self.hotline):
            self.item = item
            self.hotline = hotline
            self.query_one("#detail-body", Static).update(self._body())


class NotCopiedDialog(DialogScreen[None]):
    """A copy that could not reach the clipboard (tui/base/clipboard_reach.py): why, what to
    copy by hand (`by_hand`; None for a secret, whose value is never shown here) with
    what goes with it (`notes`, (text, style) lines: a number's use, source and ⚠), and
    the line that lets copies through, when there is one. Enter or Escape closes."""

    BINDINGS = [Binding("escape,enter,q", "close", "Close", id="not_copied.close")]
    unasked = True  # shown instead of a copy: keys typed before it are not for it

    def __init__(
        self, reach, by_hand: str | None, notes: Sequence[tuple[str, str]] = ()
    ) -> None:
        super().__init__(classes="dialog")
        self.reach = reach
        self.by_hand = by_hand
        self.notes = tuple(notes)

    def compose(self) -> ComposeResult:
        t = self.app.t
        localise_bindings(self, t)
        place = self.reach.place.replace("-", "_")
        if self.reach.setting == "unknown":  # tmux could not be asked
            place += "_unknown"
        body = RichText(t(f"terminal.not_copied_{place}", setting=self.reach.setting) + "\n\n")
        if self.by_hand is None:
            body.append(t("terminal.reveal_by_hand") + "\n")
        else:
            body.append(t("terminal.copy_by_hand") + "\n")
            body.append(f"    {self.by_hand}\n", style="bold")
            for note, style in self.notes:  # the number's use, source and ⚠: as it is dialled
                body.append(f"    {note}\n", style=style or None)
        if self.reach.fix:
            body.append("\n" + t("terminal.tmux_fix") + "\n")
            body.append(f"    {self.reach.fix}\n", style="bold")
        with Vertical(classes="dialog-box") as box:
            box.border_title = t("terminal.not_copied_title")
            yield Static(body, classes="dialog-question", id="not-copied-body")
            yield Static(t("terminal.not_copied_hint"), classes="dialog-hint")

    def action_close(self) -> None:
        self.dismiss(None)
