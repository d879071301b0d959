"""The `cardoff-tui` command line. Imports no Textual: the app loads only when run.

`main` parses the options (tui.cli.parser) and runs one command from its own module,
imported only when that command runs: `validate` and `doctor` (checks), `hotline`,
`export`, `import` and `restore` (data_commands), `due`, `serve`, `notify`, `list`
(card_list), `completion` and `man` (shell_help), `attach` and `export-attachments`
(attachments), `letter`; no command opens the app (open_app). Messages about the data
file come from open_data; what the one-shot commands print goes through terminal_output.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import time

STARTED = time.perf_counter()

# each command: the module that runs it and its function, called with (args, paths)
COMMANDS: dict[str | None, tuple[str, str]] = {
    "validate": ("tui.cli.checks", "run_validate"),
    "doctor": ("tui.cli.checks", "run_doctor"),
    "hotline": ("tui.cli.hotline", "run_hotline"),
    "export": ("tui.cli.data_commands", "run_export"),
    "import": ("tui.cli.data_commands", "run_import"),
    "restore": ("tui.cli.data_commands", "run_restore"),
    "due": ("tui.cli.due", "run_due"),
    "serve": ("tui.cli.serve", "run_serve"),
    "notify": ("tui.cli.notify", "run_notify"),
    "list": ("tui.cli.card_list", "run_list"),
    "completion": ("tui.cli.shell_help", "run_completion"),
    "man": ("tui.cli.shell_help", "run_man"),
    "attach": ("tui.cli.attachments", "run_attach"),
    "export-attachments": ("tui.cli.attachments", "run_export_attachments"),
    "letter": ("tui.cli.letter", "run_letter"),
    None: ("tui.cli.open_app", "run_app"),  # no command: the app
}


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status (141 when the reader of the output
    went away, as for any Unix tool in a pipe; see tui.cli.terminal_output)."""
    from tui.cli.terminal_output import end_on_closed_pipe, prepare_streams

    prepare_streams()  # any locale: what cannot be encoded is replaced, never fatal
    try:
        try:
            return _parse_and_run(argv)
        finally:  # what is still buffered goes now, while a closed pipe can be caught
            sys.stdout.flush()
    except BrokenPipeError:
        return end_on_closed_pipe()


def _parse_and_run(argv: list[str] | None) -> int:
    from tui.cli.parser import parse_command_line

    args = parse_command_line(argv)
    try:
        return run_command(args)
    except BrokenPipeError:
        raise  # the reader has gone: main ends quietly
    except Exception as error:  # unexpected: a report without values, never a traceback
        from tui.base.crash import report_and_say

        return report_and_say(error, f"cardoff-tui {args.command or '(the app)'}")


def run_command(args: argparse.Namespace) -> int:
    """Run the command `args.command` (None: open the app); its exit status."""
    from tui.base.paths import Paths

    paths = Paths.resolve(args.data_dir, args.config_dir)
    if args.command not in (None, "serve"):
        from tui.cli.terminal_output import guard_output

        guard_output()  # what a command prints carries no escape sequences
    module, function = COMMANDS[args.command]
    return getattr(importlib.import_module(module), function)(args, paths)
