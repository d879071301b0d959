"""`cardoff-tui list` and `due` as a person reads them: a line per card under a
heading, columns lined up by terminal cells (Chinese takes two), in the language the
commands speak; identifiers never printed; with no cards, or nothing due, a sentence
that says so."""

from __future__ import annotations

import pytest
from rich.cells import cell_len

from tests.cli_cards import FULL_NUMBER, cli, seed

CARDS = (
    ("工行借记卡", "bank", "cancel", "ICBC", -3),
    ("Old eSIM", "esim", "port-out", "China Mobile", None),
    ("Metro", "transit", "cancel", "", 0),
)


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    base = tmp_path_factory.mktemp("list")
    seed(base / "data", *CARDS)
    return base


def _column_starts(line: str, cells: list[str]) -> list[int | None]:
    """The terminal column where each of `cells` starts in `line` (None for a blank
    cell, which has no start to find)."""
    starts: list[int | None] = []
    at = 0
    for cell in cells:
        if not cell:
            starts.append(None)
            continue
        index = line.index(cell, at)
        starts.append(cell_len(line[:index]))
        at = index + len(cell)
    return starts


# a follow-up date on a card nothing was done for claims nothing: Not started (issue 16)
@pytest.mark.parametrize(
    ("lang", "rows"),
    [
        ("en", [
            ["Card", "Kind", "To do", "Issuer", "How", "Status", "Steps", "Follow-up"],
            ["工行借记卡", "Bank", "Cancel", "ICBC", "phone+", "Not started", "0/11",
             "3 days late"],
            ["Old eSIM", "eSIM", "Port out number", "China Mobile", "SMS+", "Not started",
             "0/10"],
            ["Metro", "Transit", "Cancel", "—", "", "Not started", "0/", "due today"],
        ]),
        ("zh-CN", [
            ["卡片", "类型", "要做的事", "发卡方", "方式", "状态", "步骤", "跟进"],
            ["工行借记卡", "银行卡", "注销", "ICBC", "电话等", "未开始", "0/11", "逾期 3 天"],
            ["Old eSIM", "eSIM", "携号转出", "China Mobile", "短信等", "未开始", "0/10"],
            ["Metro", "交通卡", "注销", "—", "", "未开始", "0/", "今天到期"],
        ]),
    ],
)
def test_a_line_per_card_lined_up_in_the_users_language(base, lang, rows):
    result = cli(base, "--lang", lang, "list")
    assert result.returncode == 0 and result.stderr == "", result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 4
    starts = [_column_starts(line, row) for line, row in zip(lines, rows, strict=True)]
    for row_starts in starts[1:]:
        heading = starts[0][: len(row_starts)]
        assert [s for s, h in zip(row_starts, heading, strict=True) if s is not None] == [
            h for s, h in zip(row_starts, heading, strict=True) if s is not None
        ]
    assert all(line == line.rstrip() for line in lines)
    assert FULL_NUMBER[-4:] not in result.stdout  # not even the last 4


@pytest.mark.parametrize(
    ("lang", "said"),
    [("en", "No cards yet."), ("zh-CN", "还没有卡。")],
)
def test_no_cards_yet_is_said(tmp_path, lang, said):
    result = cli(tmp_path, "--lang", lang, "list")
    assert result.returncode == 0 and result.stdout.startswith(said)


@pytest.mark.parametrize(
    ("lang", "said"),
    [("en", "Nothing is due.\n"), ("zh-CN", "没有到期的卡。\n")],
)
def test_nothing_due_is_said_with_status_0(tmp_path, lang, said):
    seed(tmp_path / "data", ("Later", "other", "cancel", "", 5))
    result = cli(tmp_path, "--lang", lang, "due")
    assert result.returncode == 0 and result.stdout == said
