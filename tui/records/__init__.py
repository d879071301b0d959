"""What a card and a log entry are (model.py), what the user types for a card
(card_fields.py), its kinds, intents and statuses (kinds.py), its amounts
(amounts.py), identifiers and card networks, and the JSON Schema their stored records
follow (record_schema.py, compiled into record_checks/)."""
