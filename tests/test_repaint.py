"""changed_span: which cells of a rendered line need repainting."""

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from tui.ui.repaint import changed_span

PLAIN = Style(color="white")


def line(*parts: tuple[str, Style]) -> Strip:
    return Strip([Segment(text, style) for text, style in parts])


def test_same_line_needs_nothing():
    assert changed_span(line(("[x] 1. Pay", PLAIN)), line(("[x] 1. Pay", PLAIN))) is None


def test_only_the_changed_cells():
    assert changed_span(line(("3/10 done", PLAIN)), line(("4/10 done", PLAIN))) == (0, 1)
    assert changed_span(line(("a 3/10", PLAIN)), line(("a 3/11", PLAIN))) == (5, 6)


def test_meta_alone_does_not_reach_the_terminal():
    before = line(("log", Style(color="white", meta={"option": 1})))
    after = line(("log", Style(color="white", meta={"option": 2})))
    assert changed_span(before, after) is None


def test_a_wide_character_is_never_cut():
    # 卡 takes cells 2-3; a change in its second cell repaints both
    assert changed_span(line(("ab卡c", PLAIN)), line(("ab卡d", PLAIN))) == (4, 5)
    assert changed_span(line(("ab卡c", PLAIN)), line(("abx c", PLAIN))) == (2, 4)
    assert changed_span(line(("ab卡", PLAIN)), line(("ab x", PLAIN))) == (2, 4)


def test_a_shorter_line_clears_what_it_no_longer_covers():
    assert changed_span(line(("done", PLAIN)), line(("do", PLAIN))) == (2, 4)
