"""No Mount handler of ours runs while the app is ending.

Once `App.exit` has been called, Textual mounts nothing more: `Widget.mount_all`, which
mounts what a `compose` yields, returns at once while the app exits. A screen or widget
whose compose comes after that moment has none of its children, and a Mount handler
that looked one up raised NoMatches, reported as a crash. SIGTERM and SIGHUP end the
app with `exit` (session_end.py) between two messages, so a signal handled between a
dialog's push and its compose did it (`L Enter y space` typed at once, the app killed
0.3 s later: the lost-wallet question or the reference dialog had no fields), and so
would a signal while the panes are built at start-up.

Every class of ours with an `on_mount` or `on_screen_resume` of its own (the app, its
panes and lines, every dialog) derives from SkipsMountWhileEnding: those handlers are
skipped while the app is ending (`mount_skipped`; a dialog also skips them once it has
closed, see dialog_screen.py), and so are the Mount handlers of the Textual classes it
derives from (Textual's Header looks up its title line as it mounts: AppHeader).
Nothing such a handler sets up (a focus, a placeholder, a timer, a border title) is of
use to an app that is going away. `tests/test_dialog_race.py` holds every such class
to it.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from textual._context import NoActiveAppError
from textual.app import ScreenStackError

# the handlers skipped: Mount's, and a screen's ScreenResume (posted as it is pushed,
# handled right after its Mount: the hotline search's looks up its field)
GUARDED = ("on_mount", "on_screen_resume")


def app_ending(node) -> bool:
    """True once the app of `node` (a widget, a screen, or the app itself) has been
    told to exit, or when `node` has no app any more."""
    try:
        app = node.app
    except (NoActiveAppError, ScreenStackError):
        return True
    # Textual's own flag, set by App.exit; the one its mount_all looks at
    return bool(getattr(app, "_exit", False))


def _unless_skipped(handler: Callable[..., object]) -> Callable[..., object]:
    """`handler` (a class's own on_mount or on_screen_resume) run only while its
    `mount_skipped()` is false."""

    @wraps(handler)
    def run(self: SkipsMountWhileEnding, *args: object) -> object:
        if self.mount_skipped():
            return None
        return handler(self, *args)  # an async handler's coroutine, for Textual to await

    return run


class SkipsMountWhileEnding:
    """For a Textual widget, screen or app (before it in the class list): the `on_mount`
    and `on_screen_resume` of every class derived from it are skipped while
    `mount_skipped()` is true."""

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        for name in GUARDED:
            if name in cls.__dict__:
                setattr(cls, name, _unless_skipped(cls.__dict__[name]))

    def _on_mount(self, event) -> None:
        # Textual runs this after the Mount handlers of the classes derived from this
        # one, and before those of the classes it comes before: Textual's own are not
        # run either while the handlers are skipped (Header's looks up its title line)
        if self.mount_skipped():
            event.prevent_default()

    def mount_skipped(self) -> bool:
        """Whether this node's Mount and ScreenResume handlers are skipped now: while
        the app ends."""
        return app_ending(self)
