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
from tui.base.i18n import Catalog
from tui.base.paths import Paths, content_dir
from tui.base.private_files import private_mode, too_open
from tui.base.writable import file_in_the_way, probe_folder
from tui.library.content import english, validate_path, validate_shipped
from tui.secrets.secret_store import SecretError, SecretStore, system_keyring
from tui.secrets.vault import VAULT_FILENAME
from tui.storage.journal import Replay, journal_path
from tui.storage.json_storage import list_backups
from tui.storage.store import SCHEMA_VERSION, StoreError, examine, read_checked


@dataclass(frozen=True)
class Check:
    label: str  # which check: its name is the string doctor.label.<label, spaces as _>
    text: str  # in the user's language
    ok: bool = True  # False: something the user depends on is broken
    warn: bool = False  # True: worth fixing, nothing is broken


def _data_dir(paths: Paths, t: Catalog) -> Check:
    """Whether the data dir can really be written: a probe file is created there and
    removed (a folder's mode bits say nothing of a read-only mount, and root ignores
    them)."""
    problem = probe_folder(paths.data_dir)
    if problem is None:
        state = t("doctor.writable") if paths.data_dir.exists() else t("doctor.not_made")
        return Check("data dir", t("doctor.dir_state", path=paths.data_dir, state=state))
    todo = t("doctor.not_folder_fix") if problem.not_folder else t("doctor.read_only_fix")
    text = t("doctor.dir_problem", path=paths.data_dir, problem=problem.words(t), fix=todo)
    return Check("data dir", text, ok=False)


def _database(paths: Paths, t: Catalog) -> tuple[Check, dict | None]:
    """Read-only: doctor never upgrades, locks or writes the file. It reads the file the
    way the app opens it (tui.storage.store.examine), so both find the same damaged records."""
    path = paths.db_path
    if file_in_the_way(paths.data_dir) is not None:
        return Check("database", t("doctor.db_blocked", path=path), ok=False), None
    if not path.exists():
        return Check("database", t("doctor.db_none", path=path)), None
    try:
        found = examine(path)
        raw = read_checked(path) or {}
    except StoreError as exc:
        text = t("doctor.db_unusable", path=path, reason=exc.words(t))
        return Check("database", text, ok=False), None
    version = found.version if found else None
    cards = found.cards if found else 0
    text = t("doctor.db_loads", path=path, version=version or SCHEMA_VERSION, count=cards)
    backups = list_backups(path)
    if backups:
        from tui.base.clock import zoned_stamp

        newest = zoned_stamp(backups[0].taken)  # as `restore` lists it
        text += t("doctor.db_backups", count=len(backups), when=newest)
    journal_text, journal_ok = _journal(path, found.journal, t) if found else ("", True)
    text += journal_text
    damaged = found.damaged if found else []
    if damaged:
        text += t("doctor.db_damaged", count=len(damaged))
        text += "".join(f"\n      {record.worded(t)}" for record in damaged)
        return Check("database", text, ok=False), raw
    return Check("database", text, ok=journal_ok), raw


def _journal(path: Path, journal: Replay, t: Catalog) -> tuple[str, bool]:
    """What the data file's journal holds, as the app reads it (tui/storage/journal.py), and
    whether all of it can be used."""
    name = journal_path(path)
    changes = len(journal.changes)
    if journal.problem == "damaged":
        said = t("doctor.journal_damaged", path=name, changes=changes,
                 count=journal.left_out, name=name.name)
        return said, False
    if journal.problem == "other_base":
        said = t("doctor.journal_other_base", path=name, count=journal.left_out, name=name.name)
        return said, False
    text = t("doctor.journal_changes", count=changes) if changes else ""
    if journal.problem == "torn":
        text += t("doctor.journal_torn")
    kept = sorted(path.parent.glob(f"{name.name}.*-*"))
    if kept:
        names = ", ".join(k.name for k in kept)
        text += t("doctor.journals_kept", count=len(kept), names=names)
    return text, True


def _attachments(paths: Paths, raw: dict | None, t: Catalog) -> Check | None:
    """The attached files the cards list whose encrypted copy is not in the data dir
    (a JSON import or a backup from elsewhere, a file removed by hand), each named;
    a warning, since the cards themselves are whole. None when no card has any."""
    from tui.secrets.attachment_box import attachment_count, missing_sealed_files

    count = attachment_count(raw)
    if not count:
        return None
    missing = missing_sealed_files(raw, paths.data_dir)
    if not missing:
        return Check("attachments", t("doctor.attachments_ok", count=count))
    text = t("doctor.attachments_missing", count=len(missing), total=count)
    text += "".join(
        "\n      " + t("doctor.attachment_missing", label=label, name=name)
        for label, name in missing
    )
    return Check("attachments", text, warn=True)


def _content(paths: Paths, t: Catalog) -> Check:
    shipped = content_dir()
    checked, errors = validate_shipped(shipped)  # once per install, while it passes
    if paths.config_dir.is_dir():  # a file there is the config dir line's problem
        more, more_errors = validate_path(paths.config_dir, shipped)
        checked, errors = checked + more, errors + more_errors
    if errors:
        listed = "; ".join(str(e) for e in errors[:3])
        files, count = t("doctor.content_files", count=checked), t("cli.errors", count=len(errors))
        return Check("content", t("doctor.content_errors", files=files, errors=count,
                                  listed=listed), ok=False)
    return Check("content", t("doctor.content_ok", files=t("doctor.content_files", count=checked)))


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


def _file_modes(paths: Paths, t: Catalog) -> Check:
    """Folders 0700 and files 0600: anything wider (made by an older version, or by
    hand) is named, with the chmod that narrows it."""
    if not paths.data_dir.is_dir():
        return Check("file modes", t("doctor.modes_nothing"))
    wide = [(path, mode) for path in _private_paths(paths.data_dir) if (mode := too_open(path))]
    if not wide:
        return Check("file modes", t("doctor.modes_ok"))
    listed = t("doctor.list_separator").join(
        f"{path}{t('text.aside', text=f'{mode:04o}')}" for path, mode in wide
    )
    fixes = " && ".join(
        f"chmod {private_mode(path):o} {shlex.quote(str(path))}" for path, _mode in wide
    )
    return Check("file modes", t("doctor.modes_wide", listed=listed, fixes=fixes), warn=True)


def _keyring(in_keyring: int, t: Catalog) -> Check:
    """A round trip through the system keyring; a failure is said in words
    (tui.base.errors.describe), never as the error's key."""
    from tui.base.errors import describe

    found = system_keyring()
    needed = t("doctor.keyring_stored", count=in_keyring) if in_keyring else ""
    if found.backend is None:
        reason = found.reason_words(t)
        text = t("doctor.keyring_none", reason=reason, stored=needed)
        return Check("keyring", text, ok=not in_keyring)
    try:
        SecretStore(found.backend, found.name, "keyring", timeout=20).round_trip()
    except SecretError as exc:
        text = t("doctor.keyring_failed", name=found.name, reason=describe(exc, t), stored=needed)
        return Check("keyring", text, ok=False)
    return Check("keyring", t("doctor.keyring_ok", name=found.name))


def _vault(paths: Paths, in_vault: int, t: Catalog) -> Check:
    path = paths.data_dir / VAULT_FILENAME
    if path.exists():
        return Check("encrypted file", t("doctor.vault_present", path=path))
    if in_vault:
        text = t("doctor.vault_missing", path=path, count=in_vault)
        return Check("encrypted file", text, ok=False)
    return Check("encrypted file", t("doctor.vault_none", path=path))


def _colours(environ: Mapping[str, str], t: Catalog) -> Check:
    from rich.console import Console  # what Textual will decide, decided the same way

    system = Console(force_terminal=True, force_interactive=False).color_system
    term = environ.get("TERM", t("doctor.unset"))
    colorterm = environ.get("COLORTERM", t("doctor.unset"))
    shown = {"truecolor": t("doctor.colours_many"), "256": "256", "standard": "16", "windows": "16"}
    depth = t("doctor.colours_none") if system is None else shown.get(system, system)
    return Check("colours", t("doctor.colours", depth=depth, term=term, colorterm=colorterm))


def _clipboard(environ: Mapping[str, str], t: Catalog) -> Check:
    """OSC 52 is what copy uses: whether it can reach the user's own clipboard, decided
    as the app decides it before every copy (tui/base/clipboard_reach.py). A blocked path is a
    warning: the app then shows what to copy by hand."""
    reach = clipboard_reach(environ)
    notes = []
    if reach.place == "tmux" and reach.setting == "unknown":
        notes.append(t("doctor.clip_tmux_unknown", fix=TMUX_FIX))
    elif reach.place == "tmux" and reach.can_work:
        notes.append(t("doctor.clip_tmux_on"))
    elif reach.place == "tmux":
        notes.append(t("doctor.clip_tmux_off", setting=reach.setting, fix=TMUX_FIX))
    elif reach.place == "screen":
        notes.append(t("doctor.clip_screen"))
    elif reach.place == "linux-console":
        notes.append(t("doctor.clip_console"))
    if reach.can_work and (environ.get("SSH_TTY") or environ.get("SSH_CONNECTION")):
        notes.append(t("doctor.clip_ssh"))
    if not notes:
        notes.append(t("doctor.clip_local"))
    warn = not reach.can_work or reach.setting == "unknown"
    return Check("clipboard", t("doctor.list_separator").join(notes), warn=warn)


def _escape_time(environ: Mapping[str, str], t: Catalog) -> Check | None:
    """Inside tmux: how long tmux holds every Escape before passing it on."""
    if not environ.get("TMUX"):
        return None
    ms, fix = escape_time_advice(environ)
    if ms is None:
        return Check("tmux escape", t("doctor.escape_unknown"), warn=True)
    if fix:
        return Check("tmux escape", t("doctor.escape_slow", ms=ms, fix=fix), warn=True)
    return Check("tmux escape", t("doctor.escape_ok", ms=ms))


def _config_dir(paths: Paths, t: Catalog) -> Check:
    """The config dir, and config.yaml read as the app reads it (tui/domain/config.py): each
    setting it cannot use is named, with the default the app takes instead (a warning:
    the app runs; `validate` counts the same lines as errors)."""
    from textual.theme import BUILTIN_THEMES  # the themes the app has (names only)

    from tui.domain.config import load_config

    config = load_config(paths.config_file, themes=BUILTIN_THEMES)
    if not paths.config_dir.exists() and not config.problems:
        return Check("config dir", t("doctor.config_none", path=paths.config_dir))
    here = str(paths.config_dir)  # a problem of the folder itself: said after its name
    problems = [p.words(t) if p.where == here else p.worded(t) for p in config.problems]
    problems += _keymap_said(config.keymap, t)
    if not problems:
        return Check("config dir", f"{paths.config_dir}")
    listed = t("doctor.list_separator").join(problems)
    return Check("config dir", t("doctor.config_problems", path=paths.config_dir,
                                 problems=listed), warn=True)


def _keymap_said(keymap: Mapping[str, str], t: Catalog) -> list[str]:
    """What the app says at start of each keymap entry it leaves out (an id no binding
    has, a key no keyboard sends, a key another action holds: tui.ui.keymap_check),
    so doctor names them too; nothing to ask when there is no keymap."""
    if not keymap:
        return []
    from tui.ui.keymap_check import checked_keymap

    return checked_keymap(keymap, t)[1]


def _language(
    paths: Paths, lang: str | None, environ: Mapping[str, str], t: Catalog
) -> Check:
    """The language the app opens in (--lang, config.yaml's lang, then the locale
    variables: tui.base.i18n.chosen_lang), what picked it, and the languages it
    speaks (tui.base.i18n.LANGUAGES)."""
    from tui.base.i18n import SUPPORTED, chosen_lang, normalise_lang
    from tui.domain.config import load_config

    configured = load_config(paths.config_file).lang if paths.config_file.is_file() else None
    chosen, source = chosen_lang(lang, configured, environ)
    if not source:
        why = t("doctor.why_unset")
    elif "=" in source and normalise_lang(source.split("=", 1)[1]) is None:
        why = t("doctor.why_foreign", source=source)
    else:
        why = t("doctor.why_from", source=source)
    speaks = t("doctor.languages_separator").join(SUPPORTED)
    return Check("language", t("doctor.language", lang=chosen, why=why, speaks=speaks))



def run_doctor(
    paths: Paths,
    environ: Mapping[str, str] = os.environ,
    lang: str | None = None,
    catalog: Catalog | None = None,
) -> list[Check]:
    """Every check, in the order printed, its text in `catalog`'s language (English
    when None); `lang`: --lang, when given."""
    t = catalog or english()
    checks = [
        _data_dir(paths, t),
        _config_dir(paths, t),
        _language(paths, lang, environ, t),
    ]
    database, raw = _database(paths, t)
    checks.append(database)
    if (attached := _attachments(paths, raw, t)) is not None:
        checks.append(attached)
    checks.append(_file_modes(paths, t))
    checks.append(_content(paths, t))
    places = _identifier_places(raw)
    checks.append(_keyring(places["keyring"], t))
    checks.append(_vault(paths, places["vault"], t))
    checks.append(_colours(environ, t))
    checks.append(_clipboard(environ, t))
    escape = _escape_time(environ, t)
    if escape is not None:
        checks.append(escape)
    return checks


def _mark(check: Check, t: Catalog) -> str:
    return t("doctor.fail") if not check.ok else t("doctor.warn") if check.warn else t("doctor.ok")


def _padded(text: str, cells: int) -> str:
    """`text` padded with spaces to `cells` terminal cells (a Chinese character takes 2)."""
    from rich.cells import cell_len

    return text + " " * (cells - cell_len(text))


def format_checks(checks: list[Check], catalog: Catalog | None = None) -> str:
    """A line per check (its mark, its name and its text, in `catalog`'s language,
    English when None), then the count of problems and warnings."""
    from rich.cells import cell_len

    t = catalog or english()
    labels = [t(f"doctor.label.{c.label.replace(' ', '_')}") for c in checks]
    marks = [_mark(c, t) for c in checks]
    width = max(cell_len(label) for label in labels)
    mark_width = max(cell_len(t(f"doctor.{m}")) for m in ("ok", "warn", "fail"))
    lines = [
        f"{_padded(mark, mark_width)} {_padded(label, width)}  {c.text}"
        for c, mark, label in zip(checks, marks, labels, strict=True)
    ]
    broken = sum(1 for c in checks if not c.ok)
    warned = sum(1 for c in checks if c.ok and c.warn)
    summary = t("doctor.problems", count=broken) if broken else t("doctor.all_works")
    lines.append(summary + (t("doctor.warnings", count=warned) if warned else ""))
    return "\n".join(lines)


def exit_code(checks: list[Check]) -> int:
    return 0 if all(c.ok for c in checks) else 1
