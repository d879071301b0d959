"""What a dialog other than the card form holds, typed and not saved, when the session
is ended from outside (SIGHUP as an SSH connection drops, SIGTERM) is kept and shown
whole at the next start. Found by a tester: the loss-report reference typed into the
lost-wallet list's dialog (`CM-8899`, given once by the issuer on the phone) was lost
when the connection dropped; the card form alone was kept."""

from __future__ import annotations

import json
import os
import signal
import sys

import pytest
from textual.widgets import Input

from tests.helpers.pilot import settle, wait_shown, wait_until
from tests.test_signals import ROOT, processes_with, shell_in_tmux, type_line
from tui.domain.drafts import TYPED_STEM, TypedAside, keep_typed, read_typed
from tui.domain.tracker import Tracker
from tui.records.card_fields import CardFields
from tui.storage.store import DB_FILENAME, Store
from tui.ui.lost_wallet import LostWalletScreen
from tui.ui.messages_screen import MessagesScreen
from tui.ui.reference_dialog import ReferenceScreen

SIZE = (80, 24)
REFERENCE = "CM-8899 工行"

SAID = {
    "en": ("what you were typing", "When the last session ended (SIGHUP)", "Reference"),
    "zh-CN": ("正在输入而未保存的内容也已留存", "上次会话结束（SIGHUP）", "受理编号"),
}


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
async def test_a_reference_typed_and_not_saved_is_kept_and_shown_at_the_next_start(
    make_app, content, clock, tmp_path, lang
):
    data = tmp_path / "data"
    store = Store.open(data / DB_FILENAME)
    tracker = Tracker(store, content.playbooks, clock, issuers=content.issuers)
    tracker.add_card(CardFields("ICBC debit card", "bank", "report-lost", "ICBC", "CN"))
    app = make_app(store, lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        app.open_lost_calls(app.tracker.views())
        await wait_shown(pilot, LostWalletScreen, "the calls")
        await settle(pilot)
        await pilot.press("space")
        await wait_shown(pilot, ReferenceScreen, "the reference dialog")
        await pilot.press(*REFERENCE)
        await wait_until(
            pilot, lambda: app.screen.query_one(Input).value == REFERENCE, "typed"
        )
        said = app.keep_form_draft("SIGHUP")  # what the signal handler asks
    assert SAID[lang][0] in said, said
    [kept] = data.glob(f"{TYPED_STEM}.*.json")
    assert kept.stat().st_mode & 0o777 == 0o600  # private, as the data file is
    assert REFERENCE in json.loads(kept.read_text())["texts"][0]
    assert [e.event for e in store.log(store.cards()[0].id)].count("lost.called") == 0

    app = make_app(store, lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        await wait_shown(pilot, MessagesScreen, "what was kept, shown whole")
        text = app.screen.text
        assert SAID[lang][1] in text and REFERENCE in text and SAID[lang][2] in text, text
        assert "ICBC debit card" in text  # which dialog: its title names the card
    assert not kept.exists()  # shown once
    app = make_app(store, lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert not isinstance(app.screen, MessagesScreen)
    store.close()


async def test_an_untouched_dialog_and_hidden_fields_keep_nothing(
    make_app, content, clock, tmp_path
):
    """A dialog opened and not typed in keeps nothing (the usual line is said), and the
    vault's passphrase, a hidden field, is never written to a plain file."""
    data = tmp_path / "data"
    store = Store.open(data / DB_FILENAME)
    tracker = Tracker(store, content.playbooks, clock, issuers=content.issuers)
    tracker.add_card(CardFields("ICBC debit card", "bank", "report-lost", "ICBC", "CN"))
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        app.open_lost_calls(app.tracker.views())
        await wait_shown(pilot, LostWalletScreen, "the calls")
        await settle(pilot)
        await pilot.press("space")
        await wait_shown(pilot, ReferenceScreen, "the reference dialog")
        said = app.keep_form_draft("SIGTERM")
        assert "everything saved before is kept." in said and "typing" not in said
        assert not list(data.glob(f"{TYPED_STEM}.*.json"))
        field = app.screen.query_one(Input)
        field.password = True  # as the passphrase's field is
        await pilot.press(*"secret-1234")
        app.keep_form_draft("SIGTERM")
        assert not list(data.glob(f"{TYPED_STEM}.*.json"))
    store.close()


@pytest.mark.slow
def test_a_dropped_session_keeps_the_reference_typed_in_a_real_terminal(tmux, tmp_path):
    """The app in tmux, ended by SIGHUP with the reference dialog open: the terminal's
    line says it is kept, and the next start shows it."""
    data, config = tmp_path / "data", tmp_path / "config"
    store = Store.open(data / DB_FILENAME)
    from tui.base.paths import content_dir
    from tui.library.content import load_content

    content = load_content(content_dir())
    Tracker(store, content.playbooks, issuers=content.issuers).add_card(
        CardFields("ICBC debit card", "bank", "report-lost", "ICBC", "CN", carried=True)
    )
    store.close()
    app = f"{sys.executable} -m tui --data-dir {data} --config-dir {config}"
    shell_in_tmux(tmux)
    type_line(tmux, f"cd {ROOT} && {app}; echo EXIT=$?")
    tmux.wait_for("ICBC debit card")
    tmux.keys("L")
    tmux.wait_for("space pick/unpick")  # it is picked: carried, and being reported lost
    tmux.keys("Enter")  # nothing to switch: straight to the calls
    tmux.wait_for("1 of 1 still to call")
    tmux.keys("space")
    tmux.wait_for("e.g. 2026112400123")  # the reference dialog's empty field
    tmux.keys(REFERENCE, literal=True)
    tmux.wait_typed(REFERENCE)
    [pid] = processes_with(str(data), "python")
    os.kill(pid, signal.SIGHUP)
    screen = tmux.wait_for(f"EXIT={128 + signal.SIGHUP}")
    assert "what you were typing and had not saved is kept" in " ".join(screen.split())
    type_line(tmux, "clear")
    type_line(tmux, f"{app}; echo EXIT=$?")
    tmux.wait_for(REFERENCE)
    tmux.wait_for("When the last session ended (SIGHUP)")
    tmux.keys("Escape")
    tmux.keys("q")
    tmux.wait_for("EXIT=0")
    assert not list(data.glob(f"{TYPED_STEM}.*.json"))


def test_two_sessions_ended_together_keep_both(tmp_path, monkeypatch):
    """Found by a tester: two sessions on one data dir ended by one dropped connection;
    the second to end wrote over what the first kept. Each session keeps its own file,
    and the next start shows both, oldest first, then forgets them."""
    first = TypedAside((("Proof: Call the bank", "Reference", "SESSION-ONE-REF"),), "SIGHUP")
    second = TypedAside((("Proof: Call the bank", "Reference", "SESSION-TWO-REF"),), "SIGHUP")
    monkeypatch.setattr("os.getpid", lambda: 1001)
    one = keep_typed(tmp_path, first)
    monkeypatch.setattr("os.getpid", lambda: 1002)
    two = keep_typed(tmp_path, second)
    os.utime(one, (1, 1))  # the first ended first
    found = read_typed(tmp_path)
    assert found is not None
    typed, paths = found
    assert [text for _, _, text in typed.texts] == ["SESSION-ONE-REF", "SESSION-TWO-REF"]
    assert sorted(paths) == sorted([one, two])


async def test_a_form_kept_twice_still_says_its_identifiers_were_not_kept(tmp_path, make_app):
    """Found by a tester: a card form kept with an ICCID typed (not written: identifiers
    never go to a plain file), opened again and ended again before it was saved, no
    longer said the ICCID must be typed again."""
    from tests.helpers.pilot import settle as settled
    from tui.domain.drafts import read_draft
    from tui.ui.card_form import CardForm

    data = tmp_path / "data"
    store = Store.open(data / DB_FILENAME)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await pilot.press("a", *"Kept")
        await wait_until(pilot, lambda: isinstance(app.screen, CardForm), "the form")
        app.screen.query_one("#id-iccid", Input).value = "89860011223344556677"
        app.keep_form_draft("SIGHUP")
    assert read_draft(data).had_identifiers
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, CardForm), "the kept form")
        await settled(pilot)
        app.keep_form_draft("SIGHUP")  # ended again, nothing typed since
    assert read_draft(data).had_identifiers
    store.close()
