"""Adding from a bundle in a real terminal at 80x24: `b`, the second bundle, one card
unticked, Enter; the list shows the ticked cards and the data file holds exactly
them."""

from __future__ import annotations

import sys

import pytest

from tui.base.paths import content_dir
from tui.domain.tracker import Tracker
from tui.library.content import load_content
from tui.records.card_fields import CardFields
from tui.records.kinds import Intent, Kind
from tui.storage.store import DB_FILENAME, Store


@pytest.mark.slow
def test_adding_from_a_bundle_with_one_card_unticked_in_a_real_terminal(tmux, tmp_path):
    data = tmp_path / "data"
    store = Store.open(data / DB_FILENAME)
    content = load_content(content_dir())
    Tracker(store, content.playbooks, issuers=content.issuers).add_card(
        CardFields("Old metro", "transit", "cancel", region="GB")
    )
    store.close()
    home = tmp_path / "home"
    tmux.env.update(HOME=str(home), XDG_STATE_HOME=str(home / "state"))
    tmux.env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    tmux.start([sys.executable, "-m", "tui", "--data-dir", str(data),
                "--config-dir", str(home / "config")])
    tmux.wait_for("Old metro")
    tmux.keys("b")
    tmux.wait_for("Add cards from a bundle")
    tmux.keys("j", "Enter")  # the second: Moving abroad
    screen = tmux.wait_for("▐X▌ Social security")
    assert "▐X▌ Transit card · Transit · Cancel" in screen
    assert "space tick/untick · i intent · Enter add · Esc cancel" in screen
    tmux.keys("j", "Space")  # the bank card does not apply
    tmux.wait_for("▐ ▌ Bank card")
    tmux.keys("Enter")
    screen = tmux.wait_for("Added 3 cards from “Moving abroad”.")
    for label in ("Transit card", "Phone number / eSIM", "Social security"):
        assert label in screen
    assert "Bank card" not in screen
    tmux.keys("C-q")
    tmux.wait_gone()
    store = Store.open(data / DB_FILENAME)
    cards = [(c.label, c.kind, c.intent, c.region) for c in store.cards()]
    store.close()
    assert cards == [
        ("Old metro", Kind.TRANSIT, Intent.CANCEL, "GB"),
        ("Transit card", Kind.TRANSIT, Intent.CANCEL, "GB"),
        ("Phone number / eSIM", Kind.ESIM, Intent.PORT_OUT, "GB"),
        ("Social security", Kind.SOCIAL_SECURITY, Intent.CANCEL, "GB"),
    ]
