"""`cardoff-tui completion SHELL` and `cardoff-tui man`: a shell's completion script
(shtab) and a manual page in roff (argparse-manpage), both made from the command
line's own parser (tui.cli.parser), so they name every command and option there is,
with its help in the user's language (--lang, config.yaml, the locale).

Install them (the README's "cardoff-tui in your day" says the same):

    cardoff-tui completion bash > ~/.local/share/bash-completion/completions/cardoff-tui
    cardoff-tui completion zsh > ~/.zfunc/_cardoff-tui      # with fpath+=(~/.zfunc)
    cardoff-tui completion fish > ~/.config/fish/completions/cardoff-tui.fish
    cardoff-tui man > ~/.local/share/man/man1/cardoff-tui.1
"""

from __future__ import annotations

import argparse
import re
import sys

SHELLS = ("bash", "zsh", "fish")

# the options and arguments that name a file or a folder, by their dest: the shells
# complete paths there (every other value is left to the user, or to its choices)
FOLDERS = ("data_dir", "config_dir")
FILES = ("file", "output", "path")


def _language_args(args: argparse.Namespace) -> list[str]:
    """The options of `args` that choose the language (--lang, --config-dir), as argv."""
    argv = []
    for option, value in (("--lang", args.lang), ("--config-dir", args.config_dir)):
        if value:
            argv += [option, value]
    return argv


def _mark_paths(parser: argparse.ArgumentParser) -> None:
    """Tell shtab which values are paths (its FILE and DIRECTORY), in every command."""
    import shtab

    for action in parser._actions:
        if action.dest in FOLDERS:
            action.complete = shtab.DIRECTORY
        elif action.dest in FILES:
            action.complete = shtab.FILE
        if isinstance(action, argparse._SubParsersAction):
            for command in action.choices.values():
                _mark_paths(command)


def completion_script(shell: str, argv: list[str] | None = None) -> str:
    """The completion script for `shell` (one of SHELLS), made by shtab from the
    parser; `argv`: the command line, for the language of the help it carries."""
    import shtab

    from tui.cli.argparse_words import speaking
    from tui.cli.parser import build_parser, users_catalog

    catalog = users_catalog(argv or [])
    with speaking(catalog):
        parser = build_parser(catalog)
        _mark_paths(parser)
        return shtab.complete(parser, shell=shell)


def man_page(argv: list[str] | None = None) -> str:
    """The manual page (roff, section 1) made by argparse-manpage from the parser: the
    synopsis, the description, every option and command with its help, and the exit
    statuses (the parsers' epilogs)."""
    from argparse_manpage.manpage import Manpage

    from tui import __version__
    from tui.cli.argparse_words import speaking
    from tui.cli.parser import build_parser, users_catalog

    catalog = users_catalog(argv or [])
    with speaking(catalog):
        parser = build_parser(catalog)
        parser.epilog = None  # the exit statuses get a section of their own instead
        page = Manpage(parser)
        page.source = f"cardoff-tui {__version__}"
        page.manual = "cardoff-tui"
        page.description = catalog("cli_help.man_summary")
        page.add_section(catalog("cli_help.exit.man_section"), "=", _exit_section(catalog))
        return _headings_in(str(page), catalog)


# the section headings argparse-manpage (4.8) writes in English, with no setting to
# change them: each `.SH WORD` line start, and its catalog key under cli_help.exit
_FIXED_HEADINGS = {
    "NAME": "name", "SYNOPSIS": "synopsis", "DESCRIPTION": "description", "COMMAND": "command"
}
_HEADING_LINE = re.compile(r"^\.SH (NAME|SYNOPSIS|DESCRIPTION|COMMAND)\b", re.M)


def _headings_in(page: str, t) -> str:
    """`page` (roff) with argparse-manpage's English section headings in `t`'s words
    (cli_help.exit.man_headings.*; upper case, as man pages have them, in English)."""

    def heading(found: re.Match) -> str:
        words = t(f"cli_help.exit.man_headings.{_FIXED_HEADINGS[found.group(1)]}")
        return f".SH {_roff(words)}"

    return _HEADING_LINE.sub(heading, page)


def _roff(text: str) -> str:
    """`text` as roff shows it literally: backslashes and hyphens escaped, and a line
    that would begin with a request (`.` or `'`) guarded."""
    text = text.replace("\\", "\\e").replace("-", "\\-")
    return "\\&" + text if text.startswith((".", "'")) else text


def _exit_section(t) -> str:
    """The manual's EXIT STATUS: the app's, every command's, then those of any command
    (tui.cli.exit_codes), each status a tagged paragraph."""
    from tui.cli.exit_codes import ANY_COMMAND, EXIT_CODES

    lines = []
    groups = [(t("cli_help.exit.heading_app"), EXIT_CODES[None])]
    groups += [(f"cardoff-tui {name}", codes) for name, codes in EXIT_CODES.items() if name]
    groups.append((t("cli_help.exit.heading_any"), ANY_COMMAND))
    for heading, codes in groups:
        lines.append(f".SS {_roff(heading)}")
        for status, key in codes:
            lines += [".TP", f"\\fB{status}\\fR", _roff(t(f"cli_help.exit.{key}"))]
    return "\n".join(lines)


def run_completion(args: argparse.Namespace, paths) -> int:
    """Print the completion script for `args.shell`; exit status 0."""
    sys.stdout.write(completion_script(args.shell, _language_args(args)))
    return 0


def run_man(args: argparse.Namespace, paths) -> int:
    """Print the manual page; exit status 0."""
    sys.stdout.write(man_page(_language_args(args)))
    return 0
