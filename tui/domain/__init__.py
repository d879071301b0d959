"""The tracker, the one door to the store and the secrets, and the rules it follows:
casework, card views, totals, hotline choice, identifiers' work, export and import,
settings, form drafts and the demo."""
