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
against the widgets' bindings). A key that no binding of ours holds (a button's or a
drop-down's Enter) is `{key_name_<key>}`: `{key_name_enter}`.

Every key has one name, given here (`key_name`), wherever the app shows it: the key bar,
the key panel and the palette (the app's get_key_display), the help, and the messages.
Escape is `Esc` and `^p` is ctrl+p on the key bar and in a hint alike.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

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
    "letter_path.enter": "enter",
    "letter.close": "escape,q",
    "app.back": "escape",
    "app.next_pane": "tab",
    "app.previous_pane": "shift+tab",
    "filter.keep": "enter",
    "filter.clear": "escape",
    "steps.details": "enter",
    "detail.toggle": "space,x",
    "detail.close": "escape,enter,q",
    "help.close": "escape,q,question_mark,f1",
    "messages.close": "escape,q,M",
    "messages.down": "j,down",
    "messages.up": "k,up",
    "damaged.close": "escape,q",
    "not_copied.close": "escape,enter,q",
    "passphrase.cancel": "escape",
    "reference.enter": "enter",
    "confirm.yes": "y",
    "confirm.no": "n,escape",
    "hotline.next": "down",
    "hotline.previous": "up",
    "hotline.page_down": "pagedown",
    "hotline.page_up": "pageup",
    "hotline.first": "home",
    "hotline.last": "end",
}


NAMED = ("enter", "escape", "tab", "space")  # named in words (the catalog's key_name.*)


def key_name(key: str, t: Catalog | None = None) -> str:
    """One key (a Textual key name: `escape`, `ctrl+s`, `shift+tab`) as the app names
    it everywhere: `enter`, `escape`, `tab` and `space` in the words of catalog `t`
    (key_name.*: `Enter`, `Esc`; `回车`, `空格`), ctrl as `^` (`^p`), any other key as
    Textual's key bar writes it (`?`, `/`, `↑`, `pgdn`, `f1`). Without `t`, every key as
    Textual writes it (`⏎`, `esc`)."""
    *modifiers, last = key.strip().split("+")
    shown = t(f"key_name.{last}") if t is not None and last in NAMED else format_key(last)
    if "ctrl" in modifiers:
        modifiers.remove("ctrl")
        shown = f"^{shown}"
    return "+".join([*modifiers, shown])


def key_words(keys: str, t: Catalog | None = None) -> str:
    """The first of `keys` (Textual key names, comma-separated) as every place names it
    (key_name): `question_mark,f1` → `?`, `ctrl+p` → `^p`, `slash` → `/`, `escape` → `Esc`."""
    return key_name(keys.split(",")[0], t)


def keys_together(names: Iterable[str]) -> str:
    """Keys (named by key_name) that give one answer, as the key bar shows them on one
    key and a message names them: `Enter/y`, `Esc/n`."""
    return "/".join(dict.fromkeys(names))


def key_names(keymap: Mapping[str, str] | None = None, t: Catalog | None = None) -> dict[str, str]:
    """`key_<id>` → the key as a message names it (in the words of catalog `t`), for
    every action with a key and every binding of DIALOG_KEYS, with `keymap` (binding
    id → keys) applied; and `key_name_<key>` for the keys named in words (NAMED)."""
    keymap = keymap or {}
    names: dict[str, str] = {f"key_name_{key}": key_name(key, t) for key in NAMED}
    for action in ACTIONS:
        if action.keys:
            names[f"key_{action.id}"] = key_words(keymap.get(f"app.{action.id}", action.keys), t)
    for binding_id, keys in DIALOG_KEYS.items():
        names["key_" + binding_id.replace(".", "_")] = key_words(keymap.get(binding_id, keys), t)
    return names


def mapped_key(binding_id: str, keymap: Mapping[str, str] | None, t: Catalog) -> str:
    """The first key of binding `binding_id` (one of DIALOG_KEYS), as `keymap` maps it,
    named as everywhere (key_name)."""
    return key_words((keymap or {}).get(binding_id, DIALOG_KEYS[binding_id]), t)
