"""The add/edit card form. It never saves by itself: it hands the fields to `save`
(the tracker, through the app) and shows whatever that refuses, keeping every
field as typed so nothing is lost."""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Select, Static, TextArea

from tui.model import LABEL_MAX, MASK_LEN, TEXT_MAX, Card, CardError, CardFields, Kind
from tui.tracker import TrackerError
from tui.ui.labels import localise_bindings

SaveCallback = Callable[[CardFields], Card]


class CardForm(ModalScreen[Card | None]):
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="form.cancel"),
        Binding("ctrl+s", "save", "Save", id="form.save"),
    ]

    def __init__(self, save: SaveCallback, intents_for, card: Card | None = None) -> None:
        super().__init__(classes="dialog")
        self._save = save
        self._intents_for = intents_for
        self._card = card

    def _row(self, label_key: str, widget) -> ComposeResult:
        with Horizontal(classes="form-row"):
            yield Label(self.app.t(label_key), classes="form-label")
            yield widget

    def compose(self) -> ComposeResult:
        t = self.app.t
        localise_bindings(self, t)
        fields = self._card.fields() if self._card else None
        kind = fields.kind if fields else Kind.ESIM.value
        kinds = [(t(f"kind.{k.value}"), k.value) for k in Kind]
        with VerticalScroll(classes="dialog-box form-box") as box:
            box.border_title = t("form.edit_title" if self._card else "form.add_title")
            yield from self._row(
                "field.label",
                Input(
                    fields.label if fields else "",
                    placeholder=t("form.label_placeholder"),
                    id="label",
                    compact=True,
                    max_length=LABEL_MAX,
                ),
            )
            yield from self._row(
                "field.kind", Select(kinds, value=kind, allow_blank=False, id="kind", compact=True)
            )
            yield from self._row(
                "field.intent",
                Select(
                    self._intent_options(kind),
                    value=fields.intent if fields else "cancel",
                    allow_blank=False,
                    id="intent",
                    compact=True,
                ),
            )
            for name, placeholder, limit in (
                ("issuer", "form.issuer_placeholder", TEXT_MAX),
                ("region", "form.region_placeholder", TEXT_MAX),
                ("masked_id", "form.masked_placeholder", None),
            ):
                value = getattr(fields, name) if fields else ""
                yield from self._row(
                    f"field.{name}",
                    Input(
                        value,
                        placeholder=t(placeholder, n=MASK_LEN),
                        id=name,
                        compact=True,
                        max_length=limit or 0,
                    ),
                )
            yield from self._row(
                "field.notes",
                TextArea(fields.notes if fields else "", id="notes", compact=True),
            )
            if self._card:
                yield Checkbox(t("form.abandoned"), fields.abandoned, id="abandoned", compact=True)
            yield Static("", id="form-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("button.save"), id="save", variant="primary", compact=True)
                yield Button(t("button.cancel"), id="cancel", compact=True)
            yield Static(t("form.hint"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#label", Input).focus()

    def _intent_options(self, kind: str) -> list[tuple[str, str]]:
        return [(self.app.t(f"intent.{i.value}"), i.value) for i in self._intents_for(kind)]

    @on(Select.Changed, "#kind")
    def _kind_changed(self, event: Select.Changed) -> None:
        intent = self.query_one("#intent", Select)
        current = intent.value
        options = self._intent_options(str(event.value))
        intent.set_options(options)
        values = [value for _, value in options]
        if current in values:
            intent.value = current
        elif values:
            intent.value = values[0]

    @on(Input.Submitted)
    def _next_field(self) -> None:
        self.focus_next()

    def fields(self) -> CardFields:
        def value(name: str) -> str:
            return self.query_one(f"#{name}", Input).value

        abandoned = self.query(Checkbox)
        return CardFields(
            label=value("label"),
            kind=str(self.query_one("#kind", Select).value),
            intent=str(self.query_one("#intent", Select).value),
            issuer=value("issuer"),
            region=value("region"),
            masked_id=value("masked_id"),
            notes=self.query_one("#notes", TextArea).text,
            abandoned=bool(abandoned and abandoned.first().value),
        )

    def _show_error(self, field_name: str, message: str) -> None:
        error = self.query_one("#form-error", Static)
        error.update(message)
        error.add_class("visible")
        target = self.query(f"#{field_name}")
        if target:
            target.first().focus()

    def action_save(self) -> None:
        t = self.app.t
        try:
            card = self._save(self.fields())
        except CardError as exc:
            label = t(f"field.{exc.field}")
            self._show_error(exc.field, f"{label}: {t(exc.message_key, **exc.params)}")
            return
        except TrackerError as exc:
            params = {
                k: t(f"{k}.{v}") if k in ("kind", "intent") else v for k, v in exc.params.items()
            }
            self._show_error("intent", t(exc.key, **params))
            return
        self.dismiss(card)

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()
