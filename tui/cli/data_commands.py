"""`cardoff-tui export`, `import` and `restore`: your cards out to a file, cards in
from a file, and a backup of the data file put back. Each opens the data the way the
app does (tui.cli.open_data) and says what it did, or what went wrong and that
nothing changed."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

EXPORT_WRITTEN_FORMAT = "cardoff-tui-export-written"
EXPORT_WRITTEN_VERSION = 1


def export_format(args: argparse.Namespace) -> str | None:
    """The format `export` writes: --format, else json for `--json` without `-o` (what
    is printed is then the export itself), else the default; None when `--json`
    without `-o` meets another --format (stdout cannot be both)."""
    from tui.domain.export_formats import DEFAULT_FORMAT

    if args.json and not args.output:
        return "json" if args.format in (None, "json") else None
    return args.format or DEFAULT_FORMAT


def run_export(args: argparse.Namespace, paths) -> int:
    """Write the export of every card (or `args.card`'s) in export_format(args) to
    `args.output`, else to stdout as bytes. With `args.json` what is printed on
    stdout is JSON: without `-o`, the export in JSON; with it, what was written:
    {"format": "cardoff-tui-export-written", "version": 1, "path": the file,
    absolute, "export_format": md, json, ..., "cards": int, "bytes": int}. Exit
    status 1 when the data cannot be opened, the card is unknown or the file cannot
    be written; 2 for --json with another --format and no -o."""
    from tui.base.errors import TrackerError, describe
    from tui.cli.open_data import catalog_for, open_tracker, say
    from tui.domain.config import load_config
    from tui.domain.export import export

    catalog = catalog_for(args, paths)
    fmt = export_format(args)
    if fmt is None:
        say(catalog("cli.export_json_and_format", format=args.format))
        return 2
    tracker = open_tracker(paths, catalog=catalog)
    if tracker is None:
        return 1
    from tui.base.clock import configure_dates

    configure_dates(catalog.lang)  # the report's dates in the language and the locale
    try:
        abroad = load_config(paths.config_file).abroad  # the calendar's numbers
        data = export(tracker, fmt, args.card, catalog=catalog, abroad=abroad)
        cards = 1 if args.card else len(tracker.views())
    except TrackerError as exc:  # no card of that id
        print(f"cardoff-tui: {describe(exc, catalog)}", file=sys.stderr)
        return 1
    finally:
        tracker.close()
    if args.output:
        from tui.base.os_problem import os_problem
        from tui.base.private_files import write_output

        try:
            write_output(Path(args.output), data)
        except OSError as exc:  # a full or read-only disk, a missing folder…
            said = catalog("cli.cannot_write", path=args.output, **os_problem(exc))
            print(f"cardoff-tui: {said}", file=sys.stderr)
            return 1
        print(catalog("cli.wrote", path=args.output), file=sys.stderr)
        if args.json:
            from tui.cli.terminal_output import print_json

            written = {"path": str(Path(args.output).resolve()), "export_format": fmt,
                       "cards": cards, "bytes": len(data)}
            print_json({"format": EXPORT_WRITTEN_FORMAT, "version": EXPORT_WRITTEN_VERSION,
                        **written})
    else:
        from tui.cli.terminal_output import write_bytes

        write_bytes(data)
    return 0


def run_import(args: argparse.Namespace, paths) -> int:
    """Add the cards of a CSV file or a JSON export (tui.domain.importer); what was added,
    and each bad line, are said. Exit status 1 when any line is bad or nothing could
    be saved."""
    from tui.base.errors import TrackerError, describe
    from tui.base.i18n import resolve_lang
    from tui.cli.open_data import catalog_for, load_user_content, open_tracker, say
    from tui.domain.config import load_config
    from tui.domain.csv_import import CsvImportResult
    from tui.domain.importer import import_file

    catalog = catalog_for(args, paths)
    content = load_user_content(paths, catalog)
    tracker = open_tracker(paths, content, catalog=catalog)
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
        say(catalog("data.import_not_saved", reason=describe(exc, catalog)))
        return 1
    finally:
        tracker.close()
    from tui.base.sanitiser import one_line

    shown = one_line(args.file)  # a line feed in the name is shown, not printed
    for line, message in sorted(result.errors + result.notes, key=lambda item: item[0]):
        where = f"{shown}:{line}" if line else shown
        print(f"{where}: {message}", file=sys.stderr)
    if isinstance(result, CsvImportResult):  # what went in, what did not, and why
        for line in result.summary:
            print(f"{shown}: {line}")
        return 1 if result.errors else 0
    if result.written:
        print(catalog("cli.imported", count=len(result.imported)))
    elif result.errors:
        print(catalog("csv_import.nothing"), file=sys.stderr)
    return 1 if result.errors else 0


def run_restore(args: argparse.Namespace, paths) -> int:
    """Without `args.number`: list the backups of the data file, newest first. With
    it: put that backup back, the current file kept as a backup first. Exit status 1
    when there is no such backup, it cannot be used, or the disk refuses."""
    from tui.base.clock import zoned_stamp
    from tui.cli.open_data import catalog_for, not_saved_reason, refuse_file_as_data_dir, say
    from tui.domain.config import load_config
    from tui.storage.json_storage import list_backups, restore_backup
    from tui.storage.store import StoreError, read_checked

    catalog = catalog_for(args, paths)
    if refuse_file_as_data_dir(paths, catalog):
        return 1
    backups = list_backups(paths.db_path)
    if not backups:
        print(catalog("cli.no_backups", path=paths.db_path))
        return 1 if args.number else 0
    if args.number is None:
        print(catalog("cli.backups", path=paths.db_path))
        for number, backup in enumerate(backups, 1):
            try:
                count = len((read_checked(backup.path) or {}).get("cards", {}))
                cards = catalog("cli.backup_cards", count=count)
            except StoreError as exc:
                cards = catalog("cli.backup_unusable", reason=exc.words(catalog))
            when = zoned_stamp(backup.taken)  # the zone said, as doctor says it
            size = catalog("cli.backup_bytes", size=f"{backup.size:>9}")
            print(f"{number:3}  {when}  {size}  {cards}")
        print(catalog("cli.restore_how"))
        return 0
    if not 1 <= args.number <= len(backups):
        said = catalog("cli.no_such_backup", number=args.number, count=len(backups))
        print(f"cardoff-tui: {said}")
        return 1
    chosen = backups[args.number - 1]
    try:
        read_checked(chosen.path)
    except StoreError as exc:
        said = catalog(
            "cli.backup_not_usable", number=args.number, reason=exc.words(catalog)
        )
        print(f"cardoff-tui: {said}")
        return 1
    keep = load_config(paths.config_file).backups
    try:
        kept = restore_backup(paths.db_path, chosen.path, keep=keep)
    except OSError as exc:  # a read-only or full disk: the data file is as it was
        reason = not_saved_reason(catalog, paths.db_path, exc)
        say(catalog("data.restore_not_saved", reason=reason, number=args.number))
        return 1
    print(catalog("cli.restored", name=chosen.path.name, path=paths.db_path))
    if kept:
        print(catalog("cli.replaced_kept", path=kept))
    _say_missing_attachments(paths, catalog)
    return 0


def _say_missing_attachments(paths, catalog) -> None:
    """After a restore: the attached files the restored cards list whose encrypted copy
    is not in the data dir (deleted with their card since the backup was taken), each
    named on stderr. Cards and the rest of their files are as the backup had them."""
    from tui.cli.open_data import say
    from tui.secrets.attachment_box import missing_sealed_files
    from tui.storage.store import StoreError, read_checked

    try:
        missing = missing_sealed_files(read_checked(paths.db_path), paths.data_dir)
    except StoreError:
        return  # what was restored was checked before; doctor reads it again
    if missing:
        say(catalog("cli.restore_attachments_gone", count=len(missing)))
        for label, name in missing:
            say(catalog("doctor.attachment_missing", label=label, name=name))
