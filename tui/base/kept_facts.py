"""Facts worked out once per install and kept in the user's cache folder: what Babel
says of a locale (date forms, region names), so that a later start shows them
without loading Babel. A damaged, missing or foreign file is worked out again; a
folder that cannot be written costs only the time to work it out."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import orjson

from tui import __version__
from tui.base.paths import cache_dir

try:  # what hashlib.blake2b is; importing hashlib loads OpenSSL (~2 ms, ~0.6 MiB) unused
    from _blake2 import blake2b
except ImportError:  # a Python built without it
    from hashlib import blake2b

FORMAT = 1  # bump when what is kept changes shape


def kept(
    kind: str,
    key: object,
    work_out: Callable[[], object],
    usable: Callable[[object], bool] = lambda value: True,
) -> object:
    """What `work_out()` gives, kept as JSON in the cache folder as `{kind}-<hash of
    key>.json` and read back while `key` (any JSON value: say what the facts depend
    on, e.g. a library's version) is the same and `usable(value)` says the value read
    back can be used (a file edited or damaged while still JSON is worked out again).
    `work_out` must give what JSON keeps (else TypeError)."""
    name = orjson.dumps([FORMAT, __version__, key], option=orjson.OPT_SORT_KEYS)
    path = cache_dir() / f"{kind}-{blake2b(name, digest_size=16).hexdigest()}.json"
    stored = read_json(path)
    if isinstance(stored, dict) and stored.get("key") == name.decode():
        if usable(stored.get("value")):
            return stored["value"]
    value = work_out()
    try:
        encoded = orjson.dumps({"key": name.decode(), "value": value})
    except TypeError:
        raise TypeError(f"{kind}: what is kept must be JSON") from None
    store_json(path, encoded)
    return value


def read_json(path: Path) -> object | None:
    """The JSON value a cache file holds; None when there is no file, it cannot be
    read, or it is not JSON (a damaged cache is worked out again, never an error)."""
    try:
        return orjson.loads(path.read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return None


def store_json(path: Path, encoded: bytes, replaces: str = "") -> None:
    """Write `encoded` (JSON bytes) to the cache file `path` atomically, in a private
    folder, first removing the folder's files matching the glob `replaces` (what an
    earlier install kept). A folder that cannot be written is no error: nothing is
    kept this time."""
    from tui.base.private_files import private_dir, write_atomically

    try:
        private_dir(path.parent)
        for old in path.parent.glob(replaces) if replaces else ():
            old.unlink(missing_ok=True)
        write_atomically(path, encoded)
    except OSError:
        return  # not kept this time: worked out again at the next start
