"""The keys that messages and hints name, as the user's keymap (config.yaml) maps them.

A message that names a key says `{key_<id>}` instead of the key (`Press {key_add} to
add one`, `{key_hotlines} searches`): the catalog (tui.base.i18n, `Catalog.name_keys`)
puts in the key that works now, so after `app.hotlines: H` in config.yaml the hint
says `H searches`, never the `h` that no longer does.

`<id>` is the binding id without `app.` for the app's actions (tui/ui/actions.py:
`key_add` is `app.add`), and the binding id with `_` for `.` for a dialog's
(`key_lost_search` is `lost.search`). The dialogs' bindings live with their screens,
which load when first opened; the defaults of those that messages name are here
(tests/test_key_names.py checks them against the screens' bindings).
"""

from __future__ import annotations

from collections.abc import Mapping

from textual.keys import format_key

from tui.ui.actions import ACTIONS

# binding id: its keys, for the dialogs' bindings that messages name
DIALOG_KEYS = {
    "hotline.link": "ctrl+l",
    "lost.called": "space,x,n",
    "lost.copy": "c",
    "lost.search": "h",
    "lost.abroad": "a",
}


def key_words(keys: str) -> str:
    """The first of `keys` (Textual key names, comma-separated) as a message writes
    it: `question_mark,f1` → `?`, `ctrl+p` → `ctrl+p`, `slash` → `/`."""
    first = keys.split(",")[0].strip()
    *modifiers, key = first.split("+")
    return "+".join([*modifiers, format_key(key)])


def key_names(keymap: Mapping[str, str] | None = None) -> dict[str, str]:
    """`key_<id>` → the key as a message names it, for every action with a key and
    every binding of DIALOG_KEYS, with `keymap` (binding id → keys) applied."""
    keymap = keymap or {}
    names: dict[str, str] = {}
    for action in ACTIONS:
        if action.keys:
            names[f"key_{action.id}"] = key_words(keymap.get(f"app.{action.id}", action.keys))
    for binding_id, keys in DIALOG_KEYS.items():
        names["key_" + binding_id.replace(".", "_")] = key_words(keymap.get(binding_id, keys))
    return names
