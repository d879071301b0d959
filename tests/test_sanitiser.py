"""The sanitiser (tui/base/sanitiser.py): what it removes and keeps, and, fed arbitrary text
through every way in, that nothing it removes reaches the store or a terminal."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import json
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textual import events

from tests.helpers.pilot import wait_until
from tests.test_hostile_text import (
    CLEAR,
    NOT_STORED,
    OSC52,
    TITLE,
    drawn,
    stored_strings,
    unsafe_in,
)
from tui.base.paths import content_dir
from tui.base.sanitiser import (
    Cleaned,
    clean,
    for_terminal,
    json_for_terminal,
    spreadsheet_cell,
    unguard_cell,
)
from tui.cli import main
from tui.domain.export import EXPORT_FORMAT, EXPORT_VERSION
from tui.domain.importer import import_file
from tui.domain.tracker import Tracker
from tui.library.content import load_content
from tui.records.card_error import CardError
from tui.records.card_fields import CardFields
from tui.storage.store import DB_FILENAME, Store

FAMILY = "👨\u200d👩\u200d👧"  # one emoji: three people joined by ZWJ
PERSIAN = "می\u200cخواهم"  # ZWNJ inside a word: "I want"
DEVANAGARI = "क्\u200dष"  # ZWJ after a virama: a half form
FIRE_HEART = "❤️\u200d🔥"  # ZWJ after a variation selector


class TestClean:
    def test_removes_escape_sequences_controls_and_counts_them(self):
        # a whole sequence goes, and counts as one: what it carries was never text
        assert clean(f"J{OSC52}").text == "J" and clean(f"J{OSC52}").removed == 1
        assert clean(f"J{TITLE}{CLEAR}x") == Cleaned("Jx", 2)
        assert clean("a\x00b\x7fc\x9bd\x85e").text == "abcde"
        assert clean("a\x00b\x7fc\x9bd\x85e").removed == 4

    @pytest.mark.parametrize(
        ("text", "kept", "removed"),
        [
            ("\x1b[31mred\x1b[0m", "red", 2),  # a coloured word pasted from a terminal
            ("\x1b[1;38;5;196mred\x1b[m and \x1b(B\x1b[mplain", "red and plain", 4),
            ("\x1b]8;;https://x.example\x1b\\link\x1b]8;;\x1b\\", "link", 2),  # OSC 8
            ("ok\x1b[2K\x1b[1Gdone", "okdone", 2),  # erase the line, back to column 1
            ("\x1b[", "[", 1),  # not a whole sequence: only the ESC goes, as before
            ("\x1b]0;title", "]0;title", 1),  # an OSC that never ends, the same
        ],
    )
    def test_whole_escape_sequences_are_removed(self, text, kept, removed):
        assert clean(text) == Cleaned(kept, removed)
        assert clean(text, multiline=True) == Cleaned(kept, removed)

    @pytest.mark.parametrize(
        ("text", "kept", "removed"),
        [
            ("[31mred[0m", "red", 2),  # the ESC eaten on the way: the SGR codes are left
            ("[01;34mbin[0m [01;32mrun.sh[m", "bin run.sh", 4),  # ls --color
            ("Note [1mbold[22m[0m end", "Note bold end", 3),
        ],
    )
    def test_colour_codes_left_without_their_escape_are_removed(self, text, kept, removed):
        assert clean(text) == Cleaned(kept, removed)

    @pytest.mark.parametrize(
        "text",
        [
            "red[31m",  # one code and no reset: it may be text, so it is kept
            "[0m",
            "Gate [5m] and [0m]",  # bracketed lengths, not colour codes
            "[31mred",
            "array[1] [2m",
        ],
    )
    def test_text_that_only_looks_like_a_colour_code_is_kept(self, text):
        assert clean(text) == Cleaned(text, 0)

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
PIECES += ["\x1b[31m", "\x1b[0m", "[31m", "[0m", "[m", "[", "m", "]", "\x1b(B", "\x1b\\"]
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


def _issuer_file(folder: Path, text: str) -> None:
    doc = {
        "issuers": [
            {
                "id": "mine",
                "name": {"en": "N" + text, "zh-CN": "名" + text},  # HK: both names
                "aliases": ["mybank", "A" + text],
                "region": "HK",
                "kinds": ["bank"],
                "hotlines": [
                    {
                        "number": "+852 2233 3000",
                        "purpose": "customer-service",
                        "verified": False,
                        "note": {"en": "n" + text, "zh-CN": "注" + text},
                        "hours": "h" + text,
                    }
                ],
            }
        ]
    }
    (folder / "issuers").mkdir(parents=True)
    (folder / "issuers" / "mine.yaml").write_text(yaml.safe_dump(doc), encoding="utf-8")


def _json_export(path: Path, text: str, content) -> None:
    """An export whose every string is `text`-laden, as an old version could write."""
    source = Tracker(Store.in_memory(), content.playbooks)
    card = source.add_card(CardFields("x", "bank", "cancel"))
    card = dataclasses.replace(card, label="J" + text, issuer=text[:80], notes=text)
    entry = {
        # (an unknown currency would be refused: the import would write nothing to check)
        "card": {**card.to_doc(), "money": {"currency": "CNY", "note": text}},
        "progress": {text or "s": {"at": "2026-03-01T09:30:00+00:00", "title": {"en": text}}},
        "log": [
            {
                "at": "2026-03-01T09:30:00+00:00",
                "card_id": card.id,
                "card_label": text,
                "event": "evidence.recorded",
                "params": {"reference": text, text: [text]},
            }
        ],
    }
    doc = {"format": EXPORT_FORMAT, "version": EXPORT_VERSION, "cards": [entry]}
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=TEXT, other=TEXT)
def test_no_way_in_stores_or_prints_a_control_character(content, capsys, text, other):
    """Through the card fields (add and edit), proof, a lost-card reference, a refund
    note, CSV and JSON import and the user's issuer file: the data file holds none of
    what the sanitiser removes, and no command prints a control character."""
    with tempfile.TemporaryDirectory(prefix="cardoff-hostile-") as folder:
        data, config = Path(folder) / "data", Path(folder) / "config"
        _issuer_file(config, text)
        loaded = load_content(content_dir(), config)
        assert not loaded.errors, [str(e) for e in loaded.errors]
        issuer = loaded.issuers.get("mine")
        line = issuer.hotlines[0]
        texts = (issuer.name, line.hours, line.note)  # hours: a plain string, read as en
        assert [sorted(t.by_lang) for t in texts] == [["en", "zh-CN"], ["en"], ["en", "zh-CN"]]
        for shown in (*issuer.aliases, *(v for t in texts for v in t.by_lang.values())):
            assert not NOT_STORED.search(shown)

        store = Store.open(data / DB_FILENAME)
        tracker = Tracker(store, loaded.playbooks, issuers=loaded.issuers)
        fields = CardFields(("L" + text)[:60], "bank", "cancel", text[:80], text[:80], text)
        card = tracker.add_card(fields)
        changed = dataclasses.replace(fields, label=("E" + other)[:60], notes=other)
        tracker.edit_card(card.id, changed)
        tracker.set_follow_up(card.id, dt.date(2020, 1, 1))
        tracker.record_evidence(card.id, {"reference": "R" + text, "agent": other, "note": text})
        tracker.record_call(card.id, "+852 2233 3000", text)
        tracker.record_refund(card.id, "1", note=text, currency="CNY")  # its region: text
        store.close()

        table = Path(folder) / "cards.csv"
        with table.open("w", encoding="utf-8", newline="") as out:
            rows = [["label", "kind", "notes"], [("C" + text)[:60], "bank", other]]
            csv.writer(out).writerows(rows)
        export = Path(folder) / "old.json"
        _json_export(export, text, loaded)
        store = Store.open(data / DB_FILENAME)
        tracker = Tracker(store, loaded.playbooks, issuers=loaded.issuers)
        for path in (table, export):
            result = import_file(tracker, path)
            assert result.written, result.errors
        store.close()

        for stored in stored_strings(json.loads((data / DB_FILENAME).read_bytes())):
            assert not NOT_STORED.search(stored), repr(stored)

        places = ["--data-dir", str(data), "--config-dir", str(config)]
        capsys.readouterr()
        for command in (
            ["due"],
            ["export", "--format", "md"],
            ["export", "--format", "csv"],
            ["export", "--format", "json"],
            ["export", "--format", "ics"],
            ["hotline", "mybank"],
            ["--lang", "zh-CN", "hotline", "mybank"],
            ["hotline", "mybank", "--json"],
            ["hotline", "--", text],
        ):
            main([*places, *command])
            out, err = capsys.readouterr()
            assert not unsafe_in(out) and not unsafe_in(err), command


@settings(max_examples=6, deadline=None)
@given(texts=st.lists(TEXT, min_size=1, max_size=4))
async def test_nothing_pasted_into_the_filter_is_kept_or_drawn(texts):
    from tests.conftest import FixedClock
    from tests.helpers.pilot import ManualTimers
    from tui.ui.app import create_app

    store = Store.in_memory()
    tracker = Tracker(store, load_content(content_dir()).playbooks)
    tracker.add_card(CardFields("Metro card", "transit", "cancel"))
    app = create_app(store, clock=FixedClock(), timers=ManualTimers())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash")
        box = app.query_one("#filter")
        await wait_until(pilot, lambda: app.focused is box, "the filter focused")
        for text in texts:
            box.value = ""
            app.post_message(events.Paste(text))
            await wait_until(pilot, lambda: not NOT_STORED.search(box.value), "a clean filter")
            await pilot.pause()
            assert not NOT_STORED.search(app.inventory._filter)
            for sequence in ("\x1b]", "\x07", "\x1b[2J", "\u202e", "\x9b"):
                assert sequence not in drawn(app), repr(sequence)
