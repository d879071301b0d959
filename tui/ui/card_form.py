"""The add/edit card form. It never saves by itself: it hands the fields to `save`
(the tracker, through the app) and shows whatever that refuses, keeping every
field as typed so nothing is lost."""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Input, Select, Static, TextArea

from tui.base.errors import CardoffError, IdentifierError, TrackerError, describe
from tui.domain.reportable import registered_asked
from tui.records.card_error import CardError
from tui.records.card_fields import CardFields
from tui.records.identifiers import IDENTIFIER_FIELDS, IdentifierKind, identifier_kind
from tui.records.kinds import Kind
from tui.records.model import Card
from tui.ui.background_work import off_ui_thread
from tui.ui.card_form_rows import (
    ALL_IDENTIFIERS,
    form_row,
    form_select,
    identifier_rows,
    network_row,
)
from tui.ui.dialog_screen import DialogScreen
from tui.ui.form_messages import FieldMessages
from tui.ui.issuer_suggester import IssuerCompletion, IssuerInput, IssuerSuggester
from tui.ui.labels import localise_bindings
from tui.ui.pick_marks import TickBox
from tui.ui.text_guard import show_removed
from tui.ui.textual_fixes import apply_to_text_area
from tui.ui.typed_keeper import KeepsTyped

apply_to_text_area()  # the notes: a typed joiner (ZWJ, ZWNJ) is kept as in the fields

SaveCallback = Callable[[Card | None, CardFields, dict[str, str]], Card]
# (issuer as typed, region as typed, kind's value) → whether the card is asked whether
# it is registered (the app's `asks_registered`: Tracker.asks_registered)
RegisteredAsked = Callable[[str, str, str], bool]


class CardForm(KeepsTyped, FieldMessages, DialogScreen[Card | None]):
    """Escape (or Cancel) closes it at once while it holds what it opened with, and
    asks first once anything was typed or changed (KeepsTyped); a kept draft asks
    even untouched: what it holds was typed and never saved."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="form.cancel"),
        Binding("ctrl+s", "save", "Save", id="form.save"),
        # priority: Enter moves to the next field before the next key arrives, so fast
        # typing (or a paste) after Enter lands in the next field, never in this one
        Binding("enter", "enter_key", "Next field", id="form.next", priority=True),
        Binding("tab", "move(1)", "Next field", show=False, priority=True,
                id="form.next_field"),
        Binding("shift+tab", "move(-1)", "Previous field", show=False, priority=True,
                id="form.previous_field"),
        # a PIN is typed masked, as a password is; this shows (and hides again) what
        # was typed in the focused PIN field
        Binding("ctrl+r", "reveal", "Show/hide PIN", id="form.reveal", show=False),
    ]

    def __init__(
        self,
        save: SaveCallback,
        intents_for,
        card: Card | None = None,
        identifiers_off: str = "",
        draft: CardFields | None = None,
        note: str = "",
        complete_issuer: IssuerCompletion | None = None,
        asks_registered: RegisteredAsked | None = None,
    ) -> None:
        """`save(card, fields, identifiers)` adds (card None) or edits; `identifiers_off`
        says why identifier fields are disabled (empty: they are enabled). `draft` fills
        the fields instead of the card's (a form kept when a session ended), and `note`
        is shown under the fields from the start. `complete_issuer` suggests issuer
        names from the directory as they are typed (issuer_suggester.py);
        `asks_registered` says whether the card as typed is asked whether it is
        registered (a transit card, or one whose issuer has a bearer note), so that
        the question shows only then (without it: for transit cards)."""
        super().__init__(classes="dialog")
        self._save = save
        self._intents_for = intents_for
        self._card = card
        self._identifiers_off = identifiers_off
        self._draft = draft
        self.opened_unsaved = draft is not None
        self._note = note
        self._complete_issuer = complete_issuer
        self._asks_registered = asks_registered

    def compose(self) -> ComposeResult:
        t = self.app.t
        localise_bindings(self, t)
        fields = self._draft or (self._card.fields() if self._card else None)
        kind = fields.kind if fields else Kind.ESIM.value
        kinds = [(t(f"kind.{k.value}"), k.value) for k in Kind]
        with VerticalScroll(classes="dialog-box form-box") as box:
            box.border_title = t("form.edit_title" if self._card else "form.add_title")
            yield from form_row(
                t,
                "field.label",
                Input(
                    fields.label if fields else "",
                    placeholder=t("form.label_placeholder"),
                    id="label",
                    compact=True,
                ),
            )
            yield from form_row(t, "field.kind", form_select(t, kinds, kind, "kind"))
            intent = fields.intent if fields else "cancel"
            intents = form_select(t, self._intent_options(kind), intent, "intent")
            yield from form_row(t, "field.intent", intents)
            # the region before the issuer: the issuer field offers names of the
            # region's (and the place's: 上海) issuers, so a new card's region counts
            yield from form_row(
                t,
                "field.region",
                Input(
                    fields.region if fields else "",
                    placeholder=t("form.region_placeholder"),
                    id="region",
                    compact=True,
                ),
            )
            suggester = None
            if self._complete_issuer is not None:
                suggester = IssuerSuggester(
                    self._complete_issuer,
                    self._issuer_context,
                    lambda name: t("form.issuer_stands_for", name=name),
                )
            yield from form_row(
                t,
                "field.issuer",
                IssuerInput(
                    fields.issuer if fields else "",
                    placeholder=t("form.issuer_placeholder"),
                    id="issuer",
                    compact=True,
                    suggester=suggester,
                ),
            )
            yield from network_row(t, kind, fields.network if fields else "")
            stored = self._card.identifiers if self._card else {}
            yield from identifier_rows(t, kind, stored, self._identifiers_off)
            notes = TextArea(fields.notes if fields else "", id="notes", compact=True)
            notes.placeholder = t("form.notes_placeholder")  # notes are kept in clear
            yield from form_row(t, "field.notes", notes)
            # after the notes, so that the keys to the fields above stay as they were;
            # the owner "" is the user's own, the tags are kept as typed until saved
            for name in ("owner", "tags"):
                yield from form_row(
                    t,
                    f"field.{name}",
                    Input(
                        getattr(fields, name) if fields else "",
                        placeholder=t(f"form.{name}_placeholder"),
                        id=name,
                        compact=True,
                    ),
                )
            carried = fields.carried if fields else False
            yield TickBox(t("form.carried"), carried, id="carried", compact=True)
            # only for a card whose issuer says an unregistered card cannot be reported
            # lost (and every transit card): hidden, it keeps what it holds for the
            # card shown again, and the tracker keeps no mark for such a card
            registered = TickBox(
                t("form.registered"),
                fields.registered if fields else False,
                id="registered",
                compact=True,
            )
            registered.display = self._registered_asked(
                fields.issuer if fields else "", fields.region if fields else "", kind
            )
            yield registered
            if self._card:
                yield TickBox(t("form.abandoned"), fields.abandoned, id="abandoned", compact=True)
            yield Static("", id="form-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("button.save"), id="save", variant="primary", compact=True)
                yield Button(t("button.cancel"), id="cancel", compact=True)
            yield Static(t("form.hint"), classes="dialog-hint")

    def _issuer_context(self) -> tuple[str, str]:
        """The region as typed and the kind, as the form holds them now ("" for a
        field not there: a suggestion asked for while the form is built or closing)."""
        kinds, regions = self.query("#kind").results(Select), self.query("#region").results(Input)
        kind = next(kinds, None)
        region = next(regions, None)
        value = kind.value if kind is not None else ""
        return (region.value if region is not None else ""), value if isinstance(value, str) else ""

    def action_reveal(self) -> None:
        """Show what was typed in the focused PIN field, or mask it again."""
        box = self.focused
        if isinstance(box, Input) and box.id and box.id.startswith("id-"):
            if identifier_kind(box.id.removeprefix("id-")) is IdentifierKind.SECRET:
                box.password = not box.password

    def on_mount(self) -> None:
        # typing into a field adds to what is there: select-all on focus would let one
        # stray key wipe a saved name
        for box in self.query(Input):
            box.select_on_focus = False
        self.set_focus(self.query_one("#label", Input))
        if self._note:
            self.show_note(self._note)

    def unsaved(self) -> tuple[Card | None, CardFields, bool] | None:
        """What the form holds that is not saved: (the card being edited or None, the
        fields, whether identifiers were typed), or None when it holds nothing more
        than it opened with. A form not mounted yet holds nothing typed (keys typed
        meanwhile wait until it is: type_ahead.py), and its fields may not be there:
        None (a draft it was opened with is still on disk)."""
        if not self.is_mounted:
            return None
        fields = self.fields()
        typed_identifiers = bool(self.identifiers())
        typed = (fields.label, fields.issuer, fields.region, fields.notes)
        typed += (fields.owner, fields.tags)
        if self._card is None:
            untouched = not any(text.strip() for text in typed)
        else:
            untouched = fields == self._card.fields()
        if self._draft is None and not typed_identifiers and untouched:
            return None
        return self._card, fields, typed_identifiers

    def _registered_asked(self, issuer: str, region: str, kind: str) -> bool:
        if self._asks_registered is None:
            return registered_asked(kind, None)
        return self._asks_registered(issuer, region, kind)

    @on(Input.Changed, "#issuer")
    @on(Input.Changed, "#region")
    def _show_registered(self) -> None:
        """The question whether the card is registered shows for the card as it is
        typed now: its kind, and the issuer its issuer and region link to."""
        kind = self.query_one("#kind", Select).value
        issuer = self.query_one("#issuer", Input).value
        region = self.query_one("#region", Input).value
        asked = self._registered_asked(issuer, region, kind if isinstance(kind, str) else "")
        self.query_one("#registered", TickBox).display = asked

    def _show_rows_for_kind(self, kind: str) -> None:
        """The network and identifier rows of `kind` show; the others hide."""
        self.query_one(".network-row").display = kind == Kind.BANK.value
        wanted = IDENTIFIER_FIELDS[Kind(kind)]
        for name in ALL_IDENTIFIERS:
            self.query_one(f".id-{name}").display = name in wanted

    def _intent_options(self, kind: str) -> list[tuple[str, str]]:
        return [(self.app.t(f"intent.{i.value}"), i.value) for i in self._intents_for(kind)]

    @on(Select.Changed, "#kind")
    def _kind_changed(self, event: Select.Changed) -> None:
        self._show_rows_for_kind(str(event.value))
        self._show_registered()
        intent = self.query_one("#intent", Select)
        current = intent.value
        options = self._intent_options(str(event.value))
        intent.set_options(options)
        values = [value for _, value in options]
        if current in values:
            intent.value = current
        elif values:
            intent.value = values[0]

    def action_move(self, step: int) -> None:
        if type(self.focused).__name__ == "SelectOverlay":
            raise SkipAction()  # an open drop-down list handles its own keys
        self.focus_next() if step > 0 else self.focus_previous()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Enter moves to the next field from a one-line field only: the key bar names
        it there and nowhere else (in the notes it starts a new line, on a button it
        presses it, on a list it opens it)."""
        if action == "enter_key":
            return isinstance(self.focused, Input)
        return True

    def action_enter_key(self) -> None:
        if not isinstance(self.focused, Input):
            raise SkipAction()  # Enter keeps its meaning on lists, buttons and notes
        self.focus_next()

    def fields(self) -> CardFields:
        def value(name: str) -> str:
            return self.query_one(f"#{name}", Input).value

        abandoned = self.query("#abandoned")
        kind = str(self.query_one("#kind", Select).value)
        # hidden for other kinds: what it holds stays for a switch back, but is not saved
        network = self.query_one("#network", Select).value if kind == Kind.BANK.value else ""
        return CardFields(
            label=value("label"),
            kind=kind,
            intent=str(self.query_one("#intent", Select).value),
            issuer=value("issuer"),
            region=value("region"),
            notes=self.query_one("#notes", TextArea).text,
            abandoned=bool(abandoned and abandoned.first().value),
            network=str(network),
            carried=self.query_one("#carried", TickBox).value,
            owner=value("owner"),
            tags=value("tags"),
            registered=self.query_one("#registered", TickBox).value,
        )

    @on(TextArea.Changed, "#notes")
    def _notes_changed(self, event: TextArea.Changed) -> None:
        show_removed(self.app, event.text_area)

    @on(Input.Changed)
    @on(Select.Changed)
    @on(TextArea.Changed)
    def _field_changed(self, event: Input.Changed | Select.Changed | TextArea.Changed) -> None:
        self.forget_error_if_changed(event.control)

    def identifiers(self) -> dict[str, str]:
        """The identifiers typed for this kind (hidden rows of other kinds are ignored)."""
        kind = Kind(str(self.query_one("#kind", Select).value))
        return {
            name: self.query_one(f"#id-{name}", Input).value
            for name in IDENTIFIER_FIELDS[kind]
            if self.query_one(f"#id-{name}", Input).value.strip()
        }

    def action_save(self) -> None:
        if self.query_one("#save", Button).disabled:
            return  # a save is under way
        self.query_one("#save", Button).disabled = True
        self.hold_keys(True)  # keys typed now are for what comes after the save
        card, fields, identifiers = self._card, self.fields(), self.identifiers()
        if identifiers:  # the encrypted file may have locked itself while the form was open
            self.app.unlock_before_saving(lambda: self._run_save(card, fields, identifiers))
        else:
            self._run_save(card, fields, identifiers)

    # the description stands in for Textual's default, the call with its arguments:
    # the typed identifiers would be in every repr of the worker
    @off_ui_thread(group="card-form", description="saving a card")
    def _run_save(self, card: Card | None, fields: CardFields, identifiers: dict[str, str]):
        """Saving may wait on the keyring, so it runs off the UI thread; a refusal goes
        to tell_failure."""
        saved = self._save(card, fields, identifiers)
        self.app.call_from_thread(self._saved, saved)

    def _saved(self, card: Card) -> None:
        if self.answered:  # closed while the save waited (on a slow keyring): show it anyway
            self.app.card_saved_partly(card)
        else:
            self.dismiss(card)

    def tell_failure(self, exc: CardoffError | IdentifierError) -> None:
        """The save refused (off_ui_thread hands it here): the error beside the field it
        concerns, the form open with everything typed."""
        t = self.app.t
        self.hold_keys(False)  # the keys typed meanwhile go to the form, at the error
        self.query_one("#save", Button).disabled = False
        if isinstance(exc, CardError):
            target = f"id-{exc.field}" if exc.field in ALL_IDENTIFIERS else exc.field
            label = t(f"field.{exc.field}")
            self._show_error(target, t("text.labelled", label=label, value=describe(exc, t)))
        elif isinstance(exc, IdentifierError):
            # the card itself is saved: from now on this form edits it, and Save retries
            self._card = exc.card
            self.query_one(".form-box").border_title = t("form.edit_title")
            self.app.card_saved_partly(exc.card)
            reason = describe(exc.error, t)
            message = t("form.identifier_failed", field=t(f"field.{exc.field}"), reason=reason)
            self._show_error(f"id-{exc.field}", message)
        elif isinstance(exc, TrackerError):
            params = {
                k: t(f"{k}.{v}") if k in ("kind", "intent") else v for k, v in exc.params.items()
            }
            target = "intent" if exc.key == "error.no_playbook" else "save"
            key = exc.key
            if key == "error.not_saved":  # the disk refused it: say what was not saved
                key = "form.changes_not_saved" if self._card else "form.card_not_saved"
            self._show_error(target, t(key, **params))
        else:  # a secrets backend's refusal, say
            self._show_error("save", describe(exc, t))

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

