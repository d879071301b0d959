"""A label or an issuer the user typed a card number into (an import from a bank's CSV
does this: "Visa 6222021234567894321") is masked the way `notify` masks it wherever
the text goes to someone else: a letter, the Markdown report, the calendar file. The
user's own views and the complete exports (`list`, JSON, CSV) keep it as typed, so
that the card can be found by it and an export imports back to the same card."""

from __future__ import annotations

import datetime as dt

import pytest

from tui.base.clock import configure_dates
from tui.base.i18n import Catalog
from tui.base.paths import content_dir
from tui.domain.export import to_csv, to_ics, to_json, to_markdown
from tui.domain.letter_text import write_letter
from tui.domain.reminder_text import MASK
from tui.library.letters import load_letters
from tui.records.model import CardFields

TYPED = "6222021234567894321"
LABEL = f"Visa {TYPED}"
ISSUER = "Branch 95588-01"


@pytest.fixture
def card(tracker):
    card = tracker.add_card(CardFields(LABEL, "bank", "cancel", issuer=ISSUER))
    tracker.set_follow_up(card.id, tracker.today() + dt.timedelta(days=2))
    return card


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
@pytest.mark.parametrize("kind", ["cancel", "report-lost", "refund"])
def test_a_letter_masks_a_number_typed_into_the_label_and_issuer(tracker, content, card, lang,
                                                                kind):
    configure_dates(lang)
    letters = load_letters(content_dir())[0]
    text = write_letter(tracker, card.id, letters, Catalog(content.strings, lang), kind).text
    assert f"Visa {MASK}" in text
    assert TYPED[-8:] not in text and "95588" not in text, text


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_the_report_and_the_calendar_mask_it_too(tracker, content, card, lang):
    t = Catalog(content.strings, lang)
    report = to_markdown(tracker, catalog=t)
    assert f"## Visa {MASK}" in report
    calendar = to_ics(tracker, catalog=t).decode("utf-8").replace("\r\n ", "")
    assert f"Visa {MASK}" in calendar
    for text in (report, calendar):
        assert TYPED[-8:] not in text and "95588" not in text


def test_the_complete_exports_keep_the_label_as_typed(tracker, card):
    """JSON and CSV are read back by `import`: a masked label would lose the user's own
    words."""
    assert LABEL in to_json(tracker) and LABEL in to_csv(tracker)
    assert ISSUER in to_json(tracker)
