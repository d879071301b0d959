"""Which keys a key bar shows when they do not all fit: whole keys, the least
important first to go, and a `…` where keys went. Never a label cut in the middle.

Textual's Footer lays its keys out in a row that scrolls without a scroll bar: what
does not fit is cut at the screen's edge (`L Lost wa` at 60 columns), or under the
command palette's key, which is docked at the right (`^p 命令` over the keys in
Chinese). Here the keys are chosen before the row is built, from their widths:

- Each node whose bindings are shown (the app, a screen, the focused widget) may
  name its keys in order of importance in `KEY_BAR_KEEPS` (binding ids, the most
  important first). Those keys go last, the last named first.
- The other keys go before them, from the right (a screen's bindings are declared
  in the order to show them, the more important first).
- A key gone that fits again once a wider one has gone comes back.
- Once a key has gone, `…` stands before the help key (`… ? Help`: the help lists
  every key), or at the end where there is none (a dialog: its own hint line names
  every key).

Widths are as Textual 8.2.8's Footer draws its keys (not compact): ` key words `,
the palette's key docked at the right with a border and a space after it
(`▏^p Commands `); a key with no words is its key alone.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len

Shown = tuple[str, str, str, str, bool, str]  # key, display, words, action, disabled, tip

# the sign that keys went: no key, no action (SteadyFooter draws it as `…`)
MORE: Shown = ("", "…", "", "", False, "")
HELP_ACTION = "help"  # the app's action_help (tui/ui/actions.py): it lists every key


def key_width(shown: Shown) -> int:
    """Cells a key takes in the bar: ` key words ` (the key alone when it has no
    words, as the `…` sign)."""
    _key, display, words, _action, _disabled, _tip = shown
    if not words:
        return cell_len(display)
    return cell_len(display) + cell_len(words) + 3


def palette_width(shown: Shown) -> int:
    """Cells the palette's key takes, docked at the right: `▏^p Commands `."""
    _key, display, words, _action, _disabled, _tip = shown
    return 1 + cell_len(display) + 1 + cell_len(words) + 1


def _row_width(keys: list[Shown], palette: Shown | None) -> int:
    width = sum(key_width(key) for key in keys)
    if palette is not None:
        width += palette_width(palette)
        if keys and keys[-1][2]:
            width -= 1  # the last key's trailing space may lie under the palette's border
    return width


def fit_keys(
    keys: Sequence[tuple[Shown, int]],
    palette: tuple[Shown, int] | None,
    width: int,
) -> tuple[tuple[Shown, ...], Shown | None]:
    """The keys a bar `width` cells wide shows: `keys` are (key, rank) in the order
    shown, `palette` the palette's key and its rank (or None). A larger rank goes
    first (on a tie, the one further right); `MORE` is put in before the key whose
    action is the app's help, or at the end, once any key has gone. Returns the keys
    kept, in their order, and the palette's key if kept."""
    entries = [(rank, place, shown) for place, (shown, rank) in enumerate(keys)]
    if palette is not None:
        entries.append((palette[1], len(keys), palette[0]))
    kept = sorted(entries, key=lambda entry: (entry[0], entry[1]))
    gone = []
    while kept and not _fits(kept, len(keys), len(entries), width):
        gone.append(kept.pop())  # the largest rank, the rightmost of that rank
    for entry in reversed(gone):  # one gone for a wider one may fit again: `e Edit`
        if _fits([*kept, entry], len(keys), len(entries), width):
            kept.append(entry)
    row, palette_kept = _arranged(kept, len(keys), len(kept) < len(entries))
    return tuple(row), palette_kept


def _fits(kept, palette_place: int, count: int, width: int) -> bool:
    row, palette = _arranged(kept, palette_place, len(kept) < count)
    return _row_width(row, palette) <= width


def _arranged(kept, palette_place: int, some_gone: bool) -> tuple[list[Shown], Shown | None]:
    in_order = sorted(kept, key=lambda entry: entry[1])
    row = [shown for _rank, place, shown in in_order if place != palette_place]
    palette = next((shown for _rank, place, shown in in_order if place == palette_place), None)
    if some_gone:
        helps = [i for i, shown in enumerate(row) if shown[3].split(".")[-1] == HELP_ACTION]
        row.insert(helps[0] if helps else len(row), MORE)
    return row, palette
