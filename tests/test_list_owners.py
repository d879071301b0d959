"""Whose card it is, on the command line: `list` and `due` (text and --json) carry
each card's owner and tags, plain `list` has an owner column when more than one
person's cards are listed, `due` names the owner of a card that is not the user's,
and `list --owner NAME` / `--tag TAG` pick the cards (in completion and man too)."""

from __future__ import annotations

import dataclasses
import json

import pytest

from tests.cli_cards import cli, seed
from tui.storage.store import DB_FILENAME, Store


def owned(data, owners: dict[str, tuple[str, tuple[str, ...]]]) -> None:
    """Give the cards labelled as `owners`' keys their (owner, tags)."""
    store = Store.open(data / DB_FILENAME)
    with store.transaction():
        for card in store.cards():
            if card.label in owners:
                owner, tags = owners[card.label]
                store.save_card(dataclasses.replace(card, owner=owner, tags=tags))
    store.close()


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    base = tmp_path_factory.mktemp("owners")
    seed(
        base / "data",
        ("Debit", "bank", "cancel", "ICBC", -2),
        ("Old eSIM 5566", "esim", "port-out", "China Mobile", -1),
        ("Metro", "transit", "cancel", "", None),
    )
    owned(base / "data", {"Old eSIM 5566": ("Mum", ("moving", "2026")),
                          "Metro": ("", ("moving",))})
    return base


@pytest.mark.parametrize("command", ["list", "due"])
def test_json_says_whose_card_and_its_tags(base, command):
    result = cli(base, command, "--json")
    cards = {card["label"]: card for card in json.loads(result.stdout)["cards"]}
    assert (cards["Old eSIM 5566"]["owner"], cards["Old eSIM 5566"]["tags"]) == (
        "Mum",
        ["moving", "2026"],
    )
    assert (cards["Debit"]["owner"], cards["Debit"]["tags"]) == ("", [])


@pytest.mark.parametrize(
    ("lang", "heading", "me"), [("en", "Owner", "me"), ("zh-CN", "归属", "我")]
)
def test_plain_list_has_an_owner_column_when_there_are_two_owners(base, lang, heading, me):
    lines = cli(base, "--lang", lang, "list").stdout.splitlines()
    assert lines[0].split()[0] == heading  # the first column
    rows = {line.split()[1]: line.split()[0] for line in lines[1:]}
    assert rows == {"Old": "Mum", "Debit": me, "Metro": me}


def test_plain_list_of_one_owner_has_no_owner_column(tmp_path):
    seed(tmp_path / "data", ("Debit", "bank", "cancel", "ICBC", None))
    lines = cli(tmp_path, "list").stdout.splitlines()
    assert "Owner" not in lines[0] and " me" not in lines[1]


@pytest.mark.parametrize(
    ("lang", "mine", "mums"),
    [
        ("en", "Debit (ICBC)", "Mum: Old eSIM •••• (China Mobile)"),
        ("zh-CN", "Debit（ICBC）", "Mum：Old eSIM ••••（China Mobile）"),
    ],
)
def test_due_names_the_owner_of_someone_elses_card(base, lang, mine, mums):
    lines = cli(base, "--lang", lang, "due").stdout.splitlines()
    debit = next(line for line in lines if "Debit" in line)
    esim = next(line for line in lines if "eSIM" in line)
    assert mums in esim
    assert mine in debit and "me" not in debit.split(mine)[0].split()


@pytest.mark.parametrize(
    ("args", "labels"),
    [
        (["--owner", "Mum"], ["Old eSIM 5566"]),
        (["--owner", "mum"], ["Old eSIM 5566"]),  # as the app's filter: any case
        (["--owner", "me"], ["Debit", "Metro"]),
        (["--owner", "我"], ["Debit", "Metro"]),
        (["--tag", "MOVING"], ["Old eSIM 5566", "Metro"]),
        (["--tag", "moving", "--tag", "2026"], ["Old eSIM 5566"]),  # every tag given
        (["--owner", "me", "--tag", "moving"], ["Metro"]),
        (["--owner", "Dad"], []),
    ],
)
def test_list_owner_and_tag_pick_the_cards(base, args, labels):
    result = cli(base, "list", "--json", *args)
    assert result.returncode == 0, result.stderr
    assert [card["label"] for card in json.loads(result.stdout)["cards"]] == labels


def test_no_card_of_that_owner_is_said(base):
    result = cli(base, "list", "--owner", "Dad")
    assert result.returncode == 0 and result.stdout == "No cards match.\n"


def test_the_filters_are_in_completion_and_man(base):
    assert "--owner" in cli(base, "completion", "bash").stdout
    man = cli(base, "man").stdout
    assert "owner" in man and "tag" in man
