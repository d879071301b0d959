"""Emoji sequences in labels (issue 13): Rich and the terminal must count their cells
alike, or a row shifts and a border doubles. Checked in real tmux (3.3a counts `⚠️` as
1 cell where Rich counts 2) with a table of wide, narrow, emoji-presentation (U+FE0F),
joined (U+200D) and skin-toned characters."""

from __future__ import annotations

import sys

import pytest
from rich.cells import cell_len

from tests.conftest import run_cli
from tests.helpers.terminal import read_cells, row_text
from tui.storage.store import DB_FILENAME, Store
from tui.ui.text_guard import WIDTH_TRAPS, terminal_cells

LABELS = [
    "⚠️ Lost wallet",  # U+26A0 U+FE0F
    "❤️ Mum's card",  # U+2764 U+FE0F
    "👨‍👩‍👧 Family plan",  # joined by U+200D
    "🏳️‍🌈 Pride card",  # U+FE0F and U+200D
    "1️⃣ First card",  # keycap
    "👍🏽 Thumbs card",  # skin tone
    "🇨🇳 China card",  # a flag: two regional indicators
    "工行 借记卡",  # wide
    "ｅＳＩＭ full width",  # wide Latin
    "Café résumé",  # narrow, precomposed and combining
]
WIDTH, HEIGHT = 100, 40
EDGES = set("│┃╮╯╭╰┓┛┏┗┐┘┌└")


@pytest.mark.parametrize("label", LABELS)
def test_drawn_text_keeps_richs_cells_and_holds_no_width_trap(label):
    drawn = terminal_cells(label)
    assert cell_len(drawn) == cell_len(label)
    assert not WIDTH_TRAPS.search(drawn)
    assert drawn.split()[-1] == label.split()[-1]  # the words are kept


def right_edges(rows) -> dict[int, int]:
    """For every pane row: the column of the last border character (a pane's right
    edge), by row number."""
    found = {}
    for y, row in enumerate(rows):
        line = row_text(row)
        columns = [x for x, ch in enumerate(line) if ch in EDGES]
        if columns:
            found[y] = columns[-1]
    return found


def test_borders_stay_in_line_with_emoji_labels_in_tmux(tmux, tmp_path):
    data, config = tmp_path / "data", tmp_path / "config"
    cards = tmp_path / "cards.csv"
    rows = "".join(f'"{label}",bank,Test Bank\n' for label in LABELS)
    cards.write_text("label,kind,issuer\n" + rows, encoding="utf-8")
    assert run_cli("import", str(cards), data=data, config=config).returncode == 0
    tmux.env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    tmux.start([sys.executable, "-m", "tui", "--data-dir", str(data), "--config-dir",
                str(config)])
    tmux.run("resize-window", "-t", "app", "-x", str(WIDTH), "-y", str(HEIGHT))
    tmux.wait_for("identifiers: off (no keyring)")
    tmux.wait_for("Café résumé")  # the last row, at this height

    def check(what: str) -> None:
        rows = read_cells(tmux.painted(), WIDTH, HEIGHT)
        edges = right_edges(rows)
        screen = "\n".join(row_text(r) for r in rows)
        outer = {y: x for y, x in edges.items() if x >= WIDTH - 2}
        assert len(outer) >= HEIGHT - 6, f"{what}: panes missing?\n{screen}"
        assert set(outer.values()) == {WIDTH - 1}, (
            f"{what}: right borders at columns {sorted(set(outer.values()))}:\n{screen}"
        )
        for y, row in enumerate(rows):  # no border character twice in a row's last cells
            tail = row_text(row)[WIDTH - 3 :]
            assert sum(ch in EDGES for ch in tail) <= 1, f"{what}: row {y} ends {tail!r}"
        for line in tmux.screen().splitlines():  # tmux's own text: no doubled border
            assert not (line[-2:-1] in EDGES and line[-1:] in EDGES), f"{what}: {line!r}"

    check("the card list")
    tmux.keys("t")  # every card's log: a label on each line
    tmux.wait_for("Log · all cards")
    check("the log of all cards")
    tmux.keys("e")  # the form: the label as typed, in an Input
    tmux.wait_for("Use an encrypted file")  # first, where identifiers would go
    tmux.keys("n")
    tmux.wait_for("Edit card")
    check("the edit form of ⚠️ Lost wallet")
    tmux.keys("Escape")
    tmux.wait_without("Edit card")
    tmux.keys("q")
    tmux.wait_gone()
    store = Store.open(data / DB_FILENAME)
    assert sorted(card.label for card in store.cards()) == sorted(LABELS)  # stored as typed
    store.close()
