"""Every binding Textual's own widgets bring has catalog words (tui/ui/textual_words.py):
a Textual upgrade that adds one fails here instead of showing English in the key panel
or the key bar."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import textual.widgets
from textual.binding import Binding
from textual.dom import DOMNode

from tui.base.i18n import Catalog
from tui.ui.textual_words import TEXTUAL_GROUP_TITLES, TEXTUAL_KEYS, TEXTUAL_TOOLTIPS, worded

TEXTUAL_MODULES = [
    "textual.app",
    "textual.screen",
    "textual.widget",
    "textual.containers",
    "textual.command",
    "textual.scroll_view",
    *(f"textual.widgets.{found.name}" for found in pkgutil.iter_modules(textual.widgets.__path__)),
]


def textual_classes() -> list[type[DOMNode]]:
    found = []
    for name in TEXTUAL_MODULES:
        module = importlib.import_module(name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, DOMNode) and cls.__module__.startswith("textual."):
                found.append(cls)
    return found


def textual_bindings() -> list[Binding]:
    """The bindings Textual's classes declare, and the palette's the App adds itself."""
    found = [Binding("ctrl+p", "command_palette", "palette", tooltip="Open the command palette")]
    for cls in textual_classes():
        for binding in cls.__dict__.get("BINDINGS", []):
            found.append(binding if isinstance(binding, Binding) else Binding(*binding))
    return found


def test_every_textual_binding_has_words_in_both_languages(content):
    catalogs = [Catalog(content.strings, lang) for lang in ("en", "zh-CN")]
    bindings = textual_bindings()
    assert len(bindings) > 50
    missing = sorted({b.action for b in bindings if b.action not in TEXTUAL_KEYS})
    assert missing == [], f"Textual bindings without a catalog word: {missing}"
    tips = sorted({b.action for b in bindings if b.tooltip and b.action not in TEXTUAL_TOOLTIPS})
    assert tips == [], f"Textual tooltips without a catalog word: {tips}"
    titles = {cls.__dict__.get("BINDING_GROUP_TITLE") for cls in textual_classes()} - {None}
    assert titles and titles <= set(TEXTUAL_GROUP_TITLES), titles
    for t in catalogs:
        words = [*TEXTUAL_KEYS.values(), *TEXTUAL_TOOLTIPS.values(), *TEXTUAL_GROUP_TITLES.values()]
        for key in words:
            assert t.has(key), (t.lang, key)


def test_textuals_words_are_the_catalogs_and_ours_stay_ours(content):
    zh = Catalog(content.strings, "zh-CN")
    dismiss = worded(Binding("escape", "dismiss", "Dismiss menu"), zh)
    assert dismiss.description == content.strings["zh-CN"]["textual_key.dismiss"]
    quit_ = worded(Binding("ctrl+q", "quit", "Quit", tooltip="Quit the app."), zh)
    assert quit_.tooltip == content.strings["zh-CN"]["textual_key.quit_tooltip"]
    ours = Binding("a", "add", "添加", id="app.add")
    assert worded(ours, zh) is ours
    assert worded(Binding("x", "no_such_action", "Mine"), zh).description == "Mine"
