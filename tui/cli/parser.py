"""The `cardoff-tui` command line's options and commands (argparse): what `--help`
and each command's `--help` say. Imports no Textual."""

from __future__ import annotations

import argparse

from tui import __version__
from tui.base.i18n import SUPPORTED, normalise_lang

DESCRIPTION = (
    "Track closing your cards and eSIMs: an inventory, a checklist per card, "
    "and a dated log. Run without a command to open the app."
)



def _language(value: str) -> str:
    """--lang's value as config.yaml's `lang` is read (tui.base.i18n.normalise_lang:
    zh, zh_CN, ZH-cn → zh-CN); a value naming none of the languages is left as it is,
    for argparse to refuse with the choices."""
    return normalise_lang(value) or value


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
        "--lang",
        type=_language,
        choices=SUPPORTED,
        help="language (default: config file, then LANG/LC_ALL)",
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
    from tui.domain.export_formats import DEFAULT_FORMAT, FORMATS

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
