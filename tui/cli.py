"""The `cardoff-tui` command line. Imports no Textual: the app loads only when run."""

from __future__ import annotations

import argparse
import gc
import sys
import time
from pathlib import Path

from tui import __version__

STARTED = time.perf_counter()

DESCRIPTION = (
    "Track closing your cards and eSIMs: an inventory, a checklist per card, "
    "and a dated log. Run without a command to open the app."
)


def port_number(text: str) -> int:
    """--port's type: a whole number from 1 to 65535 (argparse reports anything else)."""
    try:
        port = int(text)
    except ValueError:
        port = 0
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"must be a whole number from 1 to 65535, not {text!r}")
    return port


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cardoff-tui", description=DESCRIPTION)
    parser.add_argument("--version", action="version", version=f"cardoff-tui {__version__}")
    parser.add_argument(
        "--data-dir", metavar="PATH", help="where your records live (default: the user data dir)"
    )
    parser.add_argument(
        "--config-dir",
        metavar="PATH",
        help="config.yaml and your own playbooks/ and i18n/ (default: the user config dir)",
    )
    parser.add_argument(
        "--lang", choices=["en", "zh-CN"], help="language (default: config file, then LANG/LC_ALL)"
    )
    parser.add_argument(
        "--no-mouse",
        action="store_true",
        help="no mouse tracking (it sends bytes on every pointer move; also mouse: false "
        "in config.yaml)",
    )
    parser.add_argument("--debug", action="store_true", help="report the time to first frame")
    parser.add_argument(
        "--demo",
        action="store_true",
        help="open sample data held in memory; your own data is not touched",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    validate = sub.add_parser(
        "validate",
        help="check playbook and string files; exit 1 on errors",
        description="Check content files (a file or a folder). Without PATH: the shipped "
        "content and your config dir.",
    )
    validate.add_argument("path", nargs="?", metavar="PATH", help="a YAML file or a folder")
    hotline = sub.add_parser(
        "hotline",
        help="look up an issuer's hotlines without opening the app",
        description="Print the hotlines of the issuers matching QUERY (any name or alias, "
        "English or Chinese), each with its source. Exit 1 when nothing matches.",
    )
    hotline.add_argument("query", nargs="+", metavar="QUERY", help="e.g. ICBC, 工行, octopus")
    hotline.add_argument("--json", action="store_true", help="print JSON instead of a table")
    hotline.add_argument(
        "--abroad",
        action="store_true",
        help="you are outside the issuer's region: numbers that work from abroad first, "
        "numbers that work only at home marked (also abroad: true in config.yaml)",
    )
    hotline.add_argument(
        "--region", metavar="REGION", help="this region's issuers first (CN, GB, 香港, ...)"
    )
    from tui.export_formats import DEFAULT_FORMAT, FORMATS

    export = sub.add_parser(
        "export",
        help="write a report (md), complete data (json), a row per card (csv, csv-excel) or "
        "follow-ups (ics)",
        description="Export your cards. Identifiers appear masked only.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="formats:\n"
        + "\n".join(
            f"  {name:<10} {what}" + (" (the default)" if name == DEFAULT_FORMAT else "")
            for name, what in FORMATS.items()
        ),
    )
    export.add_argument(
        "--format",
        choices=list(FORMATS),
        default=DEFAULT_FORMAT,
        help=f"one of the formats below (default: {DEFAULT_FORMAT})",
    )
    export.add_argument("--card", metavar="ID", help="only this card")
    export.add_argument("-o", "--output", metavar="FILE", help="write here (default: stdout)")
    importer = sub.add_parser(
        "import",
        help="add cards from a CSV file or a JSON export",
        description="CSV columns: label, kind, issuer, region, intent, notes, network (label "
        "and kind required; network is a bank card's: visa, mastercard, unionpay, amex, jcb, "
        "discover, diners or other), separated by commas, semicolons or tabs (a first "
        "line sep=; is honoured). kind and intent take the keys (bank, port-out) or the "
        "words the app shows (Bank, eSIM, Port out number, 银行卡). The encoding is "
        "detected (UTF-8, UTF-16 from Excel's Unicode Text, GBK, ...) and named in the "
        "summary. A row identical to a card already there is not added again. Bad rows "
        "are listed by line; the good ones are added together, or with --strict nothing "
        "is added if any row is bad.",
    )
    importer.add_argument("file", metavar="FILE")
    importer.add_argument("--strict", action="store_true", help="all rows or nothing")
    importer.add_argument(
        "--encoding",
        metavar="NAME",
        help="read a CSV file in this encoding (e.g. gbk, big5, utf-16) instead of detecting it",
    )
    sub.add_parser(
        "due",
        help="list the cards whose follow-up date is today or past (for a login script)",
        description="Print the cards due today or overdue, most overdue first, without "
        "opening the app. Exit 0 either way; nothing is printed when nothing is due.",
    )
    restore = sub.add_parser(
        "restore",
        help="list the backups of your data file, or put one back",
        description="Without N: list the backups, newest first. With N: put backup N back; "
        "the current file is kept as a backup first.",
    )
    restore.add_argument("number", nargs="?", type=int, metavar="N", help="which backup")
    serve = sub.add_parser(
        "serve",
        help="open the app in a web browser, served on 127.0.0.1 only (needs textual-serve)",
        description="Serve the app to a browser through textual-serve, on 127.0.0.1 only, "
        "behind a key printed with the address (CARDOFF_SERVE_KEY sets a fixed one). "
        "From another machine: ssh -N -L PORT:127.0.0.1:PORT HOST, then open the address.",
    )
    serve.add_argument(
        "--port", type=port_number, default=8000, help="port on 127.0.0.1 (default 8000)"
    )
    sub.add_parser(
        "doctor",
        help="check data, content, keyring, colours and clipboard; exit 1 if something is broken",
        description="Print what cardoff-tui finds on this machine. Exit 1 when something "
        "you depend on is broken (your records, content, or where your identifiers are kept).",
    )
    return parser


def run_validate(args: argparse.Namespace, paths) -> int:
    from tui.content import validate_path
    from tui.paths import content_dir

    shipped = content_dir()
    targets = [Path(args.path)] if args.path else [shipped, paths.config_dir]
    checked, errors, notes = 0, [], []
    for target in targets:
        if not args.path and not target.exists():
            continue
        count, found = validate_path(target, shipped, notes)
        checked += count
        errors.extend(found)
    if not args.path and paths.config_file.is_file():
        from tui.config import load_config

        checked += 1
        errors.extend(load_config(paths.config_file).problems)
    for error in errors + notes:
        print(error)
    print(f"{checked} file(s) checked, {len(errors)} error(s)")
    return 1 if errors or checked == 0 else 0


def _load_content(paths):
    """The shipped content and the user's; the files skipped, and what was removed from
    the user's files, are said on stderr."""
    from tui.content import load_content
    from tui.paths import content_dir

    content = load_content(content_dir(), paths.config_dir)
    for error in content.errors:
        print(f"cardoff-tui: skipped {error}", file=sys.stderr)
    for note in content.notes:
        print(f"cardoff-tui: {note}", file=sys.stderr)
    return content


HOTLINE_MOST = 30  # issuers `hotline` prints at the most; beyond, it says so


def run_hotline(args: argparse.Namespace, paths) -> int:
    from tui.cli_hotline import hotline_report
    from tui.config import load_config
    from tui.i18n import Catalog, resolve_lang
    from tui.sanitiser import clean

    cleaned = clean(" ".join(args.query))
    if cleaned.removed:
        removed = f"removed {cleaned.removed} control character(s) from QUERY"
        print(f"cardoff-tui: {removed}", file=sys.stderr)
    query = cleaned.text
    content = _load_content(paths)
    config = load_config(paths.config_file)
    catalog = Catalog(content.strings, resolve_lang(args.lang, config.lang))
    region = content.issuers.region_of(args.region or "")
    if args.region and not region:
        unknown = f"unknown region {args.region!r}; searching every region"
        print(f"cardoff-tui: {unknown}", file=sys.stderr)
    for problem in config.problems:
        print(f"cardoff-tui: {problem}", file=sys.stderr)
    if not query.strip():
        print(f"cardoff-tui: {catalog('hotline.empty_query')}", file=sys.stderr)
        return 2
    place = args.region or ""
    found = content.issuers.search(query, HOTLINE_MOST + 1, region=region, place=place)
    if not found:
        print(f"cardoff-tui: {catalog('hotline.none', query=query)}", file=sys.stderr)
        return 1
    if len(found) > HOTLINE_MOST:  # say so: a silent cut could hide the right issuer
        found = found[:HOTLINE_MOST]
        print(f"cardoff-tui: {catalog('hotline.more', most=HOTLINE_MOST)}", file=sys.stderr)
    print(hotline_report(found, catalog, abroad=args.abroad or config.abroad, as_json=args.json))
    return 0


def _open_tracker(paths, content=None, *, catalog):
    """A tracker on the user's data for one-shot commands; None when unusable (the
    reason is printed: what happened, that nothing changed, what to do). `catalog`
    gives the messages (tui.cli_data.catalog_for); `content`: already loaded by the
    caller, or None to load it here."""
    from tui.cli_data import journal_message, refuse_file_as_data_dir, say
    from tui.store import Store, StoreError, StoreWriteError
    from tui.tracker import Tracker

    if refuse_file_as_data_dir(paths, catalog):
        return None
    try:
        store = Store.open(paths.db_path)
    except StoreWriteError as exc:
        say(catalog("data.open_not_saved", reason=_reason(catalog, exc)))
        return None
    except StoreError as exc:
        say(f"cannot open your data: {exc}")
        return None
    if message := journal_message(catalog, store):
        say(message)
    if damaged := store.damaged(texts=False):  # left out of what the command does
        say(catalog("data.damaged_cli", count=len(damaged)))
    content = content or _load_content(paths)
    store.on_wait = lambda: _say_waiting(content, paths)
    return Tracker(store, content.playbooks, issuers=content.issuers)


def _reason(catalog, exc) -> str:
    """'Not saved, because …' for a StoreWriteError."""
    from tui.cli_data import write_refusal

    return write_refusal(catalog, exc)


def _say_waiting(content, paths) -> None:
    """A change waits for another session's write: say so on stderr (it goes on)."""
    from tui.config import load_config
    from tui.i18n import Catalog, resolve_lang

    lang = resolve_lang(None, load_config(paths.config_file).lang)
    waiting = Catalog(content.strings, lang)("session.store_waiting")
    print(f"cardoff-tui: {waiting}", file=sys.stderr, flush=True)


def run_export(args: argparse.Namespace, paths) -> int:
    from tui.cli_data import catalog_for
    from tui.export import export

    tracker = _open_tracker(paths, catalog=catalog_for(args, paths))
    if tracker is None:
        return 1
    try:
        data = export(tracker, args.format, args.card)
    except KeyError:
        print(f"cardoff-tui: no card with id {args.card!r}", file=sys.stderr)
        return 1
    finally:
        tracker.store.close()
    if args.output:
        from tui.private_files import write_output

        try:
            write_output(Path(args.output), data)
        except OSError as exc:  # a full or read-only disk, a missing folder…
            print(f"cardoff-tui: cannot write {args.output}: {exc.strerror}", file=sys.stderr)
            return 1
        print(f"wrote {args.output}", file=sys.stderr)
    else:
        from tui.terminal_output import write_bytes

        write_bytes(data)
    return 0


def run_import(args: argparse.Namespace, paths) -> int:
    from tui.cli_data import catalog_for, say
    from tui.config import load_config
    from tui.csv_import import CsvImportResult
    from tui.i18n import resolve_lang
    from tui.importer import import_file
    from tui.tracker import TrackerError

    content = _load_content(paths)
    catalog = catalog_for(args, paths)
    tracker = _open_tracker(paths, content, catalog=catalog)
    if tracker is None:
        return 1
    lang = resolve_lang(args.lang, load_config(paths.config_file).lang)
    try:
        result = import_file(
            tracker,
            Path(args.file),
            strict=args.strict,
            strings=content.strings,
            lang=lang,
            encoding=args.encoding,
        )
    except TrackerError as exc:  # the disk refused the write, or another session held on
        say(catalog("data.import_not_saved", reason=catalog(exc.key, **exc.params)))
        return 1
    finally:
        tracker.store.close()
    for line, message in sorted(result.errors + result.notes, key=lambda item: item[0]):
        where = f"{args.file}:{line}" if line else args.file
        print(f"{where}: {message}", file=sys.stderr)
    if isinstance(result, CsvImportResult):  # what went in, what did not, and why
        for line in result.summary:
            print(f"{args.file}: {line}")
        return 1 if result.errors else 0
    if result.written:
        print(f"imported {len(result.imported)} card(s)")
    elif result.errors:
        print("nothing was imported", file=sys.stderr)
    return 1 if result.errors else 0


def run_due(args: argparse.Namespace, paths) -> int:
    from tui.cli_data import catalog_for, refuse_file_as_data_dir

    catalog = catalog_for(args, paths)
    if refuse_file_as_data_dir(paths, catalog):
        return 1
    if not paths.db_path.exists():
        return 0
    tracker = _open_tracker(paths, catalog=catalog)
    if tracker is None:
        return 1
    from tui.config import load_config
    from tui.hotline_choice import first_usable

    config = load_config(paths.config_file)
    for problem in config.problems:
        print(f"cardoff-tui: {problem}", file=sys.stderr)
    store = tracker.store
    for view, days in tracker.due():
        when = "due today" if days == 0 else f"{days} day(s) late"
        offers = tracker.calls_for(view.card, config.abroad)
        offer = first_usable(offers)
        if offer is not None:
            unverified = "" if offer.hotline.verified else " (unverified)"
            call = f" · call {offer.hotline.shown}{unverified}"
        elif offers:  # numbers there are, none that works from where you are
            call = f" · no sourced number works from here ({offers[0].hotline.shown} does not)"
        else:
            call = ""
        card = view.card
        print(f"{card.follow_up}  {when:<16} {card.label} ({card.issuer or card.kind.value}){call}")
    store.close()
    return 0


def run_restore(args: argparse.Namespace, paths) -> int:
    from tui.cli_data import catalog_for, not_saved_reason, refuse_file_as_data_dir, say
    from tui.config import load_config
    from tui.storage import list_backups, restore_backup
    from tui.store import StoreError, read_checked

    catalog = catalog_for(args, paths)
    if refuse_file_as_data_dir(paths, catalog):
        return 1
    backups = list_backups(paths.db_path)
    if not backups:
        print(f"no backups of {paths.db_path} yet (one is taken on the first change of a session)")
        return 1 if args.number else 0
    if args.number is None:
        print(f"backups of {paths.db_path}, newest first:")
        for number, backup in enumerate(backups, 1):
            try:
                cards = f"{len((read_checked(backup.path) or {}).get('cards', {}))} card(s)"
            except StoreError as exc:
                cards = f"unusable: {exc.reason}"
            when = backup.taken.astimezone().strftime("%Y-%m-%d %H:%M:%S")
            print(f"{number:3}  {when}  {backup.size:>9} bytes  {cards}")
        print("cardoff-tui restore N puts one back (the current file is kept as a backup).")
        return 0
    if not 1 <= args.number <= len(backups):
        print(f"cardoff-tui: there is no backup {args.number}; there are {len(backups)}")
        return 1
    chosen = backups[args.number - 1]
    try:
        read_checked(chosen.path)
    except StoreError as exc:
        print(f"cardoff-tui: backup {args.number} cannot be used ({exc.reason}); nothing changed")
        return 1
    keep = load_config(paths.config_file).backups
    try:
        kept = restore_backup(paths.db_path, chosen.path, keep=keep)
    except OSError as exc:  # a read-only or full disk: the data file is as it was
        reason = not_saved_reason(catalog, paths.db_path, exc)
        say(catalog("data.restore_not_saved", reason=reason, number=args.number))
        return 1
    print(f"restored {chosen.path.name} to {paths.db_path}")
    if kept:
        print(f"the file it replaced is kept as {kept}")
    return 0


def open_or_recover(paths, keep_backups: int, lang: str):
    """Open the data file; if it cannot be used, let the user choose (never write over it).

    Returns (store, message), or (None, None) when the user quits, there is no terminal,
    or the disk refuses to write.
    """
    from tui.cli_data import catalog_for, journal_message, refuse_file_as_data_dir, say
    from tui.storage import list_backups, restore_backup, set_aside
    from tui.store import Store, StoreError, StoreWriteError, read_checked

    catalog = catalog_for(argparse.Namespace(lang=lang), paths)
    if refuse_file_as_data_dir(paths, catalog):
        return None, None
    try:
        store = Store.open(paths.db_path, keep_backups=keep_backups)
        return store, journal_message(catalog, store)
    except StoreWriteError as exc:  # the file is fine; the disk refuses to write
        say(catalog("data.open_not_saved", reason=_reason(catalog, exc)))
        return None, None
    except StoreError as exc:
        error = exc
    if error.newer:  # nothing to repair: this cardoff-tui is too old for the file
        say(f"cannot open your data: {error}")
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
        print(f"cardoff-tui: cannot open your data: {error}", file=sys.stderr)
        print(
            "The file has been left exactly as it was. Run cardoff-tui in a terminal to "
            "choose a backup or a fresh start, or see `cardoff-tui restore`.",
            file=sys.stderr,
        )
        return None, None
    from tui.content import load_content
    from tui.i18n import Catalog
    from tui.paths import content_dir
    from tui.ui.recovery import RecoveryApp

    catalog = Catalog(load_content(content_dir()).strings, lang)
    shown = good.path.name if good else None
    from tui.ui.session_end import run_session

    recovery = RecoveryApp(catalog, str(paths.db_path), error.reason, shown)
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
    """The app as the command line opens it (benchmarks/start_child.py times this).

    Returns (app, store, mouse) or None when the data cannot be opened.
    """
    from tui.config import load_config
    from tui.i18n import resolve_lang
    from tui.store import Store

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
    from tui.secrets_setup import SecretsSetup
    from tui.ui.app import create_app  # Textual loads only now
    from tui.vault import VAULT_FILENAME

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
    )
    # What exists now (modules, content, the cards) lives as long as the session: keep
    # it out of the cycle collector's passes, which otherwise walk all of it, the
    # first of them just before the first frame.
    gc.freeze()
    return app, store, config.mouse and not args.no_mouse


def run_app(args: argparse.Namespace, paths) -> int:
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


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status (141 when the reader of the output
    went away, as for any Unix tool in a pipe; see tui.terminal_output)."""
    from tui.terminal_output import end_on_closed_pipe, prepare_streams

    prepare_streams()  # any locale: what cannot be encoded is replaced, never fatal
    try:
        try:
            return _parse_and_run(argv)
        finally:  # what is still buffered goes now, while a closed pipe can be caught
            sys.stdout.flush()
    except BrokenPipeError:
        return end_on_closed_pipe()


def _parse_and_run(argv: list[str] | None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return run_command(args)
    except BrokenPipeError:
        raise  # the reader has gone: main ends quietly
    except Exception as error:  # unexpected: a report without values, never a traceback
        from tui.crash import report_and_say

        return report_and_say(error, f"cardoff-tui {args.command or '(the app)'}")


def run_command(args: argparse.Namespace) -> int:
    from tui.paths import Paths

    paths = Paths.resolve(args.data_dir, args.config_dir)
    if args.command not in (None, "serve"):
        from tui.terminal_output import guard_output

        guard_output()  # what a command prints carries no escape sequences
    if args.command == "validate":
        return run_validate(args, paths)
    if args.command == "hotline":
        return run_hotline(args, paths)
    if args.command == "export":
        return run_export(args, paths)
    if args.command == "import":
        return run_import(args, paths)
    if args.command == "due":
        return run_due(args, paths)
    if args.command == "restore":
        return run_restore(args, paths)
    if args.command == "serve":
        from tui.serve import run_serve

        return run_serve(args, paths)
    if args.command == "doctor":
        from tui.doctor import exit_code, format_checks, run_doctor

        checks = run_doctor(paths)
        print(format_checks(checks))
        return exit_code(checks)
    return run_app(args, paths)


if __name__ == "__main__":
    sys.exit(main())
