"""A bank card's payment network (Visa, 银联 UnionPay, ...): the model's rules, the data
file (old files open unchanged, a bad value is set aside), the card form, its draft,
and CSV and JSON export and import."""

from __future__ import annotations

import csv
import io
import json

import pytest
from textual.widgets import Input, Select

from tests.damaged_corpus import card, good_file, write
from tests.helpers.pilot import settle, wait_until
from tui.domain.drafts import FormDraft, keep_draft
from tui.domain.export import export
from tui.domain.importer import import_file
from tui.domain.tracker import Tracker
from tui.records.card_error import CardError
from tui.records.card_fields import CardFields
from tui.records.card_networks import CARD_NETWORKS, NETWORK_ALIASES
from tui.records.kinds import Kind
from tui.records.model import Card
from tui.storage.store import DB_FILENAME, SCHEMA_VERSION, Store
from tui.ui.card_form import CardForm

SIZE = (80, 24)


def bank(network: str, kind: str = "bank", label: str = "Debit") -> CardFields:
    return CardFields(label, kind, "cancel", "Bank B", "HK", network=network)


def _tracker(store, content, clock) -> Tracker:
    return Tracker(store, content.playbooks, clock, issuers=content.issuers)


# the model


@pytest.mark.parametrize("network", ["", *CARD_NETWORKS])
def test_a_bank_card_keeps_each_network_offered(network, clock):
    made = Card.create(bank(network), clock())
    assert made.network == network
    assert made.fields().network == network
    assert Card.from_doc(made.to_doc()) == made


def test_the_offered_networks_are_those_issuers_declare_and_other(content):
    import yaml

    from tui.base.paths import content_dir

    schema = yaml.safe_load((content_dir() / "schema" / "issuer.schema.yaml").read_text())
    declared = schema["$defs"]["issuer"]["properties"]["network"]["enum"]
    assert list(CARD_NETWORKS) == [*declared, "other"]
    for lang in ("en", "zh-CN"):
        for name in ("none", *CARD_NETWORKS):
            assert content.strings[lang].get(f"network.{name}"), (lang, name)
        assert content.strings[lang].get("field.network")
        assert content.strings[lang].get("error.bad_network")
        assert content.strings[lang].get("csv_import.bad_network")
    assert set(NETWORK_ALIASES.values()) <= set(CARD_NETWORKS)


@pytest.mark.parametrize(
    "typed", ["Visa", "VISA", "visa electron", "maestro", "银联", "-", "visa,amex", "ｖｉｓａ"]
)
def test_a_bank_card_refuses_a_network_that_is_not_a_key(typed, clock):
    with pytest.raises(CardError) as caught:
        Card.create(bank(typed), clock())
    assert caught.value.field == "network" and caught.value.message_key == "error.bad_network"


def test_spaces_around_a_network_are_dropped(clock):
    assert Card.create(bank("  jcb "), clock()).network == "jcb"


@pytest.mark.parametrize("kind", [k.value for k in Kind if k is not Kind.BANK])
@pytest.mark.parametrize("network", ["visa", "not a network"])
def test_other_kinds_keep_no_network(kind, network, clock):
    """A network only means something on a bank card: any other kind stores "", even
    when handed one (a form switched from bank, a CSV row, a hand-edited file)."""
    made = Card.create(bank(network, kind=kind), clock())
    assert made.network == "" and made.to_doc()["network"] == ""
    doc = {**made.to_doc(), "network": "visa"}
    assert Card.from_doc(doc).network == ""


def test_a_card_doc_of_an_earlier_version_reads_as_not_given():
    """No `network` key: the card reads as before, with none given; written again, it
    holds exactly what it held, and network "" (and not carried in the wallet, not
    registered) besides."""
    doc = card("c1", "Old")
    assert "network" not in doc
    read = Card.from_doc(doc)
    # asked since
    later = {"network": "", "carried": False, "owner": "", "tags": [], "registered": False}
    assert read.network == "" and read.to_doc() == {**doc, **later}


def test_switching_a_bank_card_to_another_kind_drops_its_network(tracker):
    made = tracker.add_card(bank("amex"))
    edited = tracker.edit_card(made.id, bank("amex", kind="other"))
    assert edited.network == "" and tracker.store.card(made.id).network == ""


def test_giving_or_clearing_a_network_is_an_edit_and_is_logged(tracker):
    made = tracker.add_card(bank(""))
    tracker.edit_card(made.id, bank("unionpay"))
    assert tracker.store.card(made.id).network == "unionpay"
    tracker.edit_card(made.id, bank(""))
    assert tracker.store.card(made.id).network == ""
    edits = [e.params["fields"] for e in tracker.store.log(made.id) if e.event == "card.edited"]
    assert edits == [["network"], ["network"]]


def test_a_network_cleared_or_dropped_is_gone_from_the_file(tmp_path, content, clock):
    """The store merges a saved card into its stored doc: clearing the network, or
    switching the card to a kind that has none, must still leave no network there."""
    path = tmp_path / DB_FILENAME
    store = Store.open(path)
    tracker = _tracker(store, content, clock)
    made = tracker.add_card(bank("visa"))
    tracker.edit_card(made.id, bank(""))
    tracker.edit_card(made.id, bank("jcb"))
    tracker.edit_card(made.id, bank("jcb", kind="transit"))
    tracker.edit_card(made.id, bank("", kind="bank"))
    store.close()
    [doc] = json.loads(path.read_text())["cards"].values()
    assert doc["network"] == ""
    again = Store.open(path)
    assert again.card(made.id).network == ""
    again.close()


# the data file


def test_an_old_data_file_opens_unchanged(tmp_path, content, clock):
    """A file written before the network was asked (schema 4 and the current one, with
    no network on its cards, and older schemas 3 and 2) opens with no record set aside
    and every card without a network; opening does not rewrite a current file."""
    path = write(tmp_path / "v5", good_file(SCHEMA_VERSION))
    before = path.read_bytes()
    store = Store.open(path)
    assert store.damaged() == [] and [c.network for c in store.cards()] == ["", ""]
    store.close()
    assert path.read_bytes() == before

    for older in (4, 3, 2):
        store = Store.open(write(tmp_path / f"v{older}", good_file(older)))
        assert store.damaged() == [] and [c.network for c in store.cards()] == ["", ""]
        store.close()


def test_a_network_is_kept_in_the_file_and_read_back(tmp_path, content, clock):
    path = tmp_path / DB_FILENAME
    store = Store.open(path)
    made = _tracker(store, content, clock).add_card(bank("discover"))
    store.close()
    [doc] = json.loads(path.read_text())["cards"].values()
    assert doc["network"] == "discover"
    again = Store.open(path)
    assert again.card(made.id).network == "discover" and again.damaged() == []
    again.close()


def test_a_card_with_a_network_this_version_does_not_know_is_set_aside(tmp_path):
    data = good_file()
    data["cards"]["2"]["network"] = "Visa Electron"
    store = Store.open(write(tmp_path, data))
    [damaged] = store.damaged()
    assert (damaged.table, damaged.record_id) == ("cards", "c2")
    assert damaged.problem.startswith("network must be one of")
    assert [c.id for c in store.cards()] == ["c1"]
    store.close()


# the card form


async def _choose(pilot, select_id: str, steps: int) -> None:
    """Open the focused drop-down, move `steps` down (negative: up), pick."""
    assert pilot.app.focused is pilot.app.screen.query_one(f"#{select_id}", Select)
    keys = ["down"] * steps if steps > 0 else ["up"] * -steps
    await pilot.press("enter", *keys, "enter")


async def test_the_form_asks_a_bank_card_its_network_and_edit_keeps_it(make_app):
    """Tab reaches the network after Region; the choice is saved, and the edit form
    opens with it; a kind other than bank hides the field and saves no network."""
    store = Store.in_memory()
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a", *"Debit", "tab")
        form = app.screen
        assert isinstance(form, CardForm)
        row = form.query_one(".network-row")
        assert not row.display  # a new card starts as an eSIM
        await _choose(pilot, "kind", -2)  # esim -> bank
        assert form.query_one("#kind", Select).value == "bank" and row.display
        await pilot.press("tab", "tab", "tab", "tab")  # intent, issuer, region, network
        await _choose(pilot, "network", 3)  # — -> visa, mastercard, unionpay
        assert form.query_one("#network", Select).value == "unionpay"
        await pilot.press("tab")  # on to the card number (disabled here: no keyring), notes
        assert app.focused is form.query_one("#notes")
        assert form.query_one("#id-number", Input).disabled
        assert form.query_one("#network").region.bottom <= SIZE[1]  # on screen at 80x24
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, CardForm)
        [saved] = store.cards()
        assert saved.network == "unionpay"

        await pilot.press("e")
        form = app.screen
        assert isinstance(form, CardForm)
        assert form.query_one("#network", Select).value == "unionpay"
        assert form.unsaved() is None  # opened as saved: nothing to keep
        await pilot.press("tab")  # from the name to the kind
        await _choose(pilot, "kind", 1)  # bank -> social-security
        await wait_until(pilot, lambda: not form.query_one(".network-row").display, "hidden")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, CardForm)
    [saved] = store.cards()
    assert (saved.kind.value, saved.network) == ("social-security", "")


async def test_the_form_in_chinese_names_the_networks(make_app, content, clock):
    store = Store.in_memory()
    made = _tracker(store, content, clock).add_card(bank("unionpay"))
    app = make_app(store, lang="zh-CN")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        form = app.screen
        assert isinstance(form, CardForm)
        select = form.query_one("#network", Select)
        labels = [str(prompt) for prompt, _ in select._options]
        assert "银联 UnionPay" in labels and "其他" in labels and labels[0] == "—"
        assert "卡组织" in str(form.query_one(".network-row .form-label").render())
    assert store.card(made.id).network == "unionpay"


async def test_a_kept_form_keeps_its_network(tmp_path, make_app):
    """The draft kept when a session ends holds the network; a draft naming a network
    this version does not know opens with none given instead of failing."""
    data = tmp_path / "data"
    store = Store.open(data / DB_FILENAME)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a", *"Card", "tab")
        await wait_until(pilot, lambda: isinstance(app.screen, CardForm), "the form")
        await _choose(pilot, "kind", -2)  # esim -> bank
        app.screen.query_one("#network", Select).value = "jcb"
        app.keep_form_draft("SIGTERM")
    assert json.loads((data / "card-form.draft.json").read_text())["fields"]["network"] == "jcb"

    for kept, shown in (("jcb", "jcb"), ("laser", "")):
        fields = CardFields("Card", "bank", "cancel", network=kept)
        keep_draft(data, FormDraft(None, fields, "SIGTERM"))
        restored = make_app(store)
        async with restored.run_test(size=SIZE) as pilot:
            await wait_until(pilot, lambda: isinstance(pilot.app.screen, CardForm), "the form")
            await settle(pilot)
            assert restored.screen.query_one("#network", Select).value == shown
            assert restored.screen.query_one(".network-row").display
    store.close()


# export and import


def _seed(tracker: Tracker) -> None:
    tracker.add_card(bank("visa", label="Visa card"))
    tracker.add_card(bank("", label="No network"))
    tracker.add_card(CardFields("Metro", "transit", "cancel"))


def test_csv_export_imports_back_with_each_network(tmp_path, tracker, content, clock):
    _seed(tracker)
    for fmt in ("csv", "csv-excel"):
        path = tmp_path / f"{fmt}.csv"
        path.write_bytes(export(tracker, fmt))
        rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
        assert [r["network"] for r in rows] == ["visa", "", ""]
        target = Store.in_memory()
        result = import_file(_tracker(target, content, clock), path, strings=content.strings)
        assert result.written and not result.errors and not result.notes
        got = sorted((c.label, c.network) for c in target.cards())
        assert got == [("Metro", ""), ("No network", ""), ("Visa card", "visa")]
        again = import_file(_tracker(target, content, clock), path, strings=content.strings)
        assert len(again.already_rows) == 3 and len(target.cards()) == 3


def test_an_older_csv_without_the_column_matches_the_cards_it_made(tmp_path, tracker, content):
    """A file written before the column existed says nothing of networks: its rows are
    still the cards already there, even once those cards have a network."""
    path = tmp_path / "old.csv"
    path.write_text("label,kind,issuer,region\nDebit,bank,Bank B,HK\n", encoding="utf-8")
    first = import_file(tracker, path, strings=content.strings)
    assert first.written
    [made] = tracker.store.cards()
    tracker.edit_card(made.id, bank("mastercard"))
    again = import_file(tracker, path, strings=content.strings)
    assert again.already_rows == [2] and len(tracker.store.cards()) == 1


@pytest.mark.parametrize(
    ("cell", "network"),
    [
        ("VISA", "visa"),
        ("Master-Card", "mastercard"),
        ("银联", "unionpay"),
        ("银联 UnionPay", "unionpay"),
        ("American Express", "amex"),
        ("Diners Club", "diners"),
        ("其他", "other"),
        ("ＪＣＢ", "jcb"),
        ("—", ""),
        ("", ""),
    ],
)
def test_csv_import_reads_the_names_people_write(tmp_path, tracker, content, cell, network):
    path = tmp_path / "cards.csv"
    path.write_text(f"label,kind,network\nCard,bank,{cell}\n", encoding="utf-8")
    result = import_file(tracker, path, strings=content.strings)
    assert result.written and not result.errors and not result.notes
    [made] = tracker.store.cards()
    assert made.network == network


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_csv_import_reports_an_unknown_network_and_keeps_the_rest_of_the_row(
    tmp_path, tracker, content, lang
):
    path = tmp_path / "cards.csv"
    path.write_text(
        "label,kind,issuer,network\n"
        "Good,bank,Bank A,amex\n"
        "Odd,bank,Bank B,Laser\n"
        "Metro,transit,Metro C,Laser\n",
        encoding="utf-8",
    )
    result = import_file(tracker, path, strings=content.strings, lang=lang)
    assert result.written and result.errors == [] and result.kept_rows == [2, 3, 4]
    [(line, note)] = result.notes
    assert line == 3 and "Laser" in note
    assert ("imported without a network" if lang == "en" else "未填卡组织") in note
    assert ("American Express" if lang == "en" else "其他") in note  # the choices
    got = {c.label: (c.issuer, c.network) for c in tracker.store.cards()}
    assert got == {"Good": ("Bank A", "amex"), "Odd": ("Bank B", ""), "Metro": ("Metro C", "")}


def test_json_export_imports_back_with_its_network(tmp_path, tracker, content, clock):
    _seed(tracker)
    path = tmp_path / "export.json"
    path.write_bytes(export(tracker, "json"))
    docs = [entry["card"] for entry in json.loads(path.read_text())["cards"]]
    assert [d["network"] for d in docs] == ["visa", "", ""]
    target = Store.in_memory()
    result = import_file(_tracker(target, content, clock), path)
    assert result.written and not result.errors
    assert sorted(c.network for c in target.cards()) == ["", "", "visa"]


def test_json_import_refuses_a_card_with_an_unknown_network(tmp_path, store, content, clock):
    entries = [{"card": card("c7", "Fine")}, {"card": {**card("c8", "Bad"), "network": "VISA"}}]
    path = tmp_path / "export.json"
    path.write_text(json.dumps({"format": "cardoff-tui-export", "version": 1, "cards": entries}))
    result = import_file(_tracker(store, content, clock), path)
    [(line, message)] = result.errors
    assert line == 2 and message.startswith("card 2: network must be one of")
    assert [c.id for c in store.cards()] == ["c7"]


def test_the_markdown_report_names_the_network(tracker):
    _seed(tracker)
    report = export(tracker, "md").decode()
    assert report.count("**Card network:**") == 1 and "**Card network:** Visa" in report
