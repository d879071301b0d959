"""Recording proof (reference, agent, when, note) and setting a follow-up date."""

from __future__ import annotations

import datetime as dt

from rich.text import Text
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label, Static

from tui.ui.dialog_screen import DialogScreen
from tui.ui.labels import localise_bindings

EVIDENCE_FIELDS = ("reference", "agent", "when", "note")


def parse_follow_up(text: str, today: dt.date) -> dt.date | None:
    """'2026-12-01', '+3' (days from today) or '' (none); ValueError otherwise."""
    text = text.strip()
    if not text:
        return None
    if text.startswith("+") and text[1:].isdigit():
        return today + dt.timedelta(days=int(text[1:]))
    return dt.date.fromisoformat(text)


class EvidenceScreen(DialogScreen[dict | None]):
    """Proof of what happened: all fields optional, at least one needed."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="evidence.cancel"),
        Binding("ctrl+s", "save", "Save", id="evidence.save"),
        Binding("enter", "enter_key", "Next", show=False, priority=True),
    ]

    def __init__(self, title: str, now_text: str) -> None:
        super().__init__(classes="dialog")
        self.title_text = title
        self.now_text = now_text

    def compose(self) -> ComposeResult:
        t = self.app.t
        localise_bindings(self, t)
        with Vertical(classes="dialog-box") as box:
            box.border_title = Text(t("evidence.title", step=self.title_text))
            yield Static(t("evidence.body"))
            for name in EVIDENCE_FIELDS:
                with Horizontal(classes="form-row"):
                    yield Label(t(f"evidence.{name}"), classes="form-label")
                    value = self.now_text if name == "when" else ""
                    yield Input(value, id=f"ev-{name}", compact=True, max_length=200)
            yield Static("", id="evidence-error")
            yield Static(t("evidence.hint"), classes="dialog-hint")

    def on_mount(self) -> None:
        for box in self.query(Input):
            box.select_on_focus = False
        self.set_focus(self.query_one("#ev-reference", Input))

    def action_enter_key(self) -> None:
        if not isinstance(self.focused, Input):
            raise SkipAction()
        if self.focused.id == "ev-note":
            self.action_save()
        else:
            self.focus_next()

    def action_save(self) -> None:
        values = {name: self.query_one(f"#ev-{name}", Input).value for name in EVIDENCE_FIELDS}
        if not any(v.strip() for k, v in values.items() if k != "when"):
            self.query_one("#evidence-error", Static).update(self.app.t("error.evidence_empty"))
            return
        self.dismiss(values)

    def action_cancel(self) -> None:
        self.dismiss(None)


class FollowUpScreen(DialogScreen[tuple[bool, dt.date | None]]):
    """Returns (True, date or None to clear) or (False, None) when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="followup.cancel")]

    def __init__(self, label: str, current: str, today: dt.date) -> None:
        super().__init__(classes="dialog")
        self.label = label
        self.current = current
        self.today = today

    def compose(self) -> ComposeResult:
        t = self.app.t
        localise_bindings(self, t)
        with Vertical(classes="dialog-box") as box:
            box.border_title = Text(t("followup.title", label=self.label))
            yield Static(t("followup.body"))
            yield Input(self.current, placeholder="2026-12-01  ·  +7", id="followup-date")
            yield Static("", id="followup-error")

    def on_mount(self) -> None:
        self.query_one(Input).select_on_focus = False
        self.set_focus(self.query_one(Input))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        try:
            when = parse_follow_up(event.value, self.today)
        except ValueError:
            self.query_one("#followup-error", Static).update(self.app.t("followup.bad_date"))
            return
        self.dismiss((True, when))

    def action_cancel(self) -> None:
        self.dismiss((False, None))


class MoneyScreen(DialogScreen[dict | None]):
    """What the issuer holds: balance and deposit, with the currency; or, in refund
    mode, an amount that came back and a note."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="money.cancel"),
        Binding("ctrl+s", "save", "Save", id="money.save"),
        Binding("enter", "enter_key", "Next", show=False, priority=True),
    ]

    def __init__(self, label: str, money: dict, refund: bool = False) -> None:
        super().__init__(classes="dialog")
        self.label = label
        self.money = money
        self.refund = refund
        self.names = ("amount", "note") if refund else ("balance", "deposit", "currency")

    def compose(self) -> ComposeResult:
        t = self.app.t
        localise_bindings(self, t)
        mode = "refund" if self.refund else "money"
        currency = self.money.get("currency", "")
        with Vertical(classes="dialog-box") as box:
            box.border_title = Text(t(f"{mode}.title", label=self.label))
            yield Static(t(f"{mode}.body", currency=currency or "—"))
            for name in self.names:
                with Horizontal(classes="form-row"):
                    yield Label(t(f"money.{name}"), classes="form-label")
                    value = "" if self.refund else str(self.money.get(name, ""))
                    yield Input(value, id=f"money-{name}", compact=True, max_length=40)
            yield Static("", id="money-error")
            yield Static(t("evidence.hint"), classes="dialog-hint")

    def on_mount(self) -> None:
        for box in self.query(Input):
            box.select_on_focus = False
        self.set_focus(self.query_one(f"#money-{self.names[0]}", Input))

    def action_enter_key(self) -> None:
        if not isinstance(self.focused, Input):
            raise SkipAction()
        if self.focused.id == f"money-{self.names[-1]}":
            self.action_save()
        else:
            self.focus_next()

    def show_error(self, message: str) -> None:
        self.query_one("#money-error", Static).update(message)

    def action_save(self) -> None:
        self.dismiss({name: self.query_one(f"#money-{name}", Input).value for name in self.names})

    def action_cancel(self) -> None:
        self.dismiss(None)
