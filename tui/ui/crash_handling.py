"""The apps' one handler for errors they did not expect (see tui/base/crash.py).

Textual sends every unhandled error (in a message handler, a timer, a worker, compose
or mount) to `App._handle_exception`, which by default draws a traceback with the
local variables of every frame and prints it once the terminal is restored; a dead
input thread goes to `App.panic` with a traceback of its own. Here both write a crash
report instead, with no values of variables, and print one line on stderr once Textual
has restored the terminal (in `App._print_error_renderables`, where Textual prints its
own): what stopped the app and where the report is. The line is printed as it is, not
through Rich, which would cut it at the terminal's width and split the path. The app
still exits with return code 1, and under `App.run_test` the error is still raised to
the test, as Textual does.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # tui.base.crash loads when something has gone wrong, not at start-up
    from tui.base.crash import Failure, Reported


class CrashHandling:
    """For an App with a catalog `t`. `crash_report` is what was reported (None until
    something was); only the first error of a run is reported: what follows it is
    usually its consequence."""

    crash_report: Reported | None = None
    _crash_line = ""

    def _handle_exception(self, error: Exception) -> None:
        self._return_code = 1
        if self._exception is None:  # what run_test raises to the test once it ends
            self._exception = error
            self._exception_event.set()
        from tui.base.crash import failures_of

        self._crashed(lambda: failures_of(error))

    def panic(self, *renderables) -> None:
        from rich.traceback import Traceback

        traces = [r for r in renderables if isinstance(r, Traceback)]
        if not traces:
            super().panic(*renderables)
            return
        self._return_code = 1
        self._exception_event.set()  # so a Pilot waiting on the screen stops waiting
        self._crashed(lambda: failures_of_trace(traces[0].trace))

    def _crashed(self, failures) -> None:
        from tui.base.crash import report

        if self.crash_report is None:
            self.crash_report = report(
                failures(),
                known=list(self.typed_secrets()),
                where="the app",
            )
            self._crash_line = self.crash_message(self.crash_report)
        self._close_messages_no_wait()

    def _print_error_renderables(self) -> None:
        super()._print_error_renderables()
        if self._crash_line:
            line, self._crash_line = self._crash_line, ""
            print(line, file=sys.stderr, flush=True)

    def crash_message(self, reported: Reported) -> str:
        """The line printed on stderr once the terminal is restored, in the app's
        language (in English before the app has its catalog)."""
        t = getattr(self, "t", None)
        if t is None:
            from tui.base.crash import command_line_message

            return command_line_message(reported)
        if reported.path is None:
            return t("app.crashed_no_report", error=reported.error, problem=reported.problem)
        return t("app.crashed", error=reported.error, path=str(reported.path))

    def typed_secrets(self) -> Iterator[str]:
        """What the open screens hold that a report must not: the values of passphrase
        fields and of the card form's identifier fields (ids "id-…"), and the clipboard
        (an identifier copied with `c`)."""
        from textual.widgets import Input

        try:
            boxes = [box for screen in self.screen_stack for box in screen.query(Input)]
        except Exception:  # screens half built or torn down: tui.base.redact's patterns still apply
            boxes = []
        for box in boxes:
            if box.value and (box.password or (box.id or "").startswith("id-")):
                yield box.value
        if isinstance(getattr(self, "clipboard", None), str):
            yield self.clipboard


def failures_of_trace(trace) -> list[Failure]:
    """A rich.traceback.Trace (built with no locals) as Failures, causes first."""
    from tui.base.crash import Failure, Frame

    stacks = list(trace.stacks)
    failures = []
    for index, stack in enumerate(stacks):
        frames = tuple(Frame(f.filename, f.lineno, f.name, f.line or "") for f in stack.frames)
        # rich lists the last error first; stacks[i] is the cause (or the context) of
        # stacks[i - 1]
        led_to = "" if index == 0 else ("cause" if stack.is_cause else "context")
        failures.append(Failure(stack.exc_type, stack.exc_value, frames, led_to))
    return list(reversed(failures))
