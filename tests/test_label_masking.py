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
from tui.records.card_fields import CardFields

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


OWNER = f"Li {TYPED}"


def test_an_owner_typed_with_a_number_is_masked_where_a_label_is(tracker, content):
    """The owner's name goes into a letter (`{holder}`), the Markdown report and `due`'s
    lines as a label does: a number typed into it is masked there too."""
    card = tracker.add_card(CardFields("Bank card", "bank", "cancel", owner=OWNER))
    t = Catalog(content.strings, "en")
    letters = load_letters(content_dir())[0]
    letter = write_letter(tracker, card.id, letters, t, "cancel").text
    report = to_markdown(tracker, catalog=t)
    for text in (letter, report):
        assert TYPED not in text and f"Li {MASK}" in text, text


def test_due_masks_a_number_typed_into_a_label_issuer_or_owner(tmp_path):
    """`due`'s lines are what cron mails and notify-send shows (README): masked as
    notify masks them."""
    import dataclasses

    from tests.conftest import run_cli
    from tui.records.model import Card
    from tui.storage.store import DB_FILENAME, Store

    store = Store.open(tmp_path / "data" / DB_FILENAME)
    fields = CardFields(LABEL, "bank", "cancel", ISSUER, owner=OWNER)
    card = Card.create(fields, dt.datetime.now(dt.UTC))
    late = (dt.date.today() - dt.timedelta(days=1)).isoformat()
    store.save_card(dataclasses.replace(card, follow_up=late))
    store.close()
    for lang in ("en", "zh-CN"):
        said = run_cli("--lang", lang, "due", data=tmp_path / "data", config=tmp_path / "c")
        assert said.returncode == 1, said.stderr
        assert TYPED not in said.stdout and "95588-01" not in said.stdout, said.stdout
        assert f"Visa {MASK}" in said.stdout and f"Li {MASK}" in said.stdout, said.stdout


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_a_reminder_says_whose_card_as_due_does(tracker, content, lang):
    """A notification about someone else's card names them ("Mum: …", masked like a
    label), as `due` does: in a household a bare "Bank card" is ambiguous."""
    from tui.domain.reminder_text import reminder

    configure_dates(lang)
    t = Catalog(content.strings, lang)
    mine = tracker.add_card(CardFields("Bank card", "bank", "cancel", issuer="ICBC"))
    mums = tracker.add_card(CardFields("Bank card", "bank", "cancel", issuer="ICBC", owner=OWNER))
    for card in (mine, mums):
        tracker.set_follow_up(card.id, tracker.today() - dt.timedelta(days=1))
    body = reminder(tracker.due(), t, lang).body
    whose = t("cli.due_owner", owner=f"Li {MASK}", card="Bank card")
    assert whose in body and TYPED not in body, body
    assert body.count("Bank card") == 2, body
