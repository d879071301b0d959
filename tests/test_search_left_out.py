"""A query with a word no issuer has (`apple watch`, `Chase Sapphire`) found nothing,
though its other words name an issuer: the search leaves that word out, and the lookup
and `cardoff-tui hotline` say which word was left out."""

from __future__ import annotations

import pytest
from textual.widgets import Input, Static

from tests.conftest import run_cli
from tests.helpers.pilot import settle, wait_until


@pytest.mark.parametrize(
    ("query", "first", "left"),
    [
        ("apple watch", "apple", ["watch"]),
        ("samsung galaxy s23", "samsung", ["galaxy", "s23"]),
        ("Chase Sapphire", "chase-us", ["sapphire"]),
        ("my lost apple watch", "apple", ["watch"]),
    ],
)
def test_a_word_no_issuer_has_is_left_out_and_named(content, query, first, left):
    found = content.issuers.search(query, 10)
    assert found and found[0].id == first, [i.id for i in found]
    assert content.issuers.left_out(query) == left


@pytest.mark.parametrize(
    "query",
    [
        "ICBC Bank",  # every word used: nothing is left out
        "London Oyster",
        "apple",
        "Bank of Tokyo",  # one distinctive word, which finds none: nothing to fall back on
        "credit card",  # generic words only
        "watch sapphire",  # no word finds an issuer
        "Sample Mobile",  # `mobile` is a word of many names, no issuer's own name:
        "Giffgaff Mobile",  # China Mobile and T-Mobile would be look-alikes
    ],
)
def test_nothing_is_left_out_where_every_word_is_used_or_none_finds_one(content, query):
    for region in ("", "CN", "GB"):
        assert content.issuers.left_out(query, region) == [], region
        if query not in ("ICBC Bank", "London Oyster", "apple"):
            assert content.issuers.search(query, 10, region) == [], region


def test_the_command_line_says_which_word_it_left_out(tmp_path):
    said = run_cli("hotline", "apple watch", config=tmp_path)
    assert said.returncode == 0
    assert said.stdout.startswith("Apple")
    assert "No issuer has 'watch': these are what the other words find." in said.stderr
    zh = run_cli("--lang", "zh-CN", "hotline", "chase sapphire", config=tmp_path)
    assert zh.returncode == 0 and "Chase" in zh.stdout.splitlines()[0]
    assert "目录中没有与“sapphire”相符的发卡方" in zh.stderr


async def test_the_lookup_says_which_word_it_left_out_and_forgets_it_after(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("h")
        await wait_until(pilot, lambda: type(app.screen).__name__ == "HotlineScreen", "lookup")
        hint = app.screen.query_one("#hotline-hint", Static)
        field = app.screen.query_one("#hotline-query", Input)
        await pilot.press(*"apple")
        await settle(pilot)
        usual = str(hint.render())  # a result chosen: the keys' hint
        await pilot.press(*" watch")
        await settle(pilot)
        assert field.value == "apple watch"
        assert "No issuer has 'watch'" in str(hint.render())
        first = app.screen.highlighted()
        assert first is not None and first[0].id == "apple"
        for _ in " watch":
            await pilot.press("backspace")
        await settle(pilot)
        assert field.value == "apple"
        assert str(hint.render()) == usual
