"""The README's performance tables, drawn from a results file of `make bench`.

    python benchmarks/report.py [RESULTS.json]   # draw README.md's tables again

render() is the only place that decides what the tables say; the README holds its
output between BEGIN and END and is never edited there by hand (a test draws the
tables again from benchmarks/results.json and compares).
"""

from __future__ import annotations

import json
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
RESULTS = ROOT / "benchmarks" / "results.json"
BEGIN = "<!-- bench:begin (make bench writes this part; do not edit it by hand) -->"
END = "<!-- bench:end -->"

# (result key, what, cards the target is checked at -> target ms of CPU, the bare app's
# result key for the same key, or None where the bare app has no such screen)
KEY_TARGETS = (
    ("move_ours", "cursor move `j`", {1000: 16, 10000: 16}, "move_bare"),
    ("toggle_ours", "step toggle (space)", {1000: 20, 10000: 60}, "toggle_bare"),
    ("pane_ours", "pane change (tab)", {}, "pane_bare"),
    ("filter_key", "filter keystroke", {1000: 16, 10000: 50}, None),
    ("filter_escape", "Escape out of the filter", {1000: 16, 10000: 50}, None),
    ("filter_open", "open the filter `/`", {}, None),
)
BYTE_TARGETS = (
    ("move", "cursor move `j`", 500),
    ("pane", "pane change (tab)", 4000),
    ("first_toggle", "first step toggle", 2000),
)


def stats(values: list[float]) -> tuple[float, float, float]:
    return statistics.median(values), min(values), max(values)


def ms(value: float) -> str:
    return f"{value:,.0f}" if value >= 100 else f"{value:.1f}" if value >= 1 else f"{value:.2f}"


def spread(values: list[float], unit: str = " ms") -> str:
    """`12.3 ms (10.1–15.0)`: the median, then the least and the most."""
    mid, low, high = stats(values)
    if len(values) == 1:
        return f"{ms(mid)}{unit}"
    return f"{ms(mid)}{unit} ({ms(low)}–{ms(high)})"


def num(value: float) -> str:
    return f"{value:,.0f}"


def verdict(ok: bool) -> str:
    return "met" if ok else "**missed**"


def cards(n: int | str) -> str:
    return f"{int(n):,}"


def header(meta: dict, sets: dict) -> list[str]:
    quick = {"full": "", "quick": " Quick run (BENCH_QUICK=1): fewer samples, no 10,000 cards.",
             "tiny": " Smoke run (--tiny): 20 cards, 100 issuers."}[meta["mode"]]
    return [
        f"Run of {meta['date']} on {meta['machine']}, {meta['cores']} cores, load average "
        f"{meta['load_before']:.2f} before and {meta['load_after']:.2f} after "
        f"({meta['minutes']:.1f} min); Python {meta['python']}, Textual {meta['textual']}, "
        f"cardoff-tui {meta['app']}.{quick} Data sets: "
        + "; ".join(f"{cards(size)} cards ({mib(r['data_file_bytes'])} on disk) built by "
                    f"{r['built_by']}" for size, r in sets.items()) + ".",
        "",
    ]


def mib(size: int) -> str:
    return f"{size / 1024:,.0f} KiB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.1f} MiB"


def quiet_text(sets: dict, key: str = "quiet") -> str:
    """`0.3 s (0.6 s at 10,000 cards)`: the silence that ended an answer, by data set."""
    by_quiet: dict[float, list[str]] = {}
    for size, r in sets.items():
        by_quiet.setdefault(r[key], []).append(cards(size))
    (common, _), *others = sorted(by_quiet.items(), key=lambda kv: -len(kv[1]))
    extra = "; ".join(f"{q:g} s at {' and '.join(sizes)} cards" for q, sizes in others)
    return f"{common:g} s" + (f" ({extra})" if extra else "")


def key_table(sets: dict, hotline: dict | None) -> list[str]:
    lines = [
        "CPU time of the app process per key, from the key until its screen changed and "
        f"then for {quiet_text(sets)} nothing more was drawn and the app was idle, and the "
        "wall time from the key to the last byte drawn; medians with min–max. The bare "
        "Textual app with the same widgets and rows, given the same key in the same run, "
        "shows what Textual's own widgets cost for the same work:",
        "",
        "| key | cards | CPU | CPU, bare app | wall | target (CPU) |",
        "| --- | ---: | ---: | ---: | ---: | --- |",
    ]
    for key, what, targets, bare_key in KEY_TARGETS:
        for size, result in sets.items():
            if key not in result:
                continue
            cpu = result[key]["cpu"]
            bare = spread(result[bare_key]["cpu"]) if bare_key in result else "—"
            target = targets.get(int(size))
            judged = f"≤ {target} ms — {verdict(stats(cpu)[0] <= target)}" if target else "—"
            lines.append(f"| {what} | {cards(size)} | {spread(cpu)} | {bare} | "
                         f"{spread(result[key]['wall'])} | {judged} |")
    if hotline:
        n = cards(hotline["issuers"])
        for key, what, target in (("open", "open the hotline search `h`", 50),
                                  ("key", "hotline keystroke", 16)):
            cpu = hotline[key]["cpu"]
            lines.append(f"| {what} ({n} issuers) | — | {spread(cpu)} | — | "
                         f"{spread(hotline[key]['wall'])} | ≤ {target} ms — "
                         f"{verdict(stats(cpu)[0] <= target)} |")
        lines += ["", f"The hotline search's baseline, a substring scan of the {n} issuers' "
                  f"names with the query casefolded once, in the benchmark's own process: "
                  f"{spread(hotline['scan'])} a keystroke."]
    floors = [(size, r["move_floor"]) for size, r in sets.items() if "move_floor" in r]
    if floors:
        lines += ["", "Textual's floor: a Textual app with one line of text that `j` changes "
                  "(floor_app.py), given `j` after the bare app in the same run, spent "
                  + "; ".join(f"{spread(f['cpu'])} of CPU and {spread(f['bytes'], ' B')} "
                              f"(with {cards(size)} cards' apps)" for size, f in floors)
                  + " a key. No app built on Textual spends less on a key here, so a target "
                  "at or below it cannot be met by changing this app."]
    for size, r in sets.items():
        if "help_escape" in r:
            lines += ["", f"Closing the help at {cards(size)} cards, key to the first byte of "
                      f"the redraw: Escape {spread(r['help_escape']['first'])}, `q` "
                      f"{spread(r['help_q']['first'])} (a lone Escape waits for Textual's "
                      "input thread, which looks for one every 100 ms)."]
            break
    return lines + [""]


def start_table(sets: dict) -> list[str]:
    lines: list[str] = [
        "Start to a settled screen (the card rows drawn, then nothing more drawn and the "
        f"app idle for {quiet_text(sets, 'start_quiet')}; wall time from launch to the last "
        "byte, and the CPU it took) and peak memory (VmHWM) after the same keys for both "
        "(moves, pane changes, toggles), against a bare Textual app with the same widgets and "
        "rows started the same way, alternated with ours:",
        "",
        "| cards | start, ours | start, bare | ratio | CPU, ours | CPU, bare | peak RSS, ours "
        "| bare | ratio | target |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for size, r in sets.items():
        start = stats(r["start_ours"]["wall"])[0] / stats(r["start_bare"]["wall"])[0]
        rss = r["rss_ours"][0] / r["rss_bare"][0]
        lines.append(
            f"| {cards(size)} | {spread(r['start_ours']['wall'])} | "
            f"{spread(r['start_bare']['wall'])} | {start:.2f}× | "
            f"{spread(r['start_ours']['cpu'])} | {spread(r['start_bare']['cpu'])} | "
            f"{r['rss_ours'][0] / 1024:.0f} MiB | {r['rss_bare'][0] / 1024:.0f} MiB | "
            f"{rss:.2f}× | ≤ 1.3× — start {verdict(start <= 1.3)}, RSS {verdict(rss <= 1.3)} |")
    ends = [f"{r['rss_ours_end'][0] / 1024:.0f} MiB at {cards(size)} cards"
            for size, r in sets.items() if "rss_ours_end" in r]
    if ends:
        lines += ["", "Our peak memory after the filter and the help as well (keys the bare app "
                  f"has no screen for): {', '.join(ends)}."]
    return lines + [""]


def bytes_table(sets: dict, hotline: dict | None) -> list[str]:
    lines = [
        "Bytes written to the terminal (80x24, TERM=xterm-256color, no COLORTERM), median "
        "per key with min–max, and the median number of the screen's cells the key "
        "changed (character or colours): a changed character costs at least one byte, "
        "whatever the output does, so a key's bytes cannot fall below its changed "
        "characters.",
        "",
        "| what | cards | ours | cells changed | bare app | target |",
        "| --- | ---: | ---: | ---: | ---: | --- |",
    ]
    for key, what, target in BYTE_TARGETS:
        for size, r in sets.items():
            ours = r[f"{key}_ours"]["bytes"]
            changed = r[f"{key}_ours"].get("cells")
            judged = f"≤ {num(target)} B — {verdict(stats(ours)[0] <= target)}"
            lines.append(f"| {what} | {cards(size)} | {spread(ours, ' B')} | "
                         f"{num(stats(changed)[0]) if changed else '–'} | "
                         f"{spread(r[f'{key}_bare']['bytes'], ' B')} | {judged} |")
    for key, what in (("idle_main", "idle, main screen"), ("idle_filter", "idle, filter open")):
        for size, r in sets.items():
            if key in r:
                lines.append(idle_row(what, cards(size), r[key]))
    if hotline and "idle" in hotline:
        lines.append(idle_row("idle, hotline search open", "—", hotline["idle"]))
    return lines + [""]


def idle_row(what: str, size: str, idle: list[float]) -> str:
    """A table row for [bytes a second, ms of CPU a second] with no key pressed."""
    rate, cpu = idle
    return (f"| {what} | {size} | {num(rate)} B/s ({ms(cpu)} ms of CPU a second) | — | — | "
            f"0 B/s — {verdict(rate == 0)} |")


def storage_table(sets: dict) -> list[str]:
    lines = [
        "A step toggle and what it writes to disk (/proc/PID/io write_bytes), against "
        "orjson + a temp file + fsync + rename of the same cards, one write after each of "
        "our toggles:",
        "",
        "| cards | toggle CPU, ours | written per toggle, ours | first toggle of the run | "
        "orjson + atomic write | written | target |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for size, r in sets.items():
        cpu = r["toggle_ours"]["cpu"]
        base = r["storage_baseline"]
        target = {1000: 20, 10000: 60}.get(int(size))
        judged = f"≤ {target} ms — {verdict(stats(cpu)[0] <= target)}" if target else "—"
        lines.append(f"| {cards(size)} | {spread(cpu)} | "
                     f"{spread(r['toggle_ours']['disk'], ' B')} | "
                     f"{num(r['first_toggle_ours']['disk'][0])} B | {spread(base['wall'])} | "
                     f"{num(stats(base['bytes'])[0])} B | {judged} |")
    return lines + [""]


def scaling_table(sets: dict) -> list[str]:
    lines = [
        "How it grows (medians; CPU per key):",
        "",
        "| cards | start (wall) | toggle | move | filter key | peak RSS |",
        "| ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for size, r in sets.items():
        lines.append(
            f"| {cards(size)} | {ms(stats(r['start_ours']['wall'])[0])} ms | "
            f"{ms(stats(r['toggle_ours']['cpu'])[0])} ms | "
            f"{ms(stats(r['move_ours']['cpu'])[0])} ms | "
            f"{ms(stats(r['filter_key']['cpu'])[0])} ms | {r['rss_ours'][0] / 1024:.0f} MiB |")
    return lines


def render(results: dict) -> str:
    """The tables for `results` (what run.py writes), as markdown."""
    sets, hotline = results["sets"], results.get("hotline")
    lines = header(results["meta"], sets)
    for part in (key_table(sets, hotline), start_table(sets), bytes_table(sets, hotline),
                 storage_table(sets), scaling_table(sets)):
        lines += part
    return "\n".join(lines) + "\n"


def readme_part(text: str) -> str:
    """What README text holds between BEGIN and END (ValueError without them)."""
    head, sep, rest = text.partition(BEGIN + "\n")
    body, sep2, _ = rest.partition(END)
    if not sep or not sep2:
        raise ValueError("README.md has no benchmark markers")
    return body


def write_readme(results: dict, readme: Path = README) -> None:
    text = readme.read_text(encoding="utf-8")
    old = readme_part(text)
    new = text.replace(BEGIN + "\n" + old + END, BEGIN + "\n" + render(results) + END, 1)
    readme.write_text(new, encoding="utf-8")


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else RESULTS
    write_readme(json.loads(path.read_text(encoding="utf-8")))


if __name__ == "__main__":
    main()
