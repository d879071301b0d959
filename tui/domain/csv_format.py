"""The CSV format, in one place: the columns `import` reads and the columns `export`
writes. Messages and help that name the columns take them from here, so they cannot
drift from what the code reads. Imports nothing (the command line's help uses it)."""

# the columns import reads, in the order its help names them (label and kind required)
CSV_FIELDS = ("label", "kind", "issuer", "region", "intent", "notes", "network", "carried")
REQUIRED = ("label", "kind")
