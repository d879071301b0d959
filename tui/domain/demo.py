"""Sample cards for `--demo`: held in memory, never in the user's data dir."""

from __future__ import annotations

from tui.domain.tracker import Tracker
from tui.records.model import CardFields

DEMO_CARDS = (
    (CardFields("Old phone eSIM", "esim", "cancel", "Sample Mobile", "CN"), 3),
    (CardFields("Keep my number", "esim", "port-out", "Sample Mobile", "CN"), 1),
    (CardFields("Metro card", "transit", "cancel", "Sample Transit", "CN", carried=True), 2),
    (CardFields("Lost debit card", "bank", "report-lost", "Sample Bank", "CN", carried=True), 0),
    (CardFields("Travel card (spare)", "bank", "suspend", "Sample Bank", "HK"), 0),
)


def fill_demo(tracker: Tracker) -> None:
    """Add the sample cards and check the first few steps of some."""
    for fields, checked in DEMO_CARDS:
        card = tracker.add_card(fields)
        view = tracker.view(card.id)
        for item in view.items[:checked]:
            tracker.toggle_step(card.id, item.step_id)
