"""The keys that messages and hints name, as the user's keymap (config.yaml) maps them.

A message that names a key says `{key_<id>}` instead of the key (`Press {key_add} to
add one`, `{key_hotlines} searches`): the catalog (tui.base.i18n, `Catalog.name_keys`)
puts in the key that works now, so after `app.hotlines: H` in config.yaml the hint
says `H searches`, never the `h` that no longer does.

`<id>` is the binding id without `app.` for the app's actions (tui/ui/actions.py:
`key_add` is `app.add`), and the binding id with `_` for `.` for another widget's or a
dialog's (`key_lost_search` is `lost.search`, `key_steps_toggle` is `steps.toggle`).
Those bindings live with their widgets and screens, which load when first opened; the
defaults of those that messages name are here (tests/test_key_names.py checks them
against the widgets' bindings).
"""

from __future__ import annotations

from collections.abc import Mapping

from textual.keys import format_key

from tui.base.i18n import Catalog
from tui.ui.actions import ACTIONS

# binding id: its keys, for the bindings outside ACTIONS that messages name
DIALOG_KEYS = {
    "steps.toggle": "space,x",
    "hotline.link": "ctrl+l",
    "lost.called": "space,x,n",
    "lost.copy": "c",
    "lost.search": "h",
    "lost.abroad": "a",
    "lost.close": "escape",
    "lost.pick": "space",
    "lost.go": "enter",
    "lost.cancel": "escape",
    "bundle.tick": "space",
    "bundle.intent": "i",
    "bundle.go": "enter",
    "bundle.cancel": "escape",
    "hotline.copy": "enter",
    "hotline.close": "escape",
    "form.save": "ctrl+s",
    "form.cancel": "escape",
    "form.next": "enter",
    "form.reveal": "ctrl+r",
    "evidence.save": "ctrl+s",
    "evidence.cancel": "escape",
    "evidence.next": "enter",
    "money.save": "ctrl+s",
    "money.cancel": "escape",
    "money.next": "enter",
    "attachment.next": "enter",
    "attachment.save": "ctrl+s",
    "attachment.cancel": "escape",
    "letter.copy": "c",
    "letter.save": "s",
    "letter.kind": "t",
    "letter_path.save": "ctrl+s",
    "letter_path.cancel": "escape",
}


NAMED = ("enter", "escape", "tab", "space")  # named in words (the catalog's key_name.*)


def key_words(keys: str, t: Catalog | None = None) -> str:
    """The first of `keys` (Textual key names, comma-separated) as a message writes
    it: `question_mark,f1` → `?`, `ctrl+p` → `ctrl+p`, `slash` → `/`; `enter`,
    `escape`, `tab` and `space` in the words of catalog `t` (`Enter`, 回车), else as
    Textual's key bar draws them."""
    first = keys.split(",")[0].strip()
    *modifiers, key = first.split("+")
    shown = t(f"key_name.{key}") if t is not None and key in NAMED else format_key(key)
    return "+".join([*modifiers, shown])


def key_names(keymap: Mapping[str, str] | None = None, t: Catalog | None = None) -> dict[str, str]:
    """`key_<id>` → the key as a message names it (in the words of catalog `t`), for
    every action with a key and every binding of DIALOG_KEYS, with `keymap` (binding
    id → keys) applied."""
    keymap = keymap or {}
    names: dict[str, str] = {}
    for action in ACTIONS:
        if action.keys:
            names[f"key_{action.id}"] = key_words(keymap.get(f"app.{action.id}", action.keys), t)
    for binding_id, keys in DIALOG_KEYS.items():
        names["key_" + binding_id.replace(".", "_")] = key_words(keymap.get(binding_id, keys), t)
    return names
