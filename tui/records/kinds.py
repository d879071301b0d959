"""The kinds of card, what the user wants done with one (its intent) and where it
stands (its status), one list each; and the key a card's step marks are kept under
(its kind and intent). No Textual, no Rich, no I/O."""

from __future__ import annotations

from enum import StrEnum


# The kinds of card and the intents, one list each: the data file's schema takes its
# enums from them (record_schema.py), and tests/test_card_kinds.py holds that the
# content's schemas, every catalog (kind.*, intent.*) and the playbooks agree.
class Kind(StrEnum):
    TRANSIT = "transit"
    BANK = "bank"
    SOCIAL_SECURITY = "social-security"
    ESIM = "esim"
    ID_DOCUMENT = "id-document"  # national ID card, passport, driving licence, residence permit
    OTHER = "other"


class Intent(StrEnum):
    CANCEL = "cancel"
    SUSPEND = "suspend"
    REPORT_LOST = "report-lost"
    REPLACE = "replace"  # a new one for one lost: an ID document
    PORT_OUT = "port-out"


class Status(StrEnum):
    ACTIVE = "active"
    IN_PROGRESS = "in-progress"
    WAITING = "waiting"
    DONE = "done"
    ABANDONED = "abandoned"


def checklist_key(kind: Kind | str, intent: Intent | str) -> str:
    """The key a card's step marks are kept under in the data file: "kind/intent"
    ("transit/cancel", "bank/report-lost"). Marks are kept per checklist because step
    ids are shared between checklists ("record-proof" is the refund receipt of a
    cancel and the loss-report reference of a report-lost): a mark made under one
    never counts under another. Playbooks of the same kind and intent (a region's or
    an issuer's) share it: they keep the generic step ids where the meaning stays."""
    return f"{Kind(kind).value}/{Intent(intent).value}"
