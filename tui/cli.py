"""The `cardoff-tui` command line. Imports no Textual: the app loads only when run."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tui import __version__

DESCRIPTION = (
    "Track closing your cards and eSIMs: an inventory, a checklist per card, "
    "and a dated log. Run without a command to open the app."
)


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
    checked, errors = 0, []
    for target in targets:
        if not args.path and not target.exists():
            continue
        count, found = validate_path(target, shipped)
        checked += count
        errors.extend(found)
    for error in errors:
        print(error)
    print(f"{checked} file(s) checked, {len(errors)} error(s)")
    return 1 if errors or checked == 0 else 0


def run_app(args: argparse.Namespace, paths) -> int:
    from tui.config import load_config
    from tui.i18n import resolve_lang
    from tui.store import Store, StoreError

    config = load_config(paths.config_file)
    lang = resolve_lang(args.lang, config.lang)
    if args.demo:
        store = Store.in_memory()
    else:
        try:
            store = Store.open(paths.db_path)
        except StoreError as exc:
            print(f"cardoff-tui: cannot open your data: {exc}", file=sys.stderr)
            print(
                "The file has been left exactly as it was. Move it aside to start afresh, "
                "or use --data-dir to open another folder.",
                file=sys.stderr,
            )
            return 1
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
        notices=config.problems,
        secrets=secrets,
    )
    try:
        app.run()
    finally:
        store.close()
    return app.return_code or 0


def main(argv: list[str] | None = None) -> int:
    from tui.paths import Paths

    args = build_parser().parse_args(argv)
    paths = Paths.resolve(args.data_dir, args.config_dir)
    if args.command == "validate":
        return run_validate(args, paths)
    if args.command == "doctor":
        from tui.doctor import exit_code, format_checks, run_doctor

        checks = run_doctor(paths)
        print(format_checks(checks))
        return exit_code(checks)
    return run_app(args, paths)


if __name__ == "__main__":
    sys.exit(main())
