"""The record schemas of tui/record_schema.py, compiled by fastjsonschema (one
module a table). Generated: run `python -m tui.record_schema` to rebuild."""
