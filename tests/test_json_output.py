"""`--json` on list, due, doctor, hotline and export: what the installed command
prints is one JSON document of the shape the README shows (each example there is
compared with the real output, key by key and type by type), identifiers only masked,
and errors stay on stderr in words."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.cli_cards import FULL_NUMBER, PIN, cli, seed, today

README = Path(__file__).parent.parent / "README.md"


def readme_examples() -> dict[str, object]:
    """The README's JSON examples by the command line above each
    (`<!-- json: list --json -->`)."""
    text = README.read_text(encoding="utf-8")
    found = re.findall(r"<!-- json: (.+?) -->\n```json\n(.*?)\n```", text, re.S)
    return {command: json.loads(body) for command, body in found}


def same_shape(example, real, where: str = "$") -> None:
    """`real` has `example`'s keys and types all the way down; null on either side
    stands for a value that may be absent. A list's items each have the shape of the
    example's first; an `identifiers` map, of any of its fields."""
    if example is None or real is None:
        return
    if isinstance(example, dict):
        assert isinstance(real, dict), where
        if where.endswith(".identifiers"):
            model = next(iter(example.values()))
            for name, value in real.items():
                same_shape(model, value, f"{where}.{name}")
            return
        assert set(real) == set(example), (where, set(real) ^ set(example))
        for key, value in example.items():
            same_shape(value, real[key], f"{where}.{key}")
    elif isinstance(example, list):
        assert isinstance(real, list), where
        for item in real if example else ():
            same_shape(example[0], item, f"{where}[]")
    else:
        assert type(real) is type(example), (where, real, example)


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> Path:
    """A data dir of two cards: an ICBC debit card 3 days overdue with a card number
    and a port-out PIN, and an eSIM with no follow-up."""
    base = tmp_path_factory.mktemp("json-output")
    seed(
        base / "data",
        ("工行借记卡", "bank", "cancel", "ICBC", -3),
        ("Old eSIM", "esim", "port-out", "China Mobile", None),
    )
    return base


def test_the_readme_shows_every_json_output():
    commands = {command.split()[0] for command in readme_examples()}
    assert commands == {"list", "due", "doctor", "export", "hotline"}


@pytest.mark.parametrize("command", sorted(readme_examples()))
def test_the_output_has_the_readmes_shape(base, tmp_path, command):
    example = readme_examples()[command]
    args = command.format(file=tmp_path / "cards.md").split()
    result = cli(base, *args)
    assert result.returncode in (0, 1), result.stderr  # due: 1, a card is overdue
    doc = json.loads(result.stdout)
    same_shape(example, doc)
    assert FULL_NUMBER[:-4] not in result.stdout and PIN not in result.stdout
    if isinstance(example, dict):
        assert (doc["format"], doc["version"]) == (example["format"], example["version"])


def test_list_json_gives_every_card_with_identifiers_masked(base):
    result = cli(base, "list", "--json")
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["today"] == today().isoformat()
    debit, esim = doc["cards"]
    assert (debit["label"], debit["due"], debit["days_late"]) == ("工行借记卡", "overdue", 3)
    assert debit["identifiers"] == {
        "number": {"masked": "•••• 2233", "secret": False, "kept_in": "keyring"},
        "port_pin": {"masked": None, "secret": True, "kept_in": "keyring"},
    }
    assert (esim["intent"], esim["status"], esim["due"], esim["follow_up"]) == (
        "port-out",
        "active",
        None,
        None,
    )
    assert esim["steps_total"] > 0 and esim["steps_done"] == 0
    # where each is done, as its issuer's procedures say, in the order they write it
    assert (debit["how"], esim["how"]) == (["phone", "in-person"], ["sms", "in-person"])


def test_due_json_counts_and_names_the_number_to_call(base):
    result = cli(base, "due", "--json")
    assert result.returncode == 1
    doc = json.loads(result.stdout)
    assert (doc["overdue"], doc["due_today"]) == (1, 0)
    [card] = doc["cards"]
    assert card["label"] == "工行借记卡" and card["call"]["number"] == "95588"


def test_due_json_with_no_data_file_yet(tmp_path):
    result = cli(tmp_path, "due", "--json")
    assert result.returncode == 0
    doc = json.loads(result.stdout)
    assert (doc["cards"], doc["overdue"], doc["due_today"]) == ([], 0, 0)


def test_doctor_json_ok_is_the_exit_status(base, tmp_path):
    for where in (base, tmp_path):  # the keyring the first card's number needs is missing
        result = cli(where, "doctor", "--json")
        doc = json.loads(result.stdout)
        assert doc["ok"] is (result.returncode == 0)
        assert doc["problems"] == sum(c["status"] == "fail" for c in doc["checks"])
        assert {c["check"] for c in doc["checks"]} >= {"data dir", "database", "keyring"}
    assert not json.loads(cli(base, "doctor", "--json").stdout)["ok"]


def test_doctor_json_texts_are_in_the_users_language(base):
    doc = json.loads(cli(base, "--lang", "zh-CN", "doctor", "--json").stdout)
    assert doc["checks"][0]["check"] == "data dir"  # the name stays English
    assert re.search(r"[\u4e00-\u9fff]", doc["checks"][0]["text"])


def test_export_json_alone_is_the_json_export(base):
    plain = cli(base, "export", "--format", "json")
    alone = cli(base, "export", "--json")
    assert alone.returncode == 0
    first, second = json.loads(plain.stdout), json.loads(alone.stdout)
    assert second["format"] == "cardoff-tui-export" and second["cards"] == first["cards"]


def test_export_json_with_a_file_says_what_was_written(base, tmp_path):
    target = tmp_path / "report.csv"
    result = cli(base, "export", "--format", "csv", "-o", str(target), "--json")
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["path"] == str(target) and doc["export_format"] == "csv"
    assert doc["bytes"] == target.stat().st_size and doc["cards"] == 2


def test_export_json_with_another_format_and_no_file_is_refused(base):
    result = cli(base, "export", "--format", "md", "--json")
    assert result.returncode == 2 and result.stdout == ""
    assert "-o FILE" in result.stderr and "Nothing was written" in result.stderr


def test_errors_stay_on_stderr_in_words(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    for command, status in (("list", 1), ("due", 4)):
        result = cli(tmp_path, command, "--json", data=blocker)
        assert result.returncode == status and result.stdout == ""
        assert "is a file, not a folder" in result.stderr
