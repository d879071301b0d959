"""`cardoff-tui letter CARD`: a cancellation, loss-report or refund letter for one card,
filled in from its facts (tui.domain.letter_text), printed or written to a new file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def run_letter(args: argparse.Namespace, paths) -> int:
    """Print the letter `args.kind` (None: the one the card's intent asks for) for the
    card whose id or label is `args.card`, or write it to `args.out`, a file that must
    not exist yet (nothing is overwritten). Exit status 0 when the letter was printed
    or written; 1 when the data cannot be opened, no card (or more than one) matches,
    no template fits, or the file exists or cannot be written. Templates that fail
    their checks are reported on stderr and left out."""
    from tui.base.errors import TrackerError, describe
    from tui.base.paths import content_dir
    from tui.cli.open_data import catalog_for, open_tracker, say
    from tui.domain.letter_text import write_letter
    from tui.library.letters import load_letters

    catalog = catalog_for(args, paths)
    tracker = open_tracker(paths, catalog=catalog)
    if tracker is None:
        return 1
    from tui.base.clock import configure_dates

    configure_dates(catalog.lang)  # the letter's dates in the language and the locale
    letters, problems = load_letters(content_dir(), paths.config_dir)
    for problem in problems:
        say(str(problem))
    try:
        card_id = _card_id(tracker, args.card, catalog)
        if card_id is None:
            return 1
        letter = write_letter(tracker, card_id, letters, catalog, args.kind)
        if letter.caution:
            say(letter.caution)  # on stderr: the letter itself stays as it is
    except TrackerError as exc:
        say(describe(exc, catalog))
        return 1
    finally:
        tracker.close()
    if not args.out:
        from tui.cli.terminal_output import write_bytes

        write_bytes(letter.text.encode("utf-8"))
        return 0
    return _write_new(Path(args.out), letter.text, catalog)


def _card_id(tracker, wanted: str, catalog) -> str | None:
    """The id of the card `wanted` names: its id, else its label (case and spacing
    ignored); None, said on stderr, when none or several match."""
    from tui.base.i18n import Phrase
    from tui.cli.open_data import say

    views = tracker.views()
    if any(view.card.id == wanted for view in views):
        return wanted
    key = " ".join(wanted.casefold().split())
    found = [view.card for view in views if " ".join(view.card.label.casefold().split()) == key]
    if len(found) == 1:
        return found[0].id
    if not found:
        say(catalog("cli.letter_no_card", card=wanted, hint=Phrase("error.card_ids_hint")))
    else:
        ids = catalog("letter.separator").join(card.id for card in found)
        say(catalog("cli.letter_many_cards", card=wanted, count=len(found), ids=ids))
    return None


def _write_new(path: Path, data: str, catalog) -> int:
    """Write `data` to `path`, a new file (mode 0600); exit status 1, said on stderr,
    when something is there already or it cannot be written."""
    from tui.base.errors import TrackerError, describe
    from tui.cli.open_data import say
    from tui.domain.letter_text import save_letter

    try:
        save_letter(path, data)
    except TrackerError as exc:
        if exc.key == "letter.exists":
            say(catalog("cli.letter_exists", path=str(path)))
        else:
            say(describe(exc, catalog))
        return 1
    print(catalog("cli.wrote", path=str(path)), file=sys.stderr)
    return 0
