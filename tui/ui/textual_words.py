"""Textual's own key words in the user's language.

Textual's widgets bring bindings of their own (the Select drop-down's `esc Dismiss
menu`, Input's `Delete character left`, the App's `ctrl+q Quit` …) whose descriptions
are English; the key panel (the palette's "Keys") and the key bar show them. Here each
of their actions names a catalog key (`textual_key.<name>`), and the bindings the
screen shows are worded from the catalog: a binding of our own that has a catalog
word (`key.<id>`, as labels.localise_bindings gives it) shows that word, even on a
widget that was not localised; any other binding whose action is one of Textual's is
shown with that action's word. So is the heading the key panel puts over an Input's
keys.

tests/test_textual_words.py walks Textual's widgets: a Textual upgrade that adds a
binding (or a tooltip) fails there until it has a catalog word here.
"""

from __future__ import annotations

from dataclasses import replace
from weakref import WeakKeyDictionary

from textual.binding import ActiveBinding, Binding
from textual.screen import Screen

from tui.base.i18n import Catalog

# Textual's binding actions (as its classes write them) → catalog key
TEXTUAL_KEYS: dict[str, str] = {
    action: f"textual_key.{name}"
    for action, name in {
        "app.focus_next": "focus_next",
        "app.focus_previous": "focus_previous",
        "command_palette": "command_palette",
        "command_list('cursor_up')": "command_list_cursor_up",
        "command_list('first')": "command_list_first",
        "command_list('last')": "command_list_last",
        "command_list('page_down')": "command_list_page_down",
        "command_list('page_up')": "command_list_page_up",
        "copy": "copy",
        "cursor_down": "cursor_down",
        "cursor_down(True)": "cursor_down_select",
        "cursor_left": "cursor_left",
        "cursor_left(True)": "cursor_left_select",
        "cursor_left_word": "cursor_left_word",
        "cursor_left_word(True)": "cursor_left_word_select",
        "cursor_line_end": "cursor_line_end",
        "cursor_line_end(True)": "cursor_line_end_select",
        "cursor_line_start": "cursor_line_start",
        "cursor_line_start(True)": "cursor_line_start_select",
        "cursor_next_sibling": "cursor_next_sibling",
        "cursor_page_down": "cursor_page_down",
        "cursor_page_up": "cursor_page_up",
        "cursor_parent": "cursor_parent",
        "cursor_parent_next_sibling": "cursor_parent_next_sibling",
        "cursor_previous_sibling": "cursor_previous_sibling",
        "cursor_right": "cursor_right",
        "cursor_right(True)": "cursor_right_select",
        "cursor_right_word": "cursor_right_word",
        "cursor_right_word(True)": "cursor_right_word_select",
        "cursor_up": "cursor_up",
        "cursor_up(True)": "cursor_up_select",
        "cursor_word_left": "cursor_word_left",
        "cursor_word_left(True)": "cursor_word_left_select",
        "cursor_word_right": "cursor_word_right",
        "cursor_word_right(True)": "cursor_word_right_select",
        "cut": "cut",
        "delete_left": "delete_left",
        "delete_left_all": "delete_left_all",
        "delete_left_word": "delete_left_word",
        "delete_line": "delete_line",
        "delete_right": "delete_right",
        "delete_right_all": "delete_right_all",
        "delete_right_word": "delete_right_word",
        "delete_to_end_of_line_or_delete_line": "delete_to_line_end",
        "delete_to_start_of_line": "delete_to_line_start",
        "delete_word_left": "delete_left_word",
        "delete_word_right": "delete_right_word",
        "dismiss": "dismiss",
        "end": "end",
        "end(True)": "end_select",
        "escape": "escape",
        "first": "first",
        "help_quit": "help_quit",
        "home": "home",
        "home(True)": "home_select",
        "last": "last",
        "next_button": "next_button",
        "next_tab": "next_tab",
        "open_link": "open_link",
        "page_down": "page_down",
        "page_left": "page_left",
        "page_right": "page_right",
        "page_up": "page_up",
        "paste": "paste",
        "press": "press",
        "previous_button": "previous_button",
        "previous_tab": "previous_tab",
        "quit": "quit",
        "redo": "redo",
        "screen.copy_text": "copy",
        "scroll_bottom": "bottom",
        "scroll_down": "scroll_down",
        "scroll_end": "bottom",
        "scroll_home": "top",
        "scroll_left": "scroll_left",
        "scroll_right": "scroll_right",
        "scroll_top": "top",
        "scroll_up": "scroll_up",
        "select": "select",
        "select_all": "select_all",
        "select_cursor": "select",
        "select_line": "select_line",
        "show_overlay": "show_overlay",
        "submit": "submit",
        "toggle_button": "toggle",
        "toggle_collapsible": "toggle_collapsible",
        "toggle_expand_all": "toggle_expand_all",
        "toggle_node": "toggle",
        "toggle_switch": "toggle",
        "undo": "undo",
    }.items()
}

# Textual's binding tooltips (the key panel shows them after the words), by action
TEXTUAL_TOOLTIPS: dict[str, str] = {
    "quit": "textual_key.quit_tooltip",
    "command_palette": "textual_key.command_palette_tooltip",
}

# the headings Textual's key panel gives some widgets' keys (BINDING_GROUP_TITLE)
TEXTUAL_GROUP_TITLES: dict[str, str] = {
    "Input": "textual_key.group_input",
    "Collapsible": "textual_key.group_collapsible",
}

_worded: WeakKeyDictionary[Catalog, dict[Binding, Binding]] = WeakKeyDictionary()


def worded(binding: Binding, t: Catalog) -> Binding:
    """`binding` with the catalog's words when it is one of Textual's (or one of ours
    without a word of its own); as it is otherwise. Worded once per catalog and binding,
    then the same Binding object each time it is asked for."""
    known = _worded.setdefault(t, {})
    if (found := known.get(binding)) is None:
        found = known[binding] = _worded_now(binding, t)
    return found


def _worded_now(binding: Binding, t: Catalog) -> Binding:
    if binding.id and t.has(f"key.{binding.id}"):  # ours (as labels.localise_bindings)
        words = t(f"key.{binding.id}")
        return binding if binding.description == words else replace(binding, description=words)
    key = TEXTUAL_KEYS.get(binding.action)
    if key is None or not t.has(key):
        return binding
    tooltip = binding.tooltip
    if tooltip:
        tip_key = TEXTUAL_TOOLTIPS.get(binding.action)
        tooltip = t(tip_key) if tip_key and t.has(tip_key) else ""
    return replace(binding, description=t(key) if binding.description else "", tooltip=tooltip)


_original_active_bindings = Screen.active_bindings


def _active_bindings(self: Screen) -> dict[str, ActiveBinding]:
    found = _original_active_bindings.fget(self)
    t = getattr(self.app, "t", None)
    if not isinstance(t, Catalog):
        return found
    shown = {}
    for key, active in found.items():
        heading = TEXTUAL_GROUP_TITLES.get(active.node.BINDING_GROUP_TITLE or "")
        if heading is not None and t.has(heading):  # the key panel's heading over its keys
            active.node.BINDING_GROUP_TITLE = t(heading)
        binding = worded(active.binding, t)
        shown[key] = active if binding is active.binding else active._replace(
            binding=binding, tooltip=binding.tooltip
        )
    return shown


def apply() -> None:
    """Word Textual's bindings wherever a screen lists them (key bar, key panel);
    idempotent."""
    if Screen.active_bindings.fget is not _active_bindings:
        Screen.active_bindings = property(_active_bindings, doc=_original_active_bindings.__doc__)
