"""The export formats, in one list: `cardoff-tui export --format` offers these, its
--help describes them, and tui.domain.export writes them. Kept apart from tui.domain.export so the
command line can build its help without importing the domain."""

from __future__ import annotations

# name → what it is, as --help says it
FORMATS = {
    "md": "a Markdown report to keep or hand to an issuer",
    "json": "complete data, versioned, for `cardoff-tui import` to read back",
    "csv": "a row per card, UTF-8 without BOM, for scripts and other programs",
    "csv-excel": "the same with a BOM, so Excel shows 工行 and not mojibake",
    "ics": "the follow-up dates as calendar events",
}
DEFAULT_FORMAT = "md"
