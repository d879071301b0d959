"""A step or log entry that wraps goes on under its own text: a step's wrapped lines
start under its words, not under `[ ] 1.`, and a log entry's two cells in from its
date, in English and in Chinese, with nothing lost or cut."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from tests.helpers.pilot import settle
from tui.domain.tracker import Tracker
from tui.records.card_fields import CardFields
from tui.storage.store import Store
from tui.ui.line_breaks import wrap_hanging

CONSOLE = Console(width=200)
WORDS = st.sampled_from(
    ["Plan", "first:", "would", "suspending", "do", "instead", "of", "cancelling?",
     "先想好：暂停能否代替注销？", "把号码转到新运营商", "eSIM", "(2", "yuan)"]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(WORDS, min_size=1, max_size=20), st.integers(14, 60), st.integers(0, 9))
def test_wrapped_lines_start_under_the_text_and_keep_every_character(words, width, indent):
    text = Text(" ".join(words))
    lines = wrap_hanging(text, CONSOLE, width, indent)
    for line in lines:
        assert cell_len(line.plain) <= width, line.plain
    if indent and width - indent >= 8 and len(lines) > 1:
        for line in lines[1:]:
            assert line.plain.startswith(" " * indent), [str(x) for x in lines]
    kept = "".join("".join(line.plain.split()) for line in lines)
    assert kept == "".join(text.plain.split())


async def test_a_long_step_and_a_long_log_entry_wrap_under_their_own_text(
    make_app, content, clock
):
    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock)
    card = tracker.add_card(CardFields("Old phone eSIM", "esim", "cancel"))
    first = tracker.view(card.id).items[0]
    tracker.toggle_step(card.id, first.step_id)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        checklist = app.query_one("#checklist")
        head = "[x] 1. "
        lines = [strip.text for strip in checklist._lines_of(0)]
        assert lines[0].startswith(head) and len(lines) > 1, lines
        assert all(line.startswith(" " * len(head)) and line[len(head)] != " "
                   for line in lines[1:]), lines
        log = app.query_one("#log-entries")
        wrapped = [index for index in range(log.option_count) if len(log._lines_of(index)) > 1]
        assert wrapped, "no log entry wraps at 80x24"
        for index in wrapped:
            rest = [strip.text for strip in log._lines_of(index)][1:]
            assert all(line.startswith("  ") and line[2] != " " for line in rest), rest


def test_a_detail_line_goes_on_under_its_text_past_its_spaces_and_mark():
    """The call step's detail: `  ⚠ sources disagree: …`, `  24/7 · …` and ` • passport`
    went back to the first column when they wrapped."""
    from tui.ui.line_breaks import hanging

    assert hanging("  ⚠ sources disagree: Visa's pages differ") == 4
    assert hanging("  24/7 · from a university's copy") == 2
    assert hanging(" • your passport") == 3
    assert hanging("Plain text") == 0
    paragraph = Text("  ⚠ sources disagree: Visa's Middle East page and Visa Australia give "
                     "+1 303 967 1090.")
    lines = wrap_hanging(paragraph, CONSOLE, 40, hanging(paragraph.plain))
    assert len(lines) > 1 and all(line.plain.startswith("    ") for line in lines[1:])
