"""`cardoff-tui attach CARD FILE` and `cardoff-tui export-attachments CARD FOLDER`: a file
kept encrypted with a card, and the card's files written back out, decrypted.

The data key is in the OS keyring (python keyring's own choice, as in the app) or,
with no keyring, in the encrypted file, whose passphrase is asked on the terminal.
Each command says what it did, or what went wrong and that nothing changed, checking
the file, the folder and the card's files before a passphrase is asked for; exit
status 0 when done, 1 otherwise (for export-attachments: when not every file was
written, e.g. some are not in this data dir).
"""

from __future__ import annotations

import argparse
import sys


def _secrets(paths, catalog):
    """The secrets backend for this command: the keyring, else the encrypted file
    unlocked with a passphrase typed at the terminal (three tries); None when there is
    neither (the command then says what attached files need)."""
    from tui.base.errors import describe
    from tui.cli.open_data import say
    from tui.secrets.secrets_setup import SecretsSetup
    from tui.secrets.vault import VAULT_FILENAME, VaultError

    setup = SecretsSetup(paths.data_dir / VAULT_FILENAME)
    store = setup.resolve()
    if store is not None or not setup.vault.exists() or not sys.stdin.isatty():
        return store
    import getpass

    for _ in range(3):
        try:
            typed = getpass.getpass(catalog("attachment.passphrase", path=str(setup.vault.path)))
        except (EOFError, KeyboardInterrupt):
            return None
        try:
            return setup.unlock(typed)
        except VaultError as exc:
            say(describe(exc, catalog))
    return None


def _opened(args: argparse.Namespace, paths, ready):
    """(tracker, catalog, card) for the card `args.card` names, or None (said why).
    `ready(tracker, card)` raises the TrackerError of what the command cannot do (no
    such file, an unusable folder, files not in this data dir) before a passphrase is
    asked for."""
    from tui.base.errors import TrackerError, describe
    from tui.cli.open_data import catalog_for, open_tracker, say
    from tui.domain.config import load_config

    catalog = catalog_for(args, paths)
    tracker = open_tracker(paths, catalog=catalog)
    if tracker is None:
        return None
    try:
        card = tracker.find_card(args.card)
    except TrackerError as exc:
        say(describe(exc, catalog))
        tracker.close()
        return None
    tracker.attachment_limit_mb = load_config(paths.config_file).attachment_max_mb
    try:
        ready(tracker, card)
    except TrackerError as exc:
        say(describe(exc, catalog))
        tracker.close()
        return None
    tracker.secrets = _secrets(paths, catalog)
    return tracker, catalog, card


def _refusal(exc, catalog) -> str:
    """What a TrackerError says, with the files written before it, if any."""
    from tui.base.errors import describe

    said = describe(exc, catalog)
    if exc.params.get("done"):
        said += " " + catalog("attachment.written_before", files=exc.params["done"])
    return said


def run_attach(args: argparse.Namespace, paths) -> int:
    from tui.base.errors import TrackerError
    from tui.cli.open_data import say
    from tui.records.attachments import size_text

    opened = _opened(args, paths, lambda tracker, _card: tracker.check_attachable(args.file))
    if opened is None:
        return 1
    tracker, catalog, card = opened
    try:
        card, attachment = tracker.attach(card.id, args.file)
    except TrackerError as exc:
        say(_refusal(exc, catalog))
        return 1
    finally:
        tracker.close()
    size = size_text(attachment.size, catalog)
    print(catalog("attachment.added", name=attachment.name, size=size, label=card.label))
    return 0


def run_export_attachments(args: argparse.Namespace, paths) -> int:
    from tui.base.errors import TrackerError
    from tui.cli.open_data import say
    from tui.records.attachments import names_text

    opened = _opened(args, paths, lambda tracker, card: tracker.export_ready(card.id, args.folder))
    if opened is None:
        return 1
    tracker, catalog, card = opened
    if missing := tracker.missing_attachments(card):  # said before any passphrase
        say(catalog("attachment.some_gone", count=len(missing), names=names_text(missing)))
    try:
        written = tracker.export_attachments(card.id, args.folder)
    except TrackerError as exc:
        say(_refusal(exc, catalog))
        return 1
    finally:
        tracker.close()
    for path in written:
        print(path)
    folder = str(written[0].parent)
    said = catalog("attachment.exported", count=len(written), label=card.label, folder=folder)
    print(said, file=sys.stderr)
    return 1 if missing else 0
