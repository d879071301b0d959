"""Card numbers and other secrets: the OS keyring or the encrypted file (vault.py), and
which of them a session uses."""
