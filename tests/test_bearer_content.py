"""The directory's own sourced words decide what the app does with a card: an issuer
whose text says an unregistered (anonymous) card cannot be reported lost carries the
`bearer:` note that makes such a card "cannot be reported lost" (reportable.py), and
a procedure that tells how to report a card lost is filed as report-lost, not as
cancelling. Found by a tester: an unregistered Octopus was switched to report-lost
with "☎ +852 2266 2266 (report lost)" beside the line's own "an anonymous card cannot
be reported lost", and Oyster's "report it lost in your TfL account" showed as
"cancelling:"."""

from __future__ import annotations

import re

import pytest

from tui.domain.reportable import cannot_be_reported
from tui.records.card_fields import CardFields

# (issuer id, a card linked to it, the issuer's own sentence that says so)
BEARER_ADDED = [
    ("octopus", ("Octopus", "HK"), "an anonymous card cannot be reported lost"),
    ("easycard", ("EasyCard", "TW"), "An unregistered card cannot be reported lost"),
    ("myki-au", ("myki", "AU"), "Registered myki only"),
    ("presto-ca", ("PRESTO", "CA"), "Only a card linked to a PRESTO account can be blocked"),
    ("snapper-nz", ("Snapper", "NZ"), "Registered cards only"),
    ("clipper-us", ("Clipper", "US"), "Only a registered or Autoload card can be blocked"),
    ("smartrip-us", ("SmarTrip", "US"), "Registered cards only"),
]

# what an issuer's text says when only a registered card can be reported or blocked
ONLY_REGISTERED = [
    re.compile(r"\b(unregistered|anonymous)\b[^.;]*\bcannot be (reported lost|blocked|stopped)",
               re.I),
    re.compile(r"\b(registered|account-linked|personalised)\b[^.;:]*\bonly\b", re.I),
    re.compile(r"\bonly (a |the )?(pre-)?(registered|personal|card linked)\b[^.;]*"
               r"\bcan be (reported|blocked)", re.I),
    re.compile(r"(不记名|未记名|未登记|匿名)[^。；]*(不能|无法)挂失"),
]


def _texts(issuer):
    yield issuer.note
    for entry in (*issuer.hotlines, *issuer.procedures):
        yield entry.note


@pytest.mark.parametrize(("issuer_id", "card", "sentence"), BEARER_ADDED,
                         ids=[row[0] for row in BEARER_ADDED])
def test_an_issuer_that_says_an_unregistered_card_cannot_be_reported_has_its_bearer_note(
    content, tracker, issuer_id, card, sentence
):
    issuer = content.issuers.get(issuer_id)
    assert issuer is not None
    said = " ".join(text.get("en") for text in _texts(issuer))
    assert sentence in said  # the issuer's own words, kept as they were
    assert issuer.bearer.get("en") and issuer.bearer.by_lang.get("zh-CN")
    name, region = card
    unregistered = tracker.add_card(CardFields("Lost", "transit", "report-lost", name, region))
    registered = tracker.add_card(
        CardFields("Mine", "transit", "report-lost", name, region, registered=True)
    )
    assert tracker.issuer_for(unregistered) is issuer
    assert cannot_be_reported(unregistered, issuer)
    assert not cannot_be_reported(registered, issuer)  # a registered card is reported


def test_every_issuer_whose_text_says_only_a_registered_card_is_reported_has_a_bearer_note(
    content,
):
    found = []
    for issuer in content.issuers.issuers.values():
        for text in _texts(issuer):
            if any(p.search(text.get("en")) for p in ONLY_REGISTERED[:3]) or ONLY_REGISTERED[
                3
            ].search(text.by_lang.get("zh-CN", "")):
                found.append(issuer)
                break
    assert len(found) > len(BEARER_ADDED)  # the shipped ones had some already
    assert [i.id for i in found if not i.bearer.by_lang] == []


def test_no_procedure_filed_as_cancelling_tells_how_to_report_a_card_lost(content):
    """Shown as "cancelling:" / "注销：", such a note is read as the way to close a
    card one still holds."""
    found = [
        (issuer.id, procedure.note.get("en"))
        for issuer in content.issuers.issuers.values()
        for procedure in issuer.procedures
        if procedure.purpose == "cancel"
        and (
            re.search(r"\breport", procedure.note.get("en"), re.I)
            or re.search("挂失|报失", procedure.note.by_lang.get("zh-CN", ""))
        )
    ]
    assert found == []


@pytest.mark.parametrize("issuer_id", ["tfl-oyster", "ctm", "amex-us"])
def test_a_report_lost_note_once_filed_as_cancelling_is_report_lost(content, issuer_id):
    issuer = content.issuers.get(issuer_id)
    purposes = {p.purpose for p in issuer.procedures if re.search("挂失|报失", p.note.get("zh-CN"))}
    assert purposes == {"report-lost"}
