"""The sanitiser (tui/sanitiser.py): what it removes and keeps, and, fed arbitrary text
through every way in, that nothing it removes reaches the store or a terminal."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.test_hostile_text import (
    CLEAR,
    NOT_STORED,
    OSC52,
    TITLE,
    unsafe_in,
)
from tui.model import CardError, CardFields
from tui.sanitiser import (
    clean,
    for_terminal,
    json_for_terminal,
    spreadsheet_cell,
    unguard_cell,
)

FAMILY = "👨\u200d👩\u200d👧"  # one emoji: three people joined by ZWJ
PERSIAN = "می\u200cخواهم"  # ZWNJ inside a word: "I want"
DEVANAGARI = "क्\u200dष"  # ZWJ after a virama: a half form
FIRE_HEART = "❤️\u200d🔥"  # ZWJ after a variation selector


class TestClean:
    def test_removes_escape_sequences_controls_and_counts_them(self):
        assert clean(f"J{OSC52}").text == "J]52;c;UFdORUQ=" and clean(f"J{OSC52}").removed == 2
        assert clean("a\x00b\x7fc\x9bd\x85e").text == "abcde"
        assert clean("a\x00b\x7fc\x9bd\x85e").removed == 4

    def test_removes_bidi_overrides_and_isolates_keeps_marks(self):
        hostile = "\u202aa\u202bb\u202cc\u202dd\u202ee\u2066f\u2067g\u2068h\u2069"
        assert clean(hostile).text == "abcdefgh" and clean(hostile).removed == 9
        marks = "abc\u200edef\u200f\u061c"
        assert clean(marks).text == marks

    def test_one_line_text_turns_line_breaks_into_spaces_uncounted(self):
        assert clean("a\tb\nc\r\nd\x0be\x0cf").text == "a b c  d e f"
        assert clean("a\tb\nc\r\nd\x0be\x0cf").removed == 0

    def test_multi_line_text_keeps_line_feeds_and_tabs(self):
        cleaned = clean("one\r\n\ttwo\rthree\x0b\x0c\x1b", multiline=True)
        assert cleaned.text == "one\n\ttwo\nthree" and cleaned.removed == 3

    @pytest.mark.parametrize("text", [FAMILY, PERSIAN, DEVANAGARI, FIRE_HEART])
    def test_joiners_between_visible_characters_are_kept(self, text):
        assert clean(text).text == text and clean(text).removed == 0

    @pytest.mark.parametrize(
        ("text", "kept", "removed"),
        [
            ("IC\u200bBC", "ICBC", 1),  # zero-width space: always
            ("\ufeffICBC\u2060", "ICBC", 2),  # byte-order mark, word joiner: always
            ("\u200dICBC\u200c", "ICBC", 2),  # a joiner at either end joins nothing
            ("IC \u200d BC", "IC  BC", 1),  # nor next to a space
            ("I\u200d\u200d\u200dC", "I\u200dC", 2),  # nor next to another joiner
            ("I\u200d\x1bC", "I\u200dC", 1),  # the control goes, the joiner joins
        ],
    )
    def test_stray_zero_width_characters_are_removed(self, text, kept, removed):
        assert (clean(text).text, clean(text).removed) == (kept, removed)

    def test_card_fields_are_cleaned_and_say_how_much(self):
        label = "Old\x1b SIM\u202e\u200b"
        fields = CardFields(label, "esim", "cancel", "C\x07M", notes="a\x1b\nb")
        assert fields.removed() == {"label": 3, "issuer": 1, "notes": 1}
        cleaned = fields.cleaned()
        assert (cleaned.label, cleaned.issuer, cleaned.notes) == ("Old SIM", "CM", "a\nb")
        with pytest.raises(CardError):
            CardFields("\x1b\u202e\u200b", "bank", "cancel").cleaned()  # nothing left


def test_terminal_and_spreadsheet_forms():
    assert for_terminal(f"J{OSC52}\r\n\t\x7f\x9b\u202e") == "J␛]52;c;UFdORUQ=␇␍\n\t␡\ufffd\ufffd"
    assert for_terminal(FAMILY + PERSIAN) == FAMILY + PERSIAN
    for formula in ("=1+1", "+1", "-1", "@SUM(A1)", "\tx"):
        guarded = spreadsheet_cell(formula)
        assert guarded.startswith("'") and unguard_cell(guarded) == formula
    assert spreadsheet_cell("\r=1") == "␍=1"  # a CR is shown, so it starts nothing
    assert spreadsheet_cell("Debit") == "Debit" and unguard_cell("'quoted") == "'quoted"


# arbitrary text, with the pieces attackers use mixed in
PIECES = [OSC52, TITLE, CLEAR, "\x1b", "\x07", "\x9b", "\x9d", "\x7f", "\x00", "\r", "\n"]
PIECES += ["\t", "\u202e", "\u2066", "\u2069", "\u200b", "\u200c", "\u200d", "\ufeff", "\u2060"]
PIECES += [FAMILY, PERSIAN, "=1+1", "@SUM(A1)", "-", "工行"]
TEXT = st.lists(st.one_of(st.text(max_size=6), st.sampled_from(PIECES)), max_size=8).map("".join)


@given(text=TEXT)
def test_clean_is_complete_and_stable(text):
    for multiline in (False, True):
        cleaned = clean(text, multiline)
        assert not NOT_STORED.search(cleaned.text)
        assert clean(cleaned.text, multiline) == type(cleaned)(cleaned.text, 0)
        assert len(cleaned.text) <= len(text)
    shown = for_terminal(text)
    assert len(shown) == len(text) and not unsafe_in(shown)
    assert json.loads(json_for_terminal(json.dumps(text, ensure_ascii=False))) == text
    assert not unsafe_in(json_for_terminal(json.dumps(text, ensure_ascii=False)))
    assert not spreadsheet_cell(text).startswith(("=", "+", "-", "@", "\t", "\r"))
