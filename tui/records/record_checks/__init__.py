"""The record schemas of tui/records/record_schema.py, compiled by fastjsonschema
(one module a table). Generated: run `python -m tui.records.record_schema` to
rebuild."""
