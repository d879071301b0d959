"""Hostile text: escape sequences, bidi overrides and invisible characters in labels,
imports and the user's content never reach the store or a terminal, and CSV exports
do not run as spreadsheet formulas."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
import re

import pytest
from textual import events

from tests.conftest import run_cli
from tests.helpers.pilot import settle, wait_until
from tui.base.paths import content_dir
from tui.domain.tracker import Tracker
from tui.library.content import load_content
from tui.records.card_fields import CardFields
from tui.storage.store import DB_FILENAME, Store

OSC52 = "\x1b]52;c;UFdORUQ=\x07"  # sets the clipboard to "PWNED"
TITLE = "\x1b]0;owned\x07"  # sets the window title
CLEAR = "\x1b[2J"  # clears the screen
SEQUENCES = {"osc52": OSC52, "title": TITLE, "clear": CLEAR}
# what must never reach a terminal: C0 controls but line feed and tab, DEL, C1, bidi
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# what must never be stored: the same, and the zero-width characters always removed
NOT_STORED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200b\u2060\ufeff]")


def unsafe_in(output: str) -> list[str]:
    """The unsafe characters in `output` (a CR LF line ending, as CSV and ICS have, is
    no escape)."""
    return UNSAFE.findall(output.replace("\r\n", "\n"))


def stored_strings(data: object):
    """Every string in a parsed data file, dict keys included."""
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from stored_strings(key)
            yield from stored_strings(value)
    elif isinstance(data, list):
        for item in data:
            yield from stored_strings(item)


def assert_store_clean(path) -> None:
    raw = path.read_bytes()
    assert b"\x1b" not in raw and b"\\u001b" not in raw and b"\\u0007" not in raw
    for text in stored_strings(json.loads(raw)):
        assert not NOT_STORED.search(text), repr(text)


def old_file(data_dir, label: str, content, follow_up: dt.date | None = None):
    """A data file written before text was cleaned: the label is stored as given."""
    store = Store.open(data_dir / DB_FILENAME)
    tracker = Tracker(store, content.playbooks, issuers=content.issuers)
    card = tracker.add_card(CardFields("placeholder", "bank", "cancel", "ICBC", "CN"))
    if follow_up is not None:
        card = tracker.set_follow_up(card.id, follow_up)
    store.save_card(dataclasses.replace(card, label=label, notes=f"note {label}"))
    store.close()
    return card.id


# the command line


def unsafe_lines(output: str) -> list[str]:
    """The lines of `output` holding an unsafe character (each names its card)."""
    return [line for line in output.replace("\r\n", "\n").split("\n") if unsafe_in(line)]


def old_file_of_every_sequence(data_dir, content, follow_up: dt.date | None = None) -> None:
    """An old data file with a card for each sequence, labelled `<its name> J<it>` (one
    command run reads them all; each card's line says which sequence got through)."""
    for name, sequence in SEQUENCES.items():
        old_file(data_dir, f"{name} J{sequence}", content, follow_up=follow_up)


def test_due_from_an_old_file_prints_no_escape(tmp_path, content):
    data = tmp_path / "data"
    old_file_of_every_sequence(data, content, follow_up=dt.date(2020, 1, 1))
    result = run_cli("due", data=data, config=tmp_path / "config")
    assert result.returncode == 1, result.stderr  # overdue since 2020
    for name in SEQUENCES:
        assert f"{name} J␛" in result.stdout, (name, result.stdout)
    assert not unsafe_lines(result.stdout), unsafe_lines(result.stdout)


@pytest.mark.parametrize("fmt", ["md", "csv"])
def test_export_to_stdout_prints_no_escape(tmp_path, content, fmt):
    data = tmp_path / "data"
    old_file_of_every_sequence(data, content)
    result = run_cli("export", "--format", fmt, data=data, config=tmp_path / "config")
    assert result.returncode == 0, result.stderr
    for name in SEQUENCES:
        assert f"{name} J␛" in result.stdout, (name, result.stdout)
    assert not unsafe_lines(result.stdout), unsafe_lines(result.stdout)


def test_json_export_escapes_and_stays_complete(tmp_path, content):
    data = tmp_path / "data"
    label = f"J{OSC52}\x9b\u202e"
    old_file(data, label, content)
    result = run_cli("export", "--format", "json", data=data, config=tmp_path / "config")
    assert not unsafe_in(result.stdout)
    assert json.loads(result.stdout)["cards"][0]["card"]["label"] == label


def test_json_import_removes_controls_and_says_so(tmp_path, content):
    old = tmp_path / "old"
    old_file(old, f"J{OSC52}", content, follow_up=dt.date(2020, 1, 1))
    exported = run_cli("export", "--format", "json", data=old, config=tmp_path / "config")
    path = tmp_path / "cards.json"
    path.write_text(exported.stdout, encoding="utf-8")
    data = tmp_path / "data"
    result = run_cli("import", str(path), data=data, config=tmp_path / "config")
    assert result.returncode == 0, result.stderr
    assert "imported 1 card" in result.stdout
    # the whole sequence goes, and counts as one (in the label and the log's copy of it)
    assert f"{path}:1: card 1 (J): control characters removed: 2" in result.stderr
    assert_store_clean(data / DB_FILENAME)
    due = run_cli("due", data=data, config=tmp_path / "config")
    assert "J" in due.stdout and "]52;c" not in due.stdout and not unsafe_in(due.stdout)


def test_csv_import_removes_controls_with_a_note_per_row(tmp_path):
    path = tmp_path / "cards.csv"
    rows = [["label", "kind", "notes"], ["Plain", "bank", ""], [f"J{OSC52}", "bank", "a\x1bb"]]
    with path.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows(rows)
    data = tmp_path / "data"
    result = run_cli("import", str(path), data=data, config=tmp_path / "config")
    assert result.returncode == 0, result.stderr
    note = f"{path}:3: label: removed 1 control character; notes: removed 1 control character"
    assert note in result.stderr and ":2:" not in result.stderr
    assert_store_clean(data / DB_FILENAME)
    store = Store.open(data / DB_FILENAME)
    assert sorted(c.label for c in store.cards()) == ["J", "Plain"]
    store.close()


ISSUERS = """\
issuers:
  - id: my-bank
    name: {{en: "{name}", zh-CN: "{zh_name}"}}
    aliases: [mybank]
    region: HK
    kinds: [bank]
    hotlines:
      - number: "+852 2233 3000"
        purpose: customer-service
        verified: false
        note: {{en: "{note}", zh-CN: "{note}"}}
"""


def test_hotline_on_a_user_issuer_file_prints_no_escape(tmp_path):
    """One user file with an issuer for each sequence (in its names and its note), all
    named by `mybank`: each command run reads them all, and each issuer's name and line
    say which sequence got through."""
    config = tmp_path / "config"
    (config / "issuers").mkdir(parents=True)
    yaml_file = config / "issuers" / "mine.yaml"
    blocks = []
    for name, sequence in SEQUENCES.items():
        escaped = json.dumps(sequence)[1:-1]  # YAML double quotes read \u001b as JSON does
        names = {"name": f"My{escaped} Bank {name}", "zh_name": f"我的{escaped}银行 {name}"}
        block = ISSUERS.format(**names, note=f"n{escaped}")
        blocks.append(block.replace("id: my-bank", f"id: my-bank-{name}").split("\n", 1)[1])
    yaml_file.write_text("issuers:\n" + "".join(blocks))
    checked = run_cli("validate", str(config), config=config)
    assert checked.returncode == 0, checked.stdout
    lines = len(blocks[0].splitlines())
    for number, name in enumerate(SEQUENCES):  # said, not an error
        line = 3 + number * lines
        assert f"{yaml_file}:{line}: issuers.{number}.name.en: " in checked.stdout, name
        assert f"{yaml_file}:{line}: issuers.{number}.name.zh-CN: " in checked.stdout, name
    assert not unsafe_lines(checked.stdout), unsafe_lines(checked.stdout)
    result = run_cli("hotline", "mybank", config=config)
    assert result.returncode == 0, result.stderr
    for name in SEQUENCES:
        assert f"My Bank {name}" in result.stdout, (name, result.stdout)
    assert not unsafe_lines(result.stdout + result.stderr), unsafe_lines(result.stdout)
    assert "control characters removed when loaded" in result.stderr
    in_chinese = run_cli("--lang", "zh-CN", "hotline", "mybank", config=config)
    assert in_chinese.returncode == 0, in_chinese.stderr
    for name in SEQUENCES:
        assert f"我的银行 {name}" in in_chinese.stdout, (name, in_chinese.stdout)
    said = in_chinese.stdout + in_chinese.stderr
    assert not unsafe_lines(said), unsafe_lines(said)
    as_json = run_cli("hotline", "mybank", "--json", config=config)
    for name in SEQUENCES:
        assert f"My Bank {name}" in as_json.stdout, (name, as_json.stdout)
    assert not unsafe_lines(as_json.stdout), unsafe_lines(as_json.stdout)


def test_a_query_argument_loses_its_controls(tmp_path):
    result = run_cli("hotline", "oct\u200bo\x1bpus\u202e", config=tmp_path)
    assert result.returncode == 0 and "2266 2222" in result.stdout
    assert "removed 3 control characters from QUERY" in result.stderr
    assert not unsafe_in(result.stdout + result.stderr)


def test_doctor_and_restore_print_a_hostile_path_safely(tmp_path, content):
    data = tmp_path / f"data{TITLE}"
    old_file(data, "Card", content)
    Store.open(data / DB_FILENAME).close()
    for args in (["doctor"], ["restore"]):
        result = run_cli(*args, data=data, config=tmp_path / "config")
        assert "data␛]0;owned␇" in result.stdout, args
        assert not unsafe_in(result.stdout + result.stderr), args


FORMULAS = ["=1+1", '=HYPERLINK("http://x.test/?","click")', "+cmd|' /C calc'!A0", "@SUM(A1:A2)"]


def test_csv_export_neutralises_formulas_and_imports_back(tmp_path, content, clock):
    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock)
    for label in [*FORMULAS, "-2+3", "Plain"]:
        tracker.add_card(CardFields(label, "bank", "cancel", notes="=A1"))
    from tui.domain.export import export

    text = export(tracker, "csv").decode()
    for label in FORMULAS:
        quoted = '"' + ("'" + label).replace('"', '""') + '"'
        assert quoted + "," in text, label  # a leading quote, and the cell quoted
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["label"] for r in rows] == ["'" + f for f in FORMULAS] + ["'-2+3", "Plain"]
    assert {r["notes"] for r in rows} == {"'=A1"}
    path = tmp_path / "export.csv"
    path.write_text(text, encoding="utf-8")
    again = Store.in_memory()
    from tui.domain.importer import import_file

    result = import_file(Tracker(again, content.playbooks, clock), path)
    assert not result.errors
    assert sorted(c.label for c in again.cards()) == sorted([*FORMULAS, "-2+3", "Plain"])


# the app


async def test_paste_into_the_add_form_stores_none_of_it(tmp_path, make_app):
    from tui.ui.card_form import CardForm

    store = Store.open(tmp_path / DB_FILENAME)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(app.screen, CardForm), "the card form")
        form = app.screen
        label = form.query_one("#label")
        await wait_until(pilot, lambda: app.focused is label, "the name field focused")
        app.post_message(events.Paste("Old\x1b SIM\x07\u202e\u200b"))
        note = form.query_one("#form-error")
        said = "Removed 4 control characters from Name."
        await wait_until(pilot, lambda: said in str(note.render()), "the note under the form")
        assert label.value == "Old SIM"
        notes = form.query_one("#notes")
        notes.focus()
        await wait_until(pilot, lambda: app.focused is notes, "the notes focused")
        app.post_message(events.Paste("line 1\x1b[2J\n\tline 2\ufeff"))
        said = "Removed 2 control characters from Notes."
        await wait_until(pilot, lambda: said in str(note.render()), "the note for the notes")
        assert notes.text == "line 1\n\tline 2"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not isinstance(app.screen, CardForm), "the form closed")
        await settle(pilot)
    [card] = store.cards()
    assert (card.label, card.notes) == ("Old SIM", "line 1\n\tline 2")
    store.close()
    assert_store_clean(tmp_path / DB_FILENAME)


async def test_a_paste_of_several_lines_into_a_one_line_field_keeps_every_line(make_app):
    """Textual's Input kept only a paste's first line: `Line one⏎Line two` pasted
    into a card's name saved `Line one`, and said nothing (tui/ui/textual_fixes.py)."""
    from tui.ui.card_form import CardForm

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(app.screen, CardForm), "the card form")
        label = app.screen.query_one("#label")
        await wait_until(pilot, lambda: app.focused is label, "the name field focused")
        app.post_message(events.Paste("Line one\r\nLine two\n\n  Line three\n"))
        await wait_until(pilot, lambda: label.value != "", "the paste in the field")
        assert label.value == "Line one Line two Line three"


async def test_paste_into_the_filter_is_cleaned_and_said(make_app):
    from tui.ui.status_line import StatusLine

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash")
        box = app.query_one("#filter")
        await wait_until(pilot, lambda: app.focused is box, "the filter focused")
        app.post_message(events.Paste(f"x{OSC52}"))
        status = app.query_one(StatusLine)
        await wait_until(pilot, lambda: "Removed 1" in status.message, "the status line")
        assert box.value == "x" and not unsafe_in(status.message)


def drawn(app) -> str:
    """What the app writes to the terminal for a full redraw of the screen as it is."""
    update = app.screen._compositor.render_update(full=True)
    return update.render_segments(app.console)


@pytest.mark.parametrize("name", SEQUENCES)
async def test_the_app_draws_no_escape_from_an_old_file(tmp_path, make_app, content, name):
    old_file(tmp_path, f"J{SEQUENCES[name]}\u202eX", content)
    store = Store.open(tmp_path / DB_FILENAME)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: "J" in drawn(app), "the card drawn")
        await pilot.press("enter")  # its steps, log and notes on screen too
        await pilot.pause()
        screen = drawn(app)
        for sequence in ("\x1b]", "\x07", "\x1b[2J", "\u202e"):
            assert sequence not in screen, repr(sequence)
    store.close()


async def test_user_content_loads_without_controls_and_says_so(tmp_path, make_app):
    from tui.ui.status_line import StatusLine

    config = tmp_path / "config"
    (config / "i18n").mkdir(parents=True)
    (config / "i18n" / "en.yaml").write_text('app:\n  hint: "keys\\e]52;c;UFdORUQ=\\a"\n')
    content = load_content(content_dir(), config)
    assert content.strings["en"]["app.hint"] == "keys"
    [note] = content.notes
    assert str(note).endswith("en.yaml:2: app.hint: control characters removed when loaded: 1")
    app = make_app(content=content)
    async with app.run_test(size=(80, 24)) as pilot:
        status = app.query_one(StatusLine)
        said = "Control characters were removed from 1 of your content files"
        await wait_until(pilot, lambda: said in status.message, "the notice")


def test_playbook_from_the_user_loses_controls(tmp_path):
    source = content_dir() / "playbooks" / "bank-cancel.yaml"
    config = tmp_path / "config"
    (config / "playbooks").mkdir(parents=True)
    text = source.read_text(encoding="utf-8")
    title = re.search(r"^title:\n  en: (.*)$", text, re.M)
    assert title, "the shipped playbook's title line moved"
    hostile = text.replace(title.group(0), f'title:\n  en: "Mine\\e[2J{title.group(1)}"', 1)
    (config / "playbooks" / "bank-cancel.yaml").write_text(hostile, encoding="utf-8")
    content = load_content(content_dir(), config)
    assert not content.errors, [str(e) for e in content.errors]
    playbook = next(p for p in content.playbooks if p.from_user)
    assert playbook.title.get("en") == "Mine" + title.group(1)


def test_shipped_content_holds_no_control_characters():
    """The shipped files hold no control characters (they are not cleaned at start)."""
    checked = load_content(content_dir(), check_shipped=True)
    assert not checked.notes, [str(n) for n in checked.notes]


def test_tmux_gets_no_clipboard_title_or_clear_from_an_old_label(tmux, tmp_path, content):
    """In a real terminal: tmux takes OSC 52 into a paste buffer (set-clipboard on) and
    OSC 0 as the pane's title; the app drawing an old file's label sets neither."""
    import sys

    data = tmp_path / "data"
    old_file(data, f"J{OSC52}{TITLE}{CLEAR}x", content)
    app = [sys.executable, "-m", "tui", "--data-dir", str(data), "--config-dir", str(tmp_path)]
    # the pane waits until tmux is set up, so the app's first frame meets these options
    tmux.start(["sh", "-c", "tmux wait-for go && exec " + " ".join(app)])
    tmux.run("set-option", "-s", "set-clipboard", "on")
    title = tmux.run("display-message", "-p", "-t", "app", "#{pane_title}").stdout
    tmux.run("wait-for", "-S", "go")
    tmux.wait_for("Cancel a bank card")  # the steps pane, drawn after the card's row
    assert tmux.run("list-buffers").stdout == ""
    assert tmux.run("display-message", "-p", "-t", "app", "#{pane_title}").stdout == title
    assert "J]52;c;UFdORUQ=]0;owned[2Jx" in tmux.screen()  # the label: its text, inert
    tmux.keys("q")
    tmux.wait_gone()


@pytest.mark.parametrize(
    "typed",
    ["Fam 👨\u200d👩\u200d👧", "می\u200cخواهم", "क्\u200dष"],
    ids=["zwj", "zwnj", "conjunct"],
)
async def test_a_joiner_typed_into_a_field_is_kept_as_a_paste_keeps_it(make_app, typed):
    """Textual's Input drops a typed key whose character is not printable, and U+200D
    (ZWJ) and U+200C (ZWNJ) are not: `Fam 👨‍👩‍👧` typed key by key saved `Fam 👨👩👧`,
    while a paste of the same text kept the joiners (tui/ui/textual_fixes.py)."""
    from textual._xterm_parser import XTermParser

    from tui.ui.card_form import CardForm

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(app.screen, CardForm), "the card form")
        label = app.screen.query_one("#label")
        await wait_until(pilot, lambda: app.focused is label, "the name field focused")
        for key in XTermParser().feed(typed):  # as the terminal's bytes read
            app.post_message(key)
            await settle(pilot)
        assert label.value == typed
        notes = app.screen.query_one("#notes")
        notes.focus()
        await wait_until(pilot, lambda: app.focused is notes, "the notes focused")
        for key in XTermParser().feed(f"{typed} and a stray \u200d end"):
            app.post_message(key)
            await settle(pilot)
        assert notes.text == f"{typed} and a stray  end"  # after a space: stray, removed


@pytest.mark.parametrize(
    "typed",
    [
        "Shaky \U0001fae8",  # an emoji newer than Python's Unicode tables (unassigned there)
        "Apple \uf8ff card",  # private use: option+shift+k on a Mac
        "\u05e9\u05dc\u05d5\u05dd\u200e 2",  # a left-to-right mark, from a Hebrew keyboard
        "Scot \U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f",  # tags
    ],
    ids=["new-emoji", "private-use", "lrm", "flag-tags"],
)
async def test_what_a_paste_keeps_typed_key_by_key_is_kept_too(make_app, typed):
    """Textual's Input and TextArea drop a typed key whose character Python calls not
    printable: an emoji newer than its Unicode tables, a private-use character, the
    marks and the tag characters of a flag, all kept from a paste. What the sanitiser
    removes (a bidi override) is still not written."""
    from textual._xterm_parser import XTermParser

    from tui.ui.card_form import CardForm

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(app.screen, CardForm), "the card form")
        for selector in ("#label", "#notes"):
            field = app.screen.query_one(selector)
            field.focus()
            await wait_until(pilot, lambda field=field: app.focused is field, selector)
            for key in XTermParser().feed(f"{typed}\u202e"):  # as the terminal's bytes read
                app.post_message(key)
                await settle(pilot)
            assert (field.value if selector == "#label" else field.text) == typed
