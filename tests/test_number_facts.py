"""Numbers as phonenumbers formats them, kept in the cache folder: the kept forms are
phonenumbers' own for every shipped number, a later process shows them without
loading phonenumbers, and a kept file that is damaged or edited is not believed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from tui.library import number_facts
from tui.library.phone_numbers import dialable_abroad, display_number

SHOW = """
import json, sys
from tui.library.number_facts import kept_dialable_abroad, kept_display_number
numbers = json.loads(sys.argv[1])
shown = [[kept_display_number(n, r, s, False), kept_display_number(n, r, s, True),
          kept_dialable_abroad(n, r, s)] for n, r, s in numbers]
print(json.dumps({"shown": shown, "phonenumbers": "phonenumbers" in sys.modules}))
"""


def shipped_numbers(content) -> list[tuple[str, str, bool]]:
    return sorted(
        {
            (h.number, h.region, h.short_code)
            for issuer in content.issuers.issuers.values()
            for h in issuer.hotlines
        }
    )


def direct(numbers) -> list[list]:
    return [
        [display_number(n, r, s, False), display_number(n, r, s, True), dialable_abroad(n, r, s)]
        for n, r, s in numbers
    ]


def show_in_a_new_process(numbers, cache: Path) -> dict:
    env = {"XDG_CACHE_HOME": str(cache), "PATH": "/usr/bin:/bin", "HOME": str(cache)}
    done = subprocess.run(
        [sys.executable, "-c", SHOW, json.dumps(numbers)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parent.parent,
    )
    return json.loads(done.stdout)


def kept_file(cache: Path) -> Path:
    [path] = (cache / "cardoff-tui").glob("numbers-*.json")
    return path


def test_a_later_process_shows_the_same_numbers_without_loading_phonenumbers(content, tmp_path):
    numbers = shipped_numbers(content)
    assert len(numbers) > 50
    first = show_in_a_new_process(numbers, tmp_path)
    assert first["shown"] == direct(numbers) and first["phonenumbers"]
    again = show_in_a_new_process(numbers, tmp_path)
    assert again == {"shown": direct(numbers), "phonenumbers": False}


@pytest.mark.parametrize("damage", ["truncated", "edited", "wrong shape"])
def test_a_damaged_or_edited_file_is_worked_out_again(content, tmp_path, damage):
    numbers = shipped_numbers(content)
    show_in_a_new_process(numbers, tmp_path)
    path = kept_file(tmp_path)
    stored = orjson.loads(path.read_bytes())
    if damage == "truncated":
        path.write_bytes(path.read_bytes()[:-40])
    elif damage == "edited":  # a wrong number, the file otherwise sound
        key = next(k for k, fact in stored["facts"].items() if "+" in fact[1])
        stored["facts"][key][1] = "+1 555 0100"
        path.write_bytes(orjson.dumps(stored))
    else:
        stored["facts"] = {key: "+1 555 0100" for key in stored["facts"]}
        stored["seal"] = number_facts._seal(stored["facts"])
        path.write_bytes(orjson.dumps(stored))
    again = show_in_a_new_process(numbers, tmp_path)
    assert again == {"shown": direct(numbers), "phonenumbers": True}
