"""What a card and a log entry are (model.py), their identifiers and card networks, and
the JSON Schema their stored records follow (record_schema.py, compiled into
record_checks/)."""
