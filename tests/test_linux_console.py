"""The Linux console (issue 13): under TERM=linux the app draws only glyphs its fonts
hold. The fonts are the real ones Debian's console-setup installs
(/usr/share/consolefonts, package console-setup-linux): Lat15-Fixed16 (its default for
Latin UTF-8 locales), Lat2-Terminus16 and Uni2-Fixed16; a glyph counts as there when
all three hold it."""

from __future__ import annotations

import gzip
import struct
import sys
import unicodedata
from functools import cache
from pathlib import Path

import pytest

from tests.conftest import IN_CI, run_cli
from tests.helpers.terminal import detail_opening
from tui.ui.console_glyphs import CONSOLE_GLYPHS, for_console, linux_console

FONTS_DIR = Path("/usr/share/consolefonts")
FONTS = ("Lat15-Fixed16.psf.gz", "Lat2-Terminus16.psf.gz", "Uni2-Fixed16.psf.gz")
# what was seen missing on a console before (issue 13)
REPORTED_MISSING = set("▁▂▃▄▇▊▎▏▔⚠")


def psf_characters(path: Path) -> set[str]:
    """The characters a PSF1 or PSF2 console font maps to its glyphs (its Unicode table)."""
    data = gzip.decompress(path.read_bytes())
    found: set[str] = set()
    if data[:2] == b"\x36\x04":  # PSF1: mode, height, 256 or 512 glyphs, UCS-2 table
        mode, height = data[2], data[3]
        count = 512 if mode & 1 else 256
        assert mode & 2, f"{path} has no Unicode table"
        table = data[4 + count * height :]
        codes = struct.unpack(f"<{len(table) // 2}H", table)
        found.update(chr(c) for c in codes if c < 0xFFFE)
        return found
    magic, _version, header, flags, count, size = struct.unpack_from("<6I", data)
    assert magic == 0x864AB572 and flags & 1, f"{path}: not a PSF2 font with a Unicode table"
    for entry in data[header + count * size :].split(b"\xff"):
        found.update(entry.split(b"\xfe")[0].decode("utf-8"))
    return found


@cache
def console_font() -> frozenset[str]:
    missing = [name for name in FONTS if not (FONTS_DIR / name).exists()]
    if missing:
        message = f"console fonts missing ({', '.join(missing)}): install console-setup-linux"
        if IN_CI:
            pytest.fail(f"{message} (CI must install it in .ci/run)")
        pytest.skip(message)
    return frozenset.intersection(*(frozenset(psf_characters(FONTS_DIR / n)) for n in FONTS))


def not_in_font(text: str) -> set[str]:
    font = console_font()
    return {ch for ch in text if ch not in font and not (" " <= ch <= "~") and ch != "\n"}


def glyphs_lacking(screen: str) -> set[str]:
    """What the screen draws that the fonts lack, but Chinese: names in Chinese (工行 in
    an example, an issuer's Chinese name next to its English one, with its full-width
    brackets: 中国工商银行（亚洲）) are text in a script no console font of 512 glyphs
    can hold, not a glyph the app chooses."""
    return {ch for ch in not_in_font(screen) if not _chinese_text(ch)}


def _chinese_text(ch: str) -> bool:
    name = unicodedata.name(ch, "")
    return "CJK" in name or name.startswith("FULLWIDTH")


def test_the_fonts_lack_what_was_reported():
    assert REPORTED_MISSING <= not_in_font("".join(REPORTED_MISSING))


def test_a_chinese_name_is_text_and_a_sign_the_app_draws_is_not():
    assert glyphs_lacking("中国工商银行（亚洲）：") == set()
    assert glyphs_lacking("☎ 95588 ⚠") == {"☎", "⚠"}


def test_every_replacement_is_in_the_fonts_and_as_wide():
    replacements = "".join(CONSOLE_GLYPHS.values())
    assert not not_in_font(replacements)
    assert REPORTED_MISSING <= {chr(code) for code in CONSOLE_GLYPHS}
    assert for_console("▐X▌ ⚠ ≡") == "[X] ! ="


@pytest.mark.parametrize(
    ("term", "console"),
    [("linux", True), ("linux-16color", True), ("xterm-256color", False), ("", False)],
)
def test_term_names_the_console(term, console):
    assert linux_console({"TERM": term}) is console


def test_every_screen_under_term_linux_uses_the_console_fonts(tmux, tmp_path, content):
    """In tmux with TERM=linux for the app: the panes with enough cards for a scroll bar
    and a step with a warning, help, the encrypted-file offer (buttons), the card form
    (drop-downs, a checkbox), the hotline lookup with a third party's number, the palette,
    the delete question, the lost wallet's pick (its boxes), its question and the list
    abroad, and the lookup abroad (numbers that work
    only at home marked). No screen draws a glyph the fonts lack."""
    console_font()  # skips (or fails in CI) before the terminal starts, if fonts are missing
    data, config = tmp_path / "data", tmp_path / "config"
    cards = tmp_path / "cards.csv"
    rows = "".join(f"Card {n},bank,Test Bank,no\n" for n in range(1, 13))
    rows += "Card 13,bank,ICBC,yes\n"
    # the last: its steps show the number with ☎; its only numbers work within China alone
    rows += "Card 14,bank,ABC,yes\n"  # 13 and 14 carried: the lost wallet picks them
    cards.write_text("label,kind,issuer,carried\n" + rows)
    assert run_cli("import", str(cards), data=data, config=config).returncode == 0
    tmux.env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    tmux.start(["env", "TERM=linux", sys.executable, "-m", "tui", "--data-dir", str(data),
                "--config-dir", str(config)])
    screens: dict[str, str] = {}

    def seen(what: str, text: str) -> None:
        screen = tmux.wait_for(text)
        screens[what] = screen

    def press(key: str, shows: str, what: str) -> None:
        tmux.keys(key)
        seen(what, shows)

    seen("the panes", "identifiers: off (no keyring)")
    press("Enter", "┏━ Steps", "the steps, focused")
    bank = content.playbooks.get("bank-cancel")
    warned = next(n for n, step in enumerate(bank.steps, 1) if step.warnings)
    for step in range(2, warned + 1):  # to the first step with a warning
        # a call step opens with whom to call (here: that the issuer is not in the
        # directory, h searches) above its detail; its heading says what it is
        call = bank.steps[step - 1].type.value == "call"
        press("j", "Phone call" if call else detail_opening(bank, step), f"step {step}")
    warning = bank.steps[warned - 1].warnings[0].get("en")
    press("Enter", warning[:20], "a step's warning")  # its dialog, with the warning sign
    press("Escape", "┏━ Steps", "back")
    press("?", "Everything works from the keyboard", "help")
    press("Escape", "┏━ Steps", "back")
    press("BTab", "┏━ Cards", "the cards, focused")
    press("a", "Use an encrypted file", "the encrypted-file offer")
    press("n", "Add a card", "the card form")
    press("Escape", "┏━ Cards", "back")
    press("e", "Edit card", "the edit form, with its checkbox")
    press("Escape", "┏━ Cards", "back")
    # the card's issuer text links to no issuer: the lookup opens searching for it
    press("h", "╭─ Hotlines", "the hotline lookup")
    press("C-u", "Issuer, in English or Chinese", "the hotline lookup, emptied")
    tmux.keys("icbc", literal=True)
    seen("a third party's number", "unverified")
    press("Escape", "┏━ Cards", "back")
    press("d", "Delete Card 1", "the delete question")
    press("n", "┏━ Cards", "back")
    press("C-p", "Search for commands", "the command palette")
    tmux.keys("Escape")
    tmux.wait_without("Search for commands")
    press("G", "95599", "a card whose issuer has a number")
    press("L", "Lost wallet: which cards", "the lost wallet's pick")
    press("Enter", "Switch now?", "the lost wallet's question")
    press("y", "I am at home", "the lost wallet")
    press("a", "I am abroad", "the lost wallet, abroad")
    press("End", "you are abroad", "the lost wallet, abroad, at a number that works at home")
    press("Escape", "┏━ Cards", "back")
    press("h", "you are abroad", "the lookup abroad")
    press("Escape", "┏━ Cards", "back")
    tmux.keys("q")
    tmux.wait_gone()

    found = {what: glyphs_lacking(screen) for what, screen in screens.items()}
    lacking = {what: "".join(sorted(chars)) for what, chars in found.items() if chars}
    assert not lacking, f"glyphs the console fonts lack, by screen: {lacking}"
