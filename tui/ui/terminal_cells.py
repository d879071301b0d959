"""What the terminal shows, cell by cell, so that an update sends only the cells that
read differently: every byte is sent over SSH.

Textual repaints a region of the screen whole whenever a widget in it asks, even when
most of it reads the same as what the terminal already shows: a Tab at 80x24 sent the
key bar twice (once as the bindings changed, again, the same, a frame later), every
scroll bar cell beside the two panes whose borders changed, and lines of a pane that
did not change; a step toggle sent the whole title line for one changed count. And
each run of text goes out with its colours set and then reset (`ESC[0m`), even between
two runs of the same colours: a border cell cost ~33 bytes for one character.

Here every update the compositor draws is compared with the cells last sent:
- a cell that reads the same (character, colours, attributes, link) is not sent;
  changed cells a few apart are sent as one run (a cursor move costs more);
- colours are set only when they change from the cell before, and only the part that
  changes (the foreground, the background) when the attributes stay; they are reset
  once, at the end of the update.

A full update (a screen opened or closed) is compared the same way. A cell not known
to be on the terminal is always sent: before the first update, after the terminal
changed size (drawn whole then, even when it came back to its size before a frame was
drawn), after the app was suspended and resumed (another program had the
terminal), and after ctrl+l (another program wrote over it).

After the terminal changed size, the first update clears the screen first (`ESC[2J`).
tmux (3.3a) keeps the cells past the right edge when a window narrows (on the
alternate screen it does not rewrap), the right half of a wide character across that
edge included; a character written over its left half then leaves that right half
standing, off screen. Once the window widens again, the cell written after the new
character (on that right half) blanks the character before it, as tmux clears a wide
character whose half is written over: tmux at 100x30, then 80x24, then 120x40 lost the
third letter of every issuer in the card list (`Be jing Municipal H…`), until ctrl+l
sent the line a second time. Clearing frees whole lines, cells past the edge
included.
And a wide character that an update puts across the right edge (the rows of the
layout before a resize, drawn at the new size before the new layout is) is sent as a
space: the terminal has no cell for its right half (tmux leaves the cell as it was,
with autowrap on a terminal wraps it to the next line).

The colour codes are worked out for the terminal's colour system each time a style is
first met here (`_look`, keyed by the style and the colour system). Rich and Textual
keep a style's codes on the style object itself (`Style._ansi`), for whichever colour
system rendered it first, and styles are shared through their caches: a style first
rendered by a screenshot (Textual's export_screenshot, the palette's Screenshot, in
24-bit colour) is then sent by Textual's own output in 24-bit colour to a terminal of
256 or 16 colours. (In a running app the styles on screen were rendered for the
terminal first; in a test process, another test's screenshot comes first.) Here it is
sent in the terminal's colours.

What reaches the terminal is what Textual sends, and what a full redraw from scratch
shows: tests/test_terminal_cells.py replays them into terminal emulators.
"""

from __future__ import annotations

from functools import lru_cache

from rich.cells import cell_len
from rich.color import ColorSystem
from rich.console import COLOR_SYSTEMS, Console
from rich.style import Style
from textual import events
from textual._compositor import ChopsUpdate, CompositorUpdate, LayoutUpdate
from textual.strip import Strip

_PLAIN = ("", "", "", "", None, "")  # no style: the terminal's own colours
_HALF = ("", None)  # the cell after a wide character: drawn by the character before it
GAP = 4  # unchanged cells between two changed runs that are sent rather than moved over

Cell = tuple[str, tuple] | None  # (character, how it looks), None: not known


def _look(style: Style | None, system: ColorSystem) -> tuple:
    """(all SGR codes, the attributes' codes, the foreground's, the background's, link,
    link id) of a style in `system`, as Textual writes it (Strip.render_ansi:
    attributes, then foreground, then background)."""
    if style is None:
        return _PLAIN
    look = _codes(style, system)
    if look[4] and look[5] != style.link_id:  # a style's hash leaves out its link id
        return look[:5] + (style.link_id,)
    return look


@lru_cache(maxsize=2048)
def _codes(style: Style, system: ColorSystem) -> tuple:
    """_look, kept per style and colour system (never Style._ansi, kept on the style
    for the first colour system that rendered it, and left as it was)."""
    kept = style._ansi
    codes = Strip.render_ansi(style, system)  # which sets style._ansi
    style._ansi = kept
    fg = ";".join(style.color.downgrade(system).get_ansi_codes()) if style.color else ""
    bg = ";".join(style.bgcolor.downgrade(system).get_ansi_codes(False)) if style.bgcolor else ""
    cut = len(codes) - len(";".join(part for part in (fg, bg) if part))
    attributes = codes[:cut].rstrip(";")
    return (codes, attributes, fg, bg, style.link, style.link_id if style.link else "")


def _pen_change(pen: tuple, look: tuple) -> str:
    """The SGR sequence that takes the terminal from `pen`'s colours and attributes to
    `look`'s (empty when they are the same)."""
    if pen[0] == look[0]:
        return ""
    if not look[0]:
        return "\x1b[0m"
    if pen[1] != look[1]:
        return f"\x1b[0;{look[0]}m"
    codes = []
    if pen[2] != look[2]:
        codes.append(look[2] or "39")
    if pen[3] != look[3]:
        codes.append(look[3] or "49")
    return f"\x1b[{';'.join(codes)}m"




class TerminalCells:
    """The cells last sent to the terminal (rows of Cell), and the sequences that bring
    it up to date with an update from Textual's compositor."""

    def __init__(self) -> None:
        self.shown: list[list[Cell]] = []
        self.clear_first = False  # the next update clears the screen before its cells

    def forget(self) -> None:
        """Nothing on the terminal is known any more (it was used by another program):
        the next update sends every cell it holds."""
        self.shown = []

    def resized(self) -> None:
        """The terminal changed size: as `forget`, and the next update clears the
        screen first, dropping whatever the terminal kept past its edges (see the
        module's docstring)."""
        self.forget()
        self.clear_first = True

    def render(self, update: CompositorUpdate, console: Console, width: int, height: int) -> str:
        """The sequences to write for `update` (a compositor update for a screen of
        `width` x `height` cells), ending with the colours reset; `shown` is then what
        the terminal shows."""
        system = COLOR_SYSTEMS.get(console.color_system or "truecolor", ColorSystem.TRUECOLOR)
        if len(self.shown) != height or any(len(row) != width for row in self.shown[:1]):
            self.shown = [[None] * width for _ in range(height)]
        self._system, self._out, self._pen = system, [], _PLAIN
        if self.clear_first and isinstance(update, (LayoutUpdate, ChopsUpdate)):
            # the pen is the terminal's own here (each update ends with it reset):
            # cleared to the terminal's own background
            self._out.append("\x1b[2J")
            self.clear_first = False
        if isinstance(update, LayoutUpdate):
            x = update.region.x
            for y, line in enumerate(update.strips, update.region.y):
                self._line(y, [(x, strip) for strip in line], x, width)
        elif isinstance(update, ChopsUpdate):
            for y, x1, x2 in update.spans:
                pieces = []
                chops = zip(update.chop_ends[y], update.chops[y].items(), strict=True)
                for end, (x, strip) in chops:
                    if strip is None or x >= x2 or end <= x1:
                        continue
                    # as ChopsUpdate.render_segments: the piece from its start to x2
                    pieces.append((x, strip if end <= x2 else strip.crop(0, x2 - x)))
                if pieces:
                    self._line(y, pieces, pieces[0][0], width)
        else:  # not drawn here (an inline update): nothing known is kept
            self.forget()
            return update.render_segments(console)
        if self._pen[0]:
            self._out.append("\x1b[0m")
        return "".join(self._out)

    def _line(self, y: int, pieces: list, start: int, width: int) -> None:
        """Send the cells of one line that differ from those shown: `pieces` are
        (x, Strip) from `start` on, left to right."""
        if not 0 <= y < len(self.shown):
            return
        new: list[Cell] = []
        system = self._system
        for piece_x, strip in pieces:
            new.extend([None] * (piece_x - start - len(new)))  # a hole: not drawn
            for text, style, _control in strip:
                look = _look(style, system)
                if text.isascii():  # one cell a character (control characters are
                    new.extend([(char, look) for char in text])  # filtered out before)
                    continue
                for char in text:
                    size = cell_len(char)
                    if size == 0:  # joins the character before
                        _join(new, char)
                        continue
                    new.append((char, look))
                    new.extend([_HALF] * (size - 1))
        if start >= width or not new:  # all past the right edge (a frame laid out
            return  # for a wider screen, sent after a resize), or nothing drawn
        end = min(start + len(new), width)
        if end - start < len(new) and new[end - start] == _HALF:
            _cut_at_the_edge(new, end - start)
        shown = self.shown[y]
        if new[: end - start] == shown[start:end]:
            return
        changed = [
            x for x in range(start, end)
            if new[x - start] is not None and new[x - start] != shown[x]
        ]
        runs: list[list[int]] = []
        for x in changed:
            if runs and x - runs[-1][1] <= GAP and None not in new[runs[-1][1] - start:x - start]:
                runs[-1][1] = x + 1
            else:
                runs.append([x, x + 1])
        for run in runs:
            self._send(y, run, new, start, end)

    def _send(self, y: int, run: list[int], new: list, start: int, end: int) -> None:
        shown = self.shown[y]
        first, last = run
        # never half a wide character, new or shown: the terminal would blank its other half
        while first > start and _HALF in (new[first - start], shown[first]):
            first -= 1
        while last < end and _HALF in (new[last - start], shown[last]):
            last += 1
        if first > 0 and shown[first] == _HALF and first == start:
            shown[first - 1] = None  # a wide character cut by what Textual draws
        if last < len(shown) and shown[last] == _HALF:
            shown[last] = None
        out = self._out
        out.append(f"\x1b[{y + 1};{first + 1}H")
        text: list[str] = []
        for x in range(first, last):
            cell = new[x - start]
            shown[x] = cell
            if cell is None or cell == _HALF:
                continue
            look = cell[1]
            if look != self._pen:
                if text:
                    out.append(self._linked("".join(text)))
                    text = []
                out.append(_pen_change(self._pen, look))
                self._pen = look
            text.append(cell[0])
        if text:
            out.append(self._linked("".join(text)))

    def _linked(self, text: str) -> str:
        """Text in the current pen, inside its hyperlink (OSC 8) when it has one."""
        link, link_id = self._pen[4], self._pen[5]
        if not link:
            return text
        return f"\x1b]8;id={link_id};{link}\x1b\\{text}\x1b]8;;\x1b\\"


def _cut_at_the_edge(cells: list[Cell], edge: int) -> None:
    """A wide character across `edge` (the screen's right edge) in `cells`: the part
    before the edge is spaces of its look, as Rich crops a wide character."""
    first = edge - 1
    while first > 0 and cells[first] == _HALF:
        first -= 1
    cell = cells[first]
    if cell is None or cell == _HALF:
        return
    cells[first:edge] = [(" ", cell[1])] * (edge - first)


def _join(cells: list[Cell], char: str) -> None:
    """Add a character of no width (a combining mark) to the last character drawn."""
    for index in range(len(cells) - 1, -1, -1):
        cell = cells[index]
        if cell is not None and cell != _HALF:
            cells[index] = (cell[0] + char, cell[1])
            return


class CellsSentOnce:
    """Mixin for the App, before Redraw: its screen updates go through TerminalCells
    (see the module's docstring). An inline app is drawn as Textual draws it."""

    terminal_cells: TerminalCells | None = None

    def _display(self, screen, renderable) -> None:
        if isinstance(renderable, (ChopsUpdate, LayoutUpdate)) and not self.is_inline:
            if self.terminal_cells is None:  # the first update: the app runs
                self.terminal_cells = cells = TerminalCells()
                for signal in (self.app_suspend_signal, self.app_resume_signal):
                    signal.subscribe(self, lambda _app: cells.forget(), immediate=True)
            renderable = _Diffed(renderable, self.terminal_cells, self.size)
        super()._display(screen, renderable)

    def _on_resize(self, _event: events.Resize) -> None:
        """The terminal changed size: what it shows is no longer known (a smaller
        terminal lost cells), and the screen is drawn whole once the size settles.
        Runs before Textual's App._on_resize (each class's handler runs). A resize and
        back before the app handled the first (a window dragged quickly) reaches the app
        as one Resize to the size it had (Textual's queue keeps the last Resize), and
        Textual then redraws nothing: the lost cells stayed blank, with its own output
        too."""
        if self.terminal_cells is not None:
            self.terminal_cells.resized()
            self.call_after_refresh(lambda: self.screen.refresh())  # the screen then on top

    def action_redraw(self) -> None:
        """ctrl+l: every cell is sent again, not only those that changed (another
        program wrote over the screen, which updates would otherwise leave as it is
        wherever nothing changes)."""
        if self.terminal_cells is not None:
            self.terminal_cells.forget()
        super().action_redraw()


class _Diffed(CompositorUpdate):
    """A compositor update that renders as the cells that differ from those shown."""

    def __init__(self, update: CompositorUpdate, cells: TerminalCells, size) -> None:
        self.update, self.cells, self.size = update, cells, size

    def render_segments(self, console: Console) -> str:
        return self.cells.render(self.update, console, self.size.width, self.size.height)

    def __rich_console__(self, console, options):
        return self.update.__rich_console__(console, options)
