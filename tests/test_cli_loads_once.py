"""A one-shot command reads the content (the shipped files and the user's) once: its
messages and its work share what was read, so no command pays the load twice."""

from __future__ import annotations

import pytest

import tui.library.content as content_module
from tests.conftest import START
from tui.cli import main
from tui.records.card_fields import CardFields
from tui.records.model import Card
from tui.storage.store import DB_FILENAME, Store

COMMANDS = [
    ["due"],
    ["--lang", "zh-CN", "due"],
    ["export", "--format", "md"],
    ["export", "--format", "json"],
    ["export", "--format", "csv"],
    ["export", "--format", "ics"],
    ["list"],
    ["letter", "Metro", "--kind", "refund"],
    ["hotline", "icbc"],
    ["hotline", "--region", "nowhere-at-all", "icbc"],
]


@pytest.fixture()
def places(tmp_path):
    store = Store.open(tmp_path / "data" / DB_FILENAME)
    store.save_card(Card.create(CardFields("Metro", "transit", "cancel", "Octopus"), START))
    store.close()
    return ["--data-dir", str(tmp_path / "data"), "--config-dir", str(tmp_path / "config")]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_a_command_reads_the_content_once(places, command, monkeypatch, capsys):
    loads = []
    real = content_module.load_content

    def counted(*args, **kwargs):
        loads.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(content_module, "load_content", counted)
    main([*places, *command])
    out, err = capsys.readouterr()
    assert out or err  # the command did something
    assert len(loads) == 1, loads
