from tests.helpers.pilot import settle
from tui.ui.dialogs import ConfirmDialog


async def test_a_question_closed_before_its_mount_is_handled_crashes_nothing(make_app):
    """Found by the key fuzzer (seed 13): a question closed by a key the app handled
    before the question's Mount ran, whose handler then looked for a button that was
    gone (NoMatches, a crash report)."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        dialog = ConfirmDialog("Go on?")
        app.push_screen(dialog)
        app.pop_screen()
        await settle(pilot)
        assert app.screen is not dialog
        assert app.return_code in (None, 0)
