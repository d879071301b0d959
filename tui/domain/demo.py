"""Sample cards for `--demo`: held in memory, never in the user's data dir."""

from __future__ import annotations

from tui.domain.tracker import Tracker
from tui.records.card_fields import CardFields

# Issuers from the shipped directory, so the demo shows what the app is for: each
# card's number for what it asks, with its source (the cards themselves are samples)
DEMO_CARDS = (
    (CardFields("Old phone eSIM", "esim", "cancel", "China Mobile", "CN"), 3),
    (CardFields("Keep my number", "esim", "port-out", "China Mobile", "CN"), 1),
    (CardFields("Metro card", "transit", "cancel", "Shanghai transport card", "CN",
                carried=True), 2),
    (CardFields("Lost debit card", "bank", "report-lost", "ICBC", "CN", carried=True), 0),
    (CardFields("Travel card (spare)", "bank", "suspend", "Hang Seng", "HK"), 0),
)


def fill_demo(tracker: Tracker) -> None:
    """Add the sample cards and check the first few steps of some."""
    for fields, checked in DEMO_CARDS:
        card = tracker.add_card(fields)
        view = tracker.view(card.id)
        for item in view.items[:checked]:
            tracker.toggle_step(card.id, item.step_id)
