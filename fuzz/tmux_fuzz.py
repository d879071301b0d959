"""Drive the installed cardoff-tui in a real terminal (tmux) with random keys, bursts of
keys typed ahead, and resizes; report any crash with its seed and the shortest key
sequence that still shows it.

    make fuzz SEED=7 KEYS=5000
    .venv/bin/python fuzz/tmux_fuzz.py --seed 7 --keys 5000 [--demo] [--allow-quit]
    .venv/bin/python fuzz/tmux_fuzz.py --replay found.json

The app runs as tmux's pane process with a data dir, config dir and HOME of its own
(a generated inventory: the demo's cards written to a real file, plus a few more), and
no D-Bus session, so no keyring: identifiers go to the encrypted file if the fuzz
asks for one. The same seed sends the same keys; what the app does with them can
still depend on timing (a burst is one send-keys call, written at once).

A crash is: the app's process ended with a status other than 0, a traceback or the
app's "stopped on an unexpected error" on screen, or a crash report in its log dir.
A hang is: ctrl+q at the end (and y, when it asks whether to drop what a dialog
holds) does not end the app within HANG_SECONDS; "lingers":
the app closed the terminal but its process had not ended HANG_SECONDS later. `q`, ctrl+q
and ctrl+c are not sent unless --allow-quit; then a clean quit (status 0) is counted
and the app started again.

When something is found, the keys up to it are replayed on a fresh app, and smaller
and smaller parts of them (delta debugging), to find a short sequence that still
shows it; the result is printed and written as JSON for --replay. Exit status: 0
nothing found, 1 something found, 2 the fuzz itself could not run (no tmux, the app
did not start).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# the app installed beside the Python running this (make's .venv), else the checkout's
APP = next(
    (
        path
        for path in (Path(sys.executable).parent / "cardoff-tui", REPO / ".venv/bin/cardoff-tui")
        if path.exists()
    ),
    REPO / ".venv" / "bin" / "cardoff-tui",
)
START_SECONDS = 30.0  # the app's first frame, on a busy machine
HANG_SECONDS = 5.0
PAUSE_SECONDS = 0.02  # between two actions: bursts still pile up, as on a slow link
CHECK_EVERY = 10  # actions between two reads of the screen
SIZES = ((40, 10), (250, 80))  # smallest and largest, columns x rows
LINGERS = -1000  # the app closed the terminal but its process did not end
CRASH_TEXT = ("Traceback (most recent call last)", "stopped on an unexpected error")

# every key the app binds, and the keys its dialogs and lists answer
APP_KEYS = list("aedu/hLnfDmrct?jkgGxyn") + ["Space", "Enter", "Enter", "Tab", "BTab"]
MOVES = ["Up", "Down", "Left", "Right", "PageUp", "PageDown", "Home", "End"]
EDITING = ["BSpace", "DC", "Escape", "Escape"]
FUNCTION = [f"F{n}" for n in range(1, 13)]
# ctrl keys: not ctrl+z (suspends), ctrl+q and ctrl+c (quit) unless --allow-quit
CTRL = [f"C-{c}" for c in "abdefghjklnoprstuvwxy"]
QUIT = ["q", "C-q", "C-c"]
LETTERS = list("abcdefghijklmnoprstuvwxyzABCDEFGHIJKLMNOPRSTUVWXYZ0123456789 .,-+:@#")
TEXT = ["工商银行", "中国移动", "交通卡", "旧手机 eSIM", "95588", "+7", "2026-12-01", "ICBC"]
# bytes that are not UTF-8 (a GBK terminal, an old mouse report); --no-raw-bytes leaves them out
RAW_BYTES = ["b9 a4 d0 d0", "1b 5b 4d 23 a0 30", "ff", "c3"]


@dataclass
class Action:
    """One thing done to the terminal: keys in one send-keys call, a text typed, raw
    bytes, or a resize."""

    kind: str  # "keys" | "text" | "bytes" | "resize"
    value: list = field(default_factory=list)
    burst: int = 0  # actions of one burst go in one call when replayed

    def to_json(self) -> list:
        return [self.kind, self.value, self.burst]

    @classmethod
    def from_json(cls, raw: list) -> Action:
        return cls(raw[0], raw[1], raw[2])

    def keys_in_it(self) -> int:
        return len(self.value) if self.kind in ("keys", "bytes") else int(self.kind == "text")


def make_actions(seed: int, keys: int, allow_quit: bool, raw_bytes: bool) -> list[Action]:
    """The random actions for `seed`: about `keys` keys, in bursts of 1 to 12."""
    rng = random.Random(seed)
    single = APP_KEYS * 3 + MOVES * 2 + EDITING + FUNCTION + CTRL + (QUIT if allow_quit else [])
    actions: list[Action] = []
    sent = 0
    burst = 0
    while sent < keys:
        burst += 1
        roll = rng.random()
        if roll < 0.03:
            w = rng.randint(SIZES[0][0], SIZES[1][0])
            h = rng.randint(SIZES[0][1], SIZES[1][1])
            if rng.random() < 0.3:  # often back to the usual size, where most things show
                w, h = 80, 24
            actions.append(Action("resize", [w, h], burst))
            continue
        if roll < 0.10:
            actions.append(Action("text", [rng.choice(TEXT)], burst))
            sent += 1
            continue
        if raw_bytes and roll < 0.12:
            actions.append(Action("bytes", rng.choice(RAW_BYTES).split(), burst))
            sent += 1
            continue
        size = rng.choice((1, 1, 1, 2, 3, 4, 6, 12))
        pool = single if rng.random() < 0.7 else LETTERS
        chosen = [rng.choice(pool) for _ in range(size)]
        if not allow_quit:
            chosen = [k for k in chosen if k not in QUIT] or ["j"]
        actions.append(Action("keys", chosen, burst))
        sent += len(chosen)
    return actions


class Terminal:
    """A tmux server of the fuzz's own, one pane running the app."""

    def __init__(self, workdir: Path, demo: bool, app: Path = APP) -> None:
        self.workdir = workdir
        self.demo = demo
        self.app = app
        self.socket_path: Path | None = None
        self.socket = f"cardoff-fuzz-{os.getpid()}-{workdir.name}"
        self.home = workdir / "home"
        self.crash_dir = self.home / "state"
        self.env = {
            k: v
            for k, v in os.environ.items()
            if k not in ("TMUX", "COLUMNS", "LINES", "DBUS_SESSION_BUS_ADDRESS", "DISPLAY")
        }
        self.env.update(LANG="C.UTF-8", TERM="xterm-256color")

    def tmux(self, *args: str, check: bool = False) -> subprocess.CompletedProcess:
        return subprocess.run(
            ["tmux", "-u", "-L", self.socket, *args],
            capture_output=True,
            text=True,
            env=self.env,
            timeout=30,
            check=check,
        )

    def command(self) -> list[str]:
        data, config = self.workdir / "data", self.workdir / "config"
        app_env = [
            "env",
            f"HOME={self.home}",
            f"XDG_STATE_HOME={self.home / 'state'}",
            f"XDG_CONFIG_HOME={self.home / 'config'}",
            f"XDG_DATA_HOME={self.home / 'share'}",
            f"XDG_CACHE_HOME={self.home / 'cache'}",
        ]
        args = ["--demo"] if self.demo else ["--data-dir", str(data), "--config-dir", str(config)]
        return [*app_env, str(self.app), *args]

    def start(self) -> None:
        """A fresh app: new data (the generated inventory), an empty crash-report dir."""
        self.stop()
        for name in ("data", "config", "home"):
            shutil.rmtree(self.workdir / name, ignore_errors=True)
        self.home.mkdir(parents=True)
        if not self.demo:
            write_inventory(self.workdir / "data")
        line = " ".join(f"'{part}'" for part in self.command())
        self.tmux("new-session", "-d", "-s", "app", "-x", "80", "-y", "24", line, check=True)
        self.tmux("set-option", "-t", "app", "remain-on-exit", "on")
        where = self.tmux("display-message", "-p", "#{socket_path}").stdout.strip()
        self.socket_path = Path(where) if where else None
        self.wait_started()

    def respawn(self) -> None:
        line = " ".join(f"'{part}'" for part in self.command())
        self.tmux("respawn-pane", "-k", "-t", "app", line)
        self.wait_started()

    def wait_started(self) -> None:
        self.pid = self.tmux("display-message", "-p", "-t", "app", "#{pane_pid}").stdout.strip()
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            if "cardoff-tui" in self.screen():
                return
            if self.dead() is not None:
                break
            time.sleep(0.1)
        raise RuntimeError("the app did not start; the screen was:\n" + self.screen())

    def stop(self) -> None:
        self.tmux("kill-server")
        if self.socket_path is not None:  # tmux 3.3a leaves the socket file behind
            self.socket_path.unlink(missing_ok=True)

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "app").stdout

    def dead(self, settle: bool = True) -> int | None:
        """The app's exit status once it has ended (minus the signal's number if a
        signal ended it), else None. The pane dies when the app closes the terminal;
        its status comes once the process has ended: LINGERS if that has not happened
        HANG_SECONDS later (a thread still running after the app closed)."""
        out = self.tmux(
            "display-message",
            "-p",
            "-t",
            "app",
            "#{pane_dead} #{pane_dead_status} #{pane_dead_signal}",
        )
        dead, status, by_signal = (out.stdout.strip().split(" ") + ["", ""])[:3]
        if dead != "1":
            return None
        if not status and not by_signal and self.ended():
            # tmux 3.3a at times leaves the ended app unreaped (a zombie) and so has no
            # status for it; then a crash shows only as a crash report or on screen
            return 0
        if not status and not by_signal and settle:  # the process has not ended yet
            deadline = time.monotonic() + HANG_SECONDS
            while time.monotonic() < deadline:
                time.sleep(0.1)
                ended = self.dead(settle=False)
                if ended != LINGERS:
                    return ended
        if status.isdigit():
            return int(status)
        return -int(by_signal) if by_signal.isdigit() else LINGERS

    def ended(self) -> bool:
        """The app's process has ended (it is gone, or a zombie not yet reaped)."""
        try:
            state = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except (OSError, IndexError):
            return True
        return state in ("Z", "X")

    def crash_reports(self) -> list[Path]:
        return sorted(self.crash_dir.rglob("crash-*.txt")) if self.crash_dir.exists() else []

    def send(self, actions: list[Action]) -> None:
        """Actions of one burst in one tmux call, as a terminal writes a burst."""
        kind = actions[0].kind
        if kind == "resize":
            w, h = actions[0].value
            self.tmux("resize-window", "-t", "app", "-x", str(w), "-y", str(h))
        elif kind == "text":
            self.tmux("send-keys", "-t", "app", "-l", actions[0].value[0])
        elif kind == "bytes":
            self.tmux("send-keys", "-t", "app", "-H", *[b for a in actions for b in a.value])
        else:
            self.tmux("send-keys", "-t", "app", *[k for a in actions for k in a.value])


def write_inventory(data_dir: Path) -> None:
    """The demo's cards in a real data file, plus a Chinese label and an overdue
    follow-up, so that the Due view and wide characters are reached."""
    sys.path.insert(0, str(REPO))
    import datetime as dt

    from tui.base.clock import system_clock
    from tui.base.paths import content_dir
    from tui.domain.demo import fill_demo
    from tui.domain.tracker import Tracker
    from tui.library.content import load_content
    from tui.records.card_fields import CardFields
    from tui.storage.store import DB_FILENAME, Store

    content = load_content(content_dir())
    store = Store.open(data_dir / DB_FILENAME)
    try:
        tracker = Tracker(store, content.playbooks, system_clock, issuers=content.issuers)
        fill_demo(tracker)
        card = tracker.add_card(CardFields("工行借记卡", "bank", "cancel", "ICBC", "CN"))
        tracker.set_follow_up(card.id, dt.date.today() - dt.timedelta(days=3))
    finally:
        store.close()


@dataclass
class Finding:
    kind: str  # "exit N", "traceback", "crash report", "hang"
    detail: str
    after: int  # how many actions had been sent


def groups(actions: list[Action]) -> list[list[Action]]:
    """Consecutive actions of one burst and kind go together."""
    out: list[list[Action]] = []
    for action in actions:
        last = out[-1] if out else None
        if last and last[0].burst == action.burst and last[0].kind == action.kind == "keys":
            last.append(action)
        else:
            out.append([action])
    return out


def check(term: Terminal, read_screen: bool) -> Finding | None:
    status = term.dead()
    if status == LINGERS:
        return Finding("lingers", "the terminal closed but the process went on", 0)
    reports = term.crash_reports()
    if status is not None and status != 0:
        what = reports[0].read_text(errors="replace")[-3000:] if reports else term.screen()
        return Finding(f"exit {status}", what[-3000:], 0)
    if reports:
        return Finding("crash report", reports[0].read_text(errors="replace")[-3000:], 0)
    if read_screen or status is not None:
        screen = term.screen()
        if any(text in screen for text in CRASH_TEXT):
            return Finding("traceback", screen, 0)
    return None


def run(term: Terminal, actions: list[Action], allow_quit: bool, log=None) -> Finding | None:
    """Start a fresh app, send `actions`, and return the first failure seen."""
    term.start()
    sent = 0
    for index, group in enumerate(groups(actions)):
        term.send(group)
        sent += len(group)
        time.sleep(PAUSE_SECONDS)
        found = check(term, read_screen=index % CHECK_EVERY == 0)
        if found is not None:
            found.after = sent
            return found
        if term.dead() == 0:  # a clean quit (only with --allow-quit): fine, start again
            if log:
                log("clean quit; starting the app again")
            term.respawn()
    found = check(term, read_screen=True)
    if found is not None:
        found.after = sent
        return found
    return end_check(term, sent)


# the question ctrl+q asks while a dialog holds what was typed in it (discard.quit_question)
QUIT_QUESTIONS = ("Quit and discard what you typed?", "退出并放弃已输入的内容？")


def end_check(term: Terminal, sent: int) -> Finding | None:
    """The app still answers: ctrl+q ends it, with status 0, soon (y answering the
    question it asks first while a dialog holds what was typed in it)."""
    term.tmux("send-keys", "-t", "app", "C-q")
    deadline = time.monotonic() + HANG_SECONDS
    answered = False
    while time.monotonic() < deadline:
        if not answered and any(q in term.screen() for q in QUIT_QUESTIONS):
            term.tmux("send-keys", "-t", "app", "y")
            answered = True
        status = term.dead()
        if status is not None:
            if status == 0:
                return None
            if status == LINGERS:
                detail = f"ctrl+q closed the terminal; the process went on {HANG_SECONDS:g} s"
                return Finding("lingers", detail, sent)
            reports = term.crash_reports()
            what = reports[0].read_text(errors="replace") if reports else term.screen()
            return Finding(f"exit {status} after ctrl+q", what[-3000:], sent)
        time.sleep(0.05)
    return Finding("hang", term.screen(), sent)


def shrink(term, actions, kind, allow_quit, budget, log) -> tuple[list[Action], int]:
    """Delta debugging (ddmin) over the actions: the smallest part found within
    `budget` replays that still fails the same way. Returns it and the replays used."""
    runs = 0

    def fails(candidate: list[Action]) -> bool:
        nonlocal runs
        runs += 1
        found = run(term, candidate, allow_quit)
        same = found is not None and found.kind.split()[0] == kind.split()[0]
        log(f"  replay {runs}: {len(candidate)} actions -> {'fails' if same else 'passes'}")
        return same

    current, n = list(actions), 2
    while len(current) >= 2 and runs < budget:
        chunk = max(len(current) // n, 1)
        parts = [current[i : i + chunk] for i in range(0, len(current), chunk)]
        reduced = False
        for i in range(len(parts)):
            if runs >= budget:
                break
            rest = [a for j, p in enumerate(parts) if j != i for a in p]
            if rest and fails(rest):
                current, n, reduced = rest, max(n - 1, 2), True
                break
        if not reduced:
            if n >= len(current):
                break
            n = min(n * 2, len(current))
    return current, runs


def one_key_each(actions: list[Action]) -> list[Action]:
    """Each key of a burst as an action of its own (still sent with its burst), so that
    shrinking can drop single keys."""
    out = []
    for action in actions:
        if action.kind == "keys":
            out += [Action("keys", [key], action.burst) for key in action.value]
        else:
            out.append(action)
    return out


def describe(actions: list[Action]) -> str:
    out = []
    for group in groups(actions):
        kind = group[0].kind
        if kind == "resize":
            out.append("resize {}x{}".format(*group[0].value))
        elif kind == "text":
            out.append(f"text {group[0].value[0]!r}")
        elif kind == "bytes":
            out.append("bytes " + " ".join(b for a in group for b in a.value))
        else:
            out.append("keys " + " ".join(k for a in group for k in a.value))
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keys", type=int, default=2000, help="about how many keys to send")
    parser.add_argument("--seeds", type=int, default=1, help="run this many seeds from --seed")
    parser.add_argument("--demo", action="store_true", help="the app's --demo (in memory)")
    parser.add_argument("--allow-quit", action="store_true", help="also send q, ctrl+q, ctrl+c")
    parser.add_argument(
        "--raw-bytes",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="also send bytes that are not UTF-8 (default: on)",
    )
    parser.add_argument("--shrink-runs", type=int, default=60, help="replays spent shrinking")
    parser.add_argument("--replay", type=Path, help="replay a JSON file this script wrote")
    parser.add_argument(
        "--out",
        type=Path,
        default=Path(tempfile.gettempdir()) / "cardoff-fuzz-findings",
        help="findings go here (a JSON file per seed, for --replay)",
    )
    parser.add_argument("--json", action="store_true", help="print a JSON summary last")
    parser.add_argument("--app", type=Path, default=APP, help="the cardoff-tui to drive")
    args = parser.parse_args(argv)

    if shutil.which("tmux") is None:
        print("tmux is not installed", file=sys.stderr)
        return 2
    if not args.app.exists():
        print(f"{args.app} is missing: run `make .venv/.installed` first", file=sys.stderr)
        return 2

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    # a kill (the test's timeout, ctrl+c) still ends the tmux server and the temp dir
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(3))
    summary = {"runs": [], "crashes": 0}
    with tempfile.TemporaryDirectory(prefix="cardoff-fuzz-") as tmp:
        term = Terminal(Path(tmp), args.demo, args.app)
        try:
            if args.replay:
                saved = json.loads(args.replay.read_text())
                actions = [Action.from_json(a) for a in saved["actions"]]
                found = run(term, actions, saved.get("allow_quit", False), log)
                print(f"replay of {args.replay}: {found.kind if found else 'no failure'}")
                if found:
                    print(found.detail)
                return 1 if found else 0
            for seed in range(args.seed, args.seed + args.seeds):
                actions = make_actions(seed, args.keys, args.allow_quit, args.raw_bytes)
                keys = sum(a.keys_in_it() for a in actions)
                log(f"seed {seed}: {keys} keys in {len(groups(actions))} sends")
                started = time.monotonic()
                found = run(term, actions, args.allow_quit, log)
                took = time.monotonic() - started
                entry = {"seed": seed, "keys": keys, "seconds": round(took, 1), "found": None}
                summary["runs"].append(entry)
                if found is None:
                    log(f"seed {seed}: no crash ({took:.0f} s)")
                    continue
                summary["crashes"] += 1
                log(f"seed {seed}: {found.kind} after {found.after} actions:\n{found.detail}")
                log(f"seed {seed}: shrinking (--shrink-runs {args.shrink_runs})")
                first = one_key_each(actions[: found.after])
                budget = args.shrink_runs
                small, runs = shrink(term, first, found.kind, args.allow_quit, budget, log)
                again = run(term, small, args.allow_quit)
                args.out.mkdir(parents=True, exist_ok=True)
                path = args.out / f"seed-{seed}.json"
                path.write_text(
                    json.dumps(
                        {
                            "seed": seed,
                            "kind": found.kind,
                            "allow_quit": args.allow_quit,
                            "reproduced": again is not None,
                            "actions": [a.to_json() for a in small],
                            "detail": found.detail,
                        },
                        ensure_ascii=False,
                        indent=1,
                    )
                )
                entry["found"] = found.kind
                entry["file"] = str(path)
                print(f"\nseed {seed}: {found.kind} (after {found.after} actions)")
                print(
                    f"shortest found ({len(small)} actions, {runs} replays; "
                    f"{'reproduces' if again else 'did not reproduce on its own'}):"
                )
                print(describe(small))
                print(f"replay: {sys.executable} {Path(__file__).name} --replay {path}")
                print(found.detail[-1500:])
        except RuntimeError as exc:
            log(str(exc))
            return 2
        finally:
            term.stop()
    if args.json:
        print(json.dumps(summary))
    return 1 if summary["crashes"] else 0


if __name__ == "__main__":
    sys.exit(main())
