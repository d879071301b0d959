"""The CSV format, in one place: the columns `import` reads and the columns `export`
writes. Messages and help that name the columns take them from here, so they cannot
drift from what the code reads. Imports nothing (the command line's help uses it)."""

# the columns import reads, in the order its help names them (label and kind required).
# owner: whose card ("" or absent: the user's own); tags: words separated by commas
# or spaces (tui.records.household); registered: yes or no, as carried
CSV_FIELDS = (
    "label",
    "kind",
    "issuer",
    "region",
    "intent",
    "notes",
    "network",
    "carried",
    "owner",
    "tags",
    "registered",
)
REQUIRED = ("label", "kind")

# the columns export writes, in this order (every one of CSV_FIELDS among them, so an
# export imports back as it was)
EXPORT_COLUMNS = (
    "id",
    "label",
    "kind",
    "intent",
    "issuer",
    "region",
    "status",
    "steps_done",
    "steps_total",
    "follow_up",
    "notes",
    "created",
    "updated",
    "network",  # columns added later go last, so scripts that count columns still work
    "carried",  # carried in the wallet: yes or no
    "owner",  # "" for the user's own card
    "tags",  # "moving, 2026"
    "registered",  # a registered (named) card: yes or no
)
