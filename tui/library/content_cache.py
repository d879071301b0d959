"""The shipped YAML files' parse, kept as JSON in the user's cache folder; and that
they passed every check (`checked`), so `doctor` checks them once per install.

Parsing the shipped YAML (PyYAML builds every value in Python) was most of the time
start-up spent on content, yet those files only change with the install. So their
parse is stored once as JSON, under a name made from a hash of the files' names and
bytes: a changed, added or removed file gives another name, and the YAML is parsed
again. Only a parse that JSON keeps exactly (text, numbers, lists, mappings) is
stored. A cache folder that is missing, unwritable or holds a damaged file costs
only the time to parse.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import orjson

from tui import __version__
from tui.base.kept_facts import blake2b, read_json, store_json
from tui.base.paths import cache_dir

FORMAT = 2  # bump when what is stored changes (2: YAML 1.2 values, tui.library.yaml_reader)


def _text(raw: bytes, path: Path) -> str:
    """As tui.library.yaml_reader reads a file; ValueError when it is not UTF-8 text."""
    from tui.library.yaml_reader import ContentError, decode_text

    text = decode_text(raw, path)
    if isinstance(text, ContentError):
        raise ValueError(str(text))
    return text


def _keeps(data: object) -> bytes | None:
    """The JSON of `data` if reading it back gives the same value, else None."""
    try:
        encoded = orjson.dumps(data)
    except TypeError:  # e.g. a mapping with keys that are not text
        return None
    return encoded if orjson.loads(encoded) == data else None


def _digest(files: list[Path], raws: list[bytes]) -> str:
    """A hash of this version, FORMAT and the files' folder and file names and bytes."""
    digest = blake2b(f"{FORMAT} {__version__}".encode(), digest_size=16)
    for path, raw in zip(files, raws, strict=True):
        digest.update(f"\0{path.parent.name}/{path.name}\0{len(raw)}\0".encode())
        digest.update(raw)
    return digest.hexdigest()


def checked(
    files: list[Path], check: Callable[[], tuple[int, list]]
) -> tuple[int, list]:
    """`check()`'s (files checked, errors) for the shipped `files`, run once for the same
    files' names and bytes: a check that found no error is remembered (as the number of
    files it checked) under a hash of them, and that number is given again with no
    errors while they are unchanged. A check with errors is never remembered, so they
    are found and reported each time. OSError when a file cannot be read."""
    raws = [path.read_bytes() for path in files]
    kept = cache_dir() / f"checked-{_digest(files, raws)}.json"
    count = read_json(kept)
    if isinstance(count, int) and not isinstance(count, bool) and count >= 0:
        return count, []
    count, errors = check()
    if not errors:
        store_json(kept, orjson.dumps(count), replaces="checked-*.json")
    return count, errors


def parsed(files: list[Path], parse: Callable[[str, Path], object]) -> list[object]:
    """Each file's parse (`parse(text, path)`), in order: from the cache when the files
    are unchanged. Raises what `parse` raises, and OSError when a file cannot be read."""
    raws = [path.read_bytes() for path in files]
    cached = cache_dir() / f"content-{_digest(files, raws)}.json"
    data = read_json(cached)
    if isinstance(data, list) and len(data) == len(files):
        return data
    # not cached yet, or damaged: parse, and store the parse for the next start
    data = [parse(_text(raw, path), path) for path, raw in zip(files, raws, strict=True)]
    encoded = _keeps(data)
    if encoded is not None:
        store_json(cached, encoded, replaces="content-*.json")  # a previous install's goes
    return data

