"""The data file: the store (store.py) over TinyDB, its JSON base and journal, backups,
the lock, upgrades of old files."""
