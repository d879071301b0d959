"""What phonenumbers says of each number shown (its international and national forms,
and whether it can be dialled from abroad), kept in the cache folder so that a later
start shows numbers without loading phonenumbers (about 35 ms, and its metadata for
each region on top).

The facts are read once from one file named for the installed phonenumbers (its
package file's size and time: its metadata changes only with it). A number not in
it is worked out with phonenumbers (tui.library.phone_numbers) and the file is
written again when the program ends. A file that is damaged, edited by hand or
holds anything but the facts' shape is not used: every number is worked out again.
"""

from __future__ import annotations

import atexit
import os

import orjson

from tui.library.phone_numbers import dialable_abroad, display_number, toll_free

FORMAT = 2  # bump when what is kept changes shape

# per number: "region\tnumber" -> [dialable abroad, international form, national form,
# toll-free]
_facts: dict[str, list] | None = None
_added = False  # facts worked out since the file was read
_path = None


def phonenumbers_stamp() -> list:
    """Which phonenumbers is installed (its package file's size and time)."""
    from importlib.util import find_spec

    spec = find_spec("phonenumbers")
    try:
        st = os.stat(spec.origin) if spec and spec.origin else None
    except OSError:
        st = None
    return [st.st_size, st.st_mtime_ns] if st else []


def _seal(facts: dict) -> str:
    """A check of the facts as written (a file damaged or edited by hand fails it)."""
    from tui.base.kept_facts import blake2b  # not hashlib: that loads OpenSSL

    return blake2b(orjson.dumps(facts, option=orjson.OPT_SORT_KEYS)).hexdigest()


def _usable(facts: object) -> bool:
    return isinstance(facts, dict) and all(
        isinstance(key, str)
        and isinstance(fact, list)
        and len(fact) == 4
        and isinstance(fact[0], bool)
        and isinstance(fact[1], str)
        and isinstance(fact[2], str)
        and isinstance(fact[3], bool)
        for key, fact in facts.items()
    )


def _table() -> dict[str, list]:
    global _facts, _path
    if _facts is None:
        from tui import __version__
        from tui.base.kept_facts import blake2b, read_json
        from tui.base.paths import cache_dir

        stamp = orjson.dumps([FORMAT, __version__, phonenumbers_stamp()])
        name = blake2b(stamp, digest_size=16).hexdigest()
        _path = cache_dir() / f"numbers-{name}.json"
        stored = read_json(_path)
        facts = stored.get("facts") if isinstance(stored, dict) else None
        good = _usable(facts) and stored.get("seal") == _seal(facts)
        _facts = facts if good else {}
    return _facts


def _keep() -> None:
    """Write the facts back if any were worked out (at the program's end)."""
    global _added
    if not _added or _facts is None or _path is None:
        return
    from tui.base.kept_facts import store_json

    _added = False
    store_json(_path, orjson.dumps({"facts": _facts, "seal": _seal(_facts)}), "numbers-*.json")


def number_facts(number: str, region: str) -> list:
    """[dialable from abroad, international form, national form, toll-free] of a number
    that is not a short code (see tui.library.phone_numbers), kept once worked out."""
    global _added
    table = _table()
    key = f"{region}\t{number}"
    fact = table.get(key)
    if fact is None:
        fact = table[key] = [
            dialable_abroad(number, region),
            display_number(number, region),
            display_number(number, region, national=True),
            toll_free(number, region),
        ]
        if not _added:
            atexit.register(_keep)
        _added = True
    return fact


def kept_dialable_abroad(number: str, region: str, short_code: bool = False) -> bool:
    """phone_numbers.dialable_abroad, kept (short codes never are)."""
    return False if short_code else number_facts(number, region)[0]


def kept_toll_free(number: str, region: str, short_code: bool = False) -> bool:
    """phone_numbers.toll_free, kept (short codes never are)."""
    return False if short_code else number_facts(number, region)[3]


def kept_display_number(
    number: str, region: str, short_code: bool = False, national: bool = False
) -> str:
    """phone_numbers.display_number, kept (short codes are shown as dialled)."""
    if short_code:
        return number
    return number_facts(number, region)[2 if national else 1]
