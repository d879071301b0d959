"""config.yaml's `keymap`, checked before the app takes it.

Textual takes any text as a key and any binding id, and says nothing: `app.add: q`
made `q` add a card (Quit's `q` left the key bar, the help listed `q` twice),
`app.help: "ctrl+"` showed `^ Help` on a key no keyboard sends, and an id no binding
has was kept for nothing. Here each entry is kept only when its id is a binding of the
app, each of its keys is one Textual can name (a character, or a named key such as
`escape`, `f1`, `slash`, with ctrl/shift/alt/meta/super/hyper before it), and, for the
app's own actions (tui/ui/actions.py), no two actions end up on one key. An entry left
out is said, in the user's language, with what is kept instead (the binding's own
keys); the rest of the keymap applies.
"""

from __future__ import annotations

import importlib
import pkgutil
import unicodedata
from collections.abc import Mapping

from textual.keys import REPLACED_KEYS, Keys, _get_unicode_name_from_key

from tui.base.i18n import Catalog
from tui.base.sanitiser import clean
from tui.ui.actions import ACTIONS
from tui.ui.key_names import DIALOG_KEYS, key_words

MODIFIERS = frozenset({"ctrl", "shift", "alt", "meta", "super", "hyper"})
NAMED_KEYS = frozenset(key.value for key in Keys) | {"space"}
APP_KEYS = {f"app.{a.id}": a.keys for a in ACTIONS if a.keys}


def is_key(key: str) -> bool:
    """Whether `key` ("ctrl+s", "L", "question_mark", "f1") names a key Textual can
    bind: modifiers joined by "+", then one character or a key's name."""
    *modifiers, base = key.split("+")
    if not base or any(m not in MODIFIERS for m in modifiers):
        return False
    if len(base) == 1:
        return base.isprintable() and not base.isspace()
    if base in NAMED_KEYS:
        return True
    name = _get_unicode_name_from_key(REPLACED_KEYS.get(base, base))
    try:
        return len(unicodedata.lookup(name.replace("_", " ").upper())) == 1
    except KeyError:
        return False


def binding_ids() -> set[str]:
    """Every binding id of the app, its screens and widgets (importing them all: asked
    only when a keymap names an id that is not the app's or a dialog's named one)."""
    import tui.ui

    found = set(APP_KEYS) | set(DIALOG_KEYS)
    for module in pkgutil.iter_modules(tui.ui.__path__, "tui.ui."):
        loaded = importlib.import_module(module.name)
        for value in vars(loaded).values():
            for binding in getattr(value, "BINDINGS", None) or ():
                if getattr(binding, "id", None):
                    found.add(binding.id)
    return found


def checked_keymap(
    keymap: Mapping[str, str] | None, t: Catalog
) -> tuple[dict[str, str], list[str]]:
    """(the entries kept, what was said about each one left out). `keymap`: binding id →
    keys, comma-separated, as config.yaml has them."""
    kept: dict[str, str] = {}
    said: list[str] = []
    known: set[str] | None = None
    for binding_id, keys in (keymap or {}).items():
        if binding_id not in APP_KEYS and binding_id not in DIALOG_KEYS:
            known = binding_ids() if known is None else known
            if binding_id not in known:
                said.append(t("keymap.unknown", binding=clean(binding_id).text))
                continue
        wanted = [key.strip() for key in keys.split(",")]
        bad = [key for key in wanted if not is_key(key)]
        if bad:
            said.append(
                t(
                    "keymap.bad_key",
                    binding=clean(binding_id).text,
                    typed=clean(bad[0]).text,
                    **_kept(binding_id, t),
                )
            )
            continue
        kept[binding_id] = ",".join(wanted)
    while clash := _clash(kept):
        key, ids = clash
        for binding_id in ids:
            if binding_id in kept:
                del kept[binding_id]
                said.append(
                    t(
                        "keymap.clash",
                        binding=binding_id,
                        typed=key_words(key, t),
                        **_kept(binding_id, t),
                    )
                )
    return kept, said


def _kept(binding_id: str, t: Catalog) -> dict[str, str]:
    default = APP_KEYS.get(binding_id) or DIALOG_KEYS.get(binding_id)
    return {"kept": key_words(default, t) if default else t("keymap.no_key")}


def _clash(kept: Mapping[str, str]) -> tuple[str, list[str]] | None:
    """A key that two of the app's actions hold with `kept` applied, and the ids of
    those the user mapped (their mapping goes); None when each key is one action's."""
    holders: dict[str, list[str]] = {}
    for binding_id, default in APP_KEYS.items():
        for key in kept.get(binding_id, default).split(","):
            holders.setdefault(key, []).append(binding_id)
    for key, ids in holders.items():
        mapped = [binding_id for binding_id in ids if binding_id in kept]
        if len(ids) > 1 and mapped:
            return key, mapped
    return None
