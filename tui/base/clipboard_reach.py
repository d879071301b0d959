"""Whether a copy the app makes can reach the user's clipboard, decided in one place for
the app (every copy) and `cardoff-tui doctor`.

The app copies with OSC 52: an escape sequence the terminal turns into a clipboard
write (over SSH, the terminal on the user's own machine). What sits between can drop it:

- tmux, unless its `set-clipboard` option is `on`. Its default, `external`, lets tmux
  itself set the outer terminal's clipboard (copy mode) but drops what programs send;
  `off` drops both. `tmux show-options -gv set-clipboard` reads the setting of the
  server named by $TMUX.
- GNU screen ($STY set; screen 4 does not pass OSC 52 on).
- The Linux console (TERM=linux) has no clipboard that programs can set.

Anywhere else a copy can have worked; whether the terminal honours OSC 52 cannot be
asked (terminals do not answer), so doctor says "where the terminal supports OSC 52".

tmux's `escape-time` (default 500 ms) is the time tmux waits after an Escape to see
whether a sequence follows: every Escape reaches the app that much later. Over 50 ms
is felt; `escape_time_advice` says what to set.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass

TMUX_FIX = "set -g set-clipboard on"
ESCAPE_FIX = "set -sg escape-time 10"
SLOW_ESCAPE_MS = 50  # above this, Escape is felt to lag


@dataclass(frozen=True)
class Reach:
    """`can_work`: a copy can have reached the clipboard. `place` says what is in the
    way or not: "tmux", "screen", "linux-console", "browser", "terminal" (no
    multiplexer seen). `setting`: tmux's set-clipboard ("on", "external", "off", or
    "unknown" when tmux could not be asked); None outside tmux. `fix`: the line for
    ~/.tmux.conf that lets copies through, when there is one."""

    can_work: bool
    place: str
    setting: str | None = None
    fix: str | None = None


def tmux_option(name: str, global_scope: str = "-g") -> str | None:
    """`tmux show-options <scope> -v NAME` for the tmux server named by $TMUX: the
    option's value, or None when tmux is not installed, does not answer within 2 s, or
    fails. `global_scope` is "-g" (session options) or "-s" (server options)."""
    tmux = shutil.which("tmux")
    if tmux is None:
        return None
    try:
        result = subprocess.run(
            [tmux, "show-options", global_scope, "-v", name],
            capture_output=True,
            text=True,
            timeout=2,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    value = result.stdout.strip()
    return value if result.returncode == 0 and value else None


def clipboard_reach(environ: Mapping[str, str] = os.environ, *, web: bool = False) -> Reach:
    """Whether an OSC 52 copy written now can reach the clipboard. `environ` is the
    app's environment; `web`: the app draws in a browser (`serve`), where the page's
    terminal takes OSC 52 whatever tmux or screen the server runs in. Runs tmux once
    when $TMUX is set (at most 2 s)."""
    if web:
        return Reach(True, "browser")
    if environ.get("TMUX"):
        setting = tmux_option("set-clipboard") or "unknown"
        if setting == "on":
            return Reach(True, "tmux", setting)
        # "unknown" (tmux not on PATH, its socket out of reach): tmux's default drops
        # copies, so "copied" could be untrue; the user gets the value to copy by hand
        return Reach(False, "tmux", setting, TMUX_FIX)
    if environ.get("STY"):
        return Reach(False, "screen")
    if environ.get("TERM") == "linux":
        return Reach(False, "linux-console")
    return Reach(True, "terminal")


def escape_time_advice(environ: Mapping[str, str] = os.environ) -> tuple[int | None, str | None]:
    """Inside tmux: (its escape-time in ms, or None if unknown; the line that makes
    Escape quick, when it is over SLOW_ESCAPE_MS, else None). Outside tmux: (None, None)."""
    if not environ.get("TMUX"):
        return None, None
    value = tmux_option("escape-time", "-s")
    if value is None or not value.isdigit():
        return None, None
    ms = int(value)
    return ms, (ESCAPE_FIX if ms > SLOW_ESCAPE_MS else None)
