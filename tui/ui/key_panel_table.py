"""Textual's key panel (the palette's *Key panel*) with each action on one line.

Textual's table lists the keys in the order the screen's bindings come (the focused
widget's first), on one line per action for each run of keys of one widget. A
dialog's priority key takes the place of a field's key where that one was: the
hotline search's ↑ ↓ Home End and page keys split the search field's keys in three,
each under its own `Input` heading; the lost-wallet list showed `↑ Up` and, further
down, `k Up`. Its line also says a key's tooltip after its words, which only repeats
them (`^q q  Quit Quit the app and return to the command prompt.`), and it names the
Cmd key of a Mac's terminal beside the ctrl key (`^c super+c`), a key most terminals
never pass on and that the app names nowhere else.

Here each widget's keys are together, the focused widget's first, and each action
is one line, worded as our binding words it where one of ours holds it (`↑ k  Previous
card`, where Textual's table said `↑ k  Up` and our `k`'s words went unseen); lines
with the same words are one whatever widgets hold their keys (`Enter Tab  Next
field`). Its keys are named as the app names them everywhere (key_names.key_name,
through the app's get_key_display), followed by its words alone; a `super+` key is
left out where its action has another key.

Imported when the panel is first shown (key_panel.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rich import box
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import ActiveBinding
from textual.dom import DOMNode
from textual.widgets import HelpPanel, KeyPanel, Markdown
from textual.widgets._key_panel import BindingsTable


@dataclass
class KeyLine:
    """One line of the panel: an action's words and the keys that do it."""

    words: str
    keys: list[str] = field(default_factory=list)
    ours: bool = False  # the words are a binding of ours's (with an id), not Textual's


def key_lines(bindings, key_display) -> list[tuple[DOMNode, list[KeyLine]]]:
    """The panel's lines from the screen's active bindings (`bindings`, key → ActiveBinding),
    grouped by the widget that holds them, the focused (deepest) one first: one line per
    action of a widget, worded as a binding of ours words it (`↑ k  Previous card`);
    then lines with the same words are one. `key_display` names a key."""
    actives: list[ActiveBinding] = [b for b in bindings.values() if not b.binding.system]
    actives.sort(key=lambda active: -len(active.node.ancestors))  # stable: focused first
    groups: dict[DOMNode, list[KeyLine]] = {}
    by_action: dict[tuple[DOMNode, str], KeyLine] = {}
    for active in actives:
        binding = active.binding
        line = by_action.get((active.node, binding.action))
        if line is None:
            line = by_action[active.node, binding.action] = KeyLine(binding.description)
            groups.setdefault(active.node, []).append(line)
        if binding.id and binding.description and not line.ours:
            line.words, line.ours = binding.description, True
        line.keys.append(key_display(binding))
    by_words: dict[str, KeyLine] = {}
    for node, lines in groups.items():
        kept = []
        for line in lines:
            same = by_words.get(line.words) if line.words else None
            if same is None:
                kept.append(by_words.setdefault(line.words, line))
            else:
                same.keys.extend(line.keys)
        groups[node] = kept
    for line in (line for lines in groups.values() for line in lines):
        keys = list(dict.fromkeys(line.keys))
        line.keys = [key for key in keys if "super+" not in key] or keys
    return [(node, lines) for node, lines in groups.items() if lines]


class KeyTable(BindingsTable):
    """Textual's table of keys, each action once (see the module)."""

    def render_bindings_table(self) -> Table:
        key_style = self.get_component_rich_style("bindings-table--key")
        words_style = self.get_component_rich_style("bindings-table--description")
        heading_style = self.get_component_rich_style("bindings-table--header")
        transparent = self.get_component_styles("bindings-table--divider").color.a == 0
        table = Table(
            padding=(0, 0),
            show_header=False,
            box=box.SIMPLE if transparent else box.HORIZONTALS,
            border_style=self.get_component_rich_style("bindings-table--divider"),
        )
        table.add_column("", justify="right")
        for node, lines in key_lines(self.screen.active_bindings, self.app.get_key_display):
            if node.BINDING_GROUP_TITLE:
                table.add_row("", Text(node.BINDING_GROUP_TITLE, style=heading_style, end=""))
            for line in lines:
                table.add_row(
                    Text(" ".join(line.keys), style=key_style),
                    Text(line.words, style=words_style, end=""),
                )
            table.add_section()
        return table


class KeyList(KeyPanel):
    def compose(self) -> ComposeResult:
        yield KeyTable(shrink=True, expand=False)


class KeysHelpPanel(HelpPanel):
    """Textual's HelpPanel (what its App mounts for the key panel) with KeyTable."""

    def compose(self) -> ComposeResult:
        yield Markdown(id="widget-help")
        yield KeyList(id="keys-help")
