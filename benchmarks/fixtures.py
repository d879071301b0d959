"""The benchmark's data: data sets of cards with realistic progress and log, and a
directory of 5,000 issuers for the hotline, built through the app's own doors.

- Cards: a cardoff-tui JSON export (format "cardoff-tui-export", version 1) is
  generated here and imported with `cardoff-tui --data-dir DIR import FILE.json`, the
  same command a user runs (larger sets: see card_set). Each card follows a shipped
  playbook for its kind, intent and region (read from content/playbooks/*.yaml), has
  0–4 of its first steps checked, and 4 or 5 log entries (added, each checked step,
  proof or a follow-up date). Issuer names are shipped issuers of the card's region,
  so cards link as a user's would.
- Issuers: `issuers/bench-NN.yaml` files in a config dir of their own (README:
  "Settings and your own content"), 500 issuers a file (a YAML file may hold 1 MB),
  each with an English and a Chinese name, an alias and a number that phonenumbers
  accepts for its region. Generated, so a benchmark fixture only: never shipped.

Built data lives in a cache folder keyed by the app's version (`cardoff-tui --version`),
a digest of the source files that decide the data file's format (FORMAT_FILES) and
GENERATOR (bump it when what is generated changes), so a re-run copies instead of
importing. BENCH_REBUILD=1 builds them again. Every run works on a fresh copy: a
benchmark's toggles never reach the cache.
"""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import orjson
import phonenumbers
import yaml

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
APP = Path(sys.executable).parent / "cardoff-tui"  # the venv's, beside its python
START = datetime(2026, 9, 1, 9, 0, tzinfo=UTC)
REGIONS = ("CN", "GB", "US", "HK", "JP", "DE", "SG", "FR")
SEED = 15
GENERATOR = 2
IMPORT_UP_TO = 2_000  # larger sets: written through the Store, see card_set


def cache_root() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "cardoff-tui-bench"


def app_version() -> str:
    return subprocess.run([str(APP), "--version"], capture_output=True, text=True,
                          check=True).stdout.split()[-1]


FORMAT_FILES = ("stor", "journal", "migration", "record_schema", "model")


def app_key() -> str:
    """What decides whether built data can be reused: the app's version, the source of
    tui/'s modules whose path names a part of FORMAT_FILES, and GENERATOR."""
    digest = hashlib.sha256()
    for path in sorted((ROOT / "tui").rglob("*.py")):
        name = path.relative_to(ROOT).as_posix()
        if any(part in name for part in FORMAT_FILES):
            digest.update(name.encode() + b"\0" + path.read_bytes())
    return f"{app_version()}-{digest.hexdigest()[:10]}-g{GENERATOR}"


def _yaml(path: Path) -> dict:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)


def _playbooks() -> list[dict]:
    return [_yaml(p) for p in sorted((CONTENT / "playbooks").glob("*.yaml"))]


def _shipped_issuers() -> dict[str, list[str]]:
    """Region code -> English names of its shipped issuers."""
    names: dict[str, list[str]] = {}
    for path in sorted((CONTENT / "issuers").glob("*.yaml")):
        for issuer in _yaml(path).get("issuers", []):
            names.setdefault(issuer["region"], []).append(issuer["name"]["en"])
    return names


def _playbook_for(playbooks: list[dict], kind: str, intent: str, region: str) -> dict | None:
    """The playbook the app picks for a card with no issuer playbook: the region's,
    else the generic one."""
    fitting = [p for p in playbooks if p["kind"] == kind and p["intent"] == intent
               and not p.get("issuer")]
    regional = [p for p in fitting if region in p.get("regions", [])]
    generic = [p for p in fitting if not p.get("regions")]
    return (regional or generic or [None])[0]


def _log_entry(card: dict, at: datetime, event: str, **params) -> dict:
    return {"at": at.isoformat(), "card_id": card["id"], "card_label": card["label"],
            "event": event, "detail": "", "params": params}


def _card_entry(i: int, rng: random.Random, playbooks: list[dict],
                issuers: dict[str, list[str]], pairs: list[tuple[str, str]]) -> dict:
    """Card number `i` of an export: the card, its progress and its log, oldest first
    (as `cardoff-tui export` writes it)."""
    kind, intent = rng.choice(pairs)
    region = rng.choice(REGIONS)
    playbook = _playbook_for(playbooks, kind, intent, region)
    if playbook is None:
        kind, intent = "bank", "cancel"
        playbook = _playbook_for(playbooks, kind, intent, region)
    at = START + timedelta(minutes=7 * i)
    card = {
        "id": f"b{i:07d}", "label": f"{kind.title()} card {i + 1}", "kind": kind,
        "intent": intent, "issuer": rng.choice(issuers.get(region, ["Some issuer"])),
        "region": region, "network": "", "identifiers": {}, "follow_up": "", "money": {},
        "notes": "", "abandoned": False, "created": at.isoformat(), "updated": at.isoformat(),
    }
    steps = playbook["steps"]
    checked = steps[: rng.randint(0, min(4, len(steps) - 1))]
    progress = {}
    log = [_log_entry(card, at, "card.added", kind=kind, intent=intent)]
    for n, step in enumerate(checked, 1):
        title = dict(step["title"])
        when = at + timedelta(minutes=n)
        progress[step["id"]] = {"at": when.isoformat(), "title": title}
        log.append(_log_entry(card, when, "step.checked", step=step["id"], title=title))
    wanted = rng.choice((4, 5))
    while len(log) < wanted:
        when = at + timedelta(minutes=len(log))
        if len(log) % 2 and checked:
            log.append(_log_entry(card, when, "evidence.recorded", step=checked[-1]["id"],
                                  reference=f"REF{rng.randint(10000, 99999)}",
                                  agent="Agent Li"))
        else:
            day = (at + timedelta(days=7 + len(log))).date().isoformat()
            log.append(_log_entry(card, when, "followup.set", date=day, reason=""))
            card["follow_up"] = day
    return {"card": card, "status": "", "progress": progress, "log": log}


def export_document(cards: int, seed: int = SEED) -> dict:
    """A JSON export of `cards` cards, each with progress and 4–5 log entries."""
    rng = random.Random(seed)
    playbooks = _playbooks()
    issuers = _shipped_issuers()
    pairs = sorted({(p["kind"], p["intent"]) for p in playbooks})
    entries = [_card_entry(i, rng, playbooks, issuers, pairs) for i in range(cards)]
    return {"format": "cardoff-tui-export", "version": 1, "exported": START.isoformat(),
            "cards": entries}


def card_set(cards: int, key: str | None = None) -> Path:
    """The cached folder for `cards` cards: `data/` (the app's data folder), `export.json`
    (what went into it, which the bare app reads) and `done` (how it was built). Built
    when missing: up to IMPORT_UP_TO cards with `cardoff-tui import`; more through the
    app's Store (store_import), because importing 10,000 cards took more than 10
    minutes (each record added rebuilds TinyDB's whole table), and with the command
    when the Store's tables are not there to write to."""
    folder = cache_root() / (key or app_key()) / f"cards-{cards}"
    if (folder / "done").exists() and not os.environ.get("BENCH_REBUILD"):
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    (folder / "data").mkdir(parents=True)
    export = folder / "export.json"
    doc = export_document(cards)
    export.write_bytes(orjson.dumps(doc))
    how = "cardoff-tui import"
    if cards > IMPORT_UP_TO:
        try:
            store_import(doc, folder / "data")
            how = "the app's Store, one transaction"
        except (ImportError, AttributeError) as exc:  # the Store changed: the slow way
            print(f"fixtures: writing through the Store failed ({exc!r}); importing",
                  file=sys.stderr)
            shutil.rmtree(folder / "data")
            (folder / "data").mkdir()
    if how == "cardoff-tui import":
        cli(folder, "import", str(export))
    listed = cli(folder, "export", "--format", "csv").count("\n") - 1
    if listed != cards:
        raise RuntimeError(f"the app lists {listed} cards of the {cards} written in {folder}")
    (folder / "done").write_text(how + "\n")
    return folder


def cli(folder: Path, *args: str) -> str:
    """Run `cardoff-tui --data-dir FOLDER/data ARGS`; its output (RuntimeError if it
    fails)."""
    out = subprocess.run(
        [str(APP), "--data-dir", str(folder / "data"), "--config-dir", str(folder / "config"),
         *args], capture_output=True, text=True, env=quiet_env(),
    )
    if out.returncode != 0:
        raise RuntimeError(f"cardoff-tui {args[0]} failed ({out.returncode}): {out.stderr}")
    return out.stdout


def store_import(doc: dict, data: Path) -> None:
    """Write the cards, progress and log of an export into a new data file through the
    app's own Store, each table in one insert: the file the import gives (for 100 cards
    the tables were compared: the same), in seconds instead of minutes. Reaches into
    the Store's tables (ImportError or AttributeError when they have changed)."""
    from tui.records.kinds import checklist_key
    from tui.storage.store import DB_FILENAME, Store

    store = Store.open(data / DB_FILENAME)
    try:
        with store.transaction():
            store._cards.insert_multiple(entry["card"] for entry in doc["cards"])
            store._progress.insert_multiple(
                {"card_id": entry["card"]["id"], "checklists": {
                    **entry.get("kept_progress", {}),
                    checklist_key(entry["card"]["kind"], entry["card"]["intent"]):
                        entry["progress"]}}
                for entry in doc["cards"] if entry["progress"] or entry.get("kept_progress"))
            store._log.insert_multiple(log for entry in doc["cards"] for log in entry["log"])
    finally:
        store.close()


def quiet_env() -> dict[str, str]:
    """What an SSH session gives: TERM=xterm-256color, no COLORTERM, no D-Bus session,
    and no settings of the caller that change what the app draws."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("TEXTUAL", "CARDOFF")) and k not in
           ("COLORTERM", "DBUS_SESSION_BUS_ADDRESS", "NO_COLOR", "PYTHONDONTWRITEBYTECODE")}
    return env | {"TERM": "xterm-256color", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}


def working_copy(folder: Path, into: Path) -> Path:
    """A fresh copy of a cached card set's data folder, for one run to change."""
    target = into / "data"
    shutil.copytree(folder / "data", target)
    return target


WORDS = ("Metro Credit Union Savings Trust City National Mutual Pacific Harbour "
         "Northern Golden River Transit Mobile Telecom Card Union Capital").split()
HAN = "工商建设农业交通招商银行邮政储蓄移动联通电信地铁公交一卡通城市信用合作社"


def _numbers(region: str, rng: random.Random):
    """Endless numbers phonenumbers calls valid for `region`: its example number with
    the last three digits changed."""
    example = phonenumbers.example_number(region)
    national = str(example.national_number)
    while True:
        candidate = national[:-3] + f"{rng.randint(0, 999):03d}"
        number = phonenumbers.parse(candidate, region)
        if phonenumbers.is_valid_number(number):
            yield phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def issuer_documents(count: int, per_file: int = 500, seed: int = SEED) -> list[dict]:
    """`count` generated issuers as documents of issuers/*.yaml, `per_file` a file."""
    rng = random.Random(seed)
    numbers = {region: _numbers(region, rng) for region in REGIONS}
    issuers = []
    for i in range(count):
        region = REGIONS[i % len(REGIONS)]
        en = " ".join(rng.choice(WORDS) for _ in range(3)) + f" {i}"
        zh = "".join(rng.choice(HAN) for _ in range(5))
        issuers.append({
            "id": f"bench-{i}", "name": {"en": en, "zh-CN": zh}, "aliases": [zh[:3]],
            "region": region, "kinds": [rng.choice(("bank", "transit", "esim"))],
            "hotlines": [{"number": next(numbers[region]), "purpose": "report-lost",
                          "reachable": "any-phone"}],
        })
    return [{"issuers": issuers[i:i + per_file]} for i in range(0, count, per_file)]


def issuer_config(count: int, key: str | None = None) -> Path:
    """The cached config dir holding `count` generated issuers; built when missing."""
    folder = cache_root() / (key or app_key()) / f"issuers-{count}"
    if (folder / "done").exists() and not os.environ.get("BENCH_REBUILD"):
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    (folder / "issuers").mkdir(parents=True)
    for n, doc in enumerate(issuer_documents(count)):
        text = yaml.dump(doc, allow_unicode=True, sort_keys=False, Dumper=yaml.CSafeDumper)
        (folder / "issuers" / f"bench-{n:02d}.yaml").write_text(text, encoding="utf-8")
    (folder / "done").write_text("")
    return folder


def search_keys(count: int) -> list[str]:
    """The generated issuers' names and aliases, as the fair baseline scans them."""
    keys = []
    for doc in issuer_documents(count):
        for issuer in doc["issuers"]:
            names = [issuer["name"]["en"], issuer["name"]["zh-CN"], *issuer["aliases"]]
            keys.append(" ".join(names).casefold())
    return keys
