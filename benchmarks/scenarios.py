"""What one benchmark run does to the apps, key by key, and what it records.

Every figure is a list of raw samples (ms, bytes, KiB), so the tables can be drawn
again from the results file. Baselines are measured between our samples, in the same
run: the bare app (bare_app.py) takes a key after ours takes it, and Textual's floor
(floor_app.py: one line that `j` changes) takes each cursor move after the bare app;
the storage baseline writes once after each of our toggles; the fair hotline scan runs
after each of our hotline keystrokes.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import fixtures
import orjson
from pty_session import PtySession, Sample

BARE = Path(__file__).resolve().parent / "bare_app.py"
FLOOR = Path(__file__).resolve().parent / "floor_app.py"
TAB, BACKTAB, ENTER, ESCAPE = b"\t", b"\x1b[Z", b"\r", b"\x1b"
QUERIES = ("bank", "esim", "tran", "card")  # typed into the filter, one key at a time
HOTLINE_QUERIES = ("metro", "工商银行", "trust 4")  # typed into the hotline search
ROWS_SHOWN = re.compile(r"card \d+", re.IGNORECASE)  # a card row: the list is drawn


def any_screen(_text: str) -> bool:
    """`until` for a key that may change no text (a space typed at the end of a query):
    the screen settled is enough."""
    return True


@dataclass(frozen=True)
class Plan:
    """How many samples of each kind to take for one data set."""

    starts: int
    moves: int
    tabs: int  # even: tab and shift+tab alternate, ending where they began
    toggles: int
    filter_rounds: int
    idle_seconds: float
    quiet: float = 0.3  # seconds of silence that end a key's answer


START_QUIET = 1.0  # seconds of silence (and idle CPU) after the rows that end start-up


def add(store: dict, name: str, sample: Sample, **extra: float) -> None:
    entry = store.setdefault(name, {"wall": [], "cpu": [], "bytes": [], "first": []})
    entry["wall"].append(round(sample.wall, 2))
    entry["first"].append(round(sample.first, 2))
    entry["cpu"].append(round(sample.cpu, 2))
    entry["bytes"].append(sample.bytes)
    entry.setdefault("cells", []).append(sample.cells)
    for key, value in extra.items():
        entry.setdefault(key, []).append(value)


def ours_argv(data: Path, config: Path) -> list[str]:
    return [str(fixtures.APP), "--data-dir", str(data), "--config-dir", str(config)]


def bare_argv(export: Path) -> list[str]:
    return [sys.executable, str(BARE), str(export)]


def start(argv: list[str], env: dict[str, str], label: str, timeout: float):
    session = PtySession(argv, env, label)
    try:
        sample = session.started(START_QUIET, timeout, lambda text: ROWS_SHOWN.search(text))
    except BaseException:
        session.close()
        raise
    return session, sample


def shown(session: PtySession, typed: str, where: str) -> None:
    """Check that what was typed reached `where` (RuntimeError, with the screen, if not)."""
    if typed not in session.text():
        raise RuntimeError(f"{where} does not show {typed!r}; the screen:\n{session.text()}")


def atomic_write(doc: dict, path: Path) -> tuple[float, int]:
    """The storage baseline: orjson, a temp file, fsync, rename, fsync of the folder.
    Returns (wall ms, bytes written)."""
    began = time.perf_counter()
    data = orjson.dumps(doc)
    temp = path.with_name(path.name + ".tmp")
    with open(temp, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temp, path)
    folder = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(folder)
    finally:
        os.close(folder)
    return (time.perf_counter() - began) * 1000, len(data)


def measure_cards(cards: int, plan: Plan, work: Path, log) -> dict:
    """Start, keys, memory, wire and disk bytes for one data set, ours against the bare
    app. `work` is an empty folder of the run; `log` prints progress."""
    cached = fixtures.card_set(cards)
    env = fixtures.quiet_env() | {"XDG_CACHE_HOME": str(work / "cache")}
    data = fixtures.working_copy(cached, work)
    export = work / "export.json"
    shutil.copy(cached / "export.json", export)
    config = work / "config"
    config.mkdir()
    ours_cmd, bare_cmd = ours_argv(data, config), bare_argv(export)
    timeout = 60 + cards / 50
    result: dict = {"cards": cards, "quiet": plan.quiet, "start_quiet": START_QUIET,
                    "built_by": (cached / "done").read_text().strip(),
                    "data_file_bytes": sum(
        p.stat().st_size for p in data.rglob("*") if p.is_file() and "backup" not in p.parts)}
    for argv, label in ((ours_cmd, "ours"), (bare_cmd, "bare")):  # bytecode, caches
        start(argv, env, label, timeout)[0].close()
    log(f"{cards} cards: starting, {plan.starts} rounds")
    for n in range(plan.starts):  # alternated, the last pair stays open
        ours, sample = start(ours_cmd, env, "ours", timeout)
        add(result, "start_ours", sample)
        bare, sample = start(bare_cmd, env, "bare", timeout)
        add(result, "start_bare", sample)
        if n < plan.starts - 1:
            ours.close()
            bare.close()
    floor = start([sys.executable, str(FLOOR)], env, "floor", timeout)[0]
    try:
        interact(result, ours, bare, floor, plan, export, work, cards, log)
    finally:
        ours.close()
        bare.close()
        floor.close()
    return result


def interact(result: dict, ours: PtySession, bare: PtySession, floor: PtySession, plan: Plan,
             export: Path, work: Path, cards: int, log) -> None:
    result["idle_main"] = list(ours.idle(plan.idle_seconds))
    q = plan.quiet
    log(f"{cards} cards: cursor moves and pane changes")
    for _ in range(plan.moves):
        add(result, "move_ours", ours.press(b"j", q))
        add(result, "move_bare", bare.press(b"j", q))
        add(result, "move_floor", floor.press(b"j", q))
    for n in range(plan.tabs):
        key = TAB if n % 2 == 0 else BACKTAB
        add(result, "pane_ours", ours.press(key, q))
        add(result, "pane_bare", bare.press(key, q))
    ours.press(ENTER, q)  # to the selected card's steps
    bare.press(ENTER, q)
    log(f"{cards} cards: step toggles, against orjson + atomic write + fsync")
    doc = orjson.loads(export.read_bytes())
    baseline_file = work / "baseline.json"
    for n in range(plan.toggles):
        written = ours.disk_written()
        sample = ours.press(b" ", q)
        disk = ours.disk_written() - written
        add(result, "first_toggle_ours" if n == 0 else "toggle_ours", sample, disk=disk)
        add(result, "first_toggle_bare" if n == 0 else "toggle_bare", bare.press(b" ", q))
        doc["cards"][n % len(doc["cards"])]["progress"][f"bench-{n}"] = {"at": "2026-11-30"}
        wall, size = atomic_write(doc, baseline_file)
        result.setdefault("storage_baseline", {"wall": [], "bytes": []})
        result["storage_baseline"]["wall"].append(round(wall, 2))
        result["storage_baseline"]["bytes"].append(size)
    # memory compared after the same keys for both (the bare app has no filter or help)
    result["rss_ours"] = [ours.peak_rss_kib()]
    result["rss_bare"] = [bare.peak_rss_kib()]
    log(f"{cards} cards: the filter")
    for n in range(plan.filter_rounds):
        add(result, "filter_open", ours.press(b"/", q))
        for char in QUERIES[n % len(QUERIES)]:
            add(result, "filter_key", ours.press(char.encode(), q))
        shown(ours, QUERIES[n % len(QUERIES)], "the filter")
        if n == 0:
            result["idle_filter"] = list(ours.idle(plan.idle_seconds))
        add(result, "filter_escape", ours.press(ESCAPE, q))
    for _ in range(plan.filter_rounds):  # a lone Escape waits for Textual's input thread
        for key, name in ((ESCAPE, "help_escape"), (b"q", "help_q")):
            ours.press(b"?", q)
            add(result, name, ours.press(key, q))
    result["rss_ours_end"] = [ours.peak_rss_kib()]  # and after the filter and help too


def measure_hotline(issuers: int, cards: int, rounds: int, idle: float, work: Path,
                    log) -> dict:
    """Opening the hotline search (`h`) and typing into it over `issuers` generated
    issuers, against a substring scan of their names (the query casefolded once)."""
    config = work / "hotline-config"
    shutil.copytree(fixtures.issuer_config(issuers), config)
    data = fixtures.working_copy(fixtures.card_set(cards), work / "hotline")
    env = fixtures.quiet_env() | {"XDG_CACHE_HOME": str(work / "cache")}
    keys = fixtures.search_keys(issuers)
    result: dict = {"issuers": issuers, "scan": []}
    log(f"hotline: {issuers} issuers, {rounds} rounds")
    session, _ = start(ours_argv(data, config), env, "ours", 120)
    try:
        for n in range(rounds):
            add(result, "open", session.press(b"h"))
            query = HOTLINE_QUERIES[n % len(HOTLINE_QUERIES)]
            for end in range(1, len(query) + 1):
                char = query[end - 1]  # a space at the end of a query changes no text
                until = any_screen if char == " " else None
                add(result, "key", session.press(char.encode(), until=until))
                began = time.perf_counter()
                wanted = query[:end].casefold()
                [k for k in keys if wanted in k]
                result["scan"].append(round((time.perf_counter() - began) * 1000, 3))
            shown(session, query, "the hotline search")
            if n == 0:
                result["idle"] = list(session.idle(idle))
            session.press(ESCAPE)
        result["rss"] = [session.peak_rss_kib()]
    finally:
        session.close()
    return result
