"""Chinese text wraps between its characters (found from outside: in zh-CN at 60x20 a
step put `[ ] 1.` alone on its first line and its title on the next, as Rich breaks
lines only at spaces; a log entry did the same to its date)."""

from __future__ import annotations

import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from tui.domain.tracker import Tracker
from tui.records.card_fields import CardFields
from tui.storage.store import DB_FILENAME, Store
from tui.ui.card_lines import IssuerLine
from tui.ui.entry_list import EntryList
from tui.ui.line_breaks import NO_LINE_END, NO_LINE_START, divide_line, wrap
from tui.ui.text_panel import TextPanel

CONSOLE = Console(width=80)
# what the step titles, details and log are made of, in both languages
CHARACTERS = st.sampled_from(list("先想好暂停能否代替注销银行卡工资ab c1.,，。：？（）「」 "))


def lines_of(text: str, width: int) -> list[str]:
    return [line.plain for line in wrap(Text(text), CONSOLE, width)]


@pytest.mark.parametrize(
    ("text", "width", "expected"),
    [
        # the number stays with its title; the question mark with the word before it
        ("[ ] 1. 先想好：暂停能否代替注销？", 30, ["[ ] 1. 先想好：暂停能否代替注", "销？"]),
        # a closing mark never starts a line, an opening one never ends one
        ("[ ] 4. 结清余额（和欠款）", 20, ["[ ] 4. 结清余额（和", "欠款）"]),
        ("[ ] 4. 结清余额（和欠款）", 16, ["[ ] 4. 结清余额", "（和欠款）"]),
        ("11/30 导入了卡片（银行卡，注销）", 25, ["11/30 导入了卡片（银行", "卡，注销）"]),
    ],
)
def test_chinese_breaks_between_characters(text, width, expected):
    assert lines_of(text, width) == expected


@pytest.mark.parametrize(
    "text",
    [
        "[ ] 1. Plan first: would suspending do instead of cancelling?",
        "11/30/26, 6:01 PM  card imported (Bank, Cancel)",
        "a_very_long_identifier_without_any_space_in_it_at_all_to_fold",
    ],
)
@pytest.mark.parametrize("width", [1, 12, 30, 46])
def test_text_with_no_wide_character_wraps_as_rich_does(text, width):
    assert lines_of(text, width) == [line.plain for line in Text(text).wrap(CONSOLE, width)]


@given(st.lists(CHARACTERS, max_size=60).map("".join), st.integers(2, 40))
def test_every_line_fits_and_the_text_is_kept(text, width):
    lines = lines_of(text, width)
    assert all(cell_len(line) <= width for line in lines)
    # only spaces at the ends of lines go
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


@pytest.mark.parametrize(
    ("text", "width"),
    [("先先 ，，", 8), ("先先先 。", 7), ("（ 先先先", 6), ("ab 「 先先先先", 8)],
)
def test_spaces_do_not_let_a_mark_lose_its_neighbour(text, width):
    # found by the property below: a break at a space put `，，` at a line's start
    lines = lines_of(text, width)
    assert len(lines) > 1, lines
    for before, line in zip(lines, lines[1:], strict=False):
        assert line[:1] not in NO_LINE_START, lines
        assert before.rstrip()[-1:] not in NO_LINE_END, lines


@given(st.lists(CHARACTERS, max_size=60).map("".join), st.integers(8, 40))
def test_no_line_starts_with_a_closing_mark_unless_a_word_is_too_long(text, width):
    lines = lines_of(text, width)
    for before, line in zip(lines, lines[1:], strict=False):
        forced = cell_len(before) >= width - 1  # folded: no place to break was left
        assert forced or line[:1] not in NO_LINE_START, lines
        assert forced or before.rstrip()[-1:] not in NO_LINE_END, lines


def test_the_lists_and_the_detail_wrap_the_same_way():
    """Every place that wraps text for the panes goes through line_breaks.wrap (or
    wrap_hanging, which wraps with it)."""
    import inspect

    for widget in (EntryList, TextPanel, IssuerLine):
        source = inspect.getsource(sys.modules[widget.__module__])
        assert ("wrap(" in source or "wrap_hanging(" in source) and ".wrap(" not in source, widget


@pytest.mark.parametrize(("lang", "size"), [("zh-CN", (60, 20)), ("en", (80, 24))])
async def test_a_steps_number_stays_with_its_title(make_app, content, clock, lang, size):
    store = Store.in_memory()
    Tracker(store, content.playbooks, clock).add_card(CardFields("工行", "bank", "cancel"))
    app = make_app(store, lang=lang)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        first = app.steps.checklist.render_line(0).text  # the list's first line drawn
    words = first.split()
    assert len(words) > 3 and words[:3] == ["[", "]", "1."], first


def _start(tmux, tmp_path, lang: str, size: tuple[int, int]) -> None:
    from tui.base.paths import content_dir
    from tui.library.content import load_content

    data = tmp_path / "data"
    store = Store.open(data / DB_FILENAME)
    Tracker(store, load_content(content_dir()).playbooks).add_card(
        CardFields("工行", "bank", "cancel")
    )
    store.close()
    home = tmp_path / "home"
    tmux.env.update(HOME=str(home), XDG_STATE_HOME=str(home / "state"))
    tmux.env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    tmux.start([sys.executable, "-m", "tui", "--lang", lang, "--data-dir", str(data)])
    if size != (80, 24):
        tmux.run("resize-window", "-t", "app", "-x", str(size[0]), "-y", str(size[1]))


@pytest.mark.parametrize(
    ("lang", "size", "title"),
    [("zh-CN", (60, 20), "先想好"), ("en", (80, 24), "Plan first")],
)
def test_a_steps_number_stays_with_its_title_in_a_real_terminal(tmux, tmp_path, lang, size, title):
    _start(tmux, tmp_path, lang, size)
    width = size[0]
    screen = tmux.wait_until(
        f"the panes drawn {width} cells wide, step 1 among them",
        lambda s: (
            "[ ] 1." in s.text
            and any(
                line.startswith("┏━") and cell_len(line.rstrip()) == width
                for line in s.text.split("\n")
            )
        ),
    ).text
    [line] = [line for line in screen.split("\n") if "[ ] 1." in line]
    assert title in line, screen


def test_textuals_own_widgets_wrap_chinese_the_same_way():
    """Static, Label and the dialogs wrap through Textual's Content, which used Rich's
    divide_line (a dialog asked `删除 Alpha card` and put the rest on the next line)."""
    import textual.content

    from tui.ui import app  # noqa: F401 (installs the fixes)
    from tui.ui.line_breaks import divide_line

    assert textual.content.divide_line is divide_line
    lines = textual.content.Content("删除 Alpha card 及其进度？日志会保留历史记录").wrap(30)
    assert [line.plain.rstrip() for line in lines] == [
        "删除 Alpha card 及其进度？日志",
        "会保留历史记录",
    ]


@pytest.mark.parametrize("fold", [True, False])
@given(text=st.lists(CHARACTERS, max_size=60).map("".join), width=st.integers(2, 40))
def test_divide_line_fits_as_rich_does(fold, text, width):
    from rich._wrap import divide_line as rich_divide_line

    from tui.ui.line_breaks import divide_line

    if text.isascii():
        assert divide_line(text, width, fold) == rich_divide_line(text, width, fold)
    offsets = divide_line(text, width, fold)
    assert offsets == sorted(set(offsets)) and all(0 < o < len(text) for o in offsets)
    if fold:
        pieces = [text[a:b] for a, b in zip([0, *offsets], [*offsets, len(text)], strict=True)]
        assert all(cell_len(piece.rstrip()) <= width for piece in pieces), pieces


@pytest.mark.parametrize(
    "text",
    [
        "Reference the issuer gave for the report on +86\u00a010\u00a095588 (it goes to the log)",
        "为向 +86\u00a010\u00a095588 挂失的电话记录受理编号（记入日志）",
    ],
)
def test_a_line_never_breaks_at_a_no_break_space(text):
    """Rich broke `+86 10 95588` at a no-break space (Python's \\s matches it)."""
    for width in range(20, 60):
        cuts = divide_line(text, width)
        lines = [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True)]
        assert any("+86\u00a010\u00a095588" in line for line in lines), (width, lines)


def test_a_question_s_answers_in_brackets_never_break():
    """A Chinese question broke as `继续吗？（y` / `是 · n 否）`: its answers are one group."""
    from tui.ui.line_breaks import answers_kept_whole

    question = answers_kept_whole(
        "将改用挂失清单的卡：1 张（ICBC debit）。每张卡已勾选的步骤会保留，"
        "改回原来的办理事项时恢复。继续吗？（y 是 · n 否）"
    )
    for width in range(20, 70):
        lines = [line.replace("\u00a0", " ") for line in lines_of(question, width)]
        assert any("（y 是 · n 否）" in line for line in lines), (width, lines)
    kept = answers_kept_whole("Go on? (y yes · n no)")
    assert kept == "Go on? (y\u00a0yes\u00a0·\u00a0n\u00a0no)"
    long = "Discard? (Enter/y discard · Esc/n back to it, as if nothing happened)"
    assert answers_kept_whole(long) == long  # wider than a line may be: it may break
