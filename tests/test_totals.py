"""The header's totals kept card by card (tui/domain/totals.py) equal the totals counted
again from every card, whatever the changes: steps checked and unchecked, money set
and refunded, cards abandoned."""

from __future__ import annotations

import random
from dataclasses import replace

from tui.domain.totals import Totals
from tui.domain.tracker import Tracker
from tui.records.card_error import CardError
from tui.records.card_fields import CardFields
from tui.storage.store import Store


def test_totals_kept_card_by_card_equal_totals_counted_again(content, clock):
    tracker = Tracker(Store.in_memory(), content.playbooks, clock)
    for number, kind in enumerate(("bank", "transit", "esim", "transit", "bank")):
        tracker.add_card(CardFields(f"Card {number}", kind, "cancel"))
    kept = Totals(tracker.views())
    pick = random.Random(7)
    seen = set()
    for _ in range(200):
        view = pick.choice(tracker.views())
        card_id = view.card.id
        what = pick.randrange(5)
        if what == 0:
            tracker.set_money(
                card_id, str(pick.randrange(0, 90)), "20", pick.choice(["CNY", "HKD"])
            )
        elif what == 1 and view.card.money.get("currency"):
            try:
                tracker.record_refund(card_id, str(pick.randrange(1, 50)))
            except CardError as exc:  # more than is still held: refused, nothing saved
                assert exc.message_key == "error.refund_over"
        elif what == 2:
            fields = replace(view.card.fields(), abandoned=not view.card.abandoned)
            tracker.edit_card(card_id, fields, {})
        elif what == 3:
            tracker.toggle(card_id, pick.choice(view.items).step_id)
        else:  # every step left: the card is done
            for item in view.items:
                if not item.done:
                    tracker.toggle(card_id, item.step_id)
        kept.replace(view, tracker.view(card_id))
        again = Totals(tracker.views())
        assert (kept.overview, kept.owed) == (again.overview, again.owed)
        seen |= {"owed"} if kept.owed else set()
        seen |= {"done"} if kept.cards_done else set()
        seen |= {"abandoned"} if any(v.card.abandoned for v in tracker.views()) else set()
    assert seen == {"owed", "done", "abandoned"}  # the changes reached every figure
