"""Random tokens: card ids, the names of temporary and probe files, a salt, a nonce.

They are what the standard library's `secrets.token_bytes` and `secrets.token_hex`
give, which are `os.urandom` (the operating system's random source, fit for keys):
importing `secrets` imports `hmac` and `hashlib`, and `hashlib` loads OpenSSL (~2 ms
and ~0.6 MiB at start-up) for nothing these need.
"""

from __future__ import annotations

import os


def token_bytes(nbytes: int) -> bytes:
    """`nbytes` random bytes from the operating system (as `secrets.token_bytes`)."""
    return os.urandom(nbytes)


def token_hex(nbytes: int) -> str:
    """`nbytes` random bytes as 2 × `nbytes` hex digits (as `secrets.token_hex`)."""
    return os.urandom(nbytes).hex()
