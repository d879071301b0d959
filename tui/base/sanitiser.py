"""Hostile text: what is removed from text on its way in, and neutralised on its way out.

On the way in (the card form, the filter, CSV and JSON import, proof and reference
fields, money notes, the user's YAML content, command-line arguments), `clean` removes:

- Whole terminal escape sequences, as text copied from a terminal carries them (a
  coloured word: `ESC[31m` red `ESC[0m`): CSI sequences (`ESC[` parameters, then a
  final letter: colours, cursor moves, `ESC[2J`), the strings of OSC, DCS, SOS, PM
  and APC (`ESC]52;c;…` ended by BEL or `ESC\\`: the clipboard, the window title, a
  link) and character-set choices (`ESC(B`). Each counts as one removed character:
  what it carries was never text. A sequence cut short loses its ESC alone (below).
- What is left of colour codes whose ESC was lost on the way (`[31mred[0m`, as some
  terminals and chat windows paste them): an SGR code `[…m` (digits and semicolons
  between `[` and `m`), each counted as one, only where the text holds two or more of
  them, one a reset (`[0m` or `[m`), none followed by `]`. One alone may be text
  (`[5m]`, a note that says `[2m`) and is kept.
- C0 and C1 control characters (U+0000–U+001F, U+007F–U+009F): ESC starts the
  terminal sequences that set the clipboard (OSC 52), the window title or clear the
  screen; BEL ends them. Multi-line text (notes, content) keeps line feeds and tabs
  (a CR LF or a lone CR becomes a line feed); in one-line text a tab, line feed, CR,
  VT or FF becomes a space, as the fields' whitespace is collapsed anyway.
- Bidi overrides and isolates (U+202A–U+202E, U+2066–U+2069): they make text read in
  an order other than the one it is stored in. The marks U+200E, U+200F and U+061C
  change no order of their own and are kept.
- Zero-width characters that carry no meaning where they stand. U+200B (zero-width
  space), U+2060 (word joiner) and U+FEFF (byte-order mark) are always removed: they
  only make two names look the same while differing ("ICBC" and "IC\\u200bBC" would
  not match each other, nor the issuer directory). U+200C (ZWNJ) and U+200D (ZWJ)
  are kept between two visible characters, where they shape emoji sequences (👨‍👩‍👧),
  Indic conjuncts and Persian words, and removed anywhere else (at either end, next
  to a space, or next to another invisible character), where they do nothing but hide.

Every removed character is counted, so the way in can say so ("Removed 3 control
characters from Name"); a space that replaced a tab is not counted.

On the way out to a terminal (`for_terminal`), text already stored or written by
someone else (data files from before, the user's content) is neutralised once more:
C0 controls other than line feed and tab become their visible symbol (ESC → ␛,
BEL → ␇, CR → ␍), DEL becomes ␡, and C1 controls and bidi overrides become U+FFFD.
`spreadsheet_cell` does that and also defuses CSV formula injection; `json_for_terminal`
keeps JSON lossless by writing the same characters as \\u escapes (ESC as \\u001b).

No Textual, no Rich, no I/O.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

# removed on the way in (besides \t \n \r \v \f, handled by the line rules)
_CONTROLS = "\x00-\x08\x0e-\x1f\x7f-\x9f"
_BIDI = "\u202a-\u202e\u2066-\u2069"
_ALWAYS_INVISIBLE = "\u200b\u2060\ufeff"
JOINERS = "\u200c\u200d"  # ZWNJ, ZWJ: kept between two visible characters
_JOINERS = JOINERS
_LINE_BREAKS = "\t\n\r\x0b\x0c"
# whole escape sequences (ECMA-48): CSI (parameter bytes, intermediate bytes, a final
# byte), the control strings OSC, DCS, SOS, PM and APC (ended by BEL or ST, ESC \),
# and a character set's choice (ESC ( B: the nF sequences that name one; ESC and a
# space start other nF sequences, but also text such as "Old<ESC> SIM")
_SEQUENCE = re.compile(
    r"\x1b\[[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]"
    r"|\x1b[\]PX^_][^\x07\x1b]*(?:\x07|\x1b\\)"
    r"|\x1b[()*+\-./][\x30-\x7e]"
)
# an SGR code whose ESC was lost (`[31m`, `[0m`), not the start of `[5m]`
_SGR_LEFT = re.compile(r"\[[0-9;]*m(?!\])")
_SGR_RESET = re.compile(r"\[0*m(?!\])")
# anything that `clean` may change: a fast test for text that is already clean
_CHANGES = re.compile(
    f"[{_CONTROLS}{_BIDI}{_ALWAYS_INVISIBLE}{_JOINERS}{_LINE_BREAKS}]|{_SGR_LEFT.pattern}"
)
_REMOVED = re.compile(f"[{_CONTROLS}{_BIDI}{_ALWAYS_INVISIBLE}]")
_JOINER = re.compile(f"[{_JOINERS}]")

# neutralised on the way out: every control but line feed and tab, and bidi overrides
UNSAFE_FOR_TERMINAL = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}]")
# what a line drawn on the screen never needs (the app drops these as it draws: they
# take no cell, so the layout stays as Textual measured it)
NOT_IN_A_LINE = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI}]")
# what a spreadsheet reads as the start of a formula (OWASP, "CSV Injection")
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Cleaned:
    """Text as it may be stored (`text`) and how many characters were removed from it
    (`removed`, 0 when it was clean already)."""

    text: str
    removed: int = 0


def joinable(char: str) -> bool:
    """A character a joiner can join: not a control, format character or space."""
    return unicodedata.category(char)[0] not in "CZ"


def _drop_stray_joiners(text: str) -> tuple[str, int]:
    kept: list[str] = []
    removed = 0
    for index, char in enumerate(text):
        if char in _JOINERS:
            after = text[index + 1] if index + 1 < len(text) else ""
            if not (kept and joinable(kept[-1]) and after and joinable(after)):
                removed += 1
                continue
        kept.append(char)
    return "".join(kept), removed


def clean(text: str, multiline: bool = False) -> Cleaned:
    """`text` without controls, bidi overrides and stray zero-width characters (see the
    module docstring for exactly which), and how many were removed.

    `multiline` keeps line feeds and tabs (CR LF and CR become LF); otherwise tab, LF,
    CR, VT and FF become a space. Never raises; surrounding spaces are left as they are.
    """
    if not _CHANGES.search(text):
        return Cleaned(text)
    text, removed = _SEQUENCE.subn("", text)
    if multiline:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        removed += text.count("\x0b") + text.count("\x0c")
        text = text.replace("\x0b", "").replace("\x0c", "")
    else:
        text = text.translate({ord(c): " " for c in _LINE_BREAKS})
    text, count = _REMOVED.subn("", text)
    removed += count
    text, count = _without_sgr_left(text)
    removed += count
    if _JOINER.search(text):
        text, count = _drop_stray_joiners(text)
        removed += count
    return Cleaned(text, removed)


def _without_sgr_left(text: str) -> tuple[str, int]:
    """`text` without the SGR codes left by a lost ESC, when it holds two or more and
    one is a reset (see the module's docstring), and how many went. Again until none
    is left to remove: `[[0m0m` leaves `[0m`, which goes too."""
    removed = 0
    while len(_SGR_LEFT.findall(text)) >= 2 and _SGR_RESET.search(text):
        text, count = _SGR_LEFT.subn("", text)
        removed += count
    return text, removed


def clean_tree(data: object, multiline: bool = True) -> tuple[object, int]:
    """Every string in nested dicts and lists (dict keys too) cleaned as `clean` does;
    returns the cleaned copy and the characters removed in all. Other values are kept
    as they are. For parsed JSON and YAML documents."""
    if isinstance(data, str):
        cleaned = clean(data, multiline)
        return cleaned.text, cleaned.removed
    if isinstance(data, Mapping):
        out: dict = {}
        total = 0
        for key, value in data.items():
            key, removed_key = clean_tree(key, multiline)
            value, removed_value = clean_tree(value, multiline)
            out[key] = value
            total += removed_key + removed_value
        return out, total
    if isinstance(data, list | tuple):
        items = [clean_tree(item, multiline) for item in data]
        return type(data)(item for item, _ in items), sum(n for _, n in items)
    return data, 0


def tree_notes(data: object, multiline: bool = True, location: tuple = ()):
    """Where `clean_tree` would remove something: (location as keys and indexes, count)
    for each string (or key) concerned, in document order."""
    if isinstance(data, str):
        removed = clean(data, multiline).removed
        if removed:
            yield location, removed
    elif isinstance(data, Mapping):
        for key, value in data.items():
            if isinstance(key, str) and (removed := clean(key, multiline).removed):
                yield (*location, key), removed
            yield from tree_notes(value, multiline, (*location, key))
    elif isinstance(data, list | tuple):
        for index, item in enumerate(data):
            yield from tree_notes(item, multiline, (*location, index))


def _symbol(match: re.Match) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ … ␟, e.g. ESC → ␛
    if code == 0x7F:
        return "\u2421"  # ␡
    return "\ufffd"


def for_terminal(text: str) -> str:
    """`text` safe to print: controls other than line feed and tab shown as their
    symbol (ESC → ␛), DEL as ␡, C1 controls and bidi overrides as U+FFFD. The length
    in characters is kept; nothing else changes."""
    return UNSAFE_FOR_TERMINAL.sub(_symbol, text)


def one_line(text: str) -> str:
    """`text` as for_terminal shows it, with line feeds shown too, as the symbol ␊
    (as ESC is ␛): for a path or a name the user gave, which a message puts inside
    one of its own lines. The length in characters is kept."""
    return for_terminal(text).replace("\n", "\u240a")


def spreadsheet_cell(text: str) -> str:
    """A CSV cell as `for_terminal` shows it, with a leading single quote when it
    begins with =, +, -, @, tab or CR, so that a spreadsheet shows it as text instead
    of running it as a formula (OWASP, CSV Injection). The CSV writer quotes it."""
    text = for_terminal(text)
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


def unguard_cell(text: str) -> str:
    """A cell as `spreadsheet_cell` was given it: the single quote it put before a
    formula trigger is dropped (so an exported CSV imports back as it was)."""
    if len(text) > 1 and text[0] == "'" and text[1] in FORMULA_TRIGGERS:
        return text[1:]
    return text


def json_for_terminal(json_text: str) -> str:
    """The output of json.dumps with every character `for_terminal` would change
    written as a \\u escape (ESC as \\u001b): the same JSON document, safe to print. (json.dumps
    already escapes C0 controls; this adds DEL, C1 controls and bidi overrides.)"""
    return UNSAFE_FOR_TERMINAL.sub(lambda m: f"\\u{ord(m.group()):04x}", json_text)
