"""Opening the app from the command line: the data file (or, when it cannot be used,
the choice of a backup or a fresh start, never writing over it), the config, the
secrets, then the Textual app, which loads only here."""

from __future__ import annotations

import argparse
import gc
import sys

from tui.cli import STARTED


def open_or_recover(paths, keep_backups: int, lang: str):
    """Open the data file; if it cannot be used, let the user choose (never write over it).

    Returns (store, message), or (None, None) when the user quits, there is no terminal,
    or the disk refuses to write.
    """
    from tui.cli.open_data import (
        catalog_for,
        journal_message,
        read_only_message,
        refuse_file_as_data_dir,
        say,
        write_refusal,
    )
    from tui.storage.json_storage import list_backups, restore_backup, set_aside
    from tui.storage.store import Store, StoreError, StoreWriteError, read_checked

    catalog = catalog_for(argparse.Namespace(lang=lang), paths)
    if refuse_file_as_data_dir(paths, catalog):
        return None, None
    try:
        store = Store.open(paths.db_path, keep_backups=keep_backups)
        said = (read_only_message(catalog, paths.data_dir), journal_message(catalog, store))
        return store, " ".join(message for message in said if message) or None
    except StoreWriteError as exc:  # the file is fine; the disk refuses to write
        say(catalog("data.open_not_saved", reason=write_refusal(catalog, exc)))
        return None, None
    except StoreError as exc:
        error = exc
    if error.newer:  # nothing to repair: this cardoff-tui is too old for the file
        say(catalog("cli.cannot_open", reason=error.located(catalog)))
        return None, None
    good = None
    for backup in list_backups(paths.db_path):
        try:
            if read_checked(backup.path) is not None:
                good = backup
                break
        except StoreError:
            continue
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        say(catalog("cli.cannot_open", reason=error.located(catalog)))
        print(catalog("cli.left_as_it_was"), file=sys.stderr)
        return None, None
    from tui.base.i18n import Catalog
    from tui.base.paths import content_dir
    from tui.library.content import load_content
    from tui.ui.recovery import RecoveryApp

    catalog = Catalog(load_content(content_dir()).strings, lang)
    shown = good.path.name if good else None
    from tui.ui.session_end import run_session

    recovery = RecoveryApp(catalog, str(paths.db_path), error.words(catalog), shown)
    gc.enable()  # a dialog the user may stay in: the collector runs (see build_app)
    status = run_session(recovery)  # SIGTERM / SIGHUP put the terminal back too
    if status > 128:
        sys.exit(status)  # ended by a signal: nothing chosen, nothing changed
    choice = recovery.return_value
    if choice == "backup" and good is not None:
        restore_backup(paths.db_path, good.path, keep=keep_backups)
        message = catalog("recover.restored", backup=good.path.name)
    elif choice == "fresh":
        aside = set_aside(paths.db_path)
        message = catalog("recover.set_aside", aside=aside)
    else:
        return None, None
    return Store.open(paths.db_path, keep_backups=keep_backups), message


def build_app(args: argparse.Namespace, paths):
    """The app as the command line opens it.

    Returns (app, store, mouse) or None when the data cannot be opened. Start-up runs
    with the cycle collector off: it makes some 100,000 objects that live as long as the
    session, and the collector's ~180 passes over them while they are made cost more
    (~15 ms) than the few cycles they leave. The app's first frame turns it back on
    (tui/ui/app.py, `collector_back_on`); so does a return without an app.
    """
    gc.disable()
    built = None
    try:
        built = _built_app(args, paths)
    finally:
        if built is None:
            gc.enable()
    return built


def _built_app(args: argparse.Namespace, paths):
    from tui.base.i18n import resolve_lang
    from tui.domain.config import load_config
    from tui.storage.store import Store

    config = load_config(paths.config_file)
    lang = resolve_lang(args.lang, config.lang)
    notices = list(config.problems)
    if args.demo:
        store = Store.in_memory()
    else:
        store, message = open_or_recover(paths, config.backups, lang)
        if store is None:
            return None
        if message:
            notices.insert(0, message)
    from tui.secrets.secrets_setup import SecretsSetup
    from tui.secrets.vault import VAULT_FILENAME
    from tui.ui.app import create_app  # Textual loads only now

    secrets = None if args.demo else SecretsSetup(paths.data_dir / VAULT_FILENAME)
    app = create_app(
        store=store,
        lang=lang,
        user_dir=paths.config_dir,
        demo=args.demo,
        keymap=config.keymap,
        notices=notices,
        secrets=secrets,
        clipboard_clear=config.clipboard_clear,
        vault_idle_lock=config.vault_idle_lock,
        abroad=config.abroad,
        home=config.home,
        theme=config.theme,
        config_file=paths.config_file,
        list_order=(config.sort, config.group == "owner"),
    )
    app.tracker.attachment_limit_mb = config.attachment_max_mb
    # What exists now (modules, content, the cards) lives as long as the session: keep
    # it out of the cycle collector's passes, which otherwise walk all of it, the
    # first of them just before the first frame. (The collector is off until then.)
    gc.freeze()
    return app, store, config.mouse and not args.no_mouse


def run_app(args: argparse.Namespace, paths) -> int:
    """Open the app on the user's data (or the demo's) until it ends; its exit status
    (1 when the data cannot be opened, 128 + N when ended by signal N). With --debug,
    the time from start to the first frame is said on stderr."""
    built = build_app(args, paths)
    if built is None:
        return 1
    app, store, mouse = built
    from tui.ui.session_end import run_session

    try:
        status = run_session(app, mouse)  # also on SIGTERM and SIGHUP
    finally:
        store.close()
    if args.debug and app.ready_at is not None:
        print(
            f"cardoff-tui: first frame {1000 * (app.ready_at - STARTED):.0f} ms after start",
            file=sys.stderr,
        )
    return status
