"""What start-up loads and works out, measured against a bare Textual app (make bench):
the first frame loads no module that only a later key needs, Babel's facts are kept
together by the start that loads Babel, the key bar is built once, and the work that
was moved or made cheaper gives what it gave before."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys

from rich.cells import cell_len
from textual.widgets import Footer

from tests.helpers.pilot import settle, wait_until
from tui.domain.tracker import Tracker
from tui.records.card_fields import CardFields
from tui.records.identifiers import Identifier
from tui.storage.store import Store
from tui.ui.inventory_pane import InventoryPane
from tui.ui.steady_footer import KeyRow, SteadyFooter

SIZE = (80, 24)


def _run(code: str, cache) -> list[str]:
    env = os.environ | {"XDG_CACHE_HOME": str(cache), "TZ": "UTC"}
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert run.returncode == 0, run.stderr
    return run.stdout.split()


def _cards_file(tmp_path, content, clock):
    path = tmp_path / "cardoff.json"
    store = Store.open(path)
    tracker = Tracker(store, content.playbooks, clock, issuers=content.issuers)
    tracker.add_card(CardFields("Debit", "bank", "report-lost", "HSBC", "HK"))
    tracker.add_card(CardFields("Metro", "transit", "cancel", "Octopus", "HK"))
    store.close()
    return path


FIRST_FRAME = (
    "import asyncio, sys\n"
    "from pathlib import Path\n"
    "from tui.storage.store import Store\n"
    "from tui.ui.app import create_app\n"
    "app = create_app(Store.open(Path({path!r})))\n"
    "async def first_frame():\n"
    "    async with app.run_test(size=(80, 24)) as pilot:\n"
    "        await pilot.pause()\n"
    "        assert app.inventory.table.row_count == 2\n"
    "asyncio.run(first_frame())\n"
)


def test_the_first_frame_loads_nothing_only_later_keys_need(tmp_path, content, clock):
    """OpenSSL (through hashlib or secrets), fastjsonschema's code generator, Textual's
    TextArea and web driver, and the modules of typed times, copies and the
    lost-wallet list stay unloaded until a key needs them."""
    path = _cards_file(tmp_path, content, clock)
    later = (
        "hashlib", "hmac", "secrets", "_hashlib", "fastjsonschema",
        "textual.widgets._text_area", "textual.document", "textual.drivers.web_driver",
        "tui.base.typed_moment", "tui.domain.lost_wallet_calls",
        "tui.base.clipboard_reach", "tui.ui.web_input",
    )
    code = FIRST_FRAME.format(path=str(path)) + (
        f"print(sorted(m for m in {later!r} if m in sys.modules) or 'none')\n"
    )
    for start in ("first", "later"):  # the first works Babel's facts out; both count
        assert _run(code, tmp_path / "cache")[-1] == "none", start


def test_the_start_that_loads_babel_keeps_the_region_names_too(tmp_path, content, clock):
    """The first start after an install loads Babel for the dates and counts; it keeps
    the region names then, so a later session names a region (a number for abroad)
    without loading Babel's locale data (~5 MiB)."""
    path = _cards_file(tmp_path, content, clock)
    cache = tmp_path / "cache"
    first = FIRST_FRAME.format(path=str(path)) + "print('babel' in sys.modules)\n"
    assert _run(first, cache)[-1] == "True"  # this start worked Babel's facts out
    later = (
        "import sys\n"
        "from tui.library.regions import region_name\n"
        "print(region_name('DE', 'en'), region_name('JP', 'en'))\n"
        "print('babel' in sys.modules)\n"
    )
    assert _run(later, cache) == ["Germany", "Japan", "False"]


def test_a_region_typed_as_a_name_is_read_without_babel_at_a_later_start(tmp_path):
    code = (
        "import sys\n"
        "from tui.library.regions import region_code\n"
        "print(region_code('China'), region_code('日本'), region_code('Deutschland') or '-')\n"
        "print('babel' in sys.modules)\n"
    )
    cache = tmp_path / "cache"
    assert _run(code, cache) == ["CN", "JP", "-", "True"]  # worked out with Babel, kept
    assert _run(code, cache) == ["CN", "JP", "-", "False"]  # read back


def test_region_codes_edited_but_still_json_are_worked_out_again(tmp_path, monkeypatch):
    import orjson

    from tui.library.regions import _cldr_names, region_code

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    _cldr_names.cache_clear()
    assert region_code("China") == "CN"
    [written] = (tmp_path / "cache" / "cardoff-tui").glob("region-codes-*.json")
    stored = orjson.loads(written.read_bytes())
    for damage in ([1, 2], {"china": 5}, {"china": "CHN"}, "text", None):
        written.write_bytes(orjson.dumps(stored | {"value": damage}))
        _cldr_names.cache_clear()  # a new start
        assert region_code("China") == "CN"
        assert orjson.loads(written.read_bytes()) == stored
    _cldr_names.cache_clear()


def test_text_area_made_steady_when_first_taken_after_start_up():
    """TextArea is not loaded at start-up; when the card form takes it from
    textual.widgets, its cursor does not blink."""
    code = (
        "import sys\n"
        "import tui.ui.app\n"
        "print('textual.widgets._text_area' in sys.modules)\n"
        "from textual.widgets import TextArea\n"
        "print(TextArea().cursor_blink)\n"
        "from tui.ui.card_form import CardForm\n"
        "print(TextArea().cursor_blink)\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == ["False", "False", "False"]


async def test_the_key_bar_is_built_once_at_start(make_app, monkeypatch):
    """The bindings change three times before the key bar is first shown; one row of
    keys is built, and it shows what Textual's Footer shows."""
    builds = []
    compose = KeyRow.compose

    def counted(self):
        builds.append(self)
        return compose(self)

    monkeypatch.setattr(KeyRow, "compose", counted)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        ours = app.screen.query_one(SteadyFooter)
        await wait_until(pilot, lambda: ours.row is not None, "the keys")
        assert len(builds) == 1
        plain = Footer(id="plain")
        await app.screen.mount(plain)
        app.screen.refresh_bindings()  # what a focus change does

        def shown(footer) -> list[tuple[str, str]]:
            return [(k.key_display, k.description) for k in footer.children if k.display]

        await wait_until(pilot, lambda: shown(plain) == shown(ours.row), "Textual's keys")
        assert ("a", "Add") in shown(ours.row) and len(builds) == 1


def test_identifiers_kept_in_counts_what_the_cards_say(content, clock):
    """Counted from the records as stored, as the cards built from them say."""
    from dataclasses import replace

    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock)
    for number, place in enumerate(["vault", "vault", "keyring", None]):
        card = tracker.add_card(CardFields(f"eSIM {number}", "esim", "cancel", "Carrier"))
        kept = {"iccid": Identifier("1234", place)}
        if place is not None:  # a secret kept nowhere is no record at all
            kept["port_pin"] = Identifier("", place, secret=True)
        store.save_card(replace(store.card(card.id), identifiers=kept))
    cards = store.cards()
    for place in ("vault", "keyring"):
        said = sum(1 for c in cards for i in c.identifiers.values() if i.kept_in == place)
        assert tracker.identifiers_kept_in(place) == said
    assert [tracker.identifiers_kept_in(p) for p in ("vault", "keyring")] == [4, 2]


async def test_column_widths_are_each_cards_widest(make_app, content, clock):
    """The columns are as wide as their widest cell, measured once per different
    value: the same widths as measuring every card."""
    store = Store.in_memory()
    tracker = Tracker(store, content.playbooks, clock, issuers=content.issuers)
    issuers = ["", "HSBC", "A bank with a very long name indeed", "中国工商银行"]
    for number in range(24):
        fields = CardFields(
            f"Card {number}", ("bank", "transit", "esim")[number % 3],
            ("cancel", "report-lost")[number % 2], issuers[number % 4], "HK",
        )
        card = tracker.add_card(fields)
        if number % 5 == 0:
            tracker.set_follow_up(card.id, dt.date(2026, 10 + number % 3, 1 + number % 8))
    tracker.add_card(CardFields("Old eSIM", "esim", "cancel", "China Mobile", "CN"))
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        pane = app.query_one(InventoryPane)
        views = tracker.views()
        # How's heading counts only with a card that says how (else the column is left out)
        headings = [
            0 if key == "how" else cell_len(app.t(f"column.{key}")) for key in pane._columns
        ]
        each = [pane._widths_of(view) for view in views]
        columns = zip(headings, zip(*each, strict=True), strict=True)
        expected = [max([heading, *column]) for heading, column in columns]
        assert expected[pane._columns.index("how")] > 0  # China Mobile: in person
        assert pane._widest(views) == expected
        assert pane._widest([]) == headings


def test_start_up_runs_without_the_cycle_collector_until_the_first_frame(tmp_path):
    """The command line builds the app with the cycle collector off and the first frame
    turns it back on; a start that opens no app leaves it on."""
    (tmp_path / "a file").write_text("not a folder")
    code = (
        "import asyncio, gc, sys\n"
        "from tui.base.paths import Paths\n"
        "from tui.cli.open_app import build_app\n"
        "from tui.cli.parser import parse_command_line\n"
        "def built(data):\n"
        "    args = parse_command_line(['--data-dir', data, '--config-dir', {config!r}])\n"
        "    return build_app(args, Paths.resolve(args.data_dir, args.config_dir))\n"
        "print(built({blocked!r}) is None, gc.isenabled())\n"
        "app, store, _mouse = built({data!r})\n"
        "print(gc.isenabled())\n"
        "async def first_frame():\n"
        "    async with app.run_test(size=(80, 24)) as pilot:\n"
        "        for _ in range(5):\n"
        "            await pilot.pause()\n"
        "        print(gc.isenabled(), gc.get_freeze_count() > 0)\n"
        "asyncio.run(first_frame())\n"
        "store.close()\n"
    ).format(config=str(tmp_path / "config"), data=str(tmp_path / "data"),
             blocked=str(tmp_path / "a file"))
    assert _run(code, tmp_path / "cache") == ["True", "True", "False", "True", "True"]
