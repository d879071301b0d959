"""`cardoff-tui doctor`: what the app would find on this machine, checked for real.

Each check gives a line; a check that fails on something the user depends on (their
records, their content, the place their identifiers are kept) makes the exit status 1.
A warning (files others can read) is printed as WARN and leaves the exit status alone.
"""

from __future__ import annotations

import os
import shlex
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from tui.base.clipboard_reach import TMUX_FIX, clipboard_reach, escape_time_advice
from tui.base.paths import Paths, content_dir
from tui.base.private_files import private_mode, too_open
from tui.base.writable import file_in_the_way, probe_folder
from tui.library.content import validate_path
from tui.secrets.secret_store import SecretError, SecretStore, system_keyring
from tui.secrets.vault import VAULT_FILENAME
from tui.storage.journal import Replay, journal_path
from tui.storage.json_storage import list_backups
from tui.storage.store import SCHEMA_VERSION, StoreError, examine, read_checked


@dataclass(frozen=True)
class Check:
    label: str
    text: str
    ok: bool = True  # False: something the user depends on is broken
    warn: bool = False  # True: worth fixing, nothing is broken


def _data_dir(paths: Paths) -> Check:
    """Whether the data dir can really be written: a probe file is created there and
    removed (a folder's mode bits say nothing of a read-only mount, and root ignores
    them)."""
    problem = probe_folder(paths.data_dir)
    if problem is None:
        state = "writable (a test file was made and removed)"
        if not paths.data_dir.exists():
            state = "not made yet; its parent folder is writable"
        return Check("data dir", f"{paths.data_dir}: {state}")
    todo = (
        "give --data-dir a folder, or move the file out of the way"
        if problem.not_folder
        else "your records can be read, but no change can be saved: make it writable, or "
        "give --data-dir a folder you can write"
    )
    return Check("data dir", f"{paths.data_dir}: {problem.text}; {todo}", ok=False)


def _database(paths: Paths) -> tuple[Check, dict | None]:
    """Read-only: doctor never upgrades, locks or writes the file. It reads the file the
    way the app opens it (tui.storage.store.examine), so both find the same damaged records."""
    path = paths.db_path
    if file_in_the_way(paths.data_dir) is not None:
        return Check("database", f"{path}: cannot exist: a file is in the way", ok=False), None
    if not path.exists():
        return Check("database", f"{path}: not created yet (made on first use)"), None
    try:
        found = examine(path)
        raw = read_checked(path) or {}
    except StoreError as exc:
        return Check("database", f"{path}: cannot be used: {exc.reason}", ok=False), None
    version = found.version if found else None
    cards = found.cards if found else 0
    text = f"{path}: loads (schema {version or SCHEMA_VERSION}, {cards} card(s))"
    backups = list_backups(path)
    if backups:
        text += f"; {len(backups)} backup(s), newest {backups[0].taken:%Y-%m-%d %H:%M} UTC"
    journal_text, journal_ok = _journal(path, found.journal) if found else ("", True)
    text += journal_text
    damaged = found.damaged if found else []
    if damaged:
        text += (
            f"; {len(damaged)} damaged record(s) set aside (kept in the file as they are; "
            "the rest opens). Fix or remove them by hand in the file, or restore a backup:"
        )
        text += "".join(f"\n      {record.describe()}" for record in damaged)
        return Check("database", text, ok=False), raw
    return Check("database", text, ok=journal_ok), raw


def _journal(path: Path, journal: Replay) -> tuple[str, bool]:
    """What the data file's journal holds, as the app reads it (tui/storage/journal.py), and
    whether all of it can be used."""
    name = journal_path(path)
    changes = len(journal.changes)
    if journal.problem == "damaged":
        return (
            f"; its journal {name} is damaged after change {changes}: the {journal.left_out} "
            f"line(s) from there cannot be read. cardoff-tui keeps the first {changes} "
            f"change(s) and, when it next opens the file, writes them into it and keeps the "
            f"journal as {name.name}.damaged-<time>. If a change is missing, restore a "
            "backup (cardoff-tui restore)",
            False,
        )
    if journal.problem == "other_base":
        return (
            f"; its journal {name} belongs to an earlier version of the file (it was "
            f"replaced or edited since): its {journal.left_out} change(s) are not applied. "
            f"cardoff-tui keeps it as {name.name}.unused-<time> when it next opens the file",
            False,
        )
    text = f"; {changes} change(s) saved in its journal" if changes else ""
    if journal.problem == "torn":
        text += "; a change cut short by a crash (never saved) is left out of the journal"
    kept = sorted(path.parent.glob(f"{name.name}.*-*"))
    if kept:
        text += (
            f"; {len(kept)} journal(s) whose changes were left out are kept beside it ("
            + ", ".join(k.name for k in kept)
            + "): restore a backup if a change is missing, and remove them once you are sure"
        )
    return text, True


def _content(paths: Paths) -> Check:
    shipped = content_dir()
    checked, errors = validate_path(shipped, shipped)
    if paths.config_dir.exists():
        more, more_errors = validate_path(paths.config_dir, shipped)
        checked, errors = checked + more, errors + more_errors
    if errors:
        listed = "; ".join(str(e) for e in errors[:3])
        return Check("content", f"{checked} file(s), {len(errors)} error(s): {listed}", ok=False)
    return Check("content", f"{checked} file(s), no errors")


def _identifier_places(raw: dict | None) -> dict[str, int]:
    counts = {"keyring": 0, "vault": 0}
    for card in (raw or {}).get("cards", {}).values():
        identifiers = card.get("identifiers") if isinstance(card, dict) else None
        for identifier in identifiers.values() if isinstance(identifiers, dict) else ():
            if isinstance(identifier, dict) and identifier.get("in") in counts:
                counts[identifier["in"]] += 1
    return counts


def _listing(folder: Path) -> list[Path]:
    try:
        return sorted(folder.iterdir())
    except OSError:  # not ours to read: nothing of cardoff-tui's is in it
        return []


def _private_paths(data_dir: Path) -> list[Path]:
    """The data dir, what is in it, and what is in its folders (backups/, exports/...)."""
    if not data_dir.is_dir():
        return []
    found = [data_dir]
    for entry in _listing(data_dir):
        found.append(entry)
        if entry.is_dir() and not entry.is_symlink():
            found.extend(_listing(entry))
    return found


def _file_modes(paths: Paths) -> Check:
    """Folders 0700 and files 0600: anything wider (made by an older version, or by
    hand) is named, with the chmod that narrows it."""
    if not paths.data_dir.is_dir():
        return Check("file modes", "nothing to check yet")
    wide = [(path, mode) for path in _private_paths(paths.data_dir) if (mode := too_open(path))]
    if not wide:
        return Check("file modes", "only you can read the data dir and its files")
    listed = ", ".join(f"{path} ({mode:04o})" for path, mode in wide)
    fixes = " && ".join(
        f"chmod {private_mode(path):o} {shlex.quote(str(path))}" for path, _mode in wide
    )
    text = f"open to the group or others: {listed}; to fix: {fixes}"
    return Check("file modes", text, warn=True)


def _keyring(in_keyring: int) -> Check:
    found = system_keyring()
    needed = f"; {in_keyring} identifier(s) are stored there" if in_keyring else ""
    if found.backend is None:
        text = f"none ({found.reason}){needed}"
        return Check("keyring", text, ok=not in_keyring)
    try:
        SecretStore(found.backend, found.name, "keyring", timeout=20).round_trip()
    except SecretError as exc:
        return Check("keyring", f"{found.name}: round trip failed: {exc}{needed}", ok=False)
    return Check("keyring", f"{found.name}: round trip OK (a throwaway item, deleted after)")


def _vault(paths: Paths, in_vault: int) -> Check:
    path = paths.data_dir / VAULT_FILENAME
    if path.exists():
        return Check("encrypted file", f"{path}: present (not opened: it needs the passphrase)")
    if in_vault:
        text = f"{path}: MISSING, and {in_vault} identifier(s) are stored in it"
        return Check("encrypted file", text, ok=False)
    return Check("encrypted file", f"{path}: none (offered in the app when there is no keyring)")


def _colours(environ: Mapping[str, str]) -> Check:
    from rich.console import Console  # what Textual will decide, decided the same way

    system = Console(force_terminal=True, force_interactive=False).color_system
    term = environ.get("TERM", "unset")
    colorterm = environ.get("COLORTERM", "unset")
    shown = {"truecolor": "16 million", "256": "256", "standard": "16", "windows": "16"}
    depth = "none (NO_COLOR or a dumb terminal)" if system is None else shown.get(system, system)
    return Check("colours", f"{depth} (TERM={term}, COLORTERM={colorterm})")


def _clipboard(environ: Mapping[str, str]) -> Check:
    """OSC 52 is what copy uses: whether it can reach the user's own clipboard, decided
    as the app decides it before every copy (tui/base/clipboard_reach.py). A blocked path is a
    warning: the app then shows what to copy by hand."""
    reach = clipboard_reach(environ)
    notes = []
    if reach.place == "tmux" and reach.setting == "unknown":
        notes.append("inside tmux, whose set-clipboard could not be read (`tmux show -gv "
                     "set-clipboard` failed): copies may stop at tmux, so the app shows what to "
                     f"copy by hand; with `{TMUX_FIX}` in ~/.tmux.conf they get through")
    elif reach.place == "tmux" and reach.can_work:
        notes.append("inside tmux with set-clipboard on: copies are passed on to your terminal")
    elif reach.place == "tmux":
        notes.append(f"inside tmux with set-clipboard {reach.setting}: copies stop at tmux "
                     "(the app says so and shows what to copy by hand); to let them through, "
                     f"add `{TMUX_FIX}` to ~/.tmux.conf")
    elif reach.place == "screen":
        notes.append("inside GNU screen: copies do not get through (the app says so and shows "
                     "what to copy by hand)")
    elif reach.place == "linux-console":
        notes.append("the Linux console has no clipboard for programs (the app shows what to "
                     "copy by hand)")
    if reach.can_work and (environ.get("SSH_TTY") or environ.get("SSH_CONNECTION")):
        notes.append("over SSH: lands on your own machine if its terminal allows OSC 52 (a "
                     "tmux there needs `set -g set-clipboard on` too: it cannot be seen from here)")
    if not notes:
        notes.append("local terminal: works where the terminal supports OSC 52")
    warn = not reach.can_work or reach.setting == "unknown"
    return Check("clipboard", "; ".join(notes), warn=warn)


def _escape_time(environ: Mapping[str, str]) -> Check | None:
    """Inside tmux: how long tmux holds every Escape before passing it on."""
    if not environ.get("TMUX"):
        return None
    ms, fix = escape_time_advice(environ)
    if ms is None:
        return Check("tmux escape", "escape-time could not be read (`tmux show -sv escape-time`)",
                     warn=True)
    if fix:
        text = (f"escape-time {ms} ms: tmux holds every Escape that long before the app sees "
                f"it; add `{fix}` to ~/.tmux.conf")
        return Check("tmux escape", text, warn=True)
    return Check("tmux escape", f"escape-time {ms} ms: Escape is quick")


def _config_dir(paths: Paths) -> Check:
    """The config dir, and config.yaml read as the app reads it (tui/domain/config.py): each
    setting it cannot use is named, with the default the app takes instead (a warning:
    the app runs; `validate` counts the same lines as errors)."""
    from tui.domain.config import load_config

    if not paths.config_dir.exists():
        return Check("config dir", f"{paths.config_dir} (none)")
    problems = load_config(paths.config_file).problems
    if not problems:
        return Check("config dir", f"{paths.config_dir}")
    return Check("config dir", f"{paths.config_dir}: " + "; ".join(problems), warn=True)


def _language(paths: Paths, lang: str | None, environ: Mapping[str, str]) -> Check:
    """The language the app opens in (--lang, config.yaml's lang, then the locale
    variables: tui.base.i18n.chosen_lang), what picked it, and the languages it
    speaks (tui.base.i18n.LANGUAGES)."""
    from tui.base.i18n import SUPPORTED, chosen_lang, normalise_lang
    from tui.domain.config import load_config

    configured = load_config(paths.config_file).lang if paths.config_file.is_file() else None
    chosen, source = chosen_lang(lang, configured, environ)
    if not source:
        why = "as no locale variable is set"
    elif "=" in source and normalise_lang(source.split("=", 1)[1]) is None:
        why = f"as {source} is in none of its languages"
    else:
        why = f"from {source}"
    speaks = ", ".join(SUPPORTED)
    return Check("language", f"{chosen}, {why} (the app speaks {speaks}; --lang or "
                 "config.yaml's lang picks one)")


def run_doctor(
    paths: Paths, environ: Mapping[str, str] = os.environ, lang: str | None = None
) -> list[Check]:
    """Every check, in the order printed; `lang`: --lang, when given."""
    checks = [
        _data_dir(paths),
        _config_dir(paths),
        _language(paths, lang, environ),
    ]
    database, raw = _database(paths)
    checks.append(database)
    checks.append(_file_modes(paths))
    checks.append(_content(paths))
    places = _identifier_places(raw)
    checks.append(_keyring(places["keyring"]))
    checks.append(_vault(paths, places["vault"]))
    checks.append(_colours(environ))
    checks.append(_clipboard(environ))
    escape = _escape_time(environ)
    if escape is not None:
        checks.append(escape)
    return checks


def _mark(check: Check) -> str:
    return "FAIL" if not check.ok else "WARN" if check.warn else "ok  "


def format_checks(checks: list[Check]) -> str:
    width = max(len(c.label) for c in checks)
    lines = [f"{_mark(c)} {c.label.ljust(width)}  {c.text}" for c in checks]
    broken = sum(1 for c in checks if not c.ok)
    warned = sum(1 for c in checks if c.ok and c.warn)
    summary = f"{broken} problem(s)" if broken else "everything cardoff-tui needs works"
    lines.append(summary + (f"; {warned} warning(s)" if warned else ""))
    return "\n".join(lines)


def exit_code(checks: list[Check]) -> int:
    return 0 if all(c.ok for c in checks) else 1
