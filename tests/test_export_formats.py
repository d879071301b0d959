"""The export formats are one list (tui.domain.export_formats.FORMATS): `export`
writes every one of them and no other, and the command line offers and names each."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from tests.conftest import run_cli
from tui.cli.parser import build_parser
from tui.domain.export import export
from tui.domain.export_formats import DEFAULT_FORMAT, FORMATS
from tui.records.card_fields import CardFields


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_is_written(tracker, fmt):
    card = tracker.add_card(CardFields("Debit", "bank", "cancel", "工行", "CN"))
    tracker.set_follow_up(card.id, dt.date(2026, 12, 1))
    assert export(tracker, fmt).strip(), fmt


def test_a_format_not_in_the_list_is_refused(tracker):
    with pytest.raises(ValueError, match="one of " + ", ".join(FORMATS)):
        export(tracker, "xlsx")


def test_the_command_line_offers_and_names_every_format():
    [fmt] = [
        action
        for choice in build_parser()._subparsers._group_actions
        for action in choice.choices["export"]._actions
        if "--format" in action.option_strings
    ]
    assert list(fmt.choices) == list(FORMATS)
    # not given: the default, or json for `--json` without -o (the export is then JSON)
    from argparse import Namespace

    from tui.cli.data_commands import export_format

    given = {"format": fmt.default, "output": None}
    assert export_format(Namespace(**given, json=False)) == DEFAULT_FORMAT
    assert export_format(Namespace(**given, json=True)) == "json"
    summary = run_cli("--help").stdout  # the commands' one-line summaries
    for name in FORMATS:
        assert re.search(rf"[(\s]{re.escape(name)}[,)]", summary), name
