"""The exit status of every command, in one table: each command's `--help` ends with
its own (built here from the catalogs, section `cli_help.exit`), the main `--help`
with the app's and those of every command, and the README has the same table
(tests/test_exit_codes.py runs the installed command for each row, and checks the
README against this table)."""

from __future__ import annotations

from collections.abc import Callable

Words = Callable[..., str]

# what any command may exit with, besides its own
ANY_COMMAND: tuple[tuple[int, str], ...] = (
    (2, "usage"),  # argparse: a mistake on the command line
    (70, "unexpected"),  # an error cardoff-tui did not expect (a crash report is written)
    (141, "closed_pipe"),  # whatever read the output stopped early (`| head -1`)
)

# command (None: no command, the app) -> (status, catalog key under cli_help.exit)
EXIT_CODES: dict[str | None, tuple[tuple[int, str], ...]] = {
    None: ((0, "app_quit"), (1, "data_unusable"), (129, "hangup"), (143, "terminated")),
    "validate": ((0, "validate_ok"), (1, "validate_errors")),
    "hotline": ((0, "hotline_found"), (1, "hotline_none"), (2, "hotline_empty")),
    "list": ((0, "list_ok"), (1, "data_unusable")),
    "export": ((0, "export_ok"), (1, "export_failed")),
    "import": ((0, "import_ok"), (1, "import_failed")),
    "due": ((0, "due_nothing"), (1, "due_overdue"), (3, "due_today"), (4, "due_unusable")),
    "restore": ((0, "restore_ok"), (1, "restore_failed")),
    "serve": ((0, "serve_stopped"), (1, "serve_cannot_listen"), (2, "serve_missing")),
    "doctor": ((0, "doctor_ok"), (1, "doctor_broken")),
    "notify": ((0, "notify_sent"), (1, "notify_failed"), (2, "notify_unusable")),
    "attach": ((0, "attach_ok"), (1, "attach_failed")),
    "export-attachments": ((0, "attachments_written"), (1, "attachments_failed")),
    "letter": ((0, "letter_ok"), (1, "letter_failed")),
    "completion": ((0, "printed"),),
    "man": ((0, "printed"),),
}

# `due`'s statuses, by name, for the code that returns them
DUE_NOTHING, DUE_OVERDUE, DUE_TODAY, DUE_UNUSABLE = 0, 1, 3, 4


def _rows(codes: tuple[tuple[int, str], ...], t: Words) -> list[str]:
    return [f"  {status:<4} {t(f'cli_help.exit.{key}')}" for status, key in codes]


def command_epilog(command: str, t: Words) -> str:
    """What `cardoff-tui COMMAND --help` ends with: the command's exit statuses, then
    those of any command, one a line, in `t`'s language. (A command missing from
    EXIT_CODES gets the shared ones; tests/test_exit_codes.py fails on it.)"""
    own = EXIT_CODES.get(command, ())
    shared = [(status, key) for status, key in ANY_COMMAND if status not in dict(own)]
    return "\n".join([t("cli_help.exit.heading"), *_rows(tuple(sorted(own + tuple(shared))), t)])


def main_epilog(t: Words) -> str:
    """What `cardoff-tui --help` ends with: the app's exit statuses, those of any
    command, and where each command's own are."""
    lines = [t("cli_help.exit.heading_app"), *_rows(EXIT_CODES[None], t)]
    lines += ["", t("cli_help.exit.heading_any"), *_rows(ANY_COMMAND, t)]
    lines += ["", t("cli_help.exit.each_command")]
    return "\n".join(lines)
