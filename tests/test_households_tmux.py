"""In a real terminal (tmux at 80x24): a card added for another person, through the
form's Owner field, shows under that person's heading once the list is grouped by
owner (`o`), the header counts each owner's cards, and the grouping is kept in
config.yaml."""

from __future__ import annotations

import sys

import pytest

from tui.base.clock import system_clock
from tui.base.i18n import Catalog
from tui.domain.tracker import Tracker
from tui.records.card_fields import CardFields
from tui.storage.store import DB_FILENAME, Store


@pytest.mark.slow
def test_a_card_added_for_mum_shows_under_her_heading(tmux, tmp_path, content):
    t = Catalog(content.strings, "en")
    data, config = tmp_path / "data", tmp_path / "config"
    data.mkdir()
    store = Store.open(data / DB_FILENAME)
    Tracker(store, content.playbooks, system_clock).add_card(
        CardFields("My metro card", "transit", "cancel", "Shanghai", "CN")
    )
    store.close()
    tmux.env.pop("DBUS_SESSION_BUS_ADDRESS", None)  # as over SSH: no keyring
    command = [sys.executable, "-m", "tui", "--lang", "en", "--data-dir", str(data)]
    tmux.start([*command, "--config-dir", str(config)])
    tmux.wait_for("My metro card")

    tmux.keys("a")
    tmux.wait_for(t("secrets.offer_title"))  # no keyring: where card numbers go
    tmux.keys("n")  # not now
    tmux.wait_for(t("form.add_title"))
    tmux.keys("Mum bank", literal=True)
    tmux.wait_typed("Mum bank")
    # to the owner: kind, intent, region, issuer, notes (the identifiers are off)
    tmux.keys("Tab", "Tab", "Tab", "Tab", "Tab", "Tab")
    tmux.wait_focus(t("form.owner_placeholder")[:20])
    tmux.keys("Mum", literal=True)
    tmux.wait_typed("Mum")
    tmux.keys("C-s")
    tmux.wait_for(t("app.added", label="Mum bank"))

    tmux.keys("o")
    mine = t("order.heading", owner=t("owner.me"), count=1)
    mums = t("order.heading", owner="Mum", count=1)
    screen = tmux.wait_for(mums)
    lines = screen.splitlines()
    assert "me 0/1 · Mum 0/1" in lines[0], lines[0]
    where = {
        text: next(n for n, line in enumerate(lines) if text in line)
        for text in (mine, "My metro card", mums, "Mum bank")
    }
    assert list(where.values()) == sorted(where.values()), screen  # in this order
    assert where["Mum bank"] == where[mums] + 1
    tmux.keys("q")
    tmux.wait_gone()
    assert "group: owner" in (config / "config.yaml").read_text(encoding="utf-8")
