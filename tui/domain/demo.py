"""Sample cards for `--demo`: held in memory, never in the user's data dir, in the
app's language (their names from the catalog, `demo.*`; their issuers as a user of
that language types them)."""

from __future__ import annotations

from dataclasses import replace

from tui.base.i18n import Catalog
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
# each card's name in the catalog, and its issuer as typed in Chinese (the directory's
# zh-CN name, which links as the English one does)
_NAMES = ("demo.old_esim", "demo.keep_number", "demo.metro", "demo.lost_debit", "demo.spare")
_ZH_ISSUERS = ("中国移动", "中国移动", "上海公共交通卡", "中国工商银行", "恒生银行")


def demo_cards(t: Catalog | None = None) -> list[tuple[CardFields, int]]:
    """DEMO_CARDS named in `t`'s language (as they are without one), their issuers as
    typed in Chinese for zh-CN: a list of (fields, how many of its first steps are
    checked)."""
    if t is None:
        return list(DEMO_CARDS)
    issuers = _ZH_ISSUERS if t.lang == "zh-CN" else [fields.issuer for fields, _ in DEMO_CARDS]
    return [
        (replace(fields, label=t(name), issuer=issuer), checked)
        for (fields, checked), name, issuer in zip(DEMO_CARDS, _NAMES, issuers, strict=True)
    ]


def fill_demo(tracker: Tracker, t: Catalog | None = None) -> None:
    """Add the sample cards (demo_cards, in `t`'s language) and check the first few
    steps of some."""
    for fields, checked in demo_cards(t):
        card = tracker.add_card(fields)
        view = tracker.view(card.id)
        for item in view.items[:checked]:
            tracker.toggle_step(card.id, item.step_id)
