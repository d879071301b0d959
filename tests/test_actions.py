"""One list of actions (tui/ui/actions.py) makes the app's keys, footer, help and
command palette: each action is reachable from each place it says, and named there
in every language."""

from __future__ import annotations

import pytest

from tests.helpers.pilot import settle
from tui.ui.actions import ACTIONS


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
async def test_every_action_has_its_key_its_palette_entry_and_their_words(make_app, lang):
    app = make_app(lang=lang)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        t = app.t
        bound = {b.action: b for b in app._bindings.key_to_bindings.values() for b in b}
        offered = {c.title: c for c in app.get_system_commands(app.screen)}
        for action in ACTIONS:
            assert callable(getattr(app, f"action_{action.name}")), action.name
            if action.keys:
                binding = bound[action.name]
                assert binding.id == f"app.{action.id}" and binding.show == action.footer
                assert t.has(f"key.app.{action.id}"), action.id
                assert binding.description == t(f"key.app.{action.id}")
            if action.palette and action.offered_when:
                # offered only when it applies: no card here, nothing it applies to
                assert t.has(f"palette.{action.id}") and t.has(f"palette.{action.id}_help")
                assert not getattr(app, action.offered_when)(), action.id
                assert t(f"palette.{action.id}") not in offered, action.id
            elif action.palette:
                assert t.has(f"palette.{action.id}") and t.has(f"palette.{action.id}_help")
                assert t(f"palette.{action.id}") in offered, action.id
            else:
                assert not t.has(f"palette.{action.id}") or t(f"palette.{action.id}") not in offered


async def test_an_action_that_does_not_apply_from_the_palette_does_nothing(make_app):
    """The palette runs an action as a callback: one that does not apply where the
    focus is (raises SkipAction, as the filter does while a field has the focus)
    must do nothing there, not stop the app."""
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        command = next(
            c for c in app.get_system_commands(app.screen) if c.title == app.t("palette.filter")
        )
        app.inventory.open_filter()  # a field has the focus: "/" would be typed there
        await pilot.pause()
        app.call_later(command.callback)
        await pilot.pause()
        await pilot.pause()
        assert app.is_running and app.return_code is None
