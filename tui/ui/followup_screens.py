"""Recording proof (reference, agent, when, note) and setting a follow-up date."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label, Static

from tui.base.money import money_text
from tui.records.amounts import owed
from tui.ui.dialog_screen import DialogScreen
from tui.ui.field_dialog import FieldDialog, Save
from tui.ui.labels import localise_bindings
from tui.ui.typed_keeper import KeepsTyped

EVIDENCE_FIELDS = ("reference", "agent", "when", "note")


class EvidenceScreen(FieldDialog):
    """Proof of what happened: all fields optional, at least one besides When needed;
    `save(values)` records it (see FieldDialog for a refusal)."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="evidence.cancel"),
        Binding("ctrl+s", "save", "Save", id="evidence.save"),
        Binding("enter", "enter_key", "Next field", id="evidence.next", priority=True),
    ]
    prefix = "ev"

    def __init__(self, title: str, now_text: str, save: Save) -> None:
        super().__init__(EVIDENCE_FIELDS, save)
        self.title_text = title
        self.now_text = now_text

    def compose(self) -> ComposeResult:
        t = self.app.t
        localise_bindings(self, t)
        with Vertical(classes="dialog-box") as box:
            box.border_title = Text(t("evidence.title", step=self.title_text))
            yield Static(t("evidence.body"))
            yield from self.field_rows(
                lambda name: t(f"evidence.{name}"),
                lambda name: self.now_text if name == "when" else "",
            )
            yield self.error_line()
            yield Static(t("evidence.hint"), classes="dialog-hint")


class FollowUpScreen(KeepsTyped, DialogScreen[tuple[bool, dt.date | None]]):
    """Returns (True, date or None to clear) or (False, None) when cancelled (Escape:
    at once while the field holds the date it opened with, else after asking)."""

    cancel_result = (False, None)

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="followup.cancel"),
        # Enter in the field saves (Input.Submitted); named in the key bar with ctrl+s
        Binding("ctrl+s,enter", "save", "Save", id="followup.save", priority=True),
    ]

    def __init__(self, label: str, current: str, today: dt.date) -> None:
        super().__init__(classes="dialog")
        self.label = label
        self.current = current
        self.today = today
        self._error_at: str | None = None  # what the field held when its error was shown

    def _examples(self) -> dict[str, str]:
        """Today as the field reads it: as the app shows dates (`example`: 3/1/26,
        2026/3/1) and as the language writes a day in full (`example_day`: 2026-03-01,
        2026年3月1日)."""
        from tui.base.clock import local_date

        day = self.today
        written = self.app.t("followup.example_day", iso=day.isoformat(), year=day.year,
                             month=day.month, day=day.day)
        return {"example": local_date(day), "example_day": written}

    def compose(self) -> ComposeResult:
        t = self.app.t
        localise_bindings(self, t)
        examples = self._examples()
        with Vertical(classes="dialog-box") as box:
            box.border_title = Text(t("followup.title", label=self.label))
            yield Static(t("followup.body", **examples, last=self.today.year + 1))
            yield Input(self.current, placeholder=t("followup.placeholder", **examples),
                        id="followup-date")
            yield Static("", id="followup-error")

    def on_mount(self) -> None:
        self.query_one(Input).select_on_focus = False
        self.set_focus(self.query_one(Input))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def on_input_changed(self, event: Input.Changed) -> None:
        """The error under the field goes once the field holds something else than
        when it was shown (a change still on its way from before the save carries the
        value it was about, and leaves it)."""
        if self._error_at is not None and event.value != self._error_at:
            self._error_at = None
            line = self.query_one("#followup-error", Static)
            line.update("")
            line.remove_class("visible")

    def _refuse(self, error: str) -> None:
        """`error` under the field, until the field changes or the next save."""
        self._error_at = self.query_one(Input).value
        line = self.query_one("#followup-error", Static)
        line.update(error)
        line.add_class("visible")

    def action_save(self) -> None:
        """Set the date typed (or clear it when empty); a date that cannot be read is
        said under the field and the dialog stays with what was typed."""
        from tui.base.clock import date_in_full, date_locale
        from tui.base.typed_moment import ShortYear, YearOutOfRange, read_day

        t = self.app.t
        try:
            when = read_day(self.query_one(Input).value, date_locale(), self.today)
        except ShortYear as exc:
            example = date_in_full(exc.meant or self.today)  # the user's own day, if any
            if exc.year is None:
                error = t("followup.short_year", example=example)
            else:
                error = t("followup.short_year_far", example=example, short=exc.short,
                          year=str(exc.year), first=str(exc.first), last=str(exc.last))
            self._refuse(error)
            return
        except YearOutOfRange as exc:
            self._refuse(t("followup.bad_year", first=exc.first, last=exc.last))
            return
        except ValueError:
            self._refuse(t("followup.bad_date", **self._examples()))
            return
        self.dismiss((True, when))


class MoneyScreen(FieldDialog):
    """What the issuer holds: balance and deposit, with the currency; or, in refund
    mode, an amount that came back (in the card's currency, asked when the card has
    none) and a note. `currency`: the card's currency, or its region's to offer ("":
    none known). `save(values)` saves them (see FieldDialog for a refusal)."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="money.cancel"),
        Binding("ctrl+s", "save", "Save", id="money.save"),
        Binding("enter", "enter_key", "Next field", id="money.next", priority=True),
    ]
    prefix = "money"

    def __init__(
        self,
        label: str,
        money: dict,
        save: Save,
        refund: bool = False,
        currency: str = "",
        held: Decimal | None = None,
        gone: bool = False,
        gone_note: str = "",
    ) -> None:
        """`held`: what is still owed on the card (tui.domain.money_owed.still_owed),
        said in refund mode; None: worked out from `money` alone. `gone`: what the
        card held is gone with it and not counted as owed (CardView.balance_gone, by
        tui.domain.money_owed's rule), said instead of "it comes back"; `gone_note`:
        the issuer's source on it (Issuer.bearer), quoted."""
        if not refund:
            names = ("balance", "deposit", "currency")
        elif money.get("currency"):  # the card's amounts are in it: not asked again
            names = ("amount", "note")
        else:
            names = ("amount", "currency", "note")
        super().__init__(names, save)
        self.label = label
        self.money = money
        self.refund = refund
        self.currency = money.get("currency") or currency
        self.held = owed(money) if held is None else held
        self.gone = gone
        self.gone_note = gone_note

    def compose(self) -> ComposeResult:
        t = self.app.t
        localise_bindings(self, t)
        mode = "refund" if self.refund else "money"
        with Vertical(classes="dialog-box") as box:
            box.border_title = Text(t(f"{mode}.title", label=self.label))
            yield Static(self._body_text())
            yield from self.field_rows(self._label_of, self._value_of)
            yield self.error_line()
            yield Static(t("money.hint"), classes="dialog-hint")

    def _body_text(self) -> str:
        """What the dialog is for: the amounts the issuer holds, which come back; or,
        for a card whose money is gone with it, what its issuer's source says and that
        what it held is not counted as owed (a refund: kept on record all the same)."""
        t = self.app.t
        if self.refund:
            return t("refund.body") + (t("refund.gone") if self.gone else self._held_text())
        if self.gone:
            return t("money.body_gone", note=self.gone_note)
        return t("money.body")

    def _held_text(self) -> str:
        """In refund mode, what the issuer still holds, after the body's sentence
        (" Still held: ¥12,000.")."""
        held = self.held if self.refund else 0
        if not held:
            return ""
        t = self.app.t
        return t("refund.held", amount=money_text(held, self.currency, t.lang))

    def _label_of(self, name: str) -> str:
        if name == "amount" and self.currency:
            return self.app.t("money.amount_in", currency=self.currency)
        return self.app.t(f"money.{name}")

    def _value_of(self, name: str) -> str:
        if name == "currency":
            return self.currency
        if self.refund or not self.money.get(name):
            return ""
        # as the app shows it, without the symbol: "12,000" (read back as typed)
        return money_text(self.money[name], self.money.get("currency", ""), self.app.t.lang,
                          symbol=False)

    def on_input_changed(self, event: Input.Changed) -> None:
        """The amount's label names the currency as it is typed."""
        if self.refund and event.input.id == "money-currency":
            self.currency = event.value.strip().upper()
            self._labels["amount"] = self._label_of("amount")
            self.query_one("#money-amount-label", Label).update(self._labels["amount"])
