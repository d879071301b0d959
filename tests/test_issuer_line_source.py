"""The issuer line above the steps never cuts where its number came from, nor the ⚠
that says its sources disagree (issue 16: at 60x20 a card network's line read
"Visa ☎ +1 303-967-1096 (report lost) · the card network's line…", its source and
its ⚠ cut away). The words before them give way instead: the issuer's name is
shortened, then what the line says of the number is cut with "…", and the ⚠ keeps
its words where there is room. The call step shows all of it."""

from __future__ import annotations

import re

import pytest
from rich.cells import cell_len

from tests.helpers.pilot import settle
from tests.test_issuer_line_cuts import STRAY, issuer_rows
from tui.base.i18n import Catalog
from tui.domain.hotline_choice import first_usable
from tui.domain.hotline_text import source_text
from tui.domain.tracker import Tracker
from tui.records.card_fields import CardFields
from tui.records.kinds import Intent
from tui.storage.store import Store
from tui.ui.card_lines import IssuerLine

NETWORKS = ("visa", "mastercard", "amex", "jcb", "discover", "diners", "unionpay")


def _cards(content) -> list[CardFields]:
    """A bank card of a bank the directory does not know for each network, in the
    regions whose network lines have sources that disagree and worldwide, and a
    card of every issuer one of whose numbers has sources that disagree."""
    cards = [
        CardFields(f"{network} {region}", "bank", "report-lost", "Some small bank", region,
                   network=network)
        for network in NETWORKS
        for region in ("JP", "US", "DE", "ES", "CN")
    ]
    for issuer in content.issuers.issuers.values():
        if any(h.conflict.by_lang for h in issuer.hotlines):
            region = "" if issuer.region == "XX" else issuer.region
            cards.append(CardFields(issuer.id, issuer.kinds[0], "report-lost",
                                    issuer.name.get("en"), region))
    return cards


def _line(rows: list[str]) -> str:
    """The line as read: its rows joined, a row break read as a space."""
    return " ".join(row.rstrip() for row in rows)


@pytest.mark.parametrize("abroad", [False, True], ids=["at home", "abroad"])
@pytest.mark.parametrize("lang", ["en", "zh-CN"])
@pytest.mark.parametrize("size", [(60, 20), (80, 24)])
async def test_the_source_and_the_disagreement_mark_are_never_cut(
    make_app, content, clock, size, lang, abroad
):
    t = Catalog(content.strings, lang)
    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock, issuers=content.issuers)
    ids = [tracker.add_card(fields).id for fields in _cards(content)]
    app = make_app(store, lang=lang, abroad=abroad)
    checked = disagreeing = 0
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        for card_id in ids:
            # each card shown as a move of the list's cursor onto it shows it (the
            # inventory calls card_selected): the line is the same as after pressing j
            # through the list, without a screen drawn for each card on the way
            app.card_selected(card_id)
            card = store.card(card_id)
            assert app.selected_id == card_id
            facts = app.tracker.issuer_facts(card, abroad, lang)
            offer = first_usable(facts.offers)
            issuer = facts.issuer
            if offer is None or (issuer is not None and issuer.bearer.by_lang
                                 and card.intent is Intent.REPORT_LOST):
                continue  # no number on the line: said in words
            line, rows = issuer_rows(app)
            width = line.content_size.width
            assert len(rows) <= IssuerLine.ROWS and all(cell_len(r) <= width for r in rows)
            shown = _line(rows)
            assert not STRAY.search(shown), rows
            number_shown = f"☎ {offer.hotline.shown}"
            assert number_shown in rows[0], (rows, offer.hotline)  # whole, on the first row
            source, _style = source_text(offer.hotline, t, short=True)
            source = source.removeprefix("· ")  # the host, or "⚠ unverified"
            after = shown[shown.index(number_shown) + len(number_shown):]
            assert source in after, (card.label, rows, source)
            end = after[after.index(source) + len(source):]
            assert not end.startswith("…"), (card.label, rows)  # the source is whole
            checked += 1
            if offer.hotline.conflict.get(lang):
                disagreeing += 1
                assert re.match(r"^ ⚠( |$)", end), (card.label, rows)  # ⚠ right after it
    assert checked >= 20 and disagreeing >= 5, (checked, disagreeing)


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
async def test_the_disagreement_keeps_its_words_where_there_is_room(make_app, content, clock, lang):
    """At 120 columns Visa's line says the ⚠ in words; the call step says what the
    other sources give."""
    t = Catalog(content.strings, lang)
    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock, issuers=content.issuers)
    tracker.add_card(CardFields("Visa", "bank", "report-lost", "Some small bank", "JP",
                                network="visa"))
    app = make_app(store, lang=lang, abroad=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        shown = _line(issuer_rows(app)[1])
        assert "visa.com ⚠ " + t("hotline.conflict_short") in shown, shown
