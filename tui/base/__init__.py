"""What every layer stands on: the clock, private files, a call with a time limit, where
files live, the language catalogs, the error family, text cleaning, redaction and crash
reports."""
