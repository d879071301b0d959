"""The app's actions, in one list: the key bindings, the footer, the help screen and
the command palette are all built from it, so an action added here is reachable
from each (and named in each from the string catalogs: `key.app.<id>` for its key,
`palette.<id>` and `palette.<id>_help` in the palette)."""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding


@dataclass(frozen=True)
class Action:
    """`name`: the app's `action_<name>`; `keys`: Textual key names, comma-separated
    (None: only in the palette); `label`: the key's English words (the catalog's
    `key.app.<id>` replaces them); `footer`: shown in the footer; `palette`: offered
    in the command palette; `priority`: handled before a focused field sees the key;
    `offered_when`: the app's method (no arguments, a bool) that says whether the
    palette offers it now ("" : always)."""

    name: str
    id: str
    keys: str | None = None
    label: str = ""
    footer: bool = False
    palette: bool = True
    priority: bool = False
    offered_when: str = ""


ACTIONS: tuple[Action, ...] = (
    Action("add_card", "add", "a", "Add", footer=True),
    Action("add_bundle", "bundle", "b", "Add from a bundle"),
    Action("edit_card", "edit", "e", "Edit", footer=True),
    Action("delete_card", "delete", "d", "Delete"),
    Action("undo", "undo", "u", "Undo"),
    # priority: the filter has focus before the next typed key is handled
    Action("filter", "filter", "slash", "Filter", footer=True, priority=True),
    Action("hotlines", "hotlines", "h", "Hotlines", footer=True),
    Action("lost_wallet", "lost_wallet", "L", "Lost wallet", footer=True),
    Action("evidence", "evidence", "n", "Proof"),
    # `n` is the proof's: a file goes with the card, or the focused step's proof
    Action("attach", "attach", "A", "Attach"),
    Action("export_attachments", "attachments_export", "E", "Export files"),
    Action("follow_up", "follow_up", "f", "Follow-up"),
    Action("due_view", "due", "D", "Due"),
    Action("money", "money", "m", "Money"),
    Action("letter", "letter", "w", "Letter"),
    Action("refund", "refund"),
    # a card marked lost with the wallet, found again (or marked by mistake)
    # (offered only while the selected card has that mark: nothing to take back else)
    Action("found_again", "found_again", offered_when="selected_lost_with_wallet"),
    Action("reveal", "reveal", "r", "Reveal"),
    Action("copy", "copy", "c", "Copy"),
    Action("toggle_log_scope", "log_scope", "t", "Log scope"),
    Action("sort_cards", "sort", "s", "Sort"),
    Action("group_by_owner", "group", "o", "Group by owner"),
    Action("export", "export"),
    Action("identifier_storage", "storage"),
    Action("redraw", "redraw", "ctrl+l", "Redraw"),
    Action("messages", "messages", "M", "Messages"),
    Action("help", "help", "question_mark,f1", "Help", footer=True),
    Action("quit", "quit", "q", "Quit", footer=True, palette=False),
    Action("command_palette", "palette", "ctrl+p", "Commands", palette=False),
)


def bindings(actions: tuple[Action, ...] = ACTIONS) -> list[Binding]:
    """The key bindings of the actions that have keys, in the list's order."""
    return [
        Binding(
            a.keys,
            a.name,
            a.label,
            show=a.footer,
            id=f"app.{a.id}",
            priority=a.priority,
        )
        for a in actions
        if a.keys
    ]
