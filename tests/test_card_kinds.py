"""Card kinds and intents are one list each (tui.records.kinds.Kind and Intent): the
data file's schema takes its enums from them, and these tests hold that the content's
schemas (content/schema/*.yaml), every catalog and the shipped playbooks agree with
them, so a kind or an intent added in one place and forgotten in another fails here."""

from __future__ import annotations

import pytest
import yaml

from tui.base.i18n import SUPPORTED
from tui.base.paths import content_dir
from tui.records.kinds import Intent, Kind
from tui.records.record_schema import TABLE_SCHEMAS

KINDS = [kind.value for kind in Kind]
INTENTS = [intent.value for intent in Intent]


def _schema(name: str) -> dict:
    return yaml.safe_load((content_dir() / "schema" / f"{name}.schema.yaml").read_text("utf-8"))


def test_the_playbook_schema_takes_the_kinds_and_intents():
    playbook = _schema("playbook")["properties"]
    assert playbook["kind"]["enum"] == KINDS, "content/schema/playbook.schema.yaml: kind"
    assert playbook["intent"]["enum"] == INTENTS, "content/schema/playbook.schema.yaml: intent"


def test_the_issuer_schema_takes_the_kinds():
    kinds = _schema("issuer")["$defs"]["issuer"]["properties"]["kinds"]["items"]["enum"]
    assert kinds == KINDS, "content/schema/issuer.schema.yaml: kinds"


def test_the_data_files_schema_takes_the_kinds_and_intents():
    card = TABLE_SCHEMAS["cards"]["properties"]
    assert card["kind"]["enum"] == KINDS and card["intent"]["enum"] == INTENTS


@pytest.mark.parametrize("lang", SUPPORTED)
def test_each_catalog_names_every_kind_and_intent_and_no_other(content, lang):
    strings = content.strings[lang]
    for group, values in (("kind", KINDS), ("intent", INTENTS)):
        named = {key.split(".", 1)[1] for key in strings if key.startswith(f"{group}.")}
        assert named == set(values), (lang, group)


def test_every_kind_has_playbooks_and_each_intent_offered_has_a_generic_one(content):
    """A card of any kind can be made (the form offers the intents its kind has a
    playbook for), and whatever its issuer or region it gets a checklist."""
    library = content.playbooks
    generic = {(p.kind, p.intent) for p in library if p.issuer is None and not p.regions}
    for kind in Kind:
        offered = library.intents_for(kind)
        assert offered, f"no playbook for the kind {kind.value}"
        for intent in offered:
            assert (kind, intent) in generic, f"no generic playbook for {kind} {intent}"
    assert {intent for _, intent in generic} == set(Intent), "an intent no playbook serves"
