"""Opening the user's content and data for a one-shot command (`export`, `import`,
`due`, `hotline`), and what the command line says when the data dir or the data file
cannot be used.

Every message says what happened, that nothing was changed, and what to do; commands
that print one exit with status 1. The words come from content/i18n (English and
Simplified Chinese), like the app's.
"""

from __future__ import annotations

import sys
from pathlib import Path

from tui.base.i18n import Catalog, Phrase

# the parameters of command-line messages that hold a path or a name as the user (or a
# file) gave it: any line feed in them is shown, not printed (not "value": a letter puts
# proof values in its text through the same catalog)
USER_GIVEN = frozenset(
    {"path", "folder", "file", "files", "card", "name", "names", "label", "blocker", "done",
     "target", "source", "where", "owner", "ids", "id", "backup", "probe"}
)


def _given(key: str, value: object) -> object:
    """`value` as a message shows it: for a USER_GIVEN parameter, on one line."""
    if key not in USER_GIVEN or isinstance(value, Phrase):
        return value
    if isinstance(value, str | Path):
        from tui.base.sanitiser import one_line

        return one_line(str(value))
    return value


class LazyCatalog:
    """The UI strings in the user's language (--lang, config.yaml, then the locale),
    loaded on the first message: a command that has nothing to say loads nothing. The
    content read for them (`content()`) is kept for the command's work too, so a command
    reads the content files once."""

    def __init__(self, args, paths) -> None:
        self._args, self._paths = args, paths
        self._catalog: Catalog | None = None
        self._content = None

    @property
    def lang(self) -> str:
        """The language's code (tui.base.i18n.LANGUAGES)."""
        return self._loaded().lang

    def __call__(self, key: str, **params: object) -> str:
        """The message `key` filled with `params`; a path or a name the user gave
        (USER_GIVEN) shows a line feed in it as ␊ (tui.base.sanitiser.one_line), so it
        cannot break the message's line."""
        return self._loaded()(key, **{k: _given(k, v) for k, v in params.items()})

    def has(self, key: str) -> bool:
        return self._loaded().has(key)

    def content(self, config_dir: Path | str | None = None):
        """The shipped content and the user's from `config_dir` (default: this command's
        config dir; tui.library.content.Content), read on the first call for that
        folder and kept for the command."""
        config_dir = self._paths.config_dir if config_dir is None else config_dir
        if self._content is None or self._content[0] != config_dir:
            from tui.base.paths import content_dir
            from tui.library.content import load_content

            self._content = (config_dir, load_content(content_dir(), config_dir))
        return self._content[1]

    def _loaded(self) -> Catalog:
        if self._catalog is None:
            from tui.base.i18n import resolve_lang
            from tui.domain.config import load_config

            wanted = getattr(self._args, "lang", None)
            lang = resolve_lang(wanted, load_config(self._paths.config_file).lang)
            self._catalog = Catalog(self.content().strings, lang)
        return self._catalog


def catalog_for(args, paths) -> LazyCatalog:
    """See LazyCatalog."""
    return LazyCatalog(args, paths)


def say(message: str) -> None:
    print(f"cardoff-tui: {message}", file=sys.stderr)


def refuse_file_as_data_dir(paths, catalog) -> bool:
    """True (and the reason printed) when the data dir is a file, not a folder: nothing
    can be read there, and nothing is written."""
    from tui.base.writable import file_in_the_way

    data_dir = Path(paths.data_dir)
    blocker = file_in_the_way(data_dir)
    if blocker is None:
        return False
    if blocker == data_dir:
        say(catalog("data.dir_not_folder", path=str(data_dir)))
    else:
        say(catalog("data.dir_blocked", path=str(data_dir), blocker=str(blocker)))
    return True


def write_refusal(catalog, exc) -> str:
    """'Not saved, because the disk holding … is read-only. …' for a StoreWriteError."""
    return catalog(
        "error.not_saved",
        problem=Phrase(f"disk.{exc.problem}"),
        folder=str(exc.path.parent),
        detail=exc.detail,
    )


def not_saved_reason(catalog, path: Path, error: OSError) -> str:
    """The same, for an OSError of writing `path` (the data file, a backup)."""
    from tui.storage.store import StoreWriteError

    return write_refusal(catalog, StoreWriteError(path, error))


def load_user_content(paths, catalog=None):
    """The shipped content and the user's (tui.library.content.Content); the files skipped,
    and what was removed from the user's files, are said on stderr (in `catalog`'s
    language; the user's language when None). A LazyCatalog's content is used when it has
    been read (it is read once per command)."""
    if isinstance(catalog, LazyCatalog):
        content = catalog.content(paths.config_dir)
    else:
        from tui.base.paths import content_dir
        from tui.library.content import load_content

        content = load_content(content_dir(), paths.config_dir)
    for error in content.errors:
        if catalog is None:
            from tui.base.i18n import resolve_lang
            from tui.domain.config import load_config

            lang = resolve_lang(None, load_config(paths.config_file).lang)
            catalog = Catalog(content.strings, lang)
        print(f"cardoff-tui: {catalog('cli.skipped', error=error)}", file=sys.stderr)
    for note in content.notes:
        print(f"cardoff-tui: {note}", file=sys.stderr)
    return content


def open_tracker(paths, content=None, *, catalog):
    """A tracker on the user's data for one-shot commands; None when unusable (the
    reason is printed: what happened, that nothing changed, what to do). `catalog`
    gives the messages (catalog_for); `content`: already loaded by the caller, or
    None to load it here. The caller closes it (`tracker.close()`)."""
    from tui.domain.tracker import Tracker
    from tui.storage.store import Store, StoreError, StoreWriteError

    if refuse_file_as_data_dir(paths, catalog):
        return None
    try:
        store = Store.open(paths.db_path)
    except StoreWriteError as exc:
        say(catalog("data.open_not_saved", reason=write_refusal(catalog, exc)))
        return None
    except StoreError as exc:
        say(catalog("cli.cannot_open", reason=exc.located(catalog)))
        return None
    if message := journal_message(catalog, store):
        say(message)
    if damaged := store.damaged(texts=False):  # left out of what the command does
        say(catalog("data.damaged_cli", count=len(damaged)))
    content = content or load_user_content(paths, catalog)
    store.on_wait = lambda: _say_waiting(content, paths)
    tracker = Tracker(store, content.playbooks, issuers=content.issuers)
    from tui.domain.config import load_config

    tracker.home_setting = load_config(paths.config_file).home  # where the user lives
    return tracker


def _say_waiting(content, paths) -> None:
    """A change waits for another session's write: say so on stderr (it goes on)."""
    from tui.base.i18n import resolve_lang
    from tui.domain.config import load_config

    lang = resolve_lang(None, load_config(paths.config_file).lang)
    waiting = Catalog(content.strings, lang)("session.store_waiting")
    print(f"cardoff-tui: {waiting}", file=sys.stderr, flush=True)


def read_only_message(catalog, folder) -> str | None:
    """What to tell the user at start when the data dir cannot be written (a read-only
    mount, a folder they may not write): changes will not be saved, before they make
    any. None when it can be written. Asks the system (access(2), statvfs), writing
    nothing: a probe file costs a write and an fsync at every start."""
    import os

    if not os.path.isdir(folder) or os.access(folder, os.W_OK):
        return None
    try:
        read_only = bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except OSError:
        read_only = False
    problem = catalog("disk.read_only" if read_only else "disk.denied", folder=str(folder))
    return catalog("data.cannot_save", problem=problem)


def journal_message(catalog, store) -> str | None:
    """What to tell the user of the data file's journal as `store` was opened (changes
    left out: Store.journal_notice), or None when there is nothing to tell."""
    notice = store.journal_notice()
    if notice is None:
        return None
    if notice.kept is not None:
        kept = catalog("data.journal_kept", path=notice.kept)
    else:
        kept = catalog("data.journal_left")
    if notice.problem == "damaged":
        return catalog(
            "data.journal_damaged", applied=notice.applied, count=notice.left_out, kept=kept
        )
    return catalog("data.journal_unused", count=notice.left_out, kept=kept)
