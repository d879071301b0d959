"""The lost-wallet list of whom to call in a real terminal at 80x24, in English and
Chinese: the order, a reference recorded and shown at once (for the last row too, which
grows a line at the bottom of the list), `h` searching and linking from the list, and
`L` with no open card saying so."""

from __future__ import annotations

import sys

import pytest

from tui.base.paths import content_dir
from tui.domain.tracker import Tracker
from tui.library.content import load_content
from tui.records.card_fields import CardFields
from tui.storage.store import DB_FILENAME, Store

WALLET = [  # as the user added them
    CardFields("Metro card", "transit", "cancel", "Shanghai transport card", "CN", carried=True),
    CardFields("ICBC debit", "bank", "cancel", "工行", "CN", carried=True),
    CardFields("Passport", "id-document", "report-lost", "", "GB", carried=True),
    CardFields("SS card", "social-security", "cancel", "上海社保", "CN", carried=True),
    CardFields("Phone eSIM", "esim", "port-out", "China Mobile", "CN", carried=True),
    CardFields("US credit", "bank", "cancel", "", "US", network="visa", carried=True),
]
IN_ORDER = ["ICBC debit", "US credit", "Phone eSIM", "Metro card", "SS card", "Passport"]

WORDS = {
    "en": {
        "title": "Lost wallet: call each issuer now",
        "pick": "Lost wallet: which cards were in it?",
        # the Metro card is marked lost with the wallet, the others switch: "Go on?"
        # ends the question naming both (its keys may wrap to the next line)
        "confirm": "Go on?",
        "called": "Called about ICBC debit",
        "reference": "reference ICBC-1 · ",
        "left": "4 of 5 still to call",  # the Metro card is a bearer card: no call
        "reported": "Reported Passport lost",
        "police": "report it to the police",
        "passport_reference": "reference PR-77 · ",
        "hotlines": "type to search",  # the search's hint line
        "metro": "▊  Shanghai Public Transportation Card",  # in the search field
        "bearer": "cannot be reported lost:",
        "empty": "No open card to report lost: press a",  # the line cuts the rest
    },
    "zh-CN": {
        "title": "钱包丢了：现在逐一致电发卡方",
        "pick": "钱包丢了：里面有哪些卡？",
        "confirm": "（y 是 · n 否）",
        "called": "已为 ICBC debit 致电",
        "reference": "受理编号：ICBC-1 · ",
        "left": "还有 4/5 个电话要打",
        "reported": "已报失：Passport",
        "police": "向警方报案",
        "passport_reference": "受理编号：PR-77 · ",
        "hotlines": "输入即搜索",
        "metro": "▊  上海公共交通卡",
        "bearer": "无法挂失：",
        "empty": "没有未办结的卡可以挂失：按 a 添加",
    },
}


def _start(tmux, tmp_path, lang: str, cards: list[CardFields]) -> None:
    data = tmp_path / "data"
    store = Store.open(data / DB_FILENAME)
    content = load_content(content_dir())
    tracker = Tracker(store, content.playbooks, issuers=content.issuers)
    for fields in cards:
        tracker.add_card(fields)
    store.close()
    home = tmp_path / "home"
    tmux.env.update(HOME=str(home), XDG_STATE_HOME=str(home / "state"))
    tmux.env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    command = [sys.executable, "-m", "tui", "--lang", lang, "--data-dir", str(data)]
    tmux.start([*command, "--config-dir", str(home / "config")])


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_the_calls_list_in_a_real_terminal(tmux, tmp_path, lang):
    words = WORDS[lang]
    _start(tmux, tmp_path, lang, WALLET)
    tmux.wait_for("ICBC debit")
    tmux.keys("L")
    tmux.wait_for(words["pick"])
    tmux.keys("Enter")  # every card is marked carried, so every one is picked
    tmux.wait_for(words["confirm"])
    tmux.keys("y")
    screen = tmux.wait_for(words["title"])
    shown = [name for name in IN_ORDER if name in screen]
    assert len(shown) >= 4, screen  # the first rows at least
    assert sorted(shown, key=screen.index) == shown, screen  # in the order to call
    tmux.keys("Space")
    tmux.wait_for(words["called"])
    tmux.keys("ICBC-1", literal=True)
    tmux.wait_typed("ICBC-1")
    tmux.keys("Enter")
    screen = tmux.wait_for(words["reference"])  # in the list at once
    assert words["left"] in screen
    tmux.keys("G")
    tmux.wait_for(words["police"])  # the last row, an ID document: what to do instead
    tmux.keys("Space")
    tmux.wait_for(words["reported"])
    tmux.keys("PR-77", literal=True)
    tmux.wait_typed("PR-77")
    tmux.keys("Enter")
    tmux.wait_for(words["passport_reference"])  # the last row's new line is in view
    # up two rows to the Metro card, and search the directory for it (keys are
    # handled in order); ctrl+l there links it, and its row says what the issuer says
    tmux.keys("k", "k", "h")
    # (the card's issuer text links to the directory: the search opens on that issuer)
    tmux.wait_until("the search, on the card's issuer",
                    lambda s: words["hotlines"] in s.text and words["metro"] in s.text)
    tmux.keys("C-l")
    screen = tmux.wait_for(words["bearer"])
    assert words["title"] in screen
    tmux.keys("Escape")
    tmux.wait_without(words["title"])
    tmux.keys("C-q")
    tmux.wait_gone()


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_l_with_no_open_card_says_so_in_a_real_terminal(tmux, tmp_path, lang):
    _start(tmux, tmp_path, lang, [])
    tmux.wait_for("cardoff-tui")
    tmux.keys("L")
    screen = tmux.wait_for(WORDS[lang]["empty"])
    assert WORDS[lang]["pick"] not in screen
    tmux.keys("C-q")
    tmux.wait_gone()


@pytest.mark.slow
def test_j_on_the_last_call_stays_and_a_recorded_reference_is_kept(tmux, tmp_path):
    """ICBC and Chase carried: after ICBC's reference the cursor is on Chase, the last
    row; `j` then space went round to ICBC and Enter replaced its reference without a
    word. Now space asks about Chase, and ICBC's dialog shows what was recorded."""
    cards = [
        CardFields("ICBC debit card", "bank", "cancel", "ICBC", "CN", carried=True),
        CardFields("Chase credit", "bank", "cancel", "Chase", "US", carried=True),
    ]
    _start(tmux, tmp_path, "en", cards)
    tmux.wait_for("Chase credit")
    tmux.keys("L")
    tmux.wait_for(WORDS["en"]["pick"])
    tmux.keys("Enter")
    tmux.wait_for("Switch now?")  # both switch, neither is marked lost with the wallet
    tmux.keys("y")
    tmux.wait_for(WORDS["en"]["title"])
    tmux.keys("Space")
    tmux.wait_for("Called about ICBC debit card")
    tmux.keys("ICBC-2026120100123", literal=True)
    tmux.wait_typed("ICBC-2026120100123")
    tmux.keys("Enter")
    tmux.wait_for("reference ICBC-2026120100123 · ")
    tmux.keys("j", "Space")  # on Chase, the last row: j leaves the cursor there
    screen = tmux.wait_for("Called about Chase credit")
    assert "Called about ICBC" not in screen
    tmux.keys("Escape")
    tmux.wait_without("Called about Chase credit")
    tmux.keys("k", "Space")
    screen = tmux.wait_for("Recorded already: ICBC-2026120100123")
    tmux.keys("Enter")  # unchanged: kept, nothing logged again
    tmux.wait_for("Reference kept for ICBC debit card.")
    tmux.keys("C-q")
    tmux.wait_gone()
