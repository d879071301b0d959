"""The `cardoff-tui` command line's options and commands (argparse): what `--help`
and each command's `--help` say, in the user's language. Imports no Textual.

Every text a user reads here comes from the catalogs (content/i18n, section
`cli_help`), argparse's own words too (tui.cli.argparse_words). A normal start does not
load them: parse_command_line parses once with a parser that prints nothing, and only
when that meets `-h`/`--help` or a mistake does it work out the language (--lang, then
config.yaml, then the locale, as the commands do), load the catalog and parse again
with a parser in that language, which prints the help or the error.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from tui import __version__
from tui.base.i18n import SUPPORTED, normalise_lang, user_value
from tui.domain.csv_format import CSV_FIELDS

Words = Callable[..., str]  # a catalog: key, **params → text (tui.base.i18n.Catalog)


class _WordsNeeded(Exception):
    """The quiet parse met -h/--help or a mistake: something is to be printed."""


class _QuietParser(argparse.ArgumentParser):
    """A parser that prints nothing: help and errors raise _WordsNeeded instead."""

    def print_help(self, file=None) -> None:
        raise _WordsNeeded

    def error(self, message: str):
        raise _WordsNeeded


class _CommandParser:
    """A command's parser (`due`, `restore`…) that reports what it cannot read itself,
    so the mistake names the command (`cardoff-tui due: error: unrecognized arguments:
    --bogus`) above the command's own usage. argparse leaves a command's unknown
    options to the top-level parser, which names no command and shows the top-level
    usage (whose options are not the command's)."""

    def parse_known_args(self, args=None, namespace=None):
        namespace, extras = super().parse_known_args(args, namespace)
        if extras:  # argparse._ : its words in the user's language (argparse_words)
            self.error(argparse._("unrecognized arguments: %s") % " ".join(extras))
        return namespace, extras


def _command_parser(parser_class: type[argparse.ArgumentParser]) -> type:
    """`parser_class` for a command: unknown options are the command's mistake."""
    return type(f"Command{parser_class.__name__}", (_CommandParser, parser_class), {})


def _unread(key: str, **params: object) -> str:
    """The quiet parse's words: the keys themselves (it never prints them)."""
    return key


def parse_command_line(argv: list[str] | None = None) -> argparse.Namespace:
    """The options and the command of `argv` (default: sys.argv[1:]). With -h/--help
    the help is printed in the user's language and the process exits with 0; on a
    mistake, the usage and the error (status 2), as argparse does."""
    argv = sys.argv[1:] if argv is None else list(argv)
    try:
        return build_parser(_unread, _QuietParser).parse_args(argv)
    except _WordsNeeded:
        pass
    from tui.cli.argparse_words import speaking

    catalog = users_catalog(argv)
    with speaking(catalog):
        return build_parser(catalog).parse_args(argv)


def users_catalog(argv: list[str]):
    """The catalog in the language `argv` asks for: --lang, then config.yaml's `lang`
    (in --config-dir's, else the user config dir), then the locale variables
    (tui.cli.open_data.LazyCatalog, as the commands pick it). A --lang or --config-dir
    that cannot be read counts as not given."""
    from tui.base.paths import Paths
    from tui.cli.open_data import catalog_for

    first = _QuietParser(add_help=False)
    first.add_argument("--lang")
    first.add_argument("--config-dir")
    try:
        known = first.parse_known_args(argv)[0]
    except (_WordsNeeded, argparse.ArgumentError):
        known = argparse.Namespace(lang=None, config_dir=None)
    return catalog_for(known, Paths.resolve(None, known.config_dir))


def english():
    """The catalog in English (build_parser's default, for tests and scripts)."""
    from tui.library.content import english

    return english()


def _language(value: str) -> str:
    """--lang's value as config.yaml's `lang` is read (tui.base.i18n.normalise_lang:
    zh, zh_CN, ZH-cn → zh-CN); a value naming none of the languages is left as it is,
    for argparse to refuse with the choices."""
    return normalise_lang(value) or value


def port_type(t: Words) -> Callable[[str], int]:
    """--port's type: a whole number from 1 to 65535 (argparse reports anything else,
    with the reason in `t`'s language)."""

    def port_number(text: str) -> int:
        try:
            port = int(text)
        except ValueError:
            port = 0
        if not 1 <= port <= 65535:
            raise argparse.ArgumentTypeError(t("cli_help.port_refused", value=user_value(text)))
        return port

    return port_number


def file_path(t: Words) -> Callable[[str], str]:
    """The type of an option naming a file to write (`letter --out`, `export -o`): any
    text but an empty or blank one, which argparse reports as a usage mistake (exit
    status 2) instead of the command quietly printing to stdout."""

    def path(text: str) -> str:
        if not text.strip():
            raise argparse.ArgumentTypeError(t("cli_help.path_refused"))
        return text

    return path


def given_path(t: Words, refusal: str) -> Callable[[str], str]:
    """The type of an option or argument naming a folder or a file to read (--data-dir,
    --config-dir, `validate PATH`, `import FILE`…): any text but an empty or blank one,
    which argparse reports as a usage mistake (exit status 2), naming the option, with
    `refusal` (a catalog key) as the reason. An empty path names nothing: taken as
    given, `--data-dir ""` used the usual data dir and `import ""` the current folder."""

    def path(text: str) -> str:
        if not text.strip():
            raise argparse.ArgumentTypeError(t(refusal))
        return text

    return path


def whole_number(t: Words) -> Callable[[str], int]:
    """`restore N`'s type: a whole number (argparse reports anything else, with the
    reason in `t`'s language, not as "invalid int value")."""

    def number(text: str) -> int:
        try:
            return int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(
                t("cli_help.number_refused", value=user_value(text))
            ) from None

    return number


def build_parser(
    t: Words | None = None, parser_class: type[argparse.ArgumentParser] = argparse.ArgumentParser
) -> argparse.ArgumentParser:
    """The command line's parser, its help in catalog `t`'s language (None: English).
    For argparse's own words in that language too, build and parse inside
    tui.cli.argparse_words.speaking (parse_command_line does)."""
    from tui.cli.exit_codes import main_epilog
    from tui.cli.help_layout import LineKeepingCellFormatter

    t = t or english()
    parser = parser_class(
        prog="cardoff-tui",
        description=t("cli_help.description"),
        epilog=main_epilog(t),
        formatter_class=LineKeepingCellFormatter,
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"cardoff-tui {__version__}",
        help=t("cli_help.version"),
    )
    for option, about in (
        ("--data-dir", "cli_help.data_dir"),
        ("--config-dir", "cli_help.config_dir"),
    ):
        parser.add_argument(
            option,
            type=given_path(t, "cli_help.folder_refused"),
            metavar=t("cli_help.metavar.path"),
            help=t(about),
        )
    parser.add_argument("--lang", type=_language, choices=SUPPORTED, help=t("cli_help.lang"))
    parser.add_argument("--no-mouse", action="store_true", help=t("cli_help.no_mouse"))
    parser.add_argument("--debug", action="store_true", help=t("cli_help.debug"))
    parser.add_argument("--demo", action="store_true", help=t("cli_help.demo"))
    sub = parser.add_subparsers(
        dest="command",
        metavar=t("cli_help.metavar.command"),
        parser_class=_command_parser(parser_class),
    )
    sub.add_parser = _with_exit_codes(sub.add_parser, t)
    validate = sub.add_parser(
        "validate", help=t("cli_help.validate"), description=t("cli_help.validate_about")
    )
    validate.add_argument(
        "path",
        nargs="?",
        type=given_path(t, "cli_help.given_path_refused"),
        metavar=t("cli_help.metavar.path"),
        help=t("cli_help.validate_path"),
    )
    hotline = sub.add_parser(
        "hotline", help=t("cli_help.hotline"), description=t("cli_help.hotline_about")
    )
    hotline.add_argument(
        "query", nargs="+", metavar=t("cli_help.metavar.query"), help=t("cli_help.hotline_query")
    )
    hotline.add_argument("--json", action="store_true", help=t("cli_help.hotline_json"))
    hotline.add_argument("--abroad", action="store_true", help=t("cli_help.hotline_abroad"))
    hotline.add_argument(
        "--region", metavar=t("cli_help.metavar.region"), help=t("cli_help.hotline_region")
    )
    _add_list(sub, t)
    _add_export(sub, t)
    importer = sub.add_parser(
        "import",
        help=t("cli_help.import"),
        description=t(
            "cli_help.import_about", columns=t("csv_import.list_separator").join(CSV_FIELDS)
        ),
    )
    importer.add_argument(
        "file",
        type=given_path(t, "cli_help.given_file_refused"),
        metavar=t("cli_help.metavar.file"),
        help=t("cli_help.import_file"),
    )
    importer.add_argument("--strict", action="store_true", help=t("cli_help.import_strict"))
    importer.add_argument(
        "--encoding", metavar=t("cli_help.metavar.encoding"), help=t("cli_help.import_encoding")
    )
    due = sub.add_parser("due", help=t("cli_help.due"), description=t("cli_help.due_about"))
    due.add_argument("--json", action="store_true", help=t("cli_help.due_json"))
    restore = sub.add_parser(
        "restore", help=t("cli_help.restore"), description=t("cli_help.restore_about")
    )
    restore.add_argument(
        "number",
        nargs="?",
        type=whole_number(t),
        metavar=t("cli_help.metavar.number"),
        help=t("cli_help.restore_number"),
    )
    serve = sub.add_parser("serve", help=t("cli_help.serve"), description=t("cli_help.serve_about"))
    serve.add_argument(
        "--port",
        type=port_type(t),
        default=8000,
        metavar=t("cli_help.metavar.port"),
        help=t("cli_help.serve_port"),
    )
    doctor = sub.add_parser(
        "doctor", help=t("cli_help.doctor"), description=t("cli_help.doctor_about")
    )
    doctor.add_argument("--json", action="store_true", help=t("cli_help.doctor_json"))
    notify = sub.add_parser(
        "notify", help=t("cli_help.notify"), description=t("cli_help.notify_about")
    )
    notify.add_argument("--dry-run", action="store_true", help=t("cli_help.notify_dry_run"))
    _add_shell_help(sub, t)
    _add_attachments(sub, t)
    _add_letter(sub, t)
    return parser


def _with_exit_codes(add_parser, t: Words):
    """The subparsers' add_parser, each command's help laid out by cells and ending
    with its exit statuses (tui.cli.exit_codes)."""
    from tui.cli.exit_codes import command_epilog
    from tui.cli.help_layout import LineKeepingCellFormatter

    def add_command(name: str, **kwargs) -> argparse.ArgumentParser:
        codes = command_epilog(name, t)
        kwargs["epilog"] = f"{kwargs['epilog']}\n\n{codes}" if kwargs.get("epilog") else codes
        return add_parser(name, formatter_class=LineKeepingCellFormatter, **kwargs)

    return add_command


def _add_list(sub, t: Words) -> None:
    """`list`: the cards, a line each, or JSON."""
    listing = sub.add_parser("list", help=t("cli_help.list"), description=t("cli_help.list_about"))
    listing.add_argument("--json", action="store_true", help=t("cli_help.list_json"))
    listing.add_argument(
        "--owner", metavar=t("cli_help.metavar.owner"), help=t("cli_help.list_owner")
    )
    listing.add_argument(
        "--tag",
        metavar=t("cli_help.metavar.tag"),
        action="append",
        default=[],
        help=t("cli_help.list_tag"),
    )


def _add_shell_help(sub, t: Words) -> None:
    """`completion SHELL` and `man`: what a shell and `man` need, made from this parser."""
    from tui.cli.shell_help import SHELLS

    completion = sub.add_parser(
        "completion", help=t("cli_help.completion"), description=t("cli_help.completion_about")
    )
    completion.add_argument("shell", choices=SHELLS, help=t("cli_help.completion_shell"))
    sub.add_parser("man", help=t("cli_help.man"), description=t("cli_help.man_about"))


def _add_attachments(sub, t: Words) -> None:
    """`attach CARD FILE` and `export-attachments CARD FOLDER` (tui.cli.attachments)."""
    attach = sub.add_parser(
        "attach", help=t("cli_help.attach"), description=t("cli_help.attach_about")
    )
    attach.add_argument(
        "card", metavar=t("cli_help.metavar.card_name"), help=t("cli_help.attach_card")
    )
    attach.add_argument(
        "file",
        type=given_path(t, "cli_help.given_file_refused"),
        metavar=t("cli_help.metavar.file"),
        help=t("cli_help.attach_file"),
    )
    export = sub.add_parser(
        "export-attachments",
        help=t("cli_help.export_attachments"),
        description=t("cli_help.export_attachments_about"),
    )
    export.add_argument(
        "card", metavar=t("cli_help.metavar.card_name"), help=t("cli_help.attach_card")
    )
    export.add_argument(
        "folder",
        type=given_path(t, "cli_help.given_folder_refused"),
        metavar=t("cli_help.metavar.folder"),
        help=t("cli_help.export_attachments_folder"),
    )


def _add_letter(sub, t: Words) -> None:
    """`letter CARD [--kind cancel|report-lost|refund] [--out FILE]`."""
    from tui.library.letters import LETTER_KINDS

    letter = sub.add_parser(
        "letter", help=t("cli_help.letter"), description=t("cli_help.letter_about")
    )
    letter.add_argument(
        "card", metavar=t("cli_help.metavar.letter_card"), help=t("cli_help.letter_card")
    )
    letter.add_argument("--kind", choices=LETTER_KINDS, help=t("cli_help.letter_kind"))
    letter.add_argument(
        "--out",
        type=file_path(t),
        metavar=t("cli_help.metavar.file"),
        help=t("cli_help.letter_out"),
    )


def _add_export(sub, t: Words) -> None:
    """`export`, whose help ends with the formats (tui.domain.export_formats), each
    described in `t`'s language."""
    from tui.domain.export_formats import DEFAULT_FORMAT, FORMATS

    default = t("cli_help.export_default")
    export = sub.add_parser(
        "export",
        help=t("cli_help.export"),
        description=t("cli_help.export_about"),
        epilog=t("cli_help.export_formats")
        + "\n"
        + "\n".join(
            f"  {name:<10} {t(f'cli_help.format.{name}')}"
            + (default if name == DEFAULT_FORMAT else "")
            for name in FORMATS
        ),
    )
    export.add_argument(  # None: not given (`--json` alone then means json)
        "--format",
        choices=list(FORMATS),
        help=t("cli_help.export_format", default=DEFAULT_FORMAT),
    )
    export.add_argument(
        "--card", metavar=t("cli_help.metavar.card"), help=t("cli_help.export_card")
    )
    export.add_argument(
        "-o",
        "--output",
        type=file_path(t),
        metavar=t("cli_help.metavar.file"),
        help=t("cli_help.export_output"),
    )
    export.add_argument("--json", action="store_true", help=t("cli_help.export_json"))
