"""Textual CSS parsed once per test process, not once per app.

A Textual app parses its stylesheet (the app's CSS and each widget's DEFAULT_CSS) when
it starts, and keeps what it parsed for itself only. The suite starts a new app for
each Pilot test, about two thousand in all: parsing the same CSS again was about 26 ms
of each start's 190 ms of CPU at 80x24.

What a piece of CSS parses to depends only on the text, where it was read from, its
place in the cascade and the stylesheet's variables (the theme's colours), so here it
is kept under all of those, for every app of the process. Nothing the app does changes:
a new text, place or theme is parsed as before. Only the tests use this; a user's app
starts once.
"""

from __future__ import annotations

from textual.css.model import RuleSet
from textual.css.stylesheet import Stylesheet

_PARSED: dict[tuple, list[RuleSet]] = {}


def parse_css_once_per_process() -> None:
    """Wrap Textual 8.2.8's `Stylesheet._parse_rules` with the process-wide store."""
    parse_rules = Stylesheet._parse_rules
    if getattr(parse_rules, "parsed_once", False):
        return

    def _parse_rules(self, css, read_from, is_default_rules=False, tie_breaker=0, scope=""):
        key = (
            css,
            read_from,
            is_default_rules,
            tie_breaker,
            scope,
            tuple(sorted(self._variables.items())),
        )
        try:
            return _PARSED[key]
        except KeyError:
            pass
        rules = parse_rules(self, css, read_from, is_default_rules, tie_breaker, scope)
        if not any(rule.errors for rule in rules):
            _PARSED[key] = rules
        return rules

    _parse_rules.parsed_once = True
    Stylesheet._parse_rules = _parse_rules
