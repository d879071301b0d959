"""The card form's rows: a label beside its field, each drop-down built one way
(kind, intent, network), the bank card's network row, and the identifier rows, each
shown only for the kinds of card that carry it."""

from __future__ import annotations

from collections.abc import Mapping

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Input, Label, Select, Static

from tui.base.i18n import Catalog
from tui.records.card_networks import CARD_NETWORKS
from tui.records.identifiers import IDENTIFIER_FIELDS, Identifier, IdentifierKind, identifier_kind
from tui.records.kinds import Kind

ALL_IDENTIFIERS = tuple(dict.fromkeys(n for names in IDENTIFIER_FIELDS.values() for n in names))


def form_row(t: Catalog, label_key: str, widget) -> ComposeResult:
    """A row of the form: the field's label (the catalog's `label_key`), then `widget`."""
    with Horizontal(classes="form-row"):
        yield Label(t(label_key), classes="form-label")
        yield widget


def form_select(
    t: Catalog, options: list[tuple[str, str]], value: str, widget_id: str
) -> Select:
    """A drop-down of the form (kind, intent, network): compact, never blank, holding
    `value` to start with."""
    return Select(
        options,
        prompt=t("form.select_prompt"),
        value=value,
        allow_blank=False,
        id=widget_id,
        compact=True,
    )


def network_row(t: Catalog, kind: str, network: str) -> ComposeResult:
    """The card network, asked of a bank card only (hidden for other kinds, and then
    not saved); "" is "not given". A value this version does not know (a draft
    edited by hand) starts as not given."""
    options = [(t("network.none"), "")] + [(t(f"network.{n}"), n) for n in CARD_NETWORKS]
    select = form_select(t, options, network if network in CARD_NETWORKS else "", "network")
    with Horizontal(classes="form-row network-row") as row:
        row.display = kind == Kind.BANK.value
        yield Label(t("field.network"), classes="form-label")
        yield select


def identifier_rows(
    t: Catalog, kind: str, stored: Mapping[str, Identifier], off: str
) -> ComposeResult:
    """A row for every identifier field, those of `kind` shown: what is `stored` of
    each as its placeholder (the last 4 of a number; of a PIN, only where it is kept),
    and, when identifiers cannot be saved now, `off` (why) under them, the fields
    disabled."""
    for name in ALL_IDENTIFIERS:
        if name in stored and stored[name].masked is None:  # a PIN: nothing of it shown
            placeholder = t("form.secret_stored", place=t(f"place.{stored[name].kept_in}"))
        elif name in stored:
            placeholder = t("form.identifier_stored", masked=stored[name].masked)
        else:
            placeholder = t(f"form.{name}_placeholder")
        box = Input(
            placeholder=placeholder,
            id=f"id-{name}",
            compact=True,
            disabled=bool(off),
            # a PIN is masked like a password (ctrl+r shows it); a number stays
            # readable, to be checked against the card as it is typed
            password=identifier_kind(name) is IdentifierKind.SECRET,
        )
        with Horizontal(classes=f"form-row identifier-row id-{name}") as row:
            row.display = name in IDENTIFIER_FIELDS[Kind(kind)]
            yield Label(t(f"field.{name}"), classes="form-label")
            yield box
    if off:
        yield Static(off, id="identifiers-off")
