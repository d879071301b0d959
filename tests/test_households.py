"""Households: a card's owner and tags as they are typed, kept, upgraded from an older
data file, ordered, and carried through CSV and JSON export and import."""

from __future__ import annotations

import json

import pytest

from tui.domain.card_order import ORDERS, next_order, ordered
from tui.domain.export import to_csv, to_json
from tui.domain.importer import import_file
from tui.domain.totals import Totals
from tui.domain.tracker import Tracker
from tui.records.card_error import CardError
from tui.records.card_fields import CardFields
from tui.records.household import OWNER_MAX, TAG_MAX, TAGS_MAX, parse_tags
from tui.records.record_schema import SCHEMA_VERSION
from tui.storage.store import DB_FILENAME, Store


def _fields(label="Card", owner="", tags="", **more) -> CardFields:
    return CardFields(label, more.pop("kind", "bank"), "cancel", owner=owner, tags=tags, **more)


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("", ""),
        ("me", ""),
        (" ME ", ""),
        ("我", ""),
        ("  Mum  ", "Mum"),
        ("Aunt\tJo", "Aunt Jo"),
        ("Da\u202ed", "Dad"),  # a bidi override is removed, as from every text field
        ("妈妈", "妈妈"),
    ],
)
def test_the_owner_is_kept_cleaned_and_me_is_the_users_own(typed, kept):
    assert _fields(owner=typed).cleaned().owner == kept


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("", ()),
        ("moving", ("moving",)),
        ("moving, 2026", ("moving", "2026")),
        ("moving 2026", ("moving", "2026")),
        (" moving,,  2026 ;urgent ", ("moving", "2026", "urgent")),
        ("搬家，紧急、2026", ("搬家", "紧急", "2026")),
        ("Moving moving MOVING", ("Moving",)),  # repeats go, the first spelling stays
        ("a\x1b[31mb", ("ab",)),  # no escape sequence reaches the screen, nor its text
    ],
)
def test_tags_are_words_separated_by_commas_or_spaces(typed, kept):
    assert parse_tags(typed) == kept
    card_fields = _fields(tags=typed).cleaned()
    assert parse_tags(card_fields.tags) == kept  # what is kept reads back the same


@pytest.mark.parametrize(
    ("owner", "tags", "field", "key"),
    [
        ("x" * (OWNER_MAX + 1), "", "owner", "error.too_long"),
        ("", "y" * (TAG_MAX + 1), "tags", "error.tag_too_long"),
        ("", " ".join(f"t{n}" for n in range(TAGS_MAX + 1)), "tags", "error.too_many_tags"),
    ],
)
def test_an_owner_or_tags_that_cannot_be_kept_name_their_field(owner, tags, field, key):
    with pytest.raises(CardError) as caught:
        _fields(owner=owner, tags=tags).cleaned()
    assert caught.value.field == field and caught.value.message_key == key


def test_a_card_keeps_its_owner_and_tags_in_the_store(tmp_path, content, clock):
    path = tmp_path / DB_FILENAME
    store = Store.open(path)
    tracker = Tracker(store, content.playbooks, clock)
    card = tracker.add_card(_fields(owner="Mum", tags="moving, 2026"))
    store.close()
    again = Store.open(path)
    [kept] = again.cards()
    assert (kept.owner, kept.tags) == ("Mum", ("moving", "2026"))
    assert kept == card
    again.close()


V4_CARD = {
    "id": "c1",
    "label": "Old eSIM",
    "kind": "esim",
    "intent": "cancel",
    "issuer": "China Mobile",
    "region": "CN",
    "network": "",
    "identifiers": {},
    "follow_up": "",
    "money": {},
    "notes": "the family plan",
    "abandoned": False,
    "carried": False,
    "created": "2026-01-01T00:00:00+00:00",
    "updated": "2026-01-01T00:00:00+00:00",
}


def test_a_file_of_the_previous_schema_opens_as_the_users_own_cards_without_tags(tmp_path):
    """Schema 4 had no owner or tags: its cards were the user's, and open as such."""
    assert SCHEMA_VERSION == 5
    path = tmp_path / DB_FILENAME
    v4 = {
        "cards": {"1": V4_CARD},
        "progress": {"1": {"card_id": "c1", "checklists": {"esim/cancel": {}}}},
        "log": {},
        "meta": {"1": {"schema_version": 4}},
    }
    path.write_text(json.dumps(v4), encoding="utf-8")
    store = Store.open(path)
    assert store.schema_version == SCHEMA_VERSION
    assert not store.damaged(texts=False)
    [card] = store.cards()
    assert (card.owner, card.tags) == ("", ())
    assert (card.label, card.issuer, card.notes) == ("Old eSIM", "China Mobile", "the family plan")
    store.close()
    raw = json.loads(path.read_text())
    [stored] = raw["cards"].values()
    assert (stored["owner"], stored["tags"]) == ("", [])
    assert {k: v for k, v in stored.items() if k not in ("owner", "tags")} == V4_CARD
    assert [m["schema_version"] for m in raw["meta"].values()] == [5]


def test_the_orders_cycle_and_ties_keep_the_order_added(tracker):
    assert [next_order(o) for o in ORDERS] == [*ORDERS[1:], ORDERS[0]]
    for label, owner, issuer in [("b", "Mum", "Zeta"), ("a", "", ""), ("c", "dad", "Alpha")]:
        tracker.add_card(_fields(label, owner=owner, issuer=issuer))
    views = tracker.views()

    def labels(order, grouped=False):
        return [v.card.label for v in ordered(views, order, grouped)]

    assert labels("none") == ["b", "a", "c"]
    assert labels("label") == ["a", "b", "c"]
    assert labels("owner") == ["a", "c", "b"]  # the user's own first, then dad, Mum
    assert labels("issuer") == ["c", "b", "a"]  # no issuer last
    assert labels("label", grouped=True) == ["a", "c", "b"]


def test_totals_count_cards_done_by_owner(tracker):
    for label, owner in [("a", ""), ("b", "Mum"), ("c", "Mum")]:
        tracker.add_card(_fields(label, owner=owner))
    views = tracker.views()
    totals = Totals(views)
    assert totals.by_owner == [("", 0, 1), ("Mum", 0, 2)]
    b = next(v for v in views if v.card.label == "b")
    for item in b.items:
        tracker.toggle_step(b.card.id, item.step_id)
    totals.replace(b, tracker.view(b.card.id))
    assert totals.by_owner == [("", 0, 1), ("Mum", 1, 2)]


CARDS = [
    ("Mum's bank card", "Mum", "moving, 2026"),
    ("My transit card", "", "moving"),
    ("Dad's eSIM", "Dad", ""),
    ("Formula card", "=Gran", "-urgent"),  # guarded against spreadsheet formulas
]


@pytest.mark.parametrize("fmt", ["csv", "csv-excel", "json"])
def test_owner_and_tags_round_trip_through_export_and_import(tmp_path, content, clock, fmt):
    tracker = Tracker(Store.in_memory(), content.playbooks, clock)
    for label, owner, tags in CARDS:
        tracker.add_card(_fields(label, owner=owner, tags=tags))
    if fmt == "json":
        text, name = to_json(tracker), "cards.json"
    else:
        text, name = to_csv(tracker), "cards.csv"
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8-sig" if fmt == "csv-excel" else "utf-8"))
    empty = Tracker(Store.in_memory(), content.playbooks, clock)
    result = import_file(empty, path, strings=content.strings)
    assert not result.errors, result.errors
    got = sorted((c.label, c.owner, c.tags) for c in empty.cards())
    want = sorted((label, owner, parse_tags(tags)) for label, owner, tags in CARDS)
    assert got == want
    again = import_file(empty, path, strings=content.strings)
    assert len(empty.cards()) == len(CARDS), getattr(again, "summary", again.errors)


def test_csv_import_reads_owner_and_tags_and_names_a_bad_tag(tmp_path, content, tracker):
    path = tmp_path / "cards.csv"
    path.write_text(
        "label,kind,owner,tags\n"
        "Bank card,bank,Mum,\"moving, 2026\"\n"
        "Transit,transit,me,\n"
        f"Bad,bank,Dad,{'x' * (TAG_MAX + 1)}\n",
        encoding="utf-8",
    )
    result = import_file(tracker, path, strings=content.strings)
    cards = {c.label: (c.owner, c.tags) for c in tracker.cards()}
    assert cards == {"Bank card": ("Mum", ("moving", "2026")), "Transit": ("", ())}
    [(line, message)] = result.errors
    assert line == 4 and "tags" in message and str(TAG_MAX) in message


def test_a_csv_without_owner_or_tags_still_matches_the_cards_it_made(tmp_path, content, tracker):
    """A file written before owner and tags were asked imports once, not twice, even
    after the cards it made were given owners."""
    path = tmp_path / "old.csv"
    path.write_text("label,kind\nBank card,bank\n", encoding="utf-8")
    import_file(tracker, path, strings=content.strings)
    [card] = tracker.cards()
    tracker.edit_card(card.id, _fields("Bank card", owner="Mum", tags="x"))
    result = import_file(tracker, path, strings=content.strings)
    assert len(tracker.cards()) == 1 and result.already_rows == [2]


def test_the_report_names_the_owner_and_tags_of_a_card_not_the_users(content, tracker):
    from tui.base.i18n import Catalog
    from tui.domain.export import to_markdown

    tracker.add_card(_fields("Mum's card", owner="Mum", tags="moving, 2026"))
    tracker.add_card(_fields("Mine"))
    report = to_markdown(tracker, catalog=Catalog(content.strings, "en"))
    mums, mine = report.split("Mine", 1)
    assert "**Owner:** Mum" in mums and "**Tags:** moving, 2026" in mums
    assert "Owner" not in mine and "Tags" not in mine


@pytest.mark.parametrize(
    ("text", "sort", "group", "problem"),
    [
        ("sort: status\ngroup: owner\n", "status", "owner", None),
        ("sort: none\ngroup: none\n", "none", "none", None),
        ("sort: price\n", "none", "none", "sort must be one of"),
        ("group: yes\n", "none", "none", "group must be one of"),  # YAML 1.2: the text "yes"
    ],
)
def test_config_keeps_the_order_and_names_a_bad_one(tmp_path, text, sort, group, problem):
    from tui.domain.config import load_config

    path = tmp_path / "config.yaml"
    path.write_text(text, encoding="utf-8")
    config = load_config(path)
    assert (config.sort, config.group) == (sort, group)
    if problem is None:
        assert config.problems == ()
    else:
        [said] = config.problems
        assert problem in said and f"{path}:1:" in said
