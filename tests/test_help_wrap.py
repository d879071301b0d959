"""The help screen's lines wrap at 80x24, in English and in Chinese: every key's words
are there whole (a Chinese line has no space to break at, and was cut with `…`:
`热线搜索：未输入时到第一个/最后一个结果；搜索框 …`)."""

from __future__ import annotations

import re

import pytest
from textual.geometry import Region
from textual.widgets import Static

from tests.helpers.pilot import settle, wait_until
from tui.ui.help_screen import HelpScreen

SIZE = (80, 24)


def _unspaced(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _drawn(widget: Static) -> list[str]:
    """Every line the widget draws, all of it, not only what is scrolled into view."""
    strips = widget.render_lines(Region(0, 0, widget.size.width, widget.size.height))
    return [strip.text for strip in strips]


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
async def test_every_help_line_is_there_whole_at_80x24(make_app, lang):
    app = make_app(lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen), "the help")
        await settle(pilot)
        keys = app.screen.query_one("#help-keys", Static)
        lines = _drawn(keys)
        assert all("…" not in line for line in lines), lines
        drawn = _unspaced("".join(lines))
        for title, rows in app.screen.sections:
            assert _unspaced(title) in drawn, title
            for shown_keys, words in rows:
                # the keys, then the words, on one line or wrapped onto the next
                assert _unspaced(shown_keys + words) in drawn, (shown_keys, words, lines)
        assert max(len(line.rstrip()) for line in lines) <= keys.size.width
        intro = app.screen.query_one(".help-intro", Static)
        assert _unspaced(app.t("help.intro")) in _unspaced("".join(_drawn(intro)))
