"""Bundles (content/bundles/, tui.library.bundles): the shipped ones load and every
card they add has a playbook; a bad bundle file is reported by file, line and field
(by the loader and by `cardoff-tui validate`) while the good ones still load; a bundle
in the config dir replaces the shipped one of the same id; the tracker adds a
bundle's cards in one change, all or none."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tui.base.errors import TrackerError
from tui.base.paths import content_dir
from tui.library.content import load_content
from tui.records.card_fields import CardFields
from tui.records.kinds import Intent, Kind

BAD_KIND = """\
id: mine-bad
title: {en: Bad}
cards:
  - label: {en: Thing}
    kind: spaceship
    intent: cancel
"""
NO_PLAYBOOK = """\
id: mine-no-playbook
title: {en: No playbook}
cards:
  - label: {en: Passport}
    kind: id-document
    intent: report-lost
    intents: [cancel]
"""
GOOD = """\
id: mine-good
title: {en: Good, zh-CN: 好}
cards:
  - label: {en: Gym card, zh-CN: 健身卡}
    kind: other
    intent: cancel
"""
MY_LOST_WALLET = """\
id: lost-wallet
title: {en: My lost wallet, zh-CN: 我的钱包丢失}
cards:
  - label: {en: Library card}
    kind: other
    intent: report-lost
    carried: true
"""


def _config_dir(tmp_path: Path, files: dict[str, str]) -> Path:
    folder = tmp_path / "config" / "bundles"
    folder.mkdir(parents=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return tmp_path / "config"


def test_the_shipped_bundles_load_and_each_card_has_a_playbook(content):
    assert {b.id for b in content.bundles} == {"moving-abroad", "lost-wallet", "relative-accounts"}
    for bundle in content.bundles:
        assert bundle.title.get("en") and bundle.title.get("zh-CN")
        for card in bundle.cards:
            assert card.label.get("zh-CN") != card.label.get("en"), card.label
            for intent in card.intents:
                assert intent in content.playbooks.intents_for(card.kind), (bundle.id, card)
    lost = content.bundles.get("lost-wallet")
    assert all(c.carried and c.intent is Intent.REPORT_LOST for c in lost.cards)
    assert {c.kind for c in lost.cards} == {Kind.BANK, Kind.ID_DOCUMENT, Kind.TRANSIT}
    relative = content.bundles.get("relative-accounts")
    for card in relative.cards:
        notes = card.notes.get("en")
        assert "death certificate" in notes and "executor" in notes and "next of kin" in notes
        assert "死亡证明" in card.notes.get("zh-CN")
    moving = {c.kind: c for c in content.bundles.get("moving-abroad").cards}
    assert moving[Kind.TRANSIT].intent is Intent.CANCEL
    assert len(moving[Kind.BANK].intents) > 1  # decided per card
    assert set(moving[Kind.ESIM].intents) >= {Intent.PORT_OUT, Intent.CANCEL}


def test_a_bad_bundle_is_named_by_file_and_field_and_the_good_ones_still_load(tmp_path):
    user = _config_dir(
        tmp_path, {"bad.yaml": BAD_KIND, "good.yaml": GOOD, "orphan.yaml": NO_PLAYBOOK}
    )
    loaded = load_content(content_dir(), user)
    said = sorted(str(e) for e in loaded.errors)
    assert len(said) == 2, said
    assert said[0].startswith(f"{user / 'bundles' / 'bad.yaml'}:5: cards.0.kind: 'spaceship'")
    assert said[1] == (
        f"{user / 'bundles' / 'orphan.yaml'}:7: cards.0.intents.0: "
        "no playbook for id-document cards to cancel"
    )
    ids = {b.id for b in loaded.bundles}
    assert ids == {"moving-abroad", "lost-wallet", "relative-accounts", "mine-good"}


def test_validate_names_the_file_and_field_of_a_bad_bundle(tmp_path):
    user = _config_dir(tmp_path, {"bad.yaml": BAD_KIND, "good.yaml": GOOD})
    done = subprocess.run(
        [sys.executable, "-m", "tui", "validate", str(user)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1, done
    out = done.stdout + done.stderr
    assert f"{user / 'bundles' / 'bad.yaml'}:5: cards.0.kind: 'spaceship' is not one of" in out
    assert "2 files checked, 1 error" in out
    assert "Traceback" not in out


def test_the_shipped_content_passes_validate_with_its_bundles():
    done = subprocess.run(
        [sys.executable, "-m", "tui", "validate", str(content_dir())],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done
    bundles = len(list((content_dir() / "bundles").glob("*.yaml")))
    assert bundles == 3


def test_a_user_bundle_replaces_the_shipped_one_of_the_same_id(tmp_path):
    user = _config_dir(tmp_path, {"lost-wallet.yaml": MY_LOST_WALLET})
    loaded = load_content(content_dir(), user)
    assert not loaded.errors
    assert len(loaded.bundles) == 3
    mine = loaded.bundles.get("lost-wallet")
    assert mine.from_user and mine.title.get("en") == "My lost wallet"
    assert [c.label.get("en") for c in mine.cards] == ["Library card"]


def test_the_tracker_adds_a_bundles_cards_in_one_change_all_or_none(tracker, store):
    bundle = "Moving abroad"
    fields = [CardFields("Metro", "transit", "cancel"), CardFields("Bank", "bank", "suspend")]
    added = tracker.add_cards(fields, bundle=bundle)
    assert [(c.label, c.kind, c.intent) for c in store.cards()] == [
        ("Metro", Kind.TRANSIT, Intent.CANCEL),
        ("Bank", Kind.BANK, Intent.SUSPEND),
    ]
    logged = [(e.card_id, e.event, e.params.get("bundle")) for e in store.log()]
    assert sorted(logged) == sorted((c.id, "card.added_from_bundle", bundle) for c in added)
    with pytest.raises(TrackerError):  # an ID document is not cancelled: nothing is added
        tracker.add_cards(
            [CardFields("Gym", "other", "cancel"), CardFields("ID", "id-document", "cancel")],
            bundle=bundle,
        )
    assert len(store.cards()) == 2
