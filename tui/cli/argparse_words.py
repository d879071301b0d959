"""argparse's own words (`usage:`, `options`, `show this help message and exit`, its
error messages) in the user's language, from the catalogs' `cli_help.argparse` section.

argparse asks the standard library's gettext for every message it shows, through the
two names it binds in its module (`from gettext import gettext as _, ngettext`), when
it builds a parser (the `options` title, `-h`'s help) and when it prints (usage, errors).
`speaking(catalog)` binds those names to a gettext translations object made from the
catalog for as long as the `with` block runs (build the parser and parse inside it), and
puts argparse's own back afterwards, so nothing else in the process is affected.

MESSAGES names, for each message argparse shows a user (its text as Python 3.11 to 3.13
write it, the gettext message id), the catalog key that says it; a message not listed
(argparse's errors about how a program set up its parser), or a key a catalog lacks,
stays argparse's English. argparse fills in `%(name)s` and `%s` after translation, so
the catalog's texts keep them as they are.
"""

from __future__ import annotations

import argparse
import gettext
from collections.abc import Iterator
from contextlib import contextmanager

SECTION = "cli_help.argparse"

# argparse's message id → the key under SECTION
MESSAGES = {
    "usage: ": "usage",
    "options": "options",
    "positional arguments": "positionals",
    "%(heading)s:": "heading",
    "show this help message and exit": "help",
    "%(prog)s: error: %(message)s\n": "error",
    "argument %(argument_name)s: %(message)s": "argument",
    "ambiguous option: %(option)s could match %(matches)s": "ambiguous",
    "expected one argument": "one_argument",
    "expected at least one argument": "at_least_one",
    "expected at most one argument": "at_most_one",
    "ignored explicit argument %r": "ignored_explicit",
    "invalid %(type)s value: %(value)r": "invalid_value",
    "invalid choice: %(value)r (choose from %(choices)s)": "invalid_choice",
    "not allowed with argument %s": "not_allowed_with",
    "one of the arguments %s is required": "one_required",
    "the following arguments are required: %s": "required",
    "unrecognized arguments: %s": "unrecognized",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "unknown_parser",
    "can't open '%(filename)s': %(error)s": "cannot_open",
}
# asked by our help formatter, not by Python 3.11's argparse (tui.cli.help_layout: the
# section heading's colon, with the message id Python 3.13's argparse asks)
OUR_FORMATTERS = {"%(heading)s:"}
# argparse's counting messages (ngettext), by their singular id → a counting message
# of the catalog (one form per plural category: tui.base.i18n)
COUNTED = {"expected %s argument": "n_arguments"}


class CatalogTranslations(gettext.NullTranslations):
    """A gettext translations object whose messages come from `catalog` (a
    tui.base.i18n.Catalog, or anything with `__call__(key, **params)` and `has(key)`)."""

    def __init__(self, catalog) -> None:
        super().__init__()
        self._catalog = catalog

    def gettext(self, message: str) -> str:
        key = MESSAGES.get(message)
        if key is None or not self._catalog.has(f"{SECTION}.{key}"):
            return message
        return _ending_as(message, self._catalog(f"{SECTION}.{key}"))

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        key = COUNTED.get(singular)
        if key is None or not self._catalog.has(f"{SECTION}.{key}"):
            return singular if n == 1 else plural
        return _ending_as(singular, self._catalog(f"{SECTION}.{key}", count=n))


def _ending_as(message: str, text: str) -> str:
    """`text` ending in the newlines `message` ends in (the catalogs hold no control
    characters; argparse's error line needs its newline)."""
    return text.rstrip("\n") + message[len(message.rstrip("\n")) :]


@contextmanager
def speaking(catalog) -> Iterator[None]:
    """argparse speaks `catalog`'s language inside the block: build the parser and
    parse there. A SystemExit (after help or an error) leaves argparse as it was."""
    words = CatalogTranslations(catalog)
    before = argparse._, argparse.ngettext
    argparse._, argparse.ngettext = words.gettext, words.ngettext
    try:
        yield
    finally:
        argparse._, argparse.ngettext = before
